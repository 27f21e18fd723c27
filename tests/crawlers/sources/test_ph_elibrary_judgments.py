"""E-Library parsing on the real saved June 2025 listing and decision page."""

from __future__ import annotations

import lxml.html
import pytest

from crawlers.sources.ph_elibrary_judgments import (
    PhElibraryJudgments,
    decision_main_content,
    month_url_path,
    read_decision_page,
    read_month_listing,
)

from .saved import SavedPages

PAGES = SavedPages("ph_elibrary_judgments")


def test_month_listing_gives_the_site_id_number_date_and_a_clean_title() -> None:
    (entry,) = read_month_listing(PAGES.text("month_example.html"))
    assert entry.own_id == "70158"
    assert entry.url == "https://elibrary.judiciary.gov.ph/thebookshelf/showdocs/1/70158"
    assert entry.case_number == "G.R. No. 279692"
    assert entry.decision_date == "2025-06-11"
    assert entry.title.startswith("IN THE MATTER OF THE PETITION FOR HABEAS CORPUS")
    assert "BR>" not in entry.title and "DOLOR WENDAH" in entry.title


def test_decision_page_header_is_read_from_the_page_itself() -> None:
    page = read_decision_page(PAGES.text("decision_example.html"))
    assert (page.case_number, page.decision_date) == ("G.R. No. 279692", "2025-06-11")
    assert page.division == "THIRD DIVISION"
    assert page.ponente == "INTING"
    assert page.phil_reports == "968 Phil. 941"
    assert page.title.endswith("RESPONDENTS.") and "D E C I S I O N" not in page.title


def test_main_content_is_the_decision_without_page_chrome() -> None:
    tree = lxml.html.fromstring(PAGES.bytes("decision_example.html"))
    content = decision_main_content(tree)
    assert content is not None
    text = content.text_content()
    assert "THIRD DIVISION" in text and "Balag v. Senate of the Philippines" in text
    assert "printer friendly" not in text  # the printer-friendly link is chrome
    assert "Korea, South" not in text  # the sidebar of foreign courts is outside
    assert decision_main_content(lxml.html.fromstring("<html><p>other</p></html>")) is None


def test_month_urls_follow_the_site_pattern() -> None:
    assert month_url_path(2025, 6) == "/thebookshelf/docmonth/Jun/2025/1"


def test_clean_text_drops_the_sites_broken_line_break_markup() -> None:
    cleaned = PhElibraryJudgments.clean_text("RYANH M. DOLOR\nBR> WENDAH KATRINA")
    assert cleaned == "RYANH M. DOLOR WENDAH KATRINA"


@pytest.mark.parametrize(
    ("byline", "ponente"),
    [("INTING, J.:", "INTING"), ("GESMUNDO, C.J.:", "GESMUNDO"), ("LOPEZ, J., J.:", "LOPEZ"),
     ("PER CURIAM:", "")],
)  # fmt: skip
def test_ponente_bylines_as_the_court_writes_them(byline: str, ponente: str) -> None:
    page = (
        "<div id='left'><div class='single_content'><h2>EN BANC</h2>"
        "<h2>[ G.R. No. 1, January 2, 2024 ]</h2><h3>A VS. B<br>D E C I S I O N</h3>"
        f"<p><strong>{byline}</strong></p></div></div>"
    )
    found = read_decision_page(page)
    assert (found.ponente, found.division, found.decision_date) == (
        ponente,
        "EN BANC",
        "2024-01-02",
    )
    assert found.title == "A VS. B"
