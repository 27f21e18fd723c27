"""Whether the non-punishment of trafficking victims was invoked, and under which provision.

Judges and counsel seldom quote the provision word for word (Pasal 18 UU 21/2007: "Korban yang
melakukan tindak pidana karena dipaksa oleh pelaku tindak pidana perdagangan orang, tidak
dipidana"; R.A. 9208 s.17; ATIPSOM s.25). They cite it loosely, drop or re-order its words, or
paraphrase it ("victims ought not to be punished for acts committed as a direct result of being
trafficked"). So the concept is read, not the citation: a citation of the provision, or one
passage that holds its three parts together — a victim of trafficking, the compulsion or the
trafficking as the cause, and no punishment (not penalised, not prosecuted, tidak dipidana) —
in any order.

Whether the court then applied it is read only in the passage that follows an invocation: the
court declining to punish or releasing the accused ("melepaskan Terdakwa dari segala tuntutan",
"acquits the accused"), or rejecting the plea ("tidak beralasan", "haruslah ditolak", "without
merit"); otherwise `applied` stays None (not decided): a wrong value is worse than a missing one.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Citations of the provision, per country ("" for any; provision None where the principle is
# named without one). "Pasal 2 sampai Pasal 18 ..." names a range of the statute, not the
# provision.
_CITATIONS: tuple[tuple[str, re.Pattern[str], str | None], ...] = (
    (
        "ID",
        re.compile(
            r"Pasal\s+18\s+(?:Undang\s*[-\u2013"
            r"\u2014]?\s*Undang|UU)(?:[^.;]{0,80}?21\s+Tahun\s+2007|\s+(?:RI\s+)?(?:TPPO|PTPPO)\b"
            r"|\s+(?:RI\s+)?(?:tentang\s+)?(?:Pemberantasan\s+)?(?:Tindak\s+Pidana\s+)?"
            r"Perdagangan\s+Orang)",
            _I,
        ),
        "Pasal 18 UU 21/2007",
    ),
    (
        "PH",
        re.compile(
            r"Sec(?:tion|\.)\s*17\s*,?\s+(?:of\s+)?(?:R\.?\s?A\.?|Republic\s+Act)\s*(?:No\.?\s*)?"
            r"(?:9208|10364|11862)|Sec(?:tion|\.)\s*17\s+of\s+the\s+Anti-Trafficking\s+in\s+Persons",
            _I,
        ),
        "Sec. 17 RA 9208",
    ),
    (
        "MY",
        re.compile(
            r"(?:section|seksyen|s\.)\s*25\s+(?:of\s+the\s+)?(?:Anti[-\s]Trafficking|ATIPSOM"
            r"|Akta\s+Antipemerdagangan)"
            r"|trafficked\s+person\s+shall\s+not\s+be\s+liable\s+to\s+criminal\s+prosecution",
            _I,
        ),
        "Sec. 25 ATIPSOM 2007",
    ),
    (
        # Thai has no spaces between words and its vowel and tone marks are not word characters
        # to `re` (so `\b` falls inside words): these patterns use no word boundaries. Section
        # 41 before the Act ("มาตรา ๔๑ แห่งพระราชบัญญัติ...") or after its year.
        "TH",
        re.compile(
            r"มาตรา\s*(?:41|๔๑)\s*(?:แห่ง)?\s*(?:พระราชบัญญัติ|พ\.\s?ร\.\s?บ\.\s*)"
            r"ป้องกันและปราบปรามการค้ามนุษย์"
            r"|(?:พระราชบัญญัติ|พ\.\s?ร\.\s?บ\.\s*)ป้องกันและปราบปรามการค้ามนุษย์\s*"
            r"(?:พ\.\s?ศ\.\s*(?:2551|๒๕๕๑)\s*)?มาตรา\s*(?:41|๔๑)(?![0-9๐-๙])"
        ),
        "มาตรา 41 ATIPA 2008",
    ),
    (
        "",
        re.compile(r"non[-\s]punishment|principle\s+of\s+non[-\s]punishment", _I),
        None,  # the principle by name: no one provision
    ),
)

# "Pasal 2 sampai (dengan) Pasal 18": a range of the statute, however spaced.
_RANGE = re.compile(r"Pasal\s+\d+\s+(?:sampai(?:\s+dengan)?|dengan|hingga|s\.\s?d\.?|s/d)\s*$", _I)

# The concept in other words. Each passage must hold all three parts within PASSAGE characters.
PASSAGE = 260
_NO_PUNISHMENT = re.compile(
    # Indonesian and Malay: not punished, cannot be sentenced or prosecuted.
    r"tidak\s+(?:dapat\s+|boleh\s+|bisa\s+)?(?:di)?pidana\b|tidak\s+(?:dapat\s+|boleh\s+)?"
    r"(?:dijatuhi\s+pidana|dihukum|dituntut|dipertanggungjawabkan)|tidak\s+boleh\s+didakwa"
    # English: shall / ought / should / cannot / is not to be penalised, punished, prosecuted,
    # held (criminally) liable; exempt from prosecution.
    r"|(?:not|never|cannot)\s+(?:to\s+)?(?:be\s+)?(?:penali[sz]ed|punished|prosecuted|charged"
    r"|(?:held\s+)?(?:criminally\s+)?liable)|exempts?\s+(?:\w+\s+){0,2}from\s+(?:criminal\s+)?"
    r"(?:prosecution|liability|punishment)|immun(?:e|ity)\s+from\s+(?:criminal\s+)?"
    r"(?:prosecution|liability|suit)"
    # Malay: should not have been charged.
    r"|tidak\s+sepatutnya\s+(?:didakwa|dikemukakan|dihukum)"
    # Thai: not punished, not prosecuted, prosecution forbidden (no word boundaries in Thai).
    r"|ไม่ต้องรับโทษ|ไม่ต้องรับผิด|ไม่ถูกดำเนินคดี|ห้ามมิให้[\u0e00-\u0e7f]{0,30}ดำเนินคดี"
    # Vietnamese: not held criminally responsible, exempt from criminal responsibility.
    r"|không\s+(?:bị\s+)?truy\s+cứu\s+trách\s+nhiệm|miễn\s+trách\s+nhiệm\s+hình\s+sự",
    _I,
)
_TRAFFICKED_VICTIM = re.compile(
    r"korban\s+(?:tindak\s+pidana\s+)?perdagangan\s+(?:orang|manusia)|korban\s+TPPO"
    r"|korban\s+pemerdagangan\s+orang|mangsa\s+pemerdagangan"
    r"|trafficked\s+(?:persons?|victims?|women|children|workers?)|(?:persons?|victims?)\s+who\s+"
    r"(?:are|were|have\s+been)\s+trafficked|victims?\s+of\s+(?:human\s+)?trafficking"
    r"|victims?\s+of\s+trafficking\s+in\s+persons|being\s+trafficked|korban\b[^.;]{0,60}?"
    r"(?:dipaksa|terpaksa)\s+oleh\s+pelaku"
    r"|orang\s+yang\s+diperdagangkan"
    r"|ผู้เสียหายจากการค้ามนุษย์|ผู้เสียหายในคดีค้ามนุษย์|เหยื่อ(?:จาก)?การค้ามนุษย์"
    r"|nạn\s+nhân\s+(?:của\s+)?(?:tội\s+|việc\s+)?(?:bị\s+)?mua\s+bán\s+người"
    r"|nạn\s+nhân\s+bị\s+mua\s+bán",
    _I,
)
_CAUSE = re.compile(
    r"dipaksa|terpaksa|paksaan|akibat\s+(?:langsung\s+)?(?:dari\s+)?(?:menjadi\s+)?korban"
    r"|karena\s+(?:menjadi\s+)?korban|as\s+a\s+(?:direct\s+)?(?:result|consequence)|compelled"
    r"|coerced|forced|by\s+reason\s+of\s+(?:being|having\s+been)|related\s+to\s+(?:their|her|his)"
    r"\s+being\s+trafficked|directly\s+related|consequence\s+of\s+(?:her|his|their|being)"
    r"|akibat\s+langsung|berpunca\s+(?:terus\s+)?daripada"
    r"|ผลโดยตรงจาก|ถูกบังคับ|ถูกหลอกลวง"
    r"|(?:do\s+)?bị\s+(?:ép\s+buộc|cưỡng\s+ép|ép)|hậu\s+quả\s+trực\s+tiếp",
    _I,
)

# What the court made of it, in the passage after the invocation: applied ...
_APPLIED = re.compile(
    r"melepaskan\s+(?:para\s+)?T\s?erdakwa|membebaskan\s+(?:para\s+)?T\s?erdakwa"
    r"|(?:di)?lepas(?:kan)?\s+dari\s+segala\s+tuntutan|tidak\s+dapat\s+dijatuhi\s+pidana"
    r"|(?:acquit(?:s|ted)?|exempt(?:s|ed)?|discharge[sd]?)\s+(?:and\s+acquit(?:s|ted)?\s+)?"
    r"(?:the\s+)?accused|(?:accused|she|he)\s+is\s+(?:hereby\s+)?(?:discharged|acquitted)"
    r"|cannot\s+be\s+penali[sz]ed\s+for\s+them|is\s+a\s+victim,\s+not\s+an\s+offender"
    # Malay: appeal allowed, conviction set aside, discharged and acquitted.
    r"|rayuan\s+dibenarkan|sabitan[^.;]{0,40}diketepikan|dilepaskan\s+dan\s+dibebaskan"
    # Thai: the charge dismissed, no power to prosecute.
    r"|ยกฟ้อง|ไม่มีอำนาจ(?:ฟ้อง|ดำเนินคดี|สอบสวน)"
    # Vietnamese: the case or the investigation discontinued.
    r"|đình\s+chỉ\s+(?:vụ\s+án|điều\s+tra|việc\s+điều\s+tra)",
    _I,
)
# ... or rejected.
_REJECTED = re.compile(
    r"tidak\s+dapat\s+diterapkan|tidak\s+(?:dapat\s+)?diberlakukan|tidak\s+beralasan"
    r"|(?:harus|patut|haruslah|patutlah)\s+(?:di)?(?:tolak|kesampingkan)|dikesampingkan"
    r"|does\s+not\s+apply|not\s+applicable|cannot\s+be\s+(?:invoked|applied)"
    r"|is\s+(?:without|devoid\s+of)\s+merit|(?:is|are)\s+unmeritorious|must\s+fail"
    r"|ฟังไม่ขึ้น|ไม่ใช่ผู้เสียหาย|không\s+có\s+căn\s+cứ\s+chấp\s+nhận",
    _I,
)
RULING_REACH = 900  # the court's answer follows the plea within a paragraph or two


def applied(text: str, start: int) -> bool | None:
    """True or False when the passage from `start` on says how the court ruled, else None.
    The earlier of the two cues wins: a plea rejected and the accused then convicted reads
    "rejected", a victim released on that ground reads "applied"."""
    rest = text[start : start + RULING_REACH]
    yes, no = _APPLIED.search(rest), _REJECTED.search(rest)
    if yes and (no is None or yes.start() < no.start()):
        return True
    if no:
        return False
    return None


def _citation(text: str, country: str) -> tuple[int, int, str | None] | None:
    best: tuple[int, int, str | None] | None = None
    for rule_country, pattern, provision in _CITATIONS:
        if rule_country and rule_country != country:
            continue
        for match in pattern.finditer(text):
            if _RANGE.search(text, max(match.start() - 40, 0), match.start()):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), match.end(), provision)
            break
    return best


def _paraphrase(text: str) -> tuple[int, int] | None:
    """The first passage that says a trafficking victim is not punished for what the
    trafficking made them do, in any word order."""
    for refusal in _NO_PUNISHMENT.finditer(text):
        start = max(refusal.start() - PASSAGE, 0)
        end = min(refusal.end() + PASSAGE, len(text))
        passage = text[start:end]
        victim = _TRAFFICKED_VICTIM.search(passage)
        if victim and _CAUSE.search(passage):
            first = min(victim.start(), refusal.start() - start)
            last = max(victim.end(), refusal.end() - start)
            return start + first, start + last
    return None


def non_punishment(
    text: str, country: str
) -> tuple[bool, bool | None, str | None, int, int] | None:
    """(raised, applied, provision, start, end) of the first invocation found, or None.
    `applied` is the court's ruling after any invocation (the first that has one)."""
    cited = _citation(text, country)
    paraphrased = _paraphrase(text)
    invocations = sorted(
        [*([cited] if cited else []), *([(*paraphrased, None)] if paraphrased else [])],
        key=lambda item: item[0],
    )
    if not invocations:
        return None
    start, end, _ = invocations[0]
    provision = cited[2] if cited else None
    ruling = next((r for r in (applied(text, s) for s, _, _ in invocations) if r is not None), None)
    return True, ruling, provision, start, end
