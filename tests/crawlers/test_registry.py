"""The registry is walked from crawlers.sources and every source is fully described."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from crawlers import list_sources
from crawlers.registry import DOCSTRING_FIELDS, docstring_fields, source_classes, sources_markdown
from crawlers.testing import example_files

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
ASEAN_AND_OTHER_ISO_CODES = {
    # ISO 3166-1 alpha-2 of the ASEAN states, and a few neighbours sources may come from.
    "bn", "kh", "id", "la", "my", "mm", "ph", "sg", "th", "vn", "tl", "au", "cn", "in", "jp", "kr",
    "int",  # regional sources (SHERLOC, the LIIs, ASEAN): each document carries its own country
}  # fmt: skip
SOURCES = source_classes()


def test_list_sources_gives_every_module_once_with_unique_ids() -> None:
    infos = list_sources()
    ids = [info.id for info in infos]
    assert len(ids) == len(set(ids))
    assert {"ph_lawphil_judgments", "ph_lawphil_statutes", "id_mahkamahagung_judgments"} <= set(ids)
    local = next(info for info in infos if info.id == "local")
    assert local.kind == "local"


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_source_is_named_after_its_module_and_country(source_id: str) -> None:
    source = SOURCES[source_id]
    assert source.__module__ == f"crawlers.sources.{source_id}"
    prefix = source_id.split("_", 1)[0]
    assert source_id == "local" or prefix in ASEAN_AND_OTHER_ISO_CODES
    if source_id != "local":
        assert source.country == prefix.upper()
        assert source.kind in ("judgments", "legislation")
        # Some official portals still serve plain http; each source says which it is.
        assert source.base_url.startswith(("https://", "http://"))
        assert source.window_unit in ("day", "month", "year")


@pytest.mark.parametrize("source_id", sorted(s for s in SOURCES if s != "local"))
def test_schedule_is_a_cron_the_deployments_can_use(source_id: str) -> None:
    from prefect.schedules import Cron

    schedule = SOURCES[source_id].schedule
    assert len(schedule.split()) == 5, f"{source_id}: {schedule!r} is not a 5-field cron"
    Cron(schedule, timezone="UTC")  # raises on an invalid expression


@pytest.mark.parametrize("source_id", sorted(s for s in SOURCES if s != "local"))
def test_language_is_one_code_or_several_for_a_bilingual_site(source_id: str) -> None:
    source = SOURCES[source_id]
    codes = [source.language] if source.language else list(source.languages)
    assert codes, f"{source_id}: set `language`, or `languages` for a multilingual site"
    assert all(2 <= len(code) <= 3 and code.isalpha() and code.islower() for code in codes)


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_docstring_has_the_fixed_fields(source_id: str) -> None:
    fields = docstring_fields(SOURCES[source_id])
    for name in DOCSTRING_FIELDS:
        assert fields.get(name), f"{source_id}: docstring field {name!r} is missing or empty"
    module_doc = inspect.getdoc(sys.modules[SOURCES[source_id].__module__]) or ""
    assert module_doc.splitlines()[0].endswith(".")


@pytest.mark.parametrize("source_id", sorted(s for s in SOURCES if s != "local"))
def test_spider_has_a_saved_example(source_id: str) -> None:
    assert example_files(EXAMPLES, source_id, other_ids=SOURCES)


def test_every_example_file_belongs_to_a_source() -> None:
    claimed = {path for source in SOURCES for path in example_files(EXAMPLES, source, SOURCES)}
    pages = (".html", ".pdf", ".xml", ".json")
    flat = {p for p in EXAMPLES.glob("*_example*") if p.suffix in (".html", ".pdf")}
    # A source's own subfolder holds `<callback>_example.<ext>` beside its sidecar files.
    nested = {
        p for p in EXAMPLES.glob("*/*example*") if p.suffix in pages and p.stem.count(".") == 0
    }
    assert flat | nested == claimed


def test_docs_sources_page_is_up_to_date() -> None:
    page = Path(__file__).parents[2] / "docs" / "sources.md"
    assert page.read_text(encoding="utf-8") == sources_markdown(), (
        "regenerate: python -m crawlers.registry --markdown > docs/sources.md"
    )


@pytest.mark.parametrize("source_id", sorted(s for s in SOURCES if s != "local"))
def test_start_requests_stay_on_the_configured_base_url(source_id: str) -> None:
    import asyncio

    spider = SOURCES[source_id](base_url="http://127.0.0.1:9/mirror/")

    async def first_urls() -> list[str]:
        return [request.url async for request in spider.start()]

    urls = asyncio.run(first_urls())
    assert urls
    assert all(url.startswith("http://127.0.0.1:9/mirror/") for url in urls)
    assert spider.download_delay < 0.1
