"""Each state the demo mirror adds is crawled by its real spider, over the real HTTP server, in
the demo's window: every document it lists comes through, with its text, and nothing else fails
(Laws of Malaysia included: the mirror holds every reprint that spider asks for)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers import crawl
from crawlers.sources.my_lom_legislation import ACTS_OF_INTEREST
from interfaces.demo import DEMO_SINCE, DEMO_UNTIL
from tiplex.demo import MIRROR_DIR
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

SOURCES = [
    ("th_krisdika_legislation", "www.krisdika.go.th", ["th_krisdika_legislation:571127"]),
    (
        "th_supremecourt_judgments",
        "deka.supremecourt.or.th",
        ["th_supremecourt_judgments:3214/2567"],
    ),
    ("vn_vbpl_legislation", "vbpl.vn", ["vn_vbpl_legislation:990001"]),
    ("vn_anle_precedents", "anle.toaan.gov.vn", ["vn_anle_precedents:TAND990001"]),
    (
        "my_kehakiman_judgments",
        "ejudgment.kehakiman.gov.my",
        ["my_kehakiman_judgments:00000000-0000-0000-0000-00000000d001"],
    ),
    ("id_bpk_legislation", "peraturan.bpk.go.id", ["id_bpk_legislation:99021"]),
]


@pytest.mark.parametrize(("source_id", "host", "doc_ids"), SOURCES, ids=[s[0] for s in SOURCES])
def test_each_new_state_crawls_from_the_mirror(
    source_id: str, host: str, doc_ids: list[str], tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    with serve_directory(MIRROR_DIR) as server:
        report = crawl(
            source_id,
            settings,
            base_url=f"{server.url}/{host}",
            since=DEMO_SINCE,
            until=DEMO_UNTIL,
        )
    assert report.errors == ()
    assert sorted(doc.doc_id for doc in report.documents) == doc_ids
    for doc in report.documents:
        assert "demo" in doc.text.lower(), doc.doc_id  # says it is demo content


def test_laws_of_malaysia_finds_every_reprint_it_asks_for(
    tmp_path: Path,
) -> None:
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    with serve_directory(MIRROR_DIR) as server:
        report = crawl(
            "my_lom_legislation",
            settings,
            base_url=f"{server.url}/lom.agc.gov.my",
            since=DEMO_SINCE,
            until=DEMO_UNTIL,
        )
    expected = [f"my_lom_legislation:{n}-{lang}" for n in ACTS_OF_INTEREST for lang in ("en", "ms")]
    assert sorted(doc.doc_id for doc in report.documents) == sorted(expected)
    assert report.failed == 0 and report.errors == ()
    for doc in report.documents:
        assert "demo" in doc.text.lower(), doc.doc_id
        assert doc.language == doc.doc_id[-2:], doc.doc_id  # each language its own document
