"""Render the Malaysian part of the demo mirror: Laws of Malaysia and the e-Judgment service.

    .venv/bin/python tools/demo_authoring/malaysia/build.py          # write the files
    .venv/bin/python tools/demo_authoring/malaysia/build.py --check  # fail if the mirror is stale

Sources: `malaysia_content.py` beside this file. Outputs, in the structure the spiders read
(tests/examples/crawlers/my_lom_legislation, my_kehakiman_judgments):
- lom.agc.gov.my: a reprint PDF for each Act and language the spider asks for (Act 670 in
  English, the extract the judgment applies; short extracts of the others), its metadata in the
  PDF Info dictionary (`/titleBI` or `/titleBM`, `/legislationno`, `/bahasa`, `/status`,
  `/publicationDate`);
- ejudgment.kehakiman.gov.my: the JSON answers to the search POSTs of the demo's window (one per
  search term; only the Malay term finds the case) and the grounds-of-judgment PDF, served on
  the mirror under the e-filing host's path.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import malaysia_content as c  # noqa: E402
from mirrorfiles import MIRROR, main_for, post_answer, query_page, text_pdf  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402

from crawlers.sources.my_kehakiman_judgments import (  # noqa: E402
    DEFAULT_SEARCH_TERMS,
    DOCUMENT_URL,
    SEARCH_PATH,
    search_body,
)
from crawlers.sources.my_lom_legislation import Language, pdf_path  # noqa: E402
from interfaces.demo import DEMO_SINCE, DEMO_UNTIL  # noqa: E402

LOM = MIRROR / "lom.agc.gov.my"
EJUDGMENT = MIRROR / "ejudgment.kehakiman.gov.my"
MALAYSIA = timezone(timedelta(hours=8))
FINDS_THE_CASE = "pemerdagangan orang"


def with_info(raw: bytes, info: dict[str, str]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.add_metadata(info)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def reprint(
    number: str,
    language: Language,
    title: str,
    published: str,
    text: tuple[str, ...],
    latin_only: bool = True,
) -> bytes:
    """A reprint PDF whose Info dictionary carries the keys the real reprints carry (the Malay
    title under `/titleBM`, as the spider's Malay fixture has it)."""
    code = "BM" if language == "ms" else "BI"
    demo = c.DEMO_ACT_MS if language == "ms" else c.DEMO_ACT
    raw = text_pdf(list(text), title=code, subject=demo, latin_only=latin_only)
    label = "Akta" if language == "ms" else "Act"
    return with_info(
        raw,
        {
            f"/title{code}": title,
            "/legislationno": f"{label} {number}",
            "/bahasa": code,
            "/status": "IBU",
            "/publicationDate": f"{published}T00:00:00Z",
        },
    )


def reprints() -> dict[Path, bytes]:
    """Every reprint the spider asks for: Act 670 in English (the extract the demo's judgment
    applies) and the short extracts of `REPRINTS`."""
    files = {
        LOM / mirror_path(c.ACT_NUMBER, "en"): reprint(
            c.ACT_NUMBER, "en", c.ACT_TITLE, "2025-01-01", c.ACT_TEXT, latin_only=False
        )
    }
    for (number, language), (title, published, sections) in c.REPRINTS.items():
        text = c.reprint_text(number, title, sections, malay=language == "ms")
        files[LOM / mirror_path(number, language)] = reprint(
            number, language, title, published, text
        )
    return files


def mirror_path(number: str, language: Language) -> str:
    return pdf_path(number, language).replace("%20", " ").lstrip("/")


def dotnet(day: str) -> str:
    midnight = datetime.combine(date.fromisoformat(day), time(), tzinfo=MALAYSIA)
    return f"/Date({int(midnight.timestamp() * 1000)})/"


def search_answer(found: bool) -> bytes:
    case = c.CASE
    items = [
        {
            "__type": "EJudgmentPortalSearchItem",
            "RowNum": 1,
            "CaseNo": f"{case['case_number']}<br />({case['court']})",
            "Parties": case["parties"],
            "KeyWord": case["keywords"],
            "DateOfResult": dotnet(case["decided"]),
            "DateOfAP": dotnet(case["decided"]),
            "Judge": case["judge"],
            "CorumJudge": f"<ul><li>{case['judge']}</li></ul>",
            "eJudgUniqueID": case["case_id"],
            "ListOfAPDoc": [
                {
                    "DocumentID": c.GROUNDS_ID,
                    "APDocName": "Alasan Penghakiman (demo)",
                    "APPreparedBy": case["judge"],
                    "DecisionCategory": "Keputusan Akhir",
                    "IsExpunged": False,
                }
            ],
        }
    ]
    answer = {
        "d": {
            "__type": "EJudgmentPortalSearchResult",
            "TOTAL_RECORD": len(items) if found else 0,
            "ListOfSearchItem": items if found else [],
        }
    }
    return (json.dumps(answer, ensure_ascii=False, indent=1) + "\n").encode()


def build() -> dict[Path, bytes]:
    first, last = date.fromisoformat(DEMO_SINCE), date.fromisoformat(DEMO_UNTIL)
    files = reprints()
    for term in DEFAULT_SEARCH_TERMS:
        body = search_body(term, 1, first, last)
        files[EJUDGMENT / post_answer(SEARCH_PATH, body)] = search_answer(term == FINDS_THE_CASE)
    path, query = DOCUMENT_URL.format(id=c.GROUNDS_ID).split("/", 3)[3].split("?", 1)
    files[EJUDGMENT / query_page(path, query)] = text_pdf(
        list(c.JUDGMENT_TEXT), title="Alasan Penghakiman (demo)", subject=c.DEMO_JUDGMENT
    )
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
