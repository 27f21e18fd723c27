"""A hand-written English glossary of trafficking cases for translating English questions.

The index's lexicon (`index.crosslingual`) translates a word by its nearest neighbour among the
other languages' words in the model's space. That works for many words and fails for some of
the commonest in this field: "baby" became "babi" (pig), "newborn" "hamil" (pregnant),
"seafarers", "abroad" and "placement" found nothing. For those, the surest translation is the
one a person who reads the judgments writes down: `data/glossary.json` holds a few hundred
English words with their Indonesian and Malay renderings. A glossary word is translated from it
alone, its renderings searched together as one concept is (any of them counts once, as the
thesaurus's terms do); the lexicon goes on translating every other word (names, rarer words).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from index.words import stemmer, words

GLOSSARY_PATH = Path(__file__).parent / "data" / "glossary.json"


@cache
def _glossary() -> dict[str, tuple[str, ...]]:
    """Renderings by the English stem of their headword (the inflections of one headword
    together), each as its words space separated."""
    entries = json.loads(GLOSSARY_PATH.read_text(encoding="utf-8"))["words"]
    english = stemmer("english")
    found: dict[str, tuple[str, ...]] = {}
    for headword, languages in entries.items():
        renderings = [" ".join(words(r)) for rs in languages.values() for r in rs if words(r)]
        key = english.stemWord(headword.lower())
        found[key] = tuple(dict.fromkeys((*found.get(key, ()), *renderings)))
    return found


def glossary_renderings(word: str) -> tuple[str, ...]:
    """The glossary's renderings of an English question word (lower-cased); empty when the
    glossary does not hold it."""
    return _glossary().get(stemmer("english").stemWord(word), ())
