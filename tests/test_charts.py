"""Trend charts a researcher can put in a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from interfaces.charts import trend_chart, yearly_series

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


def test_a_long_span_stays_page_width_with_empty_years_at_zero(tmp_path: Path) -> None:
    rows = [
        {"year": 1960, "country": "PH", "count": 1},
        {"year": 2025, "country": "ID", "count": 4},
    ]
    path = trend_chart(rows, ["year", "country"], "t", tmp_path / "wide.png")

    from matplotlib.image import imread

    height, width = imread(str(path)).shape[:2]
    assert (width, height) == (1125, 600)  # 7.5 x 4 inches at 150 dpi, whatever the span
    years, series = yearly_series(rows, "country")
    assert years == list(range(1960, 2026))  # every year of the span, empty ones too
    assert series["PH"][0] == 1 and series["PH"][1:] == [0] * 65
    assert series["ID"][-1] == 4


def test_the_title_states_the_question_the_filters_and_the_grouping() -> None:
    from interfaces.charts import chart_title

    title = chart_title(
        "non-punishment", {"doc_type": "judgment", "country": "ID"}, ["year", "country"]
    )
    assert (
        title == "Judgments matching “non-punishment” · filters: country=ID · per year and country"
    )
    assert chart_title("", {"doc_type": "judgment"}, ["year"]) == "All judgments · per year"
