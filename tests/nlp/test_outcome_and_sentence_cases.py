"""Outcome wordings of Singapore judgments and Indonesian sentences with several defendants or a
prison term written without its unit, on invented snippets."""

from __future__ import annotations

from typing import Any

import pytest

from nlp.extractors import verdict
from nlp.quantities import find_durations

_ACCUSED_APPEALS = "**Parties** :Tan Ah Kow — Public Prosecutor\n"
_PROSECUTION_APPEALS = "**Parties** :Public Prosecutor — Tan Ah Kow\n"
_COMPANY_APPEALS = "**Parties** :Lim Motor Credit Pte Ltd — Public Prosecutor\n"


def _outcome(text: str, stage: str, header: str = "") -> str | None:
    full_text = header + "\n" + text
    base = len(header) + 1
    found = verdict.outcome(
        text, base, criminal=True, country="SG", full_text=full_text, stage=stage
    )
    if found is None:
        return None
    # The evidence lies in the judgment, on the words that decide.
    assert 0 <= found.start < found.end <= len(full_text)
    return str(found.value)


@pytest.mark.parametrize(
    ("text", "stage", "header", "expected"),
    [
        # A trial judge pronouncing sentence convicts, whatever the tense or the person.
        (
            "For the offences under the Act, I sentence the accused to 5 months' imprisonment "
            "for each charge, making a total of 2 years.",
            "first_instance",
            "",
            "convicted",
        ),
        (
            "For the reasons above, I am sentencing you to a term of 6 years imprisonment.",
            "first_instance",
            "",
            "convicted",
        ),
        (
            "I accordingly sentenced the Accused to an imprisonment term of three years.",
            "first_instance",
            "",
            "convicted",
        ),
        (
            "The first accused pleaded guilty. A term of imprisonment of one year and a fine "
            "of $3,000 is sufficient for each of them.",
            "first_instance",
            "",
            "convicted",
        ),
        (
            "Accordingly, I imposed the mandatory sentence of death on him.",
            "first_instance",
            "",
            "convicted",
        ),
        # Conviction set aside and a new trial ordered: no verdict, the case goes back.
        (
            "For the reasons above, I set aside the Appellant's conviction on the charge and "
            "remit the case to the District Court for a new trial.",
            "appeal",
            _ACCUSED_APPEALS,
            "other",
        ),
        (
            "I therefore set aside the conviction. I directed that the case be remitted to the "
            "District Court for the plea to be taken again.",
            "appeal",
            _ACCUSED_APPEALS,
            "other",
        ),
        # ... and without a new trial it is an acquittal, even after a recital of the trial.
        (
            "The trial judge erred in convicting the appellants on that evidence. I allow the "
            "appeal and set aside the convictions and sentences.",
            "appeal",
            _ACCUSED_APPEALS,
            "acquitted",
        ),
        (
            "In the event, I allowed both appeals, and ordered the convictions and sentences to "
            "be set aside.",
            "appeal",
            _ACCUSED_APPEALS,
            "acquitted",
        ),
        # Custody on remand is no new trial.
        (
            "I allow the appeal and set aside the conviction. The appellant has been remanded "
            "in custody since his arrest and is to be released.",
            "appeal",
            _ACCUSED_APPEALS,
            "acquitted",
        ),
        # A party's prayer to set the conviction aside is not the court's order.
        (
            "In their petition they sought that the convictions be set aside. The appeal is "
            "dismissed and the sentence of four weeks stands.",
            "appeal",
            _ACCUSED_APPEALS,
            "convicted",
        ),
        # One conviction replaced by another: still convicted.
        (
            "I set aside the convictions on the conspiracy charges and convict Tan on the "
            "reduced charges.",
            "appeal",
            _ACCUSED_APPEALS,
            "convicted",
        ),
        # An acquittal in a cited precedent does not decide this appeal.
        (
            "This case differs from Lee v Public Prosecutor [2016] 2 SLR 100, where the court "
            "acquitted an appellant. We affirm the Appellant's conviction.",
            "appeal",
            _ACCUSED_APPEALS,
            "convicted",
        ),
        (
            "In light of the foregoing, I uphold the decision of the trial judge on both the "
            "appellant's conviction and his sentence.",
            "appeal",
            _ACCUSED_APPEALS,
            "convicted",
        ),
        # The accused's own appeal dismissed: the conviction stands.
        (
            "We dismissed the appellant's appeal as we were satisfied with the finding of "
            "knowledge.",
            "appeal",
            _ACCUSED_APPEALS,
            "convicted",
        ),
        ("For these reasons the appeals are dismissed.", "appeal", _ACCUSED_APPEALS, "convicted"),
        ("_Appeal dismissed._", "appeal", _ACCUSED_APPEALS, "convicted"),
        # Someone else's appeal dismissed (no sentence in issue) stays "dismissed".
        ("_Appeal dismissed._", "appeal", _PROSECUTION_APPEALS, "dismissed"),
        ("_Appeal dismissed._", "appeal", _COMPANY_APPEALS, "dismissed"),
        (
            "For the reasons given above, I dismissed both the petition and the motion.",
            "review",
            _COMPANY_APPEALS,
            "dismissed",
        ),
        # A sentence raised on the prosecution's appeal leaves the accused convicted.
        (
            "All things considered, we enhanced the respondent's sentence to a term of 20 years.",
            "appeal",
            _PROSECUTION_APPEALS,
            "convicted",
        ),
        (
            "I allowed the Prosecution's appeal and sentenced the respondent to reformative "
            "training.",
            "appeal",
            _PROSECUTION_APPEALS,
            "convicted",
        ),
        # Nothing decided in the words read: no outcome rather than a guess.
        (
            "It remains for me to thank counsel for their careful submissions.",
            "appeal",
            _ACCUSED_APPEALS,
            None,
        ),
    ],
)
def test_singapore_outcome(text: str, stage: str, header: str, expected: str | None) -> None:
    assert _outcome(text, stage, header) == expected


def test_trial_judge_convicting_on_all_charges_but_one_is_mixed() -> None:
    body = (
        "11. At the end of the trial I convicted the two of them on all the charges they faced "
        "except the charge against the second accused for bringing the girl into Singapore.\n"
    )
    operative = "**Sentences**\n\n40. I sentenced the first accused to 10 years imprisonment."
    full_text = body + operative
    found = verdict.outcome(
        operative,
        len(body),
        criminal=True,
        country="SG",
        full_text=full_text,
        stage="first_instance",
    )
    assert found is not None and found.value == "mixed"
    assert full_text[found.start : found.end].startswith("I convicted")


def test_philippine_petition_dismissed_in_capitals() -> None:
    text = "WHEREFORE, the Petition is DISMISSED for lack of merit. SO ORDERED."
    found = verdict.outcome(text, 0, criminal=True, country="PH", full_text=text, stage="appeal")
    assert found is not None and found.value == "dismissed"


# ------------------------------------------------------------------------------ Indonesia


def _sentences(operative: str, full_text: str = "") -> list[tuple[Any, ...]]:
    found = verdict.sentences(operative, 0, "id", "ID", full_text=full_text or operative)
    for finding in found:
        assert 0 <= finding.start < finding.end <= len(operative)
    return [
        (
            f.value["imprisonment_months"],
            f.value["fine"]["amount"] if f.value["fine"] else None,
            f.value["subsidiary_detention_months"],
        )
        for f in found
    ]


@pytest.mark.parametrize(
    ("operative", "expected"),
    [
        # Separate numbered orders, each naming its defendant again before the fine.
        (
            "2. Menjatuhkan pidana kepada Terdakwa I ANI oleh karena itu dengan pidana penjara "
            "selama 2 (dua) tahun dan pidana denda kepada Terdakwa I ANI sejumlah "
            "Rp50.000.000,00 dengan ketentuan apabila denda tersebut tidak dibayar diganti "
            "dengan kurungan selama 2 (dua) bulan;\n3. Menjatuhkan pidana kepada Terdakwa II EKO "
            "oleh karena itu dengan pidana penjara selama 3 (tiga) tahun dan pidana denda kepada "
            "Terdakwa II EKO sejumlah Rp60.000.000,00 dengan ketentuan apabila denda tersebut "
            "tidak dibayar diganti dengan kurungan selama 5 (lima) bulan;\n4. Menetapkan masa "
            "penahanan ...",
            [(24, 50_000_000, 2), (36, 60_000_000, 5)],
        ),
        # One order for both, each with a fine and its own detention in lieu.
        (
            "2. Menjatuhkan pidana kepada Terdakwa I ANI dengan pidana penjara selama 4 (empat) "
            "tahun dan denda sebesar Rp100.000.000,00 subsidair 2 (dua) bulan kurungan, "
            "Terdakwa II EKO dengan pidana penjara selama 5 (lima) tahun dan denda sebesar "
            "Rp120.000.000,00 subsidair 3 (tiga) bulan kurungan; 3. Menetapkan ...",
            [(48, 100_000_000, 2), (60, 120_000_000, 3)],
        ),
        # The fine word before the second defendant's name belongs to that defendant.
        (
            "2. Menjatuhkan pidana kepada Terdakwa I ANI dengan pidana penjara selama 4 (empat) "
            "tahun dan Terdakwa II EKO dengan pidana penjara selama 2 (dua) tahun, serta pidana "
            "denda kepada Terdakwa I sebesar Rp10.000.000,00 subsidair 1 (satu) bulan kurungan "
            "dan pidana denda kepada Terdakwa II sebesar Rp20.000.000,00 subsidair 2 (dua) bulan "
            "kurungan; 3. Menetapkan ...",
            [(48, 10_000_000, 1), (24, 20_000_000, 2)],
        ),
        # "dan menjatuhkan pidana denda" goes on with the same defendant's penalty.
        (
            "2. Menjatuhkan pidana kepada Terdakwa oleh karena itu dengan pidana penjara selama "
            "3 (tiga) tahun, dan menjatuhkan pidana denda kepada Terdakwa sejumlah "
            "Rp200.000.000,00 dengan ketentuan apabila pidana denda tersebut tidak dibayar "
            "diganti dengan pidana kurungan selama 3 (tiga) bulan; 3. Menetapkan ...",
            [(36, 200_000_000, 3)],
        ),
        # An additional penalty of restitution is not a second prison sentence.
        (
            "4. Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama 7 (tujuh) tahun "
            "dan denda sejumlah Rp200.000.000,00 subsidair 2 (dua) bulan kurungan; "
            "5. Menjatuhkan pidana tambahan berupa kewajiban membayar restitusi sejumlah "
            "Rp15.000.000,00 dengan ketentuan apabila tidak dibayar diganti dengan pidana "
            "kurungan selama 6 (enam) bulan; 6. Menetapkan ...",
            [(84, 200_000_000, 2)],
        ),
        # "Subsider N bulan penjara" is the detention in lieu of the fine.
        (
            "2. Menjatuhkan pidana kepada Terdakwa dengan pidana penjara selama 2 (dua) tahun "
            "dan denda sejumlah Rp.10.000.000,- (sepuluh juta rupiah), Subsider 1 (satu) bulan "
            "penjara; 3. Menetapkan ...",
            [(24, 10_000_000, 1)],
        ),
    ],
)
def test_indonesian_sentences_per_defendant(
    operative: str, expected: list[tuple[Any, ...]]
) -> None:
    assert _sentences(operative) == expected


_DEMAND = (
    "Setelah mendengar tuntutan pidana yang diajukan oleh Penuntut Umum yang pada pokoknya: "
    "2. Menjatuhkan pidana terhadap Terdakwa dengan pidana penjara selama {term} dikurangi "
    "masa penahanan;\n"
)
_UNITLESS = (
    "2. Menjatuhkan pidana terhadap Terdakwa dengan pidana penjara selama {term} dan denda "
    "sejumlah Rp10.000.000,00, Subsider 1 (satu) bulan penjara; 3. Menetapkan ..."
)


@pytest.mark.parametrize(
    ("demand", "term", "expected_months"),
    [
        # Read as years only when that reading, and no other, is near the demand.
        ("1 (satu) Tahun dan 6 (enam) Bulan", "1 (satu)", 12),
        ("2 (dua) tahun", "2 (dua)", 24),
        ("1 (satu) tahun 8 (delapan) bulan", "1 (satu) dan 6 (enam) bulan", 18),
        # Months are the near reading here: "8" for a demand of ten months.
        ("10 (sepuluh) bulan", "8 (delapan)", 8),
        # No demand reported: the unit stays unknown rather than guessed.
        (None, "1 (satu)", None),
        # Neither reading near the demand: unknown.
        ("3 (tiga) tahun", "9 (sembilan)", None),
    ],
)
def test_prison_term_without_unit(
    demand: str | None, term: str, expected_months: int | None
) -> None:
    operative = _UNITLESS.format(term=term)
    header = _DEMAND.format(term=demand) if demand else "Menimbang, bahwa ...\n"
    full_text = header + "... pertimbangan ...\n" + operative
    assert _sentences(operative, full_text) == [(expected_months, 10_000_000, 1)]


# ------------------------------------------------------------------------------ Singapore terms


def test_each_accused_total_imprisonment_term_is_a_sentence() -> None:
    operative = (
        "18 The total sentence would therefore be 12 years' imprisonment.\n\n"
        "**The second accused**\n\n"
        "20 I ordered the sentences to run consecutively. This would make a total imprisonment "
        "term of 15 years. The sentences were backdated to the date of his arrest."
    )
    found = verdict.sentences(operative, 0, "en", "SG", full_text=operative, stage="first_instance")
    assert [f.value["imprisonment_months"] for f in found] == [144, 180]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("(in default three months and one week's imprisonment)", 3.25),
        ("a term of four years and two months as maximum", 50),
        ("in default 2 months and 2 weeks", 2.5),
    ],
)
def test_durations_in_words_joined_across_and(text: str, months: float) -> None:
    found = find_durations(text, "en")
    assert [q.value for q in found] == [months]
    assert text[found[0].start :].split()[0].strip("(") in {"three", "four", "2"}
