"""Language detection without models or network: scripts first, then function words.

Thai, Lao, Khmer and Burmese each have a script of their own, so one character count decides.
Vietnamese is Latin with a dense layer of stacked diacritics. Among the plain-Latin languages of
the region (English, Indonesian, Malay, Tagalog) the most frequent function words differ enough
that counting a handful of them on a sample of the text is reliable for documents this long.
"""

from __future__ import annotations

import re
from collections import Counter

# Only the first stretch of a document is looked at: long judgments are consistent in language,
# and the header is where it is most reliably stated.
SAMPLE_CHARS = 20_000

_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("lo", re.compile(r"[\u0e80-\u0eff]")),
    ("km", re.compile(r"[\u1780-\u17ff]")),
    ("my", re.compile(r"[\u1000-\u109f]")),
)

# Letters that occur in Vietnamese but hardly in any other language written in Latin script here.
_VIETNAMESE = re.compile(r"[ơưăđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "that",
            "is",
            "was",
            "for",
            "by",
            "with",
            "on",
            "be",
            "as",
            "this",
            "which",
        ]
    ),
    "id": frozenset(
        [
            "yang",
            "dan",
            "di",
            "dengan",
            "dalam",
            "tersebut",
            "tidak",
            "bahwa",
            "untuk",
            "pada",
            "ini",
            "dari",
            "atas",
            "oleh",
            "telah",
            "adalah",
            "karena",
            "sebagai",
            "bukan",
        ]
    ),
    "ms": frozenset(
        [
            "yang",
            "dan",
            "di",
            "dengan",
            "dalam",
            "tersebut",
            "tidak",
            "bahawa",
            "untuk",
            "pada",
            "ini",
            "dari",
            "atas",
            "oleh",
            "telah",
            "ialah",
            "kerana",
            "sebagai",
            "bukan",
            "hendaklah",
            "seksyen",
            "boleh",
        ]
    ),
    "tl": frozenset(
        [
            "ang",
            "ng",
            "mga",
            "sa",
            "na",
            "at",
            "ay",
            "si",
            "ni",
            "kay",
            "hindi",
            "para",
            "nang",
            "ito",
        ]
    ),
}

# Words that tell Malay from Indonesian (the two share most of their function words).
_MALAY_MARKERS = frozenset(
    [
        "bahawa",
        "kerana",
        "hendaklah",
        "seksyen",
        "ialah",
        "akta",
        "tuan",
        "puan",
        "wang",
        "kerajaan",
        "daripada",
        "dewan",
        "perenggan",
    ]
)
_INDONESIAN_MARKERS = frozenset(
    [
        "bahwa",
        "karena",
        "terdakwa",
        "pasal",
        "undang-undang",
        "menimbang",
        "pengadilan",
        "uang",
        "pemerintah",
    ]
)

_MARKER_CAP = 5
_WORD = re.compile(r"[a-z][a-z'-]*")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; "und" when nothing can be said (empty, binary)."""
    sample = (text or "")[:SAMPLE_CHARS]
    if not sample.strip():
        return "und"
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) >= min(20, max(len(sample) // 4, 1)):
            return code
    # Short texts count too: a share of the letters rather than a fixed number. Letters are only
    # counted when there are Vietnamese letters at all (counting them is not free on 20,000
    # characters).
    vietnamese = len(_VIETNAMESE.findall(sample))
    if vietnamese >= 3 and vietnamese >= min(20, len(_LETTER.findall(sample)) // 25):
        return "vi"
    words = Counter(_WORD.findall(sample.lower()))
    if sum(words.values()) < 3:
        return "und"
    scores = {
        lang: sum(words[w] for w in vocabulary) for lang, vocabulary in _FUNCTION_WORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0:
        return "und"
    if best in {"id", "ms"}:
        # Capped counts: a court banner repeated on every page must not outvote the prose.
        malay = sum(min(words[w], _MARKER_CAP) for w in _MALAY_MARKERS)
        indonesian = sum(min(words[w], _MARKER_CAP) for w in _INDONESIAN_MARKERS)
        return "ms" if malay > indonesian else "id"
    return best


# spaCy language classes for the region's languages; the rest get the multi-language class.
SPACY_LANGUAGES = frozenset({"en", "id", "ms", "tl", "th", "vi"})


def spacy_language(code: str) -> str:
    """The spaCy language class to use for an ISO code (Khmer, Lao, Burmese: "xx")."""
    return code if code in SPACY_LANGUAGES else "xx"
