"""A zoo of bad (and awkward but good) files, generated on the fly, and the check that each is
either ingested with exactly its text or set aside with a reason.

Nothing here is committed as a blob: every specimen is built from a few lines of code, so the
100 MB file and the zip bomb cost disk only while a test runs.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import crawlers.local_files as local_files
from crawlers import ingest
from tiplex.records import CrawlReport
from tiplex.settings import Settings

SET_ASIDE = "set aside"
EITHER = "either"  # e.g. an unreadable file when the tests run as root, who can read it


@dataclass(frozen=True)
class Specimen:
    kind: str
    path: Path
    # SET_ASIDE, EITHER, or text the document must contain (ingested, whole).
    expect: str
    # The whole extracted text must equal this (no partial document), where known.
    exact: str | None = None


@dataclass(frozen=True)
class ZooResult:
    tried: int
    handled: int
    problems: tuple[str, ...]
    report: CrawlReport


SENTENCE = "The accused recruited the victims for forced labour on a fishing vessel."
THAI = "ศาลฎีกาพิพากษาว่าจำเลยมีความผิดฐานค้ามนุษย์"
VIETNAMESE = "Bị cáo phạm tội mua bán người theo Điều 150 Bộ luật Hình sự."


def _pdf(
    path: Path, lines: list[str], *, image: Path | None = None, invisible: bool = False
) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if image is not None:
        width, height = A4
        pdf.drawImage(ImageReader(str(image)), 0, 0, width=width, height=height)
    text = pdf.beginText(72, 780)
    if invisible:  # render mode 3: a layer that is searched but never painted, as scanners add
        text.setTextRenderMode(3)
    for line in lines:
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return path


def _scan_of(text_pdf: Path, folder: Path) -> Path:
    """A page image of `text_pdf`, as a scanner would give it (needs poppler's pdftoppm)."""
    base = folder / "scan"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(text_pdf), str(base)],
        check=True,
        capture_output=True,
    )
    return base.with_suffix(".png")


def _docx(body_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body_xml)
    return buffer.getvalue()


def _docx_body(paragraphs: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'.encode()


def build_zoo(folder: Path, *, huge_mb: int = 100) -> list[Specimen]:
    """Write every specimen into `folder` (created) and say what each must become."""
    folder.mkdir(parents=True, exist_ok=True)
    work = folder.parent / f"{folder.name}-work"
    work.mkdir(exist_ok=True)
    rng = random.Random(11)
    specimens: list[Specimen] = []

    def add(kind: str, name: str, data: bytes, expect: str, exact: str | None = None) -> None:
        path = folder / name
        path.write_bytes(data)
        specimens.append(Specimen(kind, path, expect, exact))

    add("empty file", "empty.txt", b"", SET_ASIDE)
    add("white space only", "blank.txt", b" \n\t\n  \r\n", SET_ASIDE)
    add("random binary named .txt", "random.txt", rng.randbytes(20000), SET_ASIDE)
    add("random binary, unknown type", "random.bin", rng.randbytes(5000), SET_ASIDE)
    add("mostly NUL bytes", "nuls.txt", b"\x00" * 4000 + b"abc" + b"\x00" * 4000, SET_ASIDE)
    add("text with stray NULs", "stray-nuls.txt", SENTENCE.encode().replace(b" ", b" \x00", 3),
        SENTENCE, exact=SENTENCE)  # fmt: skip
    add("UTF-16 LE without BOM", "utf16le.txt", VIETNAMESE.encode("utf-16-le"), VIETNAMESE,
        exact=VIETNAMESE)  # fmt: skip
    add("UTF-16 BE without BOM", "utf16be.txt", VIETNAMESE.encode("utf-16-be"), VIETNAMESE,
        exact=VIETNAMESE)  # fmt: skip
    add("TIS-620 Thai", "thai.txt", (THAI + " 2566").encode("tis-620"), THAI,
        exact=THAI + " 2566")  # fmt: skip
    cp1252 = "Décision de la Cour — «traite des êtres humains»"
    add("windows-1252", "cp1252.txt", cp1252.encode("cp1252"), cp1252, exact=cp1252)
    mixed = "Müller’s case: " + "café".encode().decode("utf-8")
    add("mixed UTF-8 and cp1252 bytes", "mixed.txt",
        "Müller’s case: ".encode() + "café".encode("cp1252"), "Müller’s case: café",
        exact=mixed)  # fmt: skip
    wrong = "<html><head><meta charset='utf-8'><title>T</title></head><body><p>{}</p></body></html>"
    add("HTML declared UTF-8, written in cp1252", "wrong-charset.html",
        wrong.format("Pengadilan Negeri — naïve café").encode("cp1252"),
        "Pengadilan Negeri — naïve café")  # fmt: skip
    long_line = "<html><body><p>" + ("trafficking " * 100_000) + "end-of-line</p></body></html>"
    add("HTML with a 1.2 MB line", "long-line.html", long_line.encode(), "end-of-line")
    add("HTML with nothing in it", "hollow.html",
        b"<html><head><script>x()</script></head><body></body></html>", SET_ASIDE)  # fmt: skip
    nested = "<div>" * 5000 + SENTENCE + "</div>" * 5000
    add("HTML nested 5,000 deep", "nested.html", f"<html><body>{nested}</body></html>".encode(),
        EITHER)  # fmt: skip
    add("name with a newline", "line\nbreak.txt", SENTENCE.encode(), SENTENCE, exact=SENTENCE)
    add("control characters in text", "ansi.md", f"\x1b[1m{SENTENCE}\x1b[0m".encode(), SENTENCE)

    good_pdf = _pdf(folder / "good.pdf", [SENTENCE])
    specimens.append(Specimen("PDF with a text layer", good_pdf, SENTENCE, exact=SENTENCE))
    add("PDF without its extension", "scanned-judgment", good_pdf.read_bytes(), SENTENCE,
        exact=SENTENCE)  # fmt: skip
    add("truncated PDF", "truncated.pdf", good_pdf.read_bytes()[:-400], SET_ASIDE)
    add("HTML error page saved as .pdf", "error-page.pdf",
        b"<html><body>404 Not Found</body></html>", SET_ASIDE)  # fmt: skip
    writer = PdfWriter(clone_from=PdfReader(good_pdf))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    add("encrypted PDF", "encrypted.pdf", encrypted.getvalue(), SET_ASIDE)
    blank = canvas.Canvas(str(folder / "ink-only.pdf"), pagesize=A4, invariant=1)
    blank.rect(72, 600, 200, 100, fill=1)
    blank.showPage()
    blank.save()
    specimens.append(Specimen("PDF with ink but no text at all", folder / "ink-only.pdf",
                              SET_ASIDE))  # fmt: skip
    if shutil.which("pdftoppm") and shutil.which("tesseract"):
        big_text = _pdf(work / "big.pdf", [])
        big = canvas.Canvas(str(big_text), pagesize=A4, invariant=1)
        big.setFont("Helvetica", 22)
        big.drawString(60, 700, "Human trafficking judgment")
        big.drawString(60, 660, "The accused was convicted.")
        big.showPage()
        big.save()
        scan = _scan_of(big_text, work)
        scanned = _pdf(folder / "scan-only.pdf", [], image=scan)
        specimens.append(Specimen("PDF with no text layer (a scan)", scanned, "convicted"))
        garbage = _pdf(
            folder / "garbage-layer.pdf", ["•¶§†‡ ¤¦ ¬ ±" * 4] * 6, image=scan, invisible=True
        )
        specimens.append(Specimen("PDF with a garbage text layer", garbage, "convicted"))
    add("zip bomb as DOCX", "bomb.docx",
        _docx(b"<w:document>" + b" " * (200 * 1024 * 1024) + b"</w:document>"),
        SET_ASIDE)  # fmt: skip
    add("DOCX", "judgment.docx", _docx(_docx_body([VIETNAMESE, SENTENCE])), VIETNAMESE,
        exact=f"{VIETNAMESE}\n\n{SENTENCE}")  # fmt: skip
    add("DOCX that is not a zip", "broken.docx", b"PK\x03\x04" + rng.randbytes(300), SET_ASIDE)
    rtf = (
        r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Times;}}\uc1 "
        r"B\u7883?\'20c\'e1o ph\u7841?m t\u7897?i.\par Caf\'e9.}"
    )
    add("RTF with Unicode escapes", "judgment.rtf", rtf.encode(), "Bị cáo phạm tội.",
        exact="Bị cáo phạm tội.\n\nCafé.")  # fmt: skip
    add("RTF that never closes its groups", "open.rtf", rb"{\rtf1{{{{{{ text", EITHER)
    add("DOC that is only an OLE header", "legacy.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(2000), SET_ASIDE)  # fmt: skip

    huge = folder / "huge.txt"
    with huge.open("wb") as stream:
        line = (SENTENCE + "\n").encode()
        block = line * (1024 * 1024 // len(line))
        for _ in range(huge_mb):
            stream.write(block)
    specimens.append(Specimen(f"{huge_mb} MB text", huge, SET_ASIDE))

    loop_a, loop_b = folder / "loop-a.txt", folder / "loop-b.txt"
    loop_a.symlink_to(loop_b.name)
    loop_b.symlink_to(loop_a.name)
    specimens += [Specimen("symlink loop", loop_a, SET_ASIDE)]
    specimens += [Specimen("symlink loop (its twin)", loop_b, SET_ASIDE)]
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    specimens.append(Specimen("dangling symlink", folder / "dangling.txt", SET_ASIDE))
    (folder / "subdir").mkdir()
    (folder / "subdir" / "up").symlink_to("..")  # a folder loop: must not be walked for ever
    os.mkfifo(folder / "pipe.txt")
    specimens.append(Specimen("named pipe", folder / "pipe.txt", SET_ASIDE))
    locked = folder / "locked.txt"
    locked.write_bytes(SENTENCE.encode())
    locked.chmod(0)
    # Root reads it anyway; anyone else must see it set aside.
    specimens.append(Specimen("unreadable permissions", locked, SENTENCE if os.geteuid() == 0
                              else SET_ASIDE))  # fmt: skip
    add("vanishes mid-ingest", "vanishing.txt", SENTENCE.encode(), SET_ASIDE)
    return specimens


@contextmanager
def vanishing(names: set[str]) -> Iterator[None]:
    """Files with these names are deleted between being listed and being read, as when a
    user's sync client removes them while an ingest runs."""
    original: Callable[[Path], bytes] = local_files._read_bytes

    def read_after_delete(path: Path) -> bytes:
        if path.name in names:
            path.unlink(missing_ok=True)
        return original(path)

    local_files._read_bytes = read_after_delete  # type: ignore[assignment]
    try:
        yield
    finally:
        local_files._read_bytes = original  # type: ignore[assignment]


def run_zoo(folder: Path, settings: Settings, *, huge_mb: int = 100) -> ZooResult:
    """Build the zoo, ingest the folder once, and judge every specimen."""
    specimens = build_zoo(folder, huge_mb=huge_mb)
    with vanishing({"vanishing.txt"}):
        report = ingest([folder], settings)
    by_url = {doc.url: doc for doc in report.documents}
    quarantine = settings.quarantine_dir / "local"
    reasons = {p.name for p in quarantine.glob("*.reason.txt")} if quarantine.exists() else set()
    problems: list[str] = []
    for specimen in specimens:
        doc = by_url.get(specimen.path.absolute().as_uri()) or by_url.get(
            _resolved_uri(specimen.path)
        )
        safe = local_files.shown_path(specimen.path)
        set_aside = any(name.startswith(_quarantine_stem(specimen.path)) for name in reasons)
        if doc is not None and "\x00" in doc.text:
            problems.append(f"{specimen.kind}: NUL kept in {safe}")
        if specimen.expect == SET_ASIDE:
            if doc is not None or not set_aside:
                problems.append(f"{specimen.kind}: expected set aside, got {_what(doc, set_aside)}")
        elif specimen.expect == EITHER:
            if (doc is None) == (not set_aside):
                problems.append(f"{specimen.kind}: neither or both ({_what(doc, set_aside)})")
        elif doc is None or specimen.expect not in doc.text:
            problems.append(f"{specimen.kind}: expected {specimen.expect!r}, got "
                            f"{_what(doc, set_aside)}")  # fmt: skip
        elif specimen.exact is not None and doc.text != specimen.exact:
            problems.append(f"{specimen.kind}: partial or altered text {doc.text[:80]!r}")
    counted = report.failed + report.new
    if counted != len(specimens):
        problems.append(f"summary counts {counted} files, the zoo has {len(specimens)}")
    return ZooResult(len(specimens), len(specimens) - len(problems), tuple(problems), report)


def _resolved_uri(path: Path) -> str:
    try:
        return path.resolve().as_uri()
    except (RuntimeError, OSError):
        return path.absolute().as_uri()


def _quarantine_stem(path: Path) -> str:
    from crawlers.quarantine import _safe_name

    return _safe_name(path.name) + "."


def _what(doc: object, set_aside: bool) -> str:
    if doc is not None:
        return f"a document ({len(getattr(doc, 'text', ''))} characters)"
    return "set aside" if set_aside else "nothing at all (lost)"
