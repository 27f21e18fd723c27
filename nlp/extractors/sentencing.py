"""Sentences: one `Penalty` per sentenced defendant, read the way each tradition writes them.

- Indonesia: numbered orders after "MENGADILI". One "Menjatuhkan pidana" order may sentence
  several accused: "Terdakwa I ... 5 tahun, Terdakwa II ... 6 tahun, dan denda masing-masing ..."
  or "Para Terdakwa ... masing-masing" (one sentence each, all alike).
- Philippines: a penalty per count ("In Criminal Case No. ..."); the coded sentence is the
  heaviest count with that count's fine. "They are each sentenced" sentences every accused named.
  A decision that only AFFIRMS takes the penalty of the decision affirmed, quoted in the body.
- Singapore: prose. An appeal court substitutes a sentence ("in favour of ...", "with one of
  ..."); a dismissed appeal leaves the aggregate sentence below; a trial judge states each
  accused's total or aggregate term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from nlp.extractors.penalties import Penalty, read_penalty
from nlp.quantities import find_amounts, find_durations, months

# ------------------------------------------------------------------------------ Indonesia

_ID_CLAUSE_START = re.compile(
    r"Menjatuhkan\s+(?:pidana|hukuman|tindakan)|Menghukum\s+(?:oleh\s+karena\s+itu\s+)?"
    r"(?:T\s?erdakwa|Para|Anak)|Memidana\s+(?:T\s?erdakwa|Para)",
    re.IGNORECASE,
)
# The next numbered order ("3. Menetapkan ...") ends a clause.
_ID_NEXT_ORDER = re.compile(
    r"(?<![\w,])\d{1,2}\s*[.)]\s+(?=[A-Z][a-z]+(?:kan|i)\b)|Menetapkan\s+masa"
    r"|Menetapkan\s+(?:agar\s+)?(?:para\s+)?T\s?erdakwa|Menetapkan\s+barang"
)
_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
}
_ID_DEFENDANT = re.compile(
    r"\b(?:[Tt]\s?erdakwa|TERDAKWA|Anak)\s*(?:ke\s*-?\s*)?(?P<n>VIII|VII|VI|IV|IX|III|II|I|V|X|[1-9])"
    r"(?![\w])\.?"
)
_EACH_ID = re.compile(r"masing\s*[-–]?\s*masing|\bpara\s+(?:T\s?erdakwa|Anak)\b", re.IGNORECASE)


def _numeral(match: re.Match[str]) -> int:
    token = match.group("n")
    return int(token) if token.isdigit() else _ROMAN[token]


def defendant_count(operative: str, full_text: str) -> int:
    """How many accused an Indonesian judgment tries: the highest "Terdakwa II"-style number in
    the operative part or the opening pages; at least two where "Para Terdakwa" is said."""
    numbers = {_numeral(m) for m in _ID_DEFENDANT.finditer(operative)}
    if len(numbers) < 2:
        numbers |= {_numeral(m) for m in _ID_DEFENDANT.finditer(full_text[: len(full_text) // 3])}
    return max(numbers | {2})


# "... pidana penjara 3 tahun, dan menjatuhkan pidana denda kepada Terdakwa ...": the same
# order goes on, it does not open another defendant's penalty.
_CONTINUED = re.compile(r"(?:,|\b(?:dan|serta))\s*$", re.IGNORECASE)


def _id_clauses(text: str) -> Iterator[tuple[int, int]]:
    starts = [
        m.start()
        for m in _ID_CLAUSE_START.finditer(text)
        if not _CONTINUED.search(text[max(m.start() - 12, 0) : m.start()])
    ]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        stop = _ID_NEXT_ORDER.search(text, start + 20, end)
        yield start, stop.start() if stop else min(end, start + 1_200)


def indonesian_sentences(text: str, lang: str, full_text: str) -> list[Penalty]:
    found: list[Penalty] = []
    for start, end in _id_clauses(text):
        for penalty in _id_clause_sentences(text, start, end, lang, full_text):
            found.append(_with_unitless_term(penalty, text, full_text))
    return found


# "pidana penjara selama 1 (satu) dan denda ...": a term whose unit the judgment left out,
# optionally followed by months ("selama 1 (satu) dan 6 (enam) bulan").
_UNITLESS_TERM = re.compile(
    r"penjara\s+(?:[^;\d]{0,40}?\s)?selama\s+(?P<n>\d{1,2})\s*\([a-z\s]+\)"
    r"(?!\s*(?:T\s?ahun|B\s?ulan|H\s?ari|M\s?inggu|tahun|bulan|hari|minggu))"
    r"(?:\s*dan\s+(?P<m>\d{1,2})\s*(?:\([a-z\s]+\)\s*)?bulan\b)?",
    re.IGNORECASE,
)
_ID_DEMAND = re.compile(
    r"tuntutan\s+pidana|tuntutan\s+(?:dari\s+)?Penuntut\s+Umum|Penuntut\s+Umum\s+"
    r"(?:yang\s+pada\s+pokoknya\s+)?menuntut",
    re.IGNORECASE,
)
_DEMANDED_TERM = re.compile(r"penjara\s+(?:[^;]{0,60}?\s)?selama\s+", re.IGNORECASE)
# How far from the demanded term a reading may be, as a ratio, to count as the one meant.
_PLAUSIBLE = (0.5, 2.0)


def _with_unitless_term(penalty: Penalty, text: str, full_text: str) -> Penalty:
    """A prison term written without its unit is read as years only when that is the one
    reading close to the prosecutor's demand (a wrong term is worse than none); otherwise it
    stays unknown."""
    if penalty.life:
        return penalty
    term = _UNITLESS_TERM.search(text, penalty.start, penalty.end)
    if term is None:
        return penalty
    demanded = _demanded_months(full_text)
    number, extra = int(term.group("n")), int(term.group("m") or 0)
    as_years, as_months = 12 * number + extra, number + extra
    plausible = [
        value
        for value in (as_years, as_months)
        if demanded and _PLAUSIBLE[0] <= value / demanded <= _PLAUSIBLE[1]
    ]
    chosen = plausible[0] if len(plausible) == 1 else None
    return replace(penalty, imprisonment_months=chosen, end=max(penalty.end, term.end()))


def _demanded_months(full_text: str) -> int | None:
    """The prison term the prosecutor asked for, as the judgment reports the demand."""
    demand = _ID_DEMAND.search(full_text)
    if demand is None:
        return None
    term = _DEMANDED_TERM.search(full_text, demand.end(), demand.end() + 3_000)
    if term is None:
        return None
    found = find_durations(full_text[term.end() : term.end() + 80], "id")
    return months(found[0].value) if found and found[0].start == 0 else None


def _distinct_defendants(markers: list[re.Match[str]]) -> list[re.Match[str]]:
    """A defendant named again inside their own penalty ("... pidana penjara 2 tahun dan pidana
    denda kepada Terdakwa I sejumlah ...") does not open a new defendant's penalty."""
    kept: list[re.Match[str]] = []
    for marker in markers:
        if not kept or _numeral(marker) != _numeral(kept[-1]):
            kept.append(marker)
    return kept


# "... dan pidana denda kepada Terdakwa II sebesar ...": the fine word before the name is part
# of that defendant's penalty.
_FINE_BEFORE_NAME = re.compile(r"(?:pidana\s+)?denda\s+(?:\w+\s+){0,2}?kepada\s+$", re.IGNORECASE)


def _segment_start(clause: str, marker_start: int) -> int:
    before = _FINE_BEFORE_NAME.search(clause[max(marker_start - 60, 0) : marker_start])
    return max(marker_start - 60, 0) + before.start() if before else marker_start


def _id_clause_sentences(
    text: str, start: int, end: int, lang: str, full_text: str
) -> list[Penalty]:
    clause = text[start:end]
    markers = _distinct_defendants(list(_ID_DEFENDANT.finditer(clause)))
    head = read_penalty(clause[: markers[0].start()], start, lang, "ID") if markers else None
    if not markers or head is not None:
        whole = read_penalty(clause, start, lang, "ID")
        if whole is None:
            return []
        numbers = {_numeral(m) for m in markers}
        if len(numbers) >= 2:
            return [whole] * len(numbers)
        if not markers and _EACH_ID.search(clause):
            return [whole] * defendant_count(text, full_text)
        return [whole]
    # One group per defendant, or per run of defendants named before one shared penalty.
    groups: list[tuple[int, Penalty]] = []
    group_of: dict[int, int] = {}  # defendant number -> index of their group
    pending: list[int] = []
    starts = [_segment_start(clause, marker.start()) for marker in markers]
    for index, seg_start in enumerate(starts):
        seg_end = starts[index + 1] if index + 1 < len(starts) else len(clause)
        number = _numeral(markers[index])
        penalty = read_penalty(clause[seg_start:seg_end], start + seg_start, lang, "ID")
        earlier = group_of.get(number)
        if earlier is not None and penalty is not None and penalty.fine is not None:
            # "..., serta pidana denda kepada Terdakwa I sebesar ...": a fine for a defendant
            # whose prison term came first.
            count, kept = groups[earlier]
            if kept.fine is None:
                groups[earlier] = (count, kept.with_fine(penalty))
            continue
        pending.append(number)
        if penalty is not None and (penalty.imprisonment_months or penalty.life or penalty.fine):
            group_of.update(dict.fromkeys(pending, len(groups)))
            groups.append((len(pending), penalty))
            pending = []
    if not groups:
        return []
    # "..., dan denda masing-masing Rp..." at the end: the fine is every defendant's.
    last_count, last = groups[-1]
    shared_fine = last.fine is not None and bool(
        re.search(r"masing", text[last.start : last.end], re.IGNORECASE)
    )
    result: list[Penalty] = []
    for count, penalty in groups:
        if penalty.fine is None and shared_fine:
            penalty = penalty.with_fine(last)
        result.extend([penalty] * count)
    return result


# ------------------------------------------------------------------------------ Philippines

_PH_CLAUSE_START = re.compile(
    r"\bsentenc(?:ed|es|ing)\b|\bto\s+suffer\b|\bpenalty\s+of\b|\bimpos(?:ed|es|ing)\b",
    re.IGNORECASE,
)
_PH_EACH = re.compile(
    r"\b(?:are|were)\s+(?:each|both|all)\b|\beach\s+(?:of\s+(?:the\s+)?)?(?:accused|appellants?"
    r"|petitioners?)\b|\b(?:They|them)\b[^.]{0,40}\beach\b",
)
_PH_GUILTY_SUBJECT = re.compile(
    r"([^.;:]{3,300}?)\s+(?:are|were)\s+(?:hereby\s+)?(?:found\s+)?(?:GUILTY|guilty)"
)
_PH_DISPOSITIVE = re.compile(
    r"(?:WHEREFORE|ACCORDINGLY|IN\s+VIEW\s+(?:WHEREOF|OF\s+THE\s+FOREGOING)|PREMISES\s+CONSIDERED)"
)
_PH_AFFIRMED = re.compile(r"\bAFFIRM(?:ED|S)\b|\baffirmed\b")
# "The penalty imposed by the Court of Appeals ... is maintained": the penalty is in the body.
_PH_PENALTY_KEPT = re.compile(
    r"penalt(?:y|ies)\s+imposed\s+by\s+the\s+(?:Court\s+of\s+Appeals|CA|RTC|trial\s+court)"
    r"[^.]{0,120}?\b(?:maintained|affirmed|retained|sustained)",
    re.IGNORECASE,
)


def _ph_clauses(text: str) -> Iterator[tuple[int, int]]:
    starts: list[int] = []
    for match in _PH_CLAUSE_START.finditer(text):
        # "sentenced to suffer the penalty of ...": one clause, not three.
        if not starts or match.start() - starts[-1] > 80:
            starts.append(match.start())
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        # A count ends at the next numbered count or the next "In Criminal Case".
        stop = re.search(r"\n\s*\(?\d+[.)]\s|In\s+Criminal\s+Case", text[start + 20 : end])
        yield start, start + 20 + stop.start() if stop else min(end, start + 900)


def _ph_heaviest(text: str, offset: int, lang: str) -> Penalty | None:
    penalties = [
        p
        for start, end in _ph_clauses(text)
        if (p := read_penalty(text[start:end], offset + start, lang, "PH")) is not None
    ]
    return max(penalties, key=lambda p: p.severity) if penalties else None


def _ph_accused_count(text: str) -> int:
    """Accused sentenced together ("They are each sentenced"): the names before "are GUILTY"."""
    if not _PH_EACH.search(text):
        return 1
    subject = _PH_GUILTY_SUBJECT.search(text)
    if subject is None:
        return 2
    names = re.split(r",\s+(?:and\s+)?|\s+and\s+", subject.group(1))
    return max(2, sum(1 for name in names if re.match(r"\s*[A-Z]", name)))


def _ph_affirmed_penalty(full_text: str, before: int, lang: str) -> Penalty | None:
    """The penalty of the last dispositive portion quoted in the body (the decision affirmed)."""
    starts = [m.start() for m in _PH_DISPOSITIVE.finditer(full_text, 0, before)]
    for start in reversed(starts):
        ordered = re.search(r"SO\s+ORDERED", full_text[start:before])
        end = start + ordered.start() if ordered else min(start + 3_000, before)
        penalty = _ph_heaviest(full_text[start:end], start, lang)
        if penalty is not None:
            return penalty
    return None


def philippine_sentences(
    text: str, base: int, lang: str, full_text: str
) -> list[tuple[Penalty, int]]:
    """(penalty, offset base) pairs: body penalties carry offsets into the full text (base 0)."""
    own = _ph_heaviest(text, 0, lang)
    chosen: tuple[Penalty, int] | None = (own, base) if own else None
    if full_text and _PH_AFFIRMED.search(text) and (own is None or _PH_PENALTY_KEPT.search(text)):
        affirmed = _ph_affirmed_penalty(full_text, base, lang)
        if affirmed and (own is None or affirmed.severity > own.severity):
            chosen = (affirmed, 0)
    if chosen is None:
        return []
    return [chosen] * _ph_accused_count(text)


# ------------------------------------------------------------------------------ Singapore

_SG_NEW_SENTENCE = re.compile(
    r"in\s+favour\s+of|with\s+one\s+of|set\s+aside\s+and|substitut\w*[^.]{0,160}?\bwith"
    r"|\binstead\b|(?:reduced|increased|enhanced)\s+(?:it\s+)?to",
    re.IGNORECASE,
)
_SG_DISMISSED = re.compile(
    r"dismiss(?:ed)?\s+the\s+appeal|appeals?\s+(?:is|are|was|were)\s+(?:accordingly\s+)?dismissed",
    re.IGNORECASE,
)
_SG_TOTAL = re.compile(
    r"\b(?:aggregate|global|total)\s+(?:(?:imprisonment|custodial|prison)\s+)?(?:sentence|term)"
    r"(?:\s+of\s+imprisonment)?"
    r"[^.;]{0,40}?(?:\bof\b|\bwas\b|\bis\b|\bbe\b|came\s+to|amount\w*\s+to)\s+",
    re.IGNORECASE,
)
_SG_TOTAL_FINE = re.compile(
    r"(?:total|aggregate|global)\s+fines?\s+(?:of\s+|was\s+|is\s+)?", re.IGNORECASE
)


def _sg_duration_at(text: str, start: int, reach: int = 80) -> int | None:
    found = find_durations(text[start : start + reach], "en")
    return months(found[0].value) if found and found[0].start < 25 else None


def _sg_substituted(text: str) -> Penalty | None:
    """The sentence an appeal court puts in place of the one below."""
    for sentence in re.finditer(r"[^.]*(?:\.(?=\s|$)|$)", text):
        markers = list(_SG_NEW_SENTENCE.finditer(sentence.group()))
        if not markers:
            continue
        after = markers[-1].end()
        found = find_durations(sentence.group()[after:], "en")
        if found:
            duration = found[0]
            start = sentence.start() + after + duration.start
            return Penalty(start, sentence.start() + after + duration.end, months(duration.value))
    return None


def _sg_totals(text: str, offset: int) -> list[Penalty]:
    """Each "aggregate/total sentence of N" statement, with a total fine and default if stated."""
    found: list[Penalty] = []
    for match in _SG_TOTAL.finditer(text):
        term = _sg_duration_at(text, match.end())
        if term is None:
            continue
        window = text[match.end() : match.end() + 250]
        fine_word = _SG_TOTAL_FINE.search(window)
        fine = None
        default = None
        if fine_word:
            amounts = list(find_amounts(window[fine_word.end() :], default_dollar="SGD"))
            if amounts and amounts[0].start < 10:
                fine = amounts[0]
                rest = window[fine_word.end() + fine.end :]
                in_default = re.search(r"in\s+default", rest[:40], re.IGNORECASE)
                if in_default:
                    parts = find_durations(rest[in_default.end() : in_default.end() + 80], "en")
                    default = months(parts[0].value) if parts else None
        start = offset + match.start()
        found.append(Penalty(start, offset + match.end() + 40, term, False, fine, default))
    return found


def singapore_sentences(
    text: str, base: int, full_text: str, stage: str | None
) -> list[tuple[Penalty, int]]:
    substituted = _sg_substituted(text)
    if substituted is not None:
        return [(substituted, base)]
    if _SG_DISMISSED.search(text) and full_text:
        totals = _sg_totals(full_text, 0)
        return [(totals[0], 0)] if totals else []
    totals = _sg_totals(text, 0)
    if totals:
        return [(t, base) for t in totals]
    if stage != "appeal" and full_text:
        half = len(full_text) // 2
        totals = _sg_totals(full_text[half:], half)
        if totals:
            return [(t, 0) for t in totals]
    return [(p, base) for p in _sg_pronounced(text)]


_SG_PRONOUNCED = re.compile(
    r"\bI\s+(?:would\s+)?(?:sentence[sd]?|impose[sd]?)\b|\bsentenced?\s+(?:him|her|them"
    r"|the\s+accused)\s+to\b",
    re.IGNORECASE,
)


def _sg_pronounced(text: str) -> list[Penalty]:
    """ "I sentence the accused to 4 years' imprisonment and a fine of $10,000": one penalty per
    such statement, read to the end of its sentence."""
    found: list[Penalty] = []
    for match in _SG_PRONOUNCED.finditer(text):
        end = re.search(r"\.(?:\s|$)", text[match.end() :])
        stop = match.end() + end.start() if end else len(text)
        penalty = read_penalty(text[match.start() : stop], match.start(), "en", "SG")
        if penalty is not None:
            found.append(penalty)
    return found
