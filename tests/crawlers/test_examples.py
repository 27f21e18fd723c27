"""Golden tests: every saved example page of every spider, parsed by its callback.

The loop: save a page under tests/examples/crawlers/, run this test, review the generated
`.compare.json`, run again, commit both.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers.registry import source_classes
from crawlers.testing import example_files, run_example, spider_arguments

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
SPIDERS = {name: cls for name, cls in source_classes().items() if hasattr(cls, "start")}


def _cases() -> list[tuple[str, Path]]:
    return [
        (source_id, path)
        for source_id in SPIDERS
        for path in example_files(EXAMPLES, source_id, other_ids=SPIDERS)
    ]


@pytest.mark.parametrize(("source_id", "example"), _cases(), ids=lambda v: getattr(v, "name", v))
def test_example_matches_golden(source_id: str, example: Path) -> None:
    spider = SPIDERS[source_id](**spider_arguments(example))
    produced = run_example(spider, example)
    golden = example.with_name(example.stem + ".compare.json")
    rendered = json.dumps(produced, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if not golden.exists():
        golden.write_text(rendered, encoding="utf-8")
        pytest.fail(f"wrote {golden.name}: review before committing, then run again")
    assert json.loads(golden.read_text(encoding="utf-8")) == produced


def test_every_spider_has_an_example() -> None:
    for source_id in SPIDERS:
        assert example_files(EXAMPLES, source_id, other_ids=SPIDERS), source_id
