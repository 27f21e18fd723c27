"""Code every judgment of a corpus folder and report speed, coverage and agreement.

    python -m nlp.bench [--corpus DIR] [--limit N]

The corpus folder holds `manifest.jsonl` (one object per document with `path`, `country`,
`language`, `doc_type`, `court`, `case_number`, `decision_date`, `citation`) and the texts. The
manifest's court, case number and decision date serve as silver labels.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from nlp.coder import load_coder
from tiplex.records import CaseFacts, Document

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
FIELDS = (
    "is_trafficking_case",
    "court",
    "case_number",
    "decision_date",
    "proceeding_stage",
    "outcome",
    "sentences",
    "charges",
    "compensation",
    "defendants",
    "exploitation_forms",
    "sectors",
    "means",
    "acts",
    "countries_involved",
    "non_punishment",
)


def normalise_case_number(value: str | None) -> str:
    """Case numbers compared without spacing, punctuation or case ("G.R. No. 1" = "GR No 1")."""
    return re.sub(r"[^0-9a-z]", "", (value or "").lower())


def has_value(facts: CaseFacts, name: str) -> bool:
    value = getattr(facts, name)
    if name == "non_punishment":
        return bool(value.raised)
    if isinstance(value, bool):
        return value
    return bool(value)


def corpus_document(row: dict[str, Any], text: str) -> Document:
    """A corpus manifest row and its text as a Document."""
    return Document(
        doc_id=row["doc_id"],
        source_id="corpus",
        url="",
        country=row["country"],
        language=row["language"],
        doc_type=row["doc_type"],
        title=row.get("title") or "",
        text=text,
        sha256=row.get("sha256", ""),
        content_type="text/plain",
        raw_path=row["path"],
        fetched_at="",
    )


def run(corpus: Path, limit: int | None) -> dict[str, Any]:
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").open(encoding="utf-8")]
    rows = [r for r in rows if r["doc_type"] == "judgment"]
    if limit:
        # Spread a limited run over countries instead of taking the first country only.
        by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_country[row["country"]].append(row)
        per = max(limit // len(by_country), 1)
        rows = [r for group in by_country.values() for r in group[:per]]
    coder = load_coder()
    coder.code(
        corpus_document(rows[0], (corpus / rows[0]["path"]).read_text(encoding="utf-8"))
    )  # warm
    words = 0
    seconds = 0.0
    cpu_seconds = 0.0
    run_started = time.perf_counter()
    filled: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    agree: dict[str, Counter[str]] = defaultdict(Counter)
    labelled: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        text = (corpus / row["path"]).read_text(encoding="utf-8")
        document = corpus_document(row, text)
        started = time.perf_counter()
        cpu_started = time.process_time()
        facts = coder.code(document)
        cpu_seconds += time.process_time() - cpu_started
        seconds += time.perf_counter() - started
        words += len(text.split())
        country = row["country"]
        totals[country] += 1
        for name in FIELDS:
            filled[country][name] += has_value(facts, name)
        checks = {
            "court": (facts.court or "").lower() == (row.get("court") or "").lower(),
            "case_number": bool(facts.case_number)
            and normalise_case_number(facts.case_number)
            in {
                normalise_case_number(row.get("case_number")),
                normalise_case_number(row.get("citation")),
            },
            "decision_date": facts.decision_date == row.get("decision_date"),
        }
        for name, same in checks.items():
            if row.get(name):
                labelled[country][name] += 1
                agree[country][name] += same
    return {
        "documents": len(rows),
        "words": words,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "total_seconds": time.perf_counter() - run_started,
        "words_per_second": words / seconds if seconds else 0.0,
        "words_per_cpu_second": words / cpu_seconds if cpu_seconds else 0.0,
        "totals": totals,
        "filled": filled,
        "agree": agree,
        "labelled": labelled,
    }


def report(result: dict[str, Any]) -> str:
    # Wall time depends on what else the machine runs; CPU time is the process's own work.
    lines = [
        f"documents {result['documents']}  words {result['words']:,}  "
        f"total time {result['total_seconds']:.1f} s (reading files and loading included)",
        f"coding: wall {result['seconds']:.1f} s = {result['words_per_second']:,.0f} words/s per "
        f"process; CPU {result['cpu_seconds']:.1f} s = {result['words_per_cpu_second']:,.0f} "
        "words/s per process",
    ]
    countries = sorted(result["totals"])
    lines.append("field".ljust(22) + "".join(f"{c:>10}" for c in countries))
    lines.append("documents".ljust(22) + "".join(f"{result['totals'][c]:>10}" for c in countries))
    for name in FIELDS:
        lines.append(
            name.ljust(22) + "".join(f"{result['filled'][c][name]:>10}" for c in countries)
        )
    lines.append("agreement with manifest (agree/labelled)")
    for name in ("court", "case_number", "decision_date"):
        cells = "".join(
            f"{result['agree'][c][name]:>5}/{result['labelled'][c][name]:<4}" for c in countries
        )
        lines.append(name.ljust(22) + cells)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    print(report(run(args.corpus, args.limit)))


if __name__ == "__main__":
    main()
