"""Recognise bot-protection pages (Cloudflare and the like), which must never be stored."""

from __future__ import annotations

# Lower-cased markers seen on challenge pages; the Indonesian one is what putusan3's
# protection shows ("performing a security verification").
CHALLENGE_MARKERS: tuple[str, ...] = (
    "just a moment...",
    "cf-turnstile",
    "checking if the site connection is secure",
    "melakukan verifikasi keamanan",
    "challenge-platform",
    "cf-chl-",
)


def challenge_marker(body: bytes, content_type: str = "") -> str | None:
    """The marker found in an HTML response, or None. PDFs and other binaries are not checked."""
    if body.startswith(b"%PDF") or ("html" not in content_type.lower() and b"<" not in body[:256]):
        return None
    head = body[:65536].decode("utf-8", errors="replace").lower()
    return next((marker for marker in CHALLENGE_MARKERS if marker in head), None)
