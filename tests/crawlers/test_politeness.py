"""Politeness, behaviourally: robots.txt, Retry-After and challenge pages on a local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers import crawl
from tiplex.settings import Settings

from .scripted import ScriptedSite, serve_scripted

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
YEAR = "lawphil.net/statutes/repacts/ra2022"
ACTS = ("ra_11001_2022", "ra_11002_2022", "ra_11003_2022", "ra_11004_2022")
ORDINARY_CLOUDFLARE_SCRIPT = (
    b'<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></body>'
)


MANY_ACTS = tuple(f"ra_{number}_2022" for number in range(11010, 11022))


def _year_page(acts: tuple[str, ...]) -> bytes:
    rows = "".join(
        f'<tr class="xy"><td><a href="{act}.html">Republic Act No. {act[3:8]}</a><br>'
        f"June 1, 2022</td><td>An Act numbered {act[3:8]}</td></tr>"
        for act in acts
    )
    return f"<html><body><table>{rows}</table></body></html>".encode()


def _site(root: Path, acts: tuple[str, ...] = ACTS) -> ScriptedSite:
    folder = root / YEAR
    folder.mkdir(parents=True)
    (folder / "ra2022.html").write_bytes(_year_page(acts))
    act = (EXAMPLES / "ph_lawphil_statutes_act_example.html").read_bytes()
    for name in acts:
        # Every act page carries Cloudflare's JavaScript-detection script, as ordinary pages
        # of such sites do: it must not be mistaken for a challenge.
        page = act.replace(b"11862", name[3:8].encode()).replace(
            b"</body>", ORDINARY_CLOUDFLARE_SCRIPT
        )
        (folder / f"{name}.html").write_bytes(page)
    # robots.txt lives at the server's root; the mirror keeps the real host in the path.
    (root / "robots.txt").write_text(
        f"User-agent: *\nDisallow: /{YEAR}/{ACTS[-1]}\n", encoding="utf-8"
    )
    return ScriptedSite(root=root)


def _crawl(site: ScriptedSite, settings: Settings) -> object:
    return crawl(
        "ph_lawphil_statutes",
        settings,
        base_url=f"{site.url}/lawphil.net",
        since="2022",
        until="2022",
    )


def test_robots_txt_is_obeyed_and_retry_after_holds_the_whole_host(
    tmp_path: Path, settings: Settings
) -> None:
    site = _site(tmp_path / "site")
    site.script["/ra_"] = [(429, {"Retry-After": "2"})]  # the first act asked for
    with serve_scripted(site):
        report = _crawl(site, settings)

    stored = {document.doc_id.split(":")[1] for document in report.documents}  # type: ignore[attr-defined]
    assert stored == set(ACTS[:-1]), report
    assert not site.requests_for(ACTS[-1]), "a path robots.txt disallows was asked for"
    assert any("robots.txt" in error for error in report.errors)  # type: ignore[attr-defined]
    (limited,) = [entry for entry in site.log if entry[2] == 429]
    later = [entry for entry in site.log if entry[0] > limited[0]]
    assert len(later) >= 2  # the retry and at least one other act queued behind it
    # Nothing went to the host while it asked to wait, not even requests for other pages.
    assert min(when for when, _, _ in later) - limited[0] >= 1.8


def test_a_challenge_behind_one_link_fails_the_source_and_nothing_of_it_is_stored(
    tmp_path: Path, settings: Settings
) -> None:
    site = _site(tmp_path / "site", MANY_ACTS)
    challenge = (EXAMPLES / "real" / "putusan3_challenge_id.html").read_bytes()
    for name in MANY_ACTS:
        (site.root / YEAR / f"{name}.html").write_bytes(challenge)
    with serve_scripted(site):
        report = _crawl(site, settings)

    assert report.documents == ()  # type: ignore[attr-defined]
    assert any("challenge" in error for error in report.errors)  # type: ignore[attr-defined]
    # The crawl stops at the first challenge instead of collecting more of them: only what was
    # already handed to the downloader (CONCURRENT_REQUESTS = 4) still goes out.
    assert len([entry for entry in site.log if "/ra_" in entry[1]]) <= 5
