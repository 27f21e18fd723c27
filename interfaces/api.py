"""The HTTP API, versioned under `/api/v1` (OpenAPI document at `/openapi.json`).

Read-only unless `TIPLEX_API_TOKEN` is configured: the actions that change data (starting a run
or an ingest, saving a search) then need `Authorization: Bearer <token>`. Every answer comes from
`interfaces.service`; this module only reads parameters and shapes responses.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from interfaces import exports, saved
from interfaces.service import (
    FILTER_FIELDS,
    BadRequest,
    NotFound,
    Service,
    api_token,
    check_countries,
    filters_read_from,
)

router = APIRouter(prefix="/api/v1")

QueryText = Annotated[str, Query(max_length=2000, description='Words, "quoted phrases".')]
Cursor = Annotated[str | None, Query(max_length=200, description="From a previous page.")]
FilterValue = Annotated[str | None, Query(max_length=200)]


def service(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


ServiceDep = Annotated[Service, Depends(service)]


def filters_of(
    country: FilterValue = None,
    year: Annotated[str | None, Query(max_length=200, description="2019 or 2015..2020")] = None,
    court: FilterValue = None,
    doc_type: FilterValue = None,
    outcome: FilterValue = None,
    conviction_law: Annotated[
        str | None,
        Query(
            max_length=200,
            description="the law this court convicts under: trafficking, child_protection, "
            "migrant_workers, vice, smuggling, other, or not_trafficking (any but trafficking)",
        ),
    ] = None,
    language: FilterValue = None,
    exploitation_form: FilterValue = None,
    sector: FilterValue = None,
    minors: FilterValue = None,
    non_punishment_raised: FilterValue = None,
    non_punishment_applied: FilterValue = None,
    is_trafficking_case: FilterValue = None,
    sentence_months: Annotated[
        str | None,
        Query(
            max_length=200, description="any defendant's prison term: 120.., ..35, 24..60 or life"
        ),
    ] = None,
    compensation: Annotated[
        str | None,
        Query(
            max_length=200,
            description="an award the court orders: restitution, moral_damages, "
            "exemplary_damages, actual_damages, other, or any",
        ),
    ] = None,
    compensation_amount: Annotated[
        str | None,
        Query(
            max_length=200,
            description="the amount of an award ordered, with its currency: IDR 100000000.., "
            "MYR ..50000 or PHP 10000..50000",
        ),
    ] = None,
    fine_amount: Annotated[
        str | None,
        Query(
            max_length=200,
            description="any defendant's fine, with its currency: IDR 1000000000.. or PHP ..500000",
        ),
    ] = None,
    source_id: FilterValue = None,
) -> dict[str, str]:
    """Filters on the coded fields; a value may list alternatives separated by commas."""
    given = locals()
    return {f: given[f] for f in FILTER_FIELDS if given.get(f) is not None}


Filters = Annotated[dict[str, str], Depends(filters_of)]


class ErrorBody(BaseModel):
    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is malformed or unknown."},
    404: {"model": ErrorBody, "description": "No such document."},
}


def _answer(action: Any) -> Any:
    try:
        return action()
    except BadRequest as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc


# ---- reading --------------------------------------------------------------------------------


@router.get("/search", responses=ERRORS, tags=["search"])
def search(
    svc: ServiceDep,
    filters: Filters,
    q: QueryText = "",
    mode: Annotated[str, Query(pattern="^(hybrid|bm25|dense)$")] = "hybrid",
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    passages: Annotated[int, Query(ge=1, le=20)] = 3,
    cursor: Cursor = None,
    facets: bool = False,
) -> JSONResponse:
    """Hits (documents) with their best passages, highlights and character offsets into the
    document text, each with its citation; `facets=true` adds counts per coded field.

    The `Server-Timing` header gives the search's wall and CPU milliseconds on the server."""
    wall, cpu = time.perf_counter(), time.thread_time()
    page = _answer(
        lambda: svc.search(
            q,
            mode=mode,
            limit=limit,
            passages=passages,
            filters=filters,
            cursor=cursor,
            facets=facets,
        )
    )
    body: dict[str, Any] = {"query": q, "mode": mode, "filters": filters}
    # What the question's words added (a prison term, compensation ordered): applied, and said.
    body["read_filters"] = filters_read_from(q, mode, filters)
    body |= {"hits": page.items, "next_cursor": page.next_cursor}
    if facets:
        body["facets"] = page.facets
    # The body is plain JSON data already: skip the generic encoder's walk over every passage.
    timing = (
        f"search;dur={(time.perf_counter() - wall) * 1000:.1f}, "
        f"cpu;dur={(time.thread_time() - cpu) * 1000:.1f}"
    )
    return JSONResponse(body, headers={"Server-Timing": timing})


@router.get("/cases/{doc_id:path}", responses=ERRORS, tags=["documents"])
def case(svc: ServiceDep, doc_id: str) -> dict[str, Any]:
    """The coded case: each coded value with its evidence spans, and the document's citation."""
    return _answer(lambda: svc.case(doc_id))  # type: ignore[no-any-return]


@router.get("/documents/{doc_id:path}", responses=ERRORS, tags=["documents"])
def document(
    svc: ServiceDep,
    doc_id: str,
    format: Annotated[str, Query(pattern="^(json|text)$")] = "json",
) -> Any:
    """A document's full text (the offsets of passages and evidence point into it)."""
    found = _answer(lambda: svc.document(doc_id))
    if format == "text":
        return PlainTextResponse(found["text"])
    return found


@router.get("/compare", responses=ERRORS, tags=["legislation"])
def compare(
    svc: ServiceDep,
    topic: Annotated[str, Query(max_length=60)],
    countries: Annotated[str | None, Query(max_length=100, description="ID,PH,...")] = None,
) -> dict[str, Any]:
    """Each state's provisions on a topic, side by side, with ACTIP articles and citing
    judgments."""
    return _answer(lambda: svc.compare(topic, check_countries(countries)))  # type: ignore[no-any-return]


@router.get("/trends", responses=ERRORS, tags=["trends"])
def trends(
    svc: ServiceDep,
    filters: Filters,
    q: QueryText = "",
    by: Annotated[str, Query(max_length=100)] = "year,country",
    format: Annotated[str, Query(pattern="^(json|csv|svg|png)$")] = "json",
) -> Any:
    """Counts of matching judgments grouped by `by` (one or two coded fields), as JSON, CSV or a
    chart (SVG or PNG)."""
    found = _answer(lambda: svc.trends(q, by, filters))
    if format == "json":
        return found
    if format == "csv":
        return Response(
            exports.trends_csv(found),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="trends.csv"'},
        )
    chart = _answer(lambda: exports.trends_chart(found, format))
    return Response(chart, media_type=exports.CHART_TYPES[format])


@router.get("/sources", tags=["operations"])
def sources(svc: ServiceDep) -> list[dict[str, Any]]:
    """Each source with its country, kind and last run (new documents, failures, what needs a
    human)."""
    return svc.sources()


@router.get("/runs", responses=ERRORS, tags=["operations"])
def runs(
    svc: ServiceDep,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Pipeline runs, newest first, each with its per-source summary."""
    page = _answer(lambda: svc.runs(limit=limit, cursor=cursor))
    return {"runs": page.items, "next_cursor": page.next_cursor}


# ---- exports --------------------------------------------------------------------------------


def _download(lines: Iterator[str], fmt: str, name: str) -> StreamingResponse:
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    return StreamingResponse(
        lines,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


@router.get("/exports/search.{fmt}", responses=ERRORS, tags=["exports"])
def export_search(
    svc: ServiceDep,
    filters: Filters,
    fmt: Annotated[str, Path(pattern="^(csv|jsonl)$")],
    q: QueryText = "",
    mode: Annotated[str, Query(pattern="^(hybrid|bm25|dense)$")] = "hybrid",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> StreamingResponse:
    """Search results, one row per passage, each with its citation (source URL, court, case
    number, offsets)."""
    rows = _answer(lambda: exports.search_rows(svc, q, mode, filters, limit))
    return _download(exports.encode(rows, fmt, exports.PASSAGE_COLUMNS), fmt, "search")


@router.get("/exports/cases.{fmt}", responses=ERRORS, tags=["exports"])
def export_cases(
    svc: ServiceDep,
    filters: Filters,
    fmt: Annotated[str, Path(pattern="^(csv|jsonl)$")],
    q: QueryText = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> StreamingResponse:
    """Coded cases of the judgments matching the query and filters, one per row."""
    rows = _answer(lambda: exports.case_rows(svc, q, filters, limit))
    return _download(exports.encode(rows, fmt, exports.CASE_COLUMNS), fmt, "cases")


# ---- actions behind the token ---------------------------------------------------------------


def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
    token = api_token()
    if token is None:
        raise HTTPException(403, "this server is read-only (no TIPLEX_API_TOKEN configured)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required")


class RunRequest(BaseModel):
    sources: list[str] | None = Field(default=None, max_length=50)
    since: str | None = Field(default=None, max_length=20)
    until: str | None = Field(default=None, max_length=20)
    limit: int | None = Field(default=None, ge=1, le=100000)


class IngestRequest(BaseModel):
    paths: list[str] = Field(min_length=1, max_length=100)
    country: str | None = Field(default=None, max_length=2)
    language: str | None = Field(default=None, max_length=3)
    doc_type: str | None = Field(default=None, pattern="^(judgment|legislation|other)$")


class SavedSearchBody(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    query: str = Field(default="", max_length=2000)
    filters: dict[str, str] = Field(default_factory=dict)


_actions = threading.Lock()  # one run or ingest at a time per server


def _in_background(svc: Service, work: Any) -> dict[str, str]:
    if not _actions.acquire(blocking=False):
        raise HTTPException(409, "a run or ingest is already under way")

    def go() -> None:
        try:
            work()
        finally:
            _actions.release()

    threading.Thread(target=go, daemon=True, name="tiplex-action").start()
    return {"status": "started", "runs": "/api/v1/runs"}


@router.post("/runs", status_code=202, dependencies=[Depends(require_token)], tags=["operations"])
def start_run(svc: ServiceDep, body: RunRequest) -> dict[str, str]:
    """Starts the weekly update (or the chosen sources) in the background."""
    from interfaces import actions

    _answer(lambda: actions.check_run(body.sources, body.since, body.until))
    return _in_background(
        svc, lambda: actions.run_update(svc, body.sources, body.since, body.until, body.limit)
    )


@router.post("/ingest", status_code=202, dependencies=[Depends(require_token)], tags=["operations"])
def start_ingest(svc: ServiceDep, body: IngestRequest) -> dict[str, str]:
    """Ingests local files or folders on the server's machine in the background."""
    from interfaces import actions

    _answer(lambda: actions.check_ingest(body.paths, body.country, body.language))
    return _in_background(
        svc,
        lambda: actions.run_ingest(svc, body.paths, body.country, body.language, body.doc_type),
    )


@router.get("/saved-searches", tags=["saved searches"])
def list_saved(svc: ServiceDep) -> list[dict[str, Any]]:
    return [s.to_dict() for s in saved.load(svc.settings)]


@router.post(
    "/saved-searches",
    status_code=201,
    dependencies=[Depends(require_token)],
    responses=ERRORS,
    tags=["saved searches"],
)
def save_search(svc: ServiceDep, body: SavedSearchBody) -> dict[str, Any]:
    """Saves (or replaces, by name) a search that the weekly digest follows."""
    found = _answer(lambda: saved.save(svc.settings, body.name, body.query, body.filters, svc))
    return found.to_dict()  # type: ignore[no-any-return]
