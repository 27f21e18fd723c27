"""Tiny PDFs made on the fly with reportlab (test data only)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def write_pdf(path: Path, pages: list[list[str]], title: str = "") -> Path:
    """One PDF page per list of lines; a page with no lines has no text layer."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if title:
        pdf.setTitle(title)
    for lines in pages:
        y = 780
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 16
        if not lines:
            pdf.rect(72, 600, 200, 100, fill=1)  # ink, but no text: like a scanned page
        pdf.showPage()
    pdf.save()
    return path
