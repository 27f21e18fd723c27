"""The demo's regional, Myanmar and Vietnamese-judgment sources (SHERLOC, CommonLII, asean.org,
MLIS, congbobanan) through the weekly flow the demo runs, over the real mirror server: each
yields the documents of its answer key (tools/demo_authoring/<site>/EXPECTED.md) without a
failure, SHERLOC's summaries carry their cases' own states, each source's sample question finds
its document, and a second run over the same home downloads nothing again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interfaces.demo import DEMO_SINCE, DEMO_UNTIL, mirror_overrides
from tests.demo.test_mirror import AUTHORING, load
from tiplex.demo import MIRROR_DIR
from tiplex.demo.server import serve_directory

SITES = ("sherloc", "commonlii", "asean", "mlis", "congbobanan")
BUILDS = {site: load(AUTHORING / site / "build.py") for site in SITES}
SHERLOC_KEY = BUILDS["sherloc"].c.EXPECTED  # UNODC number -> the case's country

# Each source's documents (the answer keys, as doc ids).
EXPECTED_DOCS = {
    "int_sherloc_cases": sorted(f"int_sherloc_cases:{n}" for n in SHERLOC_KEY),
    "int_commonlii_cases": sorted(f"int_commonlii_cases:{i}" for i in BUILDS["commonlii"].EXPECTED),
    "int_asean_legislation": ["int_asean_legislation:actip"],
    "mm_mlis_legislation": sorted(f"mm_mlis_legislation:{n}" for n in BUILDS["mlis"].EXPECTED),
    "vn_congbobanan_judgments": sorted(
        f"vn_congbobanan_judgments:{i}" for i in BUILDS["congbobanan"].EXPECTED
    ),
}
# One question per source (tools/demo_authoring/<site>/questions.md) and the document it finds
# first; each also ranks its document first on the whole demo's index (15 sources).
QUESTIONS = {
    "int_sherloc_cases": ("domestic workers Brunei", "int_sherloc_cases:BRN9001"),
    "int_commonlii_cases": (
        "Malaysian Court of Appeal sets aside immigration conviction of a trafficked person "
        "under ATIPSOM section 25",
        "int_commonlii_cases:my/cases/MYCA/2019/412",
    ),
    "int_asean_legislation": (
        "ASEAN convention victims not criminally or administratively liable for unlawful acts",
        "int_asean_legislation:actip",
    ),
    "mm_mlis_legislation": (
        "Myanmar law trafficked person not prosecuted for offence committed as a direct result "
        "of being trafficked",
        "mm_mlis_legislation:9902",
    ),
    "vn_congbobanan_judgments": (
        "bán phụ nữ sang Trung Quốc Hà Giang",
        "vn_congbobanan_judgments:4",
    ),
}

# The questions as first written, before any ranking was seen (questions.md keeps them); the
# ones above were chosen afterwards for ranking first on the whole demo's index, so only these
# measure the search.
FIRST_WRITTEN = {
    "int_sherloc_cases": (
        "trafficked woman forced to work for an online scam compound was acquitted",
        "int_sherloc_cases:MMR9002",
    ),
    "int_commonlii_cases": (
        "conviction for being in Malaysia without a valid pass set aside because she was a "
        "trafficked person",
        "int_commonlii_cases:my/cases/MYCA/2019/412",
    ),
    "mm_mlis_legislation": ("လူကုန်ကူးခံရသူကို အရေးယူခြင်း မပြုရ", "mm_mlis_legislation:9901"),
    "vn_congbobanan_judgments": (
        "bị cáo lừa phụ nữ sang Trung Quốc rồi bán",
        "vn_congbobanan_judgments:4",
    ),
}


@pytest.mark.parametrize(
    ("text", "statute"),
    [
        (
            "Law on Suppression of Human Trafficking and Sexual Exploitation (2008)",
            "KH LSHTSE 2008",
        ),
        ("Law on Anti-Trafficking in Persons (2015)", "LA ATIP 2015"),
        ("Anti Trafficking in Persons Law (2005), s. 24", "MM ATIP Law"),
        ("Anti-Trafficking in Persons Order, 2019", "BN ATIPO 2019"),
        # Lower case, without a year: a Philippine decision's loose "the anti-trafficking in
        # persons law" is not Myanmar's or Laos's law.
        ("violation of the anti-trafficking in persons law", None),
        ("the law on anti-trafficking in persons", None),
    ],
)
def test_sherlocs_english_titles_of_the_four_states_laws_are_read(
    text: str, statute: str | None
) -> None:
    from nlp.extractors.statutes import citations

    found = [c.value["statute"] for c in citations(text, 0)]
    assert found == ([statute] if statute else [])


def test_the_asean_convention_stays_no_states_law_when_coded() -> None:
    """ACTIP ends "Done at Kuala Lumpur, Malaysia": the coder's guess of a country must not
    make the regional instrument (or its Article 14) Malaysian."""
    from crawlers.extract import extract_text
    from flows.pipeline import code_documents
    from tiplex.records import Document

    (actip,) = BUILDS["asean"].build().values()
    text = extract_text(actip, "application/pdf")
    assert "Kuala Lumpur, Malaysia" in text
    document = Document(
        doc_id="int_asean_legislation:actip", source_id="int_asean_legislation", url="",
        country="", language="en", doc_type="legislation", title=BUILDS["asean"].TITLE,
        text=text, sha256="", content_type="application/pdf", raw_path="",
        fetched_at="2026-01-01T00:00:00Z",
    )  # fmt: skip
    batch = code_documents.fn("int_asean_legislation", [document])
    (coded,) = batch.documents
    assert coded.country == ""
    provisions = batch.provisions[coded.doc_id]
    (article_14,) = [p for p in provisions if p.number == "14"]
    assert "non_punishment" in article_14.topics and article_14.actip_articles == ("14",)


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The demo's flow over these five sources, twice on one home (the mirror's real server,
    the demo's overrides and window)."""
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import weekly_update

    home = tmp_path_factory.mktemp("mirror-a") / "home"
    # A temporary Prefect API, stopped before pytest closes its output (the ephemeral server's
    # exit-time logging would otherwise write to closed streams). Slow CI starts need > 30 s.
    with prefect_test_harness(server_startup_timeout=180), serve_directory(MIRROR_DIR) as server:
        overrides = mirror_overrides(server.url)
        mine = {source_id: overrides.get(source_id, "") for source_id in EXPECTED_DOCS}
        runs = [
            weekly_update(
                source_ids=sorted(mine),
                base_urls=mine,
                since=DEMO_SINCE,
                until=DEMO_UNTIL,
                home=str(home),
            )
            for _ in range(2)
        ]
    yield {"overrides": mine, "first": runs[0], "second": runs[1], "home": home}


@pytest.mark.slow
def test_the_demo_points_each_source_at_its_mirror_folder(demo_runs: dict[str, Any]) -> None:
    assert all(demo_runs["overrides"].values()), demo_runs["overrides"]


@pytest.mark.slow
@pytest.mark.parametrize("source_id", sorted(EXPECTED_DOCS))
def test_each_source_yields_its_documents_without_a_failure(
    demo_runs: dict[str, Any], source_id: str
) -> None:
    rows = {row["source_id"]: row for row in demo_runs["first"]["sources"]}
    row = rows[source_id]
    assert row["status"] == "ok" and row["failed"] == 0 and not row["errors"], row
    assert row["new"] == row["documents_indexed"] == len(EXPECTED_DOCS[source_id])
    stored = _stored(demo_runs["home"], EXPECTED_DOCS[source_id])
    for doc_id, document in stored.items():
        assert document is not None, doc_id
        assert "demo" in document.document.text.lower(), doc_id  # says it is demo content


@pytest.mark.slow
def test_sherloc_summaries_carry_their_cases_own_states(demo_runs: dict[str, Any]) -> None:
    stored = _stored(demo_runs["home"], EXPECTED_DOCS["int_sherloc_cases"])
    countries = {
        doc_id.rsplit(":", 1)[1]: document.document.country for doc_id, document in stored.items()
    }
    assert countries == SHERLOC_KEY
    assert set(countries.values()) == {"KH", "LA", "MM", "BN"}


@pytest.mark.slow
def test_sherloc_summaries_code_the_law_and_the_outcome(demo_runs: dict[str, Any]) -> None:
    stored = _stored(demo_runs["home"], EXPECTED_DOCS["int_sherloc_cases"])
    coded = {
        doc_id.rsplit(":", 1)[1]: (
            sorted({c["statute"] for c in document.facts.get("charges") or []}),
            document.facts.get("outcome"),
            document.facts.get("language"),
        )
        for doc_id, document in stored.items()
    }
    assert coded == {
        "KHM9001": (["KH LSHTSE 2008"], "convicted", "en"),
        "LAO9001": (["LA ATIP 2015"], "convicted", "en"),
        "MMR9001": (["MM ATIP Law"], "convicted", "en"),
        "MMR9002": ([], "acquitted", "en"),
        "BRN9001": (["BN ATIPO 2019"], "convicted", "en"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("source_id", sorted(QUESTIONS))
def test_each_source_answers_its_question(demo_runs: dict[str, Any], source_id: str) -> None:
    question, expected = QUESTIONS[source_id]
    hits = _top_hits(demo_runs["home"], question, k=3)
    assert hits and hits[0] == expected, hits


@pytest.mark.slow
def test_a_second_run_downloads_nothing_again(demo_runs: dict[str, Any]) -> None:
    first, second = demo_runs["first"]["totals"], demo_runs["second"]["totals"]
    assert (second["new"], second["changed"], second["fetched"]) == (0, 0, 0)
    assert second["unchanged"] == first["new"] == sum(len(d) for d in EXPECTED_DOCS.values())
    assert demo_runs["second"]["passages_embedded"] == 0
    assert demo_runs["second"]["failed_sources"] == []


def _top_hits(home: Path, question: str, k: int) -> list[str]:
    """The ids of the question's first `k` hits in the demo's index, best first."""
    import index
    from tiplex.records import SearchQuery
    from tiplex.settings import load_settings

    backend = index.open_backend(load_settings(home))
    try:
        return [hit.doc_id for hit in backend.search(SearchQuery(text=question, k=k))]
    finally:
        backend.close()


def _stored(home: Path, doc_ids: list[str]) -> dict[str, Any]:
    import index
    from tiplex.settings import load_settings

    backend = index.open_backend(load_settings(home))
    try:
        return {doc_id: backend.document(doc_id) for doc_id in doc_ids}
    finally:
        backend.close()


@pytest.mark.slow
def test_the_asean_convention_is_compared_as_a_regional_instrument(
    demo_runs: dict[str, Any],
) -> None:
    """ACTIP belongs to no state: compare groups it under a regional heading, on the command
    line and in the web app, never under a blank one."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from interfaces.app import build_app
    from interfaces.cli import app
    from interfaces.service import Service
    from tiplex.settings import load_settings

    home = str(demo_runs["home"])
    shown = CliRunner().invoke(app, ["compare", "--topic", "non_punishment", "--home", home])
    assert shown.exit_code == 0, shown.output
    assert "Regional (ASEAN instruments)" in shown.output
    service = Service(load_settings(demo_runs["home"]))
    try:
        page = TestClient(build_app(service=service)).get(
            "/compare", params={"topic": "non_punishment"}
        )
    finally:
        service.close()
    assert page.status_code == 200
    assert '<h3 id="state-regional">Regional (ASEAN instruments)</h3>' in page.text
    # The overview's row too, and the name its links are read out by.
    assert '<th scope="row">Regional (ASEAN instruments)</th>' in page.text
    assert 'aria-label="Regional (ASEAN instruments) non_punishment: ' in page.text


@pytest.mark.slow
@pytest.mark.parametrize("source_id", sorted(FIRST_WRITTEN))
def test_rank_of_each_first_written_question(demo_runs: dict[str, Any], source_id: str) -> None:
    question, expected = FIRST_WRITTEN[source_id]
    hits = _top_hits(demo_runs["home"], question, k=10)
    # On these five sources' index each finds its document first, as written; on the whole
    # demo's index the longer ones rank it 2nd or 3rd (questions.md).
    assert hits and hits[0] == expected, hits
