"""Defendants from the header; victims (how many, how many children, genders) from the text."""

from __future__ import annotations

import re

from nlp.findings import Finding
from nlp.regexscan import FoldedText, anchored

_ID_NAME = re.compile(r"Nama\s+lengkap\s*:\s*([^\n;]{2,120})", re.IGNORECASE)
_ID_AGE = re.compile(
    r"Umur(?:\s*/\s*[Tt]anggal\s+lahir)?\s*:\s*(\d{1,2})\s*(?:\(\w+\)\s*)?[Tt]ahun"
)
_ID_GENDER = re.compile(r"Jenis\s+[Kk]elamin\s*:\s*(Laki[-\s]?laki|Perempuan|Pria|Wanita)")
_ID_NATIONALITY = re.compile(
    r"(?:Kebangsaan|Kewarganegaraan)\s*(?:/\s*Kewarganegaraan)?\s*:\s*([A-Za-z ]{3,40})"
)
_PH_ACCUSED = re.compile(
    r"\bVS?\.?\s+(.{3,400}?),\s*(?:ACCUSED[-\s]APPELLANTS?|ACCUSED|APPELLANTS?|ACCUSED-APPELLEES?)\b",
    re.IGNORECASE | re.DOTALL,
)
_SG_PARTIES = re.compile(r"(?:\*\*|^#+[ \t]*)Parties(?:\*\*)?[ \t]*:[ \t]*([^\n]+)", re.MULTILINE)

_GENDERS = {
    "laki-laki": "male",
    "laki laki": "male",
    "lakilaki": "male",
    "pria": "male",
    "perempuan": "female",
    "wanita": "female",
}
COUNTRY_NAMES: dict[str, str] = {
    "indonesia": "ID", "malaysia": "MY", "singapore": "SG", "singapura": "SG",
    "philippines": "PH", "filipina": "PH", "thailand": "TH", "vietnam": "VN", "viet nam": "VN",
    "cambodia": "KH", "kamboja": "KH", "myanmar": "MM", "laos": "LA", "brunei": "BN",
    "china": "CN", "tiongkok": "CN", "wni": "ID", "warga negara indonesia": "ID",
}  # fmt: skip


def indonesian_defendants(text: str, base: int) -> list[Finding]:
    names = list(_ID_NAME.finditer(text))
    found: list[Finding] = []
    for index, match in enumerate(names):
        block_end = (
            names[index + 1].start()
            if index + 1 < len(names)
            else min(match.end() + 1500, len(text))
        )
        block = text[match.end() : block_end]
        age = _ID_AGE.search(block)
        gender = _ID_GENDER.search(block)
        nationality = _ID_NATIONALITY.search(block)
        nationality_code = None
        if nationality:
            key = nationality.group(1).strip().lower()
            nationality_code = COUNTRY_NAMES.get(key) or (
                "ID" if key.startswith("indonesia") or key.startswith("wni") else None
            )
        value = {
            "name": re.sub(r"\s+", " ", match.group(1)).strip(" ,."),
            "gender": _GENDERS.get(gender.group(1).lower().replace("  ", " ")) if gender else None,
            "age": int(age.group(1)) if age else None,
            "nationality": nationality_code,
        }
        found.append(
            Finding(
                "defendant",
                value,
                base + match.start(1),
                base + match.end() + (nationality.end() if nationality else 0),
            )
        )
    return found


def _split_names(raw: str) -> list[str]:
    parts = re.split(r",\s*|\s+AND\s+|\s+and\s+", re.sub(r"\s+", " ", raw))
    return [
        p.strip(" .")
        for p in parts
        if p.strip(" .")
        and not re.search(
            r"ACCUSED|APPELL|PLAINTIFF|RESPONDENT|PETITIONER|\bET\s+AL\b", p, re.IGNORECASE
        )
    ]


def philippine_defendants(text: str, base: int) -> list[Finding]:
    if not re.search(r"PEOPLE\s+OF\s+THE\s+PHILIPPINES", text, re.IGNORECASE):
        return []
    match = _PH_ACCUSED.search(text)
    if not match:
        return []
    return [
        Finding(
            "defendant",
            {"name": name, "gender": None, "age": None, "nationality": None},
            base + match.start(1),
            base + match.end(1),
        )
        for name in _split_names(match.group(1))[:20]
    ]


def singapore_defendants(text: str, base: int) -> list[Finding]:
    match = _SG_PARTIES.search(text)
    if not match or "Public Prosecutor" not in match.group(1):
        return []
    names = [p.strip() for p in re.split(r"\s+[—–-]\s+|;", match.group(1)) if p.strip()]
    return [
        Finding(
            "defendant",
            {"name": name, "gender": None, "age": None, "nationality": None},
            base + match.start(1),
            base + match.end(1),
        )
        for name in names
        if name != "Public Prosecutor"
    ][:20]


# ------------------------------------------------------------------------------------ victims

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17,
}  # fmt: skip
ADULT_AGE = 18
# Indonesian procedure calls a child victim "Anak Korban" (UU 11/2012); a numeral or a name may
# follow ("Anak Korban II", "Anak Korban SITI").
_ID_CHILD_VICTIM = re.compile(
    r"\b(?:Anak\s+Korban|Korban\s+Anak)\b(?:\s+((?:[IVX]{1,4}|\d{1,2})\b|[A-Z][A-Z'.]+"
    r"(?:\s+[A-Z][A-Z'.]+){0,2}))?"
)
# In lowercase, "anak korban" may also be "the victim's child": trusted only when repeated.
_ID_CHILD_VICTIM_LOWER = re.compile(r"\banak\s+korban\b")
MIN_LOWERCASE_MENTIONS = 3
# A baby among the victims (sold, or carried across a border).
_BABY = re.compile(
    r"(?:seorang|satu|\d+)\s+(?:\(\w+\)\s+)?(?:orang\s+)?bayi\b"
    r"|(?:menjual|dijual|penjualan|jual\s+beli|adopsi)\s+(?:seorang\s+)?bayi\b"
    r"|\b(?:an|the)\s+(?:infant|newborn)\b",
    re.IGNORECASE,
)
# An age statement: "berumur 15 (lima belas) tahun", "14 years old", "aged 13", "13-year-old".
_AGE = re.compile(
    r"(?:(?:berumur|berusia|umur(?:nya)?|usia(?:nya)?)\s+(?:sekitar\s+|sekira\s+|baru\s+)?"
    r"(\d{1,2})\s*(?:\([\w\s]+\)\s*)?tahun)"
    r"|(?:(\d{1,2})\)?\s*[-\s]?years?[-\s]old)"
    r"|(?:\b(" + "|".join(_NUMBER_WORDS) + r")[-\s]years?[-\s]old)"
    r"|(?:\baged\s+(\d{1,2})\b)",
    re.IGNORECASE,
)
# Who the age is about: a victim word shortly before it, and no accused in between.
_AGE_SUBJECT = re.compile(
    r"(?:korban|saksi|anak|victims?|complainants?|girls?|boys?|minors?|daughter|niece|female"
    r"|(?-i:\b[A-H]{3}\d?\b))",
    re.IGNORECASE,
)
# ... or right after it ("a 13-year-old girl"); "masih berusia 16 tahun" (only 16) needs neither.
_AGE_SUBJECT_AFTER = re.compile(
    r"^[\s,]{0,3}(?:\w+\s+)?(?:girls?|boys?|victims?|child|daughter|female|korban)\b",
    re.IGNORECASE,
)
_STILL = re.compile(r"masih\s+$", re.IGNORECASE)
_ACCUSED = re.compile(r"terdakwa|accused|appellant|pelaku|tersangka|offender", re.IGNORECASE)
_UNDERAGE = re.compile(
    r"(?:korban|saksi|anak)\s+(?:\w+\s+){0,4}(?:yang\s+)?masih\s+(?:di\s*)?bawah\s+umur"
    r"|(?:korban|victims?|complainants?)\s+(?:\w+\s+){0,3}(?:still\s+)?minors?\b"
    r"|(?-i:\b[A-H]{3}\d?\b),?\s+(?:then\s+)?(?:a\s+)?minor\b|\bminor\s+(?:victims?|girls?"
    r"|complainants?)|child\s+victims?|(?:were|was|being)\s+(?:still\s+)?(?:a\s+)?minors?\b",
    re.IGNORECASE,
)
_PSEUDONYM = re.compile(r"\b([A-H])\1\1(\d?)\b")
_ID_NAMED_VICTIM = re.compile(
    r"\b(?:Saksi\s+)?(?:Anak\s+)?Korban\s+((?:[A-Z][A-Z'.]+)(?:\s+[A-Z][A-Z'.]+){0,2})\b"
)
_FEMALE = re.compile(
    r"(?:korban|victims?)\s+(?:\w+\s+){0,2}(?:perempuan|wanita|women|girls?|female)\b"
    r"|\b(?:perempuan|wanita|gadis|women|girls?|female)\s+(?:\w+\s+){0,2}(?:korban|victims?)",
    re.IGNORECASE,
)
_MALE = re.compile(
    r"(?:korban|victims?)\s+(?:\w+\s+){0,2}(?:laki[-\s]laki|pria|men|boys?|male)\b"
    r"|\b(?:laki[-\s]laki|pria|boys|male)\s+(?:\w+\s+){0,2}(?:korban|victims?)",
    re.IGNORECASE,
)
_NOT_A_NAME = {"DAN", "YANG", "TERSEBUT", "ANAK", "SAKSI", "KORBAN", "DENGAN", "BAHWA", "II", "I"}


def _age_of(match: re.Match[str]) -> int | None:
    number = next((g for g in match.groups() if g), None)
    if number is None:
        return None
    return int(number) if number.isdigit() else _NUMBER_WORDS.get(number.lower())


def _about_a_victim(text: str, match: re.Match[str]) -> bool:
    """Whether an age statement is about a victim, not the accused or the accused's children."""
    before = text[max(match.start() - 120, 0) : match.start()]
    if _STILL.search(before):
        return _ACCUSED.search(before[-40:]) is None
    if _AGE_SUBJECT_AFTER.search(text[match.end() : match.end() + 30]):
        return True
    subjects = list(_AGE_SUBJECT.finditer(before))
    if not subjects:
        return False
    last = subjects[-1]
    if _ACCUSED.search(before[last.end() :]):
        return False
    # "Terdakwa memiliki 2 orang anak yang berumur 7 tahun": the accused's own children.
    return not (last.group().lower() == "anak" and _ACCUSED.search(before[: last.start()][-80:]))


def child_victim_findings(text: str | FoldedText, base: int = 0) -> list[Finding]:
    """One "minor" finding per statement that a victim is a child; `value` names the child
    when the text does ("II", "SITI", "AAA"), so that the same child is counted once."""
    folded = text if isinstance(text, FoldedText) else FoldedText(text)
    text = folded.text
    found: list[Finding] = []
    for match in anchored(_ID_CHILD_VICTIM).finditer(folded):
        label = (match.group(1) or "").upper()
        if label in _NOT_A_NAME - {"I", "II"}:
            label = ""
        found.append(Finding("minor", label, base + match.start(), base + match.end()))
    lowercase = list(anchored(_ID_CHILD_VICTIM_LOWER).finditer(folded))
    if len(lowercase) >= MIN_LOWERCASE_MENTIONS:
        found.extend(Finding("minor", "", base + m.start(), base + m.end()) for m in lowercase)
    found.extend(
        Finding("minor", "baby", base + m.start(), base + m.end())
        for m in anchored(_BABY).finditer(folded)
    )
    for match in anchored(_AGE).finditer(folded):
        age = _age_of(match)
        if age is None or age >= ADULT_AGE or age == 0:
            continue
        if _about_a_victim(text, match):
            pseudonym = _PSEUDONYM.search(text[max(match.start() - 120, 0) : match.start()])
            label = pseudonym.group(0) if pseudonym else ""
            found.append(Finding("minor", label, base + match.start(), base + match.end()))
    for match in anchored(_UNDERAGE).finditer(folded):
        pseudonym = _PSEUDONYM.search(match.group())
        label = pseudonym.group(0) if pseudonym else ""
        found.append(Finding("minor", label, base + match.start(), base + match.end()))
    return found


def victim_findings(text: str | FoldedText, base: int = 0) -> list[Finding]:
    """Named or pseudonymised victims ("victim" findings, value = the name) and their genders
    ("victim_gender")."""
    folded = text if isinstance(text, FoldedText) else FoldedText(text)
    text = folded.text
    found: list[Finding] = []
    for match in anchored(_ID_NAMED_VICTIM).finditer(folded):
        name = re.sub(r"\s+", " ", match.group(1)).strip(" .")
        if name.split()[0] in _NOT_A_NAME or len(name) < 3:
            continue
        found.append(Finding("victim", name, base + match.start(1), base + match.end(1)))
    for match in _PSEUDONYM.finditer(text):
        window = text[max(match.start() - 200, 0) : match.end() + 200]
        if re.search(r"victim|minor|complainant|private\s+offended", window, re.IGNORECASE):
            found.append(
                Finding("victim", match.group(0), base + match.start(), base + match.end())
            )
    for pattern, gender in ((_FEMALE, "female"), (_MALE, "male")):
        found.extend(
            Finding("victim_gender", gender, base + m.start(), base + m.end())
            for m in anchored(pattern).finditer(folded)
        )
    return found
