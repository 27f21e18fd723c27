"""The one service layer under the three interfaces: every question the CLI, the HTTP API and the
web pages answer is asked here, so a rule (a limit, a filter check, a citation) lives in one place.

It speaks plain data (dicts and lists ready for JSON or a template); the interfaces only parse
their input and render the answer. Bad input raises `BadRequest` with a message for people.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import index
from index.backend import COUNT_FIELDS, FILTER_FIELDS, Citing, SearchBackend, StoredDocument
from index.question_filters import with_question_filters
from tiplex import __version__, validation
from tiplex.addresses import is_local_copy
from tiplex.records import SearchHit, SearchQuery
from tiplex.settings import Settings

MODES = ("hybrid", "bm25", "dense")
# The coded fields a researcher narrows a search by, in the order the pages show them.
FACET_FIELDS = (
    "country",
    "year",
    "court",
    "doc_type",
    "outcome",
    "exploitation_form",
    "sector",
    "minors",
    "non_punishment_raised",
    "non_punishment_applied",
)
MAX_PAGE = 50
MAX_PASSAGES = 20  # passages shown per hit, in every interface
FACET_VALUES = 12  # the largest groups of each facet are shown
FACET_DEPTH = 100  # facets of a query count the documents of its first FACET_DEPTH hits

# The coded values a case page shows beside the text, with the evidence key of each.
SCALAR_FIELDS = (
    "is_trafficking_case",
    "court",
    "case_number",
    "decision_date",
    "proceeding_stage",
    "outcome",
    "conviction_law",
    "transnational",
)
LIST_FIELDS = ("acts", "means", "exploitation_forms", "sectors", "countries_involved")
ITEM_FIELDS = ("defendants", "charges", "sentences", "compensation", "compensation_refused")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """How one interface names its parameters in the errors it shows (the API says `limit`, the
    command line `-k`), and how many hits one answer may hold: an API or web page is one page of
    a longer list, the command line prints its whole list at once."""

    mode: str = "mode"
    limit: str = "limit"
    passages: str = "passages"
    topic: str = "topic"
    countries: str = "countries"
    by: str = "by"
    most_hits: int = MAX_PAGE


API_WORDS = Vocabulary()


class BadRequest(ValueError):
    """The caller asked for something malformed or unknown; the message says what and why."""


class NotFound(LookupError):
    pass


# --------------------------------------------------------------------------------------------
# Cursors: opaque to callers, an offset into the ranked list underneath
# --------------------------------------------------------------------------------------------


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        offset = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["o"]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise BadRequest("cursor is not one this server gave out") from None
    if not isinstance(offset, int) or offset < 0:
        raise BadRequest("cursor is not one this server gave out")
    return offset


# --------------------------------------------------------------------------------------------
# Checks shared by every interface
# --------------------------------------------------------------------------------------------


def _checked(check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return check(*args, **kwargs)
    except validation.InvalidInput as exc:
        raise BadRequest(str(exc)) from exc


def check_filters(filters: Mapping[str, str]) -> dict[str, str]:
    from index.filters import check_filters as index_check

    cleaned = {k: v.strip() for k, v in filters.items() if v is not None and v.strip()}
    if "country" in cleaned:
        cleaned["country"] = ",".join(
            _checked(validation.country_list, cleaned["country"], "country")
        )
    try:
        index_check(cleaned)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc
    return cleaned


def check_mode(mode: str, name: str = "mode") -> str:
    if mode not in MODES:
        raise BadRequest(f"{name} must be one of {', '.join(MODES)}; not {mode!r}")
    return mode


def filters_read_from(text: str, mode: str, filters: Mapping[str, str]) -> dict[str, str]:
    """The filters a search reads from its question's words beyond those it was given (a
    prison term, `index.sentence_bounds`), so that a page can say what narrowed its answer."""
    asked = SearchQuery(text=text, mode=mode, filters=dict(filters))  # type: ignore[arg-type]
    read = with_question_filters(asked).filters
    return {k: v for k, v in read.items() if k not in filters}


def check_by(by: str, name: str = "by") -> list[str]:
    fields = [f.strip() for f in by.split(",") if f.strip()]
    unknown = [f for f in fields if f not in COUNT_FIELDS]
    if not fields or unknown or len(fields) > 2:
        raise BadRequest(f"{name} takes one or two fields of: {', '.join(COUNT_FIELDS)}")
    return fields


def check_countries(text: str | None, name: str = "countries") -> list[str] | None:
    """ "ID, ph" → ["ID", "PH"]; None or blank: every state."""
    if text is None or not text.strip():
        return None
    countries: list[str] = _checked(validation.country_list, text, name)
    return countries


def citation(stored_or_hit: StoredDocument | SearchHit | Mapping[str, Any]) -> dict[str, Any]:
    """What a reader needs to find the document again and trust the copy: court, case number,
    date, the real source page, when it was fetched and the sha256 of the bytes fetched;
    `local_copy` says the copy came from a local mirror (demo content), not the real site."""
    if isinstance(stored_or_hit, StoredDocument):
        doc = stored_or_hit.document
        return {
            "doc_id": doc.doc_id,
            "title": doc.title,
            "country": doc.country,
            "court": stored_or_hit.court or doc.court,
            "case_number": stored_or_hit.case_number or doc.case_number,
            "decision_date": stored_or_hit.decision_date or doc.decision_date,
            "source_url": doc.link,
            "local_copy": is_local_copy(doc.link),
            "fetched_at": doc.fetched_at or None,
            "sha256": doc.sha256 or None,
        }
    hit = stored_or_hit.to_dict() if isinstance(stored_or_hit, SearchHit) else stored_or_hit
    return {
        key: hit.get(key)
        for key in ("doc_id", "title", "country", "court", "case_number", "decision_date")
    } | {"source_url": hit.get("source_url"), "local_copy": is_local_copy(hit.get("source_url"))}


# --------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None
    facets: dict[str, list[dict[str, Any]]] | None = None


class Service:
    """Answers for all interfaces over one open backend (opened on first use, shared by the
    server's threads: the backends serialise their own access)."""

    def __init__(
        self,
        settings: Settings,
        backend: SearchBackend | None = None,
        *,
        words: Vocabulary = API_WORDS,
    ) -> None:
        self.settings = settings
        self.words = words
        self._backend = backend
        self._opening = threading.Lock()

    @property
    def backend(self) -> SearchBackend:
        with self._opening:
            if self._backend is None:
                try:
                    self._backend = index.open_backend(self.settings)
                except (ValueError, RuntimeError, OSError) as exc:
                    raise BadRequest(f"the index cannot be opened: {exc}") from exc
            return self._backend

    def warm(self) -> None:
        """Opens the index and loads the embedding model now, so the first search a person
        makes does not wait for them (loading the default model takes seconds). An English
        question is asked, so the index's cross-language word list is built (or loaded) here
        too: on a large index that takes minutes the first time."""
        backend = self.backend
        embedder = getattr(backend, "embedder", None)
        if embedder is not None:
            backend.search(SearchQuery(text="trafficking in persons", k=1))

    def close(self) -> None:
        with self._opening:
            if self._backend is not None:
                self._backend.close()
                self._backend = None

    # ---- search ----------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        mode: str = "hybrid",
        limit: int = 10,
        passages: int = 3,
        filters: Mapping[str, str] | None = None,
        cursor: str | None = None,
        facets: bool = False,
    ) -> Page:
        """One page of hits (documents with their best passages, highlights and offsets); with
        `facets`, the counts per coded field of the documents the search finds."""
        check_mode(mode, self.words.mode)
        if text.strip():
            _checked(validation.query_text, text)
        _checked(validation.positive, limit, self.words.limit, most=self.words.most_hits)
        _checked(validation.positive, passages, self.words.passages, most=MAX_PASSAGES)
        cleaned = check_filters(filters or {})
        offset = decode_cursor(cursor)
        if offset + limit > validation.MAX_RESULTS:
            raise BadRequest(f"results go no deeper than {validation.MAX_RESULTS}")
        # The backends rank from the top each time; a page is a slice of a deeper ranking, and
        # the facets count the documents of a deeper one still.
        depth = offset + limit + 1
        if facets and text.strip():
            depth = max(depth, FACET_DEPTH)
        request = SearchQuery(
            text=text,
            mode=mode,  # type: ignore[arg-type]
            k=depth,
            passages_per_hit=passages,
            filters=cleaned,
            passages_for=offset + limit,  # the hits past the page only feed the facets
        )
        hits = self.on_backend(lambda b: b.search(request))
        page = hits[offset : offset + limit]
        items = [hit.to_dict() | {"citation": citation(hit)} for hit in page]
        more = len(hits) > offset + limit
        counted = self._facets(text, cleaned, [h.doc_id for h in hits]) if facets else None
        return Page(items, encode_cursor(offset + limit) if more else None, counted)

    def _facets(
        self, text: str, filters: Mapping[str, str], found: Sequence[str]
    ) -> dict[str, list[dict[str, Any]]]:
        """Document counts per value of each coded field. With query text they count the
        documents the search returns (its first FACET_DEPTH), so a count is what a click on it
        shows; without text, every document passing the filters."""
        if text.strip():
            if not found:
                return {name: [] for name in FACET_FIELDS}
            scope = {k: v for k, v in filters.items() if k != "doc_id"}
            scope["doc_id"] = ",".join(found)
        else:
            scope = dict(filters)
        request = SearchQuery(text="", filters=scope) if scope else None
        result: dict[str, list[dict[str, Any]]] = {}
        for name in FACET_FIELDS:
            rows = self.on_backend(lambda b, f=name: b.count_by(request, [f]))
            rows = [r for r in rows if r[name] is not None]
            if name == "year":
                rows.sort(key=lambda r: -int(r["year"]))
            else:
                rows.sort(key=lambda r: (-r["count"], str(r[name])))
            result[name] = [{"value": r[name], "count": r["count"]} for r in rows[:FACET_VALUES]]
        return result

    # ---- documents and cases ---------------------------------------------------------------

    def stored(self, doc_id: str) -> StoredDocument:
        stored = self.on_backend(lambda b: b.document(doc_id))
        if stored is None:
            raise NotFound(f"no document {doc_id!r} in the index")
        return stored

    def document(self, doc_id: str) -> dict[str, Any]:
        stored = self.stored(doc_id)
        return {
            "doc_id": doc_id,
            "language": stored.document.language,
            "doc_type": stored.document.doc_type,
            "citation": citation(stored),
            "text": stored.document.text,
        }

    def case(self, doc_id: str) -> dict[str, Any]:
        """The coded case: each coded value with its evidence spans (offsets and the text they
        cover), and the citation of the document."""
        stored = self.stored(doc_id)
        facts = dict(stored.facts or {})
        return {
            "doc_id": doc_id,
            "doc_type": stored.document.doc_type,
            "citation": citation(stored),
            "coded": coded_values(facts, stored.document.text),
            "facts": facts,
        }

    # ---- legislation -----------------------------------------------------------------------

    def compare(self, topic: str, countries: Sequence[str] | None = None) -> dict[str, Any]:
        """Each state's provisions on `topic`, with their ACTIP articles and the judgments whose
        coded charges cite the provision (where the law is one the coder knows by name)."""
        from nlp.legislation import TOPICS

        known = (*TOPICS, "other")
        if topic not in known:
            raise BadRequest(f"{self.words.topic} takes one of: {', '.join(known)}; not {topic!r}")
        hits = self.on_backend(lambda b: b.provisions(topic, countries))
        citing: dict[str, list[Citing]] = {}
        states: dict[str, list[dict[str, Any]]] = {}
        laws: dict[str, str | None] = {}
        for hit in hits:
            if hit.doc_id not in laws:
                # Acts often carry their number in the case-number field, their long title in
                # the title: either may name the statute.
                law = self.on_backend(lambda b, d=hit.doc_id: b.document(d))
                number = (law.case_number if law else None) or ""
                laws[hit.doc_id] = statute_of_law(f"{number} {hit.title}")
            statute = laws[hit.doc_id]
            if statute and statute not in citing:
                citing[statute] = self.on_backend(lambda b, s=statute: b.citing(s))
            provision = hit.provision
            cited_by = [
                c.to_dict()
                for c in citing.get(statute or "", [])
                if same_provision(c.provision, provision.number)
            ]
            states.setdefault(hit.country, []).append(
                {
                    "law": {"doc_id": hit.doc_id, "title": hit.title, "source_url": hit.source_url},
                    "statute": statute,
                    "number": provision.number,
                    "heading": provision.heading,
                    "text": provision.text,
                    "start": provision.start,
                    "end": provision.end,
                    "topics": list(provision.topics),
                    "actip_articles": list(provision.actip_articles),
                    "cited_by": cited_by,
                }
            )
        return {"topic": topic, "topics": list(known), "states": states}

    def topic_matrix(self, countries: Sequence[str] | None = None) -> dict[str, Any]:
        """How many provisions each state's indexed laws have on each topic."""
        from nlp.legislation import TOPICS

        counts: dict[str, dict[str, int]] = {}
        for hit in self.on_backend(lambda b: b.provisions(None, countries)):
            row = counts.setdefault(hit.country, {})
            for topic in hit.provision.topics:
                row[topic] = row.get(topic, 0) + 1
        return {"topics": list(TOPICS), "rows": counts}

    # ---- trends ----------------------------------------------------------------------------

    def trends(
        self, text: str, by: str = "year,country", filters: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        fields = check_by(by, self.words.by)
        if text.strip():
            _checked(validation.query_text, text)
        cleaned = check_filters(filters or {})
        cleaned.setdefault("doc_type", "judgment")
        # The filters the count applies, those read from the question's words included (a
        # prison term: `index.sentence_bounds`), so that a chart's title states them.
        request = with_question_filters(SearchQuery(text=text, filters=cleaned))
        rows = self.on_backend(lambda b: b.count_by(request, fields))
        return {"query": text, "by": fields, "filters": dict(request.filters), "rows": rows}

    # ---- sources and runs ------------------------------------------------------------------

    def runs(self, *, limit: int = 20, cursor: str | None = None) -> Page:
        """Run summaries, newest first, each with its per-source rows."""
        _checked(validation.positive, limit, "limit", most=MAX_PAGE)
        offset = decode_cursor(cursor)
        files = sorted(self.settings.runs_dir.glob("*.json"), reverse=True)
        items = []
        for path in files[offset : offset + limit]:
            try:
                summary = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a run being written, or a damaged file: the others still show
            items.append({"run_id": path.stem, **summary})
        more = len(files) > offset + limit
        return Page(items, encode_cursor(offset + limit) if more else None)

    def sources(self) -> list[dict[str, Any]]:
        """The source registry, each source with its last run's row (None if never run)."""
        import crawlers

        last: dict[str, dict[str, Any]] = {}
        for path in sorted(self.settings.runs_dir.glob("*.json")):
            try:
                summary = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for row in summary.get("sources", []):
                last[row["source_id"]] = {
                    "run_id": path.stem,
                    "finished_at": summary.get("finished_at"),
                    **row,
                    "needs_human": needs_human(row),
                }
        listed = [s.to_dict() | {"last_run": last.pop(s.id, None)} for s in crawlers.list_sources()]
        # Runs of sources no longer registered (or the local ingest) still deserve a line.
        listed += [
            {"id": sid, "country": None, "kind": "local", "last_run": row}
            for sid, row in sorted(last.items())
        ]
        return listed

    # ---- plumbing --------------------------------------------------------------------------

    def on_backend(self, action: Callable[[SearchBackend], Any]) -> Any:
        try:
            return action(self.backend)
        except (ValueError, RuntimeError) as exc:  # a filter, a model mismatch
            if isinstance(exc, BadRequest):
                raise
            raise BadRequest(str(exc)) from exc

    def model_ids(self) -> dict[str, Any]:
        recorded = getattr(self.backend, "recorded_model", None)
        return {
            "configured": self.settings.embedding_model,
            "index": recorded() if callable(recorded) else None,
            "backend": self.settings.search_backend,
            "tiplex": __version__,
        }


# --------------------------------------------------------------------------------------------
# Coded values with their evidence
# --------------------------------------------------------------------------------------------


def _spans(raw: Iterable[Mapping[str, Any]] | None, text: str) -> list[dict[str, Any]]:
    spans = []
    for span in raw or ():
        start, end = int(span.get("start", 0)), int(span.get("end", 0))
        if 0 <= start < end <= len(text):
            spans.append({"start": start, "end": end, "text": text[start:end]})
    return spans


def _item_label(field: str, item: Mapping[str, Any]) -> str:
    if field == "defendants":
        parts = [item.get("name"), item.get("gender"), item.get("age"), item.get("nationality")]
    elif field == "charges":
        parts = [item.get("statute"), item.get("provision"), item.get("verdict")]
    elif field == "sentences":
        term = "life" if item.get("life") else f"{item.get('imprisonment_months')} months"
        fine = item.get("fine")
        fine_text = f"fine {fine['amount']:,.0f} {fine['currency']}" if fine else None
        parts = [item.get("defendant"), term, fine_text]
    elif field == "compensation_refused":
        parts = [item.get("kind"), "refused"]
    else:
        amount = item.get("amount")
        amount_text = f"{amount:,.0f} {item.get('currency') or ''}".strip() if amount else None
        detention = item.get("subsidiary_detention_months")
        unpaid = f"if unpaid {detention} months' detention" if detention else None
        parts = [item.get("kind"), amount_text, item.get("beneficiary"), unpaid]
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def coded_values(facts: Mapping[str, Any], text: str) -> list[dict[str, Any]]:
    """Every coded value as `{field, value, evidence: [{start, end, text}]}`, in the order a
    reader meets them on the case page."""
    if not facts:
        return []
    evidence: Mapping[str, Any] = facts.get("evidence") or {}
    values: list[dict[str, Any]] = []
    for field in SCALAR_FIELDS:
        value = facts.get(field)
        if value is None:
            continue
        values.append(
            {"field": field, "value": value, "evidence": _spans(evidence.get(field), text)}
        )
    for field in LIST_FIELDS:
        for value in facts.get(field) or ():
            spans = _spans(evidence.get(field), text)
            # A list's spans are shared by its values; keep those that name this one when any do.
            naming = [s for s in spans if str(value).replace("_", " ") in s["text"].lower()]
            values.append({"field": field, "value": value, "evidence": naming or spans})
    victims = facts.get("victims") or {}
    for key in ("count", "minors"):
        if victims.get(key) is not None:
            values.append(
                {
                    "field": f"victims.{key}",
                    "value": victims[key],
                    "evidence": _spans(victims.get("evidence"), text),
                }
            )
    for field in ITEM_FIELDS:
        for item in facts.get(field) or ():
            values.append(
                {
                    "field": field,
                    "value": _item_label(field, item),
                    "evidence": _spans(item.get("evidence"), text),
                }
            )
    non_punishment = facts.get("non_punishment") or {}
    if non_punishment.get("raised"):
        values.append(
            {
                "field": "non_punishment",
                "value": "applied" if non_punishment.get("applied") else "raised",
                "evidence": _spans(non_punishment.get("evidence"), text),
            }
        )
    return values


def needs_human(row: Mapping[str, Any]) -> list[str]:
    """What an operator must look at in one source's run row."""
    reasons = []
    if row.get("status") not in (None, "ok"):
        reasons.append(f"status {row.get('status')}")
    reasons.extend(str(e) for e in (row.get("errors") or [])[:5])
    return reasons


# --------------------------------------------------------------------------------------------
# Laws and the judgments citing them
# --------------------------------------------------------------------------------------------


@cache
def _statute_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    from nlp.extractors.statutes import statute_rules

    return tuple((rule.pattern, rule.statute) for rule in statute_rules())


def statute_of_law(title: str) -> str | None:
    """The normalised name under which judgments cite this law ("PH RA 9208"), read from its
    title; None when the coder does not know the law. Only the title: an amending bill names
    the act it amends in its text, and its own clauses are not that act's sections."""
    for pattern, statute in _statute_patterns():
        if pattern.search(title):
            return statute
    return None


def _provision_number(value: str | None) -> str:
    digits = re.search(r"\d+[A-Za-z]?", value or "")
    return digits.group(0).lower() if digits else ""


def same_provision(cited: str | None, number: str) -> bool:
    """ "Sec. 4(a)" cites section 4; "Pasal 2 ayat (1)" cites Pasal 2."""
    return bool(cited) and _provision_number(cited) == _provision_number(number)


def api_token() -> str | None:
    """The token that unlocks the actions that change data (runs, ingests, saved searches);
    without one configured, the API is read-only."""
    token = os.environ.get("TIPLEX_API_TOKEN", "").strip()
    return token or None


def home_file(settings: Settings, name: str) -> Path:
    return settings.home / name


__all__ = [
    "API_WORDS",
    "BadRequest",
    "FACET_FIELDS",
    "FILTER_FIELDS",
    "NotFound",
    "Page",
    "Service",
    "Vocabulary",
]
