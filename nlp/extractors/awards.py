"""Compensation ordered for victims: restitution and damages, each with its amount.

Amounts stand on either side of the kind: "PHP 500,000.00 as moral damages", "moral damages of
PHP 50,000.00", "membayar restitusi kepada Korban ... sebesar Rp10.000.000,00", and one amount may
serve a list ("moral damages, civil indemnity, and exemplary damages ... PHP 50,000.00 each").
A refused or inadmissible request ("Permohonan Restitusi tidak dapat diterima") is no award; the
court's refusal, in its reasoning or its order, is read apart (`refusals`).

An Indonesian order of restitution usually says what happens if it is not paid: "apabila
restitusi tersebut tidak dibayar diganti dengan pidana kurungan selama 3 (tiga) bulan". That
term is read with the award (`Award.default_detention_months`).

An amount ordered "to each" of several named victims is one award per victim ("to pay AAA and
BBB each PHP 500,000.00 as moral damages and PHP 100,000.00 as exemplary damages" is four awards;
"kepada Anak Korban I dan Anak Korban II masing-masing sebesar Rp25.000.000,00" two), and an
Indonesian order that lists its victims one by one ("Saksi Korban A sejumlah Rp..; Saksi Korban B
adalah sebesar Rp..") is one award per line. "masing-masing" after a joint order ("secara
tanggung renteng masing-masing sebesar") shares one award among the accused and is not repeated.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from nlp.extractors.order_items import NEXT_ITEM
from nlp.extractors.penalties import currency_hint
from nlp.quantities import Amount, find_amounts, find_durations, months

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "restitution",
        re.compile(
            r"restitusi|restitut(?:ion|e)|pampasan|ganti\s+(?:rugi|kerugian)", re.IGNORECASE
        ),
    ),
    ("moral_damages", re.compile(r"moral\s+damages", re.IGNORECASE)),
    ("exemplary_damages", re.compile(r"exemplary\s+damages", re.IGNORECASE)),
    (
        "actual_damages",
        re.compile(
            r"actual\s+damages|temperate\s+damages|compensatory\s+damages|\bindemnify\b",
            re.IGNORECASE,
        ),
    ),
    ("other", re.compile(r"civil\s+indemnity|compensation\s+(?:order|of)", re.IGNORECASE)),
)
_REFUSED = re.compile(
    r"^[^;.]{0,80}?(?:tidak\s+dapat\s+diterima|ditolak|\bdenied\b|\bdeleted\b)"
    r"|(?:Menolak|Menyatakan\s+tidak\s+dapat\s+menerima)[^;.]{0,60}$",
    re.IGNORECASE,
)
_ORDERED = re.compile(r"membayar|\bpay\b|ordered|\bmenghukum\b|dibayarkan", re.IGNORECASE)
# Words that may stand between an amount and the kind it is "as" ("P75,000.00 as moral damages").
_BEFORE_GAP = re.compile(r"\s*(?:\([^()]{0,80}\)\s*)?(?:as|by\s+way\s+of|for)?\s*(?:the\s+)?")
# Words that may stand between the kind and its amount ("moral damages in the amount of").
_AFTER_GAP = re.compile(
    r"\s*(?:(?:in\s+)?the\s+(?:total\s+)?(?:amounts?|sums?)\s+of|of|amounting\s+to|at|:|,"
    r"|sebesar|sejumlah|senilai)?\s*",
    re.IGNORECASE,
)
# "to indemnify Maria Santos the amount of P107,000.00", "to restitute the sums collected ...
# in the total amount of P179,970.00": a payee or a description may stand in between.
_PAYEE_GAP = re.compile(r"[^.;]{0,120}?\b(?:amounts?|sums?)\s+of\s*")
_EACH_AFTER_LIST = re.compile(r"^[^.;]{0,60}?\b(?:to|of|at)\s+$", re.IGNORECASE)
_BENEFICIARY = re.compile(
    r"(?:kepada|to|untuk)\s+((?:Anak\s+)?(?:Saksi\s+)?Korban(?:\s+[A-Z][\w.]*){0,3}"
    r"|(?:each\s+of\s+)?(?:the\s+)?(?:private\s+)?(?:victims?|complainants?|offended\s+part(?:y|ies))"
    r"(?:\s+[A-Z]{3}\b)?|(?!(?:PHP|IDR|SGD|MYR|USD|THB|VND)\b)[A-Z]{3}(?:\s+and\s+[A-Z]{3})*)",
)

# One payee in a list: a redacted code ("AAA", "BBB2"), an Indonesian victim designation
# ("Saksi Korban Rina", "Anak Korban II"), or a name of capitalised words.
_PAYEE = (
    r"(?:(?-i:\b[A-Z]{3}\d*\b)|(?:(?:Saksi|Anak|saksi|anak)\s+)*(?:Korban|korban)\s+(?:[IVX]+\b|"
    r"(?:[A-Z][\w.'-]*\s*){1,4})|(?:[A-Z][\w.'-]*\s+){1,4})"
)
# Two or more payees followed by "each" / "masing-masing" before the amount.
_EACH_LIST = re.compile(
    rf"(?:kepada|to|pay|untuk)\s+((?:the\s+)?(?:private\s+)?(?:victims?\s+)?{_PAYEE}"
    rf"(?:\s*,\s*{_PAYEE})*\s*,?\s*(?:dan|and)\s+{_PAYEE})\s*,?\s*(?:each|masing-masing)\b"
)
_PAYEE_SPLIT = re.compile(r"\s*,\s*(?:dan\s+|and\s+)?|\s+(?:dan|and)\s+")
# An each-list reaches the amounts of its own sentence; a sentence ends at ";" or ". X".
_SENTENCE_END = re.compile(rf";|\.\s+[A-Z(]|{NEXT_ITEM}")
# Indonesian orders listing one amount per victim: "Saksi Korban Aminah Binti Handi adalah
# sebesar Rp6.222.840,00 (enam juta ... rupiah); - Saksi Korban Mera ... sebesar ...".
_ID_PAYEE_LINE = re.compile(
    r"[\s,;:\-\u2013]*(?:dan\s+)?(?:terhadap\s+|kepada\s+)?(?:(?:Saksi|Anak|Korban)\s+)+"
    r"(?:(?:[A-Z][\w.'-]*|[Bb]in|[Bb]inti|[Aa]l|[Aa]lias|[Aa]ls\.?)\s+){1,8}"
    r"(?:adalah\s+)?(?:sebesar|sejumlah|senilai)\s*"
)
_SPELLED_OUT = re.compile(r"\s*\([^()]{0,200}\)")
# An Indonesian amount read after the kind must still belong to the order of compensation: a
# new numbered item or the list of exhibits starts something else.
_ID_ORDER_BREAK = re.compile(
    rf"{NEXT_ITEM}|barang\s+bukti|Menetapkan|biaya\s+perkara", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Award:
    kind: str
    amount: Amount | None
    beneficiary: str | None
    start: int  # offsets into the text read
    end: int
    # What tells this award from an equal one in the same order, so that a judgment restating
    # an order is not counted twice but "to each" of several victims is: the payee of an "each"
    # list, or the place of an amount in a list of equal amounts (0 for the first).
    payee: str | None = None
    ordinal: int = 0
    # Detention if the award is not paid, in months (Indonesian restitution orders).
    default_detention_months: int | None = None


def _mentions(text: str) -> list[tuple[str, re.Match[str]]]:
    found = [(kind, m) for kind, pattern in KINDS for m in pattern.finditer(text)]
    return sorted(found, key=lambda item: item[1].start())


def awards(text: str, country: str, *, indonesian: bool) -> list[Award]:
    """Every award the text orders, in order."""
    amounts = list(find_amounts(text, default_dollar=currency_hint(country)))
    mentions = _mentions(text)
    each_lists = _each_lists(text)
    taken: set[int] = set()
    found: list[Award] = []
    for index, (kind, match) in enumerate(mentions):
        if _REFUSED.search(text[match.end() : match.end() + 120]) or _REFUSED.search(
            text[max(match.start() - 80, 0) : match.start()]
        ):
            continue
        next_start = mentions[index + 1][1].start() if index + 1 < len(mentions) else len(text)
        payees = _payee_list(text, match, amounts, next_start)
        if indonesian and len(payees) < 2:
            payees = _id_payee_lines(text, match, amounts, taken)
        if len(payees) > 1:
            seen: list[float | None] = []
            for each in payees:
                taken.add(each.start)
                ordinal = seen.count(each.amount)
                seen.append(each.amount)
                start = min(match.start(), each.start)
                found.append(Award(kind, each, None, start, each.end, ordinal=ordinal))
            continue
        amount = _amount_for(text, match, amounts, taken, next_start, indonesian=indonesian)
        if amount is None:
            amount = _shared_amount(text, mentions, index, amounts)
        if amount is None and not _ORDERED.search(text[max(match.start() - 80, 0) : match.start()]):
            continue
        if amount is not None:
            taken.add(amount.start)
        beneficiary = _BENEFICIARY.search(text[match.start() : match.end() + 300])
        start = min(match.start(), amount.start) if amount else match.start()
        end = max(match.end(), amount.end) if amount else match.end()
        each = _each_payees(text, amount, each_lists) if amount else []
        if each:  # one award per payee named before "each" / "masing-masing"
            found.extend(Award(kind, amount, payee, start, end, payee=payee) for payee in each)
            continue
        found.append(
            Award(
                kind,
                amount,
                re.sub(r"\s+", " ", beneficiary.group(1)) if beneficiary else None,
                start,
                end,
            )
        )
    if indonesian:
        found = [_with_default_detention(text, award) for award in found]
    return found


# What happens when an award is not paid: "apabila restitusi tersebut tidak dibayar", "jika
# Terdakwa tidak mampu membayar restitusi", "bila (harta bendanya) tidak mencukupi"; then the
# detention that replaces it: "diganti dengan pidana kurungan (pengganti) selama 6 (enam) bulan".
_UNPAID = re.compile(
    r"\btidak\s+(?:di\s*bayar(?:kan|nya)?|mem\s*bayar(?:nya)?|mampu|mencukupi|cukup"
    r"|melakukan\s+pembayaran)\b",
    re.IGNORECASE,
)
_REPLACED_BY_DETENTION = re.compile(
    r"\b(?:di\s*ganti(?:kan)?|dikenai|dikenakan|dijatuhkan|dihukum|menjalani)\b[^.;]{0,60}?"
    r"\b(?:kurungan|penjara)\b",
    re.IGNORECASE,
)
# How far after an award its default term may be stated; the order of compensation ends where
# `_ID_ORDER_BREAK` says ("; 4." or "4. Menetapkan ...").
_DEFAULT_REACH = 900


def _with_default_detention(text: str, award: Award) -> Award:
    if award.kind != "restitution":
        return award
    window = text[award.end : award.end + _DEFAULT_REACH]
    stop = _ID_ORDER_BREAK.search(window)
    window = window[: stop.start()] if stop else window
    unpaid = _UNPAID.search(window)
    replaced = _REPLACED_BY_DETENTION.search(window, unpaid.end()) if unpaid else None
    if replaced is None:
        return award
    terms = find_durations(window[replaced.end() : replaced.end() + 120], "id")
    if not terms:
        return award
    return dataclasses.replace(award, default_detention_months=months(terms[0].value))


# A request for restitution the court refuses, in its reasoning or in its order: "permohonan
# restitusi ... haruslah ditolak", "restitusi tersebut tidak dapat diterima", "Menolak permohonan
# Restitusi". What stands between the two may not be another request or the defence's plea, whose
# refusal is not the court's refusal of compensation.
_REFUSAL_AFTER = re.compile(
    r"(?:restitusi|ganti\s+(?:rugi|kerugian)|pampasan)"
    r"(?:(?!restitusi|pembelaan|pledoi|penasi(?:hat|seh)at|selebihnya|sebagian)[^.;]){0,100}?"
    r"(?:(?:haruslah|harus|patut|patutlah|layak)\s+(?:untuk\s+|pula\s+)?(?:ditolak|dikesampingkan)"
    r"|tidak\s+(?:ber(?:al|sal)asan(?:\s+hukum)?|dapat\s+diterima|dapat\s+dikabulkan"
    r"|diterima(?!\s+oleh)|dikabulkan)|\bditolak\b|\bdikesampingkan\b)",
    re.IGNORECASE,
)
_REFUSAL_BEFORE = re.compile(
    r"\b(?:Menolak|Menyatakan\s+tidak\s+dapat\s+menerima)\s+(?:permohonan\s+|tuntutan\s+)?"
    r"(?:restitusi|ganti\s+(?:rugi|kerugian)|pampasan)",
    re.IGNORECASE,
)


# The defence's plea asks the court to refuse restitution in the same words ("kami selaku kuasa
# hukum menolak Restitusi", "nota pembelaan ... menolak restitusi"): that is not the court's.
_PLEADED_BEFORE = re.compile(
    r"pembelaan|pledoi|penasi(?:hat|seh)at\s+hukum|kuasa\s+hukum|\bkami\b|\bnota\b", re.IGNORECASE
)
_PLEA_REACH = 300


def refusals(text: str) -> list[tuple[int, int]]:
    """Where the court refuses a request for restitution (Indonesian and Malay judgments), as
    (start, end) offsets into `text`."""
    found = [*_REFUSAL_BEFORE.finditer(text), *_REFUSAL_AFTER.finditer(text)]
    return sorted(
        (m.start(), m.end())
        for m in found
        if not _PLEADED_BEFORE.search(text[max(m.start() - _PLEA_REACH, 0) : m.start()])
    )


def _each_lists(text: str) -> list[tuple[int, list[str]]]:
    """(where "each" ends, the payees before it) for every "AAA and BBB each" in the text."""
    found = []
    for match in _EACH_LIST.finditer(text):
        names = [re.sub(r"\s+", " ", n).strip() for n in _PAYEE_SPLIT.split(match.group(1))]
        names = [n for n in names if n]
        if len(names) > 1:
            found.append((match.end(), names))
    return found


def _each_payees(text: str, amount: Amount, each_lists: list[tuple[int, list[str]]]) -> list[str]:
    """The payees of the "each" list this amount falls under, if any: the nearest list before
    it in the same sentence (amounts' own full stops and commas do not end a sentence)."""
    for end, names in reversed(each_lists):
        if end > amount.start:
            continue
        between = text[end : amount.start]
        if len(between) <= 250 and not _SENTENCE_END.search(between):
            return names
        return []
    return []


def _id_payee_lines(
    text: str, match: re.Match[str], amounts: list[Amount], taken: set[int]
) -> list[Amount]:
    """Amounts of an Indonesian order that names each victim before its amount."""
    listed: list[Amount] = []
    position = match.end()
    for amount in amounts:
        if amount.start < position or amount.start in taken:
            continue
        gap = text[position : amount.start]
        if listed:
            spelled = _SPELLED_OUT.match(gap)
            gap = gap[spelled.end() :] if spelled else gap
            if not _ID_PAYEE_LINE.fullmatch(gap):
                break
        else:  # the first line may follow a preamble ("berdasarkan ... Laporan Penilaian ...")
            line = _ID_PAYEE_LINE.search(gap[-200:])
            if (
                len(gap) > 400
                or _ID_ORDER_BREAK.search(gap)
                or not line
                or line.end() < len(gap[-200:])
            ):
                break
        listed.append(amount)
        position = amount.end
    return listed


def _amount_for(
    text: str,
    match: re.Match[str],
    amounts: list[Amount],
    taken: set[int],
    next_start: int,
    *,
    indonesian: bool,
) -> Amount | None:
    for amount in amounts:  # "P500,000.00 as moral damages"
        gap = text[amount.end : match.start()]
        if (
            amount.end <= match.start()
            and amount.start not in taken
            and len(gap) < 40
            and _BEFORE_GAP.fullmatch(gap)
        ):
            return amount
    for amount in amounts:
        if amount.start < match.end() or amount.start in taken:
            continue
        gap = text[match.end() : amount.start]
        if _AFTER_GAP.fullmatch(gap) or (amount.start < next_start and _PAYEE_GAP.fullmatch(gap)):
            return amount
        # Indonesian orders name the victim between the kind and the amount; the amount must
        # come before the next kind is named.
        if (
            indonesian
            and amount.start < next_start
            and len(gap) < 250
            and not _ID_ORDER_BREAK.search(gap)
        ):
            return amount
        break
    return None


# "as actual damages, Rodel Cruz P60,000.00, Ana Reyes P45,000.00, and Jose Lim P55,000.00".
_PAYEE_NAME = re.compile(r"[\s,]*(?:and\s+)?(?:[A-Z][\w.'-]*\s+){1,5}")


def _payee_list(
    text: str, match: re.Match[str], amounts: list[Amount], next_start: int
) -> list[Amount]:
    """Amounts owed to payees listed one by one after the kind."""
    listed: list[Amount] = []
    position = match.end()
    for amount in amounts:
        if amount.start < position:
            continue
        if amount.start > next_start or not _PAYEE_NAME.fullmatch(text[position : amount.start]):
            break
        listed.append(amount)
        position = amount.end
    return listed


def _shared_amount(
    text: str, mentions: list[tuple[str, re.Match[str]]], index: int, amounts: list[Amount]
) -> Amount | None:
    """ "moral damages, civil indemnity, and exemplary damages ... PHP 50,000.00 each"."""
    last = index
    while last + 1 < len(mentions):
        gap = text[mentions[last][1].end() : mentions[last + 1][1].start()]
        if not re.fullmatch(r"\s*,?\s*(?:and\s+)?(?:the\s+)?", gap):
            break
        last += 1
    tail_end = mentions[last][1].end()
    for amount in amounts:
        if amount.start >= tail_end:
            between = text[tail_end : amount.start]
            after = text[amount.end : amount.end + 12]
            if _EACH_AFTER_LIST.match(between) and re.match(r"\s*each\b", after):
                return amount
            break
    return None
