"""Coverage per ASEAN member state: which sources crawl its judgments and its laws, and, where
none does, why (the entries of `crawlers.unavailable`)."""

from __future__ import annotations

from dataclasses import dataclass

from crawlers.registry import list_sources
from crawlers.unavailable import UNAVAILABLE
from tiplex.records import SourceInfo

# The member states, in the order the rest of tiplex lists them (a stage may not import
# tiplex.validation, which holds the same tuple; a test keeps the two equal).
ASEAN_COUNTRIES = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
REGIONAL = "INT"  # sources whose documents come from several states (SHERLOC, the LIIs, ASEAN)
KINDS = ("judgments", "legislation")


def unavailable_sources() -> list[SourceInfo]:
    """The registry's "no source" entries, as registry rows with status "unavailable"."""
    return [
        SourceInfo(
            id=entry.id,
            country=entry.country,
            kind=entry.kind,
            language=entry.language,
            base_url=entry.base_url,
            schedule="",
            publisher=entry.publisher,
            caveats=entry.reason,
            status="unavailable",
        )
        for entry in UNAVAILABLE
    ]


@dataclass(frozen=True, slots=True)
class StateCoverage:
    country: str
    judgments: tuple[str, ...]  # ids of the state's own sources
    legislation: tuple[str, ...]
    regional: tuple[str, ...]  # regional sources that hold some of its documents
    gaps: tuple[str, ...]  # "kind: reason" for each kind with no source of its own


def coverage(sources: list[SourceInfo] | None = None) -> list[StateCoverage]:
    """One row per member state, in the order of `ASEAN_COUNTRIES`."""
    sources = list_sources() if sources is None else sources
    regional = tuple(s.id for s in sources if s.country == REGIONAL)
    rows: list[StateCoverage] = []
    for country in ASEAN_COUNTRIES:
        own = [s for s in sources if s.country == country]
        by_kind = {kind: tuple(s.id for s in own if s.kind == kind) for kind in KINDS}
        gaps = tuple(
            f"{entry.kind}: {entry.reason}"
            for entry in UNAVAILABLE
            if entry.country == country and not by_kind[entry.kind]
        )
        rows.append(
            StateCoverage(
                country=country,
                judgments=by_kind["judgments"],
                legislation=by_kind["legislation"],
                regional=regional,
                gaps=gaps,
            )
        )
    return rows


def coverage_markdown(sources: list[SourceInfo] | None = None) -> str:
    """The README's coverage table: per state, what is crawled and what is missing."""
    lines = [
        "| state | judgments | legislation | no source (why) |",
        "|---|---|---|---|",
    ]
    rows = coverage(sources)
    for row in rows:
        judgments = ", ".join(f"`{s}`" for s in row.judgments) or "—"
        legislation = ", ".join(f"`{s}`" for s in row.legislation) or "—"
        gaps = " ".join(row.gaps) or "—"
        lines.append(f"| {row.country} | {judgments} | {legislation} | {gaps} |")
    regional = ", ".join(f"`{s}`" for s in rows[0].regional)
    lines += ["", f"Regional sources (documents of several states): {regional or '—'}."]
    return "\n".join(lines) + "\n"


def main() -> int:
    """`python -m crawlers.coverage` prints the coverage table for the README."""
    print(coverage_markdown(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
