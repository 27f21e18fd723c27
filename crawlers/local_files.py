"""The `local` source: files and folders through the same archive → state → pending path."""

from __future__ import annotations

import hashlib
import io
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from crawlers.archive import RawArchive, sha256_hex, utc_now
from crawlers.extract import NO_TEXT_LAYER, ExtractionError, extract_text
from crawlers.quarantine import quarantine_bytes
from crawlers.sources.local import SUPPORTED_SUFFIXES, LocalFiles
from crawlers.state import CrawlState, StoredDocument
from tiplex.records import CrawlReport, DocType, Document
from tiplex.settings import Settings

SOURCE_ID = LocalFiles.name
# Metadata key: "yes" when the caller gave the document type, "no" when it is provisional.
DOC_TYPE_GIVEN = "doc_type_given"
# The longest judgments are a few MB as PDF; anything far larger is an archive dump or a
# mistake, and would hold the whole file and its text in memory at once.
MAX_FILE_BYTES = 50 * 1024 * 1024
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f]")


class UnreadableFile(ValueError):
    """A file that cannot become a Document (unsupported, empty, unreadable, no text)."""


@dataclass(frozen=True, slots=True)
class _LoadedFile:
    raw: bytes
    content_type: str
    text: str
    title: str


def ingest(
    paths: Sequence[Path],
    settings: Settings,
    *,
    country: str | None = None,
    language: str | None = None,
    doc_type: DocType | None = None,
    limit: int | None = None,
) -> CrawlReport:
    """Archive, extract and record local files; the report's documents are the pending ones."""
    settings.ensure_dirs()
    found = _expand(paths)
    with CrawlState(settings.crawl_db) as state:
        return _ingest_files(
            found[:limit] if limit is not None else found,
            settings,
            state,
            country=country,
            language=language,
            doc_type=doc_type,
        )


def _ingest_files(
    files: list[Path],
    settings: Settings,
    state: CrawlState,
    *,
    country: str | None,
    language: str | None,
    doc_type: DocType | None,
) -> CrawlReport:
    archive = RawArchive(settings.archive_dir)
    counts = dict.fromkeys(("new", "changed", "unchanged", "failed"), 0)
    errors: list[str] = []
    ids = _assign_ids(files, state)
    for path in files:
        doc_id = ids[path]
        raw = b""
        try:
            raw = _read_bytes(path)
            content_type = content_type_of(path, raw)
            if content_type is None:
                raise UnreadableFile(f"unsupported file type {path.suffix or '(none)'!r}")
            if not raw.strip():
                raise UnreadableFile("empty file")
            # Archive first: the bytes are kept even if reading them fails below.
            archive.put(raw, url=path.as_uri(), content_type=content_type, fetched_at=utc_now())
            change = state.classify(doc_id, sha256_hex(raw))
            if change == "unchanged":
                counts["unchanged"] += 1
                continue
            loaded = _read(raw, content_type, path)
        except (OSError, RuntimeError, UnreadableFile) as error:
            counts["failed"] += 1
            reason = f"{shown_path(path)}: {error}"
            errors.append(f"{SOURCE_ID}: {reason}")
            quarantine_bytes(settings.quarantine_dir, SOURCE_ID, path.name, raw, reason)
            continue
        raw_path = archive.path_for(sha256_hex(raw))
        document = _document(doc_id, path, loaded, country, language, doc_type, raw_path)
        state.upsert(StoredDocument.from_document(document))
        counts[change] += 1
    return CrawlReport(
        source_id=SOURCE_ID,
        discovered=len(files),
        fetched=len(files),
        errors=tuple(errors),
        documents=tuple(stored.to_document() for stored in state.pending(SOURCE_ID)),
        **counts,
    )


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file (a FIFO would block the read for
    ever, a device never ends) and what is too large to read whole."""
    info = path.stat()  # follows links: a loop or a dangling link raises OSError here
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile("not a regular file (a pipe, socket or device)")
    if info.st_size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"file too large ({info.st_size / 2**20:.0f} MiB; the limit is "
            f"{MAX_FILE_BYTES / 2**20:.0f} MiB)"
        )
    with path.open("rb") as stream:
        # Read one byte past the limit: a file still growing is refused, not cut.
        raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise UnreadableFile("file grew past the size limit while being read")
    return raw


def shown_path(path: Path) -> str:
    """A path for a one-line report: control characters (a newline in a name) escaped."""
    text = str(path)
    return text.encode("unicode_escape").decode("ascii") if _CONTROL_IN_NAME.search(text) else text


def content_type_of(path: Path, raw: bytes) -> str | None:
    """The type by extension, or by the first bytes for files without a known one: courts
    serve PDFs from extension-less URLs, and saved copies keep those names."""
    by_suffix = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    head = raw[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if head.startswith(b"{\\rtf"):
        return "application/rtf"
    return None


def load_file(
    path: Path,
    *,
    country: str | None = None,
    language: str | None = None,
    doc_type: DocType | None = None,
) -> Document:
    """One file as a Document, without archiving it (for `tiplex extract`).

    Raises:
        UnreadableFile: unsupported type, empty file, unreadable bytes or no text.
    """
    path = Path(path).resolve()
    raw = _read_bytes(path)
    content_type = content_type_of(path, raw)
    if content_type is None:
        raise UnreadableFile(f"{path}: unsupported file type {path.suffix or '(none)'!r}")
    if not raw.strip():
        raise UnreadableFile(f"{path}: empty file")
    loaded = _read(raw, content_type, path)
    doc_id = _plain_id(path)
    return _document(doc_id, path, loaded, country, language, doc_type, raw_path=path)


def _read(raw: bytes, content_type: str, path: Path) -> _LoadedFile:
    try:
        text = extract_text(raw, content_type, path.as_uri())
    except ExtractionError as error:
        raise UnreadableFile(str(error)) from error
    if not text.strip():
        raise UnreadableFile(NO_TEXT_LAYER if content_type == "application/pdf" else "no text")
    return _LoadedFile(raw, content_type, text, _title(raw, content_type, text) or path.stem)


def _document(
    doc_id: str,
    path: Path,
    loaded: _LoadedFile,
    country: str | None,
    language: str | None,
    doc_type: DocType | None,
    raw_path: Path,
) -> Document:
    return Document(
        doc_id=doc_id,
        source_id=SOURCE_ID,
        url=path.as_uri(),
        country=country or "",
        language=language or "",
        # Provisional when not given: the pipeline reads the opening and decides (a bill or a
        # law becomes legislation); DOC_TYPE_GIVEN says which it was.
        doc_type=doc_type or "judgment",
        title=loaded.title,
        text=loaded.text,
        sha256=sha256_hex(loaded.raw),
        content_type=loaded.content_type,
        raw_path=str(raw_path),
        fetched_at=utc_now(),
        metadata={"file_name": path.name, DOC_TYPE_GIVEN: "yes" if doc_type else "no"},
    )


def _title(raw: bytes, content_type: str, text: str) -> str:
    """The document's own title: HTML <title>, PDF metadata, or a Markdown heading."""
    if content_type == "text/html":
        try:
            found = lxml.html.document_fromstring(raw).findtext(".//title")
        except ValueError:
            found = None
        return " ".join((found or "").split())
    if content_type == "application/pdf":
        try:
            info = PdfReader(io.BytesIO(raw)).metadata
        except (PyPdfError, ValueError, OSError):
            return ""
        return " ".join(str(info.title or "").split()) if info else ""
    if content_type == "text/markdown":
        heading = next((ln for ln in text.splitlines() if ln.startswith("#")), "")
        return heading.lstrip("#").strip()
    return ""


def _expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and files inside folders named (recursively, hidden ones skipped), in a
    stable order and each once. Links to folders are not followed (no loops); a dangling or
    looping link, a pipe or a device is kept in the list, so reading it fails and it is
    reported and counted instead of silently skipped."""
    found: dict[Path, None] = {}
    for given in paths:
        path = _resolved(Path(given).expanduser())
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if hidden or child.is_dir():
                    continue
                found[_resolved(child)] = None
        else:
            found[path] = None
    return list(found)


def _resolved(path: Path) -> Path:
    try:
        # strict: a dangling link keeps its own name rather than its missing target's.
        return path.resolve(strict=True)
    except (RuntimeError, OSError):  # a symlink loop: keep the name, reading it will fail
        return path.absolute()


def _assign_ids(files: Sequence[Path], state: CrawlState) -> dict[Path, str]:
    """`local:<stem>`, stable across runs; a second file with the same stem gets a short hash
    of its path. A file that already owns an id in the state keeps it."""
    ids: dict[Path, str] = {}
    claimed: set[str] = set()
    for path in files:  # first the files the state already knows under their plain id
        plain = _plain_id(path)
        stored = state.get(plain)
        if stored is not None and stored.url == path.as_uri():
            ids[path] = plain
            claimed.add(plain)
    for path in files:
        if path in ids:
            continue
        plain = _plain_id(path)
        stored = state.get(plain)
        if plain not in claimed and (stored is None or stored.url == path.as_uri()):
            ids[path] = plain
        else:
            ids[path] = f"{plain}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
        claimed.add(ids[path])
    return ids


def _plain_id(path: Path) -> str:
    # A newline or other control character in a file name would break every line-based report.
    return f"{SOURCE_ID}:{_CONTROL_IN_NAME.sub('_', path.stem)}"
