"""Passage vectors searchable by inner product: exact (flat) for small collections, an HNSW graph
for large ones, chosen by size (LEITBILD_ANN_MIN_PASSAGES).

Vectors are unit length, so the inner product is the cosine. A flat index scans every vector:
exact, nothing to build, and with one thread about 0.1-0.2 ms per 1,000 passages, so fast enough
up to some 50,000 (eval/bench_scale.py measures it). Past that an HNSW graph (faiss
IndexHNSWFlat) answers in a few milliseconds with recall@10 about 0.98 against the exact scan
(efSearch 1024, measured at 1,000,000 passages). Both are written with faiss and read back memory-mapped (IO_FLAG_MMAP_IFC): worker processes share the vectors through
the page cache instead of each holding a copy; only HNSW's neighbour lists are read into memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import faiss
import numpy as np

Kind = Literal["flat", "hnsw"]
FILE = "vectors.faiss"
# Measured with eval/bench_scale.py (passages derived from 18,592 real vectors, M=32, efConstruction=80):
# recall@10 against exact search at 300,000 passages 0.978 / 0.994 / 0.998 for efSearch 256 / 512 /
# 1024 (p50 1.1 / 2.2 / 4.2 ms); at 1,000,000 0.917 / 0.963 / 0.984 (p95 1.5 / 2.5 / 5.3 ms), so the
# default is 1024: recall at least 0.97 at a million with p95 well under 10 ms. (Retrieval asks for
# RetrievalPolicy.candidates hits, and efSearch is never below k.)
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 1024


@dataclass(frozen=True)
class HnswParameters:
    m: int = HNSW_M
    ef_construction: int = HNSW_EF_CONSTRUCTION
    ef_search: int = HNSW_EF_SEARCH


def choose_kind(passages: int, ann_min_passages: int) -> Kind:
    return "hnsw" if passages >= ann_min_passages else "flat"


class VectorIndex:
    def __init__(self, index: faiss.Index, ef_search: int = HNSW_EF_SEARCH) -> None:
        self._index = index
        self.ef_search = ef_search
        self.kind: Kind = "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        *,
        kind: Kind = "flat",
        hnsw: HnswParameters | None = None,
    ) -> VectorIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError(f"Vektoren müssen eine Matrix sein, nicht Form {vectors.shape}")
        dimensions = vectors.shape[1]
        if kind == "hnsw":
            params = hnsw or HnswParameters()
            index = faiss.IndexHNSWFlat(dimensions, params.m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = params.ef_construction
            ef_search = params.ef_search
        else:
            index = faiss.IndexFlatIP(dimensions)
            ef_search = HNSW_EF_SEARCH
        if len(vectors):
            index.add(vectors)
        return cls(index, ef_search)

    @classmethod
    def for_size(cls, vectors: np.ndarray, ann_min_passages: int, hnsw: HnswParameters | None = None) -> VectorIndex:
        return cls.build(vectors, kind=choose_kind(len(vectors), ann_min_passages), hnsw=hnsw)

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    @property
    def d(self) -> int:
        return int(self._index.d)

    @property
    def faiss_index(self) -> faiss.Index:
        return self._index

    def search(
        self, queries: np.ndarray, k: int, *, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k best passages per query: (scores, ids), best first; id -1 where fewer exist.
        `allowed` (a boolean mask over the passages) restricts the search, e.g. to some documents."""
        queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(1, min(int(k), self.ntotal)) if self.ntotal else 1
        if self.ntotal == 0:
            return np.full((len(queries), k), -np.inf, dtype=np.float32), np.full((len(queries), k), -1, dtype=np.int64)
        selector = bitmap = None
        if allowed is not None:
            allowed = np.asarray(allowed, dtype=bool)
            if allowed.shape != (self.ntotal,):
                raise ValueError(f"Maske der Länge {allowed.shape} passt nicht zu {self.ntotal} Vektoren")
            bitmap = np.packbits(allowed, bitorder="little")  # faiss reads bit i of byte i // 8, lowest first
            selector = faiss.IDSelectorBitmap(self.ntotal, faiss.swig_ptr(bitmap))
        if self.kind == "hnsw":
            # The candidate list must hold at least k entries, or fewer than k come back.
            params = faiss.SearchParametersHNSW(efSearch=max(self.ef_search, k), sel=selector)
        else:
            params = faiss.SearchParameters(sel=selector) if selector is not None else None
        scores, ids = self._index.search(queries, k, params=params)
        del bitmap  # faiss only borrowed it; it had to live until the search was done
        return scores, ids

    def reconstruct(self, i: int) -> np.ndarray:
        return self._index.reconstruct(int(i))

    def reconstruct_batch(self, ids: np.ndarray) -> np.ndarray:
        ids = np.asarray(ids, dtype=np.int64)
        if len(ids) == 0:
            return np.zeros((0, self.d), dtype=np.float32)
        return self._index.reconstruct_batch(ids)

    def save(self, directory: Path) -> Path:
        path = Path(directory) / FILE
        faiss.write_index(self._index, str(path))
        return path

    @classmethod
    def load(cls, directory: Path, *, mmap: bool = True, ef_search: int = HNSW_EF_SEARCH) -> VectorIndex:
        """Read back; memory-mapped, the vectors stay in the page cache shared by all processes."""
        flags = (faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY) if mmap else 0
        return cls(faiss.read_index(str(Path(directory) / FILE), flags), ef_search)

    def memory_bytes(self) -> dict[str, int]:
        """Bytes of vectors and, for HNSW, of the neighbour lists (what the index costs in memory)."""
        vectors = self.ntotal * self.d * 4
        if self.kind != "hnsw":
            return {"vectors": vectors, "graph": 0}
        hnsw = self._index.hnsw
        graph = faiss.vector_to_array(hnsw.neighbors).nbytes + faiss.vector_to_array(hnsw.offsets).nbytes
        graph += faiss.vector_to_array(hnsw.levels).nbytes
        return {"vectors": vectors, "graph": int(graph)}
