"""Whether the non-punishment of trafficking victims was invoked, and under which provision.

Whether the court then applied it is rarely stated in one place, so `applied` stays None (not
decided) unless a future rule can read it reliably: a wrong value is worse than a missing one.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    (
        "ID",
        re.compile(
            r"Pasal\s+18\s+(?:Undang[-\s]*Undang|UU)[^.;]{0,80}?21\s+Tahun\s+2007", re.IGNORECASE
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


def non_punishment(
    text: str, country: str
) -> tuple[bool, bool | None, str | None, int, int] | None:
    """(raised, applied, provision, start, end) of the first invocation found, or None."""
    for rule_country, pattern, provision in _RULES:
        if rule_country and rule_country != country:
            continue
        match = pattern.search(text)
        if match:
            return True, None, provision, match.start(), match.end()
    return None
