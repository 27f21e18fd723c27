"""Whether the non-punishment of trafficking victims was invoked, and under which provision.

Whether the court then applied it is read only where one passage names the provision and the
ruling on it ("Pasal 18 ... tidak dapat diterapkan", "Section 17 ... acquitted the accused");
otherwise `applied` stays None (not decided): a wrong value is worse than a missing one.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    (
        "ID",
        # "Pasal 2 sampai Pasal 18 ..." names a range of the statute, not the provision.
        re.compile(
            r"(?<!sampai\s)(?<!dengan\s)(?<!hingga\s)Pasal\s+18\s+(?:Undang\s*[-\u2013\u2014]?\s*"
            r"Undang|UU)(?:[^.;]{0,80}?21\s+Tahun\s+2007|\s+(?:TPPO|PTPPO)\b)",
            re.IGNORECASE,
        ),
        "Pasal 18 UU 21/2007",
    ),
    (
        "ID",
        re.compile(
            r"korban\s+(?:tindak\s+pidana\s+)?perdagangan\s+orang\s+yang\s+melakukan"
            r"\s+tindak\s+pidana\s+karena\s+dipaksa",
            re.IGNORECASE,
        ),
        "Pasal 18 UU 21/2007",
    ),
    (
        "PH",
        re.compile(
            r"Sec(?:tion|\.)\s*17\s+of\s+(?:R\.\s?A\.|Republic\s+Act)\s*(?:No\.?\s*)?9208",
            re.IGNORECASE,
        ),
        "Sec. 17 RA 9208",
    ),
    (
        "PH",
        re.compile(r"trafficked\s+persons?\s+shall\s+not\s+be\s+penalized", re.IGNORECASE),
        "Sec. 17 RA 9208",
    ),
    (
        "MY",
        re.compile(
            r"(?:section|seksyen)\s+25\s+of\s+the\s+Anti[-\s]Trafficking|trafficked\s+person\s+"
            r"shall\s+not\s+be\s+liable\s+to\s+criminal\s+prosecution",
            re.IGNORECASE,
        ),
        "Sec. 25 ATIPSOM 2007",
    ),
    (
        "",
        re.compile(
            r"non[-\s]punishment(?:\s+principle)?|principle\s+of\s+non[-\s]punishment"
            r"|victims?\s+(?:of\s+trafficking\s+)?shall\s+not\s+be\s+(?:penali[sz]ed|punished"
            r"|criminally\s+liable|prosecuted)",
            re.IGNORECASE,
        ),
        None,
    ),
)


# What the court made of it, said in the same passage as the provision: rejected ...
_REJECTED = re.compile(
    r"(?:Pasal\s+18|Sec(?:tion|\.)\s*17|non[-\s]punishment|section\s+25)[^.]{0,300}?"
    r"(?:tidak\s+dapat\s+diterapkan|tidak\s+(?:dapat\s+)?diberlakukan|tidak\s+beralasan"
    r"|(?:harus|patut)\s+(?:di)?tolak|dikesampingkan|does\s+not\s+apply|not\s+applicable"
    r"|cannot\s+be\s+(?:invoked|applied)|is\s+(?:without|devoid\s+of)\s+merit)",
    re.IGNORECASE,
)
# ... or applied: the accused victim is released or acquitted on that ground.
_APPLIED = re.compile(
    r"(?:Pasal\s+18|Sec(?:tion|\.)\s*17|non[-\s]punishment|section\s+25)[^.]{0,300}?"
    r"(?:melepaskan\s+Terdakwa|membebaskan\s+Terdakwa|lepas\s+dari\s+segala\s+tuntutan"
    r"|(?:acquit(?:s|ted)?|exempt(?:s|ed)?)\s+(?:the\s+)?accused)",
    re.IGNORECASE,
)


def applied(text: str, start: int) -> bool | None:
    """True or False when a passage from `start` on says how the court ruled, else None."""
    rest = text[start:]
    if _APPLIED.search(rest):
        return True
    if _REJECTED.search(rest):
        return False
    return None


def non_punishment(
    text: str, country: str
) -> tuple[bool, bool | None, str | None, int, int] | None:
    """(raised, applied, provision, start, end) of the first invocation found, or None."""
    for rule_country, pattern, provision in _RULES:
        if rule_country and rule_country != country:
            continue
        match = pattern.search(text)
        if match:
            return True, applied(text, match.start()), provision, match.start(), match.end()
    return None
