"""The fixed formulas of Thai, Vietnamese and Malay judgments: court, case number, decision date,
outcome, sentences and compensation.

These traditions are not (yet) sectioned like the Indonesian, Philippine and Singapore ones, so
the coder reads them through the formulas every judgment of the tradition uses: "คดีหมายเลขแดงที่"
and "พิพากษาว่า ... จำคุก 4 ปี" in Thailand, "Bản án số" and "Xử phạt bị cáo ... 05 năm tù" in Viet
Nam, "Mahkamah Tinggi" and "dihukum penjara ... tahun" in Malaysia. The regexes are data
(`nlp/patterns/<lang>/judgment.json`); this module holds the grammar that puts them together.
Findings carry offsets into the text they were given.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from nlp.findings import Finding
from nlp.quantities import PATTERNS_DIR, lexicon, parse_figure

FORMULA_LANGUAGES = frozenset({"th", "vi", "ms"})

# The operative part is looked for near the end only; reading a whole judgment for the verdict
# formula would find the lower court's verdict quoted in an appeal.
_TAIL_CHARS = 8_000
_HEADER_CHARS = 4_000
# How far before the operative part its ground of dismissal may be stated (one paragraph).
_DISMISSAL_GROUND_CHARS = 600
_CLAUSE_CHARS = 400


@dataclass(frozen=True, slots=True)
class Formulas:
    court: re.Pattern[str]
    case_number: re.Pattern[str]
    date_cue: re.Pattern[str]
    operative: re.Pattern[str]
    convicted: re.Pattern[str]
    acquitted: re.Pattern[str]
    # Grounds or orders that end a case without deciding guilt; None where a tradition has none.
    dismissed: re.Pattern[str] | None
    sentence_start: re.Pattern[str]
    final_sentence: re.Pattern[str]
    life: re.Pattern[str]
    fine: re.Pattern[str]
    compensation: re.Pattern[str]
    duration: re.Pattern[str]
    amount: re.Pattern[str]
    date: re.Pattern[str]
    currency: str
    decimal_comma: bool
    months: dict[str, int]


def _date_pattern(lang: str) -> re.Pattern[str]:
    """Day, month and year as each tradition writes them: "12 มิถุนายน พ.ศ. 2566",
    "12 เดือน มิถุนายน พุทธศักราช 2566", "ngày 12 tháng 6 năm 2023", "12-6-2023",
    "12 haribulan Jun 2023"."""
    names = "|".join(sorted(map(re.escape, lexicon(lang).months), key=len, reverse=True))
    named = (
        rf"(?<!\d)(?P<d>[0-3]?\d)\s*(?:เดือน\s*|haribulan\s+|hb\.?\s+)?(?P<m>{names})"
        rf"\s*(?:,\s*)?(?:พ\.\s?ศ\.|พุทธศักราช|ค\.\s?ศ\.|năm)?\s*(?P<y>\d{{4}})(?!\d)"
    )
    figures = r"(?<![\d/.-])(?P<d2>[0-3]?\d)[-/.](?P<m2>[01]?\d)[-/.](?P<y2>\d{4})(?!\d)"
    return re.compile(f"{named}|{figures}", re.IGNORECASE)


@cache
def formulas(lang: str) -> Formulas | None:
    """The formulas of a language, or None when it has none."""
    path = PATTERNS_DIR / lang / "judgment.json"
    if lang not in FORMULA_LANGUAGES or not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    flags = re.MULTILINE

    def compiled(key: str) -> re.Pattern[str]:
        return re.compile(data[key], flags)

    return Formulas(
        court=compiled("court"),
        case_number=compiled("case_number"),
        date_cue=compiled("date_cue"),
        operative=compiled("operative"),
        convicted=compiled("convicted"),
        acquitted=compiled("acquitted"),
        dismissed=compiled("dismissed") if "dismissed" in data else None,
        sentence_start=compiled("sentence_start"),
        final_sentence=compiled("final_sentence"),
        life=compiled("life"),
        fine=compiled("fine"),
        compensation=compiled("compensation"),
        duration=compiled("duration"),
        amount=compiled("amount"),
        date=_date_pattern(lang),
        currency=str(data["currency"]),
        decimal_comma=bool(data["decimal_comma"]),
        months={k.lower(): v for k, v in lexicon(lang).months.items()},
    )


# --------------------------------------------------------------------------------------------
# Quantities in these traditions' own words
# --------------------------------------------------------------------------------------------


def _iso_date(match: re.Match[str], months: dict[str, int]) -> str | None:
    if match.group("d"):
        day = int(match.group("d"))
        month = months.get(re.sub(r"\s+", " ", match.group("m").lower()), 0)
        year = int(match.group("y"))
    else:
        day, month, year = int(match.group("d2")), int(match.group("m2")), int(match.group("y2"))
    # Thai judgments count years in the Buddhist era (2566 BE = 2023 CE).
    if year > 2400:
        year -= 543
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _months(match: re.Match[str]) -> int:
    years = int(match.group("years") or 0)
    extra = int(match.group("months_after") or 0) + int(match.group("months") or 0)
    return years * 12 + extra


def _amount(match: re.Match[str], rules: Formulas) -> float | None:
    return parse_figure(match.group("amount"), decimal_comma=rules.decimal_comma)


# --------------------------------------------------------------------------------------------
# The fields
# --------------------------------------------------------------------------------------------


def _value_finding(field: str, match: re.Match[str], base: int) -> Finding:
    value = re.sub(r"\s+", " ", match.group("value")).strip()
    return Finding(field, value, base + match.start("value"), base + match.end("value"))


def _decision_date(text: str, rules: Formulas) -> Finding | None:
    """The first dated cue of the header ("วันที่ ...", "Ngày ...", "Tarikh Keputusan ...")."""
    head = text[:_HEADER_CHARS]
    for cue in rules.date_cue.finditer(head):
        match = rules.date.search(head, cue.end(), cue.end() + 60)
        if match and match.start() - cue.end() <= 12:
            iso = _iso_date(match, rules.months)
            if iso:
                return Finding("decision_date", iso, match.start(), match.end())
    return None


def _operative_start(text: str, rules: Formulas) -> int:
    tail_start = max(len(text) - _TAIL_CHARS, 0)
    # Short documents and judgments whose operative formula sits earlier: the last one anywhere.
    starts = [m.start() for m in rules.operative.finditer(text, tail_start)] or [
        m.start() for m in rules.operative.finditer(text)
    ]
    return starts[-1] if starts else tail_start


def _outcome(text: str, start: int, rules: Formulas) -> Finding | None:
    convicted = list(rules.convicted.finditer(text, start))
    acquitted = list(rules.acquitted.finditer(text, start))
    # The ground of a dismissal is often stated just before the order ("โจทก์ไม่มีอำนาจฟ้อง ...
    # พิพากษากลับ ให้ยกฟ้อง"); with no conviction, it makes the order a dismissal.
    dismissed = (
        rules.dismissed.search(text, max(start - _DISMISSAL_GROUND_CHARS, 0))
        if rules.dismissed
        else None
    )
    if dismissed and not convicted:
        return Finding("outcome", "dismissed", dismissed.start(), dismissed.end())
    if convicted and acquitted:
        first = min(convicted[0].start(), acquitted[0].start())
        last = max(convicted[-1].end(), acquitted[-1].end())
        return Finding("outcome", "mixed", first, last)
    if convicted:
        return Finding("outcome", "convicted", convicted[0].start(), convicted[0].end())
    if acquitted:
        return Finding("outcome", "acquitted", acquitted[0].start(), acquitted[0].end())
    return None


def _sentence(text: str, start: int, rules: Formulas) -> Finding | None:
    """One sentence: the final one where the judgment states a reduced or combined sentence
    ("คงจำคุก 4 ปี", "tổng hợp hình phạt"), else the first stated in the operative part."""
    finals = list(rules.final_sentence.finditer(text, start))
    clause_start = finals[-1].start() if finals else None
    if clause_start is None:
        first = rules.sentence_start.search(text, start)
        if first is None:
            return None
        clause_start = first.start()
    clause = text[clause_start : clause_start + _CLAUSE_CHARS]
    life = rules.life.search(clause)
    fine_word = rules.fine.search(clause)
    durations = [
        d for d in rules.duration.finditer(clause) if not fine_word or d.start() < fine_word.start()
    ]
    fine = None
    if fine_word:
        fine = rules.amount.search(clause, fine_word.end(), fine_word.end() + 120)
    if not (life or durations or fine):
        return None
    fine_amount = _amount(fine, rules) if fine else None
    value = {
        "imprisonment_months": _months(durations[0]) if durations and not life else None,
        "life": bool(life),
        "fine": {"amount": fine_amount, "currency": rules.currency} if fine_amount else None,
        "subsidiary_detention_months": None,
    }
    ends = [m.end() for m in (life, fine) if m] + [d.end() for d in durations[:1]]
    return Finding("sentence", value, clause_start, clause_start + max(ends))


def _compensation(text: str, start: int, rules: Formulas) -> list[Finding]:
    found: list[Finding] = []
    for match in rules.compensation.finditer(text, start):
        amount = rules.amount.search(text, match.end(), match.end() + 200)
        value = _amount(amount, rules) if amount else None
        if value is None:
            continue
        found.append(
            Finding(
                "compensation",
                {
                    "kind": "restitution",
                    "amount": value,
                    "currency": rules.currency,
                    "beneficiary": None,
                },
                match.start(),
                amount.end() if amount else match.end(),
            )
        )
        break  # the first order; later mentions repeat it (costs, totals)
    return found


def formula_findings(text: str, lang: str, *, criminal: bool = True) -> list[Finding]:
    """Findings for court, case_number, decision_date, outcome, sentence and compensation read
    off the language's formulas; empty for languages without formulas."""
    rules = formulas(lang)
    if rules is None or not text.strip():
        return []
    head = text[:_HEADER_CHARS]
    found: list[Finding] = []
    for field, pattern in (("court", rules.court), ("case_number", rules.case_number)):
        match = pattern.search(head)
        if match:
            found.append(_value_finding(field, match, 0))
    date_finding = _decision_date(text, rules)
    if date_finding:
        found.append(date_finding)
    if not criminal:
        return found
    start = _operative_start(text, rules)
    for finding in (_outcome(text, start, rules), _sentence(text, start, rules)):
        if finding:
            found.append(finding)
    found.extend(_compensation(text, start, rules))
    return found
