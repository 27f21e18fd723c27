"""Parliament bill lists and the XML archive, on the real saved responses."""

from __future__ import annotations

from datetime import date

from crawlers.base import Window
from crawlers.sources.my_parlimen_bills import (
    archive_year_query,
    bill_own_id,
    read_archive_year,
    read_archive_years,
    read_bill_list,
)

from .saved import SavedPages

PAGES = SavedPages("my_parlimen_bills")


read = PAGES.text


def test_each_language_list_gives_its_own_documents_with_their_own_dates() -> None:
    english = read_bill_list(read("list_example.html"), "en")
    malay = read_bill_list(read("list_example_2.html"), "ms")
    assert len(english) == len(malay) == 84
    assert len({bill.own_id for bill in english}) == 84
    first_en, first_ms = english[0], malay[0]
    assert (first_en.own_id, first_ms.own_id) == ("DR-42-2024-en", "DR-42-2024-ms")
    assert first_en.title == "Labour Ordinance of Sabah (Amendment) Bill 2024"
    assert first_ms.title == "RUU Ordinan Buruh Sabah (Pindaan) 2024"
    assert first_en.pdf_path == "/files/billindex/pdf/2024/DR/DR 42 BI.pdf"
    assert first_ms.pdf_path == "/files/billindex/pdf/2024/DR/DR 42 BM.pdf"
    # The two lists disagree on the first reading; each document keeps its own list's date.
    assert first_en.events == {"first_reading": "2024-07-17"}
    assert first_ms.events == {"first_reading": "2024-07-10"}
    assert first_en.presented_by == "YB Tuan Steven Sim Chee Keong - Menteri Sumber Manusia"


def test_passed_bill_has_its_readings_and_decoded_presenter() -> None:
    bill = next(
        b for b in read_bill_list(read("list_example.html"), "en") if b.code == "D.R. 1/2023"
    )
    assert bill.status == "Passed"
    assert bill.events == {
        "first_reading": "2023-02-15", "second_reading": "2023-05-22", "passed": "2023-05-22",
    }  # fmt: skip
    assert "&" not in bill.presented_by and "–" in bill.presented_by
    assert bill.pdf_path.endswith("DR 1_2023 - BI.pdf")  # irregular names come from the list


def test_archive_tree_years_and_one_year_of_bills() -> None:
    years = read_archive_years(read("archive_years_example.xml"))
    assert years[0] == (2022, "0_2022") and (1990, "0_1990") in years and len(years) == 32
    bills = read_archive_year(read("archive_year_example.xml"), "en")
    assert len(bills) == 25
    road = bills[2]
    assert (road.own_id, road.title, road.status) == (
        "DR-3-2020-en", "Road Transport (Amendment) Bill 2020", "Passed",
    )  # fmt: skip
    assert road.pdf_path == "/files/billindex/pdf/2020/D.R 3_2020 - eng.pdf"
    assert road.events["passed"] == "2020-08-26"
    assert road.presented_by.endswith("– Menteri Pengangkutan")  # "&amp;amp;ndash;" decoded


def test_ids_and_archive_queries() -> None:
    assert bill_own_id("D.R 1/2020", "ms") == bill_own_id("D.R.1/2020", "ms") == "DR-1-2020-ms"
    assert bill_own_id("no code here", "en") is None
    assert archive_year_query("ms", "0_2020") == (
        "/bills-dewan-rakyat.html?uweb=dr&lang=bm&arkib=yes&ajx=1&id=0_2020"
    )


def test_titles_decode_the_sites_escaped_apostrophes() -> None:
    titles = [bill.title for bill in read_bill_list(read("list_example.html"), "en")]
    assert "Employees' Social Security (Amendment) Bill 2024" in titles
    assert not any("&#" in title for title in titles)


def test_a_bill_is_in_a_window_when_something_happened_to_it_then() -> None:
    bill = next(
        b for b in read_bill_list(read("list_example.html"), "en") if b.code == "D.R.16/2024"
    )
    june, may = (
        Window(date(2024, 6, 1), date(2024, 6, 30)),
        Window(date(2024, 5, 1), date(2024, 5, 31)),
    )
    assert bill.in_window(june) and not bill.in_window(may)
