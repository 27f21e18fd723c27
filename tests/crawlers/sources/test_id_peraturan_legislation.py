"""peraturan.go.id lists: the real saved first page of `/uu` and a team-written last page."""

from __future__ import annotations

from crawlers.sources.id_peraturan_legislation import read_list_page

from .saved import SavedPages

PAGES = SavedPages("id_peraturan_legislation")


read = PAGES.text


def test_real_first_page_gives_twenty_statutes_with_the_site_slug_as_id() -> None:
    page = read_list_page(read("list_example.html"))
    assert len(page.entries) == 20
    assert len({entry.own_id for entry in page.entries}) == 20
    first = page.entries[0]
    assert first.own_id == "uu-no-1-tahun-2024"
    assert (first.kind, first.number, first.year) == ("UU", "1", 2024)
    assert first.designation == "Undang-Undang Nomor 1 Tahun 2024"
    assert first.title.startswith("Perubahan Kedua Atas Undang-undang Nomor 11 Tahun 2008")
    assert first.subjects == ("Pelayanan Publik", "Pers", "Telekomunikasi & Informatika")
    assert first.pdf_url == "/files/uu-no-1-tahun-2024.pdf"
    assert page.next_url == "/uu?page=2"


def test_irregular_pdf_names_are_taken_from_the_list() -> None:
    page = read_list_page(read("list_example.html"))
    irregular = [entry for entry in page.entries if entry.pdf_url == "/files/uu1-2023.pdf"]
    assert [entry.own_id for entry in irregular] == ["uu-no-1-tahun-2023"]


def test_last_page_has_no_next_link() -> None:
    page = read_list_page(read("list_example_2.html"))
    assert page.next_url is None
    assert [entry.own_id for entry in page.entries][0] == "uu-no-21-tahun-2007"
