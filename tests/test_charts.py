"""Trend charts a researcher can put in a report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

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


ASEAN = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")


def _boxes_meet(a: Any, b: Any) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("country", ASEAN),
        ("court", [f"Regional Trial Court of {city}, Branch 7" for city in ("Manila", "Cebu")]),
    ],
)
def test_the_legend_never_covers_the_bars_however_many_years_and_groups(
    field: str, values: Sequence[str]
) -> None:
    from matplotlib.pyplot import close

    from interfaces.charts import AXIS_FONT_SIZE, chart_title, draw_trend

    # 36 years, every value in every year, some years empty: the busiest chart a query gives.
    rows = [
        {"year": year, field: value, "count": (year + index) % 7}
        for year in range(1990, 2026)
        for index, value in enumerate(values)
        if year % 9
    ]
    filters = {"doc_type": "judgment", "minors": "true"}
    title = chart_title("forced labour on fishing vessels", filters, ["year", field])
    figure = draw_trend(rows, ["year", field], title)
    try:
        renderer = figure.canvas.get_renderer()
        figure.canvas.draw()
        (axes,) = figure.axes
        (legend,) = figure.legends
        plot, key = axes.get_window_extent(renderer), legend.get_window_extent(renderer)
        page = figure.bbox
        assert not _boxes_meet(plot, key), (plot, key)
        assert page.x0 <= key.x0 and key.x1 <= page.x1 and key.y0 >= page.y0
        assert (page.width, page.height) == (7.5 * figure.dpi, 4.0 * figure.dpi)
        assert plot.width > page.width / 2  # the plot keeps most of the page
        heading = axes.title.get_window_extent(renderer)
        assert "minors=true" in axes.title.get_text()  # the question and its filters
        assert not _boxes_meet(heading, plot) and not _boxes_meet(heading, key)
        # Legible axes: year labels at a readable size, none overlapping the next.
        ticks = [t for t in axes.get_xticklabels() if t.get_text()]
        assert len(ticks) >= 8 and all(t.get_fontsize() >= AXIS_FONT_SIZE for t in ticks)
        spans = [t.get_window_extent(renderer) for t in ticks]
        assert all(a.x1 < b.x0 for a, b in zip(spans, spans[1:], strict=False))
        assert len(legend.get_texts()) == min(len(values), 8)
    finally:
        close(figure)
