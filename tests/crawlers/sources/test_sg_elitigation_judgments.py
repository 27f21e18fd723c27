"""eLitigation listing cards and judgment header (team-written pages in the real structure)."""

from __future__ import annotations

import lxml.html

from crawlers.sources.sg_elitigation_judgments import (
    judgment_main_content,
    listing_path,
    read_judgment_page,
    read_listing_page,
)

from .saved import SavedPages

PAGES = SavedPages("sg_elitigation_judgments")


read = PAGES.text


def test_listing_cards_give_the_citation_id_date_and_catchwords() -> None:
    page = read_listing_page(read("listing_example.html"))
    assert page.total == 2
    first, second = page.judgments
    assert (first.own_id, first.url) == ("2026_SGHC_901", "/gd/s/2026_SGHC_901")
    assert first.title == "PUBLIC PROSECUTOR v Example Accused One"
    assert (first.citation, first.case_number) == ("[2026] SGHC 901", "HC/CC 77/2026")
    assert first.decision_date == "2026-11-20"
    assert first.catchwords[0].endswith("Prevention of Human Trafficking Act 2014")
    assert (second.own_id, second.decision_date) == ("2026_SGCA_902", "2026-11-02")


def test_judgment_header_names_court_judge_date_and_parties() -> None:
    page = read_judgment_page(read("judgment_example.html"))
    assert page.citation == "[2026] SGHC 901"
    assert page.case_number == "Criminal Case No 77 of 2026"
    assert page.case_name == "Public Prosecutor v Example Accused One"
    assert page.court == "General Division of the High Court"
    assert page.coram == "Example Judge J"
    assert (page.decision_date, page.author) == ("2026-11-20", "Example Judge J")


def test_text_region_is_the_judgment_with_its_footnotes_and_without_site_chrome() -> None:
    content = judgment_main_content(lxml.html.fromstring(read("judgment_example.html")))
    assert content is not None
    region = content.text_content()
    assert "Prevention of Human Trafficking Act 2014" in region
    assert "kept by the accused, [1] and they were made" in " ".join(region.split())
    assert region.rstrip().endswith("[1] Agreed Statement of Facts at para 6.")  # notes at the end
    assert "Foot Note" not in region and "×" not in region  # the dialogs' furniture
    assert "print-friendly" not in region and "Copyright" not in region


def test_listing_pages_are_asked_for_by_number() -> None:
    assert "CurrentPage=3&" in listing_path(3) and "Filter=SUPCT" in listing_path(3)
