"""Charts a researcher can put in a report: counts of judgments per year, one series per group."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def trend_chart(rows: Sequence[dict[str, Any]], by: Sequence[str], title: str, path: Path) -> Path:
    """Draw `rows` from `count_by` (grouped by year and optionally one more field) as grouped
    bars: years on the x axis, one bar per value of the second field. PNG or SVG by extension."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt

    if path.suffix.lower() not in (".png", ".svg"):
        raise ValueError("the chart file must end in .png or .svg")
    if not by or by[0] != "year":
        raise ValueError("charts need --by year or --by year,FIELD")
    series_field = by[1] if len(by) > 1 else None
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for row in rows:
        if row.get("year") is None:
            continue  # undated documents cannot be placed on a time axis
        label = str(row.get(series_field) or "unknown") if series_field else "all"
        counts[label][int(row["year"])] = int(row["count"])
    years = sorted({year for per_year in counts.values() for year in per_year})
    labels = sorted(counts)

    figure, axes = plt.subplots(figsize=(max(6.0, 0.6 * len(years) * max(1, len(labels))), 4.0))
    width = 0.8 / max(1, len(labels))
    for offset, label in enumerate(labels):
        positions = [i + (offset - (len(labels) - 1) / 2) * width for i in range(len(years))]
        values = [counts[label].get(year, 0) for year in years]
        axes.bar(positions, values, width=width, label=label)
    axes.set_xticks(range(len(years)), [str(year) for year in years])
    axes.set_xlabel("year of decision")
    axes.set_ylabel("judgments")
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    if series_field:
        axes.legend(title=series_field)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=150)
    plt.close(figure)
    return path
