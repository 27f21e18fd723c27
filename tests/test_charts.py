"""Trend charts a researcher can put in a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiplex.charts import trend_chart

ROWS = [
    {"year": 2023, "country": "ID", "count": 2},
    {"year": 2024, "country": "ID", "count": 5},
    {"year": 2024, "country": "PH", "count": 1},
    {"year": None, "country": "SG", "count": 3},  # undated: cannot go on a time axis
]


def test_png_chart_is_written(tmp_path: Path) -> None:
    path = trend_chart(ROWS, ["year", "country"], "non-punishment raised", tmp_path / "a.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_svg_chart_names_every_series_and_year(tmp_path: Path) -> None:
    svg = trend_chart(ROWS, ["year", "country"], "t", tmp_path / "a.svg").read_text()
    for label in ("2023", "2024", "ID", "PH"):
        assert label in svg
    assert "SG" not in svg


@pytest.mark.parametrize(
    ("by", "name"), [(["year"], "chart.pdf"), (["country"], "chart.png")], ids=["ext", "by"]
)
def test_unsupported_requests_are_refused(tmp_path: Path, by: list[str], name: str) -> None:
    with pytest.raises(ValueError):
        trend_chart(ROWS, by, "t", tmp_path / name)
