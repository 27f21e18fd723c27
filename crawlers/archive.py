"""Content-addressed store of raw bytes: `<root>/ab/abcdef…` plus a JSON sidecar `….json`.

Bytes are written before anything parses them, so every later stage can be re-run from the
archive without touching the network. Identical bytes are stored once, whatever their URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tiplex.crashpoints import crashpoint


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def utc_now() -> str:
    """ISO 8601 UTC timestamp, second precision (stable enough for logs and state)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class ArchivedBlob:
    sha256: str
    path: Path


def _write_atomically(path: Path, data: bytes) -> None:
    # A crash mid-write must never leave a truncated blob under a valid hash name.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


class RawArchive:
    """The archive under `settings.archive_dir`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def sidecar_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.json"

    def put(
        self,
        raw: bytes,
        *,
        url: str,
        content_type: str,
        headers: Mapping[str, str] | None = None,
        fetched_at: str | None = None,
    ) -> ArchivedBlob:
        """Store `raw` (once) and record where it came from in the sidecar."""
        digest = sha256_hex(raw)
        blob_path = self.path_for(digest)
        if not blob_path.exists():
            _write_atomically(blob_path, raw)
        crashpoint("archive")
        self._record_fetch(digest, len(raw), url, content_type, headers or {}, fetched_at)
        return ArchivedBlob(sha256=digest, path=blob_path)

    def _record_fetch(
        self,
        digest: str,
        size: int,
        url: str,
        content_type: str,
        headers: Mapping[str, str],
        fetched_at: str | None,
    ) -> None:
        sidecar_path = self.sidecar_for(digest)
        if sidecar_path.exists():
            sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
            # The first fetch stays the sidecar's main record; other URLs serving the same
            # bytes are only listed, so the sidecar does not grow with every weekly refetch.
            if url != sidecar.get("url") and url not in sidecar.setdefault("also_at", []):
                sidecar["also_at"].append(url)
                _write_atomically(sidecar_path, _json_bytes(sidecar))
            return
        sidecar = {
            "sha256": digest,
            "size": size,
            "url": url,
            "content_type": content_type,
            "fetched_at": fetched_at or utc_now(),
            "headers": dict(sorted(headers.items())),
        }
        _write_atomically(sidecar_path, _json_bytes(sidecar))

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")
