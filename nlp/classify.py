"""Is this judgment about trafficking in persons? Country, criminal matter, mention counts.

Drug trafficking, migrant smuggling, illegal recruitment and vice offences use the same words
("trafficking", "recruitment", "prostitution"), so only phrases that name trafficking IN PERSONS
count, and phrases that name drug trafficking are removed before counting.
"""

from __future__ import annotations

import re

_TIP_MENTION = re.compile(
    r"trafficking\s+in\s+persons|human\s+trafficking|trafficking\s+of\s+(?:persons|women|children"
    r"|minors|a\s+(?:person|child|minor))|qualified\s+trafficking|trafficked\s+(?:persons?|victims?"
    r"|women|children|girls)|(?:R\.\s?A\.|Republic\s+Act)\s*(?:No\.?)?\s*(?:9208|10364|11862)"
    r"|perdagangan\s+orang|perdagangan\s+manusia|\bTPPO\b|pemerdagangan\s+orang"
    r"|Prevention\s+of\s+Human\s+Trafficking\s+Act|ATIPSOM|Anti-Trafficking\s+in\s+Persons"
    r"|การค้ามนุษย์|mua\s+bán\s+người",
    re.IGNORECASE,
)

_COUNTRY_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ID",
        re.compile(
            r"Pengadilan\s+Negeri|Mahkamah\s+Agung\s+Republik\s+Indonesia|Pid\.Sus"
            r"|putusan\.mahkamahagung"
        ),
    ),
    (
        "PH",
        re.compile(
            r"Republic\s+of\s+the\s+Philippines|PEOPLE\s+OF\s+THE\s+PHILIPPINES|G\.\s?R\.\s+No"
            r"|\bPhil\.\s+\d",
            re.IGNORECASE,
        ),
    ),
    (
        "SG",
        re.compile(r"\bSG(?:HC|CA|DC|MC)\b|Public\s+Prosecutor\s+v\b|Republic\s+of\s+Singapore"),
    ),
    (
        "MY",
        re.compile(
            r"Mahkamah\s+(?:Tinggi|Sesyen|Rayuan)|High\s+Court\s+(?:of|in)\s+Malaya"
            r"|\bMLJ\b|Malaysia",
            re.IGNORECASE,
        ),
    ),
)
_SCRIPT_COUNTRY = {"th": "TH", "vi": "VN", "km": "KH", "lo": "LA", "my": "MM"}

_CRIMINAL = re.compile(
    r"PEOPLE\s+OF\s+THE\s+PHILIPPINES|Public\s+Prosecutor|Pendakwa\s+Raya"
    r"|Terdakwa|accused|\bPid\b|Pid\.|Criminal|pidana|tertuduh",
    re.IGNORECASE,
)


def tip_mentions(text: str) -> list[tuple[int, int]]:
    """Offsets of the phrases that name trafficking in persons."""
    return [(m.start(), m.end()) for m in _TIP_MENTION.finditer(text)]


def infer_country(text: str, lang: str) -> str:
    """ISO alpha-2 from the court names and formulas of the opening; "" when unknown."""
    head = text[:6_000]
    for country, cue in _COUNTRY_CUES:
        if cue.search(head):
            return country
    return _SCRIPT_COUNTRY.get(lang, "")


def is_criminal(header_text: str) -> bool:
    return _CRIMINAL.search(header_text) is not None
