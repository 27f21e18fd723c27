"""JDIH BPK search and detail pages (team-written in the site's structure)."""

from __future__ import annotations

from parsel import Selector

from crawlers.sources.id_bpk_legislation import (
    read_regulation_page,
    read_search_page,
    resolve,
    search_path,
)

from .saved import SavedPages

PAGES = SavedPages("id_bpk_legislation")


read = PAGES.text


def test_search_page_gives_bpk_ids_and_detail_links() -> None:
    page = read_search_page(read("search_example.html"))
    assert [hit.own_id for hit in page.hits] == ["39999", "40001", "40002"]
    assert page.hits[0].detail_url == "/Details/39999/uu-no-21-tahun-2007"
    assert page.hits[0].year == 2007
    assert page.hits[1].title.startswith("Peraturan Daerah (Perda) Provinsi Jawa Barat")
    assert page.next_url is None  # "next" is disabled on the last page


def test_detail_page_fields_dates_and_one_pdf_per_file() -> None:
    page = read_regulation_page(read("details_example.html"))
    assert page.title.endswith("tentang Pemberantasan Tindak Pidana Perdagangan Orang")
    assert page.fields["Nomor"] == "21" and page.fields["Bentuk"] == "Undang-undang"
    assert page.fields["T.E.U. Badan / Pengarang"] == "Indonesia, Pemerintah Pusat"
    assert page.date("Tanggal Penetapan") == "2007-04-19"
    assert page.pdf_urls == ("/Download/39999/UU%20Nomor%2021%20Tahun%202007.pdf",)


def test_relative_links_resolve_under_the_base_href_as_in_a_browser() -> None:
    page = Selector(text='<html><head><base href="/30/"></head><body></body></html>')
    assert resolve(page, "assets/x.css") == "/30/assets/x.css"
    assert resolve(page, "/Details/1/a") == "/Details/1/a"
    assert resolve(Selector(text="<p></p>"), "Details/1/a") == "Details/1/a"


def test_search_uses_p_for_the_page_number() -> None:
    assert search_path("perdagangan orang", 3) == (
        "/Search?keywords=perdagangan+orang&tentang=&nomor=&p=3"
    )
