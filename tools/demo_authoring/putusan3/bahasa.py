"""Indonesian renderings that court documents spell out: numbers in words, rupiah, dates, terms.

Judgments state every amount twice ("Rp120.000.000,00 (seratus dua puluh juta rupiah)"), and the
extraction stage is checked against both forms, so they must be produced by one function.
"""

from __future__ import annotations

import datetime as dt

_UNITS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
_SCALES = ((1_000_000_000_000, "triliun"), (1_000_000_000, "miliar"), (1_000_000, "juta"))
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _below_thousand(number: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(number, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS[hundreds], "ratus"]
    if rest < 12:
        if rest:
            words.append(_UNITS[rest])
    elif rest < 20:
        words += [_UNITS[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"]
        if ones:
            words.append(_UNITS[ones])
    return words


def terbilang(number: int) -> str:
    """The number in Indonesian words, as written in judgments ("seratus dua puluh juta")."""
    if number < 0:
        raise ValueError("negative amounts do not occur in judgments")
    if number == 0:
        return "nol"
    words: list[str] = []
    rest = number
    for size, name in _SCALES:
        count, rest = divmod(rest, size)
        if count:
            words += [*_below_thousand(count), name]
    thousands, rest = divmod(rest, 1000)
    if thousands == 1:
        words.append("seribu")
    elif thousands:
        words += [*_below_thousand(thousands), "ribu"]
    words += _below_thousand(rest)
    return " ".join(words)


def rupiah(amount: int) -> str:
    """'Rp120.000.000,00 (seratus dua puluh juta rupiah)'."""
    figures = f"{amount:,}".replace(",", ".")
    return f"Rp{figures},00 ({terbilang(amount)} rupiah)"


def counted(number: int, unit: str) -> str:
    """'4 (empat) tahun': the figure, the words in brackets, then the unit."""
    return f"{number} ({terbilang(number)}) {unit}"


def duration(months: int) -> str:
    """A term of months as judgments state it: whole years where possible."""
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{counted(years, 'tahun')} dan {counted(rest, 'bulan')}"
    if years:
        return counted(years, "tahun")
    return counted(rest, "bulan")


def long_date(day: dt.date) -> str:
    """'12 Juni 2024'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


def short_date(day: dt.date) -> str:
    """'12-06-2024', the form of the directory's metadata table."""
    return day.strftime("%d-%m-%Y")
