"""A vbpl full-text page with an empty `#toanvancontent`, as the site serves it for documents
published only as attachments. No such real page was ever saved, so it is made from the real
full-text page of ItemID 32801 (`fulltext_example.html`): its full text emptied and its ids
changed to the Criminal Procedure Code's (96172), everything else as the site writes it."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers" / "vn_vbpl_legislation"
_OPENING = 'id="toanvancontent">'
_CLOSING = "\n\t\t\t\t\t</div>"  # the div's own closing tag, at its indentation
_EMPTY_BODY = "\n\t\t\t\t\t\t<p>\n\t\t\t\t\t\t\t&#160;</p>"  # what the site leaves in an empty tab


def full_text_page_with_empty_tab() -> str:
    real = (EXAMPLES / "fulltext_example.html").read_text(encoding="utf-8")
    start = real.index(_OPENING) + len(_OPENING)
    end = real.index(_CLOSING, start)
    return (real[:start] + _EMPTY_BODY + real[end:]).replace("ItemID=32801", "ItemID=96172")
