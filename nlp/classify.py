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

# Each country's courts, citation formats and formulas (strong cues), and its bare name (weak:
# a judgment also names the destination of its victims or the home of a precedent it cites). The
# country is the one whose cues weigh most in the opening; each matched phrase counts at most a
# few times, so one banner repeated on every page cannot outvote the rest.
_STRONG, _WEAK = 3, 1
_COUNTRY_CUES: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    (
        "ID",
        _STRONG,
        re.compile(
            r"Pengadilan\s+Negeri|Mahkamah\s+Agung\s+Republik\s+Indonesia|Pid\.Sus"
            r"|putusan\.mahkamahagung|\bTerdakwa\b"
        ),
    ),
    ("ID", _WEAK, re.compile(r"\bIndonesia\b")),
    (
        "PH",
        _STRONG,
        re.compile(
            r"Republic\s+of\s+the\s+Philippines|PEOPLE\s+OF\s+THE\s+PHILIPPINES|G\.\s?R\.\s+No"
            r"|\bPhil\.\s+\d|\bSCRA\b",
            re.IGNORECASE,
        ),
    ),
    ("PH", _WEAK, re.compile(r"\bPhilippines\b")),
    (
        "SG",
        _STRONG,
        re.compile(
            r"\bSG(?:HC|CA|DC|MC|HCR|HCF|HC\(I\))\b|Republic\s+of\s+Singapore|\bSLR\b"
            r"|\bPte\.?\s+Ltd\b|Strata\s+Title|Magistrate'?s\s+Appeal|State\s+Courts?"
            r"|Subordinate\s+Courts?|Women'?s\s+Charter"
        ),
    ),
    ("SG", _WEAK, re.compile(r"\bSingapore\b")),
    (
        "MY",
        _STRONG,
        re.compile(
            r"Mahkamah\s+(?:Tinggi|Sesyen|Rayuan|Persekutuan)|High\s+Court\s+(?:of|in)\s+Malaya"
            r"|Dewan\s+Rakyat|Parlimen|Federal\s+Court\s+of\s+Malaysia|\bSdn\.?\s+Bhd\b",
            re.IGNORECASE,
        ),
    ),
    ("MY", _WEAK, re.compile(r"\bMalaysia\b|\bMLJ\b|\bCLJ\b")),
)
COUNTRY_SAMPLE_CHARS = 20_000
_CUE_CAP = 8  # matches of one cue counted at most this often
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


# A mention that only reports a suspicion or names a police unit ("adanya dugaan kegiatan
# perdagangan orang", "Subsatgas Tindak Pidana Perdagangan Orang", "diamankan ... terkait tindak
# pidana perdagangan orang", "the Anti-Trafficking Task Force") is no finding of trafficking: a
# placement or smuggling case investigated by a trafficking unit is full of them.
_HEARSAY_BEFORE = re.compile(
    r"(?:dugaan|diduga|indikasi|sat(?:uan\s+)?gas|subsatgas|satuan\s+tugas|subdit|unit|direktorat"
    r"|penyidik|terkait|sehubungan\s+dengan|informasi|laporan|suspected|alleged|task\s+force"
    r"|division|council|inter-agency)\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)


def substantive_mentions(text: str, mentions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The mentions that speak of the case itself, not of a suspicion or a police unit."""
    return [
        (start, end)
        for start, end in mentions
        if not _HEARSAY_BEFORE.search(text, max(start - 60, 0), start)
    ]


def infer_country(text: str, lang: str) -> str:
    """ISO alpha-2 from the court names and formulas of the opening; "" when unknown."""
    head = text[:COUNTRY_SAMPLE_CHARS]
    votes: dict[str, int] = {}
    for country, weight, cue in _COUNTRY_CUES:
        counted: dict[str, int] = {}
        for match in cue.finditer(head):
            key = match.group().lower()
            counted[key] = min(counted.get(key, 0) + 1, _CUE_CAP)
        if counted:
            votes[country] = votes.get(country, 0) + weight * sum(counted.values())
    if votes:
        # Ties go to the country listed first (its cues are the more specific).
        return max(votes, key=lambda country: votes[country])
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


# The formulas that open a law or a bill, in the member states' languages: its enacting words,
# its long title, its table of clauses. Judgments quote laws, so only the opening is read, and a
# judgment's own opening formula there (a case number, "PUTUSAN", the parties) wins when earlier.
_LAW_OPENING = re.compile(
    r"\b(?i:be\s+it\s+enacted)\b|\bARRANGEMENT\s+OF\s+(?:CLAUSES|SECTIONS)\b"
    r"|^\s*(?:[A-Z][A-Z ()'-]+\s+)?BILL\b|^\s*(?:REPUBLIC\s+ACT|AN\s+ACT)\b"
    r"|^\s*(?:PART|BAHAGIAN)\s+I\s*\n\s*(?:PRELIMINARY|PERMULAAN)\b"
    r"|\bENACTED\W{0,3}\s+by\s+the\s+Parliament\b|^\s*An\s+Act\s+to\s+(?:amend|provide|make)\b"
    r"|RANG\s+UNDANG-UNDANG|Suatu\s+Akta\s+untuk|DIPERBUAT\s+oleh\s+Parlimen|SUSUNAN\s+(?:FASAL|SEKSYEN)"
    r"|^\s*UNDANG-UNDANG\s+REPUBLIK\s+INDONESIA\s+NOMOR|^\s*PERATURAN\s+(?:PEMERINTAH|PRESIDEN)\b"
    r"|^\s*พระราชบัญญัติ|^\s*LUẬT\b|^\s*ច្បាប់|^\s*ກົດໝາຍ|^\s*ဥပဒေ",
    re.MULTILINE,
)
_JUDGMENT_OPENING = re.compile(
    r"P\s?U\s?T\s?U\s?S\s?A\s?N\b|\bPid\.(?:Sus|B)\b|\bG\.\s?R\.\s+No|\bA\.C\.\s+No"
    r"|\bCase\s+Number\b|\bCoram\b|\bD\s?E\s?C\s?I\s?S\s?I\s?O\s?N\b|\bJ\s?U\s?D\s?G\s?M\s?E\s?N\s?T\b"
    r"|\bRESOLUTION\b|PEOPLE\s+OF\s+THE\s+PHILIPPINES|\bv(?:s)?\.?\s+Public\s+Prosecutor\b"
    r"|Public\s+Prosecutor\s+v\b|\bAlasan\s+Penghakiman\b|\bคำพิพากษา|\bBẢN\s+ÁN\b",
)
DOC_TYPE_SAMPLE_CHARS = 3_000


def detect_doc_type(text: str) -> str:
    """ "legislation" when the opening reads as a law or bill, else "judgment" (the files this
    is asked about are court documents unless they say otherwise)."""
    head = text[:DOC_TYPE_SAMPLE_CHARS]
    law = _LAW_OPENING.search(head)
    if law is None:
        return "judgment"
    judgment = _JUDGMENT_OPENING.search(head)
    return "legislation" if judgment is None or law.start() < judgment.start() else "judgment"
