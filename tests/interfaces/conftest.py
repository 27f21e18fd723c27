"""One real index for the interface tests, built once per session: team-written lawphil decisions
and an Act from the demo mirror, coded by the real spaCy coder, embedded by the packaged
all-MiniLM-L6-v2, plus two documents written here on purpose: an excerpt of R.A. 9208 (so a
provision has judgments citing it) and a judgment whose text carries markup and a script."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import crawlers
import nlp
from index.backend import Embedder
from index.embedded import EmbeddedBackend
from index.embeddings import PACKAGED_MODEL
from interfaces.app import build_app
from interfaces.service import Service
from tiplex.demo import MIRROR_DIR
from tiplex.records import CaseFacts, Document, Provision, Span
from tiplex.settings import Settings

if TYPE_CHECKING:
    from nlp.coder import CaseCoder

LAWPHIL = MIRROR_DIR / "lawphil.net"
JUDGMENTS = (
    "judjuris/juri2023/mar2023/gr_254871_2023.html",
    "judjuris/juri2023/sep2023/gr_257440_2023.html",
    "judjuris/juri2024/aug2024/gr_268810_2024.html",
    "judjuris/juri2024/aug2024/gr_270044_2024.html",
    "judjuris/juri2025/jan2025/gr_269777_2025.html",
    "judjuris/juri2025/jan2025/gr_272460_2025.html",
    "judjuris/juri2025/jul2025/gr_274415_2025.html",
    "judjuris/juri2024/feb2024/gr_263571_2024.html",
)
ACT = "statutes/repacts/ra2024/ra_12345_2024.html"

HOSTILE_TEXT = (
    "REGIONAL TRIAL COURT. Criminal Case No. X-1. The accused recruited the victim for "
    'forced labour. <script>document.title="pwned"</script> The court found <b>bold</b> '
    "claims and an <img src=x onerror=alert(1)> tag in the record. The accused is convicted."
)


def written_document(doc_id: str, text: str, **fields: str) -> Document:
    """A document written for these tests (Philippine, English, a judgment unless told)."""
    return Document(
        doc_id=doc_id,
        source_id="test",
        url=fields.pop("url"),
        country="PH",
        language="en",
        doc_type=fields.pop("doc_type", "judgment"),  # type: ignore[arg-type]
        sha256=fields.pop("sha256", "0" * 64),
        content_type="text/plain",
        raw_path="",
        fetched_at="2026-12-01T00:00:00Z",
        text=text,
        **fields,  # type: ignore[arg-type]
    )


HOSTILE = written_document(
    "test:hostile-markup",
    HOSTILE_TEXT,
    url="https://example.org/hostile",
    title="People vs. <i>Markup</i>",
    court="Regional Trial Court",
    case_number="X-1",
    decision_date="2022-05-02",
)
SCRIPT_AT = HOSTILE_TEXT.index("<script>")

RA_9208_TEXT = (
    "Republic Act No. 9208 (excerpt for tests)\n"
    "Section 4. Acts of Trafficking in Persons. It shall be unlawful for any person to recruit, "
    "transport, harbor or receive a person for the purpose of prostitution or forced labor.\n"
    "Section 6. Qualified Trafficking in Persons. Trafficking is qualified when the trafficked "
    "person is a child.\n"
    "Section 17. Exemption from Prosecution. Trafficked persons shall not be penalized for "
    "crimes directly related to the acts of trafficking.\n"
)
RA_9208 = written_document(
    "test:ra-9208-excerpt",
    RA_9208_TEXT,
    url="https://lawphil.net/statutes/repacts/ra2003/ra_9208_2003.html",
    doc_type="legislation",
    title="Republic Act No. 9208",
    case_number="Republic Act No. 9208",
    decision_date="2003-05-26",
    sha256="1" * 64,
)


def _provision(number: str, topics: tuple[str, ...], articles: tuple[str, ...]) -> Provision:
    start = RA_9208_TEXT.index(f"Section {number}.")
    end = RA_9208_TEXT.index("\n", start)
    return Provision(
        doc_id=RA_9208.doc_id,
        number=f"Section {number}",
        heading="",
        text=RA_9208_TEXT[start:end],
        start=start,
        end=end,
        topics=topics,
        actip_articles=articles,
    )


RA_9208_PROVISIONS = [
    _provision("4", ("definition", "criminalisation"), ("2", "5")),
    _provision("6", ("aggravation", "child"), ("5",)),
    _provision("17", ("non_punishment",), ("14",)),
]

RUN_SUMMARY = {
    "flow": "weekly-update",
    "finished_at": "2026-12-01T03:10:00+00:00",
    "seconds": 42.0,
    "sources": [
        {
            "source_id": "ph_lawphil_judgments",
            "status": "ok",
            "discovered": 9,
            "fetched": 9,
            "new": 8,
            "changed": 0,
            "unchanged": 1,
            "failed": 0,
            "documents_indexed": 8,
            "passages_embedded": 60,
            "errors": [],
        },
        {
            "source_id": "id_mahkamahagung_judgments",
            "status": "failed",
            "discovered": 0,
            "fetched": 0,
            "new": 0,
            "changed": 0,
            "unchanged": 0,
            "failed": 1,
            "documents_indexed": 0,
            "passages_embedded": 0,
            "errors": ["challenge page detected at https://putusan3.mahkamahagung.go.id/"],
        },
    ],
    "failed_sources": ["id_mahkamahagung_judgments"],
    "totals": {"new": 8, "documents_indexed": 8, "failed": 1},
}


def _span(start: int, end: int) -> Span:
    return Span(start, end, HOSTILE_TEXT[start:end])


@pytest.fixture(scope="session")
def app_settings(tmp_path_factory: pytest.TempPathFactory, coder: CaseCoder) -> Settings:
    home = tmp_path_factory.mktemp("interfaces") / "home"
    settings = Settings(home=home, embedding_model=PACKAGED_MODEL).ensure_dirs()
    documents = [crawlers.load_file(LAWPHIL / name, country="PH") for name in JUDGMENTS]
    facts = {d.doc_id: coder.code(d) for d in documents}
    act = crawlers.load_file(LAWPHIL / ACT, country="PH", doc_type="legislation")
    hostile_facts = CaseFacts(
        doc_id=HOSTILE.doc_id,
        country="PH",
        language="en",
        doc_type="judgment",
        is_trafficking_case=True,
        outcome="convicted",
        exploitation_forms=("forced_labour",),
        evidence={
            "exploitation_forms": (_span(HOSTILE_TEXT.index("forced"), SCRIPT_AT + 20),),
            "outcome": (_span(HOSTILE_TEXT.index("is convicted"), len(HOSTILE_TEXT) - 1),),
        },
    )
    facts[HOSTILE.doc_id] = hostile_facts
    provisions = {act.doc_id: nlp.segment_provisions(act), RA_9208.doc_id: RA_9208_PROVISIONS}
    backend = EmbeddedBackend(settings, _embedder())
    try:
        backend.index([*documents, act, RA_9208, HOSTILE], facts, provisions)
    finally:
        backend.close()
    (settings.runs_dir / "2026-12-01T031000Z-weekly-update.json").write_text(
        json.dumps(RUN_SUMMARY), encoding="utf-8"
    )
    return settings


@cache
def _embedder() -> Embedder:
    """The packaged model, loaded once for the whole session (index and server share it)."""
    from index.embeddings import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(PACKAGED_MODEL)


def make_service(settings: Settings) -> Service:
    return Service(settings, EmbeddedBackend(settings, _embedder()))


@pytest.fixture(scope="session")
def app(app_settings: Settings) -> Iterator[FastAPI]:
    service = make_service(app_settings)
    yield build_app(service=service)
    service.close()


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@pytest.fixture
def home_copy(app_settings: Settings, tmp_path: Path) -> Settings:
    """A private copy of the session's home, for tests that write (saved searches, digests)."""
    import shutil

    target = tmp_path / "home"
    shutil.copytree(app_settings.home, target)
    return replace(app_settings, home=target)
