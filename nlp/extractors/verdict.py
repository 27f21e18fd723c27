"""Outcome, sentences and compensation, read from the operative part only.

Reading only this court's operative part is what keeps the prosecutor's demand (tuntutan) and a
lower court's sentence under review out of the coded sentence: both are quoted earlier in the
judgment with the same wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.findings import Finding
from nlp.quantities import Amount, find_amounts, find_durations, months

_CONVICTED = re.compile(
    r"terbukti\s+secara\s+sah\s+dan\s+meyakinkan\s+bersalah|(?<!tidak\s)terbukti\s+bersalah"
    r"|\bGUILTY\b|\bguilty\s+beyond\s+reasonable\s+doubt|\bconvict(?:ed|s)?\b(?!\s+(?:person|of\s+the))"
    r"|didapati\s+bersalah|disabitkan",
    re.IGNORECASE,
)
_NOT_GUILTY = re.compile(r"not\s+guilty|tidak\s+bersalah", re.IGNORECASE)
_ACQUITTED = re.compile(
    r"tidak\s+terbukti\s+secara\s+sah|membebaskan\s+Terdakwa|lepas\s+dari\s+segala\s+tuntutan"
    r"|\bACQUIT(?:TED|S)?\b|\bacquittal\b|dibebaskan\s+dan\s+dilepaskan|not\s+guilty",
    re.IGNORECASE,
)
_DISMISSED = re.compile(
    r"\b(?:appeal|petition|case|complaint|charges?)\b[^.]{0,80}\bDISMISSED\b"
    r"|\bDENIED\b|ditolak|tidak\s+dapat\s+diterima",
    re.IGNORECASE,
)

_IMPRISONMENT = re.compile(
    r"pidana\s+penjara|penjara\s+selama|\bimprisonment\b|reclusion|prision|\bpenjara\b"
    r"|\bsentenced?\b",
    re.IGNORECASE,
)
_LIFE = re.compile(
    r"seumur\s+hidup|life\s+imprisonment|reclusion\s+perpetua|penjara\s+seumur"
    r"|imprisonment\s+for\s+life|penjara\s+sepanjang\s+hayat",
    re.IGNORECASE,
)
_FINE = re.compile(r"\bdenda\b|\bfine\b|\bfined\b", re.IGNORECASE)
_SUBSIDIARY = re.compile(
    r"kurungan|subsidiair|subsidair|subsidiary\s+imprisonment"
    r"|in\s+default\s+of\s+payment|in\s+default",
    re.IGNORECASE,
)

# Where one sentence (one penalty for one accused) begins in each tradition's operative part.
_SENTENCE_START = re.compile(
    r"Menjatuhkan\s+pidana|Menghukum\s+Terdakwa|Menjatuhkan\s+(?:pidana\s+)?kepada"
    r"|sentenced?\s+(?:him|her|them|each|the\s+accused)|(?:hereby\s+)?sentenced?\s+to"
    r"|\bto\s+suffer\b|penalty\s+of|I\s+(?:would\s+)?(?:sentence|impose|order)"
    r"|imposed?\s+(?:on|upon)",
    re.IGNORECASE,
)

_COMPENSATION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "restitution",
        re.compile(r"restitusi|restitution|pampasan|ganti\s+(?:rugi|kerugian)", re.IGNORECASE),
    ),
    ("moral_damages", re.compile(r"moral\s+damages", re.IGNORECASE)),
    ("exemplary_damages", re.compile(r"exemplary\s+damages", re.IGNORECASE)),
    (
        "actual_damages",
        re.compile(r"actual\s+damages|temperate\s+damages|compensatory\s+damages", re.IGNORECASE),
    ),
    ("other", re.compile(r"civil\s+indemnity|compensation\s+(?:order|of)", re.IGNORECASE)),
)
_BENEFICIARY = re.compile(
    r"(?:kepada|to|untuk)\s+((?:Anak\s+)?(?:Saksi\s+)?Korban(?:\s+[A-Z][\w.]*){0,3}"
    r"|(?:each\s+of\s+)?(?:the\s+)?(?:private\s+)?(?:victims?|complainants?|offended\s+part(?:y|ies))"
    r"(?:\s+[A-Z]{3}\b)?|[A-Z]{3}(?:\s+and\s+[A-Z]{3})*)",
)


def _currency_hint(country: str) -> str | None:
    return {"SG": "SGD", "MY": "MYR"}.get(country)


def outcome(text: str, base: int, *, criminal: bool) -> Finding | None:
    """This court's decision on the accused; None for non-criminal matters."""
    if not criminal or not text.strip():
        return None
    convictions = [
        m
        for m in _CONVICTED.finditer(text)
        if not _NOT_GUILTY.match(text, m.start() - 4)
        and not re.search(r"not\s+$", text[max(m.start() - 5, 0) : m.start()], re.I)
    ]
    acquittals = list(_ACQUITTED.finditer(text))
    if convictions and acquittals:
        first = min(convictions[0].start(), acquittals[0].start())
        last = max(convictions[-1].end(), acquittals[-1].end())
        return Finding("outcome", "mixed", base + first, base + last)
    if convictions:
        m = convictions[0]
        return Finding("outcome", "convicted", base + m.start(), base + m.end())
    if acquittals:
        m = acquittals[0]
        return Finding("outcome", "acquitted", base + m.start(), base + m.end())
    dismissed = _DISMISSED.search(text)
    if dismissed:
        return Finding("outcome", "dismissed", base + dismissed.start(), base + dismissed.end())
    return None


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of the operative part that each state one penalty."""
    starts = [m.start() for m in _SENTENCE_START.finditer(text)]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        # A clause ends at the next numbered order or paragraph about something else.
        stop = re.search(
            r"\n\s*\d+\.\s|\n\s*\n|Menetapkan\s+masa|Menetapkan\s+barang", text[start:end]
        )
        yield start, start + (stop.start() if stop and stop.start() > 40 else min(end - start, 900))


def sentences(text: str, base: int, lang: str, country: str) -> list[Finding]:
    """One finding per penalty clause: value is a dict of imprisonment_months, life, fine,
    subsidiary_detention_months."""
    found: list[Finding] = []
    duration_lang = lang if lang in {"id", "ms", "tl", "th", "vi"} else "en"
    for start, end in _clauses(text):
        clause = text[start:end]
        prison = _IMPRISONMENT.search(clause)
        fine_word = _FINE.search(clause)
        subsidiary_word = _SUBSIDIARY.search(clause, fine_word.end() if fine_word else 0)
        life = _LIFE.search(clause)
        durations = find_durations(clause, duration_lang)
        if duration_lang != "en" and not durations:
            durations = find_durations(clause, "en")
        imprisonment = None
        subsidiary = None
        for duration in durations:
            if subsidiary_word and duration.start > subsidiary_word.start():
                if subsidiary is None:
                    subsidiary = duration
            elif imprisonment is None or duration.value > imprisonment.value:
                # Indeterminate sentences name a minimum and a maximum: keep the maximum.
                imprisonment = duration
        fine: Amount | None = None
        if fine_word:
            amounts = [
                a
                for a in find_amounts(clause, default_dollar=_currency_hint(country))
                if a.start >= fine_word.start() - 5
            ]
            fine = amounts[0] if amounts else None
        if not (life or (prison and imprisonment) or fine):
            continue
        value = {
            "imprisonment_months": months(imprisonment.value)
            if imprisonment and not life
            else None,
            "life": bool(life),
            "fine": {"amount": fine.amount, "currency": fine.currency} if fine else None,
            "subsidiary_detention_months": months(subsidiary.value)
            if subsidiary and fine
            else None,
        }
        pieces = [q for q in (imprisonment, subsidiary, fine) if q is not None]
        span_end = max([q.end for q in pieces] + [life.end() if life else 0])
        found.append(Finding("sentence", value, base + start, base + start + max(span_end, 1)))
    return found


def compensation(text: str, base: int, country: str) -> list[Finding]:
    """Restitution and damages ordered in the operative part, each with its amount."""
    found: list[Finding] = []
    taken: set[int] = set()
    amounts = list(find_amounts(text, default_dollar=_currency_hint(country)))
    for kind, pattern in _COMPENSATION_KINDS:
        for match in pattern.finditer(text):
            after = [
                a for a in amounts if 0 <= a.start - match.end() < 250 and a.start not in taken
            ]
            amount = after[0] if after else None
            if amount:
                taken.add(amount.start)
            window = text[match.start() : match.end() + 300]
            beneficiary = _BENEFICIARY.search(window)
            end = amount.end if amount else match.end()
            found.append(
                Finding(
                    "compensation",
                    {
                        "kind": kind,
                        "amount": amount.amount if amount else None,
                        "currency": amount.currency if amount else None,
                        "beneficiary": re.sub(r"\s+", " ", beneficiary.group(1))
                        if beneficiary
                        else None,
                    },
                    base + match.start(),
                    base + end,
                )
            )
    return found
