"""Render the lawphil.net part of the demo mirror from the plain-text sources beside this file.

    .venv/bin/python tools/demo_authoring/lawphil/build.py          # write the pages
    .venv/bin/python tools/demo_authoring/lawphil/build.py --check  # fail if the mirror is stale

Sources: `decisions/*.txt` and `acts/*.txt` (YAML front matter between `---` lines, then the body in
the markup of `markup.py`), `extra_rows.yaml` (index rows without an HTML page) and `questions.md`.
Outputs: the pages under `tiplex/demo/mirror/lawphil.net/`, plus `EXPECTED.md` and `expected.json`
here, generated from the `truth:` block of each decision so the answer key cannot drift from the
pages. The output depends only on the sources (no clock, sorted inputs), so `--check` is exact.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markup import plain_words, render_body
from pages import IndexRow, Party, act_page, decision_page, index_page, year_page

HERE = Path(__file__).resolve().parent
MIRROR = HERE.parents[2] / "tiplex" / "demo" / "mirror" / "lawphil.net"
ENCODING = "cp1252"  # the pages declare windows-1252, as lawphil's do
DECISION_WORDS = range(600, 1501)
TRUTH_KEYS = {
    "is_trafficking_case",
    "outcome",
    "defendants",
    "charges",
    "victims",
    "exploitation_forms",
    "sectors",
    "transnational",
    "countries_involved",
    "sentences",
    "compensation",
    "interest",
    "non_punishment",
    "lower_courts",
}
OUTCOMES = {"convicted", "acquitted", "mixed", "dismissed", "other"}
COMPENSATION_KEYS = {"kind", "amount", "beneficiary"}

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    meta: dict[str, Any]
    body: str


def read_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.DOTALL)
    if not match:
        raise ValueError(f"{path.name}: no front matter between '---' lines")
    return Source(path=path, meta=yaml.safe_load(match.group(1)), body=match.group(2))


def long_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def month_folder(day: dt.date) -> Path:
    month = f"{MONTHS[day.month - 1]}{day.year}"
    return Path("judjuris") / f"juri{day.year}" / month


def parties(values: list[str]) -> list[Party]:
    pairs = [value.split("|") for value in values]
    return [Party(name=name.strip(), role=role.strip()) for name, role in pairs]


def index_title(text: str) -> str:
    """'A vs. B' as lawphil prints it in an index: the `vs.` in its own `a.vs`."""
    left, right = text.split(" vs. ", 1)
    return f'{left} <a class="vs">vs.</a> {right}'


def decision_file(number: int, day: dt.date) -> str:
    return f"gr_{number}_{day.year}.html"


def check_decision(source: Source) -> list[str]:
    """Problems that would make a decision page misleading for the pipeline or the answer key."""
    problems: list[str] = []
    words = plain_words(source.body)
    if words not in DECISION_WORDS:
        problems.append(f"{source.path.name}: {words} words, outside 600-1500")
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", source.body))
    notes = set(re.findall(r"^\[\^(\d+)\]:", source.body, re.MULTILINE))
    if refs != notes:
        problems.append(f"{source.path.name}: footnote refs {sorted(refs)} != {sorted(notes)}")
    if "SO ORDERED." not in source.body:
        problems.append(f"{source.path.name}: no 'SO ORDERED.'")
    truth = source.meta.get("truth", {})
    if set(truth) != TRUTH_KEYS:
        problems.append(f"{source.path.name}: truth keys differ by {set(truth) ^ TRUTH_KEYS}")
    if truth.get("outcome") not in OUTCOMES:
        problems.append(f"{source.path.name}: unknown outcome {truth.get('outcome')!r}")
    # an unquoted comma in a YAML flow mapping silently adds a key: catch it here
    if any(set(c) != COMPENSATION_KEYS for c in truth.get("compensation", [])):
        problems.append(f"{source.path.name}: compensation keys must be {COMPENSATION_KEYS}")
    return problems


def render_decisions(
    sources: list[Source], extra_rows: dict[str, list[dict[str, Any]]]
) -> dict[Path, str]:
    pages: dict[Path, str] = {}
    by_month: dict[Path, list[tuple[dt.date, int, IndexRow]]] = {}
    for source in sources:
        meta = source.meta
        day: dt.date = meta["date"]
        label = f"G.R. No. {meta['number']}"
        file_name = decision_file(meta["number"], day)
        folder = month_folder(day)
        pages[folder / file_name] = decision_page(
            case_label=label,
            date_text=long_date(day),
            division=meta["division"],
            above=parties(meta["above"]),
            below=parties(meta["below"]),
            ponente=meta["ponente"],
            rendered=render_body(source.body),
            description=f"{label} - {meta['index_title']}",
        )
        row = IndexRow(file_name, label, long_date(day), index_title(meta["index_title"]), True)
        by_month.setdefault(folder, []).append((day, meta["number"], row))
    for month_key, rows in sorted(extra_rows.items()):
        for extra in rows:
            day = extra["date"]
            folder = month_folder(day)
            if folder.name != month_key:
                raise ValueError(f"extra row {extra['number']} is not in {month_key}")
            row = IndexRow(
                decision_file(extra["number"], day),
                f"G.R. No. {extra['number']}",
                long_date(day),
                index_title(extra["title"]),
                False,
            )
            by_month.setdefault(folder, []).append((day, extra["number"], row))
    for folder, dated in by_month.items():
        # lawphil lists a month newest first
        ordered = [row for _, _, row in sorted(dated, key=lambda t: (t[0], t[1]), reverse=True)]
        first: dt.date = dated[0][0]
        month_name = f"{first:%B} {first.year}"
        pages[folder / f"{folder.name}.html"] = index_page(
            title=f"Philippine Jurisprudence - {month_name}",
            heading=f"{month_name.upper()} - PHILIPPINE JURISPRUDENCE",
            first_column="CASE NUMBER",
            rows=ordered,
            with_pdf=True,
        )
    published: dict[int, set[int]] = {}
    for _, dated in by_month.items():
        first = dated[0][0]
        published.setdefault(first.year, set()).add(first.month)
    for year, months in published.items():
        pages[Path("judjuris") / f"juri{year}" / f"juri{year}.html"] = year_page(
            year, months, tuple(MONTHS)
        )
    return pages


def render_acts(sources: list[Source]) -> dict[Path, str]:
    pages: dict[Path, str] = {}
    by_year: dict[int, list[tuple[int, IndexRow]]] = {}
    for source in sources:
        meta = source.meta
        approved: dt.date = meta["approved"]
        number: int = meta["number"]
        folder = Path("statutes") / "repacts" / f"ra{approved.year}"
        file_name = f"ra_{number}_{approved.year}.html"
        pages[folder / file_name] = act_page(
            number=number,
            congress_lines=meta["congress"],
            long_title=meta["long_title"],
            rendered=render_body(source.body, statute=True),
            approved_text=long_date(approved),
            signatories=meta["signatories"],
        )
        row = IndexRow(
            file_name, f"Republic Act No. {number}", long_date(approved), meta["long_title"], True
        )
        by_year.setdefault(approved.year, []).append((number, row))
    for year, numbered in by_year.items():
        folder = Path("statutes") / "repacts" / f"ra{year}"
        pages[folder / f"ra{year}.html"] = index_page(
            title=f"Republic Acts - {year}",
            heading=f"{year} - REPUBLIC ACTS",
            first_column="REPUBLIC ACT NUMBER",
            rows=[row for _, row in sorted(numbered, key=lambda t: t[0], reverse=True)],
            with_pdf=False,
        )
    return pages


def _money(amount: int | None) -> str:
    return "" if amount is None else f"P{amount:,.2f}"


def _sentence_text(sentence: dict[str, Any]) -> str:
    if sentence.get("life"):
        term = "life imprisonment"
    elif sentence.get("text"):
        term = sentence["text"]
    else:
        term = f"{sentence['imprisonment_months']} months"
    fine = sentence.get("fine_php")
    return f"{sentence['defendant']}: {term}" + (f", fine {_money(fine)}" if fine else "")


def expected_rows(sources: list[Source]) -> list[dict[str, Any]]:
    rows = []
    for source in sorted(sources, key=lambda s: (s.meta["date"], s.meta["number"])):
        meta, truth = source.meta, source.meta["truth"]
        day: dt.date = meta["date"]
        rows.append(
            {
                "file": str(month_folder(day) / decision_file(meta["number"], day)),
                "case_number": f"G.R. No. {meta['number']}",
                "decision_date": day.isoformat(),
                "court": "Supreme Court",
                "proceeding_stage": "appeal",
                **truth,
            }
        )
    return rows


def expected_markdown(rows: list[dict[str, Any]], questions: str) -> str:
    lines = [
        "# lawphil demo decisions: the answer key",
        "",
        "Generated by `build.py` from the `truth:` block of each source in `decisions/`; edit the",
        "source, not this file. The same values are in `expected.json` (one object per decision,",
        "keys as in CASE-SCHEMA.md where they exist). Every decision is an appeal to the Supreme",
        "Court (`proceeding_stage: appeal`); the sentences are the ones this Court ordered or",
        "affirmed.",
        "",
        "| case number | date | TIP? | outcome | sentence / fine (this Court) "
        "| damages each victim | non-punishment raised / applied | lower courts |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        sentences = "; ".join(_sentence_text(s) for s in row["sentences"]) or "none"
        damages = (
            "; ".join(f"{c['kind']} {_money(c['amount'])}" for c in row["compensation"]) or "none"
        )
        np_ = row["non_punishment"]
        applied = {True: "applied", False: "not applied", None: "not decided"}[np_["applied"]]
        non_punishment = f"raised, {applied}" if np_["raised"] else "no"
        lines.append(
            f"| {row['case_number']} | {row['decision_date']} | "
            f"{'yes' if row['is_trafficking_case'] else 'no'} | {row['outcome']} | {sentences} | "
            f"{damages} | {non_punishment} | {row['lower_courts']} |"
        )
    return "\n".join(lines) + "\n\n" + questions.strip() + "\n"


def render_all() -> dict[Path, bytes]:
    """Every generated file, by absolute path, as the bytes it must hold."""
    decisions = [read_source(p) for p in sorted((HERE / "decisions").glob("*.txt"))]
    acts = [read_source(p) for p in sorted((HERE / "acts").glob("*.txt"))]
    problems = [problem for source in decisions for problem in check_decision(source)]
    if problems:
        raise SystemExit("\n".join(problems))
    extra_rows = yaml.safe_load((HERE / "extra_rows.yaml").read_text(encoding="utf-8")) or {}
    pages = {**render_decisions(decisions, extra_rows), **render_acts(acts)}
    files = {
        MIRROR / relative: page.encode(ENCODING, errors="xmlcharrefreplace")
        for relative, page in pages.items()
    }
    rows = expected_rows(decisions)
    questions = (HERE / "questions.md").read_text(encoding="utf-8")
    files[HERE / "EXPECTED.md"] = expected_markdown(rows, questions).encode("utf-8")
    files[HERE / "expected.json"] = (json.dumps(rows, indent=1, ensure_ascii=False) + "\n").encode(
        "utf-8"
    )
    return files


def stale(files: dict[Path, bytes]) -> list[str]:
    """Generated files that differ from disk, and mirror files no source produces any more."""
    differing = [str(p) for p, data in files.items() if not p.exists() or p.read_bytes() != data]
    orphans = [str(p) for p in MIRROR.rglob("*") if p.is_file() and p not in files]
    return sorted(differing + [f"{p} (no source)" for p in orphans])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    files = render_all()
    if args.check:
        out_of_date = stale(files)
        for line in out_of_date:
            print(f"stale: {line}")
        return 1 if out_of_date else 0
    for orphan in (p for p in MIRROR.rglob("*") if p.is_file() and p not in files):
        orphan.unlink()
    for path, data in sorted(files.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files under {MIRROR.parent} and {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
