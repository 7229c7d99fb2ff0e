"""The eval suite: gold questions driven through `Assistant.ask`, the same entry point as CLI and API."""
