"""What a crawl did, as JSON lines the parent process adds up into a `CrawlReport`.

Every component of the crawler subprocess (spider, middlewares, pipeline, extension) reports
through the one `OutcomeLog` attached to the crawler, so the parent reads a single file.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Event = Literal[
    "discovered", "fetched", "new", "changed", "unchanged", "failed", "source_failed", "finished"
]
COUNTED_EVENTS: tuple[str, ...] = ("discovered", "fetched", "new", "changed", "unchanged", "failed")
OUTCOMES_SETTING = "TIPLEX_OUTCOMES_FILE"


class OutcomeLog:
    """Appends one JSON object per event to a file (or only keeps them, when no file is set)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.events: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def add(self, event: Event, **fields: Any) -> None:
        record = {"event": event, **fields}
        with self._lock:
            self.events.append(record)
            if self.path is not None:
                with self.path.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


def outcomes_for(crawler: Any) -> OutcomeLog:
    """The crawler's log, created on first use from the `TIPLEX_OUTCOMES_FILE` setting."""
    log = getattr(crawler, "_tiplex_outcomes", None)
    if log is None:
        target = crawler.settings.get(OUTCOMES_SETTING)
        log = OutcomeLog(Path(target) if target else None)
        crawler._tiplex_outcomes = log
    return log


@dataclass(frozen=True, slots=True)
class OutcomeSummary:
    counts: dict[str, int]
    errors: tuple[str, ...]
    finished: bool
    finish_reason: str = ""
    source_failed: bool = False
    doc_ids: dict[str, tuple[str, ...]] = field(default_factory=dict)


def summarise(lines: list[str]) -> OutcomeSummary:
    """Add up the events. A document counts once per outcome even if reported twice."""
    seen: dict[str, dict[str, None]] = {name: {} for name in COUNTED_EVENTS}
    anonymous_failures = 0
    errors: dict[str, None] = {}
    finished, finish_reason, source_failed = False, "", False
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        event = record.get("event")
        if record.get("error"):
            errors[str(record["error"])] = None
        if event == "finished":
            finished, finish_reason = True, str(record.get("reason", ""))
        elif event == "source_failed":
            source_failed = True
            anonymous_failures += 1
        elif event in seen:
            doc_id = record.get("doc_id")
            if doc_id:
                seen[event][str(doc_id)] = None
            elif event == "failed":
                anonymous_failures += 1
    counts = {name: len(ids) for name, ids in seen.items()}
    counts["failed"] += anonymous_failures
    return OutcomeSummary(
        counts=counts,
        errors=tuple(errors),
        finished=finished,
        finish_reason=finish_reason,
        source_failed=source_failed,
        doc_ids={name: tuple(ids) for name, ids in seen.items()},
    )
