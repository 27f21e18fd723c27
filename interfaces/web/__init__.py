"""The web app: server-rendered pages (Jinja2, autoescaped, no script from elsewhere) over the same
service layer as the API. Search, a case with its evidence in the text, legislation compared,
trends, sources and runs; English or Bahasa Indonesia (`?lang=id`, remembered in a cookie).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from interfaces.service import (
    FACET_FIELDS,
    FILTER_FIELDS,
    MODES,
    BadRequest,
    NotFound,
    Service,
    check_countries,
    filters_read_from,
)
from interfaces.web.catalogue import DEFAULT_LANGUAGE, LANGUAGES, translator

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)

TREND_GROUPS = ("year", "year,country", "year,outcome", "year,exploitation_form", "country")
TREND_FILTERS = ("country", "year", "outcome", "exploitation_form", "non_punishment_raised")


def _language(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get("lang")
    if asked in LANGUAGES:
        return asked
    accepted = request.headers.get("accept-language", "")
    return "id" if accepted.lower().startswith("id") else DEFAULT_LANGUAGE


def _filters(request: Request) -> dict[str, str]:
    return {f: v for f in FILTER_FIELDS if (v := request.query_params.get(f, "").strip())}


def _page(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    language = _language(request)
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    response = templates.TemplateResponse(
        request,
        template,
        {
            "t": translator(language),
            "lang": language,
            "languages": LANGUAGES,
            "here": request.url.path,
            "switch": {
                code: f"{request.url.path}?{urlencode({**params, 'lang': code})}"
                for code in LANGUAGES
            },
            **context,
        },
        status_code=status,
    )
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", language, max_age=365 * 86400, samesite="lax")
    return response


def _problem(request: Request, exc: Exception) -> HTMLResponse:
    status = 404 if isinstance(exc, NotFound) else 400
    return _page(request, "error.html", {"message": str(exc), "status": status}, status)


def _service(request: Request) -> Service:
    svc: Service = request.app.state.service
    return svc


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/search")


# ---- search ---------------------------------------------------------------------------------


def _facet_links(
    query: Mapping[str, str], filters: Mapping[str, str], facets: Mapping[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """Each facet value as a link that adds its filter (or removes it when chosen already)."""
    links: dict[str, list[dict[str, Any]]] = {}
    for name, values in facets.items():
        entries = []
        for entry in values:
            value = (
                str(entry["value"]).lower() if isinstance(entry["value"], bool) else entry["value"]
            )
            chosen = filters.get(name) == str(value)
            narrowed = {k: v for k, v in filters.items() if k != name}
            if not chosen:
                narrowed[name] = str(value)
            entries.append(
                {
                    "value": entry["value"],
                    "count": entry["count"],
                    "chosen": chosen,
                    "href": "/search?" + urlencode({**query, **narrowed}),
                }
            )
        links[name] = entries
    return links


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    svc = _service(request)
    text = request.query_params.get("q", "")
    mode = request.query_params.get("mode", "hybrid")
    cursor = request.query_params.get("cursor") or None
    filters = _filters(request)
    base = {"q": text, "mode": mode}
    try:
        page = svc.search(text, mode=mode, limit=10, filters=filters, cursor=cursor, facets=True)
        facets = page.facets or {}
    except (BadRequest, NotFound) as exc:
        return _problem(request, exc)
    removals = {
        name: "/search?" + urlencode({**base, **{k: v for k, v in filters.items() if k != name}})
        for name in filters
    }
    exports = {
        kind: f"/api/v1/exports/{kind}.{fmt}?" + urlencode({**base, **filters})
        for kind, fmt in (("search", "csv"), ("cases", "csv"))
    }
    more = None
    if page.next_cursor:
        more = "/search?" + urlencode({**base, **filters, "cursor": page.next_cursor})
    return _page(
        request,
        "search.html",
        {
            "q": text,
            "mode": mode,
            "modes": MODES,
            "filters": filters,
            "read_filters": filters_read_from(text, mode, filters),
            "removals": removals,
            "hits": [_marked_passages(hit) for hit in page.items],
            "facets": _facet_links(base, filters, facets),
            "facet_fields": FACET_FIELDS,
            "next_href": more,
            "exports": exports,
            "searched": bool(text.strip() or filters),
        },
    )


def _pieces(text: str, offset: int, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """`text` (which starts at `offset` in its document) cut into plain and marked pieces."""
    pieces: list[dict[str, Any]] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start - offset, at), min(end - offset, len(text))
        if start >= end:
            continue
        if start > at:
            pieces.append({"text": text[at:start], "mark": False})
        pieces.append({"text": text[start:end], "mark": True})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:], "mark": False})
    return pieces


def _marked_passages(hit: dict[str, Any]) -> dict[str, Any]:
    passages = []
    for passage in hit["passages"]:
        spans = [(h["start"], h["end"]) for h in passage.get("highlights", ())]
        passages.append(passage | {"pieces": _pieces(passage["text"], passage["start"], spans)})
    return hit | {"passages": passages}


# ---- a case ---------------------------------------------------------------------------------


@dataclass
class Mark:
    start: int
    end: int
    values: list[int] = field(default_factory=list)  # indices of the coded values it proves


def evidence_pieces(text: str, coded: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The document text cut into plain pieces and evidence marks. Each coded value's first
    span gets the anchor `ev-N` the value links to; a span overlapping an earlier mark joins
    that mark, so every link lands on highlighted text."""
    marks: list[Mark] = []
    for number, value in enumerate(coded):
        for span in value["evidence"]:
            marks.append(Mark(span["start"], span["end"], [number]))
    marks.sort(key=lambda m: (m.start, -m.end))
    merged: list[Mark] = []
    for mark in marks:
        if merged and mark.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, mark.end)
            merged[-1].values.extend(v for v in mark.values if v not in merged[-1].values)
        else:
            merged.append(mark)
    pieces: list[dict[str, Any]] = []
    anchored: set[int] = set()
    at = 0
    for mark in merged:
        if mark.start > at:
            pieces.append({"text": text[at : mark.start], "mark": False})
        anchors = [v for v in mark.values if v not in anchored]
        anchored.update(anchors)
        pieces.append(
            {
                "text": text[mark.start : mark.end],
                "mark": True,
                "anchors": [f"ev-{v}" for v in anchors],
                "values": mark.values,
            }
        )
        at = mark.end
    if at < len(text):
        pieces.append({"text": text[at:], "mark": False})
    return pieces


@router.get("/cases/{doc_id:path}", response_class=HTMLResponse)
def case_page(request: Request, doc_id: str) -> HTMLResponse:
    svc = _service(request)
    try:
        case = svc.case(doc_id)
        text = svc.document(doc_id)["text"]
    except (BadRequest, NotFound) as exc:
        return _problem(request, exc)
    coded = case["coded"]
    return _page(
        request,
        "case.html",
        {
            "case": case,
            "cite": case["citation"],
            "coded": [v | {"anchor": f"ev-{n}"} for n, v in enumerate(coded)],
            "pieces": evidence_pieces(text, coded),
        },
    )


# ---- legislation ----------------------------------------------------------------------------


@router.get("/compare", response_class=HTMLResponse)
def compare_page(request: Request) -> HTMLResponse:
    svc = _service(request)
    topic = request.query_params.get("topic", "non_punishment")
    countries_text = request.query_params.get("countries", "").strip()
    try:
        chosen = check_countries(countries_text)
        found = svc.compare(topic, chosen)
        matrix = svc.topic_matrix(chosen)
    except (BadRequest, NotFound) as exc:
        return _problem(request, exc)
    return _page(
        request,
        "compare.html",
        {
            "topic": topic,
            "topics": found["topics"],
            "countries": countries_text,
            "states": found["states"],
            "matrix": matrix,
        },
    )


# ---- trends ---------------------------------------------------------------------------------


@router.get("/trends", response_class=HTMLResponse)
def trends_page(request: Request) -> HTMLResponse:
    svc = _service(request)
    text = request.query_params.get("q", "")
    by = request.query_params.get("by", "year,country")
    filters = {k: v for k, v in _filters(request).items() if k in TREND_FILTERS}
    try:
        found = svc.trends(text, by, filters)
    except (BadRequest, NotFound) as exc:
        return _problem(request, exc)
    query = urlencode({"q": text, "by": by, **filters})
    return _page(
        request,
        "trends.html",
        {
            "q": text,
            "by": by,
            "groups": TREND_GROUPS,
            "filters": filters,
            "filter_fields": TREND_FILTERS,
            "found": found,
            "chart_href": f"/api/v1/trends?{query}&format=svg"
            if found["by"][0] == "year"
            else None,
            "csv_href": f"/api/v1/trends?{query}&format=csv",
        },
    )


# ---- sources and runs -----------------------------------------------------------------------


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    svc = _service(request)
    runs = svc.runs(limit=10)
    return _page(request, "sources.html", {"sources": svc.sources(), "runs": runs.items})


def problem_page(request: Request, message: str, status: int) -> HTMLResponse:
    return _page(request, "error.html", {"message": message, "status": status}, status)
