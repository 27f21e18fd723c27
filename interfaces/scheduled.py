"""The flow the Prefect deployments run: the weekly update, then the saved searches' digest.

flows/ knows nothing of saved searches (they belong to the interfaces, one floor up), so the
scheduled entry point lives here: `deployments/prefect.yaml` and `python -m deployments.serve`
name this flow, and `tiplex run` and the API's run action go through it too, so a digest is
written after every weekly run however it was started.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, get_run_logger

from flows.pipeline import weekly_update
from tiplex.settings import Settings, load_settings


def digest_after_run(settings: Settings, summary: dict[str, Any]) -> dict[str, Any] | None:
    """The saved searches' digest of what the run made new; None when no search is saved."""
    from interfaces import saved
    from interfaces.service import Service

    if not saved.load(settings):
        return None
    service = Service(settings)
    try:
        return saved.write_digest(service, run_id=summary.get("finished_at"))
    finally:
        service.close()


@flow(name="scheduled-update")
def scheduled_update(
    schedule: str | None = None,
    source_ids: list[str] | None = None,
    base_urls: dict[str, str] | None = None,
    since: str | None = None,
    until: str | None = None,
    full: bool | None = None,
    limit: int | None = None,
    home: str | None = None,
    source_options: dict[str, dict[str, str]] | None = None,
) -> dict[str, Any]:
    """`weekly_update` with the same arguments, then the digest. Returns the run's summary with
    `digest`: the files written (an empty list when no search is saved), or the reason none was.

    A digest that fails does not fail the run: the documents are indexed and the run's summary
    is on disk; the failure is logged and the next digest lists what this one missed (a
    judgment counts as seen only once a digest has listed it)."""
    summary: dict[str, Any] = weekly_update(
        source_ids=source_ids,
        base_urls=base_urls,
        since=since,
        until=until,
        full=full,
        limit=limit,
        home=home,
        schedule=schedule,
        source_options=source_options,
    )
    settings = load_settings(home)
    try:
        digest = digest_after_run(settings, summary)
    except Exception as exc:  # noqa: BLE001 - reported with the run, which stands
        get_run_logger().error("the saved searches' digest failed: %s", exc)
        return summary | {"digest": {"files": [], "error": f"{type(exc).__name__}: {exc}"}}
    return summary | {"digest": {"files": digest["files"] if digest else []}}
