"""The chunker and the embedded backend on a few real documents of ../shared/corpus (skipped
when the corpus is absent). Nothing of the documents' text is written down here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import chunking
from index.bench import read_documents
from index.chunking import chunk_text
from index.embedded import EmbeddedBackend
from tests.index.fakes import HashingEmbedder
from tiplex.records import Document, SearchQuery
from tiplex.settings import Settings

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def sample(corpus_dir: Path) -> list[Document]:
    """Two documents of each country, the first of each in manifest order."""
    rows = [json.loads(line) for line in (corpus_dir / "manifest.jsonl").open(encoding="utf-8")]
    chosen: dict[str, list[str]] = {}
    for row in rows:
        if len(chosen.setdefault(row["country"], [])) < 2:
            chosen[row["country"]].append(row["doc_id"])
    wanted = {doc_id for ids in chosen.values() for doc_id in ids}
    documents = [d for d in read_documents(corpus_dir, None) if d.doc_id in wanted]
    assert len(documents) == 8
    return documents


def test_passages_of_real_documents_slice_their_text(sample: list[Document]) -> None:
    for document in sample:
        chunks = chunk_text(document.doc_id, document.text)

        assert chunks, document.doc_id
        for chunk in chunks:
            passage = chunk.passage
            assert document.text[passage.start : passage.end] == passage.text
            assert len(chunk.content.split()) <= chunking.MAX_WORDS


def test_page_furniture_of_directory_judgments_is_not_content(sample: list[Document]) -> None:
    for document in (d for d in sample if d.country == "ID"):
        content_words = sum(
            len(c.content.split()) for c in chunk_text(document.doc_id, document.text)
        )

        # Overlap adds a little; the repeated banners and disclaimers take far more away.
        assert content_words < 0.95 * len(document.text.split())


@pytest.mark.parametrize("mode", ["bm25", "hybrid"])
def test_a_case_number_finds_its_judgment(
    sample: list[Document], tmp_path: Path, mode: str
) -> None:
    backend = EmbeddedBackend(Settings(home=tmp_path), HashingEmbedder())
    try:
        backend.index(sample)
        checked = 0
        for document in sample:
            if not document.case_number or document.case_number not in document.text:
                continue
            checked += 1
            hits = backend.search(SearchQuery(text=f'"{document.case_number}"', mode=mode))  # type: ignore[arg-type]

            assert hits and hits[0].doc_id == document.doc_id
        assert checked >= 2
    finally:
        backend.close()
