"""Word-processor bodies: DOCX (a zip of XML), RTF (a text markup) and legacy binary DOC.

Viet Nam's portals publish many judgments and laws as DOC/DOCX/RTF. Every reader is bounded:
a zip that inflates past `MAX_INFLATED_BYTES` (a zip bomb) or text past `MAX_TEXT_CHARS` is
refused with a reason rather than read into memory.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 5_000_000
DOC_TIMEOUT_S = 60

_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_WORD_NS}}}"


class OfficeError(ValueError):
    """The file is not readable as the word-processor format it claims."""


def docx_text(raw: bytes) -> str:
    """Paragraphs of `word/document.xml`, one per line, tabs and breaks kept."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise OfficeError(f"unreadable DOCX: {error}") from error
    with archive:
        try:
            member = archive.getinfo("word/document.xml")
        except KeyError as error:
            raise OfficeError("not a DOCX: no word/document.xml inside the zip") from error
        # The declared size can lie, so the read itself is bounded too.
        if member.file_size > MAX_INFLATED_BYTES:
            raise OfficeError(f"DOCX body inflates to {member.file_size} bytes (zip bomb?)")
        try:
            with archive.open(member) as stream:
                xml = stream.read(MAX_INFLATED_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise OfficeError(f"unreadable DOCX: {error}") from error
    if len(xml) > MAX_INFLATED_BYTES:
        raise OfficeError("DOCX body inflates past the limit (zip bomb?)")
    try:
        # huge_tree stays off: lxml's own limits refuse entity expansion and absurd depth.
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise OfficeError(f"unreadable DOCX body: {error}") from error
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            else:
                parts.append("\n")
        paragraphs.append("".join(parts))
    return _bounded("\n\n".join(paragraphs))


# One RTF token: a control word with its optional numeric parameter and one delimiting space,
# a hex escape, an escaped symbol, a group brace, or a run of plain text.
_RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+",
    re.DOTALL,
)
# Destinations whose text is not the document's body (fonts, styles, pictures, metadata).
_RTF_SKIPPED = frozenset({
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer",
    "headerl", "headerr", "footerl", "footerr", "listtable", "listoverridetable", "rsidtbl",
    "generator", "xmlnstbl", "themedata", "colorschememapping", "datastore", "latentstyles",
    "fldinst", "bkmkstart", "bkmkend", "field_instructions",
})  # fmt: skip
_RTF_BREAKS = {b"par": "\n\n", b"line": "\n", b"tab": "\t", b"page": "\n\n", b"sect": "\n\n"}


def rtf_text(raw: bytes) -> str:
    """The visible text of an RTF document, decoded with its declared code page."""
    if not raw.lstrip().startswith(b"{\\rtf"):
        raise OfficeError("not an RTF document (no {\\rtf header)")
    codepage = re.search(rb"\\ansicpg(\d{3,5})", raw[:2048])
    encoding = f"cp{codepage.group(1).decode()}" if codepage else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    out: list[str] = []
    stack: list[tuple[bool, int]] = []  # (skipping, unicode fallback length) per open group
    skipping, fallback, pending_skip = False, 1, 0
    for match in _RTF_TOKEN.finditer(raw):
        word, param, hex_byte, symbol, brace, plain = match.groups()
        if brace == b"{":
            stack.append((skipping, fallback))
            continue
        if brace == b"}":
            skipping, fallback = stack.pop() if stack else (skipping, fallback)
            continue
        if symbol == b"*":  # "{\*\dest ...}": an optional destination a reader may skip
            skipping = True
            continue
        if pending_skip and (hex_byte or plain):
            # Characters after \uN are the fallback for readers without Unicode: skip them.
            if hex_byte:
                pending_skip -= 1
                continue
            assert plain is not None
            cut = min(pending_skip, len(plain))
            plain, pending_skip = plain[cut:], pending_skip - cut
        if word is not None:
            if word in _RTF_SKIPPED_BYTES:
                skipping = True
            elif word == b"uc" and param is not None:
                fallback = max(0, int(param))
            elif word == b"u" and param is not None and not skipping:
                out.append(chr(int(param) % 65536))
                pending_skip = fallback
            elif word in _RTF_BREAKS and not skipping:
                out.append(_RTF_BREAKS[word])
        elif skipping:
            continue
        elif hex_byte is not None:
            out.append(bytes([int(hex_byte, 16)]).decode(encoding, errors="replace"))
        elif symbol is not None:
            out.append({b"~": "\xa0", b"-": "", b"_": "-"}.get(symbol, symbol.decode("latin-1")))
        elif plain:
            out.append(plain.decode(encoding, errors="replace"))
        if len(out) > MAX_TEXT_CHARS:
            break
    return _bounded("".join(out))


_RTF_SKIPPED_BYTES = frozenset(name.encode() for name in _RTF_SKIPPED)


def doc_text(raw: bytes) -> str:
    """A legacy binary Word document's text, through Debian's `antiword`."""
    program = shutil.which("antiword")
    if program is None:
        raise OfficeError("reading .doc files needs antiword (apt-get install antiword)")
    with tempfile.TemporaryDirectory(prefix="tiplex-doc-") as folder:
        source = Path(folder) / "document.doc"
        source.write_bytes(raw)
        try:
            done = subprocess.run(
                [program, "-m", "UTF-8.txt", "-w", "0", str(source)],
                capture_output=True,
                timeout=DOC_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise OfficeError(f"antiword took over {DOC_TIMEOUT_S} s") from error
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise OfficeError(f"unreadable DOC: {reason[-1] if reason else 'antiword failed'}")
    return _bounded(done.stdout.decode("utf-8", errors="replace"))


def _bounded(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise OfficeError(f"text longer than {MAX_TEXT_CHARS} characters")
    return text
