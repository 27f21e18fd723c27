"""The dense vectors of the embedded index: one float32 matrix file beside the SQLite file.

Rows are only ever appended; the SQLite table `embeddings(hash, row)` says which row holds which
content hash, so a row written by a run that crashed before its commit is simply never used.
Appends happen while the caller holds SQLite's write lock, which serialises writers.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

FLOAT_BYTES = 4


class VectorFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def row_count(self, dimensions: int) -> int:
        if not self.path.exists():
            return 0
        return self.path.stat().st_size // (dimensions * FLOAT_BYTES)

    def append(self, matrix: np.ndarray) -> int:
        """Writes `matrix` after the last whole row; returns the index of its first row."""
        rows, dimensions = matrix.shape
        first = self.row_count(dimensions)
        with self.path.open("r+b" if self.path.exists() else "wb") as handle:
            # A torn write from an interrupted run would shift every later row: cut it off.
            handle.truncate(first * dimensions * FLOAT_BYTES)
            handle.seek(0, os.SEEK_END)
            handle.write(np.ascontiguousarray(matrix, dtype=np.float32).tobytes())
            handle.flush()
            os.fsync(handle.fileno())
        return first

    def load(self, dimensions: int) -> np.ndarray:
        """The whole matrix, memory-mapped read-only: opening is instant whatever its size,
        the pages are shared with every other process reading the index, and the OS keeps
        them cached between queries. Rows appended later are not seen: map it again."""
        rows = self.row_count(dimensions)
        if rows == 0:
            return np.zeros((0, dimensions), dtype=np.float32)
        return np.memmap(self.path, dtype=np.float32, mode="r", shape=(rows, dimensions))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)

    def size_bytes(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0
