"""Schedules: one deployment per source cron, in prefect.yaml and in the serve entry point."""

from __future__ import annotations

from pathlib import Path

import yaml

from deployments.generate import prefect_yaml
from deployments.serve import build_deployments, schedule_groups

ROOT = Path(__file__).resolve().parents[2]


def test_prefect_yaml_has_one_deployment_per_source_schedule_and_is_up_to_date() -> None:
    text = (ROOT / "deployments" / "prefect.yaml").read_text()
    assert text == prefect_yaml(), (
        "regenerate: python -m deployments.generate > deployments/prefect.yaml"
    )
    config = yaml.safe_load(text)
    crons = sorted(schedule_groups())
    assert [d["parameters"]["schedule"] for d in config["deployments"]] == crons
    for deployment in config["deployments"]:
        assert deployment["entrypoint"] == "interfaces/scheduled.py:scheduled_update"
        (schedule,) = deployment["schedules"]
        assert (schedule["cron"], schedule["timezone"]) == (
            deployment["parameters"]["schedule"],
            "UTC",
        )
    assert "0 3 * * 1" in crons  # the Monday run of the sources that keep the default
    path, _, name = config["deployments"][0]["entrypoint"].partition(":")
    assert (ROOT / path).is_file() and f"def {name}(" in (ROOT / path).read_text()


def test_a_source_on_its_own_schedule_gets_its_own_deployment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import crawlers
    from tiplex.records import SourceInfo

    monthly = SourceInfo(
        id="xx_monthly", country="XX", kind="legislation", language="en",
        base_url="https://example.org", schedule="0 4 1 * *", publisher="", caveats="",
    )  # fmt: skip
    real = crawlers.list_sources()
    monkeypatch.setattr(crawlers, "list_sources", lambda: [*real, monthly])
    config = yaml.safe_load(prefect_yaml())
    assert [d["parameters"]["schedule"] for d in config["deployments"]] == [
        "0 3 * * 1",
        "0 4 1 * *",
    ]
    assert schedule_groups()["0 4 1 * *"] == ["xx_monthly"]


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
