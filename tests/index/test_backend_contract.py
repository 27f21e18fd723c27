"""The contract every search backend keeps, run against each: the embedded default always,
Elasticsearch when TIPLEX_ES_URL points at a live server."""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import index
from index.backend import EmbeddingModelMismatch, SearchBackend
from index.crosslingual import MIN_TRANSLATABLE
from tests.index import samples
from tests.index.fakes import GlossaryEmbedder, HashingEmbedder
from tiplex.records import (
    FETCHED_FROM,
    Compensation,
    Document,
    Money,
    RefusedCompensation,
    SearchQuery,
    Sentence,
)
from tiplex.settings import Settings

BackendFactory = Callable[..., SearchBackend]
MODES = ("bm25", "dense", "hybrid")


def _drop_elasticsearch_indices(url: str, prefix: str) -> None:
    from elasticsearch import Elasticsearch

    client = Elasticsearch(url)
    try:
        names = list(client.indices.get(index=f"{prefix}-*", allow_no_indices=True).keys())
        if names:
            client.indices.delete(index=",".join(names), ignore_unavailable=True)
    finally:
        client.close()


@pytest.fixture(params=["embedded", "elasticsearch"])
def make_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BackendFactory]:
    """Opens backends on one store (one TIPLEX_HOME, one index prefix) for this test."""
    kind = request.param
    es_url = os.environ.get("TIPLEX_ES_URL")
    if kind == "elasticsearch" and not es_url:
        pytest.skip("TIPLEX_ES_URL is not set")
    prefix = f"tiplex-test-{uuid.uuid4().hex[:12]}"
    settings = Settings(
        home=tmp_path / "home",
        search_backend=kind,
        elasticsearch_url=es_url,
        elasticsearch_index_prefix=prefix,
    )
    opened: list[SearchBackend] = []

    def factory(embedder: index.Embedder | None = None) -> SearchBackend:
        backend = index.open_backend(settings, embedder or HashingEmbedder())
        opened.append(backend)
        return backend

    yield factory
    for backend in opened:
        backend.close()
    if kind == "elasticsearch" and es_url:
        _drop_elasticsearch_indices(es_url, prefix)


@pytest.fixture
def loaded(make_backend: BackendFactory) -> SearchBackend:
    backend = make_backend()
    backend.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)
    return backend


def _ids(hits: list) -> list[str]:
    return [hit.doc_id for hit in hits]


def test_index_reports_what_it_did(make_backend: BackendFactory) -> None:
    embedder = HashingEmbedder()
    backend = make_backend(embedder)

    report = backend.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)

    assert report.documents_indexed == len(samples.DOCUMENTS)
    assert report.passages_indexed > len(samples.DOCUMENTS)  # the long judgments split
    assert 0 < report.passages_embedded <= report.passages_indexed
    assert report.passages_embedded == embedder.passages_embedded
    assert backend.document_count() == len(samples.DOCUMENTS)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("charterparty demurrage vessel arbitration", samples.SG_SHIPPING.doc_id),
        ("kapal penangkap ikan tanpa upah paspor ditahan", samples.ID_FORCED_LABOUR.doc_id),
        ("minor girls sexual exploitation videoke bar", samples.PH_SEX_TRAFFICKING.doc_id),
    ],
)
def test_obvious_query_finds_its_document_first(
    loaded: SearchBackend, mode: str, text: str, expected: str
) -> None:
    hits = loaded.search(SearchQuery(text=text, mode=mode, k=5))  # type: ignore[arg-type]

    assert hits and hits[0].doc_id == expected
    assert hits[0].passages


def test_hits_carry_document_fields_and_source_url(loaded: SearchBackend) -> None:
    hit = loaded.search(SearchQuery(text="charterparty demurrage", mode="bm25"))[0]

    assert hit.doc_id == samples.SG_SHIPPING.doc_id
    assert hit.title == samples.SG_SHIPPING.title
    assert hit.country == "SG"
    assert hit.doc_type == "judgment"
    assert hit.source_url == samples.SG_SHIPPING.url
    assert hit.source_url.startswith("file://")


@pytest.mark.parametrize("mode", MODES)
def test_passages_and_highlights_are_offsets_into_the_document(
    loaded: SearchBackend, mode: str
) -> None:
    texts = {d.doc_id: d.text for d in samples.DOCUMENTS}

    hits = loaded.search(
        SearchQuery(text="victims trafficking accused", mode=mode, k=10, passages_per_hit=3)  # type: ignore[arg-type]
    )

    assert hits
    for hit in hits:
        assert 1 <= len(hit.passages) <= 3
        for passage in hit.passages:
            assert texts[hit.doc_id][passage.start : passage.end] == passage.text
            for span in passage.highlights:
                assert passage.start <= span.start < span.end <= passage.end
                assert texts[hit.doc_id][span.start : span.end] == span.text


def test_highlights_mark_the_query_words(loaded: SearchBackend) -> None:
    hit = loaded.search(SearchQuery(text="demurrage", mode="bm25"))[0]

    marked = {span.text.lower() for p in hit.passages for span in p.highlights}
    assert marked == {"demurrage"}


def test_reindexing_identical_documents_embeds_nothing(make_backend: BackendFactory) -> None:
    embedder = HashingEmbedder()
    backend = make_backend(embedder)
    backend.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)
    before = _ids(backend.search(SearchQuery(text="demurrage", mode="hybrid")))
    embedded_once = embedder.passages_embedded  # passages, and the lexicon's words

    report = backend.index(samples.DOCUMENTS, samples.FACTS, samples.PROVISIONS)

    assert report.documents_indexed == len(samples.DOCUMENTS)
    assert report.passages_embedded == 0
    assert embedder.passages_embedded == embedded_once
    assert backend.document_count() == len(samples.DOCUMENTS)
    # The same index answers the same: nothing was lost or duplicated.
    after = _ids(backend.search(SearchQuery(text="demurrage", mode="hybrid")))
    assert after == before and samples.SG_SHIPPING.doc_id in after


def test_passages_in_languages_the_model_does_not_read_get_no_vector(
    make_backend: BackendFactory,
) -> None:
    embedder = HashingEmbedder(languages=frozenset({"en"}))
    backend = make_backend(embedder)

    english = backend.index([samples.SG_SHIPPING])
    indonesian = backend.index([samples.ID_FORCED_LABOUR])

    assert english.passages_embedded == english.passages_indexed > 0
    assert indonesian.passages_indexed > 0
    assert indonesian.passages_embedded == 0
    assert embedder.passages_embedded == english.passages_embedded
    for mode in ("bm25", "hybrid"):  # the Indonesian judgment is still found by its words
        hits = backend.search(SearchQuery(text="kapal ikan tanpa upah", mode=mode))  # type: ignore[arg-type]
        assert _ids(hits)[:1] == [samples.ID_FORCED_LABOUR.doc_id]
    dense = backend.search(SearchQuery(text="kapal ikan tanpa upah", mode="dense", k=10))
    assert samples.ID_FORCED_LABOUR.doc_id not in _ids(dense)


def test_hits_of_a_mirrored_document_link_to_the_copy_not_the_real_site(
    make_backend: BackendFactory,
) -> None:
    # A mirror's (the demo's) content is not the real site's: its page at the real address may
    # be another document or none, so a reader is sent to the copy that was indexed.
    copy = "http://127.0.0.1:8123/judgments/2015-sghc-77"
    mirrored = dataclasses.replace(
        samples.SG_SHIPPING,
        url="https://www.example-court.gov.sg/judgments/2015-sghc-77",
        metadata={FETCHED_FROM: copy},
    )
    backend = make_backend()
    backend.index([mirrored])

    hits = backend.search(SearchQuery(text="demurrage", mode="bm25"))

    assert [hit.source_url for hit in hits] == [copy]


def test_identical_passages_are_embedded_once(make_backend: BackendFactory) -> None:
    embedder = HashingEmbedder()
    backend = make_backend(embedder)
    twin = dataclasses.replace(samples.SG_SHIPPING, doc_id="sg_court:2015-sghc-78")

    first = backend.index([samples.SG_SHIPPING])
    second = backend.index([twin])

    assert first.passages_embedded > 0
    assert second.passages_indexed == first.passages_indexed
    assert second.passages_embedded == 0
    hits = backend.search(SearchQuery(text="charterparty demurrage", mode="dense"))
    assert set(_ids(hits)) == {samples.SG_SHIPPING.doc_id, twin.doc_id}


def test_replacing_a_document_removes_its_old_passages(loaded: SearchBackend) -> None:
    replacement = dataclasses.replace(
        samples.SG_SHIPPING,
        text="The appeal concerns a lease of a warehouse; the landlord sought unpaid rent.",
    )

    loaded.index([replacement], samples.FACTS)

    assert loaded.document_count() == len(samples.DOCUMENTS)
    for mode in MODES:
        old = loaded.search(SearchQuery(text="charterparty demurrage", mode=mode, k=10))  # type: ignore[arg-type]
        for hit in old:
            if hit.doc_id == replacement.doc_id:
                assert all("demurrage" not in p.text for p in hit.passages)
    bm25_old = loaded.search(SearchQuery(text="demurrage", mode="bm25"))
    assert replacement.doc_id not in _ids(bm25_old)
    new = loaded.search(SearchQuery(text="warehouse landlord rent", mode="bm25"))
    assert _ids(new) == [replacement.doc_id]
    assert new[0].passages[0].text == replacement.text


@pytest.mark.parametrize("mode", MODES)
def test_quoted_phrase_matches_exactly(loaded: SearchBackend, mode: str) -> None:
    # "Pasal 180" in another judgment must not count as "Pasal 18".
    hits = loaded.search(SearchQuery(text='"Pasal 18" korban', mode=mode, k=10))  # type: ignore[arg-type]

    assert _ids(hits) == [samples.ID_FORCED_LABOUR.doc_id]
    for passage in hits[0].passages:
        assert "Pasal 18 " in passage.text
        assert any(span.text == "Pasal 18" for span in passage.highlights)


@pytest.mark.parametrize("mode", MODES)
def test_citations_match_exactly_without_quotes(loaded: SearchBackend, mode: str) -> None:
    hits = loaded.search(SearchQuery(text="trafficking under R.A. 9208", mode=mode, k=10))  # type: ignore[arg-type]

    assert _ids(hits) == [samples.PH_SEX_TRAFFICKING.doc_id]


@pytest.mark.parametrize("mode", MODES)
def test_quoted_phrase_is_verbatim_not_stemmed(loaded: SearchBackend, mode: str) -> None:
    # Both stem to "dagang orang"; only the verbatim phrase may match.
    inflected = dataclasses.replace(
        samples.ID_OTHER_ARTICLE,
        doc_id="id_court:41-pid-sus-2020",
        text="Terdakwa didakwa memperdagangkan orang ke luar negeri. Korban dipulangkan.",
    )
    loaded.index([inflected])

    hits = loaded.search(SearchQuery(text='"perdagangan orang"', mode=mode, k=10))  # type: ignore[arg-type]

    assert _ids(hits) == [samples.ID_FORCED_LABOUR.doc_id]


@pytest.mark.parametrize("mode", MODES)
def test_phrase_absent_everywhere_finds_nothing(loaded: SearchBackend, mode: str) -> None:
    hits = loaded.search(SearchQuery(text='"Pasal 99" korban', mode=mode))  # type: ignore[arg-type]

    assert hits == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"country": "ID"}, {samples.ID_FORCED_LABOUR.doc_id, samples.ID_OTHER_ARTICLE.doc_id}),
        ({"year": "2019"}, {samples.PH_SEX_TRAFFICKING.doc_id}),
        ({"court": "High Court of Singapore"}, {samples.SG_SHIPPING.doc_id}),
        ({"doc_type": "legislation"}, {samples.MY_LAW.doc_id}),
        ({"outcome": "acquitted"}, {samples.PH_DRUGS.doc_id}),
        ({"language": "id"}, {samples.ID_FORCED_LABOUR.doc_id, samples.ID_OTHER_ARTICLE.doc_id}),
        ({"exploitation_form": "forced_labour"}, {samples.ID_FORCED_LABOUR.doc_id}),
        ({"sector": "entertainment_massage"}, {samples.PH_SEX_TRAFFICKING.doc_id}),
        ({"minors": "true"}, {samples.PH_SEX_TRAFFICKING.doc_id}),
        ({"non_punishment_raised": "true"}, {samples.ID_FORCED_LABOUR.doc_id}),
        (
            {"is_trafficking_case": "true"},
            {samples.PH_SEX_TRAFFICKING.doc_id, samples.ID_FORCED_LABOUR.doc_id},
        ),
        ({"country": "PH", "is_trafficking_case": "false"}, {samples.PH_DRUGS.doc_id}),
    ],
)
@pytest.mark.parametrize("mode", MODES)
def test_filters_restrict_hits(
    loaded: SearchBackend, mode: str, filters: dict[str, str], expected: set[str]
) -> None:
    # A query whose words occur in every document, so only the filter decides.
    text = "terdakwa accused court hakim plaintiff section"
    hits = loaded.search(SearchQuery(text=text, mode=mode, k=20, filters=filters))  # type: ignore[arg-type]

    assert set(_ids(hits)) == expected


def test_count_by_counts_documents_per_group(loaded: SearchBackend) -> None:
    by_country = loaded.count_by(None, ["country"])

    assert by_country == [
        {"country": "ID", "count": 2},
        {"country": "MY", "count": 1},
        {"country": "PH", "count": 2},
        {"country": "SG", "count": 1},
    ]


def test_count_by_two_fields_with_filters(loaded: SearchBackend) -> None:
    query = SearchQuery(text="", filters={"is_trafficking_case": "true"})

    groups = loaded.count_by(query, ["year", "country"])

    assert groups == [
        {"year": 2019, "country": "PH", "count": 1},
        {"year": 2021, "country": "ID", "count": 1},
    ]


def test_count_by_with_query_text_counts_documents_holding_it(loaded: SearchBackend) -> None:
    groups = loaded.count_by(SearchQuery(text="terdakwa"), ["country"])

    assert groups == [{"country": "ID", "count": 2}]


def test_count_by_non_punishment(loaded: SearchBackend) -> None:
    groups = loaded.count_by(
        SearchQuery(text="", filters={"non_punishment_raised": "true"}), ["country", "year"]
    )

    assert groups == [{"country": "ID", "year": 2021, "count": 1}]


def test_another_embedding_model_is_refused_until_reembedded(
    make_backend: BackendFactory,
) -> None:
    first = make_backend(HashingEmbedder("test/model-a"))
    first.index(samples.DOCUMENTS, samples.FACTS)
    first.close()
    second = make_backend(HashingEmbedder("test/model-b"))

    with pytest.raises(EmbeddingModelMismatch) as refused:
        second.search(SearchQuery(text="demurrage", mode="hybrid"))
    message = str(refused.value)
    assert "test/model-a" in message and "test/model-b" in message
    assert "reembed" in message
    with pytest.raises(EmbeddingModelMismatch):
        second.index([samples.SG_SHIPPING])

    assert second.reembed() > 0
    hits = second.search(SearchQuery(text="charterparty demurrage", mode="hybrid"))
    assert _ids(hits)[0] == samples.SG_SHIPPING.doc_id
    coded = SearchQuery(text="", filters={"is_trafficking_case": "true"})
    assert second.count_by(coded, ["country"]) == [
        {"country": "ID", "count": 1},
        {"country": "PH", "count": 1},
    ]


def test_delete_removes_documents_passages_and_provisions(loaded: SearchBackend) -> None:
    assert loaded.delete([samples.SG_SHIPPING.doc_id, samples.MY_LAW.doc_id, "nobody:0"]) == 2
    assert loaded.delete([samples.SG_SHIPPING.doc_id]) == 0

    assert loaded.document_count() == len(samples.DOCUMENTS) - 2
    for mode in MODES:
        hits = loaded.search(SearchQuery(text="charterparty demurrage", mode=mode, k=20))  # type: ignore[arg-type]
        assert samples.SG_SHIPPING.doc_id not in _ids(hits)
    assert loaded.provisions() == []


def test_provisions_by_topic_and_country(loaded: SearchBackend) -> None:
    found = loaded.provisions(topic="non_punishment", countries=["MY"])

    assert [hit.provision.number for hit in found] == ["25"]
    hit = found[0]
    assert hit.doc_id == samples.MY_LAW.doc_id
    assert hit.country == "MY"
    assert hit.title == samples.MY_LAW.title
    assert hit.provision == samples.MY_PROVISIONS[2]
    assert samples.MY_LAW.text[hit.provision.start : hit.provision.end] == hit.provision.text


def test_provisions_keep_the_law_order(loaded: SearchBackend) -> None:
    everything = loaded.provisions()

    assert [hit.provision.number for hit in everything] == ["2", "12", "25"]
    assert loaded.provisions(countries=["ID"]) == []
    assert loaded.provisions(topic="compensation") == []


# --------------------------------------------------------------------------------------------
# The real packaged model (the session fixture `packaged_embedder` loads it once)
# --------------------------------------------------------------------------------------------


MEANING_DOCS = (
    dataclasses.replace(
        samples.SG_SHIPPING,
        doc_id="en:sea",
        text=(
            "The fishermen were kept on the boat for two years. They were never paid wages, "
            "their documents were taken by the captain and they were beaten when they asked to "
            "go home."
        ),
    ),
    dataclasses.replace(
        samples.SG_SHIPPING,
        doc_id="en:land",
        text=(
            "The buyer of the house refused to complete the purchase because the title deed "
            "showed a mortgage that the seller had not disclosed."
        ),
    ),
)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_packaged_model_finds_passages_by_meaning(
    make_backend: BackendFactory, packaged_embedder: index.Embedder, mode: str
) -> None:
    backend = make_backend(packaged_embedder)
    backend.index(list(MEANING_DOCS))

    # No word of the query occurs in the document it should find.
    hits = backend.search(SearchQuery(text="unpaid forced labour at sea", mode=mode))  # type: ignore[arg-type]

    assert _ids(hits)[0] == "en:sea"


def test_document_reads_back_the_record_its_text_and_coded_case(loaded: SearchBackend) -> None:
    stored = loaded.document(samples.PH_SEX_TRAFFICKING.doc_id)
    assert stored is not None
    assert stored.document.text == samples.PH_SEX_TRAFFICKING.text
    assert stored.document.sha256 == samples.PH_SEX_TRAFFICKING.sha256
    expected = samples.FACTS[samples.PH_SEX_TRAFFICKING.doc_id]
    assert stored.facts is not None and stored.facts["outcome"] == expected.outcome
    assert loaded.document("nowhere:nothing") is None


def test_citing_finds_judgments_by_the_statute_of_their_charges(
    make_backend: BackendFactory,
) -> None:
    from tiplex.records import Charge, StatuteCitation

    backend = make_backend()
    judgment = samples.PH_SEX_TRAFFICKING
    facts = dataclasses.replace(
        samples.FACTS[judgment.doc_id],
        charges=(
            Charge(statute="PH RA 9208", provision="Sec. 6(a)", verdict="convicted"),
            Charge(statute="PH RA 9208", provision="Sec. 4(a)", verdict="convicted"),
            Charge(statute="PH RA 10364", provision="Sec. 3", verdict="convicted"),
        ),
        # Cited, not charged (the non-punishment provision): it links the judgment too.
        statute_citations=(
            StatuteCitation(statute="PH RA 9208", provision="Sec. 4(a)"),
            StatuteCitation(statute="PH RA 9208", provision="Sec. 17"),
        ),
    )
    backend.index([judgment], {judgment.doc_id: facts})
    cited = sorted(c.provision or "" for c in backend.citing("PH RA 9208"))
    assert cited == ["Sec. 17", "Sec. 4(a)", "Sec. 6(a)"]
    assert all(c.doc_id == judgment.doc_id for c in backend.citing("PH RA 9208"))
    assert backend.citing("PH RA 8042") == []


# --------------------------------------------------------------------------------------------
# What hybrid search and trends share across backends (index.hybrid_fusion)
# --------------------------------------------------------------------------------------------


def test_hybrid_answers_a_coded_concept_whatever_words_the_judgment_uses(
    loaded: SearchBackend,
) -> None:
    # The Indonesian judgment raising Pasal 18 holds none of the question's English words.
    hits = loaded.search(SearchQuery(text="non-punishment", k=3))

    assert samples.ID_FORCED_LABOUR.doc_id in _ids(hits)


def test_trends_count_the_judgments_whose_coded_case_answers_the_question(
    loaded: SearchBackend,
) -> None:
    groups = loaded.count_by(SearchQuery(text="non-punishment victims"), ["country"])

    # None of its English words is in the Indonesian judgment raising Pasal 18: its code counts.
    assert any(g["country"] == "ID" and g["count"] >= 1 for g in groups)
    counted = loaded.counted_documents(SearchQuery(text="non-punishment victims"))  # type: ignore[attr-defined]
    assert samples.ID_FORCED_LABOUR.doc_id in counted


def _indonesian(doc_id: str, text: str) -> Document:
    return dataclasses.replace(
        samples.ID_OTHER_ARTICLE, doc_id=doc_id, text=text, title=doc_id, url=f"file:///{doc_id}"
    )


def test_an_english_question_finds_judgments_through_its_translated_words(
    make_backend: BackendFactory,
) -> None:
    """The lexicon is built from the index's own Indonesian passages on both backends: the
    question's "wages" is found as "upah", which the embedder places with it; by meaning
    alone (a vector near none of these passages) the answer would be left to chance."""
    backend = make_backend(GlossaryEmbedder())
    wages = "Para korban bekerja di kapal ikan tanpa upah, dan upah mereka ditahan nakhoda. "
    others = [
        "Terdakwa menjual narkotika kepada saksi di sebuah rumah kos.",
        "Majelis hakim menolak permohonan banding karena terlambat diajukan.",
        "Saksi melihat terdakwa mengambil sepeda motor milik korban.",
        "Penuntut umum membacakan surat dakwaan tentang penipuan tanah.",
    ]
    documents = [_indonesian("id_test:wages", wages * MIN_TRANSLATABLE)]
    documents += [
        _indonesian(f"id_test:other-{n}", text * MIN_TRANSLATABLE) for n, text in enumerate(others)
    ]
    backend.index(documents)

    hits = backend.search(SearchQuery(text="the wages of the crew", k=3))

    assert _ids(hits)[0] == "id_test:wages"


def test_counted_documents_are_the_ones_trends_count(loaded: SearchBackend) -> None:
    query = SearchQuery(text="non-punishment victims")

    counted = loaded.counted_documents(query)  # type: ignore[attr-defined]

    assert counted and counted == sorted(counted)
    assert len(counted) == sum(g["count"] for g in loaded.count_by(query, ["country"]))


def test_a_prison_term_filters_on_the_coded_sentences(make_backend: BackendFactory) -> None:
    backend = make_backend()
    facts = dict(samples.FACTS)
    sentenced = {
        samples.PH_SEX_TRAFFICKING.doc_id: (Sentence(imprisonment_months=240),),
        samples.ID_FORCED_LABOUR.doc_id: (Sentence(imprisonment_months=48),),
        samples.ID_OTHER_ARTICLE.doc_id: (Sentence(imprisonment_months=6), Sentence(life=True)),
    }
    for doc_id, sentences in sentenced.items():
        facts[doc_id] = dataclasses.replace(facts[doc_id], sentences=sentences)
    backend.index(samples.DOCUMENTS, facts, samples.PROVISIONS)
    text = "terdakwa accused court hakim plaintiff section"

    def found(months: str, mode: str = "bm25") -> set[str]:
        query = SearchQuery(text=text, mode=mode, k=20, filters={"sentence_months": months})  # type: ignore[arg-type]
        return set(_ids(backend.search(query)))

    long_ones = {samples.PH_SEX_TRAFFICKING.doc_id, samples.ID_OTHER_ARTICLE.doc_id}
    assert found("120..") == long_ones  # a life sentence is longer than any open range
    assert found("..60") == {samples.ID_FORCED_LABOUR.doc_id, samples.ID_OTHER_ARTICLE.doc_id}
    assert found("life") == {samples.ID_OTHER_ARTICLE.doc_id}
    # The same condition read from a question's words, in hybrid search and in trends.
    question = SearchQuery(text=f"{text} sentenced to ten years or more", k=20)
    assert set(_ids(backend.search(question))) == long_ones
    counted = set(backend.counted_documents(question))
    assert counted and counted <= long_ones
    # Every trafficking case passing the term counts, whatever its words.
    assert samples.PH_SEX_TRAFFICKING.doc_id in counted


def test_the_law_convicted_under_filters_and_counts(make_backend: BackendFactory) -> None:
    backend = make_backend()
    facts = dict(samples.FACTS)
    laws = {
        samples.PH_SEX_TRAFFICKING.doc_id: "trafficking",
        samples.ID_FORCED_LABOUR.doc_id: "migrant_workers",
    }
    for doc_id, law in laws.items():
        facts[doc_id] = dataclasses.replace(facts[doc_id], conviction_law=law)
    backend.index(samples.DOCUMENTS, facts, samples.PROVISIONS)
    text = "terdakwa accused court hakim plaintiff section"

    def found(law: str) -> set[str]:
        query = SearchQuery(text=text, mode="bm25", k=20, filters={"conviction_law": law})
        return set(_ids(backend.search(query)))

    assert found("migrant_workers") == {samples.ID_FORCED_LABOUR.doc_id}
    assert found("not_trafficking") == {samples.ID_FORCED_LABOUR.doc_id}
    assert found("trafficking,vice,migrant_workers") == set(laws)
    with pytest.raises(ValueError, match="conviction_law takes"):
        found("labour_law")
    counted = backend.count_by(SearchQuery(text=""), ["conviction_law"])
    assert {g["conviction_law"]: g["count"] for g in counted if g["conviction_law"]} == {
        "trafficking": 1,
        "migrant_workers": 1,
    }
    # Read from a question about traffickers: asked of trafficking cases convicted otherwise.
    question = SearchQuery(text=f"{text} traffickers convicted under another law", k=20)
    assert set(_ids(backend.search(question))) == {samples.ID_FORCED_LABOUR.doc_id}
    assert set(backend.counted_documents(question)) == {samples.ID_FORCED_LABOUR.doc_id}


def test_amounts_ordered_filter_within_their_currency(make_backend: BackendFactory) -> None:
    backend = make_backend()
    facts = dict(samples.FACTS)
    rupiah, pesos = samples.ID_FORCED_LABOUR.doc_id, samples.PH_SEX_TRAFFICKING.doc_id
    other = samples.ID_OTHER_ARTICLE.doc_id
    ordered = {
        rupiah: {
            "compensation": (Compensation(kind="restitution", amount=150e6, currency="IDR"),),
            "sentences": (
                Sentence(fine=Money(120e6, "IDR")),
                Sentence(fine=Money(1.5e9, "IDR")),
            ),
        },
        pesos: {
            # 500,000 pesos: a larger figure than ten million rupiah's, in another currency.
            "compensation": (Compensation(kind="moral_damages", amount=500_000, currency="PHP"),),
            "sentences": (Sentence(imprisonment_months=240, fine=Money(2e6, "PHP")),),
        },
        other: {
            "compensation": (Compensation(kind="restitution", amount=10e6, currency="IDR"),),
            "is_trafficking_case": True,
        },
    }
    for doc_id, coded in ordered.items():
        facts[doc_id] = dataclasses.replace(facts[doc_id], **coded)
    backend.index(samples.DOCUMENTS, facts, samples.PROVISIONS)
    text = "terdakwa accused court hakim plaintiff section"

    def found(field: str, wanted: str) -> set[str]:
        query = SearchQuery(text=text, mode="bm25", k=20, filters={field: wanted})
        return set(_ids(backend.search(query)))

    assert found("compensation_amount", "IDR 100000000..") == {rupiah}
    assert found("compensation_amount", "IDR ..100000000") == {other}
    assert found("compensation_amount", "PHP 100000..") == {pesos}
    assert found("compensation_amount", "PHP 100000..,IDR 5000000..20000000") == {pesos, other}
    assert found("fine_amount", "IDR 1000000000..") == {rupiah}  # any defendant's fine
    assert found("fine_amount", "idr 120000000") == {rupiah}
    assert found("fine_amount", "PHP ..1000000") == set()
    with pytest.raises(ValueError, match="fine_amount takes a currency"):
        found("fine_amount", "1000000000..")
    with pytest.raises(ValueError, match="compensation_amount takes a currency"):
        found("compensation_amount", "EUR 5..")
    # Read from a question, in hybrid search and in trends.
    question = SearchQuery(text="trafficking cases with restitution over 100 million rupiah", k=20)
    assert set(_ids(backend.search(question))) == {rupiah}
    assert set(backend.counted_documents(question)) == {rupiah}
    fined = SearchQuery(text="traffickers fined a billion rupiah or more", k=20)
    assert set(backend.counted_documents(fined)) == {rupiah}


def test_compensation_decided_filters_on_the_coded_awards(make_backend: BackendFactory) -> None:
    backend = make_backend()
    facts = dict(samples.FACTS)
    decided = {
        samples.ID_FORCED_LABOUR.doc_id: {
            "compensation": (
                Compensation(kind="restitution", amount=10_000_000, subsidiary_detention_months=3),
            )
        },
        samples.PH_SEX_TRAFFICKING.doc_id: {
            "compensation": (
                Compensation(kind="moral_damages", amount=500_000),
                Compensation(kind="exemplary_damages", amount=100_000),
            )
        },
        samples.ID_OTHER_ARTICLE.doc_id: {
            "compensation_refused": (RefusedCompensation(kind="restitution"),),
            "is_trafficking_case": True,
        },
    }
    for doc_id, coded in decided.items():
        facts[doc_id] = dataclasses.replace(facts[doc_id], **coded)
    backend.index(samples.DOCUMENTS, facts, samples.PROVISIONS)
    text = "terdakwa accused court hakim plaintiff section"

    def found(wanted: str, mode: str = "bm25") -> set[str]:
        query = SearchQuery(text=text, mode=mode, k=20, filters={"compensation": wanted})  # type: ignore[arg-type]
        return set(_ids(backend.search(query)))

    restituted, damages = samples.ID_FORCED_LABOUR.doc_id, samples.PH_SEX_TRAFFICKING.doc_id
    refused = samples.ID_OTHER_ARTICLE.doc_id
    assert found("restitution") == {restituted}
    assert found("exemplary_damages,actual_damages") == {damages}
    assert found("any", mode="hybrid") == {restituted, damages}
    assert found("unpaid_detention") == {restituted}
    assert found("refused") == {refused}
    assert found("refused,moral_damages") == {refused, damages}
    with pytest.raises(ValueError, match="compensation takes"):
        found("granted")
    # The same condition read from a question's words, in hybrid search and in trends: a
    # trend counts every trafficking case that passes it, in whatever words.
    question = SearchQuery(text=f"{text} who cannot pay the restitution: jail instead", k=20)
    assert set(_ids(backend.search(question))) == {restituted}
    assert set(backend.counted_documents(question)) == {restituted}
    asked = SearchQuery(text="the court refused the restitution claim", k=20)
    assert set(backend.counted_documents(asked)) == {refused}
    assert sum(g["count"] for g in backend.count_by(asked, ["country"])) == 1
