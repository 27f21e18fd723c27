"""SSO Act pages: the real print views are whole, the interactive view's first part is not."""

from __future__ import annotations

import lxml.html

from crawlers.dates import parse_day_first_date
from crawlers.sources.sg_sso_legislation import act_main_content, act_path, read_act_page

from .saved import SavedPages

PAGES = SavedPages("sg_sso_legislation")
SITE = "https://sso.agc.gov.sg"


read = PAGES.text


def test_real_whole_act_is_complete_with_its_front_matter_and_dates() -> None:
    act = read_act_page(read("act_example.html"), SITE + act_path("FLPA2012"))
    assert act.code == "FLPA2012"
    assert act.title == "Foreign Limitation Periods Act 2012"
    assert act.revised_edition == "2020 REVISED EDITION"
    assert act.long_title.startswith("An Act to provide for any law relating to the limitation")
    assert (act.version_date, act.commencement) == ("2024-05-12", "2012-06-01")
    assert (act.listed_provisions, act.provisions, act.complete) == (8, 8, True)
    assert act.pdf_url.endswith("/Act/FLPA2012?ViewType=Pdf&_=20240307023721")


def test_longer_real_act_counts_every_provision() -> None:
    act = read_act_page(read("act_example_2.html"), SITE + act_path("EAA1958"))
    assert (act.listed_provisions, act.provisions, act.complete) == (45, 45, True)
    assert act.commencement == "1959-01-01"


def test_interactive_view_holding_one_part_is_not_complete() -> None:
    act = read_act_page(read("act_example_3.html"), SITE + act_path("PHTA2014"))
    assert act.code == "PHTA2014" and act.title == "Prevention of Human Trafficking Act 2014"
    assert (act.listed_provisions, act.provisions, act.complete) == (8, 3, False)


def test_text_region_leaves_out_the_table_of_contents_and_site_header() -> None:
    content = act_main_content(lxml.html.fromstring(PAGES.bytes("act_example.html")))
    assert content is not None
    region = content.text_content()
    assert "This Act is the Foreign Limitation Periods Act 2012." in region
    assert "Singapore Statutes Online" not in region  # print header
    assert "Table of Contents" not in region
    assert "LEGISLATIVE HISTORY" not in region and "COMPARATIVE TABLE" not in region


def test_parts_and_schedules_of_a_long_act_stay_in_its_text() -> None:
    content = act_main_content(lxml.html.fromstring(PAGES.bytes("act_example_4.html")))
    assert content is not None
    text = content.text_content()
    assert "PART 6" in text and "THE SCHEDULE" in text and "Personal Identifiers" in text
    assert "LEGISLATIVE HISTORY" not in text


def test_day_first_dates() -> None:
    assert parse_day_first_date("[1 January 1959]") == "1959-01-01"
    assert parse_day_first_date("Decision Date: 31 Dec 2024") == "2024-12-31"
    assert parse_day_first_date("12 Januari 2023") == "2023-01-12"
    assert parse_day_first_date("no date") is None
