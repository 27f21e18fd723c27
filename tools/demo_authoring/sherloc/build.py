"""Render the SHERLOC part of the demo mirror (sherloc.unodc.org).

    .venv/bin/python tools/demo_authoring/sherloc/build.py          # write the pages
    .venv/bin/python tools/demo_authoring/sherloc/build.py --check  # fail if the mirror is stale

Sources: `sherloc_content.py` beside this file. Outputs, in the structure the spider reads
(tests/examples/crawlers/int_sherloc_cases): one answer of the search JSON per ASEAN state the
spider asks for (the POST of its filters; states without a demo case answer `found: 0`), and
one case page per case.
"""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import sherloc_content as c  # noqa: E402
from mirrorfiles import MIRROR, main_for, post_answer, query_page  # noqa: E402

from crawlers.sources.int_sherloc_cases import ASEAN_LABELS, IntSherlocCases  # noqa: E402

SHERLOC = MIRROR / "sherloc.unodc.org"


def case_uri(case: c.Case) -> str:
    year = case.verdict_date[:4]
    number = case.unodc_no.lower()
    return f"/cld/case-law-doc/traffickingpersonscrimetype/{case.alpha3}/{year}/case_{number}.html"


def search_answer(label: str) -> bytes:
    cases = [case for case in c.CASES if case.country_label == label]
    results = [
        {
            "values": {
                "uri": case_uri(case),
                "caseLaw@unodcNo_s1": [case.unodc_no],
                "page_title": case.title,
                "caseLaw@country_s1": [case.alpha3],
                "en#caseLaw@country_label_s1": [case.country_label],
                "caseLaw@decisionVerdictDate_s1": [case.verdict_date],
                "//caseLaw/factSummary/html": [f"<p>{escape(case.facts[0])}</p>"],
                "__el.caseLaw.crimeTypes_s": ["traffickingPersonsCrimeType"],
            }
        }
        for case in cases
    ]
    answer = {"_comment": c.DEMO_NOTE, "found": len(results), "results": results}
    return (json.dumps(answer, ensure_ascii=False, indent=1) + "\n").encode()


def _field(css: str, label: str, value: str) -> str:
    return (
        f'  <div class="{css} field line"><div class="label">{label}</div>'
        f'<div class="value">{escape(value)}</div></div>'
    )


def case_page(case: c.Case) -> bytes:
    facts = "\n".join(f"    <p>{escape(p)}</p>" for p in case.facts)
    tags = " ".join(f"<span>{escape(k)}</span>" for k in case.keywords)
    people = "".join(f'<div class="person">{escape(d)}</div>' for d in case.defendants)
    charges = "\n".join(f'    <div class="person">{escape(ch)}</div>' for ch in case.charges)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(case.title)}</title>
</head>
<body>
<div class="breadcrumb">Case Law Database / Trafficking in persons / {escape(case.title)}</div>
<div id="case-content">
  <h1>{escape(case.title)}</h1>
  <p class="demo-note">{escape(c.DEMO_NOTE)}</p>
{_field("unodcNo", "UNODC No.:", case.unodc_no)}
{_field("country", "Country:", case.country_label)}
{_field("court", "Court:", case.court)}
{_field("docketNumber", "Docket Number:", case.docket)}
{_field("decisionVerdictDate", "Decision Date:", case.verdict_date)}
  <div class="keywordCategory field">
    <div class="label">Keywords</div>
    <div class="tags">{tags}</div>
  </div>
  <div class="factSummary">
    <h3>Fact Summary</h3>
{facts}
  </div>
  <div class="procedural-history"><h3>Procedural History</h3>
    <p>{escape(case.history)}</p></div>
  <div class="defendantsRespondents"><h3>Defendants</h3>
    {people}</div>
  <div class="charges"><h3>Charges / Claims / Decisions</h3>
{charges}
  </div>
{_field("sentence", "Sentence:", case.sentence)}
</div>
</body>
</html>
""".encode()


def build() -> dict[Path, bytes]:
    spider = IntSherlocCases()
    files: dict[Path, bytes] = {}
    for label in ASEAN_LABELS:
        request = spider.search_request(label, start=0)
        path, _, query = request.url.removeprefix(IntSherlocCases.base_url).partition("?")
        files[SHERLOC / post_answer(query_page(path, query), request.body)] = search_answer(label)
    for case in c.CASES:
        # The spider asks for `<uri>?lng=en&tmpl=htms`; the plain file answers any query.
        files[SHERLOC / case_uri(case).lstrip("/")] = case_page(case)
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
