"""The one rule for where a numbered item of a court's order ends, shared by the extractors
that read an order's items (the offence convicted of, an award and its default term, an
acquittal's clause)."""

from __future__ import annotations

import re

import pytest

from nlp.extractors.order_items import NEXT_ITEM

_NEXT = re.compile(NEXT_ITEM)


@pytest.mark.parametrize(
    "order",
    [
        "tindak pidana Perdagangan Orang; 2. Menjatuhkan pidana",
        "tindak pidana Perdagangan Orang\n2. Menjatuhkan pidana",
        "tindak pidana Perdagangan Orang. 3. Menetapkan masa penangkapan",
        "membayar restitusi Rp10.000.000,00 ;\n 4 . Membebankan biaya perkara",
    ],
)
def test_the_next_numbered_item_ends_the_one_before(order: str) -> None:
    found = _NEXT.search(order)
    assert found is not None
    assert order[: found.start()].rstrip().endswith(("Orang", "Rp10.000.000,00"))


@pytest.mark.parametrize(
    "sentence",
    [
        "sebagaimana diatur dalam Pasal 2 ayat (1) Undang-Undang",
        "Undang-Undang Nomor 21 Tahun 2007. Menimbang, bahwa",
        "biaya perkara sebesar Rp2.500,00 (dua ribu lima ratus rupiah)",
        "pidana penjara selama 3 (tiga) tahun dan denda",
        "dalam dakwaan kesatu 2. menjatuhkan",  # an item starts with a capital
    ],
)
def test_a_number_inside_a_sentence_does_not_end_the_item(sentence: str) -> None:
    assert _NEXT.search(sentence) is None
