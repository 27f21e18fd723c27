"""The LawPhil Project's page layout, shared by its judgments and statutes sources."""

from __future__ import annotations

import lxml.html


def lawphil_main_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The longest `<blockquote>` (the decision or Act), without the site's furniture.

    None when the page has no blockquote (not a lawphil document page)."""
    quotes = tree.xpath("//blockquote")
    if not quotes:
        return None
    main = max(quotes, key=lambda el: len(el.text_content()))
    for footer in main.xpath(".//a[@class='id'] | .//td[@class='id']"):
        footer.drop_tree()
    # Anti-copy watermarks ("ℒαwρhi৷") are injected as <cite> elements into the text;
    # dropping them keeps what follows them (their tail).
    for watermark in main.xpath(".//cite"):
        watermark.drop_tree()
    # Footnote references are a custom <nt>N</nt> tag: "[N]" keeps them apart from the word or
    # number they follow.
    for reference in main.xpath(".//nt"):
        reference.text = f"[{(reference.text or '').strip()}]"
    return main


def has_lawphil_footer(tree: lxml.html.HtmlElement) -> bool:
    """A page saved from lawphil (a local file has no URL to tell)."""
    return bool(tree.xpath("//a[@class='id'][contains(., 'Lawphil Project')]"))
