"""A source's own arguments (the Acts it watches, the words it searches for) reach its spider
from `tiplex run --option`, the weekly flow and `crawl()`, and a wrong one stops the run before
any site is asked.

Krisdika is the example: it fetches one law page per configured `sysid`, so which pages the
local server was asked for shows exactly which option the spider received."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawlers import crawl, list_sources
from crawlers.registry import source_classes, spider_options
from crawlers.testing import SiteFixture
from flows.pipeline import weekly_update
from interfaces.cli import app
from tiplex.demo.server import serve_directory
from tiplex.settings import Settings

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
SOURCE = "th_krisdika_legislation"
WATCHED = "571127"  # the spider's default: the Act of B.E. 2551 as enacted
ANOTHER = "600001"  # served by the test site as a second law page
NOT_SERVED = "600002"


def _site(root: Path) -> Path:
    fixture = SiteFixture.load(EXAMPLES / f"{SOURCE}.site.json")
    site = fixture.build(EXAMPLES, root)
    page = next((site / "www.krisdika.go.th" / "librarian").iterdir())
    (page.parent / page.name.replace(WATCHED, ANOTHER)).write_bytes(page.read_bytes())
    return site


def _asked(server_log: list[str]) -> set[str]:
    return {
        sysid for line in server_log for sysid in (WATCHED, ANOTHER, NOT_SERVED) if sysid in line
    }


def test_options_are_read_off_each_spiders_own_arguments() -> None:
    options = {source.id: source.options for source in list_sources()}
    assert options[SOURCE] == ("sysids",)
    assert options["my_lom_legislation"] == ("acts",)
    assert options["ph_lawphil_judgments"] == ()  # takes only the common ones
    assert options["local"] == ()
    # Nothing the base class takes (window, limit, mirror) counts as a source's own option.
    assert "since" not in spider_options(source_classes()[SOURCE])


@pytest.mark.slow
def test_crawl_passes_the_options_to_the_spider(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home").ensure_dirs()
    with serve_directory(_site(tmp_path / "site")) as server:
        base_url = f"{server.url}/www.krisdika.go.th"
        report = crawl(SOURCE, settings, base_url=base_url, options={"sysids": ANOTHER})
        asked = _asked([str(entry) for entry in server.log.entries])
    assert asked == {ANOTHER}, "the option replaces the watched list, it is not ignored"
    assert [d.doc_id for d in report.documents] == [f"{SOURCE}:{ANOTHER}"]


def test_an_option_the_source_does_not_take_stops_the_crawl_before_any_request(
    tmp_path: Path,
) -> None:
    settings = Settings(home=tmp_path / "home")
    with pytest.raises(ValueError, match="unknown option.*takes: sysids"):
        crawl(SOURCE, settings, base_url="http://127.0.0.1:9", options={"acts": "670"})
    with pytest.raises(ValueError, match="need a value"):
        crawl(SOURCE, settings, base_url="http://127.0.0.1:9", options={"sysids": " "})


def test_the_options_are_checked_on_the_spider_already_found_for_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crawlers.runner

    walks: list[int] = []

    def counted_walk() -> dict[str, type]:
        walks.append(1)
        return source_classes()

    monkeypatch.setattr(crawlers.runner, "source_classes", counted_walk)
    settings = Settings(home=tmp_path / "home")
    with pytest.raises(
        ValueError, match=f"^{SOURCE}: unknown option\\(s\\) acts; this source takes: sysids$"
    ):
        crawl(SOURCE, settings, base_url="http://127.0.0.1:9", options={"acts": "670"})
    assert len(walks) == 1, "the registry is walked once, for the window and the options both"
    # Handed the class, check_options says what it said when it looked the source up itself.
    spider = crawlers.runner.check_window(SOURCE, None, None)
    for options in ({"acts": "670"}, {"sysids": " "}):
        with pytest.raises(ValueError) as own_lookup:
            crawlers.runner.check_options(SOURCE, options)
        with pytest.raises(ValueError) as handed:
            crawlers.runner.check_options(SOURCE, options, spider)
        assert str(handed.value) == str(own_lookup.value)


@pytest.mark.slow
def test_the_weekly_flow_hands_each_source_its_options(tiplex_home: Path, tmp_path: Path) -> None:
    with serve_directory(_site(tmp_path / "site")) as server:
        summary = weekly_update(
            source_ids=[SOURCE],
            base_urls={SOURCE: f"{server.url}/www.krisdika.go.th"},
            source_options={SOURCE: {"sysids": f"{WATCHED},{NOT_SERVED}"}},
            home=str(tiplex_home),
        )
        asked = _asked([str(entry) for entry in server.log.entries])
    assert asked == {WATCHED, NOT_SERVED}
    row = summary["sources"][0]
    assert (row["new"], row["failed"]) == (1, 1)  # the sysid the site does not have is a 404
    assert any(NOT_SERVED in error for error in row["errors"])


def test_run_rejects_a_malformed_or_unknown_option_with_a_clear_message(tiplex_home: Path) -> None:
    runner = CliRunner()
    malformed = runner.invoke(app, ["run", "--option", "acts=670"])
    assert malformed.exit_code == 2
    assert "SOURCE.NAME=VALUE" in malformed.output
    unknown = runner.invoke(app, ["run", "--source", SOURCE, "--option", f"{SOURCE}.acts=670"])
    assert unknown.exit_code == 2
    assert "takes: sysids" in unknown.output
    elsewhere = runner.invoke(
        app, ["run", "--source", SOURCE, "--option", "my_lom_legislation.acts=670"]
    )
    assert elsewhere.exit_code == 2
    assert "not among the --source" in elsewhere.output
    assert not (tiplex_home / "runs").exists() or not any((tiplex_home / "runs").iterdir())
