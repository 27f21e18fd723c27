"""The demo's weekly run over the mirror's Singapore, Malaysian-bill, Philippine E-Library and
peraturan.go.id sources, and Laws of Malaysia: the flow the demo runs (real Prefect, the real
spiders against the real HTTP server, the coder, the embedded index), restricted to these six
sources to stay fast. Each yields exactly the documents its answer key
(tools/demo_authoring/<site>/EXPECTED.md) lists, none fails, Laws of Malaysia finds every reprint
it asks for, and a second run over the same home downloads nothing again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crawlers.sources.my_lom_legislation import ACTS_OF_INTEREST as MALAYSIAN_ACTS
from crawlers.sources.sg_sso_legislation import ACTS_OF_INTEREST as SINGAPORE_ACTS
from flows.pipeline import weekly_update
from interfaces.demo import DEMO_SINCE, DEMO_UNTIL, mirror_overrides
from tiplex.demo import MIRROR_DIR
from tiplex.demo.server import serve_directory

EXPECTED: dict[str, list[str]] = {
    "sg_elitigation_judgments": ["2024_SGHC_992", "2025_SGCA_991"],
    "sg_sso_legislation": sorted(SINGAPORE_ACTS),
    "my_parlimen_bills": ["DR-90-2025-en", "DR-90-2025-ms"],
    "ph_elibrary_judgments": ["990001", "990002"],
    "id_peraturan_legislation": [
        "perpres-no-69-tahun-2008",
        "pp-no-9-tahun-2008",
        "uu-no-21-tahun-2007",
    ],
    "my_lom_legislation": sorted(f"{n}-{lang}" for n in MALAYSIAN_ACTS for lang in ("en", "ms")),
}


def _run(home: Path, base_urls: dict[str, str]) -> dict[str, Any]:
    return weekly_update(
        source_ids=sorted(base_urls),
        base_urls=base_urls,
        since=DEMO_SINCE,
        until=DEMO_UNTIL,
        home=str(home),
    )


@pytest.mark.slow
def test_the_demo_run_takes_every_document_of_these_sources_once(tiplex_home: Path) -> None:
    import index
    from tiplex.settings import Settings

    with serve_directory(MIRROR_DIR) as server:
        overrides = mirror_overrides(server.url)
        assert set(EXPECTED) <= set(overrides)  # the demo crawls each of them
        base_urls = {source: overrides[source] for source in EXPECTED}
        first = _run(tiplex_home, base_urls)
        second = _run(tiplex_home, base_urls)

    rows = {row["source_id"]: row for row in first["sources"]}
    assert first["failed_sources"] == []
    for source, own_ids in EXPECTED.items():
        row = rows[source]
        assert (row["status"], row["failed"], row["errors"]) == ("ok", 0, []), source
        assert row["new"] == row["documents_indexed"] == len(own_ids), source

    backend = index.open_backend(Settings(home=tiplex_home))
    try:
        for source, own_ids in EXPECTED.items():
            for own_id in own_ids:
                stored = backend.document(f"{source}:{own_id}")
                assert stored is not None, f"{source}:{own_id}"
                document = stored.document
                assert "demo" in document.text.lower(), document.doc_id  # says it is demo content
                assert "127.0.0.1" not in document.url, document.doc_id  # the real site's address
                if document.doc_type == "judgment":
                    assert stored.facts and stored.facts["is_trafficking_case"], document.doc_id
    finally:
        backend.close()

    # Nothing changed on the mirror: every document is asked for again (conditionally) and none
    # is downloaded, coded or embedded again.
    totals = second["totals"]
    assert second["failed_sources"] == []
    assert (totals["fetched"], totals["new"], totals["changed"], totals["failed"]) == (0, 0, 0, 0)
    assert totals["unchanged"] == sum(len(own_ids) for own_ids in EXPECTED.values())
    assert second["passages_embedded"] == 0
