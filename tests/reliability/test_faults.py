"""Crawl boundaries and faults: 429/503 with Retry-After, timeouts, truncated bodies, dropped
POSTs, redirect loops, redirects off the source or to private addresses, infinite pagination, a
50 MB body and wrong content types, each retried, bounded, refused or quarantined, and
reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.boundaries import allowed_hosts, is_private_host, within

from .faults import EVERY_FAULT, run_faults


def test_every_injected_fault_is_handled_and_the_crawl_ends(tmp_path: Path) -> None:
    result = run_faults(tmp_path)
    assert result["tried"] == len(EVERY_FAULT) >= 22
    assert result["problems"] == []
    assert set(result["refusals"]) == {"private", "offsite", "page-limit"}


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("127.0.0.1", True), ("localhost", True), ("10.1.2.3", True), ("192.168.0.1", True),
        ("169.254.169.254", True), ("::1", True), ("fd00::1", True), ("a.localhost", True),
        ("lawphil.net", False), ("8.8.8.8", False), ("putusan3.mahkamahagung.go.id", False),
    ],
)  # fmt: skip
def test_private_addresses_are_recognised(host: str, private: bool) -> None:
    assert is_private_host(host) is private


def test_a_source_may_fetch_from_its_hosts_their_subdomains_and_its_mirror() -> None:
    class Spider:
        real_hosts = ("lawphil.net",)
        site_root = "http://127.0.0.1:8123/lawphil.net"

    allowed = allowed_hosts(Spider())  # type: ignore[arg-type]
    assert within("lawphil.net", allowed) and within("www.lawphil.net", allowed)
    assert within("127.0.0.1", allowed)
    assert not within("evil-lawphil.net", allowed) and not within("example.org", allowed)
