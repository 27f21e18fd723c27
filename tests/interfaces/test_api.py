"""The HTTP API on a real index: what a client reading /api/v1 depends on."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.conftest import HOSTILE, RA_9208


def test_openapi_document_lists_the_versioned_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/search",
        "/api/v1/cases/{doc_id}",
        "/api/v1/documents/{doc_id}",
        "/api/v1/compare",
        "/api/v1/trends",
        "/api/v1/sources",
        "/api/v1/runs",
        "/api/v1/exports/search.{fmt}",
    ):
        assert path in paths, path
    assert not any(p.startswith("/search") for p in paths)  # the pages are not API


def test_search_passages_and_highlights_are_offsets_into_the_document(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "qualified trafficking minor"}).json()
    assert body["hits"], body
    hit = body["hits"][0]
    text = client.get(f"/api/v1/documents/{hit['doc_id']}", params={"format": "text"}).text
    for passage in hit["passages"]:
        assert text[passage["start"] : passage["end"]] == passage["text"]
        for mark in passage["highlights"]:
            assert passage["start"] <= mark["start"] < mark["end"] <= passage["end"]
    assert hit["citation"]["source_url"] == hit["source_url"]
    assert {"court", "case_number", "decision_date"} <= set(hit["citation"])


def test_filters_restrict_and_facets_count_the_coded_fields(client: TestClient) -> None:
    everything = client.get("/api/v1/search", params={"facets": "true", "limit": 50}).json()
    facets = everything["facets"]
    assert set(facets) >= {"country", "year", "outcome", "doc_type", "non_punishment_raised"}
    judgments = next(f["count"] for f in facets["doc_type"] if f["value"] == "judgment")
    assert judgments == sum(1 for h in everything["hits"] if h["doc_type"] == "judgment")
    year = facets["year"][0]
    narrowed = client.get(
        "/api/v1/search", params={"year": str(year["value"]), "limit": 50}
    ).json()["hits"]
    assert len(narrowed) == year["count"]
    assert all((h["decision_date"] or "").startswith(str(year["value"])) for h in narrowed)


def test_cursor_pages_walk_the_same_ranking_without_repeats(client: TestClient) -> None:
    params = {"q": "trafficking", "mode": "bm25"}
    whole = [
        h["doc_id"]
        for h in client.get("/api/v1/search", params=params | {"limit": 6}).json()["hits"]
    ]
    walked: list[str] = []
    cursor = None
    while len(walked) < len(whole):
        page = client.get(
            "/api/v1/search", params=params | {"limit": 2} | ({"cursor": cursor} if cursor else {})
        ).json()
        walked += [h["doc_id"] for h in page["hits"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert walked == whole


@pytest.mark.parametrize(
    ("path", "params", "names"),
    [
        ("/api/v1/search", {"q": "x", "mode": "fuzzy"}, "mode"),
        ("/api/v1/search", {"q": "x", "limit": 0}, "limit"),
        ("/api/v1/search", {"q": "x", "year": "last year"}, "year"),
        ("/api/v1/search", {"q": "x", "country": "Atlantis"}, "country"),
        ("/api/v1/search", {"q": "x", "cursor": "not-ours"}, "cursor"),
        ("/api/v1/compare", {"topic": "weather"}, "topic"),
        ("/api/v1/compare", {"topic": "penalty", "countries": "PH,ZZZ"}, "ZZZ"),
        ("/api/v1/trends", {"by": "shoe_size"}, "by"),
        ("/api/v1/trends", {"by": "country", "format": "svg"}, "by=year"),
        ("/api/v1/runs", {"limit": 500}, "limit"),
    ],
)
def test_bad_parameters_get_a_400_that_names_them(
    client: TestClient, path: str, params: dict[str, object], names: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400, response.text
    assert names in response.json()["detail"]


def test_unknown_document_is_a_404(client: TestClient) -> None:
    assert client.get("/api/v1/cases/no:such-doc").status_code == 404
    assert client.get("/api/v1/documents/no:such-doc").status_code == 404


def test_case_values_carry_evidence_spans_of_the_text(client: TestClient) -> None:
    doc_id = "local:gr_254871_2023"
    case = client.get(f"/api/v1/cases/{doc_id}").json()
    text = client.get(f"/api/v1/documents/{doc_id}").json()["text"]
    assert case["citation"]["case_number"] == "G.R. No. 254871"
    assert case["citation"]["sha256"]
    fields = {v["field"] for v in case["coded"]}
    assert {"outcome", "charges", "sentences"} <= fields
    spans = [s for v in case["coded"] for s in v["evidence"]]
    assert spans
    assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)


def test_compare_puts_states_side_by_side_with_citing_judgments(client: TestClient) -> None:
    body = client.get("/api/v1/compare", params={"topic": "aggravation"}).json()
    provisions = body["states"]["PH"]
    section_6 = next(p for p in provisions if p["law"]["doc_id"] == RA_9208.doc_id)
    assert section_6["statute"] == "PH RA 9208"
    assert section_6["actip_articles"] == ["5"]
    citing = {c["doc_id"] for c in section_6["cited_by"]}
    assert "local:gr_254871_2023" in citing  # charged under Sec. 6(a)
    assert all(c["provision"].startswith("Sec. 6") for c in section_6["cited_by"])


def test_trends_as_json_csv_and_chart(client: TestClient) -> None:
    rows = client.get("/api/v1/trends", params={"by": "year"}).json()["rows"]
    assert sum(r["count"] for r in rows) == 9  # the judgments, not the laws
    table = client.get("/api/v1/trends", params={"by": "year,country", "format": "csv"})
    assert table.headers["content-type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(table.text)))
    assert set(parsed[0]) == {"year", "country", "count"}
    svg = client.get("/api/v1/trends", params={"by": "year", "format": "svg"})
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content[:2000]


def test_a_trend_states_the_prison_term_its_question_asks_for(client: TestClient) -> None:
    asked = client.get(
        "/api/v1/trends", params={"q": "traffickers sentenced to ten years or more", "by": "year"}
    ).json()
    assert asked["filters"] == {
        "doc_type": "judgment",
        "sentence_months": "120..",
        "is_trafficking_case": "true",  # asked of traffickers
    }
    set_by_hand = client.get(
        "/api/v1/trends", params={"by": "year", "sentence_months": "120.."}
    ).json()
    assert set_by_hand["filters"]["sentence_months"] == "120.."
    bad = client.get("/api/v1/trends", params={"by": "year", "sentence_months": "ten years"})
    assert bad.status_code == 400 and "sentence_months" in bad.json()["detail"]


def test_a_search_says_which_conditions_it_read_from_its_question(client: TestClient) -> None:
    asked = "victims of traffickers who cannot pay the restitution, jailed instead"
    hybrid = client.get("/api/v1/search", params={"q": asked}).json()
    assert hybrid["read_filters"] == {
        "compensation": "unpaid_detention",
        "is_trafficking_case": "true",
    }
    assert hybrid["filters"] == {}  # the user's own filters stay apart
    keyword = client.get("/api/v1/search", params={"q": asked, "mode": "bm25"}).json()
    assert keyword["read_filters"] == {}
    own = client.get("/api/v1/search", params={"q": asked, "compensation": "any"}).json()
    assert own["filters"] == {"compensation": "any"}
    assert own["read_filters"] == {"is_trafficking_case": "true"}  # the user's award wins
    bad = client.get("/api/v1/search", params={"q": asked, "compensation": "granted"})
    assert bad.status_code == 400 and "compensation" in bad.json()["detail"]


def test_sources_show_their_last_run_and_what_needs_a_human(client: TestClient) -> None:
    sources = {s["id"]: s for s in client.get("/api/v1/sources").json()}
    failing = sources["id_mahkamahagung_judgments"]["last_run"]
    assert failing["status"] == "failed"
    assert any("challenge page" in why for why in failing["needs_human"])
    assert sources["ph_lawphil_judgments"]["last_run"]["new"] == 8
    assert sources["ph_lawphil_statutes"]["last_run"] is None
    runs = client.get("/api/v1/runs").json()
    assert runs["runs"][0]["sources"][1]["errors"] and runs["next_cursor"] is None


def test_exports_carry_the_citation_of_each_passage(client: TestClient) -> None:
    response = client.get("/api/v1/exports/search.csv", params={"q": "forced labor", "limit": 3})
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows
    for row in rows:
        assert row["source_url"] and row["passage_start"] and row["passage_end"]
        assert {"court", "case_number"} <= set(row)
    lines = client.get("/api/v1/exports/cases.jsonl", params={"country": "PH"}).text.splitlines()
    cases = [json.loads(line) for line in lines]
    assert HOSTILE.doc_id in {c["doc_id"] for c in cases}
    assert all(c["facts"]["doc_id"] == c["doc_id"] for c in cases)


def test_actions_are_refused_without_the_configured_token(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIPLEX_API_TOKEN", raising=False)
    assert client.post("/api/v1/runs", json={}).status_code == 403
    monkeypatch.setenv("TIPLEX_API_TOKEN", "s3cret")
    assert client.post("/api/v1/runs", json={}).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/api/v1/ingest", json={"paths": ["/x"]}, headers=wrong).status_code == 401
    right = {"Authorization": "Bearer s3cret"}
    refused = client.post("/api/v1/runs", json={"sources": ["xx_nowhere"]}, headers=right)
    assert refused.status_code == 400 and "xx_nowhere" in refused.json()["detail"]
    missing = client.post("/api/v1/ingest", json={"paths": ["/no/such/dir"]}, headers=right)
    assert missing.status_code == 400
