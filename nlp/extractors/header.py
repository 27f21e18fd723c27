"""Court, case number, decision date, proceeding stage and defendants from the header and the
closing formula. All offsets returned are relative to the text passed in plus `base`."""

from __future__ import annotations

import re

from nlp.findings import Finding
from nlp.quantities import find_dates

_ID_COURT = re.compile(
    r"\b(Pengadilan\s+(?:Negeri|Tinggi|Tipikor|Militer)(?:\s+(?:Kelas\s+[IVX]+[AB]?\s+)?"
    r"(?!yang\b|tersebut\b|dengan\b|dalam\b)[A-Z][\w.'-]*){1,4}|Mahkamah\s+Agung(?=\s+yang))"
)
_ID_NUMBER = re.compile(
    r"Nomor\s*:?\s*(\d+\s*/\s*Pid[\w.\-]*(?:\s*/\s*[A-Z][\w.\-]*)?\s*/\s*\d{4}\s*/\s*"
    r"(?:PN|PT|MA)\.?\s*[A-Z][\w.]*(?:\s[A-Z][a-z]{1,4}\b)?)"
)
_PH_BRACKET = re.compile(
    r"\[\s*((?:G\.\s?R\.|A\.\s?M\.|A\.\s?C\.|B\.\s?M\.|UDK|AM|AC|GR|OCA|[A-Z][\w.\s]{0,20}No)"
    r"(?:[^\[\]]|\[[^\[\]]{0,120}\]){0,200}?),\s*((?:January|February|March|April|May|June|July"
    r"|August|September"
    r"|October|November|December)\s+\d{1,2},\s*\d{4})\s*\]"
)
_PH_DIVISION = re.compile(
    r"^[ \t]*((?:SPECIAL\s+)?(?:FIRST|SECOND|THIRD)\s+DIVISION|EN\s+BANC)[ \t]*$", re.MULTILINE
)
_SG_FIELD = re.compile(
    r"(?:\*\*|^#+[ \t]*)(Case Number|Decision Date|Tribunal/Court|Parties)(?:\*\*)?[ \t]*:["
    r" \t]*([^\n]+)",
    re.MULTILINE,
)
_SG_CITATION = re.compile(
    r"\[(\d{4})\]\s*(SG(?:HC|CA|DC|MC|HCR|HCF|HCA|CAB|CCA|IC)(?:\(I\))?)\s*(\d+)"
)
_MY_COURT = re.compile(
    r"\b((?:IN\s+THE\s+)?(?:HIGH\s+COURT|COURT\s+OF\s+APPEAL|FEDERAL\s+COURT|SESSIONS\s+COURT)"
    r"(?:\s+(?:OF|IN|AT)\s+[A-Z][A-Za-z]+){0,3}|MAHKAMAH\s+(?:TINGGI|RAYUAN|PERSEKUTUAN|SESYEN)"
    r"(?:\s+[A-Z][A-Za-z]+){0,3})"
)

_CLOSING_PRONOUNCED = re.compile(r"diucapkan|dibacakan", re.IGNORECASE)
_CLOSING_SAME_DAY = re.compile(r"hari\s+(?:dan\s+tanggal\s+)?itu\s+juga", re.IGNORECASE)


def court(text: str, base: int, country: str) -> Finding | None:
    if country == "ID" or (country == "" and "Pengadilan" in text):
        match = _ID_COURT.search(text)
        if match:
            name = re.sub(r"\s+", " ", match.group(1)).strip()
            return Finding("court", name, base + match.start(1), base + match.end(1))
    if country == "PH":
        division = _PH_DIVISION.search(text)
        if _PH_BRACKET.search(text) or "Supreme Court" in text:
            if division:
                label = division.group(1).title().replace("En Banc", "En Banc")
                return Finding(
                    "court",
                    f"Supreme Court of the Philippines, {label}",
                    base + division.start(1),
                    base + division.end(1),
                )
            bracket = _PH_BRACKET.search(text)
            if bracket:
                return Finding(
                    "court",
                    "Supreme Court of the Philippines",
                    base + bracket.start(1),
                    base + bracket.end(1),
                )
    if country == "SG":
        for match in _SG_FIELD.finditer(text):
            if match.group(1) == "Tribunal/Court":
                value = match.group(2).strip()
                return Finding(
                    "court", value, base + match.start(2), base + match.start(2) + len(value)
                )
    match = _MY_COURT.search(text)
    if match:
        name = re.sub(r"\s+", " ", match.group(1)).strip()
        return Finding("court", name, base + match.start(1), base + match.end(1))
    return None


def case_number(
    text: str, base: int, country: str, tail: str = "", tail_base: int = 0
) -> Finding | None:
    """`tail` is the end of the document, where Singapore reports print their own citation."""
    if country in {"ID", ""}:
        match = _ID_NUMBER.search(text)
        if match:
            value = re.sub(r"\s*/\s*", "/", match.group(1)).strip()
            return Finding("case_number", value, base + match.start(1), base + match.end(1))
    if country in {"PH", ""}:
        match = _PH_BRACKET.search(text)
        if match:
            value = re.sub(r"\s+", " ", match.group(1)).strip()
            return Finding("case_number", value, base + match.start(1), base + match.end(1))
    if country == "SG":
        source = re.search(r"Judgments/(\[\d{4}\]\s*SG\w+\s*\d+)", tail)
        if source:
            value = re.sub(r"\s+", " ", source.group(1))
            return Finding(
                "case_number", value, tail_base + source.start(1), tail_base + source.end(1)
            )
        for match in _SG_FIELD.finditer(text):
            if match.group(1) == "Case Number":
                value = match.group(2).strip()
                return Finding(
                    "case_number", value, base + match.start(2), base + match.start(2) + len(value)
                )
    return None


def header_date(text: str, base: int, country: str, lang: str) -> Finding | None:
    """The decision date where the header states it (PH bracket, SG "Decision Date")."""
    if country == "PH":
        match = _PH_BRACKET.search(text)
        if match:
            dates = find_dates(match.group(2), "en")
            if dates:
                return Finding(
                    "decision_date", dates[0].iso, base + match.start(2), base + match.end(2)
                )
    if country == "SG":
        for match in _SG_FIELD.finditer(text):
            if match.group(1) == "Decision Date":
                dates = find_dates(match.group(2), "en")
                if dates:
                    d = dates[0]
                    return Finding(
                        "decision_date",
                        d.iso,
                        base + match.start(2) + d.start,
                        base + match.start(2) + d.end,
                    )
    return None


def closing_date(text: str, base: int, lang: str) -> Finding | None:
    """Indonesian closing formula: the pronouncement date ("diucapkan ... tanggal ..."), or the
    deliberation date when the decision was pronounced "pada hari itu juga"."""
    dates = find_dates(text, lang if lang in {"id", "ms"} else "id")
    if not dates:
        return None
    pronounced = _CLOSING_PRONOUNCED.search(text)
    chosen = dates[0]
    if pronounced:
        after = [
            d for d in dates if d.start > pronounced.end() and d.start - pronounced.end() < 400
        ]
        same_day = _CLOSING_SAME_DAY.search(text, pronounced.end(), pronounced.end() + 200)
        if after and not same_day:
            chosen = after[0]
    return Finding("decision_date", chosen.iso, base + chosen.start, base + chosen.end)


def sg_citation_in(text: str) -> str | None:
    match = _SG_CITATION.search(text)
    return f"[{match.group(1)}] {match.group(2)} {match.group(3)}" if match else None


_STAGE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "review",
        re.compile(
            r"peninjauan\s+kembali|petition\s+for\s+review\s+of\s+(?:the\s+)?judgment"
            r"|criminal\s+review|motion\s+for\s+reconsideration",
            re.IGNORECASE,
        ),
    ),
    ("cassation", re.compile(r"\bkasasi\b", re.IGNORECASE)),
    (
        "appeal",
        re.compile(
            r"accused[-\s]appellants?|\bappellants?\b|tingkat\s+banding|\bbanding\b"
            r"|Magistrate'?s\s+Appeal|Criminal\s+Appeal|Court\s+of\s+Appeal"
            r"|petition\s+for\s+review\s+on\s+certiorari|\bMA\s+\d",
            re.IGNORECASE,
        ),
    ),
    (
        "first_instance",
        re.compile(
            r"tingkat\s+pertama|Pengadilan\s+Negeri|Criminal\s+Case\s+No"
            r"|\bSuit\b|High\s+Court|Sessions\s+Court|Mahkamah\s+Sesyen",
            re.IGNORECASE,
        ),
    ),
)


def proceeding_stage(text: str, base: int) -> Finding | None:
    """The first rule (most specific first) that the header matches."""
    for stage, pattern in _STAGE_RULES:
        match = pattern.search(text)
        if match:
            return Finding("proceeding_stage", stage, base + match.start(), base + match.end())
    return None
