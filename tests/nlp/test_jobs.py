"""Sectors read off job statements (`nlp.extractors.jobs`) and how they join the coded case."""

from __future__ import annotations

import pytest

from nlp.extractors.facts import _sectors, code_facts
from nlp.extractors.jobs import job_findings
from nlp.findings import Finding


def _sector_values(text: str) -> list[str]:
    return [f.value for f in job_findings(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Korban akan bekerja sebagai asisten rumah tangga di Kuala Lumpur.", ["domestic_work"]),
        ("Para saksi dipekerjakan sebagai buruh pemotongan ayam di Penang.", ["manufacturing"]),
        ("Saksi ingin bekerja di perkebunan sawit milik seorang majikan.", ["agriculture"]),
        ("Korban ditawari pekerjaan sebagai ABK kapal ikan di perairan asing.", ["fishing"]),
        ("Di sana para korban bekerja sebagai kuli bangunan tanpa upah.", ["construction"]),
        ("Anak korban bekerja sebagai pemandu lagu di sebuah karaoke.", ["entertainment_massage"]),
        ("Mereka dipekerjakan sebagai operator scam di sebuah gedung.", ["online_scam"]),
        ("Korban ditawari lowongan sebagai admin judi online di luar negeri.", ["online_gambling"]),
        ("The victim was recruited to work as a domestic helper abroad.", ["domestic_work"]),
        ("She was hired to work in a garment factory.", ["manufacturing"]),
        ("Korban bekerja sebagai pelayan di sebuah restoran.", ["other"]),
    ],
)
def test_a_job_statement_names_the_sector(text: str, expected: list[str]) -> None:
    assert _sector_values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a place name, not a workplace
        "Terdakwa membawa korban menuju Pelantar Pabrik Es di tepi pelabuhan.",
        # the boat that carried the migrants
        "Para pekerja migran diangkut dengan kapal ikan tanpa nama menuju Malaysia.",
        # the accused's own trade, in the identity block and in testimony
        "Pekerjaan : Nelayan; Tempat tinggal : Desa Contoh.",
        "Bahwa Terdakwa bekerja sebagai nelayan di desa itu.",
        "Bahwa T erdakwa sehari-hari bekerja di proyek jalan.",
        # a hotel spa attendant cleans rooms; the spa is not a massage venue here
        "Korban ditempatkan sebagai spa attendant (membersihkan kamar spa).",
    ],
)
def test_no_sector_without_a_victims_job_statement(text: str) -> None:
    assert "manufacturing" not in _sector_values(text)
    assert "fishing" not in _sector_values(text)
    assert "construction" not in _sector_values(text)
    assert "entertainment_massage" not in _sector_values(text)


def test_a_job_the_accused_offers_is_the_victims() -> None:
    text = "Terdakwa menawarkan pekerjaan sebagai pembantu rumah tangga kepada korban."
    assert _sector_values(text) == ["domestic_work"]


def test_a_job_after_a_passive_by_the_accused_is_the_victims() -> None:
    text = "WNI yang dibawa oleh Terdakwa akan bekerja di perkebunan di Malaysia."
    assert _sector_values(text) == ["agriculture"]


def test_evidence_points_at_the_workplace_words() -> None:
    text = "Korban bekerja sebagai asisten rumah tangga di sana."
    (finding,) = job_findings(text)
    assert text[finding.start : finding.end] == "asisten rumah tangga"


def _hit(value: str, at: int) -> Finding:
    return Finding("sectors", value, at, at + 5)


@pytest.mark.parametrize(
    ("cues", "jobs", "expected"),
    [
        # one job statement alone may be a witness's: not enough
        ([], [_hit("agriculture", 10)], set()),
        ([], [_hit("agriculture", 10), _hit("agriculture", 90)], {"agriculture"}),
        # a bare factory word outside a job statement does not count
        ([_hit("manufacturing", 5), _hit("manufacturing", 50)], [], set()),
        # a named sector wins over "other" (the promised restaurant job)
        (
            [_hit("entertainment_massage", 5), _hit("entertainment_massage", 60)],
            [_hit("other", 10), _hit("other", 90)],
            {"entertainment_massage"},
        ),
        ([], [_hit("other", 10), _hit("other", 90)], {"other"}),
        # a side mention far below the main sector is dropped
        (
            [],
            [_hit("online_scam", i) for i in range(0, 150, 10)] + [_hit("domestic_work", 3)] * 2,
            {"online_scam"},
        ),
    ],
)
def test_sector_support(cues: list[Finding], jobs: list[Finding], expected: set[str]) -> None:
    assert {f.value for f in _sectors(cues, jobs, 50_000)} == expected


def test_a_short_text_states_a_job_once() -> None:
    assert {f.value for f in _sectors([], [_hit("fishing", 10)], 3_000)} == {"fishing"}


def test_testimony_far_from_the_indictment_is_read() -> None:
    filler = "Bahwa persidangan berjalan sebagaimana mestinya. " * 1_000
    story = "Bahwa korban akan bekerja di perkebunan sawit di Malaysia. " * 2
    text = "Bahwa Terdakwa membawa para korban ke luar negeri. " + filler + story
    coded = code_facts(text, 0, "ID", criminal=True, trafficking=True)
    assert coded.sectors == ("agriculture",)
    assert coded.exploitation_forms == ("forced_labour",)
