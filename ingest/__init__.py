"""PDF → Document: pages, sections, passages, commitments. Knows nothing of the index."""
