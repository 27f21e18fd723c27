"""API search latency: `tiplex serve` in its own process on a real index, asked the judged
research questions over HTTP by a real client; each query is embedded for real by the server.

    python -m interfaces.bench --home HOME [--copy] [--requests 300] [--facets]

Reports p50/p95/p99 of the wall time per request as the client sees it, and the server's CPU
seconds over the run and the answering thread's CPU per request (on a shared machine wall time
alone says little); for the backend baseline, wall and CPU per query. The baseline in the same
run is the same questions asked of the backend directly in this process (no HTTP, no service
layer), so the difference is what the API adds. `--copy` works on a copy of HOME's index, for
an index that must not be touched (opening a SQLite index writes its journal next to it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "eval" / "retrieval" / "queries.jsonl"
TARGET_P95_MS = 150.0


def _questions() -> list[str]:
    lines = QUERIES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["query"] for line in lines if line.strip()]


# The server keeps the vectors of recent queries; a benchmark that repeated a question would
# time a cache hit, not an embedding. Each round asks every question in another wording a
# person might type, so every request's text is new to the server and is embedded for real.
WORDINGS = (
    lambda q: q,
    lambda q: q + "?",
    lambda q: q.lower(),
    lambda q: "cases on " + q,
    lambda q: q.upper(),
    lambda q: "judgments about " + q,
)


def asked(questions: Sequence[str], number: int) -> str:
    round_, index_ = divmod(number, len(questions))
    if round_ >= len(WORDINGS):
        raise ValueError(f"at most {len(WORDINGS) * len(questions)} distinct requests")
    return WORDINGS[round_](questions[index_])


def _percentiles(samples: Sequence[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(at(0.95) * 1000, 1),
        "p99_ms": round(at(0.99) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of a process (Linux /proc), all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _timing(header: str, name: str) -> float:
    """One metric's `dur` (milliseconds) from a Server-Timing header."""
    for part in header.split(","):
        metric, _, duration = part.strip().partition(";dur=")
        if metric == name:
            return float(duration)
    return float("nan")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _copy_home(home: Path, scratch: Path) -> Path:
    target = scratch / "home"
    target.mkdir(parents=True)
    shutil.copytree(home / "index", target / "index")
    if (home / "runs").is_dir():
        shutil.copytree(home / "runs", target / "runs")
    return target


def measure_http(home: Path, questions: list[str], requests: int, facets: bool) -> dict:
    import httpx

    port = _free_port()
    env = {**os.environ, "TIPLEX_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "interfaces.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=300) as client:
            started = time.perf_counter()
            while True:
                try:
                    client.get("/api/v1/runs")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.perf_counter() - started > 120:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.2)
            cold_started = time.perf_counter()
            first = client.get("/api/v1/search", params={"q": questions[0]})
            first.raise_for_status()
            cold = time.perf_counter() - cold_started
            for number in range(5):  # the first requests of a process fill other caches too
                warm = {"q": f"warm-up question {number} about trafficking"}
                client.get("/api/v1/search", params=warm).raise_for_status()
            cpu_before = _cpu_seconds(server.pid)
            client_cpu_before = time.process_time()
            wall: list[float] = []
            server_cpu: list[float] = []
            hits = 0
            run_started = time.perf_counter()
            for number in range(requests):
                params = {"q": asked(questions, number), "limit": 10}
                if facets:
                    params["facets"] = "true"
                sent = time.perf_counter()
                response = client.get("/api/v1/search", params=params)
                wall.append(time.perf_counter() - sent)
                response.raise_for_status()
                hits += len(response.json()["hits"])
                server_cpu.append(_timing(response.headers.get("server-timing", ""), "cpu"))
            elapsed = time.perf_counter() - run_started
            return {
                **_percentiles(wall),
                "cold_first_request_s": round(cold, 2),
                "server_cpu_s": round(_cpu_seconds(server.pid) - cpu_before, 2),
                "client_cpu_s": round(time.process_time() - client_cpu_before, 2),
                "wall_s": round(elapsed, 2),
                "mean_hits": round(hits / requests, 1),
                # CPU of the thread that answered: roughly the wall time on an idle machine
                "handler_cpu": _percentiles([c / 1000 for c in server_cpu]),
            }
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure_direct(home: Path, questions: list[str], requests: int) -> dict:
    import index
    from tiplex.records import SearchQuery
    from tiplex.settings import load_settings

    backend = index.open_backend(load_settings(home))
    try:
        for number in range(6):
            backend.search(SearchQuery(text=f"warm-up question {number} about trafficking", k=11))
        cpu_before = time.process_time()
        wall: list[float] = []
        cpu: list[float] = []
        for number in range(requests):
            request = SearchQuery(text=asked(questions, number), k=11)
            sent, cpu_sent = time.perf_counter(), time.process_time()
            backend.search(request)
            wall.append(time.perf_counter() - sent)
            cpu.append(time.process_time() - cpu_sent)
        return {
            **_percentiles(wall),
            "cpu_s": round(time.process_time() - cpu_before, 2),
            "cpu": _percentiles(cpu),
        }
    finally:
        backend.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=os.environ.get("TIPLEX_BENCH_HOME"))
    parser.add_argument("--copy", action="store_true", help="serve a copy of HOME's index")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--facets", action="store_true", help="also time facets=true")
    args = parser.parse_args(argv)
    if args.home is None or not (args.home / "index" / "tiplex.sqlite").is_file():
        print(
            "no index to measure: pass --home (or TIPLEX_BENCH_HOME) with an index of the corpus, "
            "e.g. built by `tiplex ingest ../shared/corpus`"
        )
        return 0
    questions = _questions()
    with tempfile.TemporaryDirectory(prefix="tiplex-api-bench-") as scratch:
        home = _copy_home(args.home, Path(scratch)) if args.copy else args.home
        report: dict = {"index": str(args.home), "questions": len(questions)}
        report["api_search"] = measure_http(home, questions, args.requests, facets=False)
        if args.facets:
            report["api_search_with_facets"] = measure_http(
                home, questions, args.requests, facets=True
            )
        report["baseline_backend_direct"] = measure_direct(home, questions, args.requests)
    api, direct = report["api_search"], report["baseline_backend_direct"]
    report["api_overhead_p95_ms"] = round(api["p95_ms"] - direct["p95_ms"], 1)
    report["target_p95_ms"] = TARGET_P95_MS
    report["meets_target"] = api["p95_ms"] <= TARGET_P95_MS
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
