"""The server-rendered pages (as HTML), the bulk export and the weekly digest of saved searches."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interfaces import exports, saved
from interfaces.web.catalogue import LANGUAGES, STRINGS
from tests.interfaces.conftest import HOSTILE, make_service
from tiplex.settings import Settings


def test_judgment_markup_and_script_render_as_text(client: TestClient) -> None:
    page = client.get(f"/cases/{HOSTILE.doc_id}").text
    assert "<script" not in page  # the pages carry no script of their own either
    assert "&lt;script&gt;document.tit" in page and "&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>bold</b>" not in page
    # The evidence covering the script is still marked, and its value links to it.
    assert 'href="#ev-' in page and 'id="ev-' in page


def test_case_page_links_each_coded_value_to_its_highlighted_evidence(client: TestClient) -> None:
    page = client.get("/cases/local:gr_254871_2023").text
    anchors = {part.split('"')[0] for part in page.split('href="#ev-')[1:]}
    targets = {part.split('"')[0] for part in page.split('id="ev-')[1:]}
    assert anchors and anchors <= targets
    cite = client.get("/api/v1/cases/local:gr_254871_2023").json()["citation"]
    for value in (cite["case_number"], cite["court"], cite["sha256"], cite["fetched_at"]):
        assert value and value in page


def test_pages_speak_bahasa_indonesia_when_asked_and_remember_it(client: TestClient) -> None:
    first = client.get("/search", params={"q": "anak", "lang": "id"})
    assert 'lang="id"' in first.text and "Saring menurut kolom berkode" in first.text
    assert first.cookies.get("lang") == "id"
    again = client.get("/trends", cookies={"lang": "id"})
    assert "Tren putusan" in again.text
    client.cookies.clear()


def test_every_string_has_every_language() -> None:
    missing = [
        f"{key}.{code}" for key, e in STRINGS.items() for code in LANGUAGES if not e.get(code)
    ]
    assert not missing


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/search?q=forced+labor", "<mark>"),
        ("/compare?topic=non_punishment", "Section 17"),
        ("/trends?by=year", "/api/v1/trends?"),
        ("/sources", "challenge page detected"),
    ],
)
def test_each_page_renders_what_it_is_for(client: TestClient, path: str, expected: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert expected in response.text


def test_the_search_page_says_when_a_prison_term_was_read_from_the_question(
    client: TestClient,
) -> None:
    asked = client.get("/search", params={"q": "traffickers sentenced to ten years or more"})
    assert asked.status_code == 200
    assert "Read from the question, and applied" in asked.text
    assert "Prison term (months) 120.." in asked.text
    plain = client.get("/search", params={"q": "traffickers", "sentence_months": "120.."})
    assert "Read from the question" not in plain.text  # set by hand: shown as a chosen filter
    assert "Prison term (months): 120.." in plain.text


def test_bad_page_parameters_are_explained_not_crashed(client: TestClient) -> None:
    response = client.get("/search", params={"q": "x", "year": "soon"})
    assert response.status_code == 400 and "year" in response.text
    assert client.get("/cases/no:such").status_code == 404


def test_bulk_export_writes_files_and_a_manifest_that_checks(
    app_settings: Settings, tmp_path: Path
) -> None:
    service = make_service(app_settings)
    try:
        manifest = exports.bulk_export(service, tmp_path / "export")
    finally:
        service.close()
    assert manifest["counts"]["documents"] == 11
    assert manifest["counts"]["cases"] >= 9
    assert manifest["counts"]["provisions"] > 3
    assert manifest["models"]["index"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert manifest["models"]["tiplex"]
    on_disk = json.loads((tmp_path / "export" / "manifest.json").read_text())
    for name, entry in on_disk["files"].items():
        data = (tmp_path / "export" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert data.count(b"\n") == entry["records"]
    first = json.loads((tmp_path / "export" / "documents.jsonl").read_text().splitlines()[0])
    assert first["text"] and first["citation"]["source_url"]


class _Receiver(BaseHTTPRequestHandler):
    received: list[dict[str, object]] = []

    def do_POST(self) -> None:  # noqa: N802 (the http.server naming)
        length = int(self.headers["Content-Length"])
        self.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Receiver.received.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}/digest"
    server.shutdown()
    server.server_close()


def test_digest_lists_only_judgments_new_since_the_search_was_saved(
    home_copy: Settings, webhook: str
) -> None:
    from index.embedded import EmbeddedBackend
    from tests.interfaces.conftest import _embedder, written_document

    service = make_service(home_copy)
    try:
        saved.save(home_copy, "PH forced labour", "forced labor", {"country": "PH"}, service)
        quiet = saved.write_digest(service, webhook=webhook)
        assert quiet["searches"][0]["new"] == []
        newcomer = written_document(
            "test:new-judgment",
            "The accused kept the workers in forced labor on a fishing boat without pay.",
            url="https://example.org/new",
            title="People vs. Newcomer",
            court="Regional Trial Court",
            case_number="NEW-7",
            decision_date="2026-11-30",
            sha256="2" * 64,
        )
        writer = EmbeddedBackend(home_copy, _embedder())
        writer.index([newcomer])
        writer.close()
        digest = saved.write_digest(service, run_id="weekly", webhook=webhook)
    finally:
        service.close()
    new = digest["searches"][0]["new"]
    assert [hit["doc_id"] for hit in new] == ["test:new-judgment"]
    assert new[0]["case_number"] == "NEW-7" and new[0]["source_url"] == "https://example.org/new"
    markdown = Path(digest["files"][0]).read_text(encoding="utf-8")
    assert "## PH forced labour" in markdown and "People vs. Newcomer" in markdown
    assert json.loads(Path(digest["files"][1]).read_text())["run"] == "weekly"
    assert digest["webhook_status"] == 204
    assert [len(d["searches"][0]["new"]) for d in _Receiver.received] == [0, 1]
    again = saved.write_digest(make_service(home_copy))
    assert again["searches"][0]["new"] == []


def test_saving_a_search_needs_the_token_and_valid_filters(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {"name": "x", "query": "child", "filters": {"year": "someday"}}
    assert client.post("/api/v1/saved-searches", json=body).status_code in (401, 403)
    monkeypatch.setenv("TIPLEX_API_TOKEN", "t0ken")
    refused = client.post(
        "/api/v1/saved-searches", json=body, headers={"Authorization": "Bearer t0ken"}
    )
    assert refused.status_code == 400 and "year" in refused.json()["detail"]


def test_a_copy_from_a_local_mirror_says_it_is_demo_content_wherever_it_is_shown(
    home_copy: Settings,
) -> None:
    """A document crawled through the demo's mirror links to that copy, and every page that shows
    it says it is demo content, not the real site's; a document from a real site says nothing."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from index.embedded import EmbeddedBackend
    from interfaces.app import build_app
    from interfaces.service import citation
    from tests.interfaces.conftest import _embedder, written_document
    from tiplex.addresses import is_local_copy
    from tiplex.records import FETCHED_FROM, CaseFacts

    assert is_local_copy("http://127.0.0.1:8765/lawphil.net/x.html")
    assert is_local_copy("http://localhost/x") and is_local_copy("http://10.0.0.5/x")
    assert not is_local_copy("https://lawphil.net/judjuris/juri2025/x.html")
    assert not is_local_copy("") and not is_local_copy(None)

    mirrored = written_document(
        "demo:mirrored-1",
        "REGIONAL TRIAL COURT. The accused recruited the mirrored victim for forced labour "
        "aboard a fishing vessel. The accused is convicted.",
        url="https://lawphil.net/judjuris/juri2025/mirrored.html",
        title="People v. Mirrored (demo)",
    )
    mirrored = replace(
        mirrored, metadata={FETCHED_FROM: "http://127.0.0.1:8765/lawphil.net/mirrored.html"}
    )
    facts = CaseFacts(
        doc_id=mirrored.doc_id, country="PH", language="en", doc_type="judgment",
        is_trafficking_case=True, outcome="convicted",
    )  # fmt: skip
    backend = EmbeddedBackend(home_copy, _embedder())
    try:
        backend.index([mirrored], {mirrored.doc_id: facts}, {})
    finally:
        backend.close()
    service = make_service(home_copy)
    try:
        client = TestClient(build_app(service=service))
        notice = STRINGS["local_copy"]["en"].split(":")[0]
        found = service.search("mirrored victim fishing vessel", limit=3)
        first = found.items[0]
        assert first["doc_id"] == mirrored.doc_id and first["citation"]["local_copy"] is True
        assert citation(service.stored(HOSTILE.doc_id))["local_copy"] is False
        page = client.get("/search", params={"q": "mirrored victim fishing vessel"}).text
        assert notice in page
        assert notice in client.get(f"/cases/{mirrored.doc_id}").text
        assert notice not in client.get(f"/cases/{HOSTILE.doc_id}").text
    finally:
        service.close()


def test_the_case_page_lists_what_was_decided_on_compensation_and_the_law() -> None:
    from interfaces.service import coded_values

    text = "Menolak permohonan restitusi. Membayar restitusi Rp5.000.000,00."
    facts = {
        "outcome": "convicted",
        "conviction_law": "child_protection",
        "compensation": [
            {
                "kind": "restitution",
                "amount": 5_000_000,
                "currency": "IDR",
                "subsidiary_detention_months": 3,
                "evidence": [{"start": 30, "end": 62, "text": text[30:62]}],
            }
        ],
        "compensation_refused": [
            {"kind": "restitution", "evidence": [{"start": 0, "end": 28, "text": text[:28]}]}
        ],
    }
    shown = {(v["field"], v["value"]) for v in coded_values(facts, text)}
    assert ("conviction_law", "child_protection") in shown
    assert ("compensation", "restitution · 5,000,000 IDR · if unpaid 3 months' detention") in shown
    assert ("compensation_refused", "restitution · refused") in shown
