"""Render the Vietnamese part of the demo mirror: vbpl.vn (legislation) and anle.toaan.gov.vn.

    .venv/bin/python tools/demo_authoring/vietnam/build.py          # write the pages
    .venv/bin/python tools/demo_authoring/vietnam/build.py --check  # fail if the mirror is stale

Sources: `vietnam_content.py` beside this file. Outputs, in the structure the spiders read
(tests/examples/crawlers/vn_vbpl_legislation, vn_anle_precedents):
- vbpl.vn: the search fragment for "mua bán người", the law's attributes tab and full-text tab;
- anle.toaan.gov.vn: the listing, the precedent's page (attributes table, PDF iframe) and its
  PDF (DejaVu Sans, so the Vietnamese letters have a text layer).
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import vietnam_content as c  # noqa: E402
from mirrorfiles import MIRROR, main_for, query_page, text_pdf  # noqa: E402

from crawlers.sources.vn_vbpl_legislation import VnVbplLegislation  # noqa: E402

VBPL = MIRROR / "vbpl.vn"
ANLE = MIRROR / "anle.toaan.gov.vn"


def _page(title: str, body: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
</head>
<body>
{body}
</body>
</html>
""".encode()


def search_fragment() -> bytes:
    law = c.LAW
    return f"""<div class="message"><span>Tìm thấy <strong>1</strong> văn bản.</span></div>
<div class="results">
	<ul class="listLaw">
		<li>
			<div class="item">
				<p class="title">
					<a href="/TW/Pages/vbpq-toanvan.aspx?ItemID={c.LAW_ITEM_ID}">
						{law["type"]} {law["number"]}</a>
				</p>
				<div class="left">
					<div class="des">
						<p>
							{law["type"]} {escape(law["title"])} (văn bản minh họa, demo)</p>
					</div>
					<div class="link">
						<ul>
							<li class="thuoctinh"><a
									href="/TW/Pages/vbpq-thuoctinh.aspx?ItemID={c.LAW_ITEM_ID}&Keyword="
									target="_blank">
									Thuộc tính</a></li>
						</ul>
					</div>
				</div>
				<div class="right">
					<p class="green">
						<label style="width:95px !important;">
                                        Ngày xác thực:</label>{law["issued"]}</p>
				</div>
			</div>
		</li>
	</ul>
</div>
""".encode()


def attributes_page() -> bytes:
    law = c.LAW
    rows = (
        ("Số ký hiệu", law["number"], "Ngày ban hành", law["issued"]),
        ("Loại văn bản", law["type"], "Ngày có hiệu lực", law["in_force"]),
        ("Nguồn thu thập", law["gazette"], "Ngày đăng công báo", law["issued"]),
    )
    cells = "\n".join(
        f"""<tr><td style="width: 25%;" class="label">{a}</td>
<td style="width: 25%;">{escape(b)}</td>
<td style="width: 25%;" class="label">{x}</td><td>{escape(y)}</td></tr>"""
        for a, b, x, y in rows
    )
    body = f"""<div class="vbInfo"><ul>
<li class="red"><span>Hiệu lực: </span>Còn hiệu lực</li>
<li class="green"><span>Ngày có hiệu lực: </span>{law["in_force"]}</li>
</ul></div>
<div class="vbProperties">
<table cellpadding="0px" cellspacing="1px" border="none" width="100%"><tbody>
<tr><td colspan="4" class="title">{escape(law["title"])}</td></tr>
{cells}
<tr><td rowspan="1" class="label">Cơ quan ban hành/ Chức danh / Người ký</td>
<td>Quốc hội</td><td>{law["signer"]}</td><td>(minh họa)</td></tr>
<tr><td class="label">Phạm vi</td><td colspan="3"><ul><li>Toàn quốc</li></ul></td></tr>
</tbody></table>
</div>
<p>{escape(c.DEMO_LAW)}</p>"""
    return _page(f"{law['type']} {law['number']} (demo)", body)


def fulltext_page() -> bytes:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in c.LAW_TEXT)
    body = f"""<div class="toanvancontent" id="toanvancontent">
{paragraphs}
</div>"""
    return _page(f"{c.LAW['type']} {c.LAW['number']} (demo)", body)


def listing_page() -> bytes:
    p = c.PRECEDENT
    body = f"""<div class="container">
  <h3 class="text-do boderB">Danh sách án lệ (dữ liệu minh họa, demo)</h3>
  <div class="list-anle">
    <div class="item-anle">
      <h4><a href="chitietanle?dDocName={c.PRECEDENT_DOC}">Án lệ số {p["number"]}</a></h4>
      <p>{escape(p["title"])}</p>
    </div>
  </div>
  <ul class="pagination"><li class="active"><a>1</a></li></ul>
</div>"""
    return _page("Án lệ", body)


def precedent_page() -> bytes:
    p = c.PRECEDENT
    rows = (
        ("Số án lệ", f"<a>{p['number']}</a>"),
        ("Tên án lệ", escape(p["title"])),
        ("Ngày thông qua", f'<span class="text-xanhduong">{p["adopted"]}</span>'),
        ("Ngày công bố", f'<span class="text-xanhla">{p["published"]}</span>'),
        ("Quyết định công bố", escape(p["decision"])),
        ("Ngày áp dụng", f'<span class="text-do">{p["applies_from"]}</span>'),
        ("Nguồn án lệ", escape(p["source"])),
        ("Trạng thái", escape(p["status"])),
        ("Lĩnh vực", escape(p["field"])),
    )
    table = "\n".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    body = f"""<div class="tab-content tab-content2" id="tabContent1">
  <div class="tab-pane fade active in" id="toanvan" role="tabpanel">
    <div class="box-tab">
      <h3 class="text-do">{p["number"]}</h3>
      <div class="content"><div id='divPrint'><p>{escape(p["title"])}</p>
        <iframe class="viewpdf" src="/webcenter/pdfview?dDocName={c.PRECEDENT_DOC}"></iframe>
      </div></div>
    </div>
  </div>
  <div class="tab-pane fade " id="thuoctinh" role="tabpanel">
    <div class="box-tab">
      <table class="table table-striped table-bordered"><tbody>
{table}
      </tbody></table>
    </div>
  </div>
</div>
<p>{escape(c.DEMO_PRECEDENT)}</p>"""
    return _page(f"Án lệ số {p['number']}", body)


def build() -> dict[Path, bytes]:
    query = f"IsVietNamese=True&Keyword={quote(VnVbplLegislation.keyword)}&Page=1"
    item = f"ItemID={c.LAW_ITEM_ID}"
    return {
        VBPL / query_page(VnVbplLegislation.search_path, query): search_fragment(),
        VBPL / query_page("/TW/Pages/vbpq-thuoctinh.aspx", item): attributes_page(),
        VBPL / query_page("/TW/Pages/vbpq-toanvan.aspx", item): fulltext_page(),
        ANLE / "webcenter/portal/anle/anle": listing_page(),
        ANLE / query_page("/webcenter/portal/anle/chitietanle", f"dDocName={c.PRECEDENT_DOC}"): (
            precedent_page()
        ),
        ANLE / query_page("/webcenter/pdfview", f"dDocName={c.PRECEDENT_DOC}"): text_pdf(
            list(c.PRECEDENT_TEXT),
            title=f"Án lệ số {c.PRECEDENT['number']} (demo)",
            subject=c.DEMO_PRECEDENT,
        ),
    }


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
