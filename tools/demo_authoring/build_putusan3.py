"""Build the Indonesian part of the demo mirror from the authored cases.

    .venv/bin/python tools/demo_authoring/build_putusan3.py           # write the mirror
    .venv/bin/python tools/demo_authoring/build_putusan3.py --check   # verify, write nothing

The build is deterministic: the same cases give the same bytes, so the committed mirror can be
checked against its sources. `--check` rebuilds in memory, compares with the files on disk, and
reads every PDF back with pypdf to confirm that the values in EXPECTED.md are in its text layer.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
from pathlib import Path

from putusan3.bahasa import duration, rupiah
from putusan3.compose import compose, count_words
from putusan3.expected import expected_markdown
from putusan3.model import Case, load_cases
from putusan3.pages import (
    CATEGORY,
    PER_PAGE,
    decision_page,
    listing_pages,
    pdf_path,
    year_list_path,
)
from putusan3.pdf import render_pdf
from pypdf import PdfReader

AUTHORING = Path(__file__).resolve().parent / "putusan3"
# The mirror itself stays in the installed package; only its authoring sources live here.
MIRROR = (
    Path(__file__).resolve().parents[2]
    / "tiplex"
    / "demo"
    / "mirror"
    / "putusan3.mahkamahagung.go.id"
)
WORD_RANGE = (1000, 2500)


def render_all(cases: list[Case]) -> dict[str, bytes]:
    """Every mirror file (path relative to the host folder) and EXPECTED.md, as bytes."""
    files: dict[str, bytes] = {}
    listing = listing_pages(cases)
    base = f"direktori/index/kategori/{CATEGORY}"
    for number, html in enumerate(listing, 1):
        files[f"{base}.html" if number == 1 else f"{base}/page/{number}.html"] = html.encode()
    # CodeIgniter also answers the explicit first-page address; keep it for hand-built URLs.
    files[f"{base}/page/1.html"] = listing[0].encode()
    # The category's list of each year (by decision date), which a backfill reads.
    for year in sorted({case.tanggal_putusan.year for case in cases}):
        decided = [case for case in cases if case.tanggal_putusan.year == year]
        list_path = year_list_path(year)
        heading = f"Perdagangan Orang, diputus tahun {year}"
        for number, html in enumerate(listing_pages(decided, list_path, heading), 1):
            name = f"{list_path}.html" if number == 1 else f"{list_path}/page/{number}.html"
            files[name] = html.encode()
    ordered = sorted(cases, key=lambda c: (c.tanggal_upload, c.nomor), reverse=True)
    page_of = {case.nomor: index // PER_PAGE + 1 for index, case in enumerate(ordered)}
    for case in cases:
        files[f"direktori/putusan/{case.decision_id}.html"] = decision_page(case).encode()
        files[pdf_path(case)] = render_pdf(compose(case), case.nomor)
    questions = (AUTHORING / "questions.md").read_text(encoding="utf-8")
    files["EXPECTED.md"] = expected_markdown(cases, page_of, questions).encode()
    return files


def _target(relative: str) -> Path:
    return AUTHORING / relative if relative == "EXPECTED.md" else MIRROR / relative


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def check(cases: list[Case], files: dict[str, bytes]) -> list[str]:
    """Problems found; an empty list means the mirror on disk is current and readable."""
    problems: list[str] = []
    on_disk = {str(p.relative_to(MIRROR)) for p in MIRROR.rglob("*") if p.is_file()}
    expected_mirror = {k for k in files if k != "EXPECTED.md"}
    problems += [f"stale file in mirror: {p}" for p in sorted(on_disk - expected_mirror)]
    for relative, data in files.items():
        path = _target(relative)
        if not path.is_file() or path.read_bytes() != data:
            problems.append(f"out of date: {path}")
    for case in cases:
        for day in (case.tanggal_musyawarah, case.tanggal_putusan):
            if day.weekday() >= 5:  # courts sit Monday to Friday
                problems.append(f"{case.nomor}: {day} falls on a weekend")
        words = count_words(compose(case))
        if not WORD_RANGE[0] <= words <= WORD_RANGE[1]:
            problems.append(f"{case.nomor}: {words} words, outside {WORD_RANGE}")
        text = _flat(_pdf_text(files[pdf_path(case)]))
        wanted = [
            f"Nomor {case.nomor}",
            "M E N G A D I L I",
            "Demikianlah diputuskan",
            "Direktori Putusan Mahkamah Agung Republik Indonesia",
            "Disclaimer",
        ]
        for person in case.terdakwa:
            if person.pidana is not None:
                wanted += [
                    f"pidana penjara selama {duration(person.pidana.penjara_bulan)}",
                    rupiah(person.pidana.denda),
                ]
        wanted += [rupiah(item.dikabulkan) for item in case.restitusi]
        problems += [f"{case.nomor}: PDF text lacks {w!r}" for w in wanted if w not in text]
    total = sum(len(data) for relative, data in files.items() if relative != "EXPECTED.md")
    if total > 3_000_000:
        problems.append(f"mirror is {total} bytes, over 3 MB")
    return problems


def write(files: dict[str, bytes]) -> None:
    if MIRROR.exists():
        shutil.rmtree(MIRROR)  # the folder is wholly generated; stale ids must not linger
    for relative, data in files.items():
        path = _target(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the mirror, write nothing")
    args = parser.parse_args(argv)
    cases = load_cases(AUTHORING / "cases")
    files = render_all(cases)
    if args.check:
        problems = check(cases, files)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(cases)} decisions, {len(problems)} problems")
        return 1 if problems else 0
    write(files)
    size = sum(len(d) for r, d in files.items() if r != "EXPECTED.md")
    words = [count_words(compose(case)) for case in cases]
    print(
        f"wrote {len(files) - 1} mirror files ({size:,} bytes) for {len(cases)} decisions; "
        f"words per decision {min(words)}-{max(words)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
