"""Value types and settings shared by every layer (ingest → index → assistant → api)."""
