"""Charts a researcher can put in a report: counts of judgments per year, one series per group."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# A report page's text width (A4 or Letter with ordinary margins) at print resolution: the
# chart keeps this size however many years it spans, so it never has to be shrunk illegibly.
PAGE_WIDTH_INCHES = 7.5
CHART_HEIGHT_INCHES = 4.0
DPI = 150
# Past this many years, every year still gets its bar but only every Nth is labelled.
MOST_YEAR_LABELS = 16
# At least this many year slots wide, so one or two years do not become page-wide bars.
MIN_YEAR_SLOTS = 8
# Groups beyond these are summed into "other", so the legend stays readable.
MOST_SERIES = 8
# Long values (a court's name) are cut in the legend, so it never takes more than a strip.
LEGEND_LABEL_CHARS = 22
AXIS_FONT_SIZE = 8  # points: legible in print at the page width above
TITLE_WRAP = 72  # characters per title line: the title stays over the plot, clear of the legend


def chart_title(question: str, filters: Mapping[str, str], by: Sequence[str]) -> str:
    """What the chart counts, in words: the question, the filters, the grouping."""
    parts = [f"Judgments matching “{question}”" if question else "All judgments"]
    shown = {k: v for k, v in filters.items() if not (k == "doc_type" and v == "judgment")}
    if shown:
        parts.append("filters: " + ", ".join(f"{k}={v}" for k, v in sorted(shown.items())))
    parts.append("per " + " and ".join(by))
    return " · ".join(parts)


def trend_chart(rows: Sequence[dict[str, Any]], by: Sequence[str], title: str, path: Path) -> Path:
    """Draw `rows` from `count_by` (grouped by year and optionally one more field) as stacked
    bars, one per year from the first to the last (years with nothing count zero), one colour
    per value of the second field. Page width whatever the span. PNG or SVG by extension."""
    if path.suffix.lower() not in (".png", ".svg"):
        raise ValueError("the chart file must end in .png or .svg")
    figure = draw_trend(rows, by, title)
    import matplotlib.pyplot as plt  # after draw_trend has chosen the display-less backend

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # No bbox_inches="tight": the file keeps the page-width size the layout was made for.
        figure.savefig(path, dpi=DPI)
    finally:
        plt.close(figure)
    return path


def draw_trend(rows: Sequence[dict[str, Any]], by: Sequence[str], title: str) -> Figure:
    """The chart as a laid-out figure (the caller saves and closes it). The legend stands
    outside the plot, at its right, so it can never hide a bar; the constrained layout narrows
    the plot to make room for it and for the title, and the figure keeps its page size."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt

    if not by or by[0] != "year":
        raise ValueError("charts need --by year or --by year,FIELD")
    series_field = by[1] if len(by) > 1 else None
    years, series = yearly_series(rows, series_field)
    labels = list(series)

    figure, axes = plt.subplots(
        figsize=(PAGE_WIDTH_INCHES, CHART_HEIGHT_INCHES), layout="constrained"
    )
    bottoms = [0] * len(years)
    for label in labels:
        values = series[label]
        axes.bar(years, values, bottom=bottoms, width=0.8, label=_short(label))
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    if bottoms and max(bottoms) > 0:
        axes.set_ylim(0, max(bottoms) * 1.08)  # the tallest bar below the frame, not cut by it
    step = max(1, -(-len(years) // MOST_YEAR_LABELS))
    axes.set_xticks(years[::step], [str(year) for year in years[::step]])
    axes.tick_params(labelsize=AXIS_FONT_SIZE)
    if years:
        # A short span keeps bars of an ordinary width instead of filling the page.
        pad = 0.6 + max(0.0, (MIN_YEAR_SLOTS - len(years)) / 2)
        axes.set_xlim(years[0] - pad, years[-1] + pad)
    else:
        axes.text(0.5, 0.5, "no dated judgment matches", ha="center", transform=axes.transAxes)
    axes.set_xlabel("year of decision", fontsize=AXIS_FONT_SIZE + 1)
    axes.set_ylabel("judgments", fontsize=AXIS_FONT_SIZE + 1)
    axes.set_title("\n".join(textwrap.wrap(title, TITLE_WRAP)), fontsize=10)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if series_field and labels:
        figure.legend(
            title=series_field,
            loc="outside right upper",
            fontsize=AXIS_FONT_SIZE,
            title_fontsize=AXIS_FONT_SIZE,
        )
    return figure


def _short(label: str) -> str:
    """A legend entry short enough that the legend leaves the plot most of the page."""
    return label if len(label) <= LEGEND_LABEL_CHARS else label[: LEGEND_LABEL_CHARS - 1] + "…"


def yearly_series(
    rows: Sequence[dict[str, Any]], series_field: str | None
) -> tuple[list[int], dict[str, list[int]]]:
    """Every year from the first to the last dated one, and per series (largest first, "other"
    last) its count in each of those years, zero where nothing matched."""
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        if row.get("year") is None:
            continue  # undated documents cannot be placed on a time axis
        label = str(row.get(series_field) or "unknown") if series_field else "all"
        counts[label][int(row["year"])] += int(row["count"])
    counts = _fold_small_series(counts)
    dated = [year for per_year in counts.values() for year in per_year]
    years = list(range(min(dated), max(dated) + 1)) if dated else []
    labels = sorted(counts, key=lambda label: (label == "other", -sum(counts[label].values())))
    return years, {label: [counts[label].get(year, 0) for year in years] for label in labels}


def _fold_small_series(counts: dict[str, dict[int, int]]) -> dict[str, dict[int, int]]:
    if len(counts) <= MOST_SERIES:
        return counts
    ranked = sorted(counts, key=lambda label: -sum(counts[label].values()))
    kept: dict[str, dict[int, int]] = {label: counts[label] for label in ranked[: MOST_SERIES - 1]}
    other: dict[int, int] = defaultdict(int)
    for label in ranked[MOST_SERIES - 1 :]:
        for year, count in counts[label].items():
            other[year] += count
    kept["other"] = other
    return kept
