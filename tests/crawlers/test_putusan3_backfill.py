"""Direktori Putusan backfill: a window walks the year lists of its years and nothing else.

The directory's newest-first lists end at page 499, so a backfill reads each year's list of the
category and, for each court seen there, that court's list of the category for the year. The
fixture site (`tests/examples/crawlers/id_mahkamahagung_judgments_years/`, see its PROVENANCE.md)
also serves the neighbouring years and the newest-first lists, which must not be read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers import crawl
from crawlers.testing import SiteFixture, crawl_summary
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

pytestmark = pytest.mark.slow

SOURCE = "id_mahkamahagung_judgments"
FIXTURE = Path(__file__).parents[1] / "examples" / "crawlers" / f"{SOURCE}_years"
HOST = "/putusan3.mahkamahagung.go.id"
YEAR_LISTS = {
    "/direktori/index/kategori/perdagangan-orang-1/tahunjenis/putus/tahun/2019.html",
    "/direktori/index/kategori/perdagangan-orang-1/tahunjenis/putus/tahun/2019/page/2.html",
    "/direktori/index/kategori/perdagangan-orang-1/tahunjenis/putus/tahun/2020.html",
}
# The courts in the 2019 and 2020 lists' breadcrumbs; only PN Sukamaju's lists are served.
COURT_YEAR_LISTS = {
    f"/direktori/index/pengadilan/{court}/kategori/perdagangan-orang-1/tahunjenis/putus/tahun/{year}.html"
    for court, year in (
        ("pn-sukamaju", 2019),
        ("pn-tanjung-harapan", 2019),
        ("pt-kota-lama", 2019),
        ("pn-sukamaju", 2020),
    )
}
IN_WINDOW = {
    "a1b2c3d4e5f60718293a4b5c6d7e8f90",  # 2019, on the category list and PN Sukamaju's
    "zae0b1c2d3e4f5a6b7c8d9e0f1a2b3c4",  # 2019
    "0f1e2d3c4b5a69788796a5b4c3d2e1f0",  # 2019, second page of the year list
    "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",  # 2019, only on PN Sukamaju's list
    "zae9c8b7a6f5e4d3c2b1a09f8e7d6c5b",  # 2020
}


def test_a_backfill_walks_the_year_lists_of_its_window_per_court_and_nothing_else(
    tmp_path: Path,
) -> None:
    spec = json.loads((FIXTURE / "site.json").read_text(encoding="utf-8"))
    fixture = SiteFixture(
        source_id=SOURCE, base=spec["base"], pages=spec["pages"], spider_args=spec["spider_args"]
    )
    root = fixture.build(FIXTURE, tmp_path / "site")
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    with serve_directory(root) as server:
        report = crawl(SOURCE, settings, base_url=f"{server.url}{HOST}", **fixture.spider_args)  # type: ignore[arg-type]
        asked = [(path, status) for _, path, status in server.log.entries]

    lists = {path.removeprefix(HOST) for path, _ in asked if "/direktori/index/" in path}
    assert lists == YEAR_LISTS | COURT_YEAR_LISTS
    decisions = {path.rsplit("/", 1)[-1] for path, _ in asked if "/direktori/putusan/" in path}
    assert decisions == {f"{decision}.html" for decision in IN_WINDOW}
    assert {document.doc_id.split(":")[1] for document in report.documents} == IN_WINDOW
    # The court lists the site does not have are no failure of the crawl.
    assert report.errors == () and report.failed == 0

    produced = crawl_summary(report, server.url, settings.home)
    golden = FIXTURE / "site.golden.json"
    rendered = json.dumps(produced, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if not golden.exists():
        golden.write_text(rendered, encoding="utf-8")
        pytest.fail(f"wrote {golden.name}: review it before committing, then run again")
    assert json.loads(golden.read_text(encoding="utf-8")) == produced
