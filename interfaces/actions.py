"""The actions that change data, started from the HTTP API (behind its token): the weekly update
(followed by the saved searches' digest, as every run is) and an ingest of local files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interfaces.service import BadRequest, Service
from tiplex import validation


def prepare_environment(service: Service) -> None:
    """Prefect runs ephemeral, with its state inside this instance's data folder."""
    settings = service.settings.ensure_dirs()
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def check_run(sources: Sequence[str] | None, since: str | None, until: str | None) -> None:
    import crawlers
    from crawlers.dates import parse_bound

    known = {s.id for s in crawlers.list_sources()}
    unknown = sorted(set(sources or ()) - known)
    if unknown:
        raise BadRequest(f"unknown source(s) {', '.join(unknown)}")
    try:
        bounds = [parse_bound(since, end=False), parse_bound(until, end=True)]
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise BadRequest(f"since {since} comes after until {until}")


def check_ingest(paths: Sequence[str], country: str | None, language: str | None) -> None:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise BadRequest(f"no such file or folder on the server: {', '.join(missing)}")
    try:
        if country:
            validation.country_code(country)
        if language:
            validation.language_code(language)
    except validation.InvalidInput as exc:
        raise BadRequest(str(exc)) from exc


def run_update(
    service: Service,
    sources: Sequence[str] | None,
    since: str | None,
    until: str | None,
    limit: int | None,
) -> dict[str, Any]:
    prepare_environment(service)
    from interfaces.scheduled import scheduled_update

    # The flow the schedules run: the update, then the saved searches' digest.
    summary: dict[str, Any] = scheduled_update(
        source_ids=list(sources) if sources else None,
        since=since,
        until=until,
        limit=limit,
        home=str(service.settings.home),
    )
    return summary


def run_ingest(
    service: Service,
    paths: Sequence[str],
    country: str | None,
    language: str | None,
    doc_type: str | None,
) -> dict[str, Any]:
    prepare_environment(service)
    from flows.pipeline import ingest_files

    summary: dict[str, Any] = ingest_files(
        paths=[str(Path(p).resolve()) for p in paths],
        country=validation.country_code(country) if country else None,
        language=validation.language_code(language) if language else None,
        doc_type=doc_type,
        home=str(service.settings.home),
    )
    return summary
