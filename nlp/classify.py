"""Is this judgment about trafficking in persons? Country, criminal matter, mention counts.

Drug trafficking, migrant smuggling, illegal recruitment and vice offences use the same words
("trafficking", "recruitment", "prostitution"), so only phrases that name trafficking IN PERSONS
count, and phrases that name drug trafficking are removed before counting.
"""

from __future__ import annotations

import re

from nlp.extractors.statutes import statute_rules

_TIP_MENTION = re.compile(
    r"trafficking\s+in\s+persons|human\s+trafficking|trafficking\s+of\s+(?:persons|women|children"
    r"|minors|a\s+(?:person|child|minor))|qualified\s+trafficking|trafficked\s+(?:persons?|victims?"
    r"|women|children|girls)|(?:\bR\.?\s?A\.?|Republic\s+Act)\s*(?:No\.?)?\s*(?:\(R\.\s?A\.\)\s*)?(?:No\.?\s*)?"
    r"(?:9208|10364|11862)"
    r"|perdagangan\s+orang|perdagangan\s+manusia|\bTPPO\b|pemerdagangan\s+orang"
    r"|Prevention\s+of\s+Human\s+Trafficking\s+Act|ATIPSOM|Anti-Trafficking\s+in\s+Persons"
    r"|ค้ามนุษย์|mua\s+bán\s+người|ជួញដូរមនុស្ស|ຄ້າມະນຸດ|လူကုန်ကူး",
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
    r"|Terdakwa|accused|\bPid\b|Pid\.|Criminal|pidana|tertuduh|jenayah"
    # Thai, Vietnamese, Khmer, Lao and Burmese words for the accused and criminal cases.
    r"|จำเลย|ความอาญา|bị\s+cáo|hình\s+sự|ជនជាប់ចោទ|ຜູ້ຖືກຫາ|တရားခံ",
    re.IGNORECASE,
)


# The same phrases for lower-cased text. A case-insensitive alternation is tried at every position
# of the text; without IGNORECASE the regex engine first checks the set of possible first
# characters, which made counting mentions three times faster on whole judgments.
def _lower_literals(pattern: str) -> str:
    """The pattern for lower-cased text: letters lower-cased, escapes ("\\S", "\\D") kept."""
    return re.sub(
        r"\\.|[^\\]+", lambda m: m.group() if m.group()[0] == "\\" else m.group().lower(), pattern
    )


_TIP_MENTION_LOWER = re.compile(_lower_literals(_TIP_MENTION.pattern))


def tip_mentions(text: str) -> list[tuple[int, int]]:
    """Offsets of the phrases that name trafficking in persons."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two ("İ"): offsets would drift
        return [(m.start(), m.end()) for m in _TIP_MENTION.finditer(text)]
    return [(m.start(), m.end()) for m in _TIP_MENTION_LOWER.finditer(lowered)]


def infer_country(text: str, lang: str) -> str:
    """ISO alpha-2 from the court names and formulas of the opening; "" when unknown."""
    head = text[:6_000]
    for country, cue in _COUNTRY_CUES:
        if cue.search(head):
            return country
    return _SCRIPT_COUNTRY.get(lang, "")


def is_criminal(header_text: str) -> bool:
    return _CRIMINAL.search(header_text) is not None


def trafficking_statute_cited(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where an anti-trafficking statute is first cited in text[start:end], if it is.

    Used on the whole indictment and the operative part: an indictment that charges trafficking
    in one of several alternative counts can run far beyond the stretch the charge reader reads,
    and a court that convicts or acquits under the trafficking law names it in its order."""
    found: tuple[int, int] | None = None
    for rule in statute_rules():
        if not rule.trafficking:
            continue
        match = rule.pattern.search(text, start, end)
        if match and (found is None or match.start() < found[0]):
            found = (match.start(), match.end())
    return found
