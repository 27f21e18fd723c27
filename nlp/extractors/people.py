"""Defendants from the header, and countries named in the facts."""

from __future__ import annotations

import re

from nlp.findings import Finding

_ID_NAME = re.compile(r"Nama\s+lengkap\s*:\s*([^\n;]{2,120})", re.IGNORECASE)
_ID_AGE = re.compile(
    r"Umur(?:\s*/\s*[Tt]anggal\s+lahir)?\s*:\s*(\d{1,2})\s*(?:\(\w+\)\s*)?[Tt]ahun"
)
_ID_GENDER = re.compile(r"Jenis\s+[Kk]elamin\s*:\s*(Laki[-\s]?laki|Perempuan|Pria|Wanita)")
_ID_NATIONALITY = re.compile(r"Kebangsaan\s*(?:/\s*Kewarganegaraan)?\s*:\s*([A-Za-z ]{3,40})")
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
    "indonesia": "ID",
    "malaysia": "MY",
    "singapore": "SG",
    "singapura": "SG",
    "philippines": "PH",
    "filipina": "PH",
    "thailand": "TH",
    "vietnam": "VN",
    "viet nam": "VN",
    "cambodia": "KH",
    "kamboja": "KH",
    "myanmar": "MM",
    "laos": "LA",
    "brunei": "BN",
    "china": "CN",
    "tiongkok": "CN",
    "taiwan": "TW",
    "hong kong": "HK",
    "japan": "JP",
    "jepang": "JP",
    "korea": "KR",
    "saudi arabia": "SA",
    "arab saudi": "SA",
    "uni emirat arab": "AE",
    "united arab emirates": "AE",
    "dubai": "AE",
    "qatar": "QA",
    "kuwait": "KW",
    "oman": "OM",
    "bahrain": "BH",
    "jordan": "JO",
    "turki": "TR",
    "turkey": "TR",
    "syria": "SY",
    "suriah": "SY",
    "iraq": "IQ",
    "irak": "IQ",
    "timor leste": "TL",
    "australia": "AU",
    "new zealand": "NZ",
    "india": "IN",
    "bangladesh": "BD",
    "sri lanka": "LK",
    "nepal": "NP",
    "pakistan": "PK",
    "mauritius": "MU",
    "somalia": "SO",
}
_COUNTRY = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, COUNTRY_NAMES), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


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


def countries(text: str, base: int) -> list[Finding]:
    return [
        Finding("country", COUNTRY_NAMES[m.group(1).lower()], base + m.start(), base + m.end())
        for m in _COUNTRY.finditer(text)
    ]
