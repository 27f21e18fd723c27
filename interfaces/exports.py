"""Exports: search results (one row per passage) and coded cases as CSV or JSON lines, trend
tables and charts, and a bulk export of the whole index with a manifest.

Every exported passage carries its citation (source URL, court, case number, date, offsets into
the document text), so a row pasted into a report can still be traced to its judgment.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interfaces.service import BadRequest, Service, citation
from tiplex.records import SearchQuery

PASSAGE_COLUMNS = (
    "rank",
    "doc_id",
    "title",
    "country",
    "court",
    "case_number",
    "decision_date",
    "source_url",
    "score",
    "passage_start",
    "passage_end",
    "passage_text",
)
CASE_COLUMNS = (
    "doc_id",
    "title",
    "country",
    "court",
    "case_number",
    "decision_date",
    "source_url",
    "fetched_at",
    "sha256",
    "is_trafficking_case",
    "outcome",
    "conviction_law",
    "proceeding_stage",
    "exploitation_forms",
    "sectors",
    "means",
    "victims_count",
    "victims_minors",
    "non_punishment_raised",
    "non_punishment_applied",
    "charges",
    "sentences",
    "compensation",
    "compensation_refused",
)
CHART_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
PAGE = 50


# ---- rows -----------------------------------------------------------------------------------


def search_rows(
    service: Service, text: str, mode: str, filters: Mapping[str, str], limit: int
) -> list[dict[str, Any]]:
    """The first `limit` hits of a search, one row per passage, each with its citation."""
    rows: list[dict[str, Any]] = []
    cursor: str | None = None
    rank = 0
    while rank < limit:
        page = service.search(
            text, mode=mode, limit=min(PAGE, limit - rank), filters=filters, cursor=cursor
        )
        for hit in page.items:
            rank += 1
            for passage in hit["passages"]:
                rows.append(
                    hit["citation"]
                    | {
                        "rank": rank,
                        "score": round(hit["score"], 6),
                        "passage_start": passage["start"],
                        "passage_end": passage["end"],
                        "passage_text": passage["text"],
                    }
                )
        cursor = page.next_cursor
        if cursor is None:
            break
    return rows


def _charges(facts: Mapping[str, Any]) -> str:
    return "; ".join(
        " ".join(str(c.get(k) or "") for k in ("statute", "provision", "verdict")).strip()
        for c in facts.get("charges") or ()
    )


def _sentences(facts: Mapping[str, Any]) -> str:
    parts = []
    for s in facts.get("sentences") or ():
        term = "life" if s.get("life") else f"{s.get('imprisonment_months')} months"
        parts.append(f"{s.get('defendant') or '-'}: {term}")
    return "; ".join(parts)


def _compensation(facts: Mapping[str, Any]) -> str:
    parts = []
    for c in facts.get("compensation") or ():
        award = f"{c.get('kind')} {c.get('amount') or ''} {c.get('currency') or ''}".strip()
        detention = c.get("subsidiary_detention_months")
        parts.append(f"{award} (if unpaid: {detention} months)" if detention else award)
    return "; ".join(parts)


def case_row(case: Mapping[str, Any]) -> dict[str, Any]:
    """One coded case flattened for a spreadsheet; `facts` keeps the full record for JSON."""
    facts = case.get("facts") or {}
    victims = facts.get("victims") or {}
    non_punishment = facts.get("non_punishment") or {}
    return case["citation"] | {
        "is_trafficking_case": facts.get("is_trafficking_case"),
        "outcome": facts.get("outcome"),
        "conviction_law": facts.get("conviction_law"),
        "proceeding_stage": facts.get("proceeding_stage"),
        "exploitation_forms": "; ".join(facts.get("exploitation_forms") or ()),
        "sectors": "; ".join(facts.get("sectors") or ()),
        "means": "; ".join(facts.get("means") or ()),
        "victims_count": victims.get("count"),
        "victims_minors": victims.get("minors"),
        "non_punishment_raised": non_punishment.get("raised"),
        "non_punishment_applied": non_punishment.get("applied"),
        "charges": _charges(facts),
        "sentences": _sentences(facts),
        "compensation": _compensation(facts),
        "compensation_refused": "; ".join(
            r.get("kind") or "" for r in facts.get("compensation_refused") or ()
        ),
        "facts": facts,
    }


def matching_doc_ids(
    service: Service, text: str, filters: Mapping[str, str], limit: int
) -> list[str]:
    page = service.search(text, limit=min(PAGE, limit), passages=1, filters=filters)
    ids = [hit["doc_id"] for hit in page.items]
    cursor = page.next_cursor
    while cursor and len(ids) < limit:
        page = service.search(
            text, limit=min(PAGE, limit - len(ids)), passages=1, filters=filters, cursor=cursor
        )
        ids += [hit["doc_id"] for hit in page.items]
        cursor = page.next_cursor
    return ids


def case_rows(
    service: Service, text: str, filters: Mapping[str, str], limit: int
) -> list[dict[str, Any]]:
    """The coded cases of the judgments a search finds (all judgments without query text)."""
    chosen = {"doc_type": "judgment", **filters}
    return [case_row(service.case(d)) for d in matching_doc_ids(service, text, chosen, limit)]


# ---- encodings ------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def encode(rows: Iterable[Mapping[str, Any]], fmt: str, columns: Sequence[str]) -> Iterator[str]:
    """CSV (the given columns, a header first) or JSON lines (every field)."""
    if fmt == "jsonl":
        for row in rows:
            yield json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def trends_csv(found: Mapping[str, Any]) -> str:
    fields = list(found["by"])
    return "".join(encode(found["rows"], "csv", [*fields, "count"]))


def trends_chart(found: Mapping[str, Any], fmt: str) -> bytes:
    from interfaces.charts import chart_title, trend_chart

    fields = list(found["by"])
    if fields[0] != "year":
        raise BadRequest("a chart needs by=year or by=year,FIELD")
    title = chart_title(found["query"], found["filters"], fields)
    with tempfile.TemporaryDirectory(prefix="tiplex-chart-") as scratch:
        path = Path(scratch) / f"trends.{fmt}"
        trend_chart(found["rows"], fields, title, path)
        return path.read_bytes()


# ---- bulk -----------------------------------------------------------------------------------


def _write_lines(path: Path, rows: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bulk_export(service: Service, out_dir: Path) -> dict[str, Any]:
    """The whole index as JSON lines (documents with their text and citation, coded cases,
    provisions) plus `manifest.json`: counts, the sha256 of each file, the model ids, the tiplex
    version and the time. Files are written under temporary names and renamed at the end, so an
    interrupted export never leaves a manifest that lies."""
    out_dir.mkdir(parents=True, exist_ok=True)
    every = SearchQuery(text="", k=10_000_000, passages_per_hit=1)
    doc_ids = [hit.doc_id for hit in service.on_backend(lambda b: b.search(every))]

    def documents() -> Iterator[dict[str, Any]]:
        for doc_id in doc_ids:
            stored = service.stored(doc_id)
            record = stored.document.to_dict()
            record.pop("raw_path", None)  # a path on the exporting machine means nothing elsewhere
            yield record | {"citation": citation(stored)}

    def cases() -> Iterator[dict[str, Any]]:
        for doc_id in doc_ids:
            case = service.case(doc_id)
            if case["facts"] and case["doc_type"] == "judgment":
                yield {"doc_id": doc_id, "citation": case["citation"], "facts": case["facts"]}

    def provisions() -> Iterator[dict[str, Any]]:
        for hit in service.on_backend(lambda b: b.provisions(None, None)):
            yield hit.to_dict()

    files: dict[str, dict[str, Any]] = {}
    for name, rows in (
        ("documents.jsonl", documents()),
        ("cases.jsonl", cases()),
        ("provisions.jsonl", provisions()),
    ):
        partial = out_dir / f".{name}.partial"
        count = _write_lines(partial, rows)
        partial.replace(out_dir / name)
        files[name] = {"records": count, "sha256": _sha256(out_dir / name)}
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "models": service.model_ids(),
        "files": files,
        "counts": {name.removesuffix(".jsonl"): f["records"] for name, f in files.items()},
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest
