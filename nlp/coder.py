"""`CaseCoder`: a court judgment (`Document`) in, the coded case (`CaseFacts`) out.

The flow for one judgment: detect language and country, clean the text (with a map back to the
original), cut it into sections with regexes, make spaCy Docs of only the sections that carry
facts (header, charges, legal basis, operative part, closing, and windows around mentions of
trafficking), run the configured pipeline over them, and assemble the findings into CaseFacts
with evidence spans in the ORIGINAL text.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.api import Config

import nlp.components  # noqa: F401  (registers the factories when used without entry points)
from nlp.classify import (
    infer_country,
    is_criminal,
    substantive_mentions,
    tip_mentions,
    trafficking_statute_cited,
)
from nlp.components import findings_of
from nlp.extractors.facts import code_facts
from nlp.extractors.nonpunishment import non_punishment
from nlp.extractors.statutes import trafficking_statutes
from nlp.findings import Finding
from nlp.formulas import FORMULA_LANGUAGES, formula_findings
from nlp.language import detect_language, spacy_language
from nlp.sections import Section, split_sections
from nlp.textclean import CleanText, clean_text
from tiplex.records import (
    CaseFacts,
    Charge,
    Compensation,
    Defendant,
    Document,
    Money,
    NonPunishment,
    RefusedCompensation,
    Sentence,
    Span,
    StatuteCitation,
    Victims,
)

log = logging.getLogger(__name__)

DEFAULT_CONFIG = Path(__file__).parent / "configs" / "coder.cfg"
KNOWN_LANGUAGES = frozenset({"en", "id", "ms", "tl", "th", "vi", "km", "lo", "my"})
DEFAULT_TOKENIZED_SECTIONS = ("charges", "window")
HEADER_FIELDS = frozenset({"court", "case_number", "decision_date"})
# The longest indictment read for an anti-trafficking charge (alternative counts run long).
INDICTMENT_CHARS = 60_000
# The opening paragraph after the header, where appeals state the offence decided below.
OPENING_CHARS = 1_000
# The places a refusal of compensation is shown at (it is often reasoned, then ordered).
MAX_REFUSAL_SPANS = 3
_WHITESPACE_TOKEN = re.compile(r"(\S+)( ?)|(\s+)")


def whitespace_doc(vocab: Vocab, text: str) -> Doc:
    """A Doc whose tokens are the whitespace-separated pieces of `text` (its text unchanged)."""
    words: list[str] = []
    spaces: list[bool] = []
    for match in _WHITESPACE_TOKEN.finditer(text):
        if match.group(1):
            words.append(match.group(1))
            spaces.append(bool(match.group(2)))
        else:
            words.append(match.group(3))
            spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


@dataclass(slots=True)
class _Coding:
    """Working state for one document."""

    clean: CleanText
    sections: dict[str, Section]
    findings: list[Finding] = field(default_factory=list)
    citations: list[Finding] = field(default_factory=list)
    section_of: dict[int, str] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        orig_start, orig_end = self.clean.span(start, end)
        return Span(orig_start, orig_end, self.clean.original[orig_start:orig_end])


class CaseCoder:
    """Codes judgments; loads one pipeline per language on first use."""

    def __init__(self, config: Config) -> None:
        self.config = config
        coder = config.get("coder", {})
        self.window_chars = int(coder.get("window_chars", 1200))
        self.max_windows = int(coder.get("max_windows", 8))
        self.min_mentions = int(coder.get("min_mentions", 4))
        # A trained component that reads tokens in every section (e.g. an NER model) needs all
        # of them here: ["header", "charges", "legal_basis", "operative", "closing", "window"].
        self.tokenized_sections = frozenset(
            coder.get("tokenized_sections", DEFAULT_TOKENIZED_SECTIONS)
        )
        self._pipelines: dict[str, Language] = {}

    # ---------------------------------------------------------------- pipelines

    def pipeline(self, lang: str) -> Language:
        """The pipeline for a language (built from the config with that language's class)."""
        spacy_lang = spacy_language(lang)
        if spacy_lang not in self._pipelines:
            config = self.config.copy()
            config["nlp"]["lang"] = spacy_lang
            nlp_config = Config({k: v for k, v in config.items() if k != "coder"})
            try:
                self._pipelines[spacy_lang] = spacy.util.load_model_from_config(
                    nlp_config, auto_fill=True
                )
            except (ImportError, ValueError) as error:  # e.g. pythainlp missing for Thai
                log.warning("no %s pipeline (%s); using the multi-language one", spacy_lang, error)
                nlp_config["nlp"]["lang"] = "xx"
                self._pipelines[spacy_lang] = spacy.util.load_model_from_config(
                    nlp_config, auto_fill=True
                )
        return self._pipelines[spacy_lang]

    # ---------------------------------------------------------------- public API

    def code(self, document: Document) -> CaseFacts:
        """The coded case; never raises: unreadable input gives CaseFacts with nulls."""
        try:
            return self._code(document)
        except Exception:  # a broken judgment must not stop a batch of thousands
            log.exception("could not code %s", getattr(document, "doc_id", "?"))
            return CaseFacts(
                doc_id=str(getattr(document, "doc_id", "")),
                country=str(getattr(document, "country", "") or ""),
                language=str(getattr(document, "language", "") or ""),
                doc_type=str(getattr(document, "doc_type", "") or ""),
            )

    def code_many(self, documents: Iterable[Document]) -> Iterator[CaseFacts]:
        for document in documents:
            yield self.code(document)

    # ---------------------------------------------------------------- one document

    def _code(self, document: Document) -> CaseFacts:
        text = document.text or ""
        lang = document.language if document.language in KNOWN_LANGUAGES else ""
        if not lang or lang == "en":
            # Declared "en" is often a source default: check it (cheap).
            lang = detect_language(text)
        country = (document.country or "").upper() or infer_country(text, lang)
        base = CaseFacts(
            doc_id=document.doc_id, country=country, language=lang, doc_type=document.doc_type
        )
        if document.doc_type == "legislation" or lang == "und" or not text.strip():
            return base

        clean = clean_text(text)
        sections = split_sections(clean.text, country)
        coding = _Coding(clean, sections)
        header = sections["header"]
        criminal = is_criminal(clean.text[header.start : header.end])
        mentions = tip_mentions(clean.text)
        docs = self._section_docs(coding, lang, country, criminal, mentions)
        for doc in self.pipeline(lang).pipe(docs):
            coding.findings.extend(findings_of(doc))
            coding.citations.extend(doc.user_data.get("citations", []))
        # Indonesian judgments are sometimes detected as Malay: their own readers know them.
        if lang in FORMULA_LANGUAGES and country not in {"ID", "PH", "SG"}:
            self._add_formula_findings(coding, lang, criminal)
        return self._assemble(base, coding, criminal, mentions)

    @staticmethod
    def _add_formula_findings(coding: _Coding, lang: str, criminal: bool) -> None:
        """Thai, Vietnamese and Malay judgments: the header fields are read off the tradition's
        own formulas (they replace what the section readers, written for the ID, PH and SG
        traditions, found); the verdict fields only fill what those readers left empty."""
        formula = formula_findings(coding.clean.text, lang, criminal=criminal)
        replaced = {f.field for f in formula} & HEADER_FIELDS
        found = {f.field for f in coding.findings}
        coding.findings = [f for f in coding.findings if f.field not in replaced] + [
            f for f in formula if f.field in replaced or f.field not in found
        ]

    def _section_docs(
        self,
        coding: _Coding,
        lang: str,
        country: str,
        criminal: bool,
        mentions: list[tuple[int, int]],
    ) -> Iterator[Any]:
        nlp = self.pipeline(lang)
        text = coding.clean.text
        tail_base = max(len(text) - 600, 0)
        context = {
            "country": country,
            "lang": lang,
            "criminal": criminal,
            "tail": text[tail_base:],
            "tail_base": tail_base,
            # The verdict reader looks into the body where the operative part points there
            # (a penalty "AFFIRMED" without restating it, the number of "Para Terdakwa").
            "full_text": text,
        }
        for name in ("header", "charges", "legal_basis", "operative", "closing"):
            section = coding.sections.get(name)
            if section is None or section.end <= section.start:
                continue
            piece = text[section.start : section.end]
            doc = self._make_doc(nlp, name, piece)
            doc.user_data.update(context, section=name, base=section.start, text=piece)
            yield doc
        for start, end in self._windows(coding, mentions):
            piece = text[start:end]
            doc = self._make_doc(nlp, "window", piece)
            doc.user_data.update(context, section="window", base=start, text=piece)
            yield doc

    def _make_doc(self, nlp: Language, section: str, piece: str) -> Doc:
        """The language's tokenizer for the sections whose tokens are read (the concept matcher
        reads charges and windows); whitespace tokens for the sections that are only read as
        text. Tokenizing is most of the coder's time, and the header, operative part and closing
        are almost half of what it tokenized."""
        if section in self.tokenized_sections:
            return nlp.make_doc(piece)
        return whitespace_doc(nlp.vocab, piece)

    def _windows(self, coding: _Coding, mentions: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Stretches of the reasoning around mentions of trafficking, merged, at most max."""
        reasoning = coding.sections.get("reasoning")
        lo, hi = (reasoning.start, reasoning.end) if reasoning else (0, len(coding.clean.text))
        half = self.window_chars // 2
        windows: list[tuple[int, int]] = []
        for start, end in mentions:
            if not lo <= start < hi:
                continue
            window = (max(start - half, lo), min(end + half, hi))
            if windows and window[0] <= windows[-1][1]:
                windows[-1] = (windows[-1][0], window[1])
            else:
                windows.append(window)
            if len(windows) > self.max_windows:
                windows.pop()
                break
        return windows

    # ---------------------------------------------------------------- assembly

    def _assemble(
        self, base: CaseFacts, coding: _Coding, criminal: bool, mentions: list[tuple[int, int]]
    ) -> CaseFacts:
        by_field: dict[str, list[Finding]] = defaultdict(list)
        for finding in coding.findings:
            by_field[finding.field].append(finding)
        evidence: dict[str, tuple[Span, ...]] = {}
        values: dict[str, Any] = {}

        for name in ("court", "case_number", "proceeding_stage", "outcome", "conviction_law"):
            if by_field[name]:
                first = by_field[name][0]
                values[name] = first.value
                evidence[name] = (coding.span(first.start, first.end),)
        if values.get("outcome") not in {"convicted", "mixed"}:
            # An acquittal's order names the offence it does not find proven.
            values.pop("conviction_law", None)
            evidence.pop("conviction_law", None)
        # The closing formula states when the decision was pronounced; the header only where
        # the tradition prints it there (PH, SG).
        dates = by_field["decision_date"]
        if dates:
            chosen = dates[-1]
            values["decision_date"] = chosen.value
            evidence["decision_date"] = (coding.span(chosen.start, chosen.end),)

        # Charges come from where the judgment states them (the charges section, or for
        # judgments without one the charging and deciding sentences: see `ChargeReader`); every
        # other statute it cites is kept as a citation, which links it to that law.
        charge_findings = sorted(by_field["charge"], key=lambda f: f.start)
        charges = self._charges(coding, charge_findings, values.get("outcome"))
        statute_citations = self._statute_citations(coding, [*charge_findings, *coding.citations])
        tip_statutes = trafficking_statutes()
        charged_tip = any(c.statute in tip_statutes for c in charges)
        tip_citation = None if charged_tip else self._trafficking_charge(coding)
        charged_tip = charged_tip or tip_citation is not None
        cited_tip = any(f.value["statute"] in tip_statutes for f in coding.citations)
        # The operative part names the offence the court decides on ("ACQUITTED of Qualified
        # Trafficking in Persons"): trafficking named there makes it a trafficking case.
        # So does the opening paragraph of a Philippine decision, which states what the accused
        # was charged with or convicted of below ("... convicting him of Qualified Trafficking
        # in Persons"); other traditions have no such fixed opening after the header.
        operative = coding.sections.get("operative")
        opening = coding.sections["header"].end if base.country == "PH" else -OPENING_CHARS
        decided_tip = any(
            opening <= start < opening + OPENING_CHARS
            or (operative is not None and operative.start <= start < operative.end)
            for start, _end in mentions
        )
        # Without a charge or a decision under the trafficking law, the judgment must itself
        # speak of trafficking often enough; suspicions and police units' names do not count,
        # and a plea that the accused is a trafficking victim who may not be punished does.
        substantive = len(substantive_mentions(coding.clean.text, mentions))
        by_law_or_mentions = (
            charged_tip
            or decided_tip
            or (cited_tip and substantive >= self.min_mentions)
            or substantive >= 2 * self.min_mentions
        )
        # The plea is searched for (a pass over the whole text) only where its answer is used:
        # in a trafficking case's record, or to decide a case that mentions trafficking at all.
        raised = (
            self._non_punishment(coding, base.country)
            if criminal and (by_law_or_mentions or substantive > 0)
            else NonPunishment()
        )
        is_tip = criminal and (by_law_or_mentions or (raised.raised and substantive > 0))
        if is_tip:
            first = next(
                (c.evidence[0] for c in charges if c.statute in tip_statutes and c.evidence), None
            )
            if first is None and tip_citation is not None:
                first = coding.span(*tip_citation)
            evidence["is_trafficking_case"] = (
                (first,) if first else tuple(coding.span(s, e) for s, e in mentions[:3])
            )

        sentences = (
            tuple(
                Sentence(
                    imprisonment_months=f.value["imprisonment_months"],
                    life=f.value["life"],
                    fine=Money(**f.value["fine"]) if f.value["fine"] else None,
                    subsidiary_detention_months=f.value["subsidiary_detention_months"],
                    evidence=(coding.span(f.start, f.end),),
                )
                for f in by_field["sentence"]
            )
            if criminal
            else ()
        )
        compensation = self._compensation(coding, by_field["compensation"])
        refused = self._refused_compensation(coding, by_field["compensation_refused"])
        defendants = tuple(
            Defendant(
                name=f.value["name"],
                gender=f.value["gender"],
                age=f.value["age"],
                nationality=f.value["nationality"],
                evidence=(coding.span(f.start, f.end),),
            )
            for f in by_field["defendant"]
        )
        # The facts begin where the accused's identity ends: at the charges, or after the header.
        charges_section = coding.sections.get("charges")
        body_start = coding.sections["header"].end
        if charges_section is not None:
            body_start = min(body_start, charges_section.start)
        facts = code_facts(
            coding.clean.text,
            body_start,
            base.country,
            criminal=criminal,
            trafficking=is_tip,
            concept_findings=coding.findings,
        )
        victim_spans: tuple[Span, ...] = ()
        for name, offsets in facts.evidence.items():
            spans = tuple(coding.span(start, end) for start, end in offsets)
            if name.startswith("victims."):
                victim_spans += spans
            else:
                evidence[name] = spans
        victims = Victims(
            count=facts.victims_count,
            minors=facts.minors,
            genders=facts.genders,
            nationalities=facts.nationalities,
            evidence=victim_spans[:10],
        )

        return CaseFacts(
            doc_id=base.doc_id,
            country=base.country,
            language=base.language,
            doc_type=base.doc_type,
            is_trafficking_case=is_tip,
            court=values.get("court"),
            case_number=values.get("case_number"),
            decision_date=values.get("decision_date"),
            proceeding_stage=values.get("proceeding_stage"),
            defendants=defendants,
            victims=victims,
            acts=facts.acts,
            means=facts.means,
            exploitation_forms=facts.exploitation_forms,
            sectors=facts.sectors,
            transnational=facts.transnational,
            countries_involved=facts.countries_involved,
            charges=charges,
            statute_citations=statute_citations,
            outcome=values.get("outcome"),
            conviction_law=values.get("conviction_law"),
            sentences=sentences,
            compensation=compensation,
            compensation_refused=refused,
            non_punishment=raised if is_tip else NonPunishment(),
            evidence=evidence,
        )

    def _trafficking_charge(self, coding: _Coding) -> tuple[int, int] | None:
        """An anti-trafficking statute cited in the whole indictment (up to the reasoning) or in
        the operative part: the case is then about trafficking whatever it was finally decided
        under (an alternative charge of selling a child, of illegal placement, ...)."""
        text = coding.clean.text
        sections = coding.sections
        charges = sections.get("charges")
        if charges is not None:
            reasoning = sections.get("reasoning")
            end = reasoning.start if reasoning and reasoning.start > charges.start else None
            end = min(end or charges.end, charges.start + INDICTMENT_CHARS)
            found = trafficking_statute_cited(text, charges.start, max(end, charges.end))
            if found:
                return found
        operative = sections.get("operative")
        if operative is not None:
            return trafficking_statute_cited(text, operative.start, operative.end)
        return None

    def _charges(
        self, coding: _Coding, findings: list[Finding], outcome: str | None
    ) -> tuple[Charge, ...]:
        distinct = _distinct_citations(findings)
        verdict = {
            "convicted": "convicted",
            "acquitted": "acquitted",
            "dismissed": "dismissed",
        }.get(outcome or "", "not_decided")
        # One charge takes the outcome; several take it only where it ends the case for all of
        # them (all acquitted, the whole charge dismissed), since a conviction may be on one only.
        whole_case = outcome in {"acquitted", "dismissed"}
        return tuple(
            Charge(
                statute=statute,
                provision=provision,
                verdict=verdict if len(distinct) == 1 or whole_case else "not_decided",
                evidence=(coding.span(f.start, f.end),),
            )
            for (statute, provision), f in distinct.items()
        )

    def _statute_citations(
        self, coding: _Coding, findings: list[Finding]
    ) -> tuple[StatuteCitation, ...]:
        return tuple(
            StatuteCitation(
                statute=statute, provision=provision, evidence=(coding.span(f.start, f.end),)
            )
            for (statute, provision), f in _distinct_citations(
                sorted(findings, key=lambda f: f.start)
            ).items()
        )

    def _compensation(self, coding: _Coding, findings: list[Finding]) -> tuple[Compensation, ...]:
        with_amount = {f.value["kind"] for f in findings if f.value["amount"] is not None}
        items: list[Compensation] = []
        # An order restated later in the judgment is one award; awards "to each" of several
        # victims, or equal amounts listed one per victim, are told apart by their identity.
        seen: set[tuple[str, float | None, tuple[str | None, int]]] = set()
        for f in findings:
            key = (f.value["kind"], f.value["amount"], f.value.get("identity", (None, 0)))
            if key in seen or (f.value["amount"] is None and f.value["kind"] in with_amount):
                continue
            seen.add(key)
            items.append(
                Compensation(
                    kind=f.value["kind"],
                    amount=f.value["amount"],
                    currency=f.value["currency"],
                    beneficiary=f.value["beneficiary"],
                    subsidiary_detention_months=f.value.get("subsidiary_detention_months"),
                    evidence=(coding.span(f.start, f.end),),
                )
            )
        return tuple(items)

    def _refused_compensation(
        self, coding: _Coding, findings: list[Finding]
    ) -> tuple[RefusedCompensation, ...]:
        """One entry per kind refused, its evidence the first places the refusal is stated
        (the reasoning, then the order)."""
        spans: dict[str, dict[int, Finding]] = defaultdict(dict)
        for f in sorted(findings, key=lambda f: f.start):
            spans[f.value["kind"]].setdefault(f.start, f)
        return tuple(
            RefusedCompensation(
                kind=kind,
                evidence=tuple(
                    coding.span(f.start, f.end) for f in list(found.values())[:MAX_REFUSAL_SPANS]
                ),
            )
            for kind, found in spans.items()
        )

    def _non_punishment(self, coding: _Coding, country: str) -> NonPunishment:
        found = non_punishment(coding.clean.text, country)
        if found is None:
            return NonPunishment()
        raised, applied, provision, start, end = found
        return NonPunishment(
            raised=raised, applied=applied, provision=provision, evidence=(coding.span(start, end),)
        )


def _distinct_citations(findings: list[Finding]) -> dict[tuple[str, str | None], Finding]:
    """Each (statute, provision) once, with its first finding. A statute cited without a
    provision, when the same statute is also cited with one, adds nothing."""
    distinct: dict[tuple[str, str | None], Finding] = {}
    for finding in findings:
        distinct.setdefault((finding.value["statute"], finding.value["provision"]), finding)
    with_provision = {statute for statute, provision in distinct if provision}
    return {
        (statute, provision): finding
        for (statute, provision), finding in distinct.items()
        if provision or statute not in with_provision
    }


def load_coder(config_path: Path | None = None) -> CaseCoder:
    """A coder configured by `config_path` (default: the bundled `nlp/configs/coder.cfg`)."""
    config = spacy.util.load_config(config_path or DEFAULT_CONFIG)
    return CaseCoder(config)
