"""Bad queries and filters: generated questions, `--filter` values and topics go through the
checks the `tiplex` command makes and then to the backends (the embedded index for real, the
Elasticsearch query builder offline). Each must give a result or a clear error of the kinds
the command reports as a message (`InvalidInput`, ValueError, RuntimeError, OSError); any other
exception would reach the user as a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import es_queries
from index.backend import COUNT_FIELDS, FILTER_FIELDS
from index.elasticsearch import ElasticsearchBackend
from index.embedded import EmbeddedBackend
from index.filters import check_filters
from nlp.legislation import TOPICS
from tests.index import samples
from tests.index.fakes import HashingEmbedder
from tiplex import validation
from tiplex.records import SearchQuery
from tiplex.settings import Settings

# What the command turns into a one-line message (see `interfaces.cli._on_backend`).
REPORTED = (validation.InvalidInput, ValueError, RuntimeError, OSError)
# A "clear" message names what was wrong; these are Python's own words leaking through.
_INTERNAL = re.compile(
    r"invalid literal|could not convert|object has no attribute|unsupported operand|"
    r"list index out of range|NoneType|not subscriptable|unhashable|fts5: syntax error",
    re.IGNORECASE,
)

FTS_SYNTAX = st.sampled_from([
    '"', '""', '"unbalanced', "AND", "OR", "NOT", "NEAR(", "NEAR(a b, 3)", "*", "a*", "^", ":",
    "col:term", "(", ")", "((a)", "-", "+", "~", "{", "}", "[", "]", "\\", "'", "''", "--",
    "/*", "%", "_", "\x00", "\u200b", "\ufeff", "\U0001f600", "ẞ", "ก่", "ល្អ", "ພາສາ", "မြန်",
    "人身贩卖", "торговля", "\u202e", "NULL", "1=1", "; DROP TABLE documents; --", "R.A. 9208",
    "G.R. No. 12345", "Pasal 2 ayat (1)", "§", "¶", "\t", "\n", "\r\n",
])  # fmt: skip
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
QUERIES = st.one_of(
    TEXT,
    st.lists(st.one_of(FTS_SYNTAX, TEXT), min_size=1, max_size=12).map(" ".join),
    st.builds(lambda word, n: word * n, FTS_SYNTAX | TEXT, st.integers(1, 3000)),  # huge inputs
)
FIELDS = st.one_of(st.sampled_from(FILTER_FIELDS), TEXT)
FILTER_VALUES = st.one_of(
    TEXT,
    st.sampled_from([
        "abc", "2019", "2015..2020", "..2020", "2015..", "..", "2019,2020", "99999999999999999999",
        "-1", "0", "true", "false", "yes", "maybe", "PH,ID", ",", ",,", " ", "１２３４", "²⁰¹⁹",
        "9999..0000", "2015...2020", "%", "_", "'", '"',
    ]),
)  # fmt: skip
FILTER_PAIRS = st.lists(
    st.one_of(st.builds(lambda f, v: f"{f}={v}", FIELDS, FILTER_VALUES), TEXT), max_size=4
)


class Tally:
    def __init__(self) -> None:
        self.tried = 0
        self.problems: list[str] = []

    def check(self, label: str, action: Callable[[], Any]) -> None:
        self.tried += 1
        try:
            action()
        except REPORTED as exc:
            message = str(exc)
            if not message.strip() or _INTERNAL.search(message):
                self.problems.append(f"{label}: unclear {type(exc).__name__}: {message[:160]}")
        except Exception as exc:  # anything else would be a traceback
            self.problems.append(f"{label}: {type(exc).__name__}: {str(exc)[:160]}")


def _search_request(text: str, mode: str, k: int, pairs: list[str]) -> SearchQuery:
    """The checks `tiplex search` makes before it opens a backend."""
    validation.query_text(text)
    validation.positive(k, "-k", most=validation.MAX_RESULTS)
    filters = validation.filter_pairs(pairs)
    check_filters(filters)
    return SearchQuery(text=text, mode=mode, k=k, filters=filters)  # type: ignore[arg-type]


def _count_request(by: str, pairs: list[str]) -> tuple[list[str], dict[str, str]]:
    """The checks `tiplex trends` makes: the --by fields and the filters."""
    fields = [f.strip() for f in by.split(",") if f.strip()]
    if not fields or any(f not in COUNT_FIELDS for f in fields):
        raise validation.InvalidInput(f"--by takes fields of: {', '.join(COUNT_FIELDS)}")
    filters = validation.filter_pairs(pairs)
    check_filters(filters)
    filters.setdefault("doc_type", "judgment")
    return fields, filters


def _searched(backend: Any, text: str, mode: str, k: int, pairs: list[str]) -> None:
    backend.search(_search_request(text, mode, k, pairs))


def _counted(backend: Any, text: str, by: str, pairs: list[str]) -> None:
    fields, filters = _count_request(by, pairs)
    backend.count_by(SearchQuery(text=text, filters=filters), fields)


def _compared(backend: Any, topic: str, countries: str | None) -> None:
    if topic not in (*TOPICS, "other"):
        raise validation.InvalidInput(f"--topic takes one of {TOPICS}")
    chosen = validation.country_list(countries) if countries is not None else None
    backend.provisions(topic, chosen)


def run_queries(work: Path, scale: float = 1.0) -> dict[str, Any]:
    """About 11,000 generated inputs at `scale=1` (the quick test uses a fraction)."""
    work.mkdir(parents=True, exist_ok=True)
    embedder = HashingEmbedder()
    home = Settings(home=work / "home").ensure_dirs()
    backend = EmbeddedBackend(home, embedder)
    backend.index(samples.DOCUMENTS, facts=samples.FACTS, provisions=samples.PROVISIONS)
    es = ElasticsearchBackend(home, embedder, client=Elasticsearch("http://127.0.0.1:9"), icu=False)
    tally = Tally()

    def profile(examples: int) -> Any:
        return settings(
            max_examples=max(1, int(examples * scale)),
            database=None,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )

    @profile(3000)
    @given(QUERIES, st.sampled_from(["bm25", "dense", "hybrid"]), st.integers(-5, 2000),
           FILTER_PAIRS)  # fmt: skip
    def search(text: str, mode: str, k: int, pairs: list[str]) -> None:
        tally.check(f"search {text[:40]!r} {mode} -k {k} {pairs}",
                    lambda: _searched(backend, text, mode, k, pairs))  # fmt: skip
        tally.check(f"es search {text[:40]!r} {mode} {pairs}",
                    lambda: _es_body(es, text, mode, k, pairs))  # fmt: skip

    @profile(2000)
    @given(QUERIES | st.just(""), st.one_of(st.sampled_from(COUNT_FIELDS), TEXT), FILTER_PAIRS)
    def trends(text: str, by: str, pairs: list[str]) -> None:
        tally.check(f"trends {text[:40]!r} --by {by!r} {pairs}",
                    lambda: _counted(backend, text, by, pairs))  # fmt: skip
        tally.check(f"es trends {text[:40]!r} --by {by!r} {pairs}",
                    lambda: _es_count(text, by, pairs))  # fmt: skip

    @profile(1000)
    @given(st.one_of(st.sampled_from(TOPICS), TEXT), st.none() | TEXT | st.sampled_from(
        ["PH,ID", "ph", ",", "XX,YY", "P", "PHL", "PH,,ID", " , "]))  # fmt: skip
    def compare(topic: str, countries: str | None) -> None:
        tally.check(f"compare --topic {topic!r} --countries {countries!r}",
                    lambda: _compared(backend, topic, countries))  # fmt: skip

    try:
        search()
        trends()
        compare()
    finally:
        backend.close()
    handled = tally.tried - len(tally.problems)
    return {
        "label": "queries without error",
        "tried": tally.tried,
        "handled": handled,
        "lost": 0,
        "duplicated": 0,
        "problems": tally.problems[:50],
    }


def _es_body(es: ElasticsearchBackend, text: str, mode: str, k: int, pairs: list[str]) -> None:
    es.search_body(_search_request(text, mode, k, pairs))


def _es_count(text: str, by: str, pairs: list[str]) -> None:
    fields, filters = _count_request(by, pairs)
    es_queries.count_by_body(es_queries.parse_query(text), filters, fields)
