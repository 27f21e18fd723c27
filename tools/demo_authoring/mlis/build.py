"""Render the Myanmar part of the demo mirror (www.mlis.gov.mm): a team-written law on
trafficking in persons, as Burmese and English twins behind the MLIS JSON service.

    .venv/bin/python tools/demo_authoring/mlis/build.py          # write the answers and pages
    .venv/bin/python tools/demo_authoring/mlis/build.py --check  # fail if the mirror is stale

Outputs, in the structure the spider reads (tests/examples/crawlers/mm_mlis_legislation): the
answer to the list POST (`/mLsScList.do`, the spider's own query), each twin's view page
(`/mLsView.do?lawordSn=…`, whose `a.btn-convert` links the other twin) and each twin's body, the
answer to the detail POST (`/mLsViewDetail.do`). The Burmese is Unicode (Pyidaungsu), not
Zawgyi. Both twins are our own words, not the official text (see EXPECTED.md).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, post_answer, query_page  # noqa: E402

from crawlers.posting import json_body  # noqa: E402
from crawlers.sources.mm_mlis_legislation import PAGE_SIZE, MmMlisLegislation  # noqa: E402

MLIS = MIRROR / "www.mlis.gov.mm"
PROMULGATED = "2022-08-10"  # invented, inside the demo's window


@dataclass(frozen=True)
class Twin:
    laword_sn: str
    language: str
    title: str
    convert_label: str  # the button that opens the other twin
    # (class, text): SEC1 a chapter heading, SEC2 a section
    sections: tuple[tuple[str, str], ...]


BURMESE = Twin(
    laword_sn="9901",
    language="my",
    title="လူကုန်ကူးမှုတားဆီးနှိမ်နင်းရေးဥပဒေ",
    convert_label="English",
    sections=(
        ("SEC1", "(သရုပ်ပြ စာသား - Demo content: team-written for the tiplex demo; "
                 "not the official text.)"),
        ("SEC1", "အခန်း (၁) အမည်နှင့် အဓိပ္ပာယ်ဖော်ပြချက်"),
        ("SEC2", "၁။ ဤဥပဒေကို လူကုန်ကူးမှုတားဆီးနှိမ်နင်းရေးဥပဒေ ဟု ခေါ်တွင်စေရမည်။"),
        ("SEC2", "၂။ လူကုန်ကူးမှုဆိုသည်မှာ အမြတ်ထုတ်ရန်အတွက် လူကို ခြိမ်းခြောက်၍ဖြစ်စေ၊ "
                 "လှည့်စား၍ဖြစ်စေ စုဆောင်းခြင်း၊ ပို့ဆောင်ခြင်း သို့မဟုတ် လက်ခံခြင်း ဖြစ်သည်။"),
        ("SEC1", "အခန်း (၂) ပြစ်မှုနှင့် ပြစ်ဒဏ်"),
        ("SEC2", "၃။ လူကုန်ကူးမှုကို ကျူးလွန်သူသည် ထောင်ဒဏ် ဆယ်နှစ်မှ နှစ်ဆယ်နှစ်အထိ "
                 "ချမှတ်ခြင်း ခံရမည်။"),
        ("SEC1", "အခန်း (၃) လူကုန်ကူးခံရသူများကို ကာကွယ်ခြင်း"),
        ("SEC2", "၄။ လူကုန်ကူးခံရသူကို လူကုန်ကူးခံရခြင်း၏ တိုက်ရိုက်အကျိုးဆက်အဖြစ် "
                 "ကျူးလွန်မိသော ပြစ်မှုအတွက် အရေးယူခြင်း မပြုရ။"),
    ),
)  # fmt: skip

ENGLISH = Twin(
    laword_sn="9902",
    language="en",
    title="Anti Trafficking in Persons Law (demo)",
    convert_label="မြန်မာ",
    sections=(
        ("SEC1", "(Demo content: team-written for the tiplex demo; not the official text.)"),
        ("SEC1", "Chapter I Title and Definition"),
        ("SEC2", "1. This Law shall be called the Anti Trafficking in Persons Law."),
        ("SEC2", "2. Trafficking in persons means recruiting, transporting or receiving a person "
                 "by threat or deception for the purpose of exploitation."),
        ("SEC1", "Chapter II Offences and Penalties"),
        ("SEC2", "3. Whoever commits trafficking in persons shall be punished with imprisonment "
                 "from ten to twenty years."),
        ("SEC1", "Chapter III Protection of Trafficked Persons"),
        ("SEC2", "4. A trafficked person shall not be prosecuted for an offence committed as a "
                 "direct result of being trafficked."),
    ),
)  # fmt: skip

TWINS = (BURMESE, ENGLISH)
# The answer key the demo tests read: the documents' ids and languages.
EXPECTED = {twin.laword_sn: twin.language for twin in TWINS}


def list_answer() -> bytes:
    rows = [
        {"lawordSn": twin.laword_sn, "lawordNm": twin.title, "promulDt": PROMULGATED}
        for twin in TWINS
    ]
    answer = {"_comment": "Demo content (team-written)", "list": rows, "totalCount": len(rows)}
    return (json.dumps(answer, ensure_ascii=False, indent=1) + "\n").encode()


def view_path(twin: Twin) -> str:
    return f"/mLsView.do?lawordSn={twin.laword_sn}"


def view_page(twin: Twin, other: Twin) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="{twin.language}">
<head><meta charset="utf-8"><title>Myanmar Law Information System</title></head>
<body>
<div class="law-view">
  <h3>{escape(twin.title)}</h3>
  <div class="btn-area">
    <a class="btn btn-convert" href="{view_path(other)}">{other.convert_label}</a>
    <a class="btn btn-print" href="#">Print</a>
  </div>
  <div id="lawContent"></div>
</div>
</body>
</html>
""".encode()


def detail_answer(twin: Twin) -> bytes:
    sections = "\n".join(f'<p class="{css}">{escape(text)}</p>' for css, text in twin.sections)
    return f"""<div class="law-body">
<p class="H3">{escape(twin.title)}</p>
{sections}
</div>
""".encode()


def build() -> dict[Path, bytes]:
    listed = json_body({**MmMlisLegislation.list_query, "pageSize": PAGE_SIZE, "pageIndex": 1})
    files = {MLIS / post_answer("/mLsScList.do", listed): list_answer()}
    for twin, other in ((BURMESE, ENGLISH), (ENGLISH, BURMESE)):
        files[MLIS / query_page("/mLsView.do", f"lawordSn={twin.laword_sn}")] = view_page(
            twin, other
        )
        detail = json_body({"lawordSn": twin.laword_sn})
        files[MLIS / post_answer("/mLsViewDetail.do", detail)] = detail_answer(twin)
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
