"""Render the Thai part of the demo mirror: Krisdika's law library and the Supreme Court's forms.

    .venv/bin/python tools/demo_authoring/thailand/build.py          # write the pages
    .venv/bin/python tools/demo_authoring/thailand/build.py --check  # fail if the mirror is stale

Sources beside this file: `act_2551.txt` (the real Anti-Trafficking in Persons
Act B.E. 2551 as enacted, see EXPECTED.md) and `decisions.py` (team-written decisions).
Outputs, in the structure the spiders read (tests/examples/crawlers/th_*):
- www.krisdika.go.th: the file service's page for sysid 571127, TIS-620 without a charset label;
- deka.supremecourt.or.th: the answer to the search form's POST and one print-form answer per
  decision, each under the hash of the POST body the spider sends.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decisions import DECISIONS, Decision  # noqa: E402
from mirrorfiles import MIRROR, main_for, post_answer, query_page  # noqa: E402

from crawlers.extract import THAI_CODE_PAGE  # noqa: E402
from crawlers.posting import form_body  # noqa: E402
from crawlers.sources.th_supremecourt_judgments import PRINT_FLAGS, ThSupremecourtJudgments  # noqa: E402

KRISDIKA = MIRROR / "www.krisdika.go.th"
DEKA = MIRROR / "deka.supremecourt.or.th"
SYSID = "571127"
TITLE = "พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. ๒๕๕๑"
DEMO_NOTE_LAW = (
    "เอกสารสาธิต (demo content): หน้านี้เป็นส่วนหนึ่งของกระจกเงาสาธิตของ tiplex "
    "ตัวบทพระราชบัญญัติฉบับที่ประกาศใช้ครั้งแรก ไม่รวมฉบับแก้ไขเพิ่มเติม พ.ศ. ๒๕๕๘ ๒๕๖๐ และ ๒๕๖๒ "
    "และไม่ใช่หน้าจริงของสำนักงานคณะกรรมการกฤษฎีกา"
)


def law_page() -> bytes:
    sections = (HERE / "act_2551.txt").read_text(encoding="utf-8").strip().split("\n\n")
    body = "\n".join(
        "<p>" + "<br>\n".join(escape(line) for line in section.splitlines()) + "</p>"
        for section in sections
    )
    page = f"""<html>
<head>
<title>{TITLE}</title>
</head>
<body>
<p align="center"><b>พระราชบัญญัติ<br>ป้องกันและปราบปรามการค้ามนุษย์<br>พ.ศ. ๒๕๕๑</b></p>
<p align="center">ภูมิพลอดุลยเดช ป.ร.<br>ให้ไว้ ณ วันที่ ๓๐ มกราคม พ.ศ. ๒๕๕๑<br>เป็นปีที่ ๖๓ ในรัชกาลปัจจุบัน</p>
<p>พระบาทสมเด็จพระปรมินทรมหาภูมิพลอดุลยเดช มีพระบรมราชโองการโปรดเกล้าฯ ให้ประกาศว่า</p>
<p>จึงทรงพระกรุณาโปรดเกล้าฯ ให้ตราพระราชบัญญัติขึ้นไว้โดยคำแนะนำและยินยอมของสภานิติบัญญัติแห่งชาติ ดังต่อไปนี้</p>
{body}
<p>ผู้รับสนองพระราชโองการ</p>
<p>(ราชกิจจานุเบกษา เล่ม ๑๒๕ ตอนที่ ๒๙ ก หน้า ๒๘ วันที่ ๖ กุมภาพันธ์ ๒๕๕๑)</p>
<p>{DEMO_NOTE_LAW}</p>
</body>
</html>
"""
    return page.encode(THAI_CODE_PAGE)


def search_page(decisions: tuple[Decision, ...]) -> bytes:
    items = "\n".join(
        f"""    <div class="result-item">
      <h4 class="deka-no">คำพิพากษาศาลฎีกาที่ {d.number_th}</h4>
      <p class="short-text">{escape(d.short)}</p>
      <button type="button" class="btn btn-print" data-docid="{d.docid}">พิมพ์</button>
    </div>"""
        for d in decisions
    )
    keyword = ThSupremecourtJudgments.keyword
    return f"""<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>ระบบสืบค้นคำพิพากษาศาลฎีกา (สาธิต)</title>
</head>
<body>
<div class="container">
  <div class="search-summary">ผลการค้นหา "{keyword}" (ข้อมูลสาธิต)</div>
  <div class="search-result">
{items}
  </div>
</div>
</body>
</html>
""".encode()


def print_page(d: Decision) -> bytes:
    long_text = "\n".join(f"      <p>{escape(p)}</p>" for p in d.long)
    return f"""<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<title>พิมพ์คำพิพากษาศาลฎีกา</title>
</head>
<body>
<page size="A4">
  <h3 class="deka-no">คำพิพากษาศาลฎีกาที่ {d.number_th}</h3>
  <div class="part"><span class="label">คู่ความ:</span>
    <span class="value">{escape(d.parties)}</span></div>
  <div class="part"><span class="label">กฎหมายที่เกี่ยวข้อง:</span>
    <span class="value">{escape(d.law)}</span></div>
  <div class="part"><span class="label">ย่อสั้น</span>
    <span class="value short-text">{escape(d.short)}</span></div>
  <div class="part"><span class="label">ย่อยาว</span>
    <div class="value long-text">
{long_text}
    </div></div>
  <div class="part"><span class="label">ผู้พิพากษา:</span>
    <span class="value">{escape(d.judges)}</span></div>
  <div class="part"><span class="label">ศาลชั้นต้น:</span>
    <span class="value">{escape(d.primary_court)}</span></div>
  <div class="part"><span class="label">หมายเหตุ:</span>
    <span class="value">{escape(d.remarks)}</span></div>
</page>
</body>
</html>
""".encode()


def build() -> dict[Path, bytes]:
    files = {KRISDIKA / query_page("/librarian/getfile", f"sysid={SYSID}&ext=htm"): law_page()}
    search = form_body({"word": ThSupremecourtJudgments.keyword})
    files[DEKA / post_answer("/search", search)] = search_page(DECISIONS)
    for d in DECISIONS:
        printed = form_body({"docid": d.docid, **dict.fromkeys(PRINT_FLAGS, "1")})
        files[DEKA / post_answer("/printing/deka", printed)] = print_page(d)
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
