"""Spider arguments: backfill windows, limits and full walks, checked on the saved pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.sources.id_mahkamahagung_judgments import IdMahkamahagungJudgments
from crawlers.sources.ph_lawphil_judgments import PhLawphilJudgments
from crawlers.sources.ph_lawphil_statutes import PhLawphilStatutes
from crawlers.testing import run_example

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
ID_LISTING = EXAMPLES / "id_mahkamahagung_judgments_example.html"


def _requested(outputs: list[dict[str, object]]) -> list[str]:
    return [str(o["callback"]) for o in outputs if "request" in o]


def test_putusan3_window_keeps_only_decisions_pronounced_inside_it() -> None:
    spider = IdMahkamahagungJudgments(since="2024-06-15", until="2024-06-30")
    outputs = run_example(spider, ID_LISTING)
    decisions = [o for o in outputs if o.get("callback") == "parse_decision"]
    assert [o["doc_id"] for o in decisions] == [
        "id_mahkamahagung_judgments:3f9c2a7b1e4d4c0a9b8e7d6c5a4b3f21"
    ]
    assert _requested(outputs).count("parse_listing") == 1  # later pages may hold older ones


def test_putusan3_stops_paging_once_a_page_is_older_than_the_window() -> None:
    outputs = run_example(IdMahkamahagungJudgments(since="2024-07-01"), ID_LISTING)
    assert outputs == []


def test_limit_caps_document_requests() -> None:
    outputs = run_example(
        PhLawphilJudgments(limit="1"), EXAMPLES / "ph_lawphil_judgments_month_example.html"
    )
    assert _requested(outputs) == ["parse_decision"]


def test_default_windows_are_recent_months_and_years() -> None:
    months = PhLawphilJudgments().window.months()
    assert len(months) == 3 and months == sorted(months)
    assert not PhLawphilJudgments().window.given
    assert PhLawphilJudgments(since="2023-11", until="2024-02").window.months() == [
        (2023, 11), (2023, 12), (2024, 1), (2024, 2),
    ]  # fmt: skip
    assert PhLawphilStatutes(since="2020", until="2022").window.years() == [2020, 2021, 2022]
    assert len(PhLawphilStatutes().window.years()) == 2
    # A day-unit source reads a month bound as its first or last day.
    window = IdMahkamahagungJudgments(since="2024-02", until="2024-02").window
    assert (window.first.isoformat(), window.last.isoformat()) == ("2024-02-01", "2024-02-29")
    assert window.given and window.contains("2024-02-10") and not window.contains("2024-03-01")


def test_a_bad_or_reversed_window_is_refused_before_any_request() -> None:
    with pytest.raises(ValueError, match="after until"):
        PhLawphilJudgments(since="2024-05", until="2024-01")
    with pytest.raises(ValueError, match="takes YYYY"):
        PhLawphilStatutes(since="yesterday")


def test_a_window_handed_over_is_taken_as_it_is_not_read_from_the_clock_again() -> None:
    # What `crawl()` hands the crawler process: the window it records for `tiplex reprocess`.
    handed = PhLawphilStatutes().window
    assert handed.as_argument() == f"{handed.first.isoformat()}..{handed.last.isoformat()}"
    spider = PhLawphilStatutes(window="2019-03-01..2019-04-30")
    assert (spider.window.first.isoformat(), spider.window.last.isoformat()) == (
        "2019-03-01",
        "2019-04-30",
    )
    # Whether it was asked for still comes from since/until: undated documents stay in a
    # rolling window and out of a backfill.
    assert not spider.window.given and spider.window.contains(None)
    assert PhLawphilStatutes(since="2019", window="2019-01-01..2019-12-31").window.given
    with pytest.raises(ValueError, match="starts after it ends"):
        PhLawphilStatutes(window="2019-05-01..2019-04-30")
    with pytest.raises(ValueError, match="is not FIRST..LAST"):
        PhLawphilStatutes(window="2019")


def test_window_bounds_take_the_first_or_last_day_and_say_what_they_accept() -> None:
    from datetime import date

    from crawlers.dates import parse_bound

    assert parse_bound("2024", end=False) == date(2024, 1, 1)
    assert parse_bound("2024-02", end=True) == date(2024, 2, 29)
    assert parse_bound("2023-12", end=True) == date(2023, 12, 31)
    assert parse_bound("2024-05-06", end=True) == date(2024, 5, 6)
    with pytest.raises(ValueError, match="is not a date"):
        parse_bound("2024-02-30", end=True)
    with pytest.raises(ValueError, match="takes YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_bound("last week", end=False)


def test_putusan3_year_list_leads_to_each_courts_list_of_the_category_for_that_year() -> None:
    from scrapy.http import HtmlResponse

    host = "https://putusan3.mahkamahagung.go.id"
    entry = (
        '<div class="spost"><div class="small"><a href="{h}/pengadilan.html">Pengadilan</a> '
        '<a href="{h}/pengadilan/profil/pengadilan/{c}.html">{c}</a> '
        '<a href="{h}/direktori/index/pengadilan/{c}/kategori/{k}-1.html">{k}</a></div></div>'
    )
    body = "".join(
        entry.format(h=host, c=court, k=category)
        for court, category in (
            ("pn-batam", "perdagangan-orang"),
            ("pn-batam", "perdagangan-orang"),
            ("pn-medan", "narkotika-dan-psikotropika"),
        )
    )
    response = HtmlResponse(url=f"{host}/direktori.html", body=body.encode(), encoding="utf-8")
    weekly = list(IdMahkamahagungJudgments().parse_listing(response))
    assert weekly == []  # a weekly run reads only the newest uploads
    swept = list(IdMahkamahagungJudgments(full="1").parse_listing(response, year=2024))
    assert {request.url for request in swept} == {
        f"{host}/direktori/index/pengadilan/pn-batam/kategori/perdagangan-orang-1"
        "/tahunjenis/putus/tahun/2024.html"
    }
    # (Twice for the court listed twice: Scrapy's scheduler drops the repeat.)
    assert all(request.cb_kwargs == {"year": 2024} for request in swept)


def test_crawl_windows_are_checked_per_source_before_anything_runs() -> None:
    from crawlers import check_window

    assert check_window("ph_lawphil_statutes", "2020", "2022") is PhLawphilStatutes
    with pytest.raises(ValueError, match="ph_lawphil_judgments: --since/--until: since"):
        check_window("ph_lawphil_judgments", "2024-05", "2024-01")
    with pytest.raises(ValueError, match="use ingest"):
        check_window("local", None, None)


def test_lawphil_full_sweep_reads_every_published_month_of_the_year() -> None:
    year_page = EXAMPLES / "ph_lawphil_judgments_year_example_2.html"
    weekly = run_example(PhLawphilJudgments(since="2023-03", until="2023-03"), year_page)
    swept = run_example(PhLawphilJudgments(since="2023-03", until="2023-03", full="1"), year_page)
    assert [o["request"] for o in weekly] == [
        "https://lawphil.net/judjuris/juri2023/mar2023/mar2023.html"
    ]
    months = {str(o["request"]).rsplit("/", 1)[-1] for o in swept}
    # Every linked month; May and September 2023 are unpublished (no href) and stay unasked.
    assert "mar2023.html" in months and len(months) == 10
    assert not {"may2023.html", "sep2023.html"} & months
