"""Named points where a test can make tiplex die by SIGKILL, as SQLite's tests kill themselves at
every write: the crash-safety harness (tests/reliability) proves that a run killed at any of
them resumes to the index a clean run builds.

`crashpoint(name)` does nothing unless TIPLEX_CRASH_AT is set, so in normal use it costs one
dictionary lookup. With TIPLEX_CRASH_AT="index-write:3", the third time this process reaches
"index-write" it kills its whole process group (the CLI and any crawler subprocess at once, as
a power cut or the OOM killer would). With TIPLEX_CRASH_COUNT=FILE, each process appends the
points it reached to FILE, so the harness can spread its kills over a real run.
"""

from __future__ import annotations

import os
import signal

_CRASH_AT = os.environ.get("TIPLEX_CRASH_AT", "")
_COUNT_FILE = os.environ.get("TIPLEX_CRASH_COUNT", "")
_hits: dict[str, int] = {}


def crashpoint(name: str) -> None:
    if not _CRASH_AT and not _COUNT_FILE:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _COUNT_FILE:
        with open(_COUNT_FILE, "a", encoding="utf-8") as log:
            log.write(f"{name}\n")
    if f"{name}:{_hits[name]}" == _CRASH_AT:
        try:
            os.killpg(os.getpgid(0), signal.SIGKILL)
        finally:
            os.kill(os.getpid(), signal.SIGKILL)
