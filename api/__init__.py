"""Thin shells over the assistant: the `leitbild` CLI and the HTTP service with its web chat."""
