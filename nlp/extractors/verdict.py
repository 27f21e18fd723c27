"""Outcome, sentences and compensation, read from this court's operative part.

Reading the operative part is what keeps the prosecutor's demand (tuntutan) and a lower court's
sentence under review out of the coded sentence: both are quoted earlier in the judgment with the
same wording. The body is read only where the operative part points to it: a Philippine decision
that affirms without restating the penalty, a Singapore appeal dismissed (the sentence below
stands), the number of accused behind "Para Terdakwa ... masing-masing".

Outcome is this court's decision on the accused: an appeal court that dismisses the accused's
appeal (or affirms, or only changes the sentence) leaves them convicted; one that reverses a
conviction acquits; an appeal or petition by someone other than the accused that is dismissed is
"dismissed". "mixed": different results for different accused or, outside Indonesia, charges
(an Indonesian acquittal of the primary charge before a conviction on the subsidiary one is a
conviction: the charges are alternatives).
"""

from __future__ import annotations

import re

from nlp.extractors import awards as award_rules
from nlp.extractors import sentencing
from nlp.extractors.order_items import NEXT_ITEM
from nlp.extractors.penalties import Penalty
from nlp.findings import Finding

# ------------------------------------------------------------------------------ outcome

_NOT = re.compile(r"(?:\btidak|\bnot|\bbukan)\s*$", re.IGNORECASE)
# "terbukti secara sah dan meyakinkan bersalah": the Indonesian finding of guilt.
_ID_GUILTY = (
    r"terbukti\s+(?:secara\s+)?(?:sah\s+)?(?:dan\s+)?(?:me\w{0,3}yakinkan\s+)?(?:menurut\s+hukum\s+)?"
    r"bersala\s?h"  # PDF text splits the word: "bersala h"
)
_ID_CONVICTED = re.compile(
    _ID_GUILTY + r"|Menjatuhkan\s+(?:pidana|tindakan)|didapati\s+bersalah|disabitkan",
    re.IGNORECASE,
)
_ID_ACQUITTED = re.compile(
    r"tidak\s+terbukti|Membebaskan\s+(?:para\s+)?T\s?erdakwa|Membebaskan\s+(?:para\s+)?Anak"
    r"|Melepaskan\s+(?:para\s+)?(?:T\s?erdakwa|Anak)|lepas\s+dari\s+segala\s+tuntutan",
    re.IGNORECASE,
)
# An acquittal limited to one of alternative or layered charges.
_ID_PARTIAL = re.compile(
    r"primai?r|primer|kesatu|pertama|kedua|ketiga|alternatif|lebih\s+subsid", re.IGNORECASE
)
_ID_WHOLE = re.compile(r"semua|segala|seluruh|tunggal", re.IGNORECASE)
_ID_OTHER = re.compile(
    r"\bdiversi\b|penghentian\s+pemeriksaan|Menghentikan\s+(?:proses\s+)?pemeriksaan", re.IGNORECASE
)
_ID_DISMISSED = re.compile(
    r"(?:dakwaan|surat\s+dakwaan)[^.;]{0,60}(?:batal\s+demi\s+hukum|tidak\s+dapat\s+diterima)"
    r"|(?:permohonan|permintaan)\s+(?:banding|kasasi|peninjauan)[^.;]{0,60}"
    r"(?:ditolak|tidak\s+dapat\s+diterima)",
    re.IGNORECASE,
)

# A conviction this court affirms or lets stand: a conviction however the outcome is read.
_CONVICTION_AFFIRMED = (
    r"\b(?:[Aa]ffirm(?:ed|s)?|[Uu]ph(?:o|e)lds?)\s+[^.]{0,80}?\bconvictions?\b"
    r"|\bconvictions?\b[^.]{0,80}\b(?:affirmed|AFFIRMED|upheld|stands?)\b"
)
_EN_CONVICTED = re.compile(
    r"\bGUILTY\b|\bguilty\s+beyond\s+reasonable\s+doubt|\bconvict(?:ed|s|ing)?\b(?!\s+person)"
    r"|\bf(?:ind|ound)\s+(?:(?!not\b)\w+\s+){0,4}guilty\b"
    r"|" + _CONVICTION_AFFIRMED +
    # "I sentence the accused to", "sentenced the respondent to", "I am sentencing you to".
    r"|\bsentenc(?:e|ed|ing)\s+(?:him|her|them|you|the\s+(?:(?:first|second|third|fourth|fifth)\s+)?"
    r"(?i:accused|respondent|appellant|offender)|each|accused)\b",
)
_EN_ACQUITTED = re.compile(r"\bACQUIT(?:TED|S)?\b|\bacquit(?:ted|s)?\b|\bacquittal\b")
# Plurals ("the appeals are dismissed") and the italic closing line of Singapore judgments
# ("_Appeal dismissed._", where "_" is a word character, so no \b before "Appeal").
_EN_DISMISSED = re.compile(
    r"(?:\b|_)(?:[Aa]ppeals?|[Pp]etitions?|case|complaint|charges?|motions?|application|revision)"
    r"\b[^.]{0,80}\b(?:DISMISSED|dismissed|DENIED|denied)\b"
    r"|\bdismiss(?:ed|es)?\s+(?:both\s+|all\s+)?(?:the\s+)?(?:\w+[’']s?\s+)?"
    r"(?:appeals?|petitions?|application|revision|motion)",
)
_EN_AFFIRMED = re.compile(r"\bAFFIRM(?:ED|S)\b|\baffirmed\b")
# A sentence appeal ends with the accused still convicted whichever way it goes.
_SENTENCE_APPEAL = re.compile(
    r"appeal(?:s|ed)?\s+against\s+(?:(?:his|her|their|the)\s+)?(?:sentences?|the\s+sentence)"
    r"|sentence\s+appeal|appeal\s+(?:is|was)\s+against\s+sentence|(?:allow|dismiss)(?:ed)?\s+the"
    r"\s+appeal[^.]{0,60}sentence|(?:inadequate|manifestly\s+excessive)",
    re.IGNORECASE,
)
_EN_ALLOWED = re.compile(
    r"\ballow(?:ed|s)?\s+(?:both\s+|all\s+)?(?:the\s+)?(?:\w+[’']s?\s+)?appeals?"
    r"|appeals?\s+(?:is|are|was|were)\s+(?:accordingly\s+)?allowed"
    r"|appeals?\s+(?:against\s+\w+\s+)?allowed",
    re.IGNORECASE,
)
# A conviction quashed: an acquittal unless another conviction is put in its place or a new
# trial is ordered ("I set aside the conviction and remit the case for a retrial": no verdict).
_EN_CONVICTION_SET_ASIDE = re.compile(
    r"\b(?:set(?:s|ting)?\s+aside|quash(?:ed|es)?)\s+(?:[\w’']+\s+){0,4}?convictions?\b"
    r"|\bconvictions?\b[^.]{0,120}?\b(?:(?:be|is|are|was|were)\s+set\s+aside|quashed)"
    r"|\bappeals?\s+against\s+(?:(?:his|her|their|the)\s+)?convictions?\s+"
    r"(?:(?:is|are|was|were)\s+)?allowed",
    re.IGNORECASE,
)
# "Remanded" alone is custody ("remanded since his arrest"); a case sent back names the court.
_EN_RETRIAL = re.compile(
    r"\b(?:re-?trial|new\s+trial|trial\s+de\s+novo|(?:remit|remand)(?:s|ed|ted|ing|ting)?\b"
    r"[^.]{0,40}?\bto\s+the\s+(?:[\w’']+\s+){0,2}?(?:court|judge|magistrate))",
    re.IGNORECASE,
)
_EN_SUBSTITUTED_CONVICTION = re.compile(
    r"substitut\w*|in\s+(?:its\s+)?place|instead|amend\w*|reduced\s+charges?|lesser\s+(?:charge"
    r"|offence)|\bconvict(?:ed|s)?\s+(?:[\w’']+\s+){1,3}?(?:of|on|under)\b",
    re.IGNORECASE,
)
# With a conviction quashed, only an express affirmation of another makes the outcome mixed (a
# "convicted" in the recital of the trial below does not).
_EN_CONVICTION_KEPT = re.compile(
    _CONVICTION_AFFIRMED
    + r"|\bdismiss(?:ed|es)?\s+the\s+appeals?\s+against\s+(?:(?:his|her|their|the)\s+)?conviction",
)
# A party's prayer ("they sought that the convictions be set aside"), not the court's order.
_EN_REQUEST = re.compile(
    r"\b(?:s(?:eek|ought)|ask(?:s|ed)?|pray(?:s|ed)?|urg(?:es|ed)|submi(?:ts|tted)|argu(?:es|ed)"
    r"|contend(?:s|ed)?|appeal(?:s|ed)?\s+for)\b",
    re.IGNORECASE,
)
_SG_CONVICTED_EXCEPT = re.compile(
    r"\b(?:I|we)\s+(?:therefore\s+|accordingly\s+)?convicted\b[^.]{0,200}?"
    r"\b(?:except|save\s+for|other\s+than)\b"
)
# A plea of guilty before this court, or a sentence passed by the trial judge ("I imposed the
# mandatory sentence of death"), read only where nothing else states the outcome.
_EN_PLEADED_GUILTY = re.compile(
    r"\bpleaded\s+guilty\b|\bI\s+(?:have\s+)?(?:passed|imposed)\s+(?:a|an|the)\s+[^.]{0,60}?"
    r"\b(?:sentences?|imprisonment|fines?)\b",
    re.IGNORECASE,
)
_EN_SENTENCE_WORDS = re.compile(r"\bsentences?\b|\bimprisonment\b|\bfines?\b", re.IGNORECASE)
_SG_NEW_SENTENCE = re.compile(
    r"(?:set\s+aside|substitut\w*)[^.]{0,200}?(?:imprisonment|fine|sentence)"
    r"|\b(?:enhanc|increas|reduc)(?:e|ed|es|ing)\s+(?:[\w’']+\s+){0,3}?sentences?\b",
    re.IGNORECASE,
)
_DECISION_FORMULA = re.compile(
    r"WHEREFORE|ACCORDINGLY|SO\s+ORDERED|M\s*E\s*N\s*G\s*A\s*D\s*I\s*L\s*I|MENETAPKAN"
    r"|Conclusion|\bdismiss|\ballow",
    re.IGNORECASE,
)


def _hits(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    return [
        m
        for m in pattern.finditer(text)
        if not _NOT.search(text[max(m.start() - 8, 0) : m.start()])
    ]


def _finding(value: str, matches: list[re.Match[str]], base: int) -> Finding:
    return Finding("outcome", value, base + matches[0].start(), base + matches[-1].end())


def outcome(
    text: str,
    base: int,
    *,
    criminal: bool,
    country: str = "",
    full_text: str = "",
    stage: str | None = None,
) -> Finding | None:
    """This court's decision on the accused. Non-criminal matters decided by the court (e.g.
    administrative or disciplinary cases) are "other"."""
    if not text.strip():
        return None
    if not criminal:
        formula = _DECISION_FORMULA.search(text)
        return _finding("other", [formula], base) if formula else None
    if country == "ID" or (not country and re.search(r"T\s?erdakwa|MENGADILI", text)):
        return _indonesian_outcome(text, base)
    return _english_outcome(text, base, country, full_text, stage)


def _indonesian_outcome(text: str, base: int) -> Finding | None:
    convictions = _hits(_ID_CONVICTED, text)
    acquittals = list(_ID_ACQUITTED.finditer(text))
    whole = [
        m
        for m in acquittals
        if _ID_WHOLE.search(_clause(text, m)) or not _ID_PARTIAL.search(_clause(text, m))
    ]
    if convictions and whole:
        return _finding("mixed", sorted(convictions[:1] + whole[:1], key=lambda m: m.start()), base)
    if convictions:
        return _finding("convicted", convictions[:1], base)
    if acquittals:
        return _finding("acquitted", acquittals[:1], base)
    other = _ID_OTHER.search(text)
    if other:
        return _finding("other", [other], base)
    dismissed = _ID_DISMISSED.search(text)
    return _finding("dismissed", [dismissed], base) if dismissed else None


_CLAUSE_END = re.compile(rf";|{NEXT_ITEM}")


def _clause(text: str, match: re.Match[str]) -> str:
    """The numbered order a match stands in (up to the next ";" or order number)."""
    end = _CLAUSE_END.search(text, match.end())
    return text[match.start() : end.start() if end else match.end() + 300]


def _english_outcome(
    text: str, base: int, country: str, full_text: str, stage: str | None
) -> Finding | None:
    quashed, retrial = _convictions_quashed(text)
    if retrial and not quashed:
        return _finding("other", retrial, base)
    convictions = _hits(_EN_CONVICTION_KEPT if quashed else _EN_CONVICTED, text)
    acquittals = _hits(_EN_ACQUITTED, text)
    if country == "SG":
        # "... where this court acquitted an appellant": a precedent cited, not this decision.
        acquittals = [
            m for m in acquittals if not _SG_CASE_CITED.search(_sentence_around(text, m, 0))
        ]
    acquittals = sorted(acquittals + quashed, key=lambda m: m.start())
    if convictions and acquittals:
        return _finding(
            "mixed", sorted(convictions[:1] + acquittals[:1], key=lambda m: m.start()), base
        )
    if acquittals:
        return _finding("acquitted", acquittals[:1], base)
    if convictions:
        # A trial judge's "I convicted them on all the charges except ..." earlier in the body.
        # (`full_text` offsets are those of the whole cleaned text, as the finding's are.)
        partial = _SG_CONVICTED_EXCEPT.search(full_text) if country == "SG" else None
        if partial and stage != "appeal":
            return Finding("outcome", "mixed", partial.start(), partial.end())
        return _finding("convicted", convictions[:1], base)
    affirmed = _EN_AFFIRMED.search(text)
    if affirmed and (country == "PH" or stage == "appeal"):
        # An accused's appeal dismissed and the conviction below affirmed.
        return _finding("convicted", [affirmed], base)
    dismissed = _EN_DISMISSED.search(text)
    decided = dismissed or _EN_ALLOWED.search(text)
    # Singapore appeals to the High Court are mostly on sentence: whichever way a sentence
    # appeal goes, the accused stays convicted.
    if (
        country == "SG"
        and stage == "appeal"
        and decided
        and (_SENTENCE_APPEAL.search(full_text or text) or _EN_SENTENCE_WORDS.search(text))
    ):
        return _finding("convicted", [decided], base)
    if country == "SG" and stage == "appeal":
        # A sentence set aside and another imposed, without the words "appeal allowed".
        substituted = _SG_NEW_SENTENCE.search(text)
        if substituted:
            return _finding("convicted", [substituted], base)
    if country == "SG" and stage == "appeal" and dismissed and _accused_appealed(full_text):
        # The accused's own appeal against conviction dismissed: the conviction stands.
        return _finding("convicted", [dismissed], base)
    if dismissed:
        return _finding("dismissed", [dismissed], base)
    if stage != "appeal":
        pleaded = _EN_PLEADED_GUILTY.search(text)
        if pleaded:
            return _finding("convicted", [pleaded], base)
    return None


def _convictions_quashed(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """Statements that set a conviction aside with nothing put in its place, and those that
    order a new trial in the same sentence (the case then ends here without a verdict)."""
    quashed: list[re.Match[str]] = []
    retrial: list[re.Match[str]] = []
    for match in _EN_CONVICTION_SET_ASIDE.finditer(text):
        sentence = _sentence_around(text, match)
        if _EN_REQUEST.search(sentence[: match.start() - text.rfind(". ", 0, match.start())]):
            continue
        if _EN_RETRIAL.search(sentence):
            retrial.append(match)
        elif not _EN_SUBSTITUTED_CONVICTION.search(sentence):
            quashed.append(match)
    # The court's order comes last: a retrial ordered after the conviction is quashed decides.
    if retrial and quashed and retrial[-1].start() > quashed[-1].start():
        quashed = []
    return quashed, retrial


def _sentence_around(text: str, match: re.Match[str], following: int = 1) -> str:
    """The sentence of the match and, by default, the next one ("I set aside the conviction.
    I direct that the case be remitted ...")."""
    start = text.rfind(". ", 0, match.start()) + 1
    end = text.find(". ", match.end())
    for _ in range(following):
        end = text.find(". ", end + 2) if end >= 0 else -1
    return text[start : end if end >= 0 else len(text)]


# A judgment cited by name or law report ("_Tan v Public Prosecutor_ [2018] 1 SLR 499").
_SG_CASE_CITED = re.compile(
    r"\[\d{4}\]\s+\d*\s*SLR|\bSGCA\b|\bSGHC\b|_\s+v\s+_?|\w\s+v\s+Public\s+Prosecutor"
)


# "**Parties** : Tan Ah Kow — Public Prosecutor": the party before the dash brought the appeal.
_SG_PARTIES = re.compile(r"\*\*Parties\*\*\s*:\s*(?P<appellant>[^\n—–]{2,200}?)\s*[—–]")
_PROSECUTOR = re.compile(r"Public\s+Prosecutor|\bPP\b|Attorney-General", re.IGNORECASE)
# Companies and other third parties (owners of forfeited property) are not accused.
_NOT_ACCUSED = re.compile(r"\b(?:Bhd|Ltd|LLP|Pte|Corporation|Company|Inc)\b", re.IGNORECASE)


def _accused_appealed(full_text: str) -> bool:
    parties = _SG_PARTIES.search(full_text[:3_000])
    if parties is None:
        return False
    appellant = parties.group("appellant")
    return not _PROSECUTOR.search(appellant) and not _NOT_ACCUSED.search(appellant)


# ------------------------------------------------------------------------------ sentences


def sentences(
    text: str,
    base: int,
    lang: str,
    country: str,
    *,
    full_text: str = "",
    stage: str | None = None,
) -> list[Finding]:
    """One finding per sentenced defendant: value is a dict of imprisonment_months, life, fine,
    subsidiary_detention_months. `full_text` is the whole (cleaned) judgment, offsets from 0."""
    pairs: list[tuple[Penalty, int]]
    if country == "PH":
        pairs = sentencing.philippine_sentences(text, base, lang, full_text)
    elif country == "SG":
        pairs = sentencing.singapore_sentences(text, base, full_text, stage)
    else:
        pairs = [(p, base) for p in sentencing.indonesian_sentences(text, lang, full_text)]
    return [
        Finding("sentence", penalty.value(), offset + penalty.start, offset + penalty.end)
        for penalty, offset in pairs
    ]


# ------------------------------------------------------------------------------ compensation


def compensation(text: str, base: int, country: str) -> list[Finding]:
    """Restitution and damages ordered in the operative part, each with its amount."""
    found: list[Finding] = []
    for award in award_rules.awards(text, country, indonesian=country in {"ID", "MY", ""}):
        amount = award.amount
        found.append(
            Finding(
                "compensation",
                {
                    "kind": award.kind,
                    "amount": amount.amount if amount else None,
                    "currency": amount.currency if amount else None,
                    "beneficiary": award.beneficiary,
                    "subsidiary_detention_months": award.default_detention_months,
                    "identity": (award.payee, award.ordinal),
                },
                base + award.start,
                base + award.end,
            )
        )
    return found


def compensation_refusals(full_text: str, country: str) -> list[Finding]:
    """Requests for restitution the court refuses, read from the whole judgment: the refusal
    is reasoned before the order and often not repeated in it. Indonesian and Malay only."""
    if country not in {"ID", "MY", ""}:
        return []
    return [
        Finding("compensation_refused", {"kind": "restitution"}, start, end)
        for start, end in award_rules.refusals(full_text)
    ]


# ------------------------------------------------------------------------------ conviction law

# The offence a court convicts of, as its order names it: "terbukti secara sah dan meyakinkan
# bersalah melakukan tindak pidana “X” sebagaimana dalam dakwaan ...", "GUILTY beyond reasonable
# doubt of X".
# Some orders leave out "terbukti ...": "Menyatakan terdakwa X, bersalah melakukan tindak pidana".
_ID_CONVICTED_OF = re.compile(
    rf"(?:{_ID_GUILTY}\s+(?:melakukan\s+)?|\bbersala\s?h\s+melakukan\s+)(?:tindak\s+pidana\s+)?",
    re.IGNORECASE,
)
_ID_OFFENCE_END = re.compile(
    rf"sebagaimana|;|{NEXT_ITEM}|\bdalam\s+dakwaan|\bMenjatuhkan\b", re.IGNORECASE
)
_EN_CONVICTED_OF = re.compile(r"\bguilty\s+(?:beyond\s+reasonable\s+doubt\s+)?of\s+", re.IGNORECASE)
_EN_OFFENCE_END = re.compile(
    r"\.\s|;|,?\s+and\s+(?:is\s+|are\s+)?sentenced|\bsentenc", re.IGNORECASE
)
# What makes a named offence trafficking in persons: the trafficking law's own words (its acts
# leading to exploitation, a citizen taken abroad to be exploited, debt bondage) or its name.
_TRAFFICKING_OFFENCE = re.compile(
    r"perdan?gangan\s+(?:orang|anak|manusia)|pemerdagangan|\bTPPO\b|tereksploitasi"
    r"|(?:maksud|tujuan)\s+(?:untuk\s+)?(?:di\s*|meng?\s*)?e(?:ks|kp|x)\w*"
    r"|e(?:ks|kp|x)ploitasi\s+orang|penjeratan\s+utang|memperdagangkan|perekrutan|pengangkutan"
    r"|penampungan|pengiriman\s+seseorang|penerimaan\s+seseorang"
    r"|traffick|R\.?\s?A\.?\s+(?:No\.?\s+)?(?:9208|10364|11862)|Human\s+Trafficking|ATIPSOM",
    re.IGNORECASE,
)
# The other laws a trafficking case ends under, by the words of the offence named: exploiting a
# child (child-protection law; R.A. 7610), placing migrant workers without a licence, procuring
# and pornography (vice), bringing people in without papers (smuggling).
_OTHER_LAWS = (
    (
        "child_protection",
        re.compile(
            r"e(?:ks|kp|x)ploitasi[^\n]{0,60}?\banak\b|\bpenjualan\s+anak|\bterhadap\s+anak"
            r"|R\.?\s?A\.?\s+(?:No\.?\s+)?7610|child\s+abuse|\bchild\b",
            re.IGNORECASE,
        ),
    ),
    (
        "migrant_workers",
        re.compile(
            r"pekerja\s+migran|tenaga\s+kerja\s+indonesia|\bTKI\b|\bPMI\b|penempatan"
            r"|R\.?\s?A\.?\s+(?:No\.?\s+)?(?:8042|10022)|illegal\s+recruitment",
            re.IGNORECASE,
        ),
    ),
    (
        "vice",
        re.compile(
            r"cabul|kesusilaan|pelacur|mucikari|germo|pornogra|prostitut|brothel|\bvice\b",
            re.IGNORECASE,
        ),
    ),
    (
        "smuggling",
        re.compile(
            r"penyelundupan|memasuki\s+wilayah|tanpa\s+(?:hak|dokumen)|smuggl", re.IGNORECASE
        ),
    ),
)
# An order that names only the count ("sebagaimana didakwakan dalam dakwaan tunggal") says
# nothing of the law; another offence than trafficking needs a few words of its own.
_OFFENCE_WORDS = 3


def conviction_law(text: str, base: int, country: str) -> Finding | None:
    """Whether this court convicts under the trafficking law ("trafficking") or only under
    another law ("child_protection", "migrant_workers", "vice", "smuggling", "other"), read
    from the offence its order names; None when the order names none. The first conviction
    decides (several accused are convicted of one offence)."""
    indonesian = country in {"ID", "MY", ""} and _ID_CONVICTED_OF.search(text)
    pattern, end = (
        (_ID_CONVICTED_OF, _ID_OFFENCE_END) if indonesian else (_EN_CONVICTED_OF, _EN_OFFENCE_END)
    )
    match = pattern.search(text)
    if match is None:
        return None
    rest = text[match.end() : match.end() + 400]
    stop = end.search(rest)
    offence = rest[: stop.start()] if stop else rest[:250]
    if _TRAFFICKING_OFFENCE.search(offence):
        law = "trafficking"
    elif len(re.findall(r"\w+", offence)) >= _OFFENCE_WORDS:
        law = next((name for name, words in _OTHER_LAWS if words.search(offence)), "other")
    else:
        return None
    return Finding("conviction_law", law, base + match.start(), base + match.end() + len(offence))
