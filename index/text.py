"""Words, stems and queries: the one tokenisation shared by indexing and searching.

The full-text index stores *stems* (Snowball "english" for English, "indonesian" for Indonesian
and Malay), so "victims" finds "victim" and "dieksploitasi" finds "eksploitasi". A query's
language is unknown, so each query word is looked up under every stemmer's form. Exactness is
restored where users ask for it: quoted phrases and citations are checked against the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

# Python's \w leaves out combining marks, which Thai, Lao, Khmer and Burmese words are full of.
_WORD_CHARS = r"[\w\u0300-\u036f\u0e00-\u0eff\u1000-\u109f\u1780-\u17d3]"
WORD_RE = re.compile(_WORD_CHARS + "+")

STEMMER_BY_LANGUAGE = {"en": "english", "id": "indonesian", "ms": "indonesian"}
QUERY_STEMMERS = ("english", "indonesian")

# Words that carry no weight in a query; dropping them keeps FTS5 from ranking every passage.
_STOPWORD_LIST = """
    a an and are as at be been but by for from had has have in into is it its of on or that the
    their there these this those to was were which who whom with without not no than then so
    such any all also if about after before between under over through during against
    yang dan di ke dari dalam untuk dengan pada ini itu atau oleh sebagai tersebut bahwa juga
    adalah akan telah sudah tidak karena serta para secara atas bagi kepada yaitu maka
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())

# Citations that must match exactly even when not quoted: Indonesian register numbers,
# Philippine G.R./Republic Act numbers, Singapore neutral citations, Indonesian statutes.
CITATION_RE = re.compile(
    r"\d+\s*/\s*[A-Za-z.]+\s*/\s*\d{4}\s*/\s*[A-Z]{2,}\s*[A-Za-z]+"
    r"|\bG\.\s?R\.\s*No(?:s)?\.\s*[L-]*\d[\d-]*"
    r"|\bR\.\s?A\.\s*(?:No\.\s*)?\d{3,5}\b"
    r"|\[\d{4}\]\s*[A-Z]{2,6}\s*\d+"
    r"|\bUU\s*(?:No(?:mor)?\.?\s*)?\d+\s*(?:/\s*|Tahun\s+)\d{4}"
)
_QUOTED_RE = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


@lru_cache(maxsize=8)
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


# Thai is segmented with pythainlp. Khmer, Lao and Burmese have no spaCy class and no cheap
# segmenter here: their runs become overlapping character bigrams, so that any query of two or
# more characters finds them.
_SEGMENTED_RE = re.compile(
    r"(?P<thai>[\u0e00-\u0e7f]+)|(?P<bigram>[\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f]+)"
)


def _thai_pieces(run: str) -> Iterator[tuple[int, int]]:
    from pythainlp.tokenize import word_tokenize  # slow import; Thai text is rare

    position = 0
    for token in word_tokenize(run, keep_whitespace=False):
        found = run.find(token, position)
        if found < 0:  # the segmenter normalised something: fall back to the whole rest
            yield position, len(run)
            return
        yield found, found + len(token)
        position = found + len(token)


def _pieces(token: str) -> Iterator[tuple[int, int]]:
    """Offsets of the words inside one WORD_RE match: itself, unless it holds Thai (segmented
    with pythainlp) or Lao/Khmer/Burmese (overlapping character bigrams)."""
    position = 0
    for match in _SEGMENTED_RE.finditer(token):
        if match.start() > position:
            yield position, match.start()
        run_start = match.start()
        if match.lastgroup == "thai":
            yield from ((run_start + a, run_start + b) for a, b in _thai_pieces(match.group()))
        else:
            length = len(match.group())
            yield from (
                (run_start + i, run_start + min(i + 2, length)) for i in range(max(1, length - 1))
            )
        position = match.end()
    if position < len(token):
        yield position, len(token)


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, lower-cased word) of every word of `text`, as `words` finds them."""
    if not has_segmented_script(text):
        for match in WORD_RE.finditer(text):
            yield match.start(), match.end(), match.group().lower()
        return
    for match in WORD_RE.finditer(text):
        token = match.group()
        if token.isascii() or not _SEGMENTED_RE.search(token):
            yield match.start(), match.end(), token.lower()
            continue
        for start, end in _pieces(token):
            yield match.start() + start, match.start() + end, token[start:end].lower()


def has_segmented_script(text: str) -> bool:
    # Over the distinct characters: far cheaper than a regex scan of a long passage.
    return not text.isascii() and any("\u0e00" <= ch <= "\u17ff" for ch in set(text))


def fragment_pattern(fragments: Iterable[str]) -> re.Pattern[str]:
    """Finds any of the lower-case `fragments` in lower-cased text, longest first."""
    alternatives = "|".join(re.escape(f) for f in sorted(set(fragments), key=len, reverse=True))
    return re.compile(alternatives)


def enclosing_word(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around text[start:end]."""
    while start > 0 and WORD_RE.match(text, start - 1):
        start -= 1
    while end < len(text) and WORD_RE.match(text, end):
        end += 1
    return start, end


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with Thai segmented and Khmer/Lao/Burmese as bigrams."""
    lowered = text.lower()
    if not has_segmented_script(lowered):
        return WORD_RE.findall(lowered)  # the common case, kept fast for 100 MB corpora
    return [word for _, _, word in word_spans(text)]


def index_terms(text: str, language: str) -> str:
    """The string stored in the FTS5 column: stems of the words, space separated."""
    tokens = words(text)
    algorithm = STEMMER_BY_LANGUAGE.get(language)
    if algorithm:
        tokens = _stemmer(algorithm).stemWords(tokens)
    return " ".join(tokens)


def term_variants(word: str) -> frozenset[str]:
    """Every form under which `word` may have been indexed (unknown language)."""
    return frozenset([word, *(_stemmer(a).stemWord(word) for a in QUERY_STEMMERS)])


def fts_quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into free words (ranked) and phrases that must appear verbatim."""

    text: str
    terms: tuple[str, ...]  # lower-cased words outside phrases, stopwords removed
    phrases: tuple[str, ...]  # quoted phrases and recognised citations, as typed

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
    phrases.extend(m.group().strip() for m in CITATION_RE.finditer(rest))
    rest = CITATION_RE.sub(" ", rest)
    terms = [w for w in words(rest) if w not in STOPWORDS]
    if not terms and not phrases:
        terms = words(rest)  # a query of stopwords only still means something
    return ParsedQuery(
        text=text,
        terms=tuple(dict.fromkeys(terms)),
        phrases=tuple(dict.fromkeys(phrases)),
    )


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


def fts_phrase(phrase: str) -> str | None:
    """An FTS5 expression finding candidate passages for `phrase` under every stemmer."""
    tokens = words(phrase)
    if not tokens:
        return None
    variants = {" ".join(tokens)}
    variants.update(" ".join(_stemmer(a).stemWords(tokens)) for a in QUERY_STEMMERS)
    return "(" + " OR ".join(fts_quote(v) for v in sorted(variants)) + ")"


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
