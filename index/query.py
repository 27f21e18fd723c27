"""Reading a search question: free words, phrases that must appear verbatim, citations typed
without quotes, thesaurus concepts and their terms in the corpus's other languages, and the
question's language; then the FTS5 expressions and matchers that find and check them.

Exactness is restored where users ask for it: quoted phrases and citations are checked against
the raw text, not the stems. Tokenising and stemming are `index.words`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from index.glossary import indonesian_renderings
from index.words import (
    QUERY_STEMMERS,
    STOPWORDS,
    WORD_RE,
    stemmer,
    term_variants,
    words,
)

# Citations that must match exactly even when not quoted: Indonesian register numbers,
# Philippine G.R./Republic Act numbers, Singapore neutral citations, Indonesian statutes.
CITATION_RE = re.compile(
    r"\d+\s*/\s*[A-Za-z.]+\s*/\s*\d{4}\s*/\s*[A-Z]{2,}\s*[A-Za-z]+"
    r"|\bG\.\s?R\.\s*No(?:s)?\.\s*[L-]*\d[\d-]*"
    r"|\bR\.\s?A\.\s*(?:No\.\s*)?\d{3,5}\b"
    r"|\[\d{4}\]\s*[A-Z]{2,6}\s*\d+"
    r"|\bUU\s*(?:No(?:mor)?\.?\s*)?\d+\s*(?:/\s*|Tahun\s+)\d{4}"
    r"|\b(?:Pasal|Section|Sec\.|Seksyen)\s*\d+[A-Z]?(?:\s*\([a-z0-9]{1,3}\))*(?!\w)"
)
# Provisions cited by number: "Pasal 18", "Section 4(a)", "Sec. 4 (a)", "seksyen 12".
_PROVISION_RE = re.compile(
    r"(Pasal|Section|Sec\.|Seksyen)\s*(\d+[A-Z]?)((?:\s*\([a-z0-9]{1,3}\))*)", re.IGNORECASE
)
# Words that introduce a provision, by family: an English "Sec." is a "Section", and the
# Malaysian statutes' Malay "seksyen" is their English "section".
_PROVISION_WORDS = {
    "pasal": ("pasal",),
    "section": ("section", "sec", "seksyen"),
}
EXPANSION_LANGUAGES = ("en", "id", "ms")  # the languages of the corpus's documents
_AMBIGUOUS_ABBREVIATION_RE = re.compile(r"^[A-Z]{2,4}$")
_QUOTED_RE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def fts_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into free words (ranked) and phrases that must appear verbatim."""

    text: str
    terms: tuple[str, ...]  # lower-cased words outside phrases, stopwords removed
    phrases: tuple[str, ...]  # quoted phrases and recognised citations, as typed
    # Thesaurus terms in the corpus's other languages for each concept the free words name:
    # one tuple of alternatives per concept. They rank below the query's own words.
    expansions: tuple[tuple[str, ...], ...] = ()
    # The phrases that are citations typed without quotes: they match the citation's other
    # written forms too ("R.A. 9208" finds "Republic Act No. 9208"), never another number.
    citations: tuple[str, ...] = ()

    def matchers(self) -> list[VerbatimPhrase | CitationPhrase]:
        """One matcher per phrase: verbatim for quoted phrases, by form for citations."""
        return [phrase_matcher(p, p in self.citations) for p in self.phrases]

    def phrase_expressions(self) -> list[str]:
        """FTS5 expressions finding candidate passages for each phrase."""
        found = (candidate_expression(p, p in self.citations) for p in self.phrases)
        return [e for e in found if e]

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    def ranking_words(self) -> list[str]:
        """Every meaningful word of the query, phrase words included, once each."""
        seen = dict.fromkeys(self.terms)
        for phrase in self.phrases:
            seen.update(dict.fromkeys(w for w in words(phrase) if w not in STOPWORDS))
        return list(seen)


def parse_query(text: str) -> ParsedQuery:
    phrases = [p.strip() for p in _QUOTED_RE.findall(text) if words(p)]
    rest = _QUOTED_RE.sub(" ", text)
    citations = [m.group().strip() for m in CITATION_RE.finditer(rest)]
    phrases.extend(citations)
    rest = CITATION_RE.sub(" ", rest)
    quoted = set(phrases[: len(phrases) - len(citations)])
    terms = [w for w in words(rest) if w not in STOPWORDS]
    if not terms and not phrases:
        terms = words(rest)  # a query of stopwords only still means something
    return ParsedQuery(
        text=text,
        terms=tuple(dict.fromkeys(terms)),
        phrases=tuple(dict.fromkeys(phrases)),
        expansions=(
            *thesaurus_expansions(rest),
            *(group for term in dict.fromkeys(terms) if (group := indonesian_renderings(term))),
        ),
        citations=tuple(dict.fromkeys(c for c in citations if c not in quoted)),
    )


@lru_cache(maxsize=1)
def _concept_terms() -> tuple[dict[tuple[str, ...], frozenset[str]], int]:
    """Every thesaurus term as its word sequence -> the concepts it names, and the longest
    sequence: a query is matched by looking its word n-grams up, not by one regex per term."""
    from tiplex.thesaurus import load_thesaurus  # data file read once, on first use

    found: dict[tuple[str, ...], set[str]] = {}
    for name, concept in load_thesaurus().concepts.items():
        for terms in concept.terms.values():
            for term in terms:
                key = tuple(words(term))
                if key:
                    found.setdefault(key, set()).add(name)
    longest = max((len(k) for k in found), default=0)
    return {k: frozenset(v) for k, v in found.items()}, longest


def named_concepts(text: str) -> tuple[str, ...]:
    """The thesaurus concepts whose terms occur in `text` (word n-grams), in order found."""
    by_words, longest = _concept_terms()
    tokens = words(text)
    named: dict[str, None] = {}
    for size in range(1, longest + 1):
        for start in range(len(tokens) - size + 1):
            for concept in sorted(by_words.get(tuple(tokens[start : start + size]), ())):
                named.setdefault(concept, None)
    return tuple(named)


def thesaurus_expansions(text: str) -> tuple[tuple[str, ...], ...]:
    """Per concept of the thesaurus that `text` names, its terms in the corpus's languages
    that `text` does not already hold. Short upper-case abbreviations are left out: "ART" or
    "LC" mean one thing in an Indonesian judgment and another in an English one."""
    from tiplex.thesaurus import load_thesaurus

    by_words, longest = _concept_terms()
    tokens = words(text)
    named: dict[str, None] = {}
    held: set[tuple[str, ...]] = set()
    for size in range(1, longest + 1):
        for start in range(len(tokens) - size + 1):
            key = tuple(tokens[start : start + size])
            held.add(key)
            for concept in sorted(by_words.get(key, ())):
                named.setdefault(concept, None)
    thesaurus = load_thesaurus()
    groups = []
    for concept in named:
        terms = [
            term
            for language in EXPANSION_LANGUAGES
            for term in thesaurus.terms(concept, language)
            if not _AMBIGUOUS_ABBREVIATION_RE.match(term) and tuple(words(term)) not in held
        ]
        if terms:
            groups.append(tuple(dict.fromkeys(terms)))
    return tuple(groups)


# Function words that tell the language of a short query. Indonesian and Malay share most.
_LANGUAGE_MARKERS = {
    language: frozenset(markers.split())
    for language, markers in (
        (
            "en",
            "the of in on for to and by with from under without into a an is are was were that "
            "this who which their his her its as at or not",
        ),
        (
            "id",
            "yang dan di ke dari untuk dengan pada oleh dalam atas bagi tidak secara sebagai "
            "kepada tetapi lalu ini itu akan telah menjadi supaya mereka atau",
        ),
        ("tl", "ng sa mga ang ay ba ito para na kung"),
    )
}
# Indonesian/Malay words with a prefix and a suffix ("diperdagangkan", "penjualan") or a suffix
# English lacks ("dijanjikan", "rumahnya"): enough to tell a query without function words.
_MALAY_AFFIX_RE = re.compile(
    r"^(?:di|ter|ber|me|mem|men|meng|meny|pe|pem|pen|peng|per|ke)\w{2,}(?:kan|an|i|nya)$"
    r"|^\w{3,}(?:kan|nya)$"
)


def query_language(parsed: ParsedQuery) -> str:
    """`en`, `id` (Indonesian or Malay), `tl`, or `und`: the language a query's free words
    are most likely written in, from function words and then Malay affixes."""
    tokens = words(" ".join((*parsed.terms, *parsed.phrases)))
    original = words(_QUOTED_RE.sub(" ", parsed.text))
    votes = {
        lang: sum(w in markers for w in original) for lang, markers in _LANGUAGE_MARKERS.items()
    }
    best = max(votes, key=lambda lang: votes[lang])
    if votes[best] > 0 and list(votes.values()).count(votes[best]) == 1:
        return best
    affixed = sum(bool(_MALAY_AFFIX_RE.match(w)) for w in tokens if w.isalpha())
    if tokens and affixed * 2 >= len(tokens):
        return "id"
    return "und"


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Matches `phrase` verbatim except for case and runs of whitespace, on word boundaries:
    "Pasal 18" matches "pasal  18" but not "Pasal 180". (`VerbatimPhrase` is the faster way
    to test many passages.)"""
    body = r"\s+".join(re.escape(p) for p in phrase.split())
    if phrase[:1].isalnum():
        body = r"(?<!\w)" + body
    if phrase[-1:].isalnum():
        body += r"(?!\w)"
    return re.compile(body, re.IGNORECASE)


class VerbatimPhrase:
    """A phrase that must occur as written, except for case and runs of whitespace, on word
    boundaries: "Pasal 18" is found in "pasal  18" but not in "Pasal 180" or "XPasal 18"."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
        body = r"\s+".join(re.escape(p) for p in phrase.lower().split())
        if phrase[-1:].isalnum():
            body += r"(?!\w)"
        # Searched in lower-cased text without a leading look-behind, so that the regex engine
        # can jump between occurrences of the first word: this runs over thousands of passages.
        self._pattern = re.compile(body)
        self._left_bounded = phrase[:1].isalnum()
        self._fallback = phrase_pattern(phrase)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter lower-cases to two: offsets would drift
            yield from (m.span() for m in self._fallback.finditer(text))
            return
        for match in self._pattern.finditer(lowered):
            start = match.start()
            if self._left_bounded and start > 0 and WORD_RE.match(lowered, start - 1):
                continue
            yield match.span()

    def found_in(self, text: str) -> bool:
        return next(self.spans(text), None) is not None


# The written forms of the statutes most cited in the corpus, so that an unquoted citation finds
# them all: Philippine Republic Acts and Indonesian statutes (Undang-Undang).
_REPUBLIC_ACT_RE = re.compile(r"R\.\s?A\.\s*(?:No\.\s*)?(\d{3,5})", re.IGNORECASE)
_UNDANG_UNDANG_RE = re.compile(
    r"UU\s*(?:No(?:mor)?\.?\s*)?(\d+)\s*(?:/\s*|Tahun\s+)(\d{4})", re.IGNORECASE
)


class CitationPhrase:
    """A citation that matches every usual written form of the same statute and number:
    "R.A. 9208" is found in "Republic Act No. 9208" and "RA 9208" but not in "R.A. 92081"."""

    def __init__(self, phrase: str, pattern: re.Pattern[str], expression: str) -> None:
        self.phrase = phrase
        self.pattern = pattern
        self.expression = expression  # FTS5: passages holding the citation's numbers

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        yield from (m.span() for m in self.pattern.finditer(text))

    def found_in(self, text: str) -> bool:
        return self.pattern.search(text) is not None


def citation_phrase(citation: str) -> CitationPhrase | None:
    """The form-tolerant matcher of a citation, or None for citations matched verbatim."""
    act = _REPUBLIC_ACT_RE.fullmatch(citation.strip())
    if act:
        number = act.group(1)
        pattern = (
            r"(?<!\w)(?:R\.?\s?A\.?|Republic\s+Act)\s*(?:\(\s*R\.?\s?A\.?\s*\)\s*)?"
            rf"(?:No\.?\s*)?{number}(?!\d)"
        )
        return CitationPhrase(citation, re.compile(pattern, re.IGNORECASE), fts_quote(number))
    provision = _PROVISION_RE.fullmatch(citation.strip())
    if provision:
        return _provision_phrase(citation, *provision.groups())
    law = _UNDANG_UNDANG_RE.fullmatch(citation.strip())
    if law:
        number, year = law.groups()
        pattern = (
            r"(?<!\w)(?:UU|Undang[\s-]*Undang)\s*(?:(?:RI|R\.I\.|Republik\s+Indonesia)\s*)?"
            rf"(?:No(?:mor)?\.?\s*)?{number}\s*(?:/\s*|Tahun\s+){year}(?!\d)"
        )
        expression = f"{fts_quote(number)} AND {fts_quote(year)}"
        return CitationPhrase(citation, re.compile(pattern, re.IGNORECASE), expression)
    return None


def _provision_phrase(citation: str, word: str, number: str, parts: str) -> CitationPhrase:
    family = "pasal" if word.lower() == "pasal" else "section"
    names = _PROVISION_WORDS[family]
    introducer = "|".join(rf"{re.escape(n)}\.?" for n in names)
    subdivisions = "".join(rf"\s*\(\s*{re.escape(p)}\s*\)" for p in re.findall(r"\((\w+)\)", parts))
    pattern = rf"(?<!\w)(?:{introducer})\s*{re.escape(number)}{subdivisions}(?!\w)"
    if not subdivisions:
        pattern = rf"(?<!\w)(?:{introducer})\s*{re.escape(number)}(?!\w)"
    near = " OR ".join(f"NEAR({fts_quote(n)} {fts_quote(number.lower())}, 1)" for n in names)
    return CitationPhrase(citation, re.compile(pattern, re.IGNORECASE), near)


def phrase_matcher(phrase: str, citation: bool) -> VerbatimPhrase | CitationPhrase:
    return (citation_phrase(phrase) if citation else None) or VerbatimPhrase(phrase)


def candidate_expression(phrase: str, citation: bool) -> str | None:
    matcher = citation_phrase(phrase) if citation else None
    return matcher.expression if matcher is not None else fts_phrase(phrase)


def phrase_forms(phrase: str) -> list[str]:
    """The forms `phrase` may be indexed under (as typed and under every stemmer), each its
    words space separated as in the FTS5 column; empty when it has no words."""
    tokens = words(phrase)
    if not tokens:
        return []
    variants = {" ".join(tokens)}
    variants.update(" ".join(stemmer(a).stemWords(tokens)) for a in QUERY_STEMMERS)
    return sorted(variants)


def fts_phrase(phrase: str) -> str | None:
    """An FTS5 expression finding candidate passages for `phrase` under every stemmer."""
    forms = phrase_forms(phrase)
    if not forms:
        return None
    return "(" + " OR ".join(fts_quote(v) for v in forms) + ")"


def fts_any(terms: Iterable[str]) -> str | None:
    """An FTS5 expression matching passages holding any of `terms` (in any indexed form)."""
    forms = sorted({form for term in terms for form in term_variants(term)})
    if not forms:
        return None
    return " OR ".join(fts_quote(f) for f in forms)


def fts_all(terms: Iterable[str]) -> str | None:
    """An FTS5 expression matching passages holding every one of `terms`."""
    groups = [fts_any([term]) for term in terms]
    present = [g for g in groups if g]
    if not present:
        return None
    return " AND ".join(f"({g})" for g in present)
