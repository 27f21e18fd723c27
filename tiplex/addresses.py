"""Which addresses are this machine's or a private network's: one rule for the crawlers (which
refuse them, except a configured mirror) and the interfaces (which mark a document served from
one as a local copy, demo or test content, never the real site's page)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def host_of(url: str) -> str:
    """The lower-cased host name (no port, no brackets) of `url`."""
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def is_private_host(host: str) -> bool:
    """Loopback, private, link-local or otherwise non-public: an address literal in those
    ranges, or a local name. Host names are not resolved here (that would block the crawl);
    a public name pointing at a private address is the network's to stop."""
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not address.is_global


def is_local_copy(url: str | None) -> bool:
    """Whether `url` is served from this machine or a private network (the demo's mirror, a
    test server). Real sources never are: the crawlers refuse such addresses unless a mirror is
    configured, so a document linking there is demo or test content, not to be cited."""
    host = host_of(url or "")
    return bool(host) and is_private_host(host)
