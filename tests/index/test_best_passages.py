"""Which passages a document shows when it was found without one (whole-document BM25, or an
English question's translated side): those holding the query's units, best first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from index import passage_agreement
from index.best_passages import best_passages
from index.document_bm25 import DocumentStatistics, WeightedUnit
from index.passage_agreement import fts5_passages
from index.query import fts_phrase, phrase_forms
from index.schema import connect
from index.words import index_terms


@pytest.fixture
def db(tmp_path: Path) -> sqlite3.Connection:
    connection = connect(str(tmp_path / "tiplex.sqlite"))
    passages = [
        (7, "The court read the indictment and heard the witnesses."),
        (7, "He worked on the fishing vessel for two years without pay."),
        (7, "Kerja paksa di kapal ikan, kerja paksa lagi dan kerja paksa."),
        (7, "The sentence was pronounced in open court."),
        (8, "Kerja paksa di kapal ikan, in the other document."),
        (9, "Phạm tội mua bán người theo Điều 150."),
    ]
    for number, (doc_rowid, text) in enumerate(passages, start=1):
        connection.execute(
            'INSERT INTO passages (id, doc_rowid, ordinal, start, "end", hash, text) '
            "VALUES (?, ?, ?, 0, ?, ?, ?)",
            (number, doc_rowid, number, len(text), f"h{number}", text),
        )
        connection.execute(
            "INSERT INTO passages_fts (rowid, terms) VALUES (?, ?)",
            (number, index_terms(text, "en" if doc_rowid != 9 else "vi")),
        )
    return connection


def unit(phrase: str, weight: float = 1.0, holding: int = 10) -> WeightedUnit:
    forms = tuple(phrase_forms(phrase))
    return WeightedUnit(f'"{phrase}"', weight, holding, forms, (holding,) * len(forms))


def shown(found: tuple) -> list[int]:
    return [p.passage_id for p in found]


def test_the_passage_holding_the_phrase_most_often_comes_first(db: sqlite3.Connection) -> None:
    found = best_passages(db, 7, [unit("kerja paksa"), unit("fishing vessel")], 2, 1000)

    assert shown(found) == [3, 2]
    assert found[0].score > found[1].score > 0


def test_a_rarer_form_outweighs_a_common_one_repeated(db: sqlite3.Connection) -> None:
    common = unit("kerja paksa", holding=400)
    rare = unit("fishing vessel", holding=3)

    assert shown(best_passages(db, 7, [common, rare], 1, 1000)) == [2]
    # In most passages its inverse frequency is all but nil, as in FTS5's bm25().
    assert shown(best_passages(db, 7, [unit("kerja paksa", holding=900), rare], 1, 1000)) == [2]


def test_only_the_documents_own_passages_are_shown(db: sqlite3.Connection) -> None:
    assert shown(best_passages(db, 8, [unit("kerja paksa")], 3, 1000)) == [5]


def test_a_phrase_matches_only_its_words_in_order(db: sqlite3.Connection) -> None:
    # "paksa kerja" holds the same words as "kerja paksa" in the other order: no match, so the
    # document shows its opening passages as a document without any match does.
    assert shown(best_passages(db, 7, [unit("paksa kerja")], 2, 1000)) == [1, 2]


def test_stemmed_forms_match_what_was_indexed(db: sqlite3.Connection) -> None:
    # "vessels" is indexed as its English stem; the query's plural finds the singular.
    assert shown(best_passages(db, 7, [unit("fishing vessels")], 1, 1000)) == [2]


def test_a_form_typed_without_diacritics_finds_the_passage_with_them(
    db: sqlite3.Connection,
) -> None:
    assert shown(best_passages(db, 9, [unit("mua ban nguoi")], 1, 1000)) == [6]


def test_a_form_with_diacritics_is_counted_as_the_indexed_term(db: sqlite3.Connection) -> None:
    # The tokenizer stores "người" without its diacritics; a form typed with them must count
    # the same passages, or it would look absent from the index and never be searched.
    counts = DocumentStatistics().term_counts(db, "g1", ["người", "nguoi"])

    assert counts == {"người": 1, "nguoi": 1}
    assert shown(best_passages(db, 9, [unit("người", holding=counts["người"])], 1, 1000)) == [6]


def test_the_querys_unit_matches_show_the_same_passages(db: sqlite3.Connection) -> None:
    units = [
        WeightedUnit(str(fts_phrase(p)), 1.0, 10, forms, (10,) * len(forms))
        for p in ("kerja paksa", "fishing vessel")
        if (forms := tuple(phrase_forms(p)))
    ]
    statistics = DocumentStatistics()
    statistics.scores(db, "g1", units)  # as a query scores documents before showing them

    assert set(statistics.unit_passages) == {u.expression for u in units}
    for doc_rowid in (7, 8, 9):
        with_matches = best_passages(db, doc_rowid, units, 3, 1000, statistics.unit_passages)
        assert with_matches == best_passages(db, doc_rowid, units, 3, 1000)
    statistics.begin_query()
    assert statistics.unit_passages == {}


def test_a_unit_is_looked_for_only_in_the_passages_it_matched(db: sqlite3.Connection) -> None:
    phrase = unit("kerja paksa")
    # Told that the unit matched passage 2 alone, the lookup does not search passage 3 for it:
    # passage 2 does not hold it, so the document shows its opening passages.
    told = {phrase.expression: np.array([2, 5], dtype=np.int64)}

    assert shown(best_passages(db, 7, [phrase], 2, 1000, told)) == [1, 2]
    assert shown(best_passages(db, 7, [phrase], 2, 1000)) == [3]


def test_a_document_without_passages_shows_none(db: sqlite3.Connection) -> None:
    assert best_passages(db, 99, [unit("kerja paksa")], 2, 1000) == ()


def test_the_agreement_measure_compares_with_the_fts5_lookup_it_replaced(
    db: sqlite3.Connection, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.commit()
    forms = tuple(phrase_forms("fishing vessel"))
    units = [WeightedUnit(str(fts_phrase("fishing vessel")), 1.0, 1, forms, (1,) * len(forms))]
    # The reference is FTS5's own ranking over the document's rows; both pick the same here.
    assert fts5_passages(db, 7, units, 1) == [2] == shown(best_passages(db, 7, units, 1, 6))
    assert fts5_passages(db, 99, units, 2) == []

    passage_agreement.main([str(tmp_path), "--questions", "q001-q123"])

    printed = capsys.readouterr().out
    assert "same first passage" in printed or printed.startswith("no document")
