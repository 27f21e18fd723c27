"""What the facts say happened: exploitation forms, sectors, and where the victims were taken.

The words that name these things also fill the statutes that judgments quote at length: the
indictment recites the whole definition of trafficking ("perekrutan, pengangkutan, ... untuk
tujuan mengeksploitasi"), the reasoning quotes the definition of exploitation ("meliputi tetapi
tidak terbatas pada pelacuran, kerja atau pelayanan paksa, perbudakan ..."). So this module reads
facts through cues that only a narrative uses ("melayani tamu", "gajinya tidak dibayar",
"diberangkatkan ke Malaysia"), never inside a recited definition (`recital_spans`), and a cue for
a venue or a destination counts only near a word for the victims. Plain regexes over the cleaned
text, each tried only where its leading words occur (`nlp.regexscan`, same matches as
`finditer`): cheap enough to read the whole judgment.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlp.extractors import people
from nlp.extractors.jobs import SECTOR, job_findings
from nlp.findings import Finding
from nlp.regexscan import FoldedText, alternation, anchored

_I = re.IGNORECASE

# ------------------------------------------------------------------------------------ recitals

# Openings of a recited definition or list of legal elements; the recital runs to the end of
# its sentence.
_RECITAL_START = re.compile(
    r"meliputi\s+tetapi\s+tidak\s+terbatas|(?:Eksploitasi|Perdagangan\s+Orang|Perekrutan"
    r"|Eksploitasi\s+Seksual)\s+adalah|yang\s+dimaksud\s+dengan\s+[\"“]?(?:eksploitasi|perdagangan)"
    r"|Setiap\s+orang\s+yang\s+melakukan\s+perekrutan|tidak\s+hanya\s+mencakup"
    r"|refers?\s+to\s+the\s+recruitment|shall\s+(?:mean|refer\s+to)|which\s+includes?\s+at\s+a"
    r"\s+minimum|includ(?:es?|ing)\s+but\s+(?:is\s+|are\s+)?not\s+limited\s+to"
    r"|for\s+the\s+purpose\s+of\s+exploitation\s+which|It\s+shall\s+be\s+unlawful\s+for\s+any"
    r"|under\s+the\s+pretext\s+of\s+domestic",
    _I,
)
_SENTENCE_END = re.compile(r"[.;:](?=\s|$)(?<!\bNo\.)(?<!\bRp\.)(?<!\bjo\.)")
_RECITAL_MAX = 1_200


def recital_spans(
    text: str | FoldedText, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """(start, end) of each recited definition in `text[start:end]`, sorted and merged."""
    folded = text if isinstance(text, FoldedText) else FoldedText(text)
    text = folded.text
    spans: list[tuple[int, int]] = []
    for match in anchored(_RECITAL_START).finditer(folded, start, end):
        start = match.start()
        if spans and start < spans[-1][1]:
            continue
        end_match = _SENTENCE_END.search(text, match.end(), match.end() + _RECITAL_MAX)
        end = end_match.end() if end_match else min(match.end() + _RECITAL_MAX, len(text))
        spans.append((start, end))
    return spans


class _Mask:
    """Answers "is this offset inside a recital?" in O(log n)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


class Reading:
    """The stretches of one judgment that are read for facts, with what every finder needs
    about them (where the recitals are, where the victims are named), computed once."""

    def __init__(self, text: str, regions: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.regions = tuple(regions)
        # One lower-cased copy serves every pattern: each is tried only where its words occur.
        self.folded = FoldedText(text)
        self.mask = _Mask([s for a, b in self.regions for s in recital_spans(self.folded, a, b)])
        self.victims = [m.start() for m in self.matches(_VICTIM)]

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> Reading:
        return cls(text, [(start, len(text) if end is None else end)])

    def matches(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """`pattern.finditer` over each region in turn (the same matches, found faster)."""
        finder = anchored(pattern)
        for start, end in self.regions:
            yield from finder.finditer(self.folded, start, end)

    def near_victim(self, offset: int, reach: int = 250) -> bool:
        return _near(self.victims, offset, reach)


# ------------------------------------------------------------------------------------ cues

# Words that put the victims in a sentence: a venue, a job or a destination near one of them is
# the victims' (the accused's own job and travels are told in other sentences).
_VICTIM = re.compile(
    r"korban|\bCPMI\b|\bPMI\b|\bTKI\b|pekerja\s+migran|calon\s+pekerja|para\s+pekerja|perempuan"
    r"|wanita|\banak\b|victims?|complainants?|(?-i:\b[A-H]{3}\b)|girls?|women|woman|recruits?"
    r"|workers?|applicants?|mangsa|gadis",
    _I,
)
_VICTIM_REACH = 250

Cue = tuple[str, str, re.Pattern[str], bool]  # (field, value, pattern, needs a victim nearby)


def _cue(field: str, value: str, pattern: str, near_victim: bool = True, flags: int = _I) -> Cue:
    return field, value, re.compile(pattern, flags), near_victim


FORM = "exploitation_forms"  # SECTOR comes with the job statements that also code it

CUES: tuple[Cue, ...] = (
    # sexual exploitation: the victims made to serve clients
    _cue(
        FORM,
        "sexual_exploitation",
        r"melayani\s+(?:nafsu\s+)?(?:tamu|pria|laki[-\s]laki|lelaki|pelanggan|hidung\s+belang)"
        r"|(?:berhubungan|hubungan)\s+(?:badan|intim|seks(?:ual)?|suami\s+istri)\s+dengan\s+"
        r"(?:para\s+)?(?:tamu|pelanggan|pria\s+hidung|laki[-\s]laki\s+hidung|lelaki\s+hidung)"
        r"|\bopen\s*BO\b|\bshort\s*time\b|pekerja\s+seks|\bPSK\b|menjajakan|\bmucikari\b|\bgermo\b"
        r"|\bprostitut(?:e|es|ion)\b|\bpelacur(?:an)?\b|\bprostitusi\b|sexual\s+services"
        r"|sex(?:ual\s+intercourse)?\s+with\s+(?:the\s+|her\s+|their\s+)?(?:customers|clients"
        r"|guests)|commercial\s+sex|\bsex\s+work|\bpimp(?:ing|ed)?\b|living\s+on\s+the\s+earnings"
        r"|\bmelacur",
        near_victim=False,
    ),
    # forced labour: unpaid, deducted, bonded, confined to work
    _cue(
        FORM,
        "forced_labour",
        r"kerja\s+paksa|(?:tidak|belum)\s+(?:pernah\s+)?(?:di)?(?:gaji|upah)\b|(?:tidak|belum)\s+"
        r"(?:pernah\s+)?(?:di)?(?:bayar(?:kan)?|beri(?:kan)?|terima|menerima)\s+(?:gaji|upah)"
        r"|(?:gaji|upah)(?:nya)?\s+(?:\w+\s+){0,3}(?:tidak|belum)\s+(?:pernah\s+)?(?:di)?bayar"
        r"|(?:gaji|upah)(?:nya)?\s+(?:\w+\s+){0,2}dipotong|potongan\s+(?:gaji|upah)"
        r"|\bjeratan\s+utang|forced\s+lab(?:ou?r)|unpaid\s+(?:wages|salar(?:y|ies))"
        r"|(?:not|never)\s+(?:been\s+)?paid\s+(?:(?:her|his|their|any)\s+)?(?:wages|salar)"
        r"|debt\s+bondage|tanpa\s+(?:diberi\s+)?(?:libur|istirahat|gaji|upah|digaji|dibayar)",
    ),
    _cue(
        FORM,
        "forced_criminality",
        r"dipaksa\s+(?:untuk\s+)?(?:menjadi\s+|bekerja\s+sebagai\s+)?(?:scammer|penipu)"
        r"|dipaksa\s+(?:untuk\s+)?melakukan\s+penipuan|forced\s+to\s+(?:scam|commit|sell\s+drugs)"
        r"|forced\s+begging|dipaksa\s+mengemis",
    ),
    _cue(
        FORM,
        "other",
        r"(?:menjual|dijual|jual\s+beli|penjualan|memperjualbelikan)\s+(?:seorang\s+)?bayi"
        r"|sale\s+of\s+(?:a\s+|the\s+|her\s+)?(?:baby|infant|newborn)|sold\s+(?:a|the|her)\s+"
        r"(?:baby|infant|newborn)",
        near_victim=False,
    ),
    # venues and industries where the victims worked or were to work
    _cue(
        SECTOR,
        "entertainment_massage",
        r"karaoke|\bKTV\b|tempat\s+hiburan|\b(?:kafe|cafe|caf\u00e9)\b|pemandu\s+lagu"
        r"|panti\s+pijat|(?<!kamar\s)\bspa\b(?!\s+attendant)|massage|pijat\s+plus|night\s*club|\bdisko(?:tik|tek)\b"
        r"|guest\s+relations?\s+officer|\bGROs?\b|bar\s+girls?|(?:in|at|to)\s+(?:a|the)\s+"
        r"(?:\w+\s+)?bar\b|warung\s+remang|kedai\s+(?:minum|tuak)|lapo\s+tuak|\bwisma\b"
        r"|\blokalisasi\b|pusat\s+(?:urut|hiburan)|kelab\s+malam|\bpub\b",
    ),
    _cue(
        SECTOR,
        "online_sexual_exploitation",
        r"\bmi\s?chat\b|\bopen\s*BO\b|aplikasi\s+(?:tantan|beetalk)|cyber[-\s]?sex"
        r"|live[-\s]?stream|webcam|video\s+call\s+sex|\bVCS\b|prostitusi\s+(?:online|daring)"
        r"|online\s+sexual",
        near_victim=False,
    ),
    _cue(
        SECTOR,
        "domestic_work",
        r"(?:pembantu|asisten|pekerja|penatalaksana)\s+rumah\s+tangga|\bART\b|\bPRT\b"
        r"|domestic\s+(?:helper|worker)|household\s+service\s+worker|housemaid|\bmaid\b"
        r"|kasambahay|pembantu\s+rumah",
    ),
    _cue(
        SECTOR,
        "manufacturing",
        r"\bpabrik\b|\bfactory\b|\bfactories\b|\bkilang\b|garment|pengolahan\s+(?:ayam|ikan)",
    ),
    _cue(
        SECTOR,
        "agriculture",
        r"perkebunan|kebun\s+(?:kelapa\s+)?sawit|\bladang\b|plantation|farm\s*workers?"
        r"|buruh\s+tani|oil\s+palm|\bestet\b",
    ),
    _cue(
        SECTOR,
        "fishing",
        r"kapal\s+(?:penangkap\s+)?ikan|kapal\s+perikanan|fishing\s+(?:vessel|boat)s?"
        r"|deep[-\s]sea\s+fishing|awak\s+kapal\s+perikanan|kapal\s+nelayan|bot\s+nelayan",
    ),
    _cue(
        SECTOR,
        "construction",
        r"proyek\s+(?:konstruksi|bangunan)|kuli\s+bangunan|pekerja\s+(?:bangunan|konstruksi)"
        r"|construction\s+(?:site|worker|company)|tapak\s+pembinaan",
    ),
    _cue(
        SECTOR,
        "online_scam",
        r"\bscam(?:mer|mers|ming)?\b|penipuan\s+(?:online|daring)|love\s+scam|investment\s+scam",
    ),
    _cue(
        SECTOR,
        "online_gambling",
        r"judi\s+(?:online|daring|slot)|online\s+(?:gambling|casino)|situs\s+judi|\bPOGO\b"
        r"|judi\s+dalam\s+talian",
    ),
    _cue(
        SECTOR,
        "other",
        r"(?:bekerja|dipekerjakan|pekerjaan|kerja|magang|work(?:ing|ed)?|jobs?|employment)\s+"
        r"(?:\w+\s+){0,3}(?:di|pada|at|in)\s+(?:sebuah\s+|a\s+|the\s+)?(?:hotel|restoran"
        r"|rumah\s+makan|restaurant)",
    ),
)
# Acronyms that are common words in lowercase ("art", "spa" is fine either way).
_CASE_SENSITIVE = {"domestic_work", "entertainment_massage"}


def fact_findings(text: str, start: int = 0, end: int | None = None) -> list[Finding]:
    """Exploitation forms and sectors that the narrative of `text[start:end]` states."""
    return read_fact_cues(Reading.of(text, start, end))


def read_fact_cues(reading: Reading) -> list[Finding]:
    found: list[Finding] = []
    for group, value, pattern, near_victim in CUES:
        for match in reading.matches(pattern):
            if value in _CASE_SENSITIVE and _lowercase_acronym(match.group()):
                continue
            if reading.mask.covers(match.start()):
                continue
            if near_victim and not reading.near_victim(match.start(), _VICTIM_REACH):
                continue
            found.append(Finding(group, value, match.start(), match.end()))
    return found


def _lowercase_acronym(matched: str) -> bool:
    return matched.strip().lower() in {"art", "prt", "ktv", "gro", "gros"} and not matched.isupper()


def _near(sorted_offsets: Sequence[int], offset: int, reach: int) -> bool:
    index = bisect_right(sorted_offsets, offset)
    before = sorted_offsets[index - 1] if index > 0 else None
    after = sorted_offsets[index] if index < len(sorted_offsets) else None
    return (before is not None and offset - before <= reach) or (
        after is not None and after - offset <= reach
    )


# ------------------------------------------------------------------------------------ borders

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
    "korea selatan": "KR",
    "south korea": "KR",
    "saudi arabia": "SA",
    "arab saudi": "SA",
    "uni emirat arab": "AE",
    "united arab emirates": "AE",
    "dubai": "AE",
    "abu dhabi": "AE",
    "qatar": "QA",
    "kuwait": "KW",
    "oman": "OM",
    "bahrain": "BH",
    "jordan": "JO",
    "yordania": "JO",
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
    "france": "FR",
    "perancis": "FR",
    "canada": "CA",
    "kanada": "CA",
    "united kingdom": "GB",
    "inggris": "GB",
    "italy": "IT",
    "italia": "IT",
    "spain": "ES",
    "spanyol": "ES",
    "polandia": "PL",
    "poland": "PL",
    "united states": "US",
    "amerika serikat": "US",
    "macau": "MO",
    "makau": "MO",
    "mesir": "EG",
    "egypt": "EG",
    "libya": "LY",
    "sudan": "SD",
    # Cities and provinces on the region's trafficking routes, named instead of the country
    # ("brought by boat to Sandakan", "dikirim ke Erbil"); each counts only where it is foreign.
    "johor": "MY",
    "johore": "MY",
    "sabah": "MY",
    "sarawak": "MY",
    "sandakan": "MY",
    "tawau": "MY",
    "kota kinabalu": "MY",
    "kuala lumpur": "MY",
    "kuching": "MY",
    "penang": "MY",
    "selangor": "MY",
    "batam": "ID",
    "bangkok": "TH",
    "pattaya": "TH",
    "mae sot": "TH",
    "phnom penh": "KH",
    "sihanoukville": "KH",
    "bavet": "KH",
    "myawaddy": "MM",
    "yangon": "MM",
    "shwe kokko": "MM",
    "erbil": "IQ",
    "riyadh": "SA",
    "jeddah": "SA",
    "doha": "QA",
    "istanbul": "TR",
    "taipei": "TW",
}
# Nationalities written as adjectives ("Thai women", "Vietnamese nationals").
DEMONYMS: dict[str, str] = {
    "thai": "TH",
    "vietnamese": "VN",
    "malaysian": "MY",
    "malaysians": "MY",
    "indonesian": "ID",
    "indonesians": "ID",
    "filipina": "PH",
    "filipino": "PH",
    "filipinos": "PH",
    "chinese": "CN",
    "burmese": "MM",
    "cambodian": "KH",
    "laotian": "LA",
    "bangladeshi": "BD",
    "singaporean": "SG",
    "myanmar": "MM",
    "lao": "LA",
    "khmer": "KH",
}


_COUNTRY = re.compile(rf"\b(?:negara\s+)?({alternation(COUNTRY_NAMES)})\b", _I)
# Direction words right before a country: the victims went (or were to go) there, or came from it.
_TOWARD = re.compile(
    r"(?:\b(?:ke|menuju|tujuan|kepada\s+negara|to|into|for|bound\s+for|through|via|melalui"
    r"|transit(?:\s+(?:di|in|at))?)|tiba\s+di|sampai\s+di"
    r"|masuk(?:\s+ke)?|(?:bekerja|dipekerjakan|kerja|pekerjaan|lowongan|work(?:ing|ed)?|employed|jobs?|employment"
    r"|placed|ditempatkan|penempatan)\s+(?:\w+\s+){0,4}(?:di|in|at))\s+(?:wilayah\s+)?"
    r"(?:negara\s+)?$",
    _I,
)
_FROM = re.compile(
    r"(?:\b(?:from|dari|asal)\s+(?:negara\s+)?)$",
    _I,
)
_MOVED = re.compile(
    r"brought|bringing|came|recruited|trafficked|transported|arrived|entered|smuggled|procured"
    r"|didatangkan|dibawa|direkrut|berasal|warga\s+negara|nationals?|women|girls?",
    _I,
)
# "abroad" without a country named: recruitment for work abroad is cross-border too.
_ABROAD = re.compile(
    r"(?:ke|di)\s+luar\s+negeri|\babroad\b|(?<!domestic\sor\s)\boverseas\b|pekerja\s+migran|\bCPMI\b|\bPMI\b"
    r"|\bTKI\b|\bOFWs?\b",
    _I,
)
_STATE_WORDS = re.compile(r"Republik\s+Indonesia\s*$|warga\s+negara\s*$|Republic\s+of\s*$", _I)


def country_findings(text: str, start: int = 0, end: int | None = None) -> list[Finding]:
    """Countries the victims were taken to or brought from, as the narrative says ("country")."""
    return read_countries(Reading.of(text, start, end))


def read_countries(reading: Reading) -> list[Finding]:
    text = reading.text
    found: list[Finding] = []
    for match in reading.matches(_COUNTRY):
        if reading.mask.covers(match.start()) or not reading.near_victim(match.start()):
            continue
        before = text[max(match.start() - 60, 0) : match.start()]
        if _STATE_WORDS.search(before):
            continue  # "wilayah negara Republik Indonesia", a phrase of the statute
        after = text[match.end() : match.end() + 60]
        toward = _TOWARD.search(before) is not None
        came_from = _FROM.search(before) is not None and _MOVED.search(before + after) is not None
        if toward or came_from:
            code = COUNTRY_NAMES[re.sub(r"\s+", " ", match.group(1).lower())]
            found.append(Finding("country", code, match.start(1), match.end(1)))
    return found


def abroad_findings(text: str, start: int = 0, end: int | None = None) -> list[Finding]:
    """Mentions of work abroad with no country named ("ke luar negeri", "overseas")."""
    return read_abroad(Reading.of(text, start, end))


def read_abroad(reading: Reading) -> list[Finding]:
    return [
        Finding("abroad", True, m.start(), m.end())
        for m in reading.matches(_ABROAD)
        if not reading.mask.covers(m.start())
    ]


_DEMONYM = re.compile(
    rf"\b({alternation(DEMONYMS)})\s+(?:(?:young|teenage|female|male)\s+)?(?:women|woman|girls?"
    r"|nationals?|prostitutes|victims?|workers?|ladies|citizens?)\b",
    _I,
)
_WARGA = re.compile(
    rf"(?:warga\s+negara|kewarganegaraan|berkebangsaan)\s+({alternation(COUNTRY_NAMES)})\b", _I
)


# Places inside one country, as the facts name them: administrative units, and the statute's
# own words for exploitation inside the country ("di wilayah negara Republik Indonesia", Pasal 2
# UU 21/2007, as opposed to Pasal 4's "ke luar wilayah"). A domestic case is told with them and
# no foreign destination; without them the judgment does not say where, and stays null.
_HOME_PLACES: dict[str, re.Pattern[str]] = {
    "ID": re.compile(
        r"\b(?:kota|kabupaten|kab\.|provinsi|kecamatan|kelurahan|desa|pulau|jalan|jl\.)\s+[a-z]{3,}"
        r"|(?<!luar\s)wilayah\s+(?:negara\s+)?republik\s+indonesia",
        _I,
    ),
    "PH": re.compile(
        r"\b(?:city|province|municipality|barangay)\s+of\s+[a-z]{3,}|\b[a-z]{3,}\s+city\b"
        r"|\bbarangay\b|\bmetro\s+manila\b|\b(?:cebu|pampanga|manila|davao|samar|leyte)\b",
        _I,
    ),
    "MY": re.compile(
        r"\b(?:johor|selangor|kuala\s+lumpur|sabah|sarawak|penang|pulau\s+pinang|kedah|perak"
        r"|melaka|malacca|negeri\s+sembilan|pahang|terengganu|kelantan|perlis|labuan)\b",
        _I,
    ),
    "SG": re.compile(r"\bsingapore\b|\b(?:geylang|orchard\s+road|jurong|woodlands)\b", _I),
}
MIN_HOME_PLACES = 2  # one place could be an address in the header; a story names several
HOME_PLACES_PER_ABROAD = 5


def home_place_findings(reading: Reading, country: str) -> list[Finding]:
    """Places inside `country` named in the facts (the evidence of a domestic case). They need
    not stand near a victim: the indictment says where the acts were done ("bertempat di ..."),
    and this is read only when no foreign country or work abroad was found."""
    pattern = _HOME_PLACES.get(country)
    if pattern is None:
        return []
    return [
        Finding("place", country, m.start(), m.end())
        for m in reading.matches(pattern)
        if not reading.mask.covers(m.start())
    ]


def nationality_findings(text: str, start: int = 0, end: int | None = None) -> list[Finding]:
    """Nationalities of the victims: "Thai women", "korban warga negara Bangladesh"."""
    return read_nationalities(Reading.of(text, start, end))


def read_nationalities(reading: Reading) -> list[Finding]:
    found = [
        Finding("nationality", DEMONYMS[m.group(1).lower()], m.start(), m.end())
        for m in reading.matches(_DEMONYM)
    ]
    for match in reading.matches(_WARGA):
        if reading.near_victim(match.start(), 120):
            code = COUNTRY_NAMES[re.sub(r"\s+", " ", match.group(1).lower())]
            found.append(Finding("nationality", code, match.start(), match.end()))
    return found


# ------------------------------------------------------------------------------------ assembly

# Cases whose victims are coded although no trafficking is charged: vice offences (prostitution
# of others) and the illegal placement or recruitment of migrant workers.
_VICE = re.compile(
    r"Women'?s\s+Charter|living\s+on\s+the\s+earnings|\bbrothel|\bprostitut|\bpelacuran"
    r"|\bmucikari|\bgermo\b|Pasal\s+296\s+KUHP|Pasal\s+506\s+KUHP|sexual\s+services",
    _I,
)
_PLACEMENT = re.compile(
    r"pekerja\s+migran|Nomor\s+18\s+Tahun\s+2017|illegal\s+recruitment|overseas\s+employment"
    r"|Migrant\s+Workers|penempatan\s+(?:tenaga\s+kerja|PMI)|\bCPMI\b|\bTKI\b",
    _I,
)
_MIN_CONTEXT_MENTIONS = 3
LABOUR_SECTORS = frozenset(
    {"agriculture", "manufacturing", "domestic_work", "construction", "fishing"}
)
CONCEPT_GROUPS = ("acts", "means")
MAX_EVIDENCE = 10


@dataclass(frozen=True, slots=True)
class FactCoding:
    """The coded facts of one judgment, evidence as (start, end) offsets into the cleaned text."""

    victims_count: int | None = None
    minors: int | None = None
    genders: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    means: tuple[str, ...] = ()
    exploitation_forms: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    transnational: bool | None = None
    countries_involved: tuple[str, ...] = ()
    evidence: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)


def _values(findings: Sequence[Finding]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(f.value for f in findings))


def _offsets(findings: Iterable[Finding]) -> tuple[tuple[int, int], ...]:
    return tuple((f.start, f.end) for f in findings)[:MAX_EVIDENCE]


# Where the facts are told. Indonesian judgments tell them in the indictment (right after the
# accused's identity) and again in the court's findings ("fakta hukum"); the rest is mostly
# testimony repeating them and the analysis of legal elements. Other traditions tell the facts
# near the top. Reading only these stretches keeps the coder fast on 300-page judgments.
INDICTMENT_CHARS = 20_000
FINDINGS_CHARS = 20_000
OTHER_CHARS = 40_000
_ID_FINDINGS = re.compile(
    r"(?:fakta|Fakta|FAKTA)[-\s]+(?:fakta\s+|Fakta\s+|FAKTA\s+)?(?:hukum|Hukum|HUKUM)"
    r"[^.;]{0,80}?sebagai\s+berikut"
)


def fact_regions(text: str, body_start: int, country: str) -> list[tuple[int, int]]:
    """The (start, end) stretches of the cleaned text that are read for facts."""
    n = len(text)
    if country != "ID":
        return [(body_start, min(body_start + OTHER_CHARS, n))]
    regions = [(body_start, min(body_start + INDICTMENT_CHARS, n))]
    # The court's own findings come last, after the testimony and the parties' pleas, which
    # may use the same words.
    findings = list(_ID_FINDINGS.finditer(text, regions[0][1]))[-1:]
    if findings:
        regions.append((findings[0].start(), min(findings[0].start() + FINDINGS_CHARS, n)))
    return regions


def code_facts(
    text: str,
    body_start: int,
    country: str,
    *,
    criminal: bool,
    trafficking: bool,
    concept_findings: Sequence[Finding] = (),
) -> FactCoding:
    """Victims, acts, means, forms, sectors and borders of one cleaned judgment.

    `body_start` is where the header (the accused's identity, occupation included) ends;
    `concept_findings` are the thesaurus hits of the pipeline ("concept:acts", "concept:means").
    Victims are coded in every criminal case; forms, sectors and borders in trafficking cases
    and in the cases that share their facts (vice, migrant placement); acts and means only in
    trafficking cases, where the statute defines them.
    """
    if not criminal:
        return FactCoding()
    # Only the Indonesian header is long (the accused's identity, occupation and detention);
    # elsewhere it is a few lines of parties, and the facts may start right after them.
    if country != "ID":
        body_start = 0
    reading = Reading(text, fact_regions(text, body_start, country))
    evidence: dict[str, tuple[tuple[int, int], ...]] = {}
    victims: list[Finding] = []
    minors: list[Finding] = []
    for start, end in reading.regions:
        region = reading.folded.part(start, end)
        victims += people.victim_findings(region, start)
        minors += people.child_victim_findings(region, start)
    named = {f.value for f in victims if f.field == "victim"}
    children = {f.value for f in minors}
    child_count = (len(children - {""}) or 1) if minors else None
    genders = _values([f for f in victims if f.field == "victim_gender"])
    nationalities = read_nationalities(reading)
    if named:
        evidence["victims.count"] = _offsets(f for f in victims if f.field == "victim")
    if minors:
        evidence["victims.minors"] = _offsets(minors)

    vice = len(list(reading.matches(_VICE))) >= _MIN_CONTEXT_MENTIONS
    placement = len(list(reading.matches(_PLACEMENT))) >= _MIN_CONTEXT_MENTIONS
    forms: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    transnational: bool | None = None
    if trafficking or vice or placement:
        cues = read_fact_cues(reading)
        form_hits = _well_supported([f for f in cues if f.field == FORM], len(text))
        sector_hits = _sectors(
            [f for f in cues if f.field == SECTOR],
            job_findings(reading.folded, body_start),
            len(text),
        )
        sectors = _values(sector_hits)
        if trafficking or vice:
            form_hits += _implied_forms(sector_hits, form_hits, trafficking)
            forms = _values(form_hits)
        if forms:
            evidence["exploitation_forms"] = _offsets(form_hits)
        if sectors:
            evidence["sectors"] = _offsets(sector_hits)
        moved = read_countries(reading)
        abroad = read_abroad(reading)
        foreign = [f for f in moved if f.value != country]
        foreign_victims = [f for f in nationalities if f.value != country]
        if foreign or foreign_victims or len(abroad) >= _MIN_CONTEXT_MENTIONS:
            transnational = True
            found = [*foreign, *foreign_victims]
            countries = tuple(dict.fromkeys([country, *(f.value for f in found)]))
            evidence["transnational"] = _offsets([*found, *abroad][:MAX_EVIDENCE])
            evidence["countries_involved"] = _offsets(found) or evidence["transnational"]
        else:
            # A stray "abroad" (a relative working overseas) does not outweigh a story told in
            # home places; a few of them with no place at home leave the question open.
            home = home_place_findings(reading, country)
            if len(home) >= max(MIN_HOME_PLACES, HOME_PLACES_PER_ABROAD * len(abroad)):
                transnational = False
                countries = (country,)
                evidence["transnational"] = _offsets(home[:MAX_EVIDENCE])
                evidence["countries_involved"] = evidence["transnational"]

    concepts: dict[str, tuple[str, ...]] = {}
    if trafficking:
        for group in CONCEPT_GROUPS:
            hits = [f for f in concept_findings if f.field == f"concept:{group}"]
            if hits:
                concepts[group] = _values(hits)
                evidence[group] = _offsets(hits)
    return FactCoding(
        victims_count=len(named) or None,
        minors=child_count,
        genders=genders,
        nationalities=_values(nationalities),
        acts=concepts.get("acts", ()),
        means=concepts.get("means", ()),
        exploitation_forms=forms,
        sectors=sectors,
        transnational=transnational,
        countries_involved=countries,
        evidence=evidence,
    )


# A full judgment repeats what happened (indictment, testimony, findings of fact); there a lone
# mention is more often a passing remark or a quoted doctrine ("not only for prostitution but
# also ..."). Short texts (summaries, excerpts) state each fact once.
MIN_HITS_IN_FULL_JUDGMENT = 2
FULL_JUDGMENT_CHARS = 20_000
MIN_SHARE_OF_TOP = 0.2


def _well_supported(hits: Sequence[Finding], text_length: int) -> list[Finding]:
    counts = Counter(f.value for f in hits)
    if not counts:
        return []
    least = MIN_HITS_IN_FULL_JUDGMENT if text_length > FULL_JUDGMENT_CHARS else 1
    top = max(counts.values())
    kept = {v for v, n in counts.items() if n >= least and n >= MIN_SHARE_OF_TOP * top}
    return [f for f in hits if f.value in kept]


# Workplaces too often named for other reasons (the boat that carried migrants, a jetty named
# after an ice factory, the accused's own trade): they count only in a job statement.
JOB_STATEMENT_ONLY = frozenset({"manufacturing", "agriculture", "fishing"})
MIN_JOB_STATEMENTS = 2


def _sectors(
    cue_hits: Sequence[Finding], job_hits: Sequence[Finding], text_length: int
) -> list[Finding]:
    """Sectors from the narrative cues and from the job statements of the whole judgment.

    A job statement says what the victims did, but one alone may be a witness's or a relative's
    job, so in a full judgment a sector needs two of them (a short text states it once).
    "other" (hotel, restaurant work) is dropped when a named sector is found: a promised
    waitress job that led to a karaoke bar is the bar's sector."""
    named = [f for f in cue_hits if f.value not in JOB_STATEMENT_ONLY]
    venues = _well_supported(named, text_length)
    counts = Counter(f.value for f in job_hits)
    top = max(counts.values(), default=0)
    least = MIN_JOB_STATEMENTS if text_length > FULL_JUDGMENT_CHARS else 1
    kept = {v for v, n in counts.items() if n >= least and n >= MIN_SHARE_OF_TOP * top}
    jobs = [f for f in job_hits if f.value in kept]
    found = [*venues, *jobs]
    if any(f.value != "other" for f in found):
        found = [f for f in found if f.value != "other"]
    return found


def _implied_forms(
    sector_hits: Sequence[Finding], form_hits: Sequence[Finding], trafficking: bool
) -> list[Finding]:
    """Forms that the work itself implies in a trafficking case: recruits made to run online
    scams suffer forced criminality; recruits for farm, factory, household, building or boat
    work suffer labour exploitation (when no other purpose is stated)."""
    if not trafficking:
        return []
    implied: list[Finding] = []
    for hit in sector_hits:
        if hit.value == "online_scam":
            implied.append(Finding(FORM, "forced_criminality", hit.start, hit.end))
        elif hit.value in LABOUR_SECTORS and not form_hits:
            implied.append(Finding(FORM, "forced_labour", hit.start, hit.end))
    return implied
