"""The `tiplex` command line. Its commands and flags are a stable interface (see README).

Heavy imports (Prefect, Scrapy, spaCy, torch) happen inside the commands, after the environment
is prepared, so `tiplex --help` is instant and Prefect's state lands under TIPLEX_HOME.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from tiplex.settings import Settings, load_settings

if TYPE_CHECKING:  # the service imports the index: only the commands that ask it load it
    from interfaces.service import Service

Answer = TypeVar("Answer")

app = typer.Typer(
    name="tiplex",
    help="Research evidence on trafficking-in-persons justice in the ASEAN member states.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure extraction and retrieval quality on labelled data.")
app.add_typer(eval_app, name="eval")

# Results. Piped output gets a fixed width so tables are not cut at the 80 columns Rich assumes.
out = Console(width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True)  # progress, warnings; keeps stdout clean for --json

# Defaults of the eval commands, found from the repository rather than the working directory,
# so `tiplex eval ...` works from anywhere in a checkout.
REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO_ROOT / "tests" / "eval"
CorpusOption = Annotated[Path, typer.Option(help="The corpus folder with manifest.jsonl.")]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="Data folder (default: $TIPLEX_HOME).", show_default=False),
]


def _settings(home: Path | None, *, create: bool = True) -> Settings:
    """The instance's settings, its folders made unless `create` is False (the read-only
    commands leave a refused request's home untouched; the index makes its own folder)."""
    settings = load_settings(home)
    if create:
        settings.ensure_dirs()
    # Prefect runs in ephemeral mode with its state inside this instance's data folder.
    os.environ["TIPLEX_HOME"] = str(settings.home)
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The temporary API needs more than Prefect's default 20 s on a busy two-core machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    return settings


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _checked(check: Any, *args: Any, **kwargs: Any) -> Any:
    """`check(*args, **kwargs)` from `tiplex.validation`, its complaint printed as an error."""
    from tiplex.validation import InvalidInput

    try:
        return check(*args, **kwargs)
    except InvalidInput as exc:
        raise _fail(str(exc)) from exc


def _check_window(since: str | None, until: str | None) -> None:
    """The crawl window, read as the crawlers read it, checked before any crawl starts."""
    from crawlers.dates import parse_bound

    bounds = []
    for flag, value, end in (("--since", since, False), ("--until", until, True)):
        try:
            bounds.append(parse_bound(value, end=end))
        except ValueError as exc:
            raise _fail(f"{flag} {exc}") from exc
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise _fail(f"--since {since} comes after --until {until}")


def _ask(home: Path | None, question: Callable[[Service], Answer]) -> Answer:
    """`question(service)` on the service the API and web app use, with this command line's
    names for its parameters; a refused request (checked before the index is opened) or what
    the index cannot do (a model mismatch, an unreadable file) ends in a message, not a trace."""
    import sqlite3

    from interfaces.service import BadRequest, Service, Vocabulary
    from tiplex.validation import MAX_RESULTS

    words = Vocabulary(
        mode="--mode",
        limit="-k",
        passages="--passages",
        topic="--topic",
        countries="--countries",
        by="--by",
        most_hits=MAX_RESULTS,
    )
    service = Service(_settings(home, create=False), words=words)
    try:
        return question(service)
    except (BadRequest, OSError, sqlite3.Error) as exc:
        raise _fail(str(exc)) from exc
    finally:
        service.close()


@contextmanager
def _writer(settings: Settings, operation: str) -> Iterator[None]:
    """The home's writer lock (`tiplex.home_lock`); a busy home ends in its message."""
    from tiplex.home_lock import (
        HomeBusy,
        check_free_space,
        storage_message,
        storage_problem,
        writer_lock,
    )

    try:
        with writer_lock(settings.home, operation):
            too_full = check_free_space(settings.home)
            if too_full:
                raise _fail(storage_message(settings.home, too_full), code=4)
            yield
    except HomeBusy as exc:
        raise _fail(str(exc), code=3) from exc
    except Exception as exc:  # a full or read-only disk is a message; anything else re-raised
        reason = storage_problem(exc)
        if reason is None:
            raise
        raise _fail(storage_message(settings.home, reason), code=4) from exc


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _print_summary(summary: dict[str, Any]) -> None:
    # Short headers: the table must fit an 80-column terminal beside the source ids.
    columns = {
        "discovered": "found",
        "fetched": "fetched",
        "new": "new",
        "changed": "changed",
        "unchanged": "same",
        "failed": "failed",
        "documents_indexed": "indexed",
        "passages_embedded": "embedded",
    }
    table = Table(title=f"{summary['flow']} — {summary['seconds']} s", box=box.SIMPLE_HEAD)
    table.add_column("source", no_wrap=True)
    table.add_column("status")
    for header in columns.values():
        table.add_column(header, justify="right")
    for row in summary["sources"]:
        status = row["status"] if row["status"] == "ok" else f"[red]{row['status']}[/]"
        table.add_row(row["source_id"], status, *(str(row[key]) for key in columns))
    out.print(table)
    for row in summary["sources"]:
        for flag in row.get("flags", ()):
            out.print(f"  [red]{row['source_id']}[/]: {flag}")
        for problem in row["errors"][:5]:
            out.print(f"  [yellow]{row['source_id']}[/]: {problem}")


def _run_flow(enabled_progress: bool, flow: Any, **kwargs: Any) -> dict[str, Any]:
    from interfaces.progress import flow_progress

    with flow_progress(enabled_progress, err):
        result: dict[str, Any] = flow(**kwargs)
    return result


# ------------------------------------------------------------------------------------------------
# Commands
# ------------------------------------------------------------------------------------------------


@app.command()
def demo(
    as_json: JsonFlag = False,
    home: HomeOption = None,
    port: Annotated[int, typer.Option(help="Port for the mirror (0: any free port).")] = 0,
) -> None:
    """Serve the bundled demo mirror on 127.0.0.1, run the weekly update against it, search it."""
    settings = _settings(home)
    from interfaces.demo import run_demo

    with _writer(settings, "demo"):
        result = run_demo(settings, port=port, progress=not as_json, console=err)
    if as_json:
        _print_json(result)
        return
    _print_summary(result["summary"])
    for sample in result["searches"]:
        _print_hits(sample["query"], sample["hits"])
    out.print("\nBrowse this index in the web app: [bold]tiplex serve[/] → http://127.0.0.1:8000/")


@app.command()
def run(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Source id (repeatable).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Backfill from this ISO date.")] = None,
    until: Annotated[str | None, typer.Option(help="Backfill up to this ISO date.")] = None,
    full: Annotated[bool, typer.Option(help="Walk every listing page.")] = False,
    limit: Annotated[int | None, typer.Option(help="At most N documents per source.")] = None,
    base_url: Annotated[
        list[str] | None, typer.Option("--base-url", help="SOURCE=URL override (repeatable).")
    ] = None,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "--option",
            help="A source's own argument, SOURCE.NAME=VALUE (repeatable; `tiplex sources "
            "--json` lists each source's options), e.g. my_lom_legislation.acts=670,VIII.",
        ),
    ] = None,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """The weekly update against the real sources (or the chosen ones)."""
    from tiplex import validation

    _check_window(since, until)
    if limit is not None:
        _checked(validation.positive, limit, "--limit")
    settings = _settings(home)
    import crawlers

    known = {s.id for s in crawlers.list_sources()}
    unknown = sorted(set(source or ()) - known)
    if unknown:
        raise _fail(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    overrides = _parse_pairs(base_url or [], "--base-url")
    source_options = _source_options(option or [], source)
    from interfaces.scheduled import scheduled_update

    with _writer(settings, "run"):
        # The flow the schedules run: the update, then the saved searches' digest.
        summary = _run_flow(
            not as_json,
            scheduled_update,
            source_ids=list(source) if source else None,
            base_urls=overrides,
            since=since,
            until=until,
            full=full,
            limit=limit,
            home=str(settings.home),
            source_options=source_options or None,
        )
    _print_json(summary) if as_json else _print_summary(summary)
    digest = summary["digest"]
    if digest.get("error"):
        err.print(f"[yellow]warning:[/] the saved searches' digest failed: {digest['error']}")
    elif digest["files"] and not as_json:
        err.print(f"digest written to {', '.join(digest['files'])}")
    if summary["failed_sources"]:
        raise typer.Exit(1)


@app.command()
def reprocess(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Source id (repeatable).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Listings from this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Listings up to this date.")] = None,
    option: Annotated[
        list[str] | None,
        typer.Option(
            "--option",
            help="A source's own argument, SOURCE.NAME=VALUE (repeatable; `tiplex sources "
            "--json` lists each source's options), e.g. the options the source was crawled with.",
        ),
    ] = None,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """Rebuild documents, coded facts and index from the WARC archive, without the network."""
    _check_window(since, until)
    source_options = _source_options(option or [], source)
    settings = _settings(home)
    from flows.pipeline import reprocess_sources

    with _writer(settings, "reprocess"):
        summary = _run_flow(
            not as_json,
            reprocess_sources,
            source_ids=list(source) if source else None,
            since=since,
            until=until,
            home=str(settings.home),
            source_options=source_options or None,
        )
    _print_json(summary) if as_json else _print_summary(summary)
    if summary["failed_sources"]:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (txt, md, html, pdf).")],
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 (detected if omitted).")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 (detected if omitted).")] = None,
    doc_type: Annotated[str | None, typer.Option(help="judgment | legislation | other.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most N files.")] = None,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """Local files and folders through the same archive → code → index path."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    if doc_type and doc_type not in ("judgment", "legislation", "other"):
        raise _fail("--doc-type must be judgment, legislation or other")
    from tiplex import validation

    country = _checked(validation.country_code, country) if country else None
    language = _checked(validation.language_code, language) if language else None
    if limit is not None:
        _checked(validation.positive, limit, "--limit")
    settings = _settings(home)
    from flows.pipeline import ingest_files

    with _writer(settings, "ingest"):
        summary = _run_flow(
            not as_json,
            ingest_files,
            paths=[str(p.resolve()) for p in paths],
            country=country,
            language=language,
            doc_type=doc_type,
            limit=limit,
            home=str(settings.home),
        )
    _print_json(summary) if as_json else _print_summary(summary)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Judgment files (txt, md, html, pdf).")],
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 (detected if omitted).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Code the case in each file. With several files: one JSON object per line."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import crawlers
    import nlp

    coder = nlp.load_coder()
    failures = 0
    for path in files:
        try:
            document = crawlers.load_file(path, country=country.upper() if country else None)
            facts = coder.code(document).to_dict()
        except Exception as exc:  # report and go on with the next file
            failures += 1
            err.print(f"[red]{path}[/]: {type(exc).__name__}: {exc}")
            continue
        if as_json:
            _print_json(facts)
        else:
            _print_facts(path, facts)
    if failures:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "quoted phrases", citations.')],
    mode: Annotated[str, typer.Option(help="hybrid | bm25 | dense.")] = "hybrid",
    k: Annotated[int, typer.Option("-k", help="Number of documents.")] = 10,
    passages: Annotated[int, typer.Option(help="Passages per document.")] = 3,
    filter_: Annotated[
        list[str] | None, typer.Option("--filter", help="FIELD=VALUE (repeatable).")
    ] = None,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """Search judgments and laws by meaning and by exact terms."""
    from tiplex import validation

    # The web app lists every document for an empty query; a command that prints ranked hits
    # has nothing to rank without words.
    _checked(validation.query_text, query)
    filters = _parse_pairs(filter_ or [], "--filter")
    page = _ask(
        home,
        lambda service: service.search(
            query, mode=mode, limit=k, passages=passages, filters=filters
        ),
    )
    if as_json:
        _print_json(page.items)
        return
    from interfaces.service import filters_read_from

    read = filters_read_from(query, mode, filters)
    if read:  # say what narrowed the answer beyond the words (a prison term, an award)
        shown = ", ".join(f"{field}={value}" for field, value in read.items())
        err.print(f"read from the question and applied: {shown}")
    _print_hits(query, page.items)


@app.command()
def sources(as_json: JsonFlag = False) -> None:
    """The source registry: id, country, kind, language, status, caveats; and what has none."""
    import crawlers
    from crawlers.coverage import unavailable_sources

    registry = crawlers.list_sources() + unavailable_sources()
    if as_json:
        _print_json([s.to_dict() for s in registry])
        return
    table = Table(title="Sources")
    for column in ("id", "country", "kind", "language", "status", "base URL", "caveats"):
        table.add_column(column)
    for s in registry:
        # The first sentence of the caveats keeps the table readable; --json has them all.
        first = s.caveats.split(". ", 1)[0].rstrip(".")
        caveat = first + (" …" if len(first) < len(s.caveats.rstrip(".")) else "")
        table.add_row(s.id, s.country, s.kind, s.language, s.status, s.base_url, caveat)
    out.print(table)


@app.command()
def trends(
    query: Annotated[str, typer.Argument(help='Words or "phrases"; "" for every document.')] = "",
    by: Annotated[str, typer.Option(help="Group by: year or year,country.")] = "year",
    filter_: Annotated[
        list[str] | None, typer.Option("--filter", help="FIELD=VALUE (repeatable).")
    ] = None,
    chart: Annotated[Path | None, typer.Option(help="Write a chart (.png or .svg).")] = None,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """Counts of matching judgments per year (and country, or another field)."""
    filters = _parse_pairs(filter_ or [], "--filter")
    found = _ask(home, lambda service: service.trends(query, by, filters))
    fields, rows = found["by"], found["rows"]
    if chart is not None:
        from interfaces.charts import chart_title, trend_chart

        title = chart_title(query, found["filters"], fields)
        try:
            trend_chart(rows, fields, title, chart)
        except ValueError as exc:
            raise _fail(str(exc)) from exc
        err.print(f"chart written to {chart}")
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"Judgments matching {query or 'the filters'}")
    for column in (*fields, "count"):
        table.add_column(column, justify="right" if column == "count" else "left")
    for row in rows:
        table.add_row(*(str(row.get(column)) for column in (*fields, "count")))
    out.print(table)


@app.command()
def compare(
    topic: Annotated[str, typer.Option(help="e.g. non_punishment, penalty, definition.")],
    countries: Annotated[
        str | None, typer.Option(help="Comma-separated ISO alpha-2 codes (default: all).")
    ] = None,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """Legislation side by side: the provisions of each state on one topic, and the judgments
    citing each."""
    from interfaces.service import check_countries

    def ask(service: Service) -> dict[str, Any]:
        return service.compare(topic, check_countries(countries, service.words.countries))

    states: dict[str, list[dict[str, Any]]] = _ask(home, ask)["states"]
    rows = [
        _provision_record(country, row)
        for country, country_rows in sorted(states.items())
        for row in country_rows
    ]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        out.print(f"No provision tagged {topic!r} in the laws indexed so far.")
    from interfaces.web.catalogue import STRINGS

    shown_country = None
    for row in rows:
        if row["country"] != shown_country:
            shown_country = row["country"]
            # A regional instrument (ACTIP) belongs to no state.
            out.rule(f"[bold]{shown_country or STRINGS['regional']['en']}")
        provision = row["provision"]
        articles = ", ".join(provision["actip_articles"]) or "-"
        heading = f"{provision['number']} {provision['heading'] or ''}".strip()
        out.print(f"[bold]{row['title']}[/] — {heading}")
        out.print(f"   [dim]ACTIP: {articles} · topics: {', '.join(provision['topics'])}[/]")
        snippet = " ".join(provision["text"].split())
        out.print(f"   {snippet[:400]}{'…' if len(snippet) > 400 else ''}")
        for judgment in row["cited_by"]:
            out.print(
                f"   [green]cited by[/] {judgment['title']}"
                f" ({judgment['case_number'] or '-'}, {judgment['decision_date'] or '-'})"
            )


def _provision_record(country: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """One compare row as the command line has always printed it: the law's fields, the
    provision nested under `provision`, and the judgments citing it."""
    law = row["law"]
    provision_keys = ("number", "heading", "text", "start", "end", "topics", "actip_articles")
    return {
        "doc_id": law["doc_id"],
        "title": law["title"],
        "country": country,
        "source_url": law["source_url"],
        "statute": row["statute"],
        "provision": {"doc_id": law["doc_id"]} | {key: row[key] for key in provision_keys},
        "cited_by": row["cited_by"],
    }


saved_app = typer.Typer(help="Saved searches, followed by the digest after each weekly run.")
app.add_typer(saved_app, name="saved")


@saved_app.command("add")
def saved_add(
    name: Annotated[str, typer.Argument(help="A name for the search.")],
    query: Annotated[str, typer.Argument(help='Words or "phrases"; "" for every judgment.')] = "",
    filter_: Annotated[
        list[str] | None, typer.Option("--filter", help="FIELD=VALUE (repeatable).")
    ] = None,
    home: HomeOption = None,
) -> None:
    """Save a search; the next digests list the judgments it matches that are new by then."""
    from interfaces import saved
    from interfaces.service import BadRequest

    filters = _parse_pairs(filter_ or [], "--filter")
    settings = _settings(home)
    try:
        search = saved.save(settings, name, query, filters)
    except BadRequest as exc:
        raise _fail(str(exc)) from exc
    out.print(f"saved {search.name!r}")


@saved_app.command("list")
def saved_list(as_json: JsonFlag = False, home: HomeOption = None) -> None:
    """The saved searches."""
    from interfaces import saved

    searches = [s.to_dict() for s in saved.load(_settings(home))]
    if as_json:
        _print_json(searches)
        return
    for search in searches:
        out.print(f"[bold]{search['name']}[/]: {search['query']!r} {search['filters']}")


@app.command()
def digest(
    webhook: Annotated[str | None, typer.Option(help="POST the digest here as JSON.")] = None,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """Write the saved searches' digest now (Markdown and JSON under TIPLEX_HOME/digests)."""
    from interfaces import saved
    from interfaces.service import Service

    service = Service(_settings(home))
    try:
        result = saved.write_digest(service, webhook=webhook)
    finally:
        service.close()
    if as_json:
        _print_json(result)
    else:
        out.print(f"digest written to {', '.join(result['files'])}")


@app.command("export")
def export_index(
    folder: Annotated[Path, typer.Argument(help="Where to write the files and manifest.json.")],
    home: HomeOption = None,
) -> None:
    """The whole index as JSON lines (documents, coded cases, provisions) with a manifest."""
    from interfaces.exports import bulk_export
    from interfaces.service import BadRequest, Service

    service = Service(_settings(home))
    try:
        manifest = bulk_export(service, folder)
    except BadRequest as exc:
        raise _fail(str(exc)) from exc
    finally:
        service.close()
    counts = ", ".join(f"{n} {k}" for k, n in manifest["counts"].items())
    out.print(f"exported {counts} to {folder} (manifest.json lists each file's sha256)")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (127.0.0.1: this machine only).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    home: HomeOption = None,
) -> None:
    """The HTTP API (/api/v1, /openapi.json) and the web app on the index of TIPLEX_HOME."""
    settings = _settings(home)
    from interfaces.app import serve as serve_app

    err.print(f"tiplex on http://{host}:{port}/ (API: /api/v1, /docs) — Ctrl-C stops it")
    serve_app(settings, host=host, port=port)


@app.command()
def reembed(home: HomeOption = None) -> None:
    """Rebuild every vector with the configured embedding model (after changing the model)."""
    settings = _settings(home)
    import index

    with _writer(settings, "reembed"):
        backend = index.open_backend(settings)
        try:
            embedded = backend.reembed()
        finally:
            backend.close()
    out.print(f"re-embedded {embedded} passages with {settings.embedding_model}")


@eval_app.command("extraction")
def eval_extraction(
    labels: Annotated[Path, typer.Option(help="Folder of label files (*.jsonl).")] = (
        EVAL_DIR / "extraction"
    ),
    corpus: CorpusOption = DEFAULT_CORPUS,
    as_json: JsonFlag = False,
) -> None:
    """Per-field precision, recall and accuracy of the case coder against labelled judgments."""
    if not (corpus / "manifest.jsonl").is_file():
        raise _fail(f"no manifest.jsonl in {corpus}")
    if not labels.is_dir():
        raise _fail(f"no label folder {labels}")
    import nlp
    from nlp.evaluation import evaluate_extraction, format_report

    report = evaluate_extraction(nlp.load_coder().code, labels, corpus)
    if as_json:
        _print_json(report.to_dict())
    else:
        out.print(format_report(report), highlight=False)


@eval_app.command("retrieval")
def eval_retrieval(
    queries: Annotated[Path, typer.Option(help="Queries (JSON lines).")] = (
        EVAL_DIR / "retrieval" / "queries.jsonl"
    ),
    qrels: Annotated[Path, typer.Option(help="Graded judgments (qid, doc_id, grade).")] = (
        EVAL_DIR / "retrieval" / "qrels.tsv"
    ),
    corpus: CorpusOption = DEFAULT_CORPUS,
    split: Annotated[str | None, typer.Option(help="tune | test (default: all).")] = None,
    per_query: Annotated[bool, typer.Option(help="Also print each query's figures.")] = False,
    as_json: JsonFlag = False,
    home: HomeOption = None,
) -> None:
    """nDCG@10 and recall@50 of bm25, dense and hybrid on the index under TIPLEX_HOME, which
    must hold the corpus (`tiplex ingest ../shared/corpus/*`)."""
    from tiplex import validation

    _checked(validation.split_name, split)
    for path in (queries, qrels, corpus / "manifest.jsonl"):
        if not path.is_file():
            raise _fail(f"no such file: {path}")
    settings = _settings(home)
    from index.evaluation import format_report, run_retrieval_eval

    report = run_retrieval_eval(settings, corpus, queries, qrels, split=split)
    if as_json:
        _print_json(report.to_dict())
    else:
        out.print(format_report(report, per_query=per_query), highlight=False)


# ------------------------------------------------------------------------------------------------
# Printing helpers
# ------------------------------------------------------------------------------------------------


def _parse_pairs(pairs: list[str], flag: str) -> dict[str, str]:
    from tiplex import validation

    result: dict[str, str] = _checked(validation.filter_pairs, pairs, flag)
    return result


def _source_options(pairs: list[str], chosen: list[str] | None) -> dict[str, dict[str, str]]:
    """`--option SOURCE.NAME=VALUE` pairs, each checked against what its source takes and
    against the sources of the run, before any crawl starts."""
    import crawlers
    from tiplex import validation

    parsed: dict[str, dict[str, str]] = _checked(validation.source_option_pairs, pairs)
    for source_id, options in parsed.items():
        if chosen and source_id not in chosen:
            raise _fail(f"--option names {source_id}, which is not among the --source chosen")
        try:
            crawlers.check_options(source_id, options)
        except ValueError as exc:
            raise _fail(f"--option: {exc}") from exc
    return parsed


def _print_hits(query: str, hits: list[dict[str, Any]]) -> None:
    from tiplex.addresses import is_local_copy

    out.rule(f"[bold]{query}")
    if not hits:
        out.print("  (no results)")
    for rank, hit in enumerate(hits, start=1):
        out.print(
            f"[bold]{rank}. {hit['title'] or hit['doc_id']}[/]  "
            f"[dim]{hit['country']} · {hit['doc_type']} · {hit['score']:.4f}[/]\n"
            f"   {hit['source_url']}"
            + (
                "  [yellow](demo content from a local mirror)[/]"
                if is_local_copy(hit["source_url"])
                else ""
            )
        )
        for passage in hit["passages"][:2]:
            snippet = " ".join(passage["text"].split())
            out.print(f"   [green]»[/] {snippet[:300]}{'…' if len(snippet) > 300 else ''}")


def _print_facts(path: Path, facts: dict[str, Any]) -> None:
    out.rule(str(path))
    for key in (
        "country",
        "language",
        "is_trafficking_case",
        "court",
        "case_number",
        "decision_date",
        "proceeding_stage",
        "outcome",
    ):
        out.print(f"  {key:<20} {facts.get(key)}")
    for sentence in facts.get("sentences", []):
        fine = sentence.get("fine")
        fine_text = f", fine {fine['amount']:,.0f} {fine['currency']}" if fine else ""
        term = "life" if sentence.get("life") else f"{sentence.get('imprisonment_months')} months"
        out.print(f"  {'sentence':<20} {sentence.get('defendant') or '-'}: {term}{fine_text}")
    for charge in facts.get("charges", []):
        out.print(
            f"  {'charge':<20} {charge.get('statute')} {charge.get('provision') or ''} "
            f"({charge.get('verdict')})"
        )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
