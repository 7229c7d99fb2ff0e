"""HTTP answer latency: `leitbild serve` on a free loopback port, N concurrent clients for D seconds.

    .venv/bin/python -m eval.bench_http [--duration 60] [--clients 8] [--answer-cache 0]
        [--workers 1] [--client async|thread] [--encoder onnx|torch]

Each client posts the gold questions (eval/gold.yaml) to /api/ask, one after another, each client
starting at a different question; a closed loop, so the load is bounded by the number of clients.
`--client async` runs all clients as coroutines of one event loop (one httpx.AsyncClient),
`--client thread` one thread with its own keep-alive connection per client. The clients run on
the same cores as the server: their own CPU time is reported, since it is taken from the server.
Progress goes to stderr; the last line on stdout is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from domain.settings import PROJECT_ROOT
from eval.gold import GOLD_FILE, load_gold

HOST = "127.0.0.1"  # loopback only: the benchmark never talks to another machine
READY_TIMEOUT_S = 120.0
REQUEST_TIMEOUT_S = 30.0


@dataclass
class Tally:
    latencies_s: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def count(self, status: str) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(
    port: int, index: str | None, answer_cache: int, workers: int = 1, encoder: str | None = None
) -> subprocess.Popen:
    command = [sys.executable, "-m", "api.cli"]
    if index:
        command += ["--index", index]
    command += ["serve", "--host", HOST, "--port", str(port), "--answer-cache", str(answer_cache)]
    command += ["--workers", str(workers), "--log-level", "warning"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if encoder:
        env["LEITBILD_ENCODER"] = encoder
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)


def wait_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Server beendet mit Code {server.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"Server nach {READY_TIMEOUT_S:.0f} s nicht bereit")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)  # uvicorn's graceful shutdown
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def client_loop(
    client: httpx.AsyncClient, questions: list[str], offset: int, stop_at: float, tally: Tally
) -> None:
    i = offset
    while time.monotonic() < stop_at:
        question = questions[i % len(questions)]
        i += 1
        started = time.perf_counter()
        try:
            response = await client.post("/api/ask", json={"question": question})
            elapsed = time.perf_counter() - started
            tally.count(str(response.status_code))
            if response.status_code == 200 and "answer" in response.json():
                tally.latencies_s.append(elapsed)
            else:
                tally.errors += 1
        except httpx.HTTPError as exc:
            tally.count(type(exc).__name__)
            tally.errors += 1


async def run_load(base: str, questions: list[str], clients: int, duration: float) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        started = time.monotonic()
        stop_at = started + duration
        step = max(1, len(questions) // clients)
        await asyncio.gather(*(client_loop(client, questions, c * step, stop_at, tally) for c in range(clients)))
        return tally, time.monotonic() - started


def thread_loop(base: str, questions: list[str], offset: int, stop_at: float, tally: Tally, lock: threading.Lock):
    i = offset
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        while time.monotonic() < stop_at:
            question = questions[i % len(questions)]
            i += 1
            started = time.perf_counter()
            try:
                response = client.post("/api/ask", json={"question": question})
                elapsed = time.perf_counter() - started
                ok = response.status_code == 200 and "answer" in response.json()
                with lock:
                    tally.count(str(response.status_code))
                    if ok:
                        tally.latencies_s.append(elapsed)
                    else:
                        tally.errors += 1
            except httpx.HTTPError as exc:
                with lock:
                    tally.count(type(exc).__name__)
                    tally.errors += 1


def run_threads(base: str, questions: list[str], clients: int, duration: float) -> tuple[Tally, float]:
    tally, lock = Tally(), threading.Lock()
    started = time.monotonic()
    stop_at = started + duration
    step = max(1, len(questions) // clients)
    threads = [
        threading.Thread(target=thread_loop, args=(base, questions, c * step, stop_at, tally, lock), daemon=True)
        for c in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + REQUEST_TIMEOUT_S + 5)
    return tally, time.monotonic() - started


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), math.ceil(q / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def summary(tally: Tally, elapsed: float, args: argparse.Namespace, questions: int) -> dict:
    ms = sorted(v * 1000 for v in tally.latencies_s)
    answered = len(ms)
    return {
        "benchmark": "http_ask",
        "clients": args.clients,
        "client": args.client,
        "workers": args.workers,
        "encoder": args.encoder or "auto",
        "duration_s": round(elapsed, 1),
        "questions": questions,
        "answer_cache": args.answer_cache,
        "requests": answered + tally.errors,
        "errors": tally.errors,
        "statuses": tally.statuses,
        "throughput_rps": round(answered / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            "p50": round(percentile(ms, 50), 1),
            "p95": round(percentile(ms, 95), 1),
            "p99": round(percentile(ms, 99), 1),
            "max": round(ms[-1], 1) if ms else float("nan"),
            "mean": round(sum(ms) / answered, 1) if answered else float("nan"),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="HTTP-Latenz von /api/ask unter gleichzeitigen Clients")
    parser.add_argument("--duration", type=float, default=60.0, help="Sekunden Last (Standard: 60)")
    parser.add_argument("--clients", type=int, default=8, help="gleichzeitige Clients (Standard: 8)")
    parser.add_argument("--workers", type=int, default=1, help="Server-Prozesse (`serve --workers`, Standard: 1)")
    parser.add_argument(
        "--client", choices=["async", "thread"], default="async", help="Lastgenerator: asyncio oder Threads"
    )
    parser.add_argument("--encoder", choices=["onnx", "torch"], help="LEITBILD_ENCODER des Servers (Standard: auto)")
    parser.add_argument("--index", help="Index-Verzeichnis (Standard: wie `leitbild serve`)")
    parser.add_argument("--gold", default=str(GOLD_FILE), help="Fragen aus dieser Gold-Datei")
    parser.add_argument(
        "--answer-cache", type=int, default=256, help="Antwort-Cache des Servers (0 = aus: jede Frage wird berechnet)"
    )
    args = parser.parse_args(argv)
    if not (0 < args.duration <= 3600 and 0 < args.clients <= 64 and 1 <= args.workers <= 16):
        parser.error("--duration muss in (0, 3600], --clients in [1, 64] und --workers in [1, 16] liegen")

    questions = [q.question for q in load_gold(Path(args.gold)) if q.follows is None]
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = start_server(port, args.index, args.answer_cache, args.workers, args.encoder)
    try:
        wait_ready(base, server)
        print(f"{args.clients} Clients, {args.duration:.0f} s, {len(questions)} Fragen gegen {base} …", file=sys.stderr)
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        if args.client == "thread":
            tally, elapsed = run_threads(base, questions, args.clients, args.duration)
        else:
            tally, elapsed = asyncio.run(run_load(base, questions, args.clients, args.duration))
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        stop_server(server)
    result = summary(tally, elapsed, args, len(questions))
    client_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    result["client_cpu_share"] = round(client_cpu / elapsed, 2) if elapsed else 0.0  # cores the clients used
    lat = result["latency_ms"]
    print(
        f"p50 {lat['p50']} ms · p95 {lat['p95']} ms · max {lat['max']} ms · "
        f"{result['throughput_rps']} Antworten/s · {result['errors']} Fehler",
        file=sys.stderr,
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
