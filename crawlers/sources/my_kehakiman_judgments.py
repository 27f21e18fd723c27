"""Malaysian court judgments on trafficking in persons, from the Judiciary's e-Judgment portal.

Publisher
  Office of the Chief Registrar, Federal Court of Malaysia, e-Judgment portal
  (https://ejudgment.kehakiman.gov.my): grounds of judgment of the Federal Court, Court of
  Appeal, High Courts, Sessions and Magistrates' Courts, served by a JSON web service
  (POST `/EJudgmentWeb/eJudgmentService.asmx/GetEJudgmentPortalSearchList`, 20 rows a page);
  the PDFs come from the e-filing host (https://efs.kehakiman.gov.my).
Caveats
  The document id is the portal's DocumentID (a GUID) of each grounds-of-judgment PDF: a case
  (`eJudgUniqueID`) can have several, one per judge or decision. An all-zero DocumentID means
  no document yet, and expunged documents are skipped. Dates are .NET JSON dates
  (`/Date(ms)/`, milliseconds since 1970 UTC) read in Malaysian time (UTC+8). The search asks
  for decision dates in the window (`since`/`until` dates; default the last 90 days; the
  request's date format DD/MM/YYYY is inferred) and for each search term ("pemerdagangan
  orang", "trafficking in persons", "ATIPSOM"; spider argument `search` to change them).
  Judgments are in English or Malay, so the language is detected per document. PDFs are asked
  for conditionally. No response of the service was ever saved: the responses here are
  TEAM-WRITTEN in the shape public apps of the service read, with invented cases.
History
  2026-12-05: Created: JSON search pages in a window per term, grounds PDFs by document id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from crawlers.base import clean_space

SEARCH_PATH = "/EJudgmentWeb/eJudgmentService.asmx/GetEJudgmentPortalSearchList"
DOCUMENT_URL = "https://efs.kehakiman.gov.my/EFSWeb/DocDownloader.aspx?DocumentID={id}&Inline=true"
ROWS_PER_PAGE = 20
DEFAULT_SEARCH_TERMS = ("pemerdagangan orang", "trafficking in persons", "ATIPSOM")
NO_DOCUMENT = "00000000-0000-0000-0000-000000000000"
MALAYSIA = timezone(timedelta(hours=8))
_DOTNET_DATE = re.compile(r"/Date\((?P<ms>-?\d+)(?P<offset>[+-]\d{4})?\)/")
_TAGS = re.compile(r"<[^>]+>")
_COURT_IN_CASE_NO = re.compile(r"\((?P<court>[^()]+)\)\s*$")


@dataclass(frozen=True, slots=True)
class GroundsDocument:
    document_id: str
    name: str
    prepared_by: str
    decision_category: str


@dataclass(frozen=True, slots=True)
class ListedCase:
    """One row of a search page: a case and its grounds-of-judgment documents."""

    case_id: str  # eJudgUniqueID
    case_number: str  # "DA-44-25-04/2026"
    court: str  # "Mahkamah Tinggi", from the case number's bracket
    parties: str
    keywords: str
    decision_date: str | None  # DateOfResult
    appeal_date: str | None  # DateOfAP
    judge: str
    documents: tuple[GroundsDocument, ...]


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    cases: tuple[ListedCase, ...]


class ServiceAnswerError(ValueError):
    """The service answered with something that is not its search result."""


def dotnet_date(value: str | None) -> str | None:
    """ "/Date(1775059200000)/" → "2026-04-02": the instant in Malaysian time, as a date."""
    found = _DOTNET_DATE.search(value or "")
    if not found:
        return None
    instant = datetime.fromtimestamp(int(found.group("ms")) / 1000, tz=UTC)
    return instant.astimezone(MALAYSIA).date().isoformat()


def search_body(term: str, page: int, first: date, last: date) -> bytes:
    """The POST body for one page of one term's results, decided in [first, last]. Keys in a
    fixed order, so the same question is always the same bytes (and a mirror can answer it)."""
    param = {
        "CourtCategory": "", "Court": "", "JurisdictionType": "",
        "DateOfAPFrom": "", "DateOfAPTo": "",
        "DateOfResultFrom": first.strftime("%d/%m/%Y"), "DateOfResultTo": last.strftime("%d/%m/%Y"),
        "Search": term, "JudgeName": "", "CaseType": "", "CurrPage": page,
        "Ordering": "DATE_OF_AP_DESC",
    }  # fmt: skip
    return json.dumps({"Param": param}, separators=(",", ":")).encode("utf-8")


def parse_search_answer(raw: bytes | str) -> SearchPage:
    """`{"d": {"TOTAL_RECORD": n, "ListOfSearchItem": [...]}}` to cases and their documents.

    Raises:
        ServiceAnswerError: the body is not JSON, or not the search result's shape.
    """
    try:
        answer = json.loads(raw)
        result = answer["d"]
        items = result.get("ListOfSearchItem") or []
        total = int(result.get("TOTAL_RECORD") or 0)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ServiceAnswerError(f"not an e-Judgment search answer: {error}") from error
    return SearchPage(total=total, cases=tuple(_case(item) for item in items))


def _case(item: dict[str, Any]) -> ListedCase:
    case_text = clean_space(_TAGS.sub(" ", str(item.get("CaseNo") or "")))
    court = _COURT_IN_CASE_NO.search(case_text)
    documents = tuple(
        GroundsDocument(
            document_id=str(doc.get("DocumentID") or "").lower(),
            name=clean_space(doc.get("APDocName")),
            prepared_by=clean_space(doc.get("APPreparedBy")),
            decision_category=clean_space(doc.get("DecisionCategory")),
        )
        for doc in item.get("ListOfAPDoc") or []
        if str(doc.get("DocumentID") or NO_DOCUMENT).lower() != NO_DOCUMENT
        and not doc.get("IsExpunged")
    )
    return ListedCase(
        case_id=str(item.get("eJudgUniqueID") or ""),
        case_number=_COURT_IN_CASE_NO.sub("", case_text).strip(),
        court=court.group("court").strip() if court else "",
        parties=clean_space(_TAGS.sub(" ", str(item.get("Parties") or ""))),
        keywords=clean_space(item.get("KeyWord")),
        decision_date=dotnet_date(item.get("DateOfResult")),
        appeal_date=dotnet_date(item.get("DateOfAP")),
        judge=clean_space(_TAGS.sub(" ", str(item.get("Judge") or ""))),
        documents=documents,
    )


def pages_needed(total: int) -> int:
    return max(1, -(-total // ROWS_PER_PAGE))
