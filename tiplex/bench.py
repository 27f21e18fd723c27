"""`make bench`: the project's throughput and latency figures, each against a baseline measured in
the same run, on the real corpus when it is present (`../shared/corpus`).

    python -m tiplex.bench [--corpus DIR] [--limit N] [--only coding|index|api|floors]
                           [--api-home HOME]

Each stage's benchmark is its own module (`nlp.bench`, `index.bench`, `index.baseline`); this
`interfaces.bench` times API search over HTTP on an index of the whole corpus. This
runs them one after another in fresh processes so one's memory and threads do not colour the
next one's figures. With an index of the whole corpus (`--api-home`, or `$TIPLEX_BENCH_HOME`),
`index.retrieval_floors` also checks the published held-out retrieval figures against their
floors and fails the run when one drops.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


def _run(title: str, args: list[str]) -> int:
    print(f"\n=== {title} ===\n$ python {' '.join(args)}", flush=True)
    started = time.perf_counter()
    code = subprocess.call([sys.executable, *args])
    print(f"--- {title}: {time.perf_counter() - started:.1f} s wall (exit {code})", flush=True)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS.resolve())
    parser.add_argument("--limit", type=int, help="documents per benchmark (default: all)")
    parser.add_argument(
        "--only", choices=("coding", "index", "api", "floors"), help="run one benchmark"
    )
    parser.add_argument(
        "--api-home",
        type=Path,
        default=os.environ.get("TIPLEX_BENCH_HOME"),
        help="a TIPLEX_HOME whose index holds the whole corpus (served from a copy)",
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "manifest.jsonl").is_file():
        print(f"no corpus at {args.corpus} (manifest.jsonl missing); nothing to measure")
        return 0
    limit = ["--limit", str(args.limit)] if args.limit else []
    corpus = ["--corpus", str(args.corpus)]
    failures = 0
    if args.only in (None, "coding"):
        failures += _run("case coding (nlp.bench)", ["-m", "nlp.bench", *corpus, *limit]) != 0
    if args.only in (None, "index"):
        failures += _run("indexing and search", ["-m", "index.bench", *corpus, *limit]) != 0
    if args.only in (None, "api"):
        home = ["--home", str(args.api_home), "--copy"] if args.api_home else []
        failures += _run("API search over HTTP", ["-m", "interfaces.bench", *home, "--facets"]) != 0
    if args.only in (None, "floors"):
        home = ["--home", str(args.api_home)] if args.api_home else []
        failures += _run("retrieval floors", ["-m", "index.retrieval_floors", *corpus, *home]) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
