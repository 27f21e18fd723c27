"""Serve the weekly schedule from one long-running process (no work pool needed).

    python -m deployments.serve            # needs PREFECT_API_URL of a running Prefect server

Sources are grouped by their `schedule` attribute, so a source that must run at another time
gets its own deployment without any change here.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from prefect.flows import Flow, load_flow_from_entrypoint
from prefect.schedules import Cron

import crawlers

DEFAULT_SCHEDULE = "0 3 * * 1"  # Mondays 03:00 UTC
# What a scheduled run runs: the weekly update, then the saved searches' digest. The flow lives
# with the interfaces (saved searches are theirs), above this package, so it is named by its
# entry point, as prefect.yaml names it to a worker, and never imported.
ENTRYPOINT = "interfaces/scheduled.py:scheduled_update"
ROOT = Path(__file__).resolve().parents[1]


@cache
def scheduled_flow() -> Flow[..., Any]:
    path, _, name = ENTRYPOINT.partition(":")
    return load_flow_from_entrypoint(f"{ROOT / path}:{name}")


def schedule_groups() -> dict[str, list[str]]:
    """cron expression → the ids of the web sources that run on it."""
    groups: dict[str, list[str]] = defaultdict(list)
    for source in crawlers.list_sources():
        if source.kind != "local":
            groups[source.schedule or DEFAULT_SCHEDULE].append(source.id)
    return dict(groups)


def deployment_name(number: int) -> str:
    """The first schedule (in sorted order) keeps the historical name."""
    return "weekly-update" if number == 1 else f"weekly-update-{number}"


def build_deployments() -> list[Any]:
    deployments = []
    for number, (cron, source_ids) in enumerate(sorted(schedule_groups().items()), start=1):
        deployments.append(
            scheduled_flow().to_deployment(
                name=deployment_name(number),
                schedules=[Cron(cron, timezone="UTC")],
                parameters={"schedule": cron},
                tags=["tiplex", "weekly"],
                description=f"Sources: {', '.join(source_ids)}",
            )
        )
    return deployments


if __name__ == "__main__":  # only here: run children re-import this module
    from prefect import serve

    serve(*build_deployments())
