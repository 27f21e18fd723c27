"""Outcome, sentences, compensation and the header fixes behind them, on invented snippets."""

from __future__ import annotations

from typing import Any

import pytest

from nlp.extractors import header, verdict
from nlp.quantities import find_amounts

# ------------------------------------------------------------------------------ outcome


@pytest.mark.parametrize(
    ("text", "country", "stage", "expected"),
    [
        (
            "MENGADILI: 1. Menyatakan Terdakwa BUDI terbukti  secara  sah  dan  menyakinkan "
            "bersalah melakukan tindak pidana perdagangan orang; 2. Menjatuhkan pidana ...",
            "ID",
            "first_instance",
            "convicted",
        ),
        (
            "MENGADILI: 1. Menyatakan Terdakwa tidak terbukti secara sah dan meyakinkan bersalah "
            "sebagaimana dakwaan tunggal; 2. Membebaskan Terdakwa dari dakwaan tersebut;",
            "ID",
            "first_instance",
            "acquitted",
        ),
        (
            "1. Menyatakan Terdakwa tidak terbukti bersalah dalam dakwaan primair; 2. Membebaskan "
            "Terdakwa dari dakwaan primair; 3. Menyatakan Terdakwa terbukti secara sah dan "
            "meyakinkan bersalah sebagaimana dakwaan subsidair;",
            "ID",
            "first_instance",
            "convicted",
        ),
        (
            "1. Menyatakan Terdakwa I ANI terbukti secara sah dan meyakinkan bersalah; "
            "2. Menyatakan Terdakwa II EKO tidak terbukti bersalah; 3. Membebaskan Terdakwa II "
            "dari semua dakwaan;",
            "ID",
            "first_instance",
            "mixed",
        ),
        (
            "MENETAPKAN\n1. Menghentikan proses pemeriksaan perkara Anak;",
            "ID",
            "first_instance",
            "other",
        ),
        (
            "WHEREFORE, the appeal is DISMISSED. The Decision of the Court of Appeals is AFFIRMED.",
            "PH",
            "appeal",
            "convicted",
        ),
        (
            "WHEREFORE, accused-appellant is found GUILTY of estafa. In Criminal Case No. 2, "
            "accused-appellant is ACQUITTED of illegal recruitment.",
            "PH",
            "appeal",
            "mixed",
        ),
        (
            "WHEREFORE, the assailed Decision is REVERSED. Accused-appellant is ACQUITTED.",
            "PH",
            "appeal",
            "acquitted",
        ),
        (
            "For these reasons, I dismissed the appeal against sentence.",
            "SG",
            "appeal",
            "convicted",
        ),
        (
            "I am of the view that the fine of $5,000 should be set aside and a term of "
            "imprisonment of ten months imposed.",
            "SG",
            "appeal",
            "convicted",
        ),
        (
            "For all these reasons I find both accused persons guilty as charged and convict "
            "them accordingly.",
            "SG",
            "first_instance",
            "convicted",
        ),
        ("For these reasons the petition for revision is dismissed.", "SG", "review", "dismissed"),
        (
            "1. Menyatakan Terdakwa terbukti melakukan perbuatan yang didakwakan, tetapi tidak "
            "dapat dipidana; 2. Melepaskan Terdakwa dari segala tuntutan hukum;",
            "ID",
            "first_instance",
            "acquitted",
        ),
    ],
)
def test_outcome(text: str, country: str, stage: str, expected: str) -> None:
    found = verdict.outcome(text, 100, criminal=True, country=country, full_text=text, stage=stage)
    assert found is not None
    assert found.value == expected
    assert 100 <= found.start < found.end <= 100 + len(text)


def test_outcome_of_a_non_criminal_matter_is_other() -> None:
    text = "WHEREFORE, respondent is SUSPENDED from the practice of law. SO ORDERED."
    found = verdict.outcome(text, 0, criminal=False, country="PH")
    assert found is not None and found.value == "other"


def test_no_outcome_without_a_decision() -> None:
    assert verdict.outcome("   ", 0, criminal=True, country="ID") is None


# ------------------------------------------------------------------------------ sentences


def _sentences(text: str, country: str, lang: str, full_text: str = "") -> list[dict[str, Any]]:
    found = verdict.sentences(text, 0, lang, country, full_text=full_text or text)
    for finding in found:
        assert 0 <= finding.start < finding.end
    return [f.value for f in found]


def _summary(values: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            "life" if v["life"] else v["imprisonment_months"],
            v["fine"]["amount"] if v["fine"] else None,
            v["subsidiary_detention_months"],
        )
        for v in values
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2. Menjatuhkan pidana kepada Terdakwa oleh karena itu dengan pidana penjara selama "
            "4 (empat) tahun dan 6 (enam) bulan dan denda sebesar Rp150.000.000,00 (seratus lima "
            "puluh juta rupiah) dengan ketentuan apabila denda tidak dibayar diganti dengan pidana "
            "kurungan selama 2 (dua) bulan; 3. Menetapkan masa penahanan ...",
            [(54, 150_000_000, 2)],
        ),
        (
            "2. Menjatuhkan pidana kepada Terdakwa I ANI dan Terdakwa II EKO oleh karena itu "
            "dengan pidana penjara masing-masing selama 5 (lima) tahun dan denda masing-masing "
            "sebesar Rp200.000.000,00 subsidair 3 (tiga) bulan kurungan; 3. Menetapkan ...",
            [(60, 200_000_000, 3), (60, 200_000_000, 3)],
        ),
        (
            "2. Menjatuhkan pidana kepada Terdakwa I ANI dengan pidana penjara selama 5 (lima) "
            "tahun, Terdakwa II EKO dengan pidana penjara selama 6 (enam) tahun, dan denda "
            "masing-masing sejumlah Rp100.000.000,00 dengan ketentuan apabila tidak dibayar "
            "diganti dengan pidana kurungan selama 1 (satu) bulan; 3. Menetapkan ...",
            [(60, 100_000_000, 1), (72, 100_000_000, 1)],
        ),
        (
            "2. Menjatuhkan pidana kepada Para Terdakwa dengan pidana penjara masing-masing "
            "selama 3 (tiga) tahun; 3. Menetapkan barang bukti ... Terdakwa III DODI ...",
            [(36, None, None), (36, None, None), (36, None, None)],
        ),
        (
            "2. Menjatuhkan pidana oleh karena itu terhadap Para Terdakwa masing-masing selama "
            "6 (enam) tahun dan pidana denda sebesar Rp. \n90.000.000,- subsidair 2 (dua) bulan "
            "kurungan; 3. Menetapkan ... Terdakwa II ...",
            [(72, 90_000_000, 2), (72, 90_000_000, 2)],
        ),
        (
            "3. Menghukum Terdakwa untuk membayar restitusi kepada Korban sebesar Rp10.000.000,00 "
            "dan apabila tidak dibayar diganti dengan pidana penjara selama 1 (satu) bulan;",
            [],
        ),
    ],
)
def test_indonesian_sentences(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _summary(_sentences(text, "ID", "id")) == expected


@pytest.mark.parametrize(
    ("text", "body", "expected"),
    [
        (
            "WHEREFORE, the appeal is DENIED. (1) In Criminal Case No. 1, accused-appellant is "
            "GUILTY of qualified trafficking. He is sentenced to suffer the penalty of life "
            "imprisonment and to pay a fine of PHP 2,000,000.00.\n(2) In Criminal Case No. 2, he "
            "is GUILTY of simple trafficking. He is sentenced to suffer the penalty of twenty (20) "
            "years of imprisonment and to pay a fine of PHP 1,000,000.00.",
            "",
            [("life", 2_000_000, None)],
        ),
        (
            "WHEREFORE, the petitions are DENIED. Petitioners Ana Cruz and Bea Santos are found "
            "GUILTY of qualified trafficking. They are each sentenced to life imprisonment and "
            "ordered to pay a fine of P2,000,000.00.",
            "",
            [("life", 2_000_000, None), ("life", 2_000_000, None)],
        ),
        (
            "WHEREFORE, the appeal is DISMISSED. The Decision of the Court of Appeals is AFFIRMED.",
            "The trial court ruled: WHEREFORE, accused is found guilty and sentenced to suffer an "
            "indeterminate prison term of twelve (12) years, as minimum, to seventeen (17) years, "
            "as maximum, in Criminal Case No. 1, and a penalty of life imprisonment and a fine of "
            "[P]500,000.00 in Criminal Case No. 2. SO ORDERED. ",
            [("life", 500_000, None)],
        ),
        (
            "WHEREFORE, the appeal is DISMISSED. The accused is GUILTY of rape and is sentenced "
            "to suffer an indeterminate penalty of 10 years of prision mayor, as minimum, to 17 "
            "years and 4 months of reclusion temporal, as maximum.",
            "",
            [(208, None, None)],
        ),
    ],
)
def test_philippine_sentences(text: str, body: str, expected: list[tuple[Any, ...]]) -> None:
    full_text = body + text
    found = verdict.sentences(text, len(body), "en", "PH", full_text=full_text)
    for finding in found:
        assert full_text[finding.start : finding.end].strip()
    assert _summary([f.value for f in found]) == expected


@pytest.mark.parametrize(
    ("text", "body", "stage", "expected"),
    [
        (
            "For these reasons, I allowed the appeal and set aside the sentence of eight months' "
            "imprisonment in favour of a term of imprisonment of five months.",
            "",
            "appeal",
            [(5, None, None)],
        ),
        (
            "For the foregoing reasons, I dismissed the appeal.",
            "The District Judge imposed an aggregate sentence of 10 months' imprisonment and a "
            "total fine of $12,000 (in default 2 months' imprisonment). ",
            "appeal",
            [(10, 12_000, 2)],
        ),
        (
            "The total sentence would therefore be 20 years' imprisonment. For the second "
            "accused, the aggregate term of imprisonment was 25 years.",
            "",
            "first_instance",
            [(240, None, None), (300, None, None)],
        ),
    ],
)
def test_singapore_sentences(
    text: str, body: str, stage: str, expected: list[tuple[Any, ...]]
) -> None:
    full_text = body + text
    found = verdict.sentences(text, len(body), "en", "SG", full_text=full_text, stage=stage)
    assert _summary([f.value for f in found]) == expected


# ------------------------------------------------------------------------------ compensation


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (
            "He is ORDERED to pay AAA P75,000.00 as civil indemnity, P60,000.00 as moral damages, "
            "and P30,000.00 as exemplary damages.",
            "PH",
            [("other", 75_000), ("moral_damages", 60_000), ("exemplary_damages", 30_000)],
        ),
        (
            "The awards of moral damages, civil indemnity, and exemplary damages are increased "
            "to PHP 50,000.00 each.",
            "PH",
            [("moral_damages", 50_000), ("other", 50_000), ("exemplary_damages", 50_000)],
        ),
        (
            "is ORDERED to indemnify Juana Reyes the amount of P80,000.00.",
            "PH",
            [("actual_damages", 80_000)],
        ),
        (
            "sentencing her to life imprisonment and to pay a fine of P500,000.00, and ordering "
            "her to restitute the sums collected from the complainants in the total amount of "
            "P99,500.00, is AFFIRMED.",
            "PH",
            [("restitution", 99_500)],
        ),
        (
            "3. Menghukum Terdakwa untuk membayar Restitusi kepada Anak Korban SARI sebesar "
            "Rp25.000.000,00 (dua puluh lima juta rupiah);",
            "ID",
            [("restitution", 25_000_000)],
        ),
        ("4. Menyatakan Permohonan Restitusi tidak dapat diterima;", "ID", []),
    ],
)
def test_compensation(text: str, country: str, expected: list[tuple[str, float]]) -> None:
    found = verdict.compensation(text, 10, country)
    assert [(f.value["kind"], f.value["amount"]) for f in found] == expected
    for finding in found:
        assert 10 <= finding.start < finding.end <= 10 + len(text)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (
            "He is ordered to pay AAA and BBB each PHP 500,000.00 as moral damages and "
            "PHP 100,000.00 as exemplary damages, with interest at six percent per annum.",
            "PH",
            [
                ("moral_damages", 500_000, "AAA"),
                ("moral_damages", 500_000, "BBB"),
                ("exemplary_damages", 100_000, "AAA"),
                ("exemplary_damages", 100_000, "BBB"),
            ],
        ),
        (
            "3. Menghukum Terdakwa membayar restitusi kepada Anak Korban I, Anak Korban II dan "
            "Anak Korban III masing-masing sebesar Rp25.000.000,00 (dua puluh lima juta rupiah);",
            "ID",
            [
                ("restitution", 25_000_000, "Anak Korban I"),
                ("restitution", 25_000_000, "Anak Korban II"),
                ("restitution", 25_000_000, "Anak Korban III"),
            ],
        ),
        (
            "3. Menghukum Para Terdakwa membayar restitusi kepada Saksi Korban Sari sejumlah "
            "Rp6.000.000,00 (enam juta rupiah); - Saksi Korban Dewi Binti Amir adalah sebesar "
            "Rp5.000.000,00 (lima juta rupiah) Total sejumlah Rp11.000.000,00 secara tanggung "
            "renteng masing-masing sebesar Rp5.500.000,00; 4. Menetapkan barang bukti berupa "
            "uang tunai sejumlah Rp80.000.000;",
            "ID",
            [("restitution", 6_000_000, None), ("restitution", 5_000_000, None)],
        ),
        (
            "5. Menghukum Terdakwa membayar Restitusi terhadap Saksi Adi sebesar Rp.70.000.000, "
            "Saksi Joko sebesar Rp.70.000.000, apabila tidak dibayar diganti kurungan; "
            "6. Menetapkan barang bukti berupa setoran tunai sejumlah Rp.80.000.000;",
            "ID",
            [("restitution", 70_000_000, None), ("restitution", 70_000_000, None)],
        ),
    ],
)
def test_one_award_per_victim(
    text: str, country: str, expected: list[tuple[str, float, str | None]]
) -> None:
    found = [f.value for f in verdict.compensation(text, 0, country)]
    payees = [v["beneficiary"] if v["identity"][0] else None for v in found]
    assert [(v["kind"], v["amount"], p) for v, p in zip(found, payees, strict=True)] == expected
    # each award is told apart from the others (a restated order is not)
    assert len({(v["kind"], v["amount"], v["identity"]) for v in found}) == len(found)


def test_beneficiary_is_not_a_currency_code() -> None:
    found = verdict.compensation("to pay PHP 10,000.00 as moral damages to BBB.", 0, "PH")
    assert found[0].value["beneficiary"] != "PHP"


# ------------------------------------------------------------------------------ money noise


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("denda Rp1000.000.000,00 (satu miliar rupiah)", 1_000_000_000, "IDR"),
        ("denda sebesar Rp50.OOO.OOO,OO (lima puluh juta)", 50_000_000, "IDR"),
        ("a Fine of [P]300,000.00", 300_000, "PHP"),
        ("(a) [PHP] 2,000,000.00 as fine", 2_000_000, "PHP"),
        ("denda Rp 2 milyar", 2_000_000_000, "IDR"),
        # Cents after a full stop, as after a comma.
        ("denda sejumlah Rp120.000.000.00 (seratus dua puluh juta rupiah)", 120_000_000, "IDR"),
        ("(b) PHP 2,000,000,00 as fine", 2_000_000, "PHP"),
        # A comma before three digits is a thousands mark typed wrong, not cents.
        ("denda sebesar Rp150.000,000 (seratus lima puluh juta rupiah)", 150_000_000, "IDR"),
    ],
)
def test_noisy_money(text: str, amount: float, currency: str) -> None:
    found = list(find_amounts(text))
    assert (found[0].amount, found[0].currency) == (amount, currency)


# ------------------------------------------------------------------------------ header


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Demikianlah diputuskan dalam sidang permusyawaratan pada hari Jumat, tanggal 22 Mei "
            "2026, yang diucapkan dalam sidang terbuka untuk umum pada hari Selasa tanggal 26 Mei "
            "oleh Hakim Ketua",
            "id",
            "2026-05-26",
        ),
        (
            "Demikian diputuskan pada hari Senin, tanggal 1 Juli 2024, yang diucapkan pada hari "
            "Senin, tanggal 8 Juli 2024, oleh Hakim Ketua",
            "ms",
            "2024-07-08",
        ),
        (
            "1. Menghentikan proses pemeriksaan perkara Anak; Ditetapkan di Kota Baru; Pada "
            "tanggal 4 Juni 2026",
            "id",
            "2026-06-04",
        ),
        (
            "Demikian diputuskan pada hari Rabu tanggal 3 Januari 2024 dan diucapkan pada hari "
            "itu juga oleh Hakim Ketua",
            "id",
            "2024-01-03",
        ),
    ],
)
def test_closing_date(text: str, lang: str, expected: str) -> None:
    found = header.closing_date(text, 0, lang)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (
            "P U T U S A N\nNomor 12/Pid.Sus/2024/PN KotX\nDEMI KEADILAN",
            "ID",
            "12/Pid.Sus/2024/PN Kot",
        ),
        (
            "[ A.C. No. 1234 (Formerly CBD Case No. 19-1), November 29, 2023 ]",
            "PH",
            "A.C. No. 1234",
        ),
    ],
)
def test_case_number(text: str, country: str, expected: str) -> None:
    found = header.case_number(text, 0, country)
    assert found is not None and found.value == expected
    assert text[found.start : found.end].startswith(expected.split("/")[0].split(" ")[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pengadilan Negeri T anjung Raya yang mengadili perkara",
            "Pengadilan Negeri Tanjung Raya",
        ),
        (
            "Pengadilan  Negeri  Pengadilan  Negeri  Kepulauan yang mengadili",
            "Pengadilan Negeri Kepulauan",
        ),
    ],
)
def test_court_repairs(text: str, expected: str) -> None:
    found = header.court(text, 0, "ID")
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Case Number** :Cr Rev 15/2000 \n**Tribunal/Court** :High Court", "review"),
        (
            "**Case Number** :Criminal Case No 3 of 2017 \n[Editorial Note: the Court of Appeal "
            "dismissed the appeals.]",
            "first_instance",
        ),
        ("**Case Number** :Magistrate's Appeal No 9 of 2014", "appeal"),
        ("[ A.M. No. P-17-1, July 4, 2017 ]\nTHIRD DIVISION", "other"),
    ],
)
def test_proceeding_stage_from_the_docket(text: str, expected: str) -> None:
    found = header.proceeding_stage(text, 0)
    assert found is not None and found.value == expected
