"""The non-punishment principle read in Thai, Vietnamese and Malay wording (team-written
sentences, not from real judgments). Thai writes no spaces between words, and its vowel and
tone marks are not word characters to `re`: a pattern with word boundaries splits Thai words."""

from __future__ import annotations

import re

import pytest

from nlp.extractors.nonpunishment import non_punishment


def test_word_boundaries_fall_inside_thai_words() -> None:
    # Why the Thai patterns carry no `\b`: it matches between a consonant and its vowel mark.
    assert re.search(r"\bรับโทษ\b", "ไม่ต้องรับโทษ") is None


@pytest.mark.parametrize(
    ("country", "text", "provision", "applied"),
    [
        # The Act's section cited after the Act, and the charge dismissed.
        (
            "TH",
            "จำเลยอ้างว่าเป็นผู้เสียหายจากการค้ามนุษย์ ตามพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ "
            "พ.ศ. ๒๕๕๑ มาตรา ๔๑ ศาลจึงพิพากษายกฟ้อง",
            "มาตรา 41 ATIPA 2008",
            True,
        ),
        # The principle in words only, and the plea rejected.
        (
            "TH",
            "จำเลยอ้างว่าถูกบังคับให้ทำงาน ผู้เสียหายจากการค้ามนุษย์ไม่ต้องรับโทษ ข้อต่อสู้ของจำเลยฟังไม่ขึ้น พิพากษายืน",
            None,
            False,
        ),
        (
            "VN",
            "Bị cáo là nạn nhân của tội mua bán người, các hành vi do bị cưỡng ép nên không bị "
            "truy cứu trách nhiệm hình sự. Đình chỉ vụ án đối với bị cáo.",
            None,
            True,
        ),
        (
            "MY",
            "Orang yang diperdagangkan tidak boleh didakwa atas kesalahan yang menjadi akibat "
            "langsung daripada pemerdagangan itu. Rayuan dibenarkan.",
            None,
            True,
        ),
    ],
)
def test_the_principle_is_read_in_each_language(
    country: str, text: str, provision: str | None, applied: bool
) -> None:
    found = non_punishment(text, country)
    assert found is not None
    raised, ruling, cited, start, end = found
    assert raised is True and ruling is applied and cited == provision
    assert 0 <= start < end <= len(text)


def test_a_thai_section_41_of_another_act_is_not_the_principle() -> None:
    # Section 41 of the Immigration Act, or section 410 of the anti-trafficking Act, is not it.
    assert non_punishment("พระราชบัญญัติคนเข้าเมือง พ.ศ. ๒๕๒๒ มาตรา ๔๑", "TH") is None
    assert non_punishment("พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ มาตรา ๔๑๐", "TH") is None
