"""The pipeline: crawl → code → index, joined here and only here.

The three stages never import each other; these flows pass `tiplex.records` between them. One
source failing is reported in the run summary and never stops the others. Documents are
acknowledged to the crawl state only after they are indexed, so a run that dies half-way is
resumed by the next one instead of being lost.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import allow_failure, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

import crawlers
import index
import nlp
from crawlers.history import full_sweep_due, zero_yield_warning
from crawlers.local_files import DOC_TYPE_GIVEN
from crawlers.politeness import site_host
from crawlers.warc import warc_dir
from tiplex.crashpoints import crashpoint
from tiplex.home_lock import writer_lock
from tiplex.records import CaseFacts, CrawlReport, Document, IndexReport, Provision
from tiplex.settings import Settings, load_settings

# Crawls running at once (each one Scrapy process, each to a different site; two sources of
# one site run one after the other, see `_crawl_order`).
MAX_PARALLEL_CRAWLS = 3
INDEX_BATCH = 32  # documents per backend call: bounds memory and gives progress steps

COUNT_KEYS = ("discovered", "fetched", "new", "changed", "unchanged", "failed")

ProgressHook = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True, slots=True)
class CodedBatch:
    """Documents with language/country filled in by the coder, their facts and provisions."""

    documents: tuple[Document, ...]
    facts: dict[str, CaseFacts] = field(default_factory=dict)
    provisions: dict[str, tuple[Provision, ...]] = field(default_factory=dict)
    failed: tuple[str, ...] = ()  # "doc_id: reason"


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    source_id: str
    status: str  # ok | failed
    counts: dict[str, int]
    documents_indexed: int = 0
    passages_embedded: int = 0
    errors: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # warnings about the source itself (e.g. zero yield)

    def to_row(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "status": self.status,
            **self.counts,
            "documents_indexed": self.documents_indexed,
            "passages_embedded": self.passages_embedded,
            "errors": list(self.errors),
            "flags": list(self.flags),
        }


# A process-wide hook the CLI sets to draw progress bars; tasks call it, nothing else depends on it.
_progress_hook: ProgressHook | None = None


def set_progress_hook(hook: ProgressHook | None) -> None:
    global _progress_hook
    _progress_hook = hook


def _progress(stage: str, done: int, total: int) -> None:
    if _progress_hook is not None:
        _progress_hook(stage, done, total)


# ------------------------------------------------------------------------------------------------
# Tasks: thin wrappers over the stage verbs
# ------------------------------------------------------------------------------------------------


@task(
    name="crawl-source",
    task_run_name="crawl {source_id}",
    retries=1,
    retry_delay_seconds=30,
    cache_policy=NO_CACHE,
)
def crawl_source(
    source_id: str,
    home: str,
    base_url: str | None = None,
    since: str | None = None,
    until: str | None = None,
    full: bool = False,
    limit: int | None = None,
    options: dict[str, str] | None = None,
) -> CrawlReport:
    return crawlers.crawl(
        source_id,
        load_settings(home),
        base_url=base_url,
        since=since,
        until=until,
        limit=limit,
        full=full,
        options=options,
    )


@task(name="code-documents", task_run_name="code {source_id}", cache_policy=NO_CACHE)
def code_documents(source_id: str, documents: Sequence[Document]) -> CodedBatch:
    """Code judgments and segment laws. A document the coder cannot handle is reported, not
    fatal: the rest of the batch goes on."""
    coder = _coder()
    coded: list[Document] = []
    facts: dict[str, CaseFacts] = {}
    provisions: dict[str, tuple[Provision, ...]] = {}
    failed: list[str] = []
    regional = _is_regional(source_id)  # one registry walk per batch, not per document
    for done, document in enumerate(documents, start=1):
        try:
            document = _with_detected_type(document)
            case = coder.code(document)
            completed = _fill_detected(document, case, regional=regional)
            facts[completed.doc_id] = case
            if completed.doc_type == "legislation":
                provisions[completed.doc_id] = tuple(nlp.segment_provisions(completed))
            coded.append(completed)
        except Exception as exc:  # one bad document must not sink the source
            failed.append(f"{document.doc_id}: {type(exc).__name__}: {exc}")
        _progress(f"code {source_id}", done, len(documents))
        crashpoint("coding")
    return CodedBatch(tuple(coded), facts, provisions, tuple(failed))


@task(name="index-documents", task_run_name="index {source_id}", cache_policy=NO_CACHE)
def index_documents(source_id: str, home: str, batch: CodedBatch) -> IndexReport:
    settings = load_settings(home)
    backend = index.open_backend(settings)
    totals = IndexReport()
    try:
        for start in range(0, len(batch.documents), INDEX_BATCH):
            part = batch.documents[start : start + INDEX_BATCH]
            report = backend.index(
                part,
                facts={d.doc_id: batch.facts[d.doc_id] for d in part if d.doc_id in batch.facts},
                provisions={
                    d.doc_id: batch.provisions[d.doc_id]
                    for d in part
                    if d.doc_id in batch.provisions
                },
            )
            # Only what is safely indexed is acknowledged; the rest stays pending for the next run.
            crawlers.acknowledge(settings, part)
            totals = IndexReport(
                documents_indexed=totals.documents_indexed + report.documents_indexed,
                passages_indexed=totals.passages_indexed + report.passages_indexed,
                passages_embedded=totals.passages_embedded + report.passages_embedded,
            )
            _progress(
                f"index {source_id}",
                min(start + INDEX_BATCH, len(batch.documents)),
                len(batch.documents),
            )
    finally:
        backend.close()
    return totals


# ------------------------------------------------------------------------------------------------
# Flows
# ------------------------------------------------------------------------------------------------


@flow(
    name="weekly-update",
    log_prints=True,
    task_runner=ThreadPoolTaskRunner(max_workers=MAX_PARALLEL_CRAWLS),
)
def weekly_update(
    source_ids: list[str] | None = None,
    base_urls: dict[str, str] | None = None,
    since: str | None = None,
    until: str | None = None,
    full: bool | None = None,
    limit: int | None = None,
    home: str | None = None,
    schedule: str | None = None,
    source_options: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Crawl every (or the chosen) web source, code what is new or changed, index it.

    Args:
        source_ids: the sources to crawl; all web sources of the registry when empty.
        schedule: with no `source_ids`, only the sources on this cron (one deployment each).
        base_urls: per-source base-URL overrides (a mirror, a test server).
        since, until: a backfill window (ISO dates); default is each source's rolling window.
        full: walk every listing page (True) or stop at known documents (False); None (the
            scheduled runs) does a full sweep of each source once a calendar month.
        limit: at most this many documents per source (smoke runs).
        home: TIPLEX_HOME for this run.
        source_options: per-source spider arguments, e.g. {"my_lom_legislation": {"acts": "670"}}
            (`crawlers.registry.spider_options` says which a source takes).
    """
    settings = load_settings(home).ensure_dirs()
    with writer_lock(settings.home, "run"):
        return _weekly_update(
            settings, source_ids, base_urls, since, until, full, limit, schedule, source_options
        )


def _weekly_update(
    settings: Settings,
    source_ids: list[str] | None,
    base_urls: dict[str, str] | None,
    since: str | None,
    until: str | None,
    full: bool | None,
    limit: int | None,
    schedule: str | None,
    source_options: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    started = time.monotonic()
    known = {source.id: source for source in crawlers.list_sources()}
    chosen = list(
        source_ids
        or [
            sid
            for sid, source in known.items()
            if source.kind != "local" and (schedule is None or source.schedule == schedule)
        ]
    )
    overrides = base_urls or {}
    options = source_options or {}
    unasked = sorted(set(options) - set(chosen))
    if unasked:
        raise ValueError(f"options given for source(s) this run does not crawl: {unasked}")
    for source_id in chosen:
        # A window or an option a source cannot read stops the run here, before any site is
        # asked.
        spider = crawlers.check_window(source_id, since, until)
        crawlers.check_options(source_id, options.get(source_id), spider)

    futures: dict[str, Any] = {}
    last_of_site: dict[str, Any] = {}
    for source_id in chosen:
        site = site_host(known[source_id].base_url) if source_id in known else source_id
        # One site, one crawl at a time: the next source of a site waits for the previous.
        # allow_failure: a crash of the one before must not cancel this one.
        waits = [allow_failure(last_of_site[site])] if site in last_of_site else None
        sweep = full if full is not None else full_sweep_due(settings.crawl_db, source_id)
        futures[source_id] = last_of_site[site] = crawl_source.submit(
            source_id,
            str(settings.home),
            overrides.get(source_id),
            since,
            until,
            sweep,
            limit,
            options.get(source_id),
            wait_for=waits,
        )
    outcomes: list[SourceOutcome] = []
    for source_id, future in futures.items():
        try:
            report = future.result()
        except Exception as exc:
            outcomes.append(_failed(source_id, f"crawl failed: {type(exc).__name__}: {exc}"))
            continue
        outcome = _code_and_index(report, settings)
        warning = zero_yield_warning(settings.crawl_db, source_id)
        outcomes.append(dataclasses.replace(outcome, flags=(warning,)) if warning else outcome)
    return _publish("weekly-update", outcomes, started, settings)


@flow(name="reprocess", log_prints=True)
def reprocess_sources(
    source_ids: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    home: str | None = None,
    source_options: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Rebuild documents from the WARC archive (no network), then code and index them again:
    what a run does after the extractors, a source's text hooks or the coder changed.
    `source_options` as for `weekly_update` (a source run with its options is replayed with
    the same ones, or it asks the archive only for what its defaults name)."""
    settings = load_settings(home).ensure_dirs()
    with writer_lock(settings.home, "reprocess"):
        return _reprocess_sources(settings, source_ids, since, until, source_options or {})


def _reprocess_sources(
    settings: Settings,
    source_ids: list[str] | None,
    since: str | None,
    until: str | None,
    options: dict[str, dict[str, str]],
) -> dict[str, Any]:
    started = time.monotonic()
    known = {source.id: source for source in crawlers.list_sources()}
    # Without a choice, the sources the archive holds answers of: a source never crawled into
    # this home has nothing to replay, and is no failure.
    chosen = list(
        source_ids
        or [
            sid
            for sid, source in known.items()
            if source.kind != "local" and any(warc_dir(settings.home, sid).glob("*.warc*"))
        ]
    )
    outcomes: list[SourceOutcome] = []
    for source_id in chosen:
        try:
            report = crawlers.reprocess(
                source_id, settings, since=since, until=until, options=options.get(source_id)
            )
        except Exception as exc:
            outcomes.append(_failed(source_id, f"reprocess failed: {type(exc).__name__}: {exc}"))
            continue
        outcomes.append(_code_and_index(report, settings))
    return _publish("reprocess", outcomes, started, settings)


@flow(name="ingest-files", log_prints=True)
def ingest_files(
    paths: list[str],
    country: str | None = None,
    language: str | None = None,
    doc_type: str | None = None,
    limit: int | None = None,
    home: str | None = None,
) -> dict[str, Any]:
    """Local files and folders through the same archive → code → index path."""
    started = time.monotonic()
    settings = load_settings(home).ensure_dirs()
    with writer_lock(settings.home, "ingest"):
        report = crawlers.ingest(
            [Path(p) for p in paths],
            settings,
            country=country,
            language=language,
            doc_type=doc_type,
            limit=limit,
        )
        return _publish("ingest-files", [_code_and_index(report, settings)], started, settings)


# ------------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------------


def _code_and_index(report: CrawlReport, settings: Settings) -> SourceOutcome:
    errors = list(report.errors)
    if not report.documents:
        return SourceOutcome(
            report.source_id, _status(report), report.counts(), errors=tuple(errors)
        )
    try:
        batch = code_documents(report.source_id, report.documents)
        errors.extend(batch.failed)
        indexed = index_documents(report.source_id, str(settings.home), batch)
    except Exception as exc:
        errors.append(f"code/index failed: {type(exc).__name__}: {exc}")
        return SourceOutcome(report.source_id, "failed", report.counts(), errors=tuple(errors))
    counts = report.counts()
    counts["failed"] += len(batch.failed)
    return SourceOutcome(
        report.source_id,
        _status(report),
        counts,
        documents_indexed=indexed.documents_indexed,
        passages_embedded=indexed.passages_embedded,
        errors=tuple(errors),
    )


def _status(report: CrawlReport) -> str:
    # A source that reported errors and fetched nothing is down (blocked, unreachable, redesigned).
    return "failed" if report.errors and report.fetched == 0 and report.unchanged == 0 else "ok"


def _failed(source_id: str, error: str) -> SourceOutcome:
    counts = dict.fromkeys(COUNT_KEYS, 0)
    return SourceOutcome(source_id, "failed", counts, errors=(error,))


def _with_detected_type(document: Document) -> Document:
    """A file ingested without a document type: a bill or a law is legislation (and gets its
    provisions segmented), anything else stays a judgment."""
    if document.metadata.get(DOC_TYPE_GIVEN) != "no":
        return document
    detected = nlp.detect_doc_type(document.text)
    if detected == document.doc_type:
        return document
    return dataclasses.replace(document, doc_type=detected)  # type: ignore[arg-type]


def _is_regional(source_id: str) -> bool:
    """A regional source (registry country "INT") leaves a document's country empty on purpose:
    a convention signed "at Kuala Lumpur, Malaysia" is no more Malaysian for that."""
    return any(s.id == source_id and s.country == "INT" for s in crawlers.list_sources())


def _fill_detected(document: Document, case: CaseFacts, *, regional: bool = False) -> Document:
    """Ingested files often come without country or language: take what the coder detected
    (the country only outside regional sources, whose empty country means no state's)."""
    changes: dict[str, str] = {}
    if not document.country and case.country and not regional:
        changes["country"] = case.country
    if not document.language and case.language:
        changes["language"] = case.language
    return dataclasses.replace(document, **changes) if changes else document


def summarise(flow_name: str, outcomes: Iterable[SourceOutcome], seconds: float) -> dict[str, Any]:
    rows = [outcome.to_row() for outcome in outcomes]
    totals = {key: sum(row[key] for row in rows) for key in COUNT_KEYS}
    totals["documents_indexed"] = sum(row["documents_indexed"] for row in rows)
    totals["passages_embedded"] = sum(row["passages_embedded"] for row in rows)
    return {
        "flow": flow_name,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "sources": rows,
        "failed_sources": [row["source_id"] for row in rows if row["status"] == "failed"],
        "totals": totals,
        "passages_embedded": totals["passages_embedded"],
    }


def _publish(
    flow_name: str, outcomes: list[SourceOutcome], started: float, settings: Settings
) -> dict[str, Any]:
    summary = summarise(flow_name, outcomes, time.monotonic() - started)
    stamp = summary["finished_at"].replace(":", "").replace("+0000", "Z")
    (settings.runs_dir / f"{stamp}-{flow_name}.json").write_text(json.dumps(summary, indent=2))
    create_table_artifact(
        key=flow_name,
        table=[{k: v for k, v in row.items() if k != "errors"} for row in summary["sources"]],
        description=f"Per-source counts of the {flow_name} run",
    )
    needs_human = [
        f"- **{row['source_id']}**: {problem}"
        for row in summary["sources"]
        for problem in (*row["flags"], *row["errors"])
    ]
    if needs_human:
        create_markdown_artifact(
            key=f"{flow_name}-needs-a-human",
            markdown="# What needs a human\n\n" + "\n".join(needs_human[:200]),
            description="Source failures and documents set aside",
        )
        get_run_logger().warning("%d problem(s) need a human; see the artifact", len(needs_human))
    return summary


_CODER: nlp.CaseCoder | None = None


def _coder() -> nlp.CaseCoder:
    """The spaCy pipelines load once per process, not once per task."""
    global _CODER
    if _CODER is None:
        _CODER = nlp.load_coder()
    return _CODER
