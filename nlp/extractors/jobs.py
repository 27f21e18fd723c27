"""Where the victims worked, read off job statements.

A sector is the work the victims did or were recruited for, so the surest evidence is a sentence
that gives them a job: "bekerja sebagai asisten rumah tangga", "dipekerjakan sebagai buruh
pemotongan ayam", "pekerjaan sebagai ABK kapal ikan", "worked as a domestic helper". A bare
mention of a place is weak evidence: the boat that carried the migrants is a fishing boat, the
jetty they left from is called "Pelantar Pabrik Es", the accused is a fisherman by trade. So this
module accepts a workplace word only right after a word for work, and only when the nearest
person named before that word is not the accused.

Courts tell these job statements in the testimony as often as in the indictment or the findings,
so the whole body of the judgment is read; the patterns are anchored on the work words
(`nlp.regexscan`), which keeps the scan cheap.
"""

from __future__ import annotations

import re

from nlp.findings import Finding
from nlp.regexscan import FoldedText, anchored

_I = re.IGNORECASE
SECTOR = "sectors"

# Words that open a job statement. "kerja" alone is too common in other senses ("hari kerja",
# "kerja sama") and is left out.
_WORK = (
    r"(?:bekerja|dipekerjakan|diperkerjakan|mempekerjakan|pekerjaan|lowongan|ditempatkan"
    r"|magang|worked|working|work|employed|employment|jobs?|hired|deployed)"
)
# Up to five words between the work word and the workplace ("bekerja di Malaysia sebagai ..."),
# never past the end of a sentence or a colon ("Pekerjaan : Nelayan" is the accused's identity).
_GAP = r"\s+(?:[^\s.;:]+\s+){0,5}?"

# Workplace words per sector. Acronyms are matched in capitals only ("art" is a common word).
WORKPLACES: dict[str, str] = {
    "domestic_work": r"(?:pembantu|asisten|pekerja|penatalaksana)\s+rumah\s+tangga"
    r"|(?-i:ART|PRT)\b|domestic\s+(?:helper|worker)s?|household\s+(?:service\s+)?workers?"
    r"|housemaids?|maids?\b|kasambahay",
    "agriculture": r"perkebunan|kebun\b|ladang\b|sawit\b|pemotong\s+buah|plantations?"
    r"|farms?\b|farm\s*workers?|buruh\s+tani|petani\b|pertanian\b|estet\b",
    "manufacturing": r"pabrik|factory|factories|kilang\b|garmen|garments?\b|manufaktur"
    r"|(?:pemotongan|pengolahan|pemrosesan)\s+(?:ayam|ikan|daging|udang)|operator\s+produksi",
    "fishing": r"(?:anak\s+buah\s+kapal|ABK)\s+(?:di\s+)?kapal\s+(?:penangkap\s+)?ikan"
    r"|(?:kapal|bot|perahu)\s+(?:penangkap\s+ikan|ikan|nelayan|perikanan)|nelayan\b"
    r"|fishing\s+(?:vessels?|boats?|ships?)|fisherm[ae]n\b|deep[-\s]sea\s+fishing",
    "construction": r"konstruksi|kuli\s+bangunan|pekerja\s+bangunan|bangunan\b|proyek"
    r"|construction|tukang\s+(?:batu|bangunan)",
    "entertainment_massage": r"karaoke|(?-i:KTV|LC|GRO)\b|(?:kafe|cafe|caf\u00e9)\b"
    r"|pemandu\s+lagu|ladies\s+companion|wanita\s+penghibur|tempat\s+hiburan|hiburan\s+malam"
    r"|panti\s+pijat|pijat\b|terapis\b|(?<!kamar\s)spa\b(?!\s+attendant)|massage|night\s*club|diskotik"
    r"|bar\b|pub\b|guest\s+relations|hostess|entertainers?\b|dancers?\b",
    "online_scam": r"scam|scammers?\b|penipuan\s+(?:online|daring)",
    "online_gambling": r"judi\b|gambling|casino|kasino|\bPOGO\b",
    "other": r"hotel\b|restoran|restaurant|rumah\s+makan",
}
_JOB = re.compile(
    _WORK + _GAP + "(?:" + "|".join(f"(?P<{k}>{v})" for k, v in WORKPLACES.items()) + ")",
    _I,
)

# The person a job statement is about: the last of these before the work word.
_ACTOR = re.compile(
    r"\b(?:(?<!oleh\s)t\s?erdakwa|accused|appellant|pelaku|korban|saksi|victims?|complainants?|pekerja"
    r"|CPMI|PMI|TKI|WNI|mereka|para|recruits?|applicants?|workers?|women|girls?|she|her|they)\b",
    _I,
)
_ACCUSED = frozenset({"terdakwa", "accused", "appellant", "pelaku"})
_ACTOR_REACH = 80


def job_findings(text: str | FoldedText, start: int = 0, end: int | None = None) -> list[Finding]:
    """Sectors named in the job statements of `text[start:end]` that are not the accused's."""
    folded = text if isinstance(text, FoldedText) else FoldedText(text)
    raw = folded.text
    found: list[Finding] = []
    for match in anchored(_JOB).finditer(folded, start, end):
        if _about_the_accused(raw, match.start()):
            continue
        sector = match.lastgroup
        if sector is not None:
            found.append(Finding(SECTOR, sector, match.start(sector), match.end(sector)))
    return found


def _about_the_accused(text: str, offset: int) -> bool:
    """True when the nearest person named before `offset` is the accused ("Terdakwa bekerja
    sebagai nelayan"); a job the accused offers ("Terdakwa menawarkan pekerjaan") is the
    victims', so only the verb of working itself is checked."""
    if not re.match(r"(?:bekerja|worked|working|work)\b", text[offset : offset + 8], _I):
        return False
    actors = list(_ACTOR.finditer(text, max(offset - _ACTOR_REACH, 0), offset))
    return bool(actors) and re.sub(r"\s", "", actors[-1].group().lower()) in _ACCUSED
