"""The browser download path, with Debian's Chromium, against pages built by JavaScript."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawlers.browser import chromium_path
from crawlers.outcomes import summarise
from crawlers.state import CrawlState
from crawlers.warc import warc_dir
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="no Chromium (make installs it)"),
]
playwright = pytest.importorskip("playwright")

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
ROOT = Path(__file__).parents[2]
# Links and text exist only once the script has run: a plain HTTP client sees none of them.
LISTING = """<html><body><div id="list"></div><script>
for (const id of ["gr_1_2026", "gr_2_2026"]) {
  const a = document.createElement("a"); a.className = "decision";
  a.href = "/decisions/" + id + ".html"; a.textContent = id;
  document.getElementById("list").appendChild(a);
}</script></body></html>"""
DECISION = """<html><body><script>
document.body.innerHTML = "<h1>People v. {who}</h1><p>The accused is guilty of trafficking "
  + "in persons as charged; the decision of the trial court is affirmed.</p>";
</script></body></html>"""


def _crawl(root: Path, settings: Settings) -> tuple[object, list[object]]:
    outcomes = settings.home / "outcomes.jsonl"
    outcomes.touch()
    with serve_directory(root) as server:
        completed = subprocess.run(
            [sys.executable, "-m", "tests.crawlers.browser_source", "--home", str(settings.home),
             "--outcomes", str(outcomes), "--base-url", f"{server.url}/js.example.org"],
            cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
        )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-2000:]
    summary = summarise(outcomes.read_text(encoding="utf-8").splitlines())
    with CrawlState(settings.crawl_db) as state:
        return summary, list(state.pending("xx_jsrendered"))


def test_pages_built_by_javascript_are_rendered_archived_and_challenges_fail_the_source(
    tmp_path: Path, settings: Settings
) -> None:
    site = tmp_path / "site" / "js.example.org"
    (site / "decisions").mkdir(parents=True)
    (site / "list.html").write_text(LISTING, encoding="utf-8")
    (site / "decisions" / "gr_1_2026.html").write_text(DECISION.replace("{who}", "Reyes"))
    (site / "decisions" / "gr_2_2026.html").write_text(DECISION.replace("{who}", "Santos"))

    summary, stored = _crawl(tmp_path / "site", settings)
    assert summary.counts["new"] == 2, summary.errors  # type: ignore[attr-defined]
    texts = {document.doc_id: document.text for document in stored}  # type: ignore[attr-defined]
    assert "trafficking in persons as charged" in texts["xx_jsrendered:gr_1_2026"]
    assert {document.title for document in stored} == {"People v. Reyes", "People v. Santos"}  # type: ignore[attr-defined]
    assert list(warc_dir(settings.home, "xx_jsrendered").glob("*.warc.gz"))

    # A challenge the browser cannot pass: reported as the source's failure, never stored.
    challenge = (EXAMPLES / "real" / "putusan3_challenge_en.html").read_bytes()
    (site / "decisions" / "gr_1_2026.html").write_bytes(challenge)
    (site / "decisions" / "gr_2_2026.html").write_bytes(challenge)
    second_home = Settings(home=tmp_path / "second").ensure_dirs()
    summary, stored = _crawl(tmp_path / "site", second_home)
    assert stored == []
    assert summary.source_failed and any("challenge" in e for e in summary.errors)  # type: ignore[attr-defined]
