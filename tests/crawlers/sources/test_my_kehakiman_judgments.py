"""e-Judgment JSON answers (team-written in the service's shape) and .NET dates."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crawlers.posting import json_body
from crawlers.sources.my_kehakiman_judgments import (
    MyKehakimanJudgments,
    ServiceAnswerError,
    dotnet_date,
    pages_needed,
    read_search_answer,
    search_body,
)

from .saved import SavedPages

ANSWERS = SavedPages("my_kehakiman_judgments")


def answer(page: int) -> bytes:
    return ANSWERS.bytes("search_example.json" if page == 1 else f"search_example_{page}.json")


def test_a_page_gives_twenty_cases_with_court_parties_and_malaysian_dates() -> None:
    page = read_search_answer(answer(1))
    assert page.total == 23 and len(page.cases) == 20 and pages_needed(page.total) == 2
    first = page.cases[0]
    assert (first.case_number, first.court) == ("DA-44-100-11/2026", "Mahkamah Tinggi")
    assert first.parties == "PENDAKWA RAYA lwn CONTOH TERTUDUH 1"
    assert first.decision_date == "2026-11-28"  # midnight in Kuala Lumpur, 16:00 UTC the day before
    assert first.documents[0].document_id == "00000000-0000-0000-0000-000000001000"


def test_documents_without_id_or_expunged_are_left_out_and_several_are_kept() -> None:
    cases = read_search_answer(answer(1)).cases
    assert cases[1].documents == ()  # all-zero DocumentID: nothing published yet
    assert len(cases[2].documents) == 2
    assert cases[3].documents == ()  # expunged


def test_last_page_and_bad_answers() -> None:
    assert len(read_search_answer(answer(2)).cases) == 3
    with pytest.raises(ServiceAnswerError):
        read_search_answer(b"<html>Service Unavailable</html>")
    with pytest.raises(ServiceAnswerError):
        read_search_answer(b'{"Message": "There was an error processing the request."}')


def test_dotnet_dates_with_and_without_offset() -> None:
    assert dotnet_date("/Date(1775059200000)/") == "2026-04-02"
    assert dotnet_date("/Date(1775059200000+0800)/") == "2026-04-02"
    assert dotnet_date("not a date") is None and dotnet_date(None) is None


def test_the_same_question_is_the_same_bytes() -> None:
    body = search_body("ATIPSOM", 2, date(2026, 9, 1), date(2026, 11, 30))
    assert body == search_body("ATIPSOM", 2, date(2026, 9, 1), date(2026, 11, 30))
    # Written as every POSTing source writes its bodies (the saved answers are named by it).
    assert body == json_body(json.loads(body))
    param = json.loads(body)["Param"]
    assert (param["CurrPage"], param["Search"]) == (2, "ATIPSOM")
    assert (param["DateOfResultFrom"], param["DateOfResultTo"]) == ("01/09/2026", "30/11/2026")


def test_pdfs_come_from_the_e_filing_host_or_from_under_a_mirrors_root() -> None:
    document = "00000000-0000-0000-0000-000000001000"
    real = MyKehakimanJudgments().document_url(document)
    assert real.startswith("https://efs.kehakiman.gov.my/EFSWeb/DocDownloader.aspx?DocumentID=")
    mirror = MyKehakimanJudgments(base_url="http://127.0.0.1:8000/ejudgment.kehakiman.gov.my")
    assert mirror.document_url(document) == (
        "http://127.0.0.1:8000/ejudgment.kehakiman.gov.my/EFSWeb/DocDownloader.aspx"
        f"?DocumentID={document}&Inline=true"
    )
    # …and it is known by its real address, as the archive replays it.
    assert mirror.canonical_url(mirror.document_url(document)) == real
