"""Rich progress bars (on stderr) for the coding and indexing steps of a running flow."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def flow_progress(enabled: bool, console: Console | None = None) -> Iterator[None]:
    """While active, each flow step that reports progress gets its own bar."""
    from flows.pipeline import set_progress_hook

    if not enabled:
        yield
        return
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
    )
    bars: dict[str, Any] = {}

    def hook(stage: str, done: int, total: int) -> None:
        if stage not in bars:
            bars[stage] = progress.add_task(stage, total=total)
        progress.update(bars[stage], completed=done, total=total)

    with progress:
        set_progress_hook(hook)
        try:
            yield
        finally:
            set_progress_hook(None)
