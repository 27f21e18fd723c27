"""Write or check a generated part of the demo mirror: shared by the per-site build scripts.

A build script computes every file it owns as bytes, keyed on its path under the mirror; `--check`
compares them with the committed files instead of writing, so a hand edit of a mirror page (or a
stale mirror after an edit of its sources) fails the demo tests.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path

from tiplex.demo import MIRROR_DIR as MIRROR
from tiplex.demo.server import QUERY_MARK, posted_answer_name


def post_answer(path: str, body: bytes) -> str:
    """The mirror file that answers a POST of `body` to the site path `path` (the server's rule)."""
    return posted_answer_name(path.lstrip("/"), body)


def query_page(path: str, query: str) -> str:
    """The mirror file that answers `path?query`."""
    return f"{path.lstrip('/')}{QUERY_MARK}{query}"


def write_or_check(files: Mapping[Path, bytes], check: bool) -> int:
    """Write `files` (absolute paths), or with `check` report those that differ; 0 when fine.
    A script owns the host folders it writes to: files there that it no longer makes are
    removed (or, with `check`, reported)."""
    hosts = {MIRROR / path.relative_to(MIRROR).parts[0] for path in files}
    leftovers = [
        path
        for host in sorted(hosts)
        for path in sorted(host.rglob("*"))
        if path.is_file() and path not in files
    ]
    if check:
        stale = list(leftovers)
    else:
        stale = []
        for path in leftovers:
            path.unlink()
    for path, data in sorted(files.items()):
        if check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in stale:
        print(f"stale: {path} (run the build script without --check)")
    return 1 if stale else 0


def main_for(build: Callable[[], Mapping[Path, bytes]], doc: str | None) -> Callable[..., int]:
    def main(argv: list[str] | None = None) -> int:
        parser = argparse.ArgumentParser(description=doc)
        parser.add_argument("--check", action="store_true", help="fail if the mirror is stale")
        args = parser.parse_args(argv)
        return write_or_check(build(), args.check)

    return main


# DejaVu Sans has the Vietnamese letters reportlab's base fonts lack (fonts-dejavu-core).
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def text_pdf(
    paragraphs: list[str],
    *,
    title: str,
    author: str = "",
    subject: str = "",
    latin_only: bool = False,
) -> bytes:
    """A plain A4 PDF with a text layer, one paragraph per item, in a font with Vietnamese
    glyphs; `invariant` fixes dates and ids so the same input gives the same bytes. An empty
    item is a line holding only a no-break space: text extraction reads it as a blank line.
    `latin_only` (English, Malay, Indonesian) uses a PDF base font instead, which is not
    embedded: the file is about 2 KB instead of 23 KB."""
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    # The Unicode font is registered only where it is used: a Latin-only PDF builds without it.
    if not latin_only and "DemoUnicode" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DemoUnicode", str(UNICODE_FONT)))
    font = "Helvetica" if latin_only else "DemoUnicode"
    style = ParagraphStyle("body", fontName=font, fontSize=11, leading=15, spaceAfter=6)
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, invariant=1, title=title, author=author, subject=subject,
        leftMargin=2.5 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
    )  # fmt: skip
    document.build([Paragraph(escape(p) or "&nbsp;", style) for p in paragraphs])
    return out.getvalue()
