"""The weekly schedule: Mondays 03:00 UTC, in prefect.yaml and in the serve entry point."""

from __future__ import annotations

from pathlib import Path

import yaml

from deployments.serve import build_deployments, schedule_groups

ROOT = Path(__file__).resolve().parents[2]


def test_prefect_yaml_schedules_the_weekly_flow_on_monday_0300_utc() -> None:
    config = yaml.safe_load((ROOT / "deployments" / "prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    assert deployment["entrypoint"] == "flows/pipeline.py:weekly_update"
    (schedule,) = deployment["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 3 * * 1", "UTC")
    path, _, name = deployment["entrypoint"].partition(":")
    assert (ROOT / path).is_file() and f"def {name}(" in (ROOT / path).read_text()


def test_serve_builds_one_deployment_per_schedule_covering_every_web_source() -> None:
    groups = schedule_groups()
    covered = sorted(sid for ids in groups.values() for sid in ids)
    assert "ph_lawphil_judgments" in covered and "id_mahkamahagung_judgments" in covered
    assert "local" not in covered
    deployments = build_deployments()
    assert len(deployments) == len(groups)
    first = deployments[0]
    assert first.name == "weekly-update"
    assert first.schedules[0].schedule.cron == "0 3 * * 1"
