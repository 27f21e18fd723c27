"""Court, case number, decision date, proceeding stage and defendants from the header and the
closing formula. All offsets returned are relative to the text passed in plus `base`."""

from __future__ import annotations

import re
from datetime import date

from nlp.findings import Finding
from nlp.quantities import FoundDate, find_dates, lexicon

_ID_COURT = re.compile(
    r"\b(Pengadilan\s+(?:Negeri|Tinggi|Tipikor|Militer)(?:\s+(?:Kelas\s+[IVX]+[AB]?\s+)?"
    r"(?!yang\b|tersebut\b|dengan\b|dalam\b)[A-Z](?:\s(?=[a-z]))?[\w.'-]*){1,4}"
    r"|Mahkamah\s+Agung(?=\s+yang))"
)
_ID_NUMBER = re.compile(
    r"Nomor\s*:?\s*(\d+\s*/\s*Pid[\w.\-]*(?:\s*/\s*[A-Z][\w.\-]*)?\s*/\s*\d{4}\s*/\s*"
    r"(?:PN|PT|MA)\.?\s*[A-Z](?:[a-z]{1,5}|[A-Z]{1,5})(?:\.\s?[A-Z][A-Za-z]{1,4})?"
    r"(?:\s[A-Z][a-z]{1,4}\b)?)"
)
_PH_BRACKET = re.compile(
    r"\[\s*((?:G\.\s?R\.|A\.\s?M\.|A\.\s?C\.|B\.\s?M\.|UDK|AM|AC|GR|OCA|[A-Z][\w.\s]{0,20}No)"
    r"(?:[^\[\]]|\[[^\[\]]{0,120}\]){0,200}?),\s*((?:January|February|March|April|May|June|July"
    r"|August|September"
    r"|October|November|December)\s+\d{1,2},\s*\d{4})\s*\]"
)
# Lawphil pages print the same docket line without the brackets, on a line of its own.
_PH_DOCKET_LINE = re.compile(
    r"^[ \t]*((?:G\.\s?R\.|A\.\s?M\.|A\.\s?C\.|B\.\s?M\.)\s*Nos?\.?[^\n]{1,200}?),\s*"
    r"((?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2},\s*\d{4})[ \t]*$",
    re.MULTILINE,
)


def _ph_docket(text: str) -> re.Match[str] | None:
    """The header's docket and date: group 1 the docket number(s), group 2 the date."""
    return _PH_BRACKET.search(text) or _PH_DOCKET_LINE.search(text)


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

# How much of the opening the proceeding stage is read from.
STAGE_CHARS = 4_000

_CLOSING_PRONOUNCED = re.compile(r"diucapkan|dibacakan|Ditetapkan\s+di\b", re.IGNORECASE)
_CLOSING_DELIBERATED = re.compile(r"diputus(?:kan)?|musyawarah", re.IGNORECASE)
# "tanggal 26 Mei" with no year after it.
_DAY_MONTH = re.compile(
    r"tanggal\s+(?P<d>[0-3]?\d)\s+(?P<m>[A-Za-z]{3,9})\b(?!\s*,?\s*\d{4})", re.IGNORECASE
)
_CLOSING_SAME_DAY = re.compile(r"hari\s+(?:dan\s+tanggal\s+)?itu\s+juga", re.IGNORECASE)


def court(text: str, base: int, country: str) -> Finding | None:
    if country == "ID" or (country == "" and "Pengadilan" in text):
        match = _ID_COURT.search(text)
        if match:
            name = re.sub(r"\s+", " ", match.group(1)).strip()
            # PDF text splits a capital from its word ("T anjung") and some headers repeat
            # the court type ("Pengadilan Negeri Pengadilan Negeri Kepahiang").
            name = re.sub(r"\b([A-Z]) (?=[a-z])", r"\1", name)
            name = re.sub(r"^(Pengadilan \w+ )(?:Pengadilan \w+ )+", r"\1", name)
            return Finding("court", name, base + match.start(1), base + match.end(1))
    if country == "PH":
        division = _PH_DIVISION.search(text)
        if _ph_docket(text) or "Supreme Court" in text:
            if division:
                label = division.group(1).title().replace("En Banc", "En Banc")
                return Finding(
                    "court",
                    f"Supreme Court of the Philippines, {label}",
                    base + division.start(1),
                    base + division.end(1),
                )
            bracket = _ph_docket(text)
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
        match = _ph_docket(text)
        if match:
            # The docket without the "[Formerly OCA IPI No. ...]" history that may follow it.
            docket = re.split(r"\s*[\[(]\s*Formerly\b", match.group(1), maxsplit=1)[0]
            value = re.sub(r"\s+", " ", docket).strip()
            return Finding(
                "case_number", value, base + match.start(1), base + match.start(1) + len(docket)
            )
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
        match = _ph_docket(text)
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
    deliberation date when the decision was pronounced "pada hari itu juga". A court order
    ("Ditetapkan di ... pada tanggal ...") is dated where it is signed."""
    # Indonesian and Malay spell some months differently ("Juni"/"Jun", "Agustus"/"Ogos"), and an
    # Indonesian judgment is now and then detected as Malay: read both.
    dates = find_dates(text, "id")
    if lang == "ms":
        seen = {d.start for d in dates}
        dates = sorted(
            dates + [d for d in find_dates(text, "ms") if d.start not in seen],
            key=lambda d: d.start,
        )
    if not dates:
        return None
    pronounced = _CLOSING_PRONOUNCED.search(text)
    deliberated = _CLOSING_DELIBERATED.search(text)
    chosen = dates[0]
    if deliberated:
        chosen = next((d for d in dates if d.start > deliberated.end()), chosen)
    if pronounced:
        after = [
            d for d in dates if d.start > pronounced.end() and d.start - pronounced.end() < 400
        ]
        same_day = _CLOSING_SAME_DAY.search(text, pronounced.end(), pronounced.end() + 200)
        yearless = _yearless_date(text, pronounced.end(), chosen)
        if yearless and not same_day and (not after or yearless.start < after[0].start):
            chosen = yearless
        elif after and not same_day:
            chosen = after[0]
    return Finding("decision_date", chosen.iso, base + chosen.start, base + chosen.end)


def _yearless_date(text: str, start: int, deliberation: FoundDate) -> FoundDate | None:
    """ "diucapkan ... pada hari Selasa tanggal 26 Mei oleh ...": the year left out is the
    deliberation's (or the next one, when the day would fall before the deliberation)."""
    match = _DAY_MONTH.search(text, start, start + 300)
    if match is None:
        return None
    month = lexicon("id").months.get(match.group("m").lower())
    if month is None:
        return None
    deliberated = date.fromisoformat(deliberation.iso)
    try:
        value = date(deliberated.year, month, int(match.group("d")))
        if value < deliberated:
            value = date(deliberated.year + 1, month, int(match.group("d")))
    except ValueError:
        return None
    return FoundDate(value.isoformat(), match.start(), match.end())


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
            r"|petition\s+for\s+review\s+on\s+certiorari|\bMA\s+\d"
            # The accused petitions the Supreme Court against the People: an appeal.
            r"|Petitioners?\W{0,3}\s*vs?\.?\s*PEOPLE\s+OF\s+THE\s+PHILIPPINES",
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


# What a docket number says of the proceeding, read before any wording elsewhere in the header
# (an editorial note about a later appeal must not make a trial judgment an appeal).
_DOCKET_STAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("review", re.compile(r"Cr(?:iminal)?\.?\s*Rev(?:ision)?\b|Criminal\s+Motion", re.I)),
    (
        "appeal",
        re.compile(
            r"Magistrate'?s\s+Appeal|\bMA\s*\d|Criminal\s+Appeal|\bCCA\s*\d|\bCr\s*App", re.I
        ),
    ),
    ("first_instance", re.compile(r"Criminal\s+Case|\bCC\s*\d|\bSuit\b", re.I)),
)
# Philippine administrative matters and bar discipline (A.M., A.C., B.M. dockets).
_PH_ADMINISTRATIVE = re.compile(r"\[\s*(?:A\.\s?M\.|A\.\s?C\.|B\.\s?M\.)\s*No")


def proceeding_stage(text: str, base: int) -> Finding | None:
    """The docket number's stage where the header has one; else the first rule (most specific
    first) that the header matches."""
    for match in _SG_FIELD.finditer(text):
        if match.group(1) != "Case Number":
            continue
        for stage, pattern in _DOCKET_STAGES:
            found = pattern.search(match.group(2))
            if found:
                start = match.start(2) + found.start()
                return Finding(
                    "proceeding_stage", stage, base + start, base + match.start(2) + found.end()
                )
    administrative = _PH_ADMINISTRATIVE.search(text)
    if administrative:
        return Finding(
            "proceeding_stage", "other", base + administrative.start(), base + administrative.end()
        )
    for stage, pattern in _STAGE_RULES:
        match = pattern.search(text)
        if match:
            return Finding("proceeding_stage", stage, base + match.start(), base + match.end())
    return None
