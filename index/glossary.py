"""A hand-written English glossary of trafficking cases for translating English questions.

The index's lexicon (`index.crosslingual`) translates a word by its nearest neighbour among the
other languages' words in the model's space. That works for many words and fails for some of
the commonest in this field: "baby" became "babi" (pig), "newborn" "hamil" (pregnant),
"seafarers", "abroad" and "placement" found nothing. For those, the surest translation is the
one a person who reads the judgments writes down: `data/glossary.json` holds a few hundred
English words with their Indonesian and Malay renderings. A glossary word is translated from it
alone, its renderings searched together as one concept is (any of them counts once, as the
thesaurus's terms do); the lexicon goes on translating every other word (names, rarer words).

The same entries bridge Malay and Indonesian, which share most words and differ in some common
ones ("mangsa" and "korban", "dihantar" and "dikirim", "Kemboja" and "Kamboja"): a question's
Malay words that Indonesian writes otherwise also search the Indonesian ones, as a concept.
On the tune split's 8 Malay questions hybrid nDCG@10 went 0.598 -> 0.603 (BM25 0.586 -> 0.593),
English and Indonesian questions unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from index.words import stemmer, words

GLOSSARY_PATH = Path(__file__).parent / "data" / "glossary.json"


@cache
def _entries() -> dict[str, dict[str, list[str]]]:
    """The glossary file's entries: headword -> language -> renderings, read once."""
    entries: dict[str, dict[str, list[str]]] = json.loads(
        GLOSSARY_PATH.read_text(encoding="utf-8")
    )["words"]
    return entries


def _stems(text: str) -> str:
    """The English stems of `text`'s words, space separated: how a headword is looked up."""
    english = stemmer("english")
    return " ".join(english.stemWord(word) for word in words(text.lower()))


@cache
def _glossary() -> dict[str, tuple[str, ...]]:
    """Renderings by the English stems of their headword (the inflections of one headword
    together), each as its words space separated. A headword of two words ("pocket money") is
    an expression whose sense its words apart do not carry ("uang saku", not "saku" and
    "uang")."""
    found: dict[str, tuple[str, ...]] = {}
    for headword, languages in _entries().items():
        renderings = [" ".join(words(r)) for rs in languages.values() for r in rs if words(r)]
        key = _stems(headword)
        found[key] = tuple(dict.fromkeys((*found.get(key, ()), *renderings)))
    return found


def glossary_renderings(word: str) -> tuple[str, ...]:
    """The glossary's renderings of an English question word (lower-cased); empty when the
    glossary does not hold it."""
    return _glossary().get(stemmer("english").stemWord(word), ())


def glossary_expressions(terms: Sequence[str]) -> list[tuple[int, tuple[str, ...]]]:
    """The two-word expressions of the glossary among a question's words (`terms`, in their
    order): (the position of the first word, the expression's renderings), left to right, no
    word in two expressions."""
    glossary = _glossary()
    found: list[tuple[int, tuple[str, ...]]] = []
    at = 0
    while at < len(terms) - 1:
        renderings = glossary.get(_stems(f"{terms[at]} {terms[at + 1]}"), ())
        if renderings:
            found.append((at, renderings))
            at += 2
        else:
            at += 1
    return found


@cache
def _indonesian_for_malay() -> dict[str, tuple[str, ...]]:
    """Malay one-word renderings that Indonesian writes otherwise ("mangsa", "dihantar",
    "kemboja") -> the Indonesian renderings of the same headwords ("korban", "dikirim",
    "kamboja"). Words are matched as written: stems would join "pemerdagangan" (trafficking)
    with "pemerdagang" (trafficker). A rendering Indonesian uses too, or that is an English
    headword as well ("permit", "visa"), is left out."""
    entries = _entries()
    indonesian = {
        w for languages in entries.values() for r in languages.get("id", ()) for w in words(r)
    }
    found: dict[str, tuple[str, ...]] = {}
    for languages in entries.values():
        renderings = [" ".join(words(r)) for r in languages.get("id", ()) if words(r)]
        for rendering in languages.get("ms", ()):
            tokens = words(rendering)
            if len(tokens) != 1 or tokens[0] in indonesian or tokens[0] in entries:
                continue
            found[tokens[0]] = tuple(dict.fromkeys((*found.get(tokens[0], ()), *renderings)))
    return found


def indonesian_renderings(word: str) -> tuple[str, ...]:
    """For a Malay question word Indonesian writes otherwise, the Indonesian words for it: a
    Malay question over Indonesian judgments searches them as a thesaurus concept's terms (the
    two languages share most words, so the question is not translated as a whole)."""
    return _indonesian_for_malay().get(word, ())
