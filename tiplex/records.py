"""The records every stage speaks: frozen, typed dataclasses with stable JSON forms.

Nothing in here imports any other part of the project, so every stage can depend on it.
JSON forms are plain dicts with sorted, stable keys so that golden files stay deterministic.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

DocType = Literal["judgment", "legislation", "other"]
# Document metadata key: the address the bytes were fetched from, when that was not the real
# site (a base-URL override: the demo mirror, a test server); `Document.url` stays the real one.
FETCHED_FROM = "fetched_from"
SearchMode = Literal["hybrid", "bm25", "dense"]


def _plain(value: Any) -> Any:
    """Turn records (and containers of them) into JSON-ready builtins."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class JsonRecord:
    """Mixin: `to_dict()` gives the record's JSON form."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Span(JsonRecord):
    """A piece of evidence: character offsets into `Document.text` and the text there."""

    start: int
    end: int
    text: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


# --------------------------------------------------------------------------------------------
# Sources and documents (crawlers/ produces them)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceInfo(JsonRecord):
    """One entry of the source registry, read off a spider's class attributes."""

    id: str
    country: str
    kind: str  # judgments | legislation | local
    language: str
    base_url: str
    schedule: str = ""
    publisher: str = ""
    caveats: str = ""
    # "active"; "inferred" when the site's structure is read off public crawler code and
    # team-written pages only; "unavailable" for a registry entry that says why there is none.
    status: str = "active"
    # The spider's own arguments a run may set (`tiplex run --option SOURCE.NAME=VALUE`), e.g.
    # the Acts a legislation source watches.
    options: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document(JsonRecord):
    """One archived and text-extracted document (a judgment, a law, anything else)."""

    doc_id: str  # stable: "<source_id>:<the source's own id>"
    source_id: str
    # The document's address on its real site (a file:// URI for ingested files), the same
    # whether it was crawled there, through a mirror or replayed from the archive.
    url: str
    country: str  # ISO 3166-1 alpha-2
    language: str  # ISO 639-1 (or the source's declared language until detected)
    doc_type: DocType
    title: str
    text: str
    sha256: str  # of the raw bytes as archived
    content_type: str
    raw_path: str  # where the raw bytes are archived
    fetched_at: str  # ISO 8601 UTC
    court: str | None = None
    case_number: str | None = None
    decision_date: str | None = None  # ISO date, as the source's metadata states it
    metadata: Mapping[str, str] = field(default_factory=dict)  # the source's own fields

    @property
    def link(self) -> str:
        """The address a reader follows: the copy actually fetched when it came from a mirror
        (the demo's, a test server's: its content is not the real site's, whose page at `url`
        may be another document or none), else `url`."""
        return self.metadata.get(FETCHED_FROM) or self.url

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        names = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values["metadata"] = dict(values.get("metadata") or {})
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Passage(JsonRecord):
    """A retrievable piece of a document: offsets into `Document.text`."""

    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------------------------
# The coded case (nlp/ produces it). See CASE-SCHEMA: plain values of the documented types at the
# top level, and for every value the span(s) that support it.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Defendant(JsonRecord):
    name: str | None = None
    gender: str | None = None  # female | male | None
    age: int | None = None
    nationality: str | None = None  # ISO alpha-2 where known
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Victims(JsonRecord):
    count: int | None = None
    minors: int | None = None
    genders: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Money(JsonRecord):
    amount: float
    currency: str  # ISO 4217


@dataclass(frozen=True, slots=True)
class Charge(JsonRecord):
    statute: str | None  # normalised, e.g. "ID UU 21/2007", "PH RA 9208"
    provision: str | None  # e.g. "Pasal 4", "Sec. 4(a)"
    verdict: str = "not_decided"  # convicted | acquitted | dismissed | not_decided
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class StatuteCitation(JsonRecord):
    """A provision the judgment cites, charged or not (the protection that barred a victim's
    prosecution, procedure, the law under which the facts are weighed): it links the judgment
    to the law. Each distinct (statute, provision) once, with its first citation as evidence."""

    statute: str
    provision: str | None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence(JsonRecord):
    defendant: str | None = None
    imprisonment_months: int | None = None
    life: bool = False
    fine: Money | None = None
    subsidiary_detention_months: int | None = None
    evidence: tuple[Span, ...] = ()


# The laws `CaseFacts.conviction_law` names.
CONVICTION_LAWS = (
    "trafficking",
    "child_protection",
    "migrant_workers",
    "vice",
    "smuggling",
    "other",
)
# The kinds of award `Compensation.kind` takes.
COMPENSATION_KINDS = (
    "restitution",
    "moral_damages",
    "exemplary_damages",
    "actual_damages",
    "other",
)


@dataclass(frozen=True, slots=True)
class Compensation(JsonRecord):
    kind: str  # one of COMPENSATION_KINDS
    amount: float | None = None
    currency: str | None = None
    beneficiary: str | None = None
    # Detention the convicted serves if the award is not paid ("apabila restitusi tersebut
    # tidak dibayar diganti dengan pidana kurungan selama 3 bulan").
    subsidiary_detention_months: int | None = None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class RefusedCompensation(JsonRecord):
    """A request for compensation the court refused or found inadmissible ("permohonan
    restitusi ... haruslah ditolak"): no award, but an answer researchers count."""

    kind: str  # one of COMPENSATION_KINDS
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class NonPunishment(JsonRecord):
    raised: bool = False
    applied: bool | None = None
    provision: str | None = None
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseFacts(JsonRecord):
    """The coded case. Scalars and enum lists carry their spans in `evidence[field]`;
    list items (defendants, charges, sentences, compensation) carry their own `evidence`."""

    doc_id: str
    country: str
    language: str
    doc_type: str
    is_trafficking_case: bool = False
    court: str | None = None
    case_number: str | None = None
    decision_date: str | None = None
    proceeding_stage: str | None = None
    defendants: tuple[Defendant, ...] = ()
    victims: Victims = field(default_factory=Victims)
    acts: tuple[str, ...] = ()
    means: tuple[str, ...] = ()
    exploitation_forms: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    transnational: bool | None = None
    countries_involved: tuple[str, ...] = ()
    charges: tuple[Charge, ...] = ()
    statute_citations: tuple[StatuteCitation, ...] = ()
    outcome: str | None = None
    # The law this court convicts under, read from the offence its order names: one of
    # CONVICTION_LAWS, "trafficking" for the anti-trafficking law, the others when the court
    # convicts only under another law; None without a conviction or a named offence.
    conviction_law: str | None = None
    sentences: tuple[Sentence, ...] = ()
    compensation: tuple[Compensation, ...] = ()
    compensation_refused: tuple[RefusedCompensation, ...] = ()
    non_punishment: NonPunishment = field(default_factory=NonPunishment)
    evidence: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)


def cited_provisions(facts: Mapping[str, Any], statute: str) -> set[str]:
    """The provisions of `statute` that a coded judgment (CaseFacts' JSON form) charges or
    cites; "" for the statute cited without a provision. What links judgments to laws."""
    items = [*(facts.get("charges") or ()), *(facts.get("statute_citations") or ())]
    provisions = {
        str(item.get("provision") or "") for item in items if item.get("statute") == statute
    }
    # The coder's own rule for each list, kept across the two: a statute cited without a
    # provision adds nothing when it is also cited with one (a Thai charge naming only the Act
    # whose section the reasoning cites would otherwise list the judgment twice).
    return provisions - {""} if len(provisions) > 1 else provisions


# --------------------------------------------------------------------------------------------
# Legislation (nlp/ produces it)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Provision(JsonRecord):
    """One article or section of a law, tagged with topics and the ACTIP articles it implements."""

    doc_id: str
    number: str
    heading: str
    text: str
    start: int
    end: int
    topics: tuple[str, ...] = ()
    actip_articles: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Search (index/ answers with these)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchQuery(JsonRecord):
    text: str
    mode: SearchMode = "hybrid"
    k: int = 10
    passages_per_hit: int = 3
    filters: Mapping[str, str] = field(default_factory=dict)
    # Only the first `passages_for` hits need their passages (None: all k). A caller that
    # ranks deeper than it shows (facets count the first 100 documents of a 10-hit page)
    # spares reading and highlighting passages nobody sees; a backend may ignore it.
    passages_for: int | None = None


@dataclass(frozen=True, slots=True)
class PassageHit(JsonRecord):
    text: str
    start: int
    end: int
    score: float = 0.0
    highlights: tuple[Span, ...] = ()  # offsets into the document text, like start/end


@dataclass(frozen=True, slots=True)
class SearchHit(JsonRecord):
    doc_id: str
    title: str
    country: str
    doc_type: str
    source_url: str
    score: float
    passages: tuple[PassageHit, ...] = ()
    language: str = ""
    decision_date: str | None = None
    court: str | None = None
    case_number: str | None = None


# --------------------------------------------------------------------------------------------
# Run reports (flows/ aggregate them)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CrawlReport(JsonRecord):
    """What one crawl (or ingest) of one source did. `documents` are the new and changed ones."""

    source_id: str
    discovered: int = 0
    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "discovered": self.discovered,
            "fetched": self.fetched,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }


@dataclass(frozen=True, slots=True)
class IndexReport(JsonRecord):
    documents_indexed: int = 0
    passages_indexed: int = 0
    passages_embedded: int = 0
