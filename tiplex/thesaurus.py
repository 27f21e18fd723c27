"""The field's concepts and their terms in the member states' languages, read from data.

Used by the coder (exploitation forms, sectors, means and acts are concepts of this thesaurus)
and by search (cross-lingual query expansion). Imports nothing of the project.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

THESAURUS_FILE = Path(__file__).parent / "data" / "thesaurus.json"


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    group: str  # the CaseFacts field it codes (exploitation_forms, sectors, means, acts) or topic
    terms: Mapping[str, tuple[str, ...]]  # language code -> terms


@dataclass(frozen=True, slots=True)
class Thesaurus:
    concepts: Mapping[str, Concept]

    def terms(self, concept: str, lang: str | None = None) -> tuple[str, ...]:
        """The concept's terms in one language, or in all languages when `lang` is None."""
        entry = self.concepts[concept]
        if lang is not None:
            return entry.terms.get(lang, ())
        return tuple(term for terms in entry.terms.values() for term in terms)

    def in_group(self, group: str) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts.values() if c.group == group)

    def concepts_for(self, text: str) -> tuple[str, ...]:
        """Concepts one of whose terms occurs in `text` as a whole word or phrase."""
        lowered = text.lower()
        return tuple(
            name
            for name, concept in self.concepts.items()
            if any(
                _contains(lowered, term.lower())
                for terms in concept.terms.values()
                for term in terms
            )
        )

    def expand(self, query: str, langs: Iterable[str]) -> tuple[str, ...]:
        """Terms in `langs` for every concept the query mentions (in any language), without the
        query's own words; a query naming no concept expands to nothing."""
        wanted = tuple(langs)
        seen: dict[str, None] = {}
        lowered = query.lower()
        for name in self.concepts_for(query):
            for lang in wanted:
                for term in self.terms(name, lang):
                    if not _contains(lowered, term.lower()):
                        seen.setdefault(term, None)
        return tuple(seen)


def _contains(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) is not None


@cache
def load_thesaurus(path: Path | None = None) -> Thesaurus:
    """The bundled thesaurus, or one read from `path` (same JSON shape)."""
    data = json.loads((path or THESAURUS_FILE).read_text(encoding="utf-8"))
    concepts = {
        name: Concept(
            name=name,
            group=entry.get("group", "topic"),
            terms={lang: tuple(terms) for lang, terms in entry["terms"].items()},
        )
        for name, entry in data["concepts"].items()
    }
    return Thesaurus(concepts=concepts)
