"""The coder's spaCy components, registered as factories (see `nlp/configs/coder.cfg`).

Each component reads one section of a judgment (a Doc made from that section only; its
`user_data` says which section, where it starts in the cleaned text, the country and language)
and appends `Finding`s to `doc.user_data["findings"]`. It also mirrors them into
`doc.spans["tiplex"]` so that they can be displayed or inspected like any spaCy span group.
A trained model (e.g. "ner") can be added to the pipeline in the config without code changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from nlp.extractors import charges, facts, header, people, statutes, verdict
from nlp.findings import Finding
from nlp.sections import has_own_splitter
from tiplex.thesaurus import load_thesaurus

FINDINGS = "findings"
CONCEPT_GROUPS = ("exploitation_forms", "sectors", "means", "acts")


def _context(doc: Doc) -> tuple[str, int, str, str]:
    data = doc.user_data
    return (
        data.get("section", ""),
        int(data.get("base", 0)),
        data.get("country", ""),
        data.get("lang", "en"),
    )


def _text(doc: Doc) -> str:
    """The section's text. `Doc.text` rebuilds the string from the tokens on every call, so the
    coder hands the text over in `user_data` as well."""
    text = doc.user_data.get("text")
    return text if isinstance(text, str) else doc.text


def _report(doc: Doc, findings: Iterable[Finding | None]) -> None:
    kept = [f for f in findings if f is not None]
    doc.user_data.setdefault(FINDINGS, []).extend(kept)
    base = int(doc.user_data.get("base", 0))
    group = doc.spans.setdefault("tiplex", [])
    for finding in kept:
        span = doc.char_span(
            finding.start - base, finding.end - base, label=finding.field, alignment_mode="expand"
        )
        if span is not None:
            group.append(span)


class HeaderReader:
    """Court, case number, dates, proceeding stage and defendants."""

    def __call__(self, doc: Doc) -> Doc:
        section, base, country, lang = _context(doc)
        text = _text(doc)
        if section == "header":
            tail = doc.user_data.get("tail", "")
            _report(
                doc,
                [
                    header.court(text, base, country),
                    header.case_number(
                        text, base, country, tail, int(doc.user_data.get("tail_base", 0))
                    ),
                    header.header_date(text, base, country, lang),
                    header.proceeding_stage(text, base),
                ],
            )
            if country == "ID" or "Nama lengkap" in text:
                _report(doc, people.indonesian_defendants(text, base))
            elif country == "PH":
                _report(doc, people.philippine_defendants(text, base))
            elif country == "SG":
                _report(doc, people.singapore_defendants(text, base))
        elif section == "closing":
            _report(doc, [header.closing_date(text, base, lang)])
        return doc


class VerdictReader:
    """Outcome, sentences and compensation from this court's operative part."""

    def __call__(self, doc: Doc) -> Doc:
        section, base, country, lang = _context(doc)
        if section != "operative":
            return doc
        text = _text(doc)
        full_text = str(doc.user_data.get("full_text", ""))
        stage = header.proceeding_stage(full_text[: header.STAGE_CHARS], 0)
        stage_value = stage.value if stage else None
        criminal = bool(doc.user_data.get("criminal"))
        _report(
            doc,
            [
                verdict.outcome(
                    text,
                    base,
                    criminal=criminal,
                    country=country,
                    full_text=full_text,
                    stage=stage_value,
                )
            ],
        )
        if criminal:
            _report(doc, [verdict.conviction_law(text, base, country)])
            _report(
                doc,
                verdict.sentences(
                    text, base, lang, country, full_text=full_text, stage=stage_value
                ),
            )
        _report(doc, verdict.compensation(text, base, country))
        _report(doc, verdict.compensation_refusals(full_text, country))
        return doc


class StatuteReader:
    """Statute citations in the sections the config names (header, charges, reasoning windows,
    legal basis, operative part, closing). Those in the charges section are also its charges."""

    def __init__(self, sections: Iterable[str]) -> None:
        self.sections = frozenset(sections)

    def __call__(self, doc: Doc) -> Doc:
        section, base, _country, _lang = _context(doc)
        if section in self.sections:
            findings = statutes.citations(_text(doc), base)
            doc.user_data.setdefault("citations", []).extend(findings)
            if section == "charges":
                _report(doc, findings)
        return doc


class ChargeReader:
    """Charges of judgments that have no charges section (Thai, Vietnamese, Malaysian): the
    statutes cited where the judgment says what the accused was charged with or convicted of,
    in the sections the config names (header, operative part, reasoning windows and closing).
    Other citations stay citations (see `StatuteReader`)."""

    def __init__(self, sections: Iterable[str]) -> None:
        self.sections = frozenset(sections)

    def __call__(self, doc: Doc) -> Doc:
        section, base, country, lang = _context(doc)
        if section in self.sections and not has_own_splitter(country):
            _report(doc, charges.charges(_text(doc), base, lang))
        return doc


class ConceptReader:
    """Thesaurus concepts (exploitation forms, sectors, means, acts) in the charges and reasoning.

    Indictments recite the statute's whole list of means and acts ("by threat, force, abduction,
    fraud, deception, abuse of power ..."): a stretch naming `recital_min_concepts` or more
    concepts of one group within `recital_window` characters is a recital, not a fact, and is
    skipped."""

    def __init__(self, nlp: Language, recital_window: int, recital_min_concepts: int) -> None:
        self.recital_window = recital_window
        self.recital_min_concepts = recital_min_concepts
        self.vocab = nlp.vocab
        self.lang = nlp.lang
        thesaurus = load_thesaurus()
        self.groups = {c.name: c.group for c in thesaurus.concepts.values()}
        # Acronyms match only in capitals ("ART", "LC", "KTV"); everything else ignores case.
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for concept in thesaurus.concepts.values():
            terms = set(concept.terms.get(nlp.lang, ())) | set(concept.terms.get("en", ()))
            if nlp.lang == "ms":
                terms |= set(concept.terms.get("id", ()))
            acronyms = [t for t in terms if t.isupper()]
            words = [t for t in terms if not t.isupper()]
            if words:
                self.lower.add(concept.name, [nlp.make_doc(t) for t in words])
            if acronyms:
                self.exact.add(concept.name, [nlp.make_doc(t) for t in acronyms])

    def __call__(self, doc: Doc) -> Doc:
        section, base, _country, _lang = _context(doc)
        if section not in {"charges", "window"}:
            return doc
        hits: list[tuple[str, int, int]] = []
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                hits.append((self.vocab.strings[match_id], span.start_char, span.end_char))
        hits.sort(key=lambda h: h[1])
        findings: list[Finding] = []
        recitals = facts.recital_spans(_text(doc))
        for name, start, end in hits:
            group = self.groups.get(name, "topic")
            if group in CONCEPT_GROUPS and (
                self._in_recital(hits, group, start) or any(s <= start < e for s, e in recitals)
            ):
                continue
            findings.append(Finding(f"concept:{group}", name, base + start, base + end))
        _report(doc, findings)
        return doc

    def _in_recital(self, hits: list[tuple[str, int, int]], group: str, start: int) -> bool:
        nearby = {
            name
            for name, s, _e in hits
            if abs(s - start) <= self.recital_window and self.groups.get(name) == group
        }
        return len(nearby) >= self.recital_min_concepts


@Language.factory("tiplex_header")
def make_header_reader(nlp: Language, name: str) -> HeaderReader:
    return HeaderReader()


@Language.factory("tiplex_verdict")
def make_verdict_reader(nlp: Language, name: str) -> VerdictReader:
    return VerdictReader()


@Language.factory(
    "tiplex_statutes",
    default_config={
        "sections": ["header", "charges", "window", "legal_basis", "operative", "closing"]
    },
)
def make_statute_reader(nlp: Language, name: str, sections: list[str]) -> StatuteReader:
    return StatuteReader(sections)


@Language.factory(
    "tiplex_charges", default_config={"sections": ["header", "operative", "window", "closing"]}
)
def make_charge_reader(nlp: Language, name: str, sections: list[str]) -> ChargeReader:
    return ChargeReader(sections)


@Language.factory(
    "tiplex_concepts", default_config={"recital_window": 300, "recital_min_concepts": 3}
)
def make_concept_reader(
    nlp: Language, name: str, recital_window: int, recital_min_concepts: int
) -> ConceptReader:
    return ConceptReader(nlp, recital_window, recital_min_concepts)


def findings_of(doc: Doc) -> list[Any]:
    return list(doc.user_data.get(FINDINGS, []))
