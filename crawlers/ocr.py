"""OCR of PDF pages that have no usable text layer: Debian's poppler (`pdftoppm`) renders a
page, Debian's tesseract reads it.

Scanned judgments are common (Indonesian and Vietnamese courts upload scans), and a garbage
text layer (fonts without a Unicode map) is as useless as none. Both programs are optional:
without them `available()` is False and such a PDF is set aside with its reason, never indexed
as garbage. `make venv` installs them where they are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

# The eight scripts and languages of the member states' courts: English, Indonesian, Malay,
# Thai, Vietnamese, Khmer, Lao and Burmese. Filipino is read by the English model.
ALL_LANGUAGES = ("eng", "ind", "msa", "tha", "vie", "khm", "lao", "mya")
# Every extra language costs tesseract time on every word; this default covers the Latin-script
# majority of the corpus. TIPLEX_OCR_LANGUAGES="eng+tha" (say) changes it.
DEFAULT_LANGUAGES = "eng+ind+vie"
RESOLUTION_DPI = 200
PAGE_TIMEOUT_S = 120
MAX_OCR_PAGES = 300


class OcrError(RuntimeError):
    """A page could not be rendered or read."""


def available() -> bool:
    return shutil.which("pdftoppm") is not None and shutil.which("tesseract") is not None


def languages() -> str:
    """The tesseract language list: the configured one, keeping only installed models."""
    wanted = os.environ.get("TIPLEX_OCR_LANGUAGES", DEFAULT_LANGUAGES).split("+")
    installed = _installed_languages()
    chosen = [lang for lang in wanted if lang in installed] or ["eng"]
    return "+".join(chosen)


def ocr_pdf_page(raw: bytes, page_number: int, langs: str | None = None) -> str:
    """The text tesseract reads on one page (1-based) of the PDF in `raw`."""
    if not available():
        raise OcrError("OCR needs pdftoppm and tesseract (poppler-utils, tesseract-ocr)")
    with tempfile.TemporaryDirectory(prefix="tiplex-ocr-") as folder:
        pdf = Path(folder) / "document.pdf"
        pdf.write_bytes(raw)
        image_base = Path(folder) / "page"
        page = str(page_number)
        _run(
            ["pdftoppm", "-r", str(RESOLUTION_DPI), "-gray", "-png", "-singlefile",
             "-f", page, "-l", page, str(pdf), str(image_base)],
        )  # fmt: skip
        image = image_base.with_suffix(".png")
        if not image.exists():
            raise OcrError(f"page {page_number} could not be rendered")
        done = _run(["tesseract", str(image), "-", "-l", langs or languages(), "--psm", "3"])
    return done.stdout.decode("utf-8", errors="replace")


def _run(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    # One thread per tesseract: the machine's cores are shared with the rest of the pipeline.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=PAGE_TIMEOUT_S, check=False, env=env
        )
    except subprocess.TimeoutExpired as error:
        raise OcrError(f"{command[0]} took over {PAGE_TIMEOUT_S} s") from error
    except OSError as error:
        raise OcrError(f"{command[0]} could not run: {error}") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise OcrError(f"{command[0]} failed: {message[-1] if message else done.returncode}")
    return done


def _installed_languages() -> frozenset[str]:
    if shutil.which("tesseract") is None:
        return frozenset()
    try:
        done = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (subprocess.TimeoutExpired, OSError):
        return frozenset()
    lines = done.stdout.decode("utf-8", errors="replace").splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip())
