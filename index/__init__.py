"""Passages → on-disk index (FAISS vectors, BM25, manifest), and the searches over it. Knows nothing of answers."""
