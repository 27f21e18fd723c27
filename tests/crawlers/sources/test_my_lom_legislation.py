"""Laws of Malaysia reprints: metadata from the PDF Info dictionary, per language."""

from __future__ import annotations

import pytest

from crawlers.sources.my_lom_legislation import (
    UnreadableReprint,
    own_id,
    pdf_path,
    read_reprint_info,
)

from .saved import SavedPages

FILES = SavedPages("my_lom_legislation")


def test_real_english_reprint_names_itself_in_its_info_dictionary() -> None:
    info = read_reprint_info(FILES.bytes("reprint_example.pdf"))
    assert info.title == "Public Authorities (Control Of Borrowing Powers) Act 1961"
    assert (info.act_number, info.language, info.status) == ("383", "en", "principal")
    assert (info.publication_date, info.pages) == ("2006-01-01", 8)


def test_malay_reprint_is_its_own_language() -> None:
    info = read_reprint_info(FILES.bytes("reprint_example_2.pdf"))
    assert (info.act_number, info.language) == ("670", "ms")
    assert info.title == "Akta Antipemerdagangan Orang dan Antipenyeludupan Migran 2007"


def test_unreadable_bytes_are_a_clear_error() -> None:
    with pytest.raises(UnreadableReprint, match="not a readable PDF"):
        read_reprint_info(b"%PDF-1.4\nthis is not really a PDF\n")


def test_addresses_and_ids_per_language() -> None:
    assert pdf_path("670", "en") == "/ilims/upload/portal/akta/LOM/EN/Act%20670.pdf"
    assert pdf_path("670", "ms") == "/ilims/upload/portal/akta/LOM/BM/Akta%20670.pdf"
    assert own_id("670", "ms") == "670-ms"
