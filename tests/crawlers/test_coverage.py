"""Every member state's coverage is stated: its sources, or why it has none."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from crawlers import coverage as coverage_module
from crawlers.coverage import coverage, coverage_markdown, unavailable_sources
from crawlers.registry import list_sources
from interfaces.cli import app
from tiplex.validation import ASEAN_COUNTRIES


def test_every_state_has_a_source_or_a_reason_for_each_kind() -> None:
    rows = {row.country: row for row in coverage()}
    assert set(rows) == set(ASEAN_COUNTRIES)
    for row in rows.values():
        for kind in ("judgments", "legislation"):
            has_source = bool(getattr(row, kind))
            has_reason = any(gap.startswith(f"{kind}: ") for gap in row.gaps)
            assert has_source or has_reason, (row, kind)
            assert not (has_source and has_reason), (row, kind)


def test_the_member_states_are_those_tiplex_validates() -> None:
    assert coverage_module.ASEAN_COUNTRIES == ASEAN_COUNTRIES


def test_states_without_judgments_are_pointed_to_sherloc() -> None:
    rows = {row.country: row for row in coverage()}
    for country in ("KH", "LA", "MM", "BN"):
        assert not rows[country].judgments
        assert any("int_sherloc_cases" in gap for gap in rows[country].gaps)
        assert "int_sherloc_cases" in rows[country].regional


def test_unavailable_entries_do_not_shadow_real_sources() -> None:
    real = {s.id for s in list_sources()}
    missing = unavailable_sources()
    assert missing and all(s.status == "unavailable" and s.caveats for s in missing)
    assert not real & {s.id for s in missing}
    assert "| KH | — | — |" in coverage_markdown()


def test_cli_sources_lists_status_caveats_and_the_gaps() -> None:
    result = CliRunner().invoke(app, ["sources", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert rows["th_supremecourt_judgments"]["status"] == "inferred"
    assert rows["vn_anle_precedents"]["status"] == "active"
    assert rows["kh_courts_judgments"]["status"] == "unavailable"
    assert "SHERLOC" in rows["kh_courts_judgments"]["caveats"]
    assert rows["vn_congbobanan_judgments"]["caveats"]
