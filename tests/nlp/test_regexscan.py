"""Anchored scanning finds exactly what `re.finditer` finds, only faster."""

from __future__ import annotations

import re

import pytest

from nlp.extractors import facts, people
from nlp.regexscan import AnchoredPattern, FoldedText, alternative_anchors, split_alternatives

_I = re.IGNORECASE

# (pattern, flags, text): invented snippets that exercise overlaps, word boundaries, lookbehinds,
# case-sensitive groups, white space inside anchors and alternatives without anchors.
SAME_MATCHES = [
    (r"melayani\s+tamu|\bpelacur(?:an)?\b", _I, "Korban MELAYANI  tamu; pelacuran, pelacurnya."),
    (r"sex\s+work|sexual\s+services", _I, "sexual services and sex work, SEX\nWORK"),
    (r"(?<!domestic\sor\s)\boverseas\b", _I, "domestic or overseas work; Overseas jobs"),
    (r"korban|(?-i:\b[A-H]{3}\b)", _I, "AAA told the KORBAN; aaa and BBB were korban"),
    (r"(?:in|at|to)\s+(?:a|the)\s+(?:\w+\s+)?bar\b", _I, "worked at the karaoke bar, to a bar"),
    (r"(?:ke|di)\s+luar\s+negeri", _I, "dikirim ke luar negeri dan di\tluar   negeri"),
    (r"\bmi\s?chat\b|open\s*BO", _I, "via MiChat, mi chat or OpenBO; open BO"),
    (r"abab|baba", 0, "ababababa babab"),  # overlapping anchors
    (r"(\d{1,2})\s*years?\s+old|\baged\s+(\d{1,2})", _I, "a 14 years old girl, aged 15"),
    (r"\b([A-H])\1\1\b", 0, "AAA and BBB, not ABA"),  # a back-reference: scanned plainly
    (r"x*", 0, "axxb"),  # empty matches: handed to finditer
    (r"caf\u00e9|kafe", _I, "CAFÉ and Kafe and café"),
]


@pytest.mark.parametrize(("source", "flags", "text"), SAME_MATCHES)
def test_anchored_matches_equal_finditer(source: str, flags: int, text: str) -> None:
    pattern = re.compile(source, flags)
    finder = AnchoredPattern(pattern)
    folded = FoldedText(text)
    for start, end in [(0, len(text)), (3, len(text) - 2)]:
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text, start, end)]
        found = [(m.span(), m.groups()) for m in finder.finditer(folded, start, end)]
        assert found == expected


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ("Plain ASCII text", True),
        ("Smart \u201cquotes\u201d and caf\u00e9", True),
        ("Dotted \u0130stanbul", False),  # lower-cases to two characters
        ("long \u017f", False),  # matches "s" when case is ignored
    ],
)
def test_folding_is_used_only_where_offsets_and_matches_stay_the_same(
    text: str, usable: bool
) -> None:
    folded = FoldedText(text)
    assert (folded.folded is not None) is usable
    if folded.folded is not None:
        assert len(folded.folded) == len(text)


def test_a_long_s_is_still_found_when_folding_is_refused() -> None:
    pattern = re.compile(r"sexual", _I)
    text = "\u017fexual services"
    found = [m.span() for m in AnchoredPattern(pattern).finditer(FoldedText(text))]
    assert found == [m.span() for m in pattern.finditer(text)] == [(0, 6)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"a|b(c|d)|[x|y]", ["a", "b(c|d)", "[x|y]"]),
        (r"\||\(", [r"\|", r"\("]),
        (r"[]|]|z", ["[]|]", "z"]),
        (r"(a|b", None),
    ],
)
def test_split_alternatives(source: str, expected: list[str] | None) -> None:
    assert split_alternatives(source) == expected


@pytest.mark.parametrize(
    ("source", "flags", "anchors"),
    [
        (r"\bMelayani\s+tamu", _I, {"melayani"}),
        (r"(?:berhubungan|hubungan)\s+badan", _I, {"berhubun", "hubungan"}),
        (r"ke\s+luar", _I, {"ke "}),  # a run of spaces ends the anchor
        (r"\b(?:negara\s+)?(?:thai|laos)", _I, {"negara ", "thai", "laos"}),
        (r"pelacur(?:an)?", _I, {"pelacur"}),
        (r"\d+\s+tahun", _I, None),  # starts with a digit class
        (r"ab", _I, None),  # too short to be worth locating
    ],
)
def test_anchors_of_an_alternative(source: str, flags: int, anchors: set[str] | None) -> None:
    found = alternative_anchors(source, flags)
    assert (set(found) if found is not None else None) == anchors


# Every pattern the fact reader scans with, over invented narrative in the three traditions.
NARRATIVES = [
    "Bahwa saksi korban AAA (15 tahun) dijanjikan bekerja di Malaysia sebagai pemandu lagu di "
    "tempat karaoke, lalu disuruh melayani tamu; gajinya tidak dibayar. Anak Korban II berumur "
    "14 (empat belas) tahun dibawa ke luar negeri oleh mucikari.",
    "The accused recruited three Thai women, aged 17, to work at a KTV bar in Singapore where "
    "they provided sexual services to customers; the minor victim BBB was never paid her wages.",
    "AAA, then a minor, was brought from Cambodia to Manila and made to perform cybersex shows "
    "via webcam; the victims were forced to work as domestic helpers without pay.",
]
PATTERNS = [cue[2] for cue in facts.CUES] + [
    facts._VICTIM,
    facts._RECITAL_START,
    facts._VICE,
    facts._PLACEMENT,
    facts._COUNTRY,
    facts._ABROAD,
    facts._DEMONYM,
    facts._WARGA,
    people._AGE,
    people._UNDERAGE,
    people._BABY,
    people._FEMALE,
    people._MALE,
    people._ID_CHILD_VICTIM,
    people._ID_NAMED_VICTIM,
]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_the_coders_patterns_find_the_same_matches(pattern: re.Pattern[str]) -> None:
    text = " ".join(NARRATIVES) * 2
    reading = facts.Reading(text, [(0, len(text) // 2), (len(text) // 2 + 7, len(text))])
    expected = [
        m.span() for start, end in reading.regions for m in pattern.finditer(text, start, end)
    ]
    assert [m.span() for m in reading.matches(pattern)] == expected
