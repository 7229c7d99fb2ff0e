"""Retrieval at a million passages, without the encoder (figures for the notes, not a test).

    .venv/bin/python -m eval.bench_scale [--passages 1000000] [--queries 1000] [--sources DIR ...]

How the collection is made (no million real passages exist here, so they are derived from real ones):
- Real material: every passage vector and sentence vector, with its text, of the indexes given by
  --sources (default: var/index, the Leitbild, and var/related, the four coalition agreements of
  ../shared/corpus/related once ingested there with `leitbild --index var/related ingest …`).
- Vectors: the real ones first, then synthetic passage n = normalise(v_i + β·(v_j − v_k)) with i
  cycling through the real vectors and j, k drawn at random, β uniform in [0.3, 0.6]. A difference
  of two real e5 vectors lies in the directions e5 actually uses (e5's vectors are anisotropic;
  Gaussian noise would not be), so the synthetic passages spread like real ones instead of
  clustering as exact copies. The cosines of synthetic passages to their source are reported.
- Queries: the e5 vectors of the real gold questions (eval/gold.yaml, eval/gold/*.yaml; the
  encoder runs once, untimed), then perturbed the same way with differences of question vectors
  up to --queries.
- BM25 texts: each real text is turned into its German terms (domain/german.py, as the index does;
  the cost per passage is reported); synthetic passage n keeps each term of text i with
  probability 0.8 and gains three terms of text j. bm25s indexes these term lists.

Measured: build time, memory (vectors, HNSW graph, process RSS), single-query search latency
p50/p95 for k=10 and k=100 (the way the app searches: one query at a time, --threads cores),
recall@10 of HNSW (and IVF with --ivf) against the exact flat search on every query, BM25 index
time and memory, BM25 query p50/p95 (scores for all passages plus top-k, as assistant/retrieve.py
does it). Progress goes to stderr, one JSON object to stdout (and to --out).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

from domain.settings import PROJECT_ROOT, get_settings
from index.vectors import HnswParameters, VectorIndex

DEFAULT_SOURCES = (PROJECT_ROOT / "var" / "index", PROJECT_ROOT / "var" / "related")
GOLD_FILES = (PROJECT_ROOT / "eval" / "gold.yaml", *sorted((PROJECT_ROOT / "eval" / "gold").glob("*.yaml")))
CHUNK = 100_000


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def memory() -> dict[str, float]:
    """This process's memory in MiB: resident, of it anonymous (copies) and file-backed (mapped), peak."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def percentiles(values_ms: list[float]) -> dict[str, float]:
    array = np.asarray(values_ms)
    return {"p50": round(float(np.percentile(array, 50)), 3), "p95": round(float(np.percentile(array, 95)), 3)}


# -- the material --------------------------------------------------------------------------------


def real_material(sources: list[Path]) -> tuple[np.ndarray, list[str], list[str]]:
    """Passage and sentence vectors with their texts from the given indexes."""
    from index import store

    vectors, texts, used = [], [], []
    for source in sources:
        if store.current_version(source) is None:
            log(f"übersprungen (kein Index): {source}")
            continue
        data = store.load(source)
        total = data.vectors.ntotal
        vectors.append(np.vstack([data.vectors.reconstruct(i) for i in range(total)]) if total else None)
        texts.extend(store.search_text(p) for p in data.passages)
        vectors.append(np.asarray(data.unit_vectors, dtype=np.float32))
        texts.extend(u.text for p in data.passages for u in p.units)
        used.append(f"{source} ({len(data.documents)} Dokumente, {total} Passagen, {len(data.unit_vectors)} Sätze)")
    blocks = [v for v in vectors if v is not None and len(v)]
    if not blocks:
        raise SystemExit("Keine Vektoren gefunden: --sources muss auf eingelesene Indexe zeigen")
    return np.ascontiguousarray(np.vstack(blocks), dtype=np.float32), texts, used


def question_vectors() -> np.ndarray:
    from eval.gold import load_gold
    from index.embedder import load_embedder

    questions = [q.question for path in GOLD_FILES if path.exists() for q in load_gold(path)]
    settings = get_settings()
    embedder = load_embedder(settings.model_path(), settings.torch_threads, settings.encoder)
    return np.vstack([embedder.queries(questions[i : i + 32]) for i in range(0, len(questions), 32)])


def normalise(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def perturbed(base: np.ndarray, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`count` vectors: base[i] + β·(base[j] − base[k]), normalised; and the i and j used."""
    i = np.arange(count) % len(base)
    j = rng.integers(0, len(base), count)
    k = rng.integers(0, len(base), count)
    beta = rng.uniform(0.3, 0.6, count).astype(np.float32)[:, None]
    return normalise(base[i] + beta * (base[j] - base[k])).astype(np.float32), np.stack([i, j], axis=1)


def collection(real: np.ndarray, size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The passage vectors (real first) and for each synthetic one its source (i) and donor (j)."""
    vectors = np.empty((size, real.shape[1]), dtype=np.float32)
    taken = min(size, len(real))
    vectors[:taken] = real[:taken]
    origins = np.stack([np.arange(taken), np.arange(taken)], axis=1)
    blocks = [origins]
    for start in range(taken, size, CHUNK):
        end = min(size, start + CHUNK)
        vectors[start:end], made = perturbed(real, end - start, rng)
        blocks.append(made)
    return vectors, np.vstack(blocks)


# -- vector search -------------------------------------------------------------------------------


def timed_searches(index: VectorIndex, queries: np.ndarray, k: int) -> dict[str, float]:
    index.search(queries[:5], k)  # warm-up: first touches of the mapped pages
    timings = []
    for q in queries:
        started = time.perf_counter()
        index.search(q[None, :], k)
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def exact_top(index: VectorIndex, queries: np.ndarray, k: int) -> np.ndarray:
    return np.vstack([index.search(queries[s : s + 256], k)[1] for s in range(0, len(queries), 256)])


def recall_at(truth: np.ndarray, found: np.ndarray) -> float:
    k = truth.shape[1]
    return float(np.mean([len(set(t) & set(f)) / k for t, f in zip(truth, found, strict=True)]))


def saved_and_mapped(index: VectorIndex, directory: Path) -> tuple[VectorIndex, float]:
    path = index.save(directory)
    size = path.stat().st_size / 2**20
    return VectorIndex.load(directory), size


def bench_flat(vectors, queries, latency_queries, workdir) -> tuple[dict, np.ndarray]:
    log("flat: bauen")
    started = time.perf_counter()
    built = VectorIndex.build(vectors, kind="flat")
    build_s = time.perf_counter() - started
    flat, file_mib = saved_and_mapped(built, workdir / "flat")
    del built
    gc.collect()
    log("flat: exakte Top-10 aller Anfragen (Referenz)")
    truth = exact_top(flat, queries, 10)
    log(f"flat: Latenz über {len(latency_queries)} Einzelanfragen")
    result = {
        "build_s": round(build_s, 2),
        "file_mib": round(file_mib, 1),
        "vectors_mib": round(flat.memory_bytes()["vectors"] / 2**20, 1),
        "search_ms": {f"k{k}": timed_searches(flat, latency_queries, k) for k in (10, 100)},
        "process_memory_mib": memory(),
    }
    return result, truth


def bench_hnsw(vectors, queries, truth, args, workdir) -> dict:
    params = HnswParameters(m=args.hnsw_m, ef_construction=args.ef_construction)
    log(f"hnsw: bauen (M={params.m}, efConstruction={params.ef_construction})")
    started = time.perf_counter()
    built = VectorIndex.build(vectors, kind="hnsw", hnsw=params)
    build_s = time.perf_counter() - started
    log(f"hnsw: gebaut in {build_s:.0f} s")
    index, file_mib = saved_and_mapped(built, workdir / "hnsw")
    del built
    gc.collect()
    sizes = index.memory_bytes()
    runs = {}
    for ef in args.ef_search:
        index.ef_search = ef
        found = np.vstack([index.search(q[None, :], 10)[1] for q in queries])
        runs[f"ef{ef}"] = {
            "recall_at_10": round(recall_at(truth, found), 4),
            "search_ms": {f"k{k}": timed_searches(index, queries, k) for k in (10, 100)},
        }
        log(f"hnsw ef={ef}: recall@10 {runs[f'ef{ef}']['recall_at_10']}, {runs[f'ef{ef}']['search_ms']}")
    return {
        "m": params.m,
        "ef_construction": params.ef_construction,
        "build_s": round(build_s, 1),
        "file_mib": round(file_mib, 1),
        "vectors_mib": round(sizes["vectors"] / 2**20, 1),
        "graph_mib": round(sizes["graph"] / 2**20, 1),
        "runs": runs,
        "process_memory_mib": memory(),
    }


def bench_ivf(vectors, queries, truth, args) -> dict:
    nlist = args.ivf_nlist or int(4 * np.sqrt(len(vectors)))
    log(f"ivf: trainieren und bauen (nlist={nlist})")
    started = time.perf_counter()
    quantizer = faiss.IndexFlatIP(vectors.shape[1])
    index = faiss.IndexIVFFlat(quantizer, vectors.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(1).choice(len(vectors), min(len(vectors), 64 * nlist), replace=False)]
    index.train(sample)
    index.add(vectors)
    build_s = time.perf_counter() - started
    runs = {}
    for nprobe in args.ivf_nprobe:
        index.nprobe = nprobe
        found = np.vstack([index.search(q[None, :], 10)[1] for q in queries])
        timings = {}
        for k in (10, 100):
            values = []
            for q in queries:
                t = time.perf_counter()
                index.search(q[None, :], k)
                values.append((time.perf_counter() - t) * 1000)
            timings[f"k{k}"] = percentiles(values)
        runs[f"nprobe{nprobe}"] = {"recall_at_10": round(recall_at(truth, found), 4), "search_ms": timings}
        log(f"ivf nprobe={nprobe}: recall@10 {runs[f'nprobe{nprobe}']['recall_at_10']}, {timings}")
    return {"nlist": nlist, "build_s": round(build_s, 1), "runs": runs}


# -- BM25 ----------------------------------------------------------------------------------------


def bench_bm25(texts: list[str], origins: np.ndarray, questions: list[str], rng: np.random.Generator) -> dict:
    import bm25s
    from bm25s.tokenization import Tokenized

    from domain.german import terms

    log(f"bm25: {len(texts)} echte Texte in Terme zerlegen")
    started = time.perf_counter()
    vocabulary: dict[str, int] = {}
    real_ids = [np.array([vocabulary.setdefault(t, len(vocabulary)) for t in terms(x) or ["∅"]]) for x in texts]
    per_text_ms = (time.perf_counter() - started) * 1000 / len(texts)
    log(f"bm25: {len(origins)} Termlisten ableiten")
    corpus = []
    for source, donor in origins:
        own = real_ids[source]
        if source == donor:
            corpus.append(own.tolist())
            continue
        kept = own[rng.random(len(own)) < 0.8]
        extra = real_ids[donor][rng.integers(0, len(real_ids[donor]), 3)]
        corpus.append(np.concatenate([kept, extra]).tolist() or own.tolist())
    before = memory()
    log("bm25: indexieren")
    started = time.perf_counter()
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(Tokenized(ids=corpus, vocab=vocabulary), show_progress=False)
    index_s = time.perf_counter() - started
    del corpus
    gc.collect()
    matrix_mib = sum(a.nbytes for a in retriever.scores.values() if isinstance(a, np.ndarray)) / 2**20
    after = memory()
    known = [[t for t in terms(q) if t in vocabulary] for q in questions]
    known = [q for q in known if q]
    timings: dict[str, list[float]] = {"k10": [], "k100": []}
    for query in known:
        for k in (10, 100):
            started = time.perf_counter()
            scores = retriever.get_scores(query)
            top = np.argpartition(-scores, k)[:k]
            _ = top[np.argsort(-scores[top])]
            timings[f"k{k}"].append((time.perf_counter() - started) * 1000)
    return {
        "tokenize_ms_per_passage": round(per_text_ms, 3),
        "tokenize_s_extrapolated": round(per_text_ms * len(origins) / 1000, 1),
        "index_s": round(index_s, 1),
        "matrix_mib": round(matrix_mib, 1),
        "rss_growth_mib": round(after["VmRSS"] - before["VmRSS"], 1),
        "vocabulary": len(vocabulary),
        "queries": len(known),
        "query_ms": {k: percentiles(v) for k, v in timings.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vektor- und BM25-Suche bei großer Passagenzahl (ohne Encoder)")
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000, help="Anfragen für recall@10 und Latenz (≥ 1000)")
    parser.add_argument("--flat-latency-queries", type=int, default=200, help="Einzelanfragen für die Flat-Latenz")
    parser.add_argument("--sources", nargs="+", type=Path, default=list(DEFAULT_SOURCES))
    parser.add_argument("--threads", type=int, default=2, help="Threads für die Suche (wie der Dienst)")
    parser.add_argument("--hnsw-m", type=int, default=32)
    parser.add_argument("--ef-construction", type=int, default=80)
    parser.add_argument("--ef-search", type=lambda s: [int(x) for x in s.split(",")], default=[128, 256, 512, 1024])
    parser.add_argument("--ivf", action="store_true", help="auch IVF-Flat messen")
    parser.add_argument("--ivf-nlist", type=int, default=0)
    parser.add_argument("--ivf-nprobe", type=lambda s: [int(x) for x in s.split(",")], default=[16, 32, 64])
    parser.add_argument("--skip-bm25", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, help="JSON zusätzlich in diese Datei")
    args = parser.parse_args(argv)
    faiss.omp_set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    started = time.perf_counter()

    real, texts, used = real_material(args.sources)
    log(f"{len(real)} echte Vektoren aus {', '.join(used)}")
    asked = question_vectors()
    queries = np.vstack([asked, perturbed(asked, max(0, args.queries - len(asked)), rng)[0]])[: max(args.queries, 1)]
    vectors, origins = collection(real, args.passages, rng)
    sample = np.flatnonzero(origins[:, 0] != origins[:, 1])[:10000]
    cosine_to_source = np.einsum("ij,ij->i", vectors[sample], real[origins[sample, 0]]) if len(sample) else np.ones(1)
    result: dict = {
        "benchmark": "retrieval_at_scale",
        "passages": args.passages,
        "real_vectors": len(real),
        "sources": used,
        "queries": len(queries),
        "gold_questions": len(asked),
        "threads": args.threads,
        "synthetic_cosine_to_source": {
            "mean": round(float(cosine_to_source.mean()), 3),
            "p5": round(float(np.percentile(cosine_to_source, 5)), 3),
        },
    }
    latency_queries = queries[: args.flat_latency_queries]
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        workdir = Path(tmp)
        (workdir / "flat").mkdir()
        (workdir / "hnsw").mkdir()
        result["flat"], truth = bench_flat(vectors, queries, latency_queries, workdir)
        log(f"flat: {result['flat']['search_ms']}")
        result["hnsw"] = bench_hnsw(vectors, queries, truth, args, workdir)
        if args.ivf:
            result["ivf"] = bench_ivf(vectors, queries, truth, args)
    del vectors
    gc.collect()
    if not args.skip_bm25:
        from eval.gold import load_gold

        questions = [q.question for path in GOLD_FILES if path.exists() for q in load_gold(path)]
        result["bm25"] = bench_bm25(texts, origins, questions, rng)
        log(f"bm25: {result['bm25']}")
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    result["total_s"] = round(time.perf_counter() - started, 1)
    text = json.dumps(result, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
