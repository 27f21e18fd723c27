"""What only the embedded backend promises: its files, several handles on one index, browsing,
filter syntax and errors, and recovery from a torn vector write."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import index
from index.backend import EmbeddingModelMismatch
from index.embedded import DATABASE_NAME, VECTORS_NAME, EmbeddedBackend
from tests.index import samples
from tests.index.fakes import HashingEmbedder
from tiplex.records import SearchQuery
from tiplex.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def backend(settings: Settings) -> EmbeddedBackend:
    opened = EmbeddedBackend(settings, HashingEmbedder())
    opened.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)
    yield opened
    opened.close()


def _ids(hits: list) -> list[str]:
    return [hit.doc_id for hit in hits]


def test_open_backend_gives_the_embedded_default(settings: Settings) -> None:
    backend = index.open_backend(settings, HashingEmbedder())
    try:
        assert isinstance(backend, EmbeddedBackend)
        assert isinstance(backend, index.SearchBackend)
    finally:
        backend.close()
    with pytest.raises(ValueError, match="opensearch"):
        index.open_backend(dataclasses.replace(settings, search_backend="opensearch"))


def test_the_index_is_one_sqlite_file_and_a_vector_file(
    backend: EmbeddedBackend, settings: Settings
) -> None:
    assert (settings.index_dir / DATABASE_NAME).is_file()
    assert (settings.index_dir / VECTORS_NAME).stat().st_size > 0
    assert backend.recorded_model() == "test/hashing-64"


def test_a_second_handle_sees_documents_indexed_after_it_searched(
    backend: EmbeddedBackend, settings: Settings
) -> None:
    reader = EmbeddedBackend(settings, HashingEmbedder())
    try:
        assert reader.search(SearchQuery(text="warehouse landlord", mode="dense"))
        added = dataclasses.replace(
            samples.SG_SHIPPING, doc_id="sg_court:new", text="The warehouse landlord sued."
        )
        backend.index([added])

        hits = reader.search(SearchQuery(text="warehouse landlord sued", mode="dense"))

        assert _ids(hits)[0] == "sg_court:new"
    finally:
        reader.close()


def test_a_torn_vector_write_does_not_shift_later_vectors(
    backend: EmbeddedBackend, settings: Settings
) -> None:
    with (settings.index_dir / VECTORS_NAME).open("ab") as handle:
        handle.write(b"\x00" * 10)  # what an interrupted append could leave
    added = dataclasses.replace(
        samples.SG_SHIPPING, doc_id="sg_court:new", text="The warehouse landlord sued."
    )
    backend.index([added])

    hits = backend.search(SearchQuery(text="The warehouse landlord sued.", mode="dense"))

    assert _ids(hits)[0] == "sg_court:new"
    assert hits[0].score == pytest.approx(1.0, abs=1e-5)


def test_keyword_search_still_works_with_another_model(
    backend: EmbeddedBackend, settings: Settings
) -> None:
    other = EmbeddedBackend(settings, HashingEmbedder("test/other"))
    try:
        assert _ids(other.search(SearchQuery(text="demurrage", mode="bm25")))
        with pytest.raises(EmbeddingModelMismatch):
            other.search(SearchQuery(text="demurrage", mode="dense"))
    finally:
        other.close()


def test_empty_query_browses_filtered_documents_newest_first(backend: EmbeddedBackend) -> None:
    hits = backend.search(SearchQuery(text="", filters={"country": "PH"}, passages_per_hit=1))

    assert _ids(hits) == [samples.PH_DRUGS.doc_id, samples.PH_SEX_TRAFFICKING.doc_id]
    assert all(len(hit.passages) == 1 and hit.passages[0].start == 0 for hit in hits)


def test_filters_take_alternatives_and_year_ranges(backend: EmbeddedBackend) -> None:
    def browse(**filters: str) -> set[str]:
        return set(_ids(backend.search(SearchQuery(text="", k=50, filters=filters))))

    assert browse(country="sg,my") == {samples.SG_SHIPPING.doc_id, samples.MY_LAW.doc_id}
    assert browse(year="2019..2020") == {
        samples.PH_SEX_TRAFFICKING.doc_id,
        samples.PH_DRUGS.doc_id,
        samples.ID_OTHER_ARTICLE.doc_id,
    }
    assert browse(court="Singapore") == {samples.SG_SHIPPING.doc_id}


@pytest.mark.parametrize(
    ("filters", "message"),
    [({"colour": "red"}, "unknown filter"), ({"minors": "maybe"}, "true or false")],
)
def test_bad_filters_are_explained(
    backend: EmbeddedBackend, filters: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        backend.search(SearchQuery(text="victims", filters=filters))


def test_count_by_multi_valued_field_counts_documents_without_a_value_as_none(
    backend: EmbeddedBackend,
) -> None:
    groups = backend.count_by(None, ["exploitation_form"])

    assert groups == [
        {"exploitation_form": "forced_labour", "count": 1},
        {"exploitation_form": "sexual_exploitation", "count": 1},
        {"exploitation_form": None, "count": 4},
    ]
    with pytest.raises(ValueError, match="cannot count by"):
        backend.count_by(None, ["colour"])


def test_reindexing_without_facts_or_provisions_drops_them(backend: EmbeddedBackend) -> None:
    backend.index([samples.MY_LAW, samples.PH_SEX_TRAFFICKING])

    assert backend.provisions() == []
    assert backend.count_by(SearchQuery(text="", filters={"minors": "true"}), ["country"]) == []


def test_thai_documents_are_found_by_thai_words(backend: EmbeddedBackend) -> None:
    thai = dataclasses.replace(
        samples.SG_SHIPPING,
        doc_id="th_court:1",
        country="TH",
        language="th",
        text="จำเลยกระทำความผิดฐานค้ามนุษย์ โดยบังคับให้ผู้เสียหายทำงานบนเรือประมง",
    )
    backend.index([thai])

    hits = backend.search(SearchQuery(text="ค้ามนุษย์", mode="bm25"))

    # First: the thesaurus also finds the judgments about trafficking in other languages.
    assert _ids(hits)[0] == "th_court:1"
    assert hits[0].passages[0].highlights


def _many_documents(count: int, rare_every: int) -> list:
    """Short documents all sharing common words; every `rare_every`-th also says "quokka"."""
    documents = []
    for i in range(count):
        extra = " A quokka was seen near the harbour." if i % rare_every == 0 else ""
        text = f"Witness number {i} gave evidence about the harbour and the boats.{extra}"
        documents.append(dataclasses.replace(samples.SG_SHIPPING, doc_id=f"many:{i}", text=text))
    return documents


def test_common_words_alone_do_not_crowd_out_rare_ones(settings: Settings) -> None:
    backend = EmbeddedBackend(settings, HashingEmbedder())
    try:
        backend.index(_many_documents(600, rare_every=4))

        hits = backend.search(
            SearchQuery(text="harbour boats quokka", mode="bm25", k=20, passages_per_hit=1)
        )

        assert len(hits) == 20
        assert all("quokka" in hit.passages[0].text for hit in hits)
    finally:
        backend.close()


def test_narrow_filters_still_find_passages_with_only_common_words(settings: Settings) -> None:
    backend = EmbeddedBackend(settings, HashingEmbedder())
    try:
        backend.index(_many_documents(600, rare_every=4))

        hits = backend.search(
            SearchQuery(text="harbour boats quokka", mode="bm25", filters={"doc_id": "many:7"})
        )

        assert _ids(hits) == ["many:7"]
    finally:
        backend.close()


def test_a_question_naming_a_coded_concept_finds_the_judgments_coded_with_it(
    backend: EmbeddedBackend,
) -> None:
    """The Indonesian judgment coded as raising non-punishment holds none of the question's
    words; hybrid search finds it through its coded case, and trends count it."""
    question = "non-punishment of trafficking victims"
    assert "punishment" not in samples.ID_FORCED_LABOUR.text.lower()

    hybrid = _ids(backend.search(SearchQuery(text=question, mode="hybrid", k=5)))
    keywords = _ids(backend.search(SearchQuery(text=question, mode="bm25", k=5)))
    quoted = _ids(backend.search(SearchQuery(text=f'"{question}"', mode="hybrid", k=5)))
    counted = backend.count_by(SearchQuery(text=question), ["country"])

    assert samples.ID_FORCED_LABOUR.doc_id in hybrid
    assert samples.ID_FORCED_LABOUR.doc_id not in keywords  # keyword search stays literal
    assert samples.ID_FORCED_LABOUR.doc_id not in quoted  # so does a quoted phrase
    assert {"country": "ID", "count": 1} in counted


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_hits_past_the_shown_ones_come_without_passages_in_the_same_order(
    settings: Settings, mode: str
) -> None:
    backend = EmbeddedBackend(settings, HashingEmbedder())
    try:
        backend.index(_many_documents(40, rare_every=4))
        query = SearchQuery(text="harbour boats quokka", mode=mode, k=12)  # type: ignore[arg-type]

        full = backend.search(query)
        shown = backend.search(dataclasses.replace(query, passages_for=5))

        assert _ids(shown) == _ids(full) and len(full) == 12
        assert shown[:5] == full[:5]
        assert all(not hit.passages for hit in shown[5:])
        assert all(hit.passages for hit in full[5:])
    finally:
        backend.close()


class _BrokenQueryEmbedder(HashingEmbedder):
    """Embeds passages, then fails on every question, as a model whose file went missing."""

    def embed_query(self, text: str) -> list[float]:
        raise RuntimeError(f"cannot embed {text!r}")


def test_a_failure_to_embed_the_question_reaches_the_caller(settings: Settings) -> None:
    # The question is embedded on a worker thread while the lexical side ranks; its error must
    # still be the caller's, not lost in the thread.
    backend = EmbeddedBackend(settings, _BrokenQueryEmbedder())
    try:
        backend.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)
        with pytest.raises(RuntimeError, match="cannot embed 'demurrage'"):
            backend.search(SearchQuery(text="demurrage", mode="dense"))
        # Keyword search needs no vector, so it never asks the model.
        assert backend.search(SearchQuery(text="demurrage", mode="bm25"))
    finally:
        backend.close()
    backend.close()  # closing twice is harmless
