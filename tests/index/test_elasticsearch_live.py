"""Per-language analysis on a live Elasticsearch (skipped unless TIPLEX_ES_URL is set).

The shared contract suite covers search behaviour on both backends; these tests cover what only
this backend does: one analyzer per language family, the ICU plugin, index generations.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import es_queries, es_results
from index.elasticsearch import ElasticsearchBackend
from tests.index.fakes import HashingEmbedder
from tiplex.records import CaseFacts, Document, NonPunishment, SearchQuery, Span
from tiplex.settings import Settings

ES_URL = os.environ.get("TIPLEX_ES_URL")
pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(not ES_URL, reason="TIPLEX_ES_URL is not set"),
]


def _document(doc_id: str, language: str, text: str) -> Document:
    return Document(
        doc_id=doc_id,
        source_id="local",
        url=f"file:///tmp/{doc_id}.txt",
        country="TH",
        language=language,
        doc_type="judgment",
        title=doc_id,
        text=text,
        sha256="0" * 64,
        content_type="text/plain",
        raw_path="/tmp/x",
        fetched_at="2026-01-01T00:00:00Z",
    )


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[ElasticsearchBackend]:
    prefix = f"tiplex-live-{uuid.uuid4().hex[:10]}"
    settings = Settings(home=tmp_path, elasticsearch_url=ES_URL, elasticsearch_index_prefix=prefix)
    opened = ElasticsearchBackend(settings, HashingEmbedder())
    yield opened
    client = opened._client
    # Deleting by wildcard is refused by default (action.destructive_requires_name).
    names = list(client.indices.get(index=f"{prefix}-*", allow_no_indices=True).keys())
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
    for name in ("documents", "provisions", "embeddings"):
        client.options(ignore_status=404).indices.delete_index_template(name=f"{prefix}-{name}")
    opened.close()


def test_thai_text_is_split_into_words(backend: ElasticsearchBackend) -> None:
    # "human trafficking and forced labour" written without spaces, as Thai is.
    backend.index([_document("th:1", "th", "การค้ามนุษย์และการบังคับใช้แรงงาน " * 8)])

    hits = backend.search(SearchQuery(text="แรงงาน", mode="bm25"))

    assert [hit.doc_id for hit in hits] == ["th:1"]


def test_khmer_text_is_split_into_words_with_the_icu_plugin(
    backend: ElasticsearchBackend,
) -> None:
    backend.ensure_indices()
    if not backend._icu:
        pytest.skip("the analysis-icu plugin is not installed")
    # "human trafficking" written without spaces; the query is "human".
    backend.index([_document("km:1", "km", "ការជួញដូរមនុស្ស " * 8)])

    hits = backend.search(SearchQuery(text="មនុស្ស", mode="bm25"))

    assert [hit.doc_id for hit in hits] == ["km:1"]


def test_documents_index_is_an_alias_over_one_generation(backend: ElasticsearchBackend) -> None:
    backend.index([_document("th:1", "th", "การค้ามนุษย์ " * 8)])
    before = backend._generations()

    backend.reembed()

    after = backend._generations()
    assert len(before) == len(after) == 1 and before != after
    assert backend.document_count() == 1


def test_coded_answers_come_with_the_passage_holding_their_evidence(
    backend: ElasticsearchBackend,
) -> None:
    """Source filtering on the nested passages and the unindexed facts, on a real server."""
    opening = "Terdakwa merekrut para korban untuk bekerja di kapal. " * 40
    evidence = "Korban tidak dapat dipidana menurut Pasal 18 UU 21/2007."
    document = _document("id:1", "id", opening + "\n\n" + evidence)
    start = document.text.index(evidence)
    facts = CaseFacts(
        doc_id="id:1",
        country="ID",
        language="id",
        doc_type="judgment",
        non_punishment=NonPunishment(
            raised=True, evidence=(Span(start, start + len(evidence), evidence),)
        ),
    )
    backend.index([document], {"id:1": facts})
    concepts = es_queries.parse_query("non-punishment").concepts

    response = backend._search(es_queries.coded_body(concepts, {}, k=5))
    (hit,) = es_results.coded_answer_hits(response, concepts, 1)

    (passage,) = hit["inner_hits"][es_queries.CODED_INNER_HITS]["hits"]["hits"]
    assert evidence in es_results.passage_text(passage["_source"])
    assert "embedding" not in passage["_source"]
