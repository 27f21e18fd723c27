"""The small text markup the lawphil demo sources are written in, turned into lawphil-style HTML.

Sources are plain text so that a case can be read and corrected without wading through tags.
Blocks are separated by blank lines:

- `## Heading`                 a centred bold heading ("The Antecedents", "ARTICLE I")
- `> text`                     a quoted block (an Information, a provision); consecutive `>`
                               lines form one quotation, `>` alone separates its paragraphs
- `- text` on every line       an indented list, rendered in `<dir>` as lawphil does
- `[^n]: text`                 footnote n (collected and printed after the `<hr>`)
- anything else                a justified paragraph

Inline: `**bold**`, `*italic*`, `[^n]` (a footnote reference). A paragraph of a statute that starts
with `Section N.` or `Sec. N.` gets that label in bold, as on the real Act pages.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"\*(.+?)\*")
_FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^(\d+)\]:\s*(.*)$", re.DOTALL)
_SECTION_LABEL = re.compile(r"^((?:Section|Sec\.) \d+(?:-[A-Z])?\.)(\s+)")


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """The HTML of a body and of its footnotes, apart because the page puts an `<hr>` between."""

    body: str
    footnotes: str


def inline(text: str) -> str:
    """Escape the text for HTML, then apply bold, italic and footnote references."""
    escaped = html.escape(text, quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    escaped = _ITALIC.sub(r"<i>\1</i>", escaped)
    return _FOOTNOTE_REF.sub(r'<sup><a class="nt" name="rnt\1" href="#fnt\1">\1</a></sup>', escaped)


def _join_lines(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


def _quotation(lines: list[str]) -> str:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        content = line[1:].strip()
        if content:
            paragraphs[-1].append(content)
        elif paragraphs[-1]:
            paragraphs.append([])
    inner = "\n".join(f'<p align="justify">{inline(_join_lines(p))}</p>' for p in paragraphs if p)
    return f"<blockquote>\n{inner}\n</blockquote>"


def _statute_paragraph(text: str) -> str:
    match = _SECTION_LABEL.match(text)
    if not match:
        return f'<p align="justify">{inline(text)}</p>'
    label, rest = match.group(1), text[match.end() :]
    return f'<p align="justify"><b>{html.escape(label)}</b> {inline(rest)}</p>'


def render_body(source: str, *, statute: bool = False) -> RenderedBody:
    """Render a whole source body; `statute` turns on the bold `Section N.` labels."""
    blocks = [b for b in re.split(r"\n\s*\n", source.strip()) if b.strip()]
    body: list[str] = []
    notes: list[str] = []
    for block in blocks:
        lines = block.strip().splitlines()
        first = lines[0]
        if footnote := _FOOTNOTE_DEF.match(block.strip()):
            number, text = footnote.group(1), _join_lines(footnote.group(2).splitlines())
            notes.append(
                f'<p align="justify"><a class="nt" name="fnt{number}" href="#rnt{number}">'
                f"<sup>{number}</sup></a> {inline(text)}</p>"
            )
        elif first.startswith("## "):
            heading = "<br>".join(inline(line.removeprefix("## ").strip()) for line in lines)
            body.append(f'<p align="center"><b>{heading}</b></p>')
        elif all(line.startswith(">") for line in lines):
            body.append(_quotation(lines))
        elif all(line.startswith("- ") for line in lines):
            items = "\n".join(
                f'<p align="justify">{inline(line[2:].strip())}</p>' for line in lines
            )
            body.append(f"<dir>\n{items}\n</dir>")
        elif statute:
            body.append(_statute_paragraph(_join_lines(lines)))
        else:
            body.append(f'<p align="justify">{inline(_join_lines(lines))}</p>')
    return RenderedBody(body="\n".join(body), footnotes="\n".join(notes))


def plain_words(source: str) -> int:
    """How many words a reader sees in a source body (markup characters are not words)."""
    text = _FOOTNOTE_REF.sub("", source)
    text = re.sub(r"[*>#]|^- |^\[\^\d+\]:", " ", text, flags=re.MULTILINE)
    return len(text.split())
