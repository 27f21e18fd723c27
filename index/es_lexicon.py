"""The cross-language lexicon (`index.crosslingual`) of an Elasticsearch index.

The lexicon is built from the index's own non-English passages, as on the embedded backend, and
by the same code: the passages are read from Elasticsearch (a scan of their stored text) into a
scratch SQLite file shaped like the embedded index's passages and documents, and
`index.crosslingual.build_lexicon` counts and embeds their words there. Reading every passage
is slow on a large index, so like the embedded backend only every `PASSAGE_SAMPLE`-th passage
is kept above `SAMPLE_ABOVE`, and the lexicon is stored in the tiplex home beside the index's
other local state, rebuilt when the model changes or the non-English passages grew by
`REBUILD_GROWTH`.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from elasticsearch import Elasticsearch, NotFoundError, helpers

from index.crosslingual import (
    LEXICON_NAME,
    PASSAGE_SAMPLE,
    REBUILD_GROWTH,
    SAMPLE_ABOVE,
    SOURCE_LANGUAGE,
    Lexicon,
    build_lexicon,
)
from index.es_mappings import ANALYZER_FAMILIES, PASSAGES_PATH, text_field
from index.es_results import passage_text

if TYPE_CHECKING:
    from index.backend import Embedder

SCAN_PAGE = 100  # documents per scroll page: judgments are long


def lexicon_path(home: Path, documents_index: str) -> Path:
    """Where the lexicon of `documents_index` is kept (one per index prefix)."""
    return home / "elasticsearch" / f"{documents_index}-{LEXICON_NAME}"


def non_english_passages(client: Elasticsearch, index: str) -> int:
    """Passages of the documents not written in English (a nested count, no documents read)."""
    try:
        response = client.search(
            index=index,
            size=0,
            query={"bool": {"must_not": [{"term": {"language": SOURCE_LANGUAGE}}]}},
            aggs={"passages": {"nested": {"path": PASSAGES_PATH}}},
        ).body
    except NotFoundError:
        return 0
    return int(response["aggregations"]["passages"]["doc_count"])


def _stored_passages(client: Elasticsearch, index: str) -> Iterator[tuple[str, str]]:
    """(document language, passage text) of every stored passage, vectors not read."""
    fields = [f"{PASSAGES_PATH}.{text_field(f)}" for f in ANALYZER_FAMILIES]
    for hit in helpers.scan(
        client,
        index=index,
        query={"query": {"match_all": {}}, "_source": ["language", *fields]},
        size=SCAN_PAGE,
    ):
        source = hit.get("_source") or {}
        language = str(source.get("language") or "").lower()
        for passage in source.get(PASSAGES_PATH) or ():
            yield language, passage_text(passage)


def build_es_lexicon(
    client: Elasticsearch, index: str, embedder: Embedder, passages: int
) -> Lexicon:
    """The lexicon of the Elasticsearch index `index`, built by `crosslingual.build_lexicon`
    over a scratch copy of the passages it would read; `passages` is the index's count of
    non-English passages (`non_english_passages`), which decides the sampling."""
    step = PASSAGE_SAMPLE if passages > SAMPLE_ABOVE else 1
    with tempfile.TemporaryDirectory(prefix="tiplex-lexicon-") as scratch:
        db = sqlite3.connect(Path(scratch) / "passages.sqlite3")
        try:
            db.execute("CREATE TABLE documents (language TEXT)")
            db.execute(
                "CREATE TABLE passages (id INTEGER PRIMARY KEY, doc_rowid INTEGER, text TEXT)"
            )
            rowids: dict[str, int] = {}
            for number, (language, text) in enumerate(_stored_passages(client, index)):
                if language not in rowids:
                    rowids[language] = int(
                        db.execute("INSERT INTO documents VALUES (?)", (language,)).lastrowid or 0
                    )
                if number % step:
                    continue  # `build_lexicon` samples by id the same way: fewer rows to write
                db.execute(
                    "INSERT INTO passages VALUES (?, ?, ?)", (number, rowids[language], text)
                )
            lexicon = build_lexicon(db, embedder)
        finally:
            db.close()
    # Counted on the scratch copy, which holds only the sample: record the index's own count
    # so that growth is measured against it (every other part kept as built).
    return dataclasses.replace(lexicon, passages=passages)


def current_es_lexicon(
    client: Elasticsearch, index: str, path: Path, embedder: Embedder
) -> Lexicon:
    """The stored lexicon of `index`, rebuilt first when missing, made with another model, or
    built when the index held far fewer non-English passages."""
    lexicon = Lexicon.load(path)
    passages = non_english_passages(client, index)
    if (
        lexicon is None
        or lexicon.model_id != embedder.model_id
        or passages > REBUILD_GROWTH * max(1, lexicon.passages)
    ):
        lexicon = build_es_lexicon(client, index, embedder, passages)
        path.parent.mkdir(parents=True, exist_ok=True)
        lexicon.save(path)
    return lexicon
