"""Recognise bot-protection pages (Cloudflare and the like), which must never be stored."""

from __future__ import annotations

# Lower-cased markers of the challenge page's own machinery, found in every language the page
# is shown in (its title and text are localised: "Just a moment...", "Tunggu sebentar...").
# Ordinary pages of a Cloudflare site with JavaScript detections on load
# "/cdn-cgi/challenge-platform/scripts/jsd/main.js", and forms may embed a Turnstile widget:
# neither "challenge-platform" nor "cf-turnstile" alone marks a challenge.
CHALLENGE_MARKERS: tuple[str, ...] = (
    "window._cf_chl_opt",
    "_cf_chl_opt",
    "/cdn-cgi/challenge-platform/h/",
    "cf-chl-widget",
    "orchestrate/chl_page",
)


def challenge_marker(body: bytes, content_type: str = "") -> str | None:
    """The marker found in an HTML response, or None. PDFs and other binaries are not checked."""
    if body.startswith(b"%PDF") or ("html" not in content_type.lower() and b"<" not in body[:256]):
        return None
    head = body[:65536].decode("utf-8", errors="replace").lower()
    return next((marker for marker in CHALLENGE_MARKERS if marker in head), None)
