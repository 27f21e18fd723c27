"""Cutting a cleaned judgment into the parts the coder reads.

Each legal tradition marks its parts with fixed formulas: Indonesian decisions open the operative
part with "MENGADILI" and close it with "Demikianlah diputuskan"; Philippine decisions open it with
"WHEREFORE" and close it with "SO ORDERED"; Singapore judgments end with a "Conclusion" or with
the judge's "I sentence ...". Regexes over the whole text find these markers in a few
milliseconds, so spaCy only ever sees the parts that matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADER_CHARS = 4_000
TAIL_CHARS = 6_000


@dataclass(frozen=True, slots=True)
class Section:
    name: str  # header | charges | demand | reasoning | legal_basis | operative | closing
    start: int  # offsets into the cleaned text
    end: int


_ID_CHARGES = re.compile(r"didakwa|surat\s+dakwaan|dakwaan\s+(?:Penuntut|sebagai)", re.IGNORECASE)
_ID_DEMAND = re.compile(r"tuntutan\s+pidana|tuntutan\s+Penuntut\s+Umum", re.IGNORECASE)
_ID_DEMAND_END = re.compile(
    r"pembelaan|pledoi|Menimbang,?\s+bahwa\s+Terdakwa\s+didakwa"
    r"|Menimbang,?\s+bahwa\s+Terdakwa\s+diajukan",
    re.IGNORECASE,
)
# The heading is uppercase (often letter-spaced, "M  E  N  G  A  D  I  L  I") and stands on a
# line of its own or, in PDFs whose lines were joined, right after the "Mengingat ...;" clause.
# The lowercase verb "mengadili" occurs throughout the text and must not match; a letter-spaced
# mixed-case "M e n g a d i l i :" is a heading too. Diversion orders open with "Menetapkan".
_ID_OPERATIVE = re.compile(
    r"(?:^|(?<=[;:.])|(?<=\bI\.))[ \t]*"
    r"(?:M\s{0,3}E\s{0,3}N\s{0,3}G\s{0,3}A\s{0,3}D\s{0,3}I\s{0,3}L\s{0,3}I"
    r"|M ?e ?n ?g ?a ?d ?i ?l ?i(?=\s*:))"
    r"(?=[ \t]*(?:[:•;.]|\n|$|SENDIRI|1\s*\.))"
    r"|^[ \t]*(?:MENETAPKAN|Menetapkan)[ \t]*:?[ \t]*$",
    re.MULTILINE,
)
_ID_CLOSING = re.compile(
    r"Demikian(?:lah)?\s+diputus(?:kan)?|Demikianlah\s+ditetapkan", re.IGNORECASE
)
# The reasoning ends with the statutes the decision rests on, right before "MENGADILI":
# "Memperhatikan, Pasal 2 ayat (1) Undang-Undang Nomor 21 Tahun 2007 ..." or "Mengingat Pasal
# ...". The clause opens a line or follows the previous clause's ";" (or a rule of dashes), and
# was found in all 603 Indonesian corpus judgments that have an operative part, at most 956
# characters before it (median 293).
_ID_LEGAL_BASIS = re.compile(r"(?:^|(?<=[;:.\-]))[ \t]*(?:Memperhatikan|Mengingat)\b", re.MULTILINE)
LEGAL_BASIS_CHARS = 2_000
_ID_REASONING = re.compile(
    r"Menimbang,?\s+bahwa\s+(?:untuk\s+membuktikan|selanjutnya\s+Majelis"
    r"|berdasarkan\s+fakta|Terdakwa\s+telah\s+didakwa)",
    re.IGNORECASE,
)

_PH_OPERATIVE = re.compile(
    r"^[ \t]*(?:WHEREFORE|ACCORDINGLY|IN\s+VIEW\s+(?:WHEREOF"
    r"|OF\s+(?:THE\s+)?(?:ALL\s+)?THE\s+FOREGOING)"
    r"|PREMISES\s+CONSIDERED|FOR\s+THESE\s+REASONS|IN\s+LIGHT\s+OF)\b",
    re.MULTILINE | re.IGNORECASE,
)
_PH_SO_ORDERED = re.compile(r"SO\s+ORDERED|IT\s+IS\s+SO\s+ORDERED", re.IGNORECASE)
_PH_RULING = re.compile(
    r"^[ \t]*(?:The\s+Court'?s\s+Ruling|Ruling\s+of\s+the\s+Court|Our\s+Ruling"
    r"|The\s+Ruling\s+of\s+(?:this|the)\s+Court|Issues?|The\s+Issues?)\b",
    re.MULTILINE | re.IGNORECASE,
)
_PH_INFORMATION = re.compile(
    r"Informations?\b[^\n]{0,200}(?:read|reads|states|charging|alleg)"
    r"|accusatory\s+portion",
    re.IGNORECASE,
)
_PH_HEADER_END = re.compile(r"D\s?E\s?C\s?I\s?S\s?I\s?O\s?N|R\s?E\s?S\s?O\s?L\s?U\s?T\s?I\s?O\s?N")

_SG_BODY_START = re.compile(r"^\*\*[^*\n]{2,80}:\*\*", re.MULTILINE)
_SG_OPERATIVE = re.compile(
    r"^\**[ \t]*(?:Conclusion|Sentence|Sentencing|Orders?|Decision)\b\**[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


# `_last` looks at the end of the text first and widens the stretch only when nothing is found:
# the markers it looks for sit near the end, and scanning whole 300-page judgments with patterns
# that carry lookbehinds was the slowest part of sectioning.
_LAST_FIRST_STRETCH = 16_000


def _last(pattern: re.Pattern[str], text: str, start: int = 0) -> re.Match[str] | None:
    """The last match starting at or after `start` (the same as the last of `finditer`)."""
    stretch = _LAST_FIRST_STRETCH
    while True:
        # Lookbehinds still see the characters before the stretch, so a match found here is the
        # same match a scan from `start` would find.
        stretch_start = max(len(text) - stretch, start)
        found = None
        for match in pattern.finditer(text, stretch_start):
            found = match
        if found is not None or stretch_start == start:
            return found
        stretch *= 4


def _indonesian(text: str) -> list[Section]:
    n = len(text)
    sections: list[Section] = []
    operative = _last(_ID_OPERATIVE, text, n // 3)
    closing = _ID_CLOSING.search(text, operative.end() if operative else n // 2)
    charges = _ID_CHARGES.search(text, 0, n // 2)
    header_end = charges.start() if charges else min(HEADER_CHARS, n)
    sections.append(Section("header", 0, max(header_end, min(1_500, n))))
    if charges:
        sections.append(Section("charges", charges.start(), min(charges.start() + 12_000, n)))
    demand = _ID_DEMAND.search(text, 0, operative.start() if operative else n)
    if demand:
        demand_end = _ID_DEMAND_END.search(text, demand.end())
        end = demand_end.start() if demand_end else demand.end() + 4_000
        sections.append(Section("demand", demand.start(), min(end, demand.end() + 8_000, n)))
    reasoning = _ID_REASONING.search(text, charges.end() if charges else 0)
    op_start = operative.start() if operative else max(n - TAIL_CHARS, 0)
    if reasoning and reasoning.start() < op_start:
        sections.append(Section("reasoning", reasoning.start(), op_start))
    op_end = closing.start() if closing else min(op_start + 8_000, n)
    if operative:
        basis = _ID_LEGAL_BASIS.search(text, max(op_start - LEGAL_BASIS_CHARS, 0), op_start)
        if basis:
            sections.append(Section("legal_basis", basis.start(), op_start))
        sections.append(Section("operative", op_start, op_end))
    sections.append(Section("closing", op_end if closing else max(n - 3_000, 0), n))
    return sections


def _philippine(text: str) -> list[Section]:
    n = len(text)
    sections: list[Section] = []
    header_end = _PH_HEADER_END.search(text, 0, HEADER_CHARS)
    sections.append(Section("header", 0, header_end.end() if header_end else min(2_000, n)))
    information = _PH_INFORMATION.search(text)
    if information:
        sections.append(Section("charges", information.start(), min(information.end() + 5_000, n)))
    so_ordered = _last(_PH_SO_ORDERED, text, n // 2)
    limit = so_ordered.start() if so_ordered else n
    operative = _last(_PH_OPERATIVE, text[:limit], n // 3)
    ruling = _PH_RULING.search(text, n // 5)
    op_start = operative.start() if operative else max(limit - 3_000, 0)
    if ruling and ruling.start() < op_start:
        sections.append(Section("reasoning", ruling.start(), op_start))
    sections.append(Section("operative", op_start, so_ordered.end() if so_ordered else n))
    return sections


def _singapore(text: str) -> list[Section]:
    n = len(text)
    body = _SG_BODY_START.search(text, 0, 15_000)
    header_end = body.start() if body else min(HEADER_CHARS, n)
    sections = [Section("header", 0, header_end)]
    operative = _last(_SG_OPERATIVE, text, n // 2)
    op_start = operative.start() if operative else max(n - TAIL_CHARS, header_end)
    sections.append(Section("reasoning", header_end, op_start))
    sections.append(Section("operative", op_start, n))
    return sections


def _generic(text: str) -> list[Section]:
    n = len(text)
    return [
        Section("header", 0, min(HEADER_CHARS, n)),
        Section("reasoning", min(HEADER_CHARS, n), max(n - TAIL_CHARS, min(HEADER_CHARS, n))),
        Section("operative", max(n - TAIL_CHARS, 0), n),
    ]


_SPLITTERS = {"ID": _indonesian, "PH": _philippine, "SG": _singapore}


def has_own_splitter(country: str) -> bool:
    """Whether this state's judgments are cut by their own formulas (else header/operative only,
    with no charges section)."""
    return country in _SPLITTERS


def split_sections(text: str, country: str) -> dict[str, Section]:
    """The sections found, by name. Every judgment gets at least header and operative."""
    splitter = _SPLITTERS.get(country, _generic)
    return {section.name: section for section in splitter(text)}
