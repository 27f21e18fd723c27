from __future__ import annotations

import pytest

from nlp import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The accused was charged with the offence and the court found that the evidence was"
            " clear.",
            "en",
        ),
        (
            "Menimbang, bahwa Terdakwa telah didakwa oleh Penuntut Umum dengan dakwaan yang tidak"
            " dapat dibuktikan karena saksi tersebut tidak hadir dalam persidangan.",
            "id",
        ),
        (
            "Mahkamah berpendapat bahawa tertuduh hendaklah dihukum kerana kesalahan di bawah"
            " seksyen"
            " tersebut dan wang itu tidak dikembalikan.",
            "ms",
        ),
        (
            "Ayon sa mga saksi, ang akusado ay hindi nagbayad ng mga manggagawa sa barko at ito ay"
            " tinanggihan ng korte.",
            "tl",
        ),
        ("ศาลพิพากษาว่าจำเลยมีความผิดฐานค้ามนุษย์ตามพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์", "th"),
        (
            "Tòa án nhân dân tuyên bố bị cáo phạm tội mua bán người theo quy định của Bộ luật"
            " Hình sự"
            " và xử phạt bị cáo mười năm tù.",
            "vi",
        ),
        ("តុលាការបានសម្រេចថាជនជាប់ចោទមានទោសពីបទជួញដូរមនុស្ស", "km"),
        ("", "und"),
        ("\x00\x01\x02 ��� 1234", "und"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
