"""English questions over documents in other languages: the lexicon built from the index, the
words it translates, and hybrid search finding an Indonesian judgment for an English question."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.crosslingual import (
    LEXICON_NAME,
    Lexicon,
    current_lexicon,
    translated_query,
    translations,
)
from index.embedded import EmbeddedBackend
from index.glossary import (
    GLOSSARY_PATH,
    glossary_expressions,
    glossary_renderings,
    indonesian_renderings,
)
from index.query import parse_query
from index.ranking import RankedDocument, ScoredPassage, interleave_languages
from index.words import words
from tests.index.fakes import HashingEmbedder
from tests.index.samples import _document
from tiplex.records import SearchQuery
from tiplex.settings import Settings

# Words meaning the same thing share a direction, as a multilingual model's would.
MEANINGS = {
    "recruited": "recruit",
    "direkrut": "recruit",
    "rekrut": "recruit",
    "workers": "worker",
    "pekerja": "worker",
    "passport": "passport",
    "paspor": "passport",
    "held": "hold",
    "kept": "hold",
    "ditahan": "hold",
    "estate": "farm",
    "s": "hold",  # as near "ditahan" as "kept" is: only its length keeps it untranslated
    "perkebunan": "farm",
}
DIMENSIONS = 256


class GlossaryEmbedder(HashingEmbedder):
    """Bag of meanings: words listed in MEANINGS by their meaning, others by their hash."""

    def __init__(self) -> None:
        super().__init__("test/glossary-256")
        self.dimensions = DIMENSIONS

    def _vector(self, text: str) -> list[float]:
        vector = np.zeros(DIMENSIONS, dtype=np.float32)
        for word in words(text):
            key = MEANINGS.get(word, word).encode("utf-8")
            digest = hashlib.blake2b(key, digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % DIMENSIONS] += 1.0
        norm = float(np.linalg.norm(vector)) or 1.0
        return (vector / norm).tolist()  # type: ignore[no-any-return]


INDONESIAN = _document(
    "id_court:1",
    "Para pekerja direkrut oleh terdakwa dan paspor mereka ditahan di perkebunan Tawau. " * 10,
    country="ID",
    language="id",
)
ENGLISH = _document(
    "ph_court:1",
    "The accused sold shares of a company and the workers of the estate were paid late. " * 10,
)


@pytest.fixture
def backend(tmp_path: Path) -> EmbeddedBackend:
    opened = EmbeddedBackend(Settings(home=tmp_path / "home"), GlossaryEmbedder())
    opened.index([INDONESIAN, ENGLISH])
    yield opened
    opened.close()


def test_the_lexicon_holds_the_other_languages_words_not_english_ones(
    backend: EmbeddedBackend,
) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)

    assert {"direkrut", "paspor", "perkebunan", "tawau"} <= set(lexicon.words)
    assert "workers" not in lexicon.words and "estate" not in lexicon.words
    assert (backend.directory / LEXICON_NAME).exists()
    again = Lexicon.load(backend.directory / LEXICON_NAME)
    assert again is not None and again.words == lexicon.words


def test_english_words_become_the_words_those_documents_use(backend: EmbeddedBackend) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)

    # "estate" is not a glossary word: the lexicon translates it by meaning.
    translated = translated_query(parse_query("estate kept in Tawau"), lexicon, backend.embedder)

    # Names the documents use stay; words without a counterpart there are left out.
    assert set(translated.terms) == {"perkebunan", "ditahan", "tawau"}


def test_the_letter_left_by_a_possessive_is_not_translated(backend: EmbeddedBackend) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)

    translated = translated_query(parse_query("the victim's estate"), lexicon, backend.embedder)

    assert "ditahan" not in translated.terms and "perkebunan" in translated.terms


def test_a_lexicon_of_another_model_is_rebuilt(backend: EmbeddedBackend) -> None:
    path = backend.directory / LEXICON_NAME
    stale = Lexicon("other/model", 10**6, frozenset(), ("kata",), np.ones((1, 4), np.float32))
    stale.save(path)

    rebuilt = current_lexicon(backend.directory, backend._db, backend.embedder)

    assert rebuilt.model_id == "test/glossary-256" and "paspor" in rebuilt.words


def test_an_english_question_finds_the_indonesian_judgment_first(
    backend: EmbeddedBackend,
) -> None:
    query = "workers recruited and passports held on an estate"

    keyword = backend.search(SearchQuery(text=query, mode="bm25"))
    hybrid = backend.search(SearchQuery(text=query, mode="hybrid"))

    # Words alone favour the English judgment, which shares "workers" and "estate".
    assert keyword[0].doc_id == "ph_court:1"
    assert [hit.doc_id for hit in hybrid][:2] == ["id_court:1", "ph_court:1"]
    # Its passage is the one the translated words found.
    assert "direkrut" in hybrid[0].passages[0].text


def test_an_english_question_without_function_words_is_translated_too(
    backend: EmbeddedBackend,
) -> None:
    # No "the", "and", "of": its words do not tell its language, its best matches do (English),
    # and the question is then translated as a full English sentence would be.
    hybrid = backend.search(SearchQuery(text="workers passports estate", mode="hybrid"))

    assert [hit.doc_id for hit in hybrid][:2] == ["id_court:1", "ph_court:1"]
    assert "direkrut" in hybrid[0].passages[0].text


def test_english_leads_where_its_passage_holds_most_words_of_the_question(
    backend: EmbeddedBackend,
) -> None:
    # The English judgment holds four of the five words ("wages" is not in it) and is the
    # nearer by meaning: the question is answered in English, and English leads. Demanding
    # every word put the Indonesian judgment, which shares only "workers" and "estate", first.
    hybrid = backend.search(
        SearchQuery(text="workers of the estate paid late wages", mode="hybrid")
    )

    assert [hit.doc_id for hit in hybrid][:2] == ["ph_court:1", "id_court:1"]


def test_interleaving_gives_each_side_its_share() -> None:
    def ranking(*rowids: int) -> list[RankedDocument]:
        return [RankedDocument(r, 1.0, (ScoredPassage(r * 10, r, 1.0),)) for r in rowids]

    mixed = interleave_languages(ranking(1, 2, 3), ranking(7, 8, 9), 6, 1, other_share=0.5)
    assert [d.doc_rowid for d in mixed] == [1, 7, 2, 8, 3, 9]
    first = interleave_languages(ranking(1, 2, 3), ranking(7, 8, 9), 6, 1, other_share=0.6)
    assert [d.doc_rowid for d in first][:3] == [7, 8, 9]


class NoModel(GlossaryEmbedder):
    """Fails when asked for a vector: proves a lookup needed no model call."""

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        raise AssertionError(f"embedded {list(texts)!r}")


def test_words_of_the_english_documents_are_translated_without_the_model(
    backend: EmbeddedBackend,
) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)

    translated = translated_query(parse_query("workers on the estate"), lexicon, NoModel())

    assert set(translated.terms) == {"perkebunan"}  # "estate" looked up, no model call
    assert any("pekerja" in group for group in translated.expansions)  # from the glossary


def test_looked_up_translations_are_those_the_model_gives(backend: EmbeddedBackend) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)
    terms = ["workers", "estate", "recruited", "passport", "accused", "tawau", "shares"]
    assert lexicon.neighbours is not None and "workers" in lexicon.neighbours.index

    live = translations(terms, replace(lexicon, neighbours=None, learned={}), backend.embedder)

    assert translations(terms, lexicon, backend.embedder) == live
    assert live["workers"] == ("pekerja",) and live["recruited"] == ("direkrut",)


def test_a_word_outside_the_vocabulary_is_embedded_once(backend: EmbeddedBackend) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)
    assert "recruited" not in lexicon.neighbours.index  # type: ignore[union-attr]

    first = translations(["recruited"], lexicon, backend.embedder)

    assert translations(["recruited"], lexicon, NoModel()) == first == {"recruited": ("direkrut",)}


def test_a_lexicon_saved_without_lookups_gains_them_and_keeps_its_words(
    backend: EmbeddedBackend,
) -> None:
    path = backend.directory / LEXICON_NAME
    built = current_lexicon(backend.directory, backend._db, backend.embedder)
    replace(built, neighbours=None).save(path)

    again = current_lexicon(backend.directory, backend._db, backend.embedder)

    assert again.words == built.words and again.neighbours is not None
    assert set(again.neighbours.index) == set(built.neighbours.index)  # type: ignore[union-attr]
    stored = Lexicon.load(path)
    assert stored is not None and stored.neighbours is not None


def test_the_glossary_translates_the_words_the_model_gets_wrong(backend: EmbeddedBackend) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)

    translated = translated_query(
        parse_query("newborn babies sold abroad by estate workers"), lexicon, backend.embedder
    )

    # Each glossary word is one concept of its renderings; "luar negeri" stays a phrase.
    assert ("bayi", "baru lahir") in translated.expansions
    assert ("bayi",) in translated.expansions  # "babies", as "baby": never "babi"
    assert any("luar negeri" in group for group in translated.expansions)
    assert any("pekerja" in group and "buruh" in group for group in translated.expansions)
    # Glossary words are not looked up by meaning as well; other words ("estate") still are.
    assert set(translated.terms) == {"perkebunan"}


def test_glossary_headwords_match_any_inflection() -> None:
    assert glossary_renderings("recruited") == glossary_renderings("recruitment")
    assert "rekrut" in glossary_renderings("recruiting")
    assert glossary_renderings("photosynthesis") == ()


def test_every_glossary_entry_has_renderings_in_the_corpus_languages() -> None:
    entries = json.loads(GLOSSARY_PATH.read_text(encoding="utf-8"))["words"]

    for headword, languages in entries.items():
        headwords = headword.split(" ")
        assert headword == headword.lower() and all(w.isalpha() for w in headwords), headword
        assert len(headwords) <= 2, f"{headword}: expressions are read two words at a time"
        assert set(languages) <= {"id", "ms"}, headword
        assert languages.get("id"), f"{headword} has no Indonesian rendering"
        if len(headwords) == 1:
            assert glossary_renderings(headword), headword
        else:
            assert glossary_expressions(headwords) == [(0, glossary_expressions(headwords)[0][1])]


def test_a_two_word_expression_is_rendered_whole_and_its_words_not_apart(
    backend: EmbeddedBackend,
) -> None:
    lexicon = current_lexicon(backend.directory, backend._db, backend.embedder)

    translated = translated_query(
        parse_query("recruiters paid pocket money to the family of workers"),
        lexicon,
        backend.embedder,
    )

    # "uang saku" is what the judgments write; "money" alone ("uang") is in every one of them.
    assert any("uang saku" in group for group in translated.expansions)
    assert not any(group == ("uang", "wang") for group in translated.expansions)
    assert any("pekerja" in group for group in translated.expansions)  # other words as before
    # Inflections and a repeat offender's other names read the same way.
    assert glossary_expressions(("previous", "convictions")) == glossary_expressions(
        ("prior", "conviction")
    )
    assert glossary_expressions(("money", "pocket")) == []  # the order of the words matters


def test_a_malay_question_also_searches_the_indonesian_words_for_its_malay_ones() -> None:
    parsed = parse_query("mangsa dihantar ke Kemboja tanpa pasport")

    assert ("korban",) in parsed.expansions
    assert ("kamboja",) in parsed.expansions
    assert any("dikirim" in group for group in parsed.expansions)
    assert ("paspor",) in parsed.expansions
    # Words both languages write alike, and English words, bring nothing.
    assert indonesian_renderings("penjara") == () and indonesian_renderings("permit") == ()
    # Matched as written: the trafficker's word is not the trafficking one.
    assert indonesian_renderings("pemerdagangan") == ()
