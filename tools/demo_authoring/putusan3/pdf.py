"""Render a composed decision as a PDF with a text layer, laid out like the directory's PDFs.

Every page carries what the directory stamps on its downloads: a faint watermark, the two stamp
lines at the top, and at the bottom the page footer and the disclaimer block. The extraction stage
must strip exactly these, so they are drawn as real text in the same reading order as the real
files: watermark and stamp before the body, footer and disclaimer after it.

Output is byte-for-byte reproducible: `invariant=1` fixes the creation date and document id.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .compose import Block

STAMP_TITLE = "Direktori Putusan Mahkamah Agung Republik Indonesia"
STAMP_HOST = "putusan.mahkamahagung.go.id"
WATERMARK = "Mahkamah Agung Republik Indonesia"
# The opening words are the directory's own stamp phrase (the extraction stage keys on them);
# the rest of the notice is worded for this mirror.
DISCLAIMER = (
    "Kepaniteraan Mahkamah Agung Republik Indonesia berusaha untuk selalu mencantumkan informasi "
    "paling kini dan tepat sebagai wujud pelayanan publik serta keterbukaan penyelenggaraan "
    "peradilan. Walaupun demikian, kekeliruan teknis mengenai ketepatan atau kemutakhiran data "
    "masih dapat terjadi dan akan terus kami benahi. Apabila Anda mendapati informasi yang keliru, "
    "atau informasi yang semestinya tersedia namun belum dimuat, mohon sampaikan kepada "
    "Kepaniteraan Mahkamah Agung RI melalui:"
)
CONTACT = "Email : kepaniteraan@mahkamahagung.go.id    Telp : 021-384 3348 (ext.318)"

_BODY = ParagraphStyle(
    "body", fontName="Times-Roman", fontSize=12, leading=17, alignment=TA_JUSTIFY, spaceAfter=5
)
_ITEM = ParagraphStyle("item", parent=_BODY, leftIndent=0.9 * cm, spaceAfter=3)
_CENTER = ParagraphStyle("center", parent=_BODY, alignment=TA_CENTER, fontName="Times-Bold")
_TITLE = ParagraphStyle("title", parent=_CENTER, fontSize=14, leading=20, spaceAfter=2)
_HEADING = ParagraphStyle("heading", parent=_CENTER, spaceBefore=4)
_SIGN = ParagraphStyle("sign", parent=_BODY, alignment=TA_CENTER)
_DISCLAIMER = ParagraphStyle(
    "disclaimer",
    fontName="Helvetica",
    fontSize=6.5,
    leading=8,
    textColor=colors.HexColor("#555555"),
    alignment=TA_JUSTIFY,
)

_MARGIN_X = 2.5 * cm
_TOP = 3.0 * cm
_BOTTOM = 4.2 * cm  # room for the footer and the disclaimer block


def _flowables(blocks: list[Block]) -> list[Flowable]:
    styles = {"title": _TITLE, "center": _CENTER, "heading": _HEADING, "para": _BODY, "item": _ITEM}
    out: list[Flowable] = []
    signatures: list[list[Paragraph]] = []
    for block in blocks:
        if block.kind == "signature":
            signatures.append(
                [Paragraph(escape(block.text), _SIGN), Paragraph(escape(block.right), _SIGN)]
            )
            continue
        if signatures:
            out.append(_signature_table(signatures))
            signatures = []
        if block.kind == "center" and block.text.startswith("M E N G A D I L I"):
            out.append(Spacer(1, 6))
        out.append(Paragraph(escape(block.text), styles[block.kind]))
    if signatures:
        out.append(_signature_table(signatures))
    return out


def _signature_table(rows: list[list[Paragraph]]) -> Table:
    table = Table(rows, colWidths=[8 * cm, 8 * cm])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 6)])
    )
    return table


def _page_begin(canvas: Canvas, _doc: BaseDocTemplate) -> None:
    width, height = A4
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#eeeeee"))
    canvas.setFont("Helvetica-Bold", 26)
    for row in range(3):
        canvas.saveState()
        canvas.translate(width / 2, height * (0.25 + 0.25 * row))
        canvas.rotate(35)
        canvas.drawCentredString(0, 0, WATERMARK)
        canvas.restoreState()
    canvas.setFillColor(colors.HexColor("#333333"))
    canvas.setFont("Helvetica-Bold", 8)
    canvas.drawString(_MARGIN_X, height - 1.3 * cm, STAMP_TITLE)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(_MARGIN_X, height - 1.7 * cm, STAMP_HOST)
    canvas.restoreState()


def _page_end_drawer(nomor: str, total: int) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, _ = A4
        page = doc.page
        canvas.saveState()
        canvas.setFont("Times-Roman", 10)
        canvas.drawRightString(
            width - _MARGIN_X, 3.6 * cm, f"Halaman {page} dari {total} Putusan Nomor {nomor}"
        )
        box_width = width - 2 * _MARGIN_X
        notice = Paragraph(
            f"<b>Disclaimer</b><br/>{escape(DISCLAIMER)}<br/>{escape(CONTACT)} Halaman {page}",
            _DISCLAIMER,
        )
        _, box_height = notice.wrap(box_width, 3 * cm)
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.rect(_MARGIN_X - 3, 0.9 * cm - 3, box_width + 6, box_height + 6)
        notice.drawOn(canvas, _MARGIN_X, 0.9 * cm)
        canvas.restoreState()

    return draw


def _build(blocks: list[Block], nomor: str, total: int) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        invariant=1,
        title=f"Putusan Nomor {nomor}",
        author="Mahkamah Agung Republik Indonesia",
        subject="Direktori Putusan",
        creator="Direktori Putusan",
        producer="Direktori Putusan",
    )
    frame = Frame(_MARGIN_X, _BOTTOM, A4[0] - 2 * _MARGIN_X, A4[1] - _TOP - _BOTTOM, id="body")
    doc.addPageTemplates(
        [
            PageTemplate(
                id="page",
                frames=[frame],
                onPage=_page_begin,
                onPageEnd=_page_end_drawer(nomor, total),
            )
        ]
    )
    doc.build(_flowables(blocks))
    return buffer.getvalue(), doc.page


def render_pdf(blocks: list[Block], nomor: str) -> bytes:
    """The PDF bytes; laid out twice so every footer can state the final page count."""
    _, pages = _build(blocks, nomor, total=0)
    data, pages_again = _build(blocks, nomor, total=pages)
    if pages != pages_again:
        raise RuntimeError(f"{nomor}: page count changed between layout passes")
    return data
