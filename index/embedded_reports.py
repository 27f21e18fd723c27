"""Counting documents (`tiplex trends`) and listing provisions (`tiplex compare`) in the
embedded index."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from index.backend import COUNT_FIELDS, ProvisionHit
from index.embedded_search import coded_matches, documents_matching, marks
from index.filters import BOOLEAN_GROUPS, GROUP_EXPRESSIONS, TERM_GROUPS, document_condition
from index.query import parse_query
from index.question_filters import answered_by_conditions
from tiplex.records import Provision, SearchQuery


def counted_rowids(
    db: sqlite3.Connection, query: SearchQuery, relevant: Collection[int] = ()
) -> set[int] | None:
    """The documents a question counts in `count_by` (None: no question, every document
    passing the filters). A judgment counts when it is among `relevant` (the backend's
    relevance cut-off, `index.ranking.counts_as_relevant`), when a passage holds every word
    and phrase of the question, when its coded case answers a concept the question names (a
    judgment raising Pasal 18 answers "non-punishment" in Bahasa), or when it is a trafficking
    case passing the conditions read from the question (`index.question_filters`)."""
    parsed = parse_query(query.text)
    if parsed.is_empty:
        return None
    condition = document_condition(query.filters)
    matched = documents_matching(db, parsed, condition) | coded_matches(db, query.text, condition)
    if answered_by_conditions(query.text, query.filters):
        # "Traffickers sentenced to ten years or more": the coded trafficking cases passing the
        # term read from the question answer it, in whatever words.
        where = f"d.is_trafficking_case = 1 AND {condition.sql}"
        matched |= {
            int(r[0])
            for r in db.execute(f"SELECT d.rowid FROM documents d WHERE {where}", condition.params)
        }
    return matched | set(relevant)


def count_by(
    db: sqlite3.Connection,
    query: SearchQuery | None,
    by: Sequence[str],
    relevant: Collection[int] = (),
) -> list[dict[str, Any]]:
    fields = [by] if isinstance(by, str) else list(by)
    unknown = [f for f in fields if f not in COUNT_FIELDS]
    if unknown or not fields:
        raise ValueError(
            f"cannot count by {unknown or fields!r}; fields are: {', '.join(COUNT_FIELDS)}"
        )
    condition = document_condition(query.filters if query else {})
    selects, joins, join_params = [], [], []
    for position, field in enumerate(fields):
        if field in TERM_GROUPS:
            # LEFT JOIN: a document without the field counts under None.
            alias = f"t{position}"
            joins.append(
                f"LEFT JOIN doc_terms {alias} ON {alias}.doc_rowid = d.rowid AND {alias}.field = ?"
            )
            join_params.append(field)
            selects.append(f"{alias}.value")
        else:
            selects.append(GROUP_EXPRESSIONS[field])
    where = [condition.sql] if condition.sql else []
    params: list[object] = [*join_params, *condition.params]
    matched = counted_rowids(db, query, relevant) if query else None
    if matched is not None:
        where.append("d.rowid IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(matched)))
    sql = (
        f"SELECT {', '.join(selects)}, COUNT(DISTINCT d.rowid) FROM documents d "
        f"{' '.join(joins)} {'WHERE ' + ' AND '.join(where) if where else ''} "
        f"GROUP BY {', '.join(str(i + 1) for i in range(len(fields)))}"
    )
    groups = []
    for row in db.execute(sql, params).fetchall():
        group: dict[str, Any] = {}
        for field, value in zip(fields, row, strict=False):
            is_flag = field in BOOLEAN_GROUPS and value is not None
            group[field] = bool(value) if is_flag else value
        group["count"] = int(row[-1])
        groups.append(group)
    groups.sort(key=lambda g: [(g[f] is None, str(g[f])) for f in fields])
    return groups


def provisions(
    db: sqlite3.Connection, topic: str | None, countries: Sequence[str] | None
) -> list[ProvisionHit]:
    where, params = [], []
    if topic:
        where.append("pr.id IN (SELECT provision_id FROM provision_topics WHERE topic = ?)")
        params.append(topic.lower())
    if countries:
        where.append(f"d.country IN ({marks(len(countries))})")
        params.extend(c.upper() for c in countries)
    sql = (
        "SELECT d.doc_id, d.title, d.country, d.language, d.url, pr.record "
        "FROM provisions pr JOIN documents d ON d.rowid = pr.doc_rowid "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} "
        "ORDER BY d.country, d.doc_id, pr.position"
    )
    return [
        ProvisionHit(
            doc_id=r[0],
            title=r[1],
            country=r[2],
            language=r[3],
            source_url=r[4],
            provision=provision_from_json(json.loads(r[5])),
        )
        for r in db.execute(sql, params).fetchall()
    ]


def provision_from_json(data: Mapping[str, Any]) -> Provision:
    return Provision(
        doc_id=str(data["doc_id"]),
        number=str(data["number"]),
        heading=str(data["heading"]),
        text=str(data["text"]),
        start=int(data["start"]),
        end=int(data["end"]),
        topics=tuple(data.get("topics") or ()),
        actip_articles=tuple(data.get("actip_articles") or ()),
    )
