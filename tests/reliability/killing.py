"""Kill anywhere: run the real `tiplex` command, SIGKILL it at a named point, run it again, and
compare the index with a clean run's by content.

The kill points are `tiplex.crashpoints` (archive, coding, embedding, index-write, commit,
acknowledge, reembed); a census run first counts how often each is reached, so the kills are
spread over the whole of a real run rather than guessed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
# The English model packaged offline: the harness measures crash safety, not retrieval, and the
# default multilingual model would make each of the dozens of runs minutes long. Not int8:
# dynamic quantization scales activations per batch, so a passage embedded in another batch
# (as after a resume) moves by up to 0.02 in cosine, which would hide a real difference.
FAST_MODEL = "sentence-transformers/all-MiniLM-L6-v2#max128"
RUN_TIMEOUT_S = 600
# Record fields that honestly differ between two runs over the same files.
_VOLATILE = ("fetched_at", "raw_path")
_ANY_PORT = re.compile(r"127\.0\.0\.1:\d+")


@dataclass(frozen=True)
class KillResult:
    point: str
    killed: bool
    problems: tuple[str, ...]


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TIPLEX_", "PREFECT_"))
    }
    env.update(
        TIPLEX_HOME=str(home),
        TIPLEX_EMBEDDING_MODEL=FAST_MODEL,
        HF_HUB_OFFLINE="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_HOME=str(home / "prefect"),
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def cli_module() -> str:
    """The module of the `tiplex` command (it moves to the interfaces package)."""
    return "interfaces.cli"


def tiplex(args: Sequence[str], home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """`tiplex ARGS` in its own process group (a kill point takes down only that group)."""
    return subprocess.run(
        [sys.executable, "-m", cli_module(), *args],
        env=environment(home, **extra),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        start_new_session=True,
        check=False,
    )


def write_corpus(folder: Path, count: int) -> Path:
    """`count` short judgments in English and Indonesian, distinct enough to index apart."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        if n % 2:
            text = (
                f"PUTUSAN Nomor {n}/Pid.Sus/2024/PN Btm\n\nPengadilan Negeri Batam memeriksa "
                f"perkara tindak pidana perdagangan orang atas nama Terdakwa {n}. Terdakwa "
                f"merekrut {n + 2} orang korban untuk dipekerjakan di kapal ikan.\n\nMENGADILI: "
                f"menyatakan Terdakwa terbukti bersalah dan menjatuhkan pidana penjara {n + 3} "
                f"tahun dan denda Rp {n + 1}00.000.000."
            )
        else:
            text = (
                f"People of the Philippines v. Accused {n}, G.R. No. {20000 + n}\n\nThe accused "
                f"recruited {n + 2} victims with promises of work abroad and delivered them to "
                f"a bar for sexual exploitation, in violation of Republic Act No. 9208.\n\n"
                f"WHEREFORE, the accused is found GUILTY and sentenced to life imprisonment and "
                f"a fine of P{n + 2},000,000."
            )
        (folder / f"case-{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def census(args: Sequence[str], home: Path) -> Counter[str]:
    """How often each kill point is reached in one clean run of `tiplex ARGS`."""
    with tempfile.NamedTemporaryFile("r", suffix=".points", delete=False) as log:
        log_path = Path(log.name)
    try:
        done = tiplex(args, home, TIPLEX_CRASH_COUNT=str(log_path))
        if done.returncode != 0:
            raise RuntimeError(f"clean run failed: {done.stderr[-2000:]}")
        return Counter(log_path.read_text(encoding="utf-8").split())
    finally:
        log_path.unlink(missing_ok=True)


def spread(counts: Counter[str], total: int) -> list[str]:
    """About `total` kill points "name:N": every point at least once, the rest given to the
    points reached most often, each point's hits sampled evenly (first and last included)."""
    shares = dict.fromkeys(counts, 1)
    while sum(shares.values()) < total:
        room = [name for name in counts if shares[name] < counts[name]]
        if not room:
            break
        shares[min(room, key=lambda name: shares[name] / counts[name])] += 1
    chosen: list[str] = []
    for name in sorted(counts):
        hits, share = counts[name], shares[name]
        steps = {1 + round(i * (hits - 1) / max(1, share - 1)) for i in range(share)}
        chosen += [f"{name}:{n}" for n in sorted(steps)]
    return chosen


def kill_and_resume(
    args: Sequence[str], home: Path, point: str, expected: dict[str, object]
) -> KillResult:
    """Run with a kill at `point`, run again without, compare with the clean fingerprint."""
    crashed = tiplex(args, home, TIPLEX_CRASH_AT=point)
    killed = crashed.returncode == -signal.SIGKILL
    problems: list[str] = []
    if not killed:
        problems.append(f"not killed at {point} (exit {crashed.returncode})")
    resumed = tiplex(args, home)
    if resumed.returncode != 0:
        problems.append(f"resume failed (exit {resumed.returncode}): {resumed.stderr[-600:]}")
    else:
        problems += compare(expected, fingerprint(home))
    return KillResult(point, killed, tuple(problems))


def fingerprint(home: Path, also_volatile: tuple[str, ...] = ()) -> dict[str, object]:
    """The index and crawl state by content: what a clean run and a resumed one must share
    (`also_volatile`: record fields left out of the comparison as well)."""
    index_db = home / "index" / "tiplex.sqlite"
    db = sqlite3.connect(f"file:{index_db}?mode=ro", uri=True)
    try:
        documents = {}
        for doc_id, record, facts, text in db.execute(
            "SELECT doc_id, record, facts, text FROM documents"
        ):
            fields = {
                k: v
                for k, v in json.loads(record).items()
                if k not in _VOLATILE and k not in also_volatile
            }
            # The demo mirror listens on a new port each run; the address is not content.
            fields = json.loads(_ANY_PORT.sub("127.0.0.1", json.dumps(fields)))
            documents[doc_id] = _digest([fields, facts, text])
        passages = [
            (doc_id, ordinal, start, end, digest, _digest(text))
            for doc_id, ordinal, start, end, digest, text in db.execute(
                'SELECT d.doc_id, p.ordinal, p.start, p."end", p.hash, p.text FROM passages p '
                "JOIN documents d ON d.rowid = p.doc_rowid ORDER BY d.doc_id, p.ordinal"
            )
        ]
        orphan_passages = db.execute(
            "SELECT count(*) FROM passages WHERE doc_rowid NOT IN (SELECT rowid FROM documents)"
        ).fetchone()[0]
        fts_rows = db.execute("SELECT count(*) FROM passages_fts").fetchone()[0]
        rows = dict(db.execute("SELECT hash, row FROM embeddings"))
        provisions = sorted(
            (doc_id, position, _digest(record))
            for doc_id, position, record in db.execute(
                "SELECT d.doc_id, p.position, p.record FROM provisions p "
                "JOIN documents d ON d.rowid = p.doc_rowid"
            )
        )
        terms = sorted(
            db.execute(
                "SELECT t.field, t.value, d.doc_id FROM doc_terms t "
                "JOIN documents d ON d.rowid = t.doc_rowid"
            )
        )
        dims = db.execute("SELECT value FROM meta WHERE key = 'embedding_dimensions'").fetchone()
    finally:
        db.close()
    vectors = _vectors(home / "index" / "vectors.f32", rows, int(dims[0]) if dims else 0)
    state = sqlite3.connect(f"file:{home / 'crawl.sqlite'}?mode=ro", uri=True)
    try:
        pending = state.execute(
            "SELECT count(*) FROM documents WHERE acknowledged_sha256 IS NULL "
            "OR acknowledged_sha256 != sha256"
        ).fetchone()[0]
    finally:
        state.close()
    return {
        "documents": documents,
        "passages": passages,
        "duplicate_passages": len(passages) - len({p[:2] for p in passages}),
        "orphan_passages": orphan_passages,
        "fts_rows_minus_passages": fts_rows - len(passages) - orphan_passages,
        "vectors": vectors,
        "provisions": provisions,
        "terms": terms,
        "pending": pending,
    }


def compare(expected: dict[str, object], actual: dict[str, object]) -> list[str]:
    problems = []
    for key in ("documents", "passages", "provisions", "terms"):
        if expected[key] != actual[key]:
            problems.append(
                f"{key} differ from the clean run's ({_difference(expected[key], actual[key])})"
            )
    for key in ("duplicate_passages", "orphan_passages", "fts_rows_minus_passages", "pending"):
        if actual[key] != 0:
            problems.append(f"{key}: {actual[key]}")
    clean_vectors = expected["vectors"]
    vectors = actual["vectors"]
    assert isinstance(clean_vectors, dict) and isinstance(vectors, dict)
    if set(clean_vectors) != set(vectors):
        problems.append(
            f"vectors for {len(vectors)} passages, the clean run has {len(clean_vectors)}"
        )
    else:
        # Batches of different make-up pad differently: a vector may move in its last digits.
        worst = min((float(np.dot(clean_vectors[h], vectors[h])) for h in vectors), default=1.0)
        if worst < 0.999:
            problems.append(f"a vector differs from the clean run's (cosine {worst:.4f})")
    return problems


def _vectors(path: Path, rows: dict[str, int], dims: int) -> dict[str, np.ndarray]:
    if not rows or not dims:
        return {}
    matrix = np.fromfile(path, dtype=np.float32)
    matrix = matrix[: len(matrix) // dims * dims].reshape(-1, dims)
    found = {}
    for digest, row in rows.items():
        vector = matrix[row] if row < len(matrix) else np.zeros(dims, dtype=np.float32)
        norm = float(np.linalg.norm(vector)) or 1.0
        found[digest] = vector / norm
    return found


_MISSING = re.compile(r"([1-9]\d*) missing|vectors for \d+ passages")
_EXTRA = re.compile(r"([1-9]\d*) extra|duplicate_passages|orphan_passages")


def lost_and_duplicated(problems: Sequence[str]) -> tuple[int, int]:
    """How many of `problems` report something lost, and how many something duplicated."""
    lost = sum(1 for p in problems if _MISSING.search(p))
    duplicated = sum(1 for p in problems if _EXTRA.search(p))
    return lost, duplicated


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def _difference(expected: object, actual: object) -> str:
    if isinstance(expected, dict) and isinstance(actual, dict):
        missing = set(expected) - set(actual)
        changed = {k for k in set(expected) & set(actual) if expected[k] != actual[k]}
        extra = set(actual) - set(expected)
        return f"{len(missing)} missing, {len(extra)} extra, {len(changed)} changed"
    if isinstance(expected, list) and isinstance(actual, list):
        return f"{len(expected)} expected, {len(actual)} found"
    return "differ"
