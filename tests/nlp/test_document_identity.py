"""What an ingested file is, read from its text: its language, its country, judgment or law.

Files given to `tiplex ingest` come without metadata; these guesses decide the per-country and
per-language counts researchers see, the analyzers and whether a law's provisions are compared.
Every snippet here was written for these tests."""

from __future__ import annotations

import pytest

from nlp import detect_doc_type, detect_language
from nlp.classify import infer_country

_INDONESIAN_BANNER = "Mahkamah Agung Republik Indonesia\n" * 30
_INDONESIAN_BODY = (
    "PUTUSAN\nNomor 12/Pid.Sus/2030/PN Contoh\nPengadilan Negeri Contoh yang mengadili perkara "
    "pidana menjatuhkan putusan sebagai berikut dalam perkara Terdakwa. Menimbang, bahwa "
    "Terdakwa telah didakwa oleh Penuntut Umum dengan dakwaan tersebut dan bahwa korban "
    "dikirim ke Malaysia untuk bekerja di ladang tanpa upah yang dijanjikan kepada mereka.\n"
)


def test_a_repeated_court_banner_does_not_make_indonesian_malay() -> None:
    # "Mahkamah" is Malay for court, and Indonesian for the Supreme Court's name.
    assert detect_language(_INDONESIAN_BANNER + _INDONESIAN_BODY) == "id"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (_INDONESIAN_BANNER + _INDONESIAN_BODY, "ID"),
        (
            "Lim Ah Kow v Public Prosecutor\n\nCase Number : Magistrate's Appeal No 9 of 2030\n"
            "Tribunal/Court : High Court\n\nThe appellant brought two women from Malaysia into "
            "Singapore. Counsel cited a decision of the High Court of Malaysia reported in the "
            "MLJ, and the Malaysia authorities were informed. The women worked in Singapore.",
            "SG",
        ),
        (
            "[ G.R. No. 270001, May 5, 2030 ]\nPEOPLE OF THE PHILIPPINES, PLAINTIFF-APPELLEE, VS. "
            "JUAN DELA CRUZ. The victims were recruited for work in Singapore and Malaysia, "
            "Singapore being the first destination.",
            "PH",
        ),
        (
            "A BILL intituled An Act to amend the Anti-Trafficking Act. ENACTED by the "
            "Parliament of Malaysia as follows, after passing the Dewan Rakyat.",
            "MY",
        ),
    ],
)
def test_the_country_is_the_one_whose_courts_and_formulas_dominate(text: str, country: str) -> None:
    assert infer_country(text, detect_language(text)) == country


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        (
            "A BILL\n\nintituled\n\nAn Act to amend the Employment Act.\n\nENACTED by the "
            "Parliament of Malaysia as follows:",
            "legislation",
        ),
        (
            "FAMILY PROTECTION BILL 2030\n\nARRANGEMENT OF CLAUSES\n\nPART I\n\nPRELIMINARY",
            "legislation",
        ),
        ("RANG UNDANG-UNDANG\n\nbernama\n\nSuatu Akta untuk meminda Akta Kerja.", "legislation"),
        (
            "UNDANG-UNDANG REPUBLIK INDONESIA\nNOMOR 99 TAHUN 2030\nTENTANG PERLINDUNGAN KORBAN",
            "legislation",
        ),
        (
            "REPUBLIC ACT NO. 99999\n\nAN ACT PROVIDING FOR THE PROTECTION OF VICTIMS\n\nBe it "
            "enacted by the Senate and House of Representatives of the Philippines",
            "legislation",
        ),
        (_INDONESIAN_BODY, "judgment"),
        # A judgment that quotes a law's enacting words is still a judgment.
        (
            "[ G.R. No. 270001, May 5, 2030 ]\nD E C I S I O N\nThe law under which the accused "
            "was charged begins: Be it enacted by the Senate and House of Representatives.",
            "judgment",
        ),
        ("Notes of a meeting on victim support held in 2030.", "judgment"),
    ],
)
def test_laws_and_bills_are_told_from_judgments_by_their_opening(text: str, doc_type: str) -> None:
    assert detect_doc_type(text) == doc_type
