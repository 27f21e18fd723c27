"""Ranking behaviour users rely on: answers in another language through the thesaurus, below
answers in the query's own words; documents that cover the whole question above documents that
repeat one word; dense neighbours weighed only where the English-only model understands; and
quoted phrases exact in every mode. Every text here was written for these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import es_queries
from index.embedded import EmbeddedBackend
from index.query import parse_query, query_language
from index.ranking import (
    DenseWeighting,
    RankedDocument,
    ScoredPassage,
    dense_weighting,
    fill_documents,
    fuse_documents,
)
from tests.index.fakes import HashingEmbedder
from tiplex.records import Document, SearchQuery
from tiplex.settings import Settings

_ENGLISH_FILLER = (
    "The court heard the witnesses on several days and read the reports of the officers "
    "who attended the premises, and it considered the submissions of both parties with care"
)
_INDONESIAN_FILLER = (
    "Majelis hakim mendengar keterangan saksi pada beberapa persidangan dan membaca berita "
    "acara pemeriksaan, lalu mempertimbangkan tuntutan penuntut umum serta pembelaan terdakwa"
)


def _long(*points: str, filler: str, rounds: int = 4, spacing: int = 1) -> str:
    """Paragraphs each holding one point amid filler, long enough for several passages;
    `spacing` paragraphs of filler apart (a passage is about 200 words)."""
    paragraphs: list[str] = []

    def padding() -> str:
        # Lines repeated verbatim (digits aside) are page furniture to the chunker: every
        # filler line gets its own letters.
        mark = "".join(chr(ord("a") + int(d)) for d in str(len(paragraphs) + 10))
        return f"{filler} {mark}"

    for _ in range(rounds):
        for point in points:
            paragraphs.append(f"{padding()}. {point}. {padding()}.")
            paragraphs.extend(f"{padding()}." for _ in range(spacing - 1))
    return "\n\n".join(paragraphs)


def _document(doc_id: str, text: str, language: str, country: str) -> Document:
    return Document(
        doc_id=doc_id,
        source_id="test",
        url=f"file:///ranking/{doc_id}.txt",
        country=country,
        language=language,
        doc_type="judgment",
        title=doc_id,
        text=text,
        sha256="0" * 64,
        content_type="text/plain",
        raw_path="",
        fetched_at="2024-01-01T00:00:00Z",
    )


DOCUMENTS = (
    _document(
        "en-bondage",
        _long(
            "The workers owed the recruiter for their fares and lived in debt bondage",
            "Their debt bondage grew each month because the recruiter charged for food",
            filler=_ENGLISH_FILLER,
        ),
        "en",
        "PH",
    ),
    _document(
        "id-jeratan",
        _long(
            "Para korban terjerat jeratan utang kepada perekrut karena biaya perjalanan",
            "Utang itu bertambah setiap bulan sehingga korban tidak dapat pulang",
            filler=_INDONESIAN_FILLER,
        ),
        "id",
        "ID",
    ),
    _document(
        "id-narkotika",
        _long(
            "Terdakwa menyimpan narkotika golongan satu di dalam tas ransel",
            "Barang bukti ditemukan oleh petugas ketika penggeledahan rumah",
            filler=_INDONESIAN_FILLER,
        ),
        "id",
        "ID",
    ),
    _document(
        "en-coverage",
        _long(
            "The accused recruited them from coastal villages",
            "The fishermen boarded at night",
            "Their passports stayed behind",
            "The captain gave the orders",
            "Food was withheld as a punishment",
            "No wages came at the end of the season",
            filler=_ENGLISH_FILLER,
            rounds=1,
            spacing=4,
        ),
        "en",
        "SG",
    ),
    _document(
        "en-one-word",
        _long(
            "The fishermen showed their passports and asked for their wages",
            filler=_ENGLISH_FILLER,
            rounds=1,
            spacing=4,
        ),
        "en",
        "SG",
    ),
    _document(
        "en-land",
        _long(
            "The parties dispute the boundary of a rice field inherited from their father",
            filler=_ENGLISH_FILLER,
        ),
        "en",
        "PH",
    ),
)


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBackend]:
    home: Path = tmp_path_factory.mktemp("ranking")
    # Reads English only, as the packaged model does, and gets a say in hybrid ranking.
    english = HashingEmbedder(languages=frozenset({"en"}))
    opened = EmbeddedBackend(Settings(home=home, hybrid_dense_weight=0.25), english)
    opened.index(DOCUMENTS)
    yield opened
    opened.close()


def _ids(backend: EmbeddedBackend, text: str, mode: str = "bm25", k: int = 10) -> list[str]:
    query = SearchQuery(text=text, mode=mode, k=k)  # type: ignore[arg-type]
    return [hit.doc_id for hit in backend.search(query)]


def test_an_english_term_finds_the_indonesian_judgment_through_the_thesaurus(
    backend: EmbeddedBackend,
) -> None:
    found = _ids(backend, "debt bondage")

    assert "id-jeratan" in found
    assert "id-narkotika" not in found
    # The answer in the query's own words stays first: expansions weigh less.
    assert found[0] == "en-bondage"


def test_expansions_are_grouped_by_concept_and_skip_the_query_words() -> None:
    parsed = parse_query("debt bondage")

    every_term = [term for group in parsed.expansions for term in group]
    assert "jeratan utang" in every_term
    assert "debt bondage" not in every_term
    # Short capitals are abbreviations whose meaning depends on the language.
    assert not any(term.isupper() and len(term) <= 4 for term in every_term)


def test_a_document_covering_every_query_word_outranks_one_repeating_a_word(
    backend: EmbeddedBackend,
) -> None:
    found = _ids(backend, "fishermen passports recruited captain withheld wages")

    assert found.index("en-coverage") < found.index("en-one-word")


def test_quoted_phrases_stay_exact_in_hybrid_mode_despite_expansions(
    backend: EmbeddedBackend,
) -> None:
    for mode in ("bm25", "hybrid", "dense"):
        assert _ids(backend, '"debt bondage"', mode) == ["en-bondage"]


def test_dense_neighbours_do_not_reorder_an_indonesian_query(backend: EmbeddedBackend) -> None:
    text = "korban jeratan utang kepada perekrut"

    assert _ids(backend, text, "hybrid") == _ids(backend, text, "bm25")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("passports held by the employer to stop workers leaving", "en"),
        ("pekerja rumah tangga dikirim ke Turki", "id"),
        ("penjualan bayi", "id"),
        ("pagbebenta ng menor de edad para sa prostitusyon", "tl"),
        ("human trafficking", "und"),
    ],
)
def test_the_language_of_a_query_is_read_from_its_words(text: str, language: str) -> None:
    assert query_language(parse_query(text)) == language


def test_dense_weight_follows_what_the_model_reads() -> None:
    english = DenseWeighting(0.25, frozenset({"en"}))
    assert english.for_pair("en", "en") == 0.25
    assert english.for_pair("und", "en") == 0.0
    assert english.for_pair("en", "id") == 0.0
    assert english.for_pair("id", "en") == 0.0
    assert not english.has_say("id")
    every = DenseWeighting(0.25, None)
    assert every.for_pair("id", "ms") == 0.25


def test_the_packaged_model_has_no_say_in_hybrid_unless_asked() -> None:
    packaged = HashingEmbedder(
        "sentence-transformers/all-MiniLM-L6-v2#int8,max128", languages=frozenset({"en"})
    )
    assert not dense_weighting(packaged).has_say("en")  # tuned: it lost to lexical alone
    assert dense_weighting(packaged, override=0.3).for_pair("en", "en") == 0.3
    untuned = dense_weighting(HashingEmbedder("some/multilingual-model"))
    assert untuned.for_pair("id", "id") > 0.0


def _ranked(*docs: int) -> list[RankedDocument]:
    return [RankedDocument(doc, 1.0, (ScoredPassage(doc * 10, doc, 1.0),)) for doc in docs]


def test_fusion_adds_a_dense_only_document_only_when_its_weight_counts() -> None:
    lexical = _ranked(1, 2)
    dense = _ranked(3, 2)

    ignored = fuse_documents(lexical, dense, {3: 0.0, 2: 0.0}, k=10, passages_per_hit=2)
    weighed = fuse_documents(lexical, dense, {3: 0.5, 2: 0.5}, k=10, passages_per_hit=2)

    assert [d.doc_rowid for d in ignored] == [1, 2]
    assert [d.doc_rowid for d in weighed] == [1, 2, 3]


def test_fusion_never_lowers_a_document_the_dense_side_has_no_say_on() -> None:
    # An Indonesian answer (no dense weight) first in the lexical ranking stays first however
    # well the English documents do on the dense side.
    lexical = _ranked(1, 2, 3)
    dense = _ranked(2, 3)

    fused = fuse_documents(lexical, dense, {2: 0.25, 3: 0.25}, k=10, passages_per_hit=1)

    assert fused[0].doc_rowid == 1


def test_elasticsearch_queries_raise_passages_holding_the_expansions_below_the_words() -> None:
    passage_query = es_queries.lexical_passage_query(es_queries.parse_query("debt bondage"))

    assert passage_query is not None
    (words_clause,) = passage_query["bool"]["must"]
    assert words_clause["multi_match"]["query"] == "debt bondage"
    expansions = {
        c["multi_match"]["query"]: c["multi_match"] for c in passage_query["bool"]["should"]
    }
    assert expansions["jeratan utang"]["type"] == "phrase"
    assert 0.0 < expansions["jeratan utang"]["boost"] < 1.0


@pytest.mark.parametrize(
    ("citation", "text", "found"),
    [
        ("R.A. 9208", "charged under Republic Act No. 9208, as amended", True),
        ("R.A. 9208", "a violation of RA 9208", True),
        ("R.A. 9208", "Republic Act (R.A.) No. 9208", True),
        ("R.A. 9208", "R.A. No. 92081", False),
        ("R.A. 9208", "R.A. No. 10364", False),
        ("UU 21/2007", "Undang-Undang Republik Indonesia Nomor 21 Tahun 2007", True),
        ("UU 21/2007", "UU No. 21 Tahun 2017", False),
        ("Pasal 18", "sebagaimana dimaksud dalam pasal 18 ayat (1)", True),
        ("Pasal 18", "Pasal 180", False),
        ("Section 4(a)", "Sec. 4 (a) in relation to Sec. 6", True),
        ("Section 4(a)", "Section 4(b)", False),
    ],
)
def test_an_unquoted_citation_matches_its_written_forms_and_only_its_number(
    citation: str, text: str, found: bool
) -> None:
    parsed = parse_query(f"sentence {citation}")

    assert parsed.citations == (citation,)
    (matcher,) = parsed.matchers()
    assert matcher.found_in(text) is found


def test_a_quoted_citation_stays_verbatim() -> None:
    (matcher,) = parse_query('"R.A. 9208"').matchers()

    assert matcher.found_in("under R.A. 9208")
    assert not matcher.found_in("under Republic Act No. 9208")


def test_a_citation_finds_judgments_that_write_it_another_way(tmp_path: Path) -> None:
    cited = _document(
        "ph-cited",
        _long("The accused violated Section 4(a) of Republic Act No. 9208", filler=_ENGLISH_FILLER),
        "en",
        "PH",
    )
    other = _document(
        "ph-other-act",
        _long(
            "The accused violated Section 4(a) of Republic Act No. 10364", filler=_ENGLISH_FILLER
        ),
        "en",
        "PH",
    )
    backend = EmbeddedBackend(Settings(home=tmp_path), HashingEmbedder())
    try:
        backend.index([cited, other])
        for mode in ("bm25", "hybrid"):
            assert _ids(backend, "R.A. 9208 Sec. 4(a)", mode) == ["ph-cited"]
    finally:
        backend.close()


def test_a_short_lexical_answer_is_filled_by_meaning_below_every_lexical_match() -> None:
    lexical = [RankedDocument(1, 0.8, ()), RankedDocument(2, 0.5, ())]
    dense = [RankedDocument(2, 0.9, ()), RankedDocument(7, 0.7, ()), RankedDocument(8, 0.6, ())]

    filled = fill_documents(lexical, dense, k=4)

    assert [d.doc_rowid for d in filled] == [1, 2, 7, 8]
    scores = [d.score for d in filled]
    assert scores == sorted(scores, reverse=True) and scores[2] < 0.5
    assert fill_documents(lexical, dense, k=2) == lexical
