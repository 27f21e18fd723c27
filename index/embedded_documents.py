"""Reading one stored document back (its record, text and coded case), and finding the judgments
whose coded charges or statute citations cite a statute: what a case page and a legislation
comparison show."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from index.backend import Citing, StoredDocument
from tiplex.records import Document, cited_provisions


def stored_document(db: sqlite3.Connection, doc_id: str) -> StoredDocument | None:
    row = db.execute(
        "SELECT record, text, facts, court, case_number, decision_date FROM documents "
        "WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = json.loads(row[0])
    document = Document.from_dict({**record, "text": row[1]})
    facts = json.loads(row[2]) if row[2] else None
    return StoredDocument(
        document=document,
        facts=facts,
        # The coder fills what the source's listing did not give; the index keeps the union.
        court=row[3],
        case_number=row[4],
        decision_date=row[5],
    )


def citing_documents(db: sqlite3.Connection, statute: str) -> list[Citing]:
    """Judgments with a coded charge or statute citation under `statute` (e.g. "PH RA 9208"), one
    entry per cited provision, ordered by decision date."""
    # The LIKE prefilter is only a shortcut; the JSON decides.
    rows = db.execute(
        "SELECT doc_id, title, country, decision_date, case_number, facts FROM documents "
        "WHERE doc_type = 'judgment' AND facts LIKE ? ORDER BY decision_date, doc_id",
        (f"%{statute}%",),
    ).fetchall()
    found: list[Citing] = []
    for doc_id, title, country, date, case_number, facts_json in rows:
        facts = json.loads(facts_json)
        provisions = sorted(cited_provisions(facts, statute))
        found.extend(
            Citing(
                doc_id=doc_id,
                title=title,
                country=country,
                decision_date=date,
                case_number=case_number,
                statute=statute,
                provision=provision or None,
            )
            for provision in provisions
        )
    return found
