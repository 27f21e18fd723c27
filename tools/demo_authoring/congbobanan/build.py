"""Render the Vietnamese judgments portal of the demo mirror (congbobanan.toaan.gov.vn).

    .venv/bin/python tools/demo_authoring/congbobanan/build.py          # write the pages
    .venv/bin/python tools/demo_authoring/congbobanan/build.py --check  # fail if stale

Outputs, in the structure the spider reads (tests/examples/crawlers/vn_congbobanan_judgments):
the latest list (`/0tat1cvn/ban-an-quyet-dinh`), one page per id (`/2ta{id}t1cvn/chi-tiet-ban-an`)
and the judgment files (`/5ta{id}t1cvn/…`). The demo portal's ids run 1-4, as the real portal's
run sequentially: 4 and 2 are trafficking judgments (a PDF and an RTF file), 3 is a "ghost" page
(`<title>null</title>`: an id never used), 1 a civil judgment the spider leaves out. The spider
walks down from the highest listed id and stops at id 1, so every id it asks for exists.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, text_pdf  # noqa: E402

PORTAL = MIRROR / "congbobanan.toaan.gov.vn"
DEMO_NOTE = (
    "Bản án minh họa (demo): do nhóm tiplex soạn cho bản demo, không phải bản án thật của Tòa án."
)


@dataclass(frozen=True)
class Judgment:
    judgment_id: int
    number: str
    decided: str  # dd/mm/yyyy, as the portal writes it
    title: str
    legal_relation: str
    instance: str
    case_type: str
    court: str
    summary: str
    file_name: str
    body: tuple[str, ...]  # the judgment file's paragraphs (empty: no file is served)


JUDGMENTS: tuple[Judgment, ...] = (
    Judgment(
        judgment_id=4,
        number="27/2025/HS-ST",
        decided="12/03/2025",
        title="Bản án về tội mua bán người số 27/2025/HS-ST (demo)",
        legal_relation="Mua bán người",
        instance="Sơ thẩm",
        case_type="Hình sự",
        court="TAND tỉnh Hà Giang",
        summary="Bị cáo lừa ba phụ nữ sang Trung Quốc làm việc rồi bán họ để lấy tiền.",
        file_name="4.pdf",
        body=(
            "TÒA ÁN NHÂN DÂN TỈNH HÀ GIANG",
            "BẢN ÁN SỐ 27/2025/HS-ST NGÀY 12/03/2025 VỀ TỘI MUA BÁN NGƯỜI",
            DEMO_NOTE,
            "",
            "NỘI DUNG VỤ ÁN:",
            "Tháng 6 năm 2024, bị cáo Hoàng Văn Tùng hứa hẹn tìm việc làm lương cao ở Trung Quốc "
            "cho ba phụ nữ ở huyện Vị Xuyên. Bị cáo đưa họ vượt biên trái phép rồi bán cho một "
            "người môi giới với giá 90.000 nhân dân tệ. Một người bị hại trốn thoát, báo cho "
            "Bộ đội Biên phòng; cả ba người được giải cứu và trở về.",
            "",
            "NHẬN ĐỊNH CỦA TÒA ÁN:",
            "Hành vi của bị cáo đã phạm tội Mua bán người theo điểm d, khoản 2, Điều 150 Bộ luật "
            "Hình sự năm 2015. Những người bị hại là nạn nhân của hành vi mua bán người; việc họ "
            "xuất cảnh trái phép là do bị lừa dối nên không bị xử lý.",
            "",
            "QUYẾT ĐỊNH:",
            "Tuyên bố bị cáo Hoàng Văn Tùng phạm tội Mua bán người. Xử phạt bị cáo 12 (mười hai) "
            "năm tù. Buộc bị cáo bồi thường cho mỗi người bị hại 50.000.000 đồng.",
        ),
    ),
    Judgment(
        judgment_id=2,
        number="15/2024/HS-PT",
        decided="25/09/2024",
        title="Bản án về tội mua bán người dưới 16 tuổi số 15/2024/HS-PT (demo)",
        legal_relation="Mua bán người dưới 16 tuổi",
        instance="Phúc thẩm",
        case_type="Hình sự",
        court="TAND cấp cao tại Hà Nội",
        summary="Bị cáo kháng cáo xin giảm hình phạt; Tòa giữ nguyên bản án sơ thẩm.",
        file_name="2.rtf",
        body=(
            "TÒA ÁN NHÂN DÂN CẤP CAO TẠI HÀ NỘI",
            "BẢN ÁN SỐ 15/2024/HS-PT NGÀY 25/09/2024 VỀ TỘI MUA BÁN NGƯỜI DƯỚI 16 TUỔI",
            DEMO_NOTE,
            "",
            "Bị cáo Lò Thị Mai bị Tòa án sơ thẩm xử phạt 15 năm tù về tội Mua bán người dưới 16 "
            "tuổi theo Điều 151 Bộ luật Hình sự năm 2015 vì đã đưa một em gái 14 tuổi sang biên "
            "giới để bán làm vợ. Bị cáo kháng cáo xin giảm hình phạt.",
            "",
            "QUYẾT ĐỊNH:",
            "Không chấp nhận kháng cáo của bị cáo. Giữ nguyên bản án sơ thẩm: xử phạt bị cáo "
            "Lò Thị Mai 15 (mười lăm) năm tù về tội Mua bán người dưới 16 tuổi.",
        ),
    ),
    Judgment(
        judgment_id=1,
        number="88/2024/DS-PT",
        decided="20/05/2024",
        title="Bản án về tranh chấp hợp đồng vay tài sản số 88/2024/DS-PT (demo)",
        legal_relation="Tranh chấp hợp đồng vay tài sản",
        instance="Phúc thẩm",
        case_type="Dân sự",
        court="TAND tỉnh Lào Cai",
        summary="Tranh chấp về khoản vay giữa hai cá nhân (không liên quan đến mua bán người).",
        file_name="1.pdf",
        body=(),  # left out by the spider's filter: never asked for
    ),
)
GHOST_IDS = (3,)
# The answer key the demo tests read: the judgments the spider keeps, by id.
EXPECTED = {str(j.judgment_id): j.number for j in JUDGMENTS if j.body}


def _page(title: str, body: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body>
{body}
</body>
</html>
""".encode()


def latest_list() -> bytes:
    items = "\n".join(
        f"""  <div class="list-group-item">
    <h4 class="list-group-item-heading"><a href="/2ta{j.judgment_id}t1cvn/chi-tiet-ban-an">"""
        f"""Bản án số: {j.number} ngày {j.decided}</a></h4>
    <p>Quan hệ pháp luật: {escape(j.legal_relation)}</p>
  </div>"""
        for j in JUDGMENTS
    )
    body = f"""<form id="aspnetForm" method="post" action="/0tat1cvn/ban-an-quyet-dinh">
<p>{escape(DEMO_NOTE)}</p>
<div id="List_group_pub" class="list-group">
{items}
</div>
</form>"""
    return _page("Bản án, quyết định", body)


def judgment_page(j: Judgment) -> bytes:
    rows = (
        ("Tên bản án", j.title),
        ("Quan hệ pháp luật", j.legal_relation),
        ("Cấp xét xử", j.instance),
        ("Loại vụ/việc", j.case_type),
        ("Tòa án xét xử", j.court),
        ("Áp dụng án lệ", "Không"),
        ("Đính chính", "0"),
        ("Thông tin về vụ/việc", j.summary),
    )
    items = "\n".join(
        f'    <div class="list-group-item"><label>{label}:</label> '
        f"<span>{escape(value)}</span></div>"
        for label, value in rows
    )
    body = f"""<div class="search_left_pub details_pub">
  <div class="list-group">
    <h4 class="list-group-item-heading">Bản án số: {j.number} ngày {j.decided}</h4>
{items}
  </div>
  <p>{escape(DEMO_NOTE)}</p>
  <div class="download"><a href="{file_link(j)}" target="_blank">Tải về bản án</a></div>
</div>"""
    return _page(j.title, body)


def ghost_page() -> bytes:
    empty_panel = '<div class="search_left_pub details_pub"><div class="list-group"></div></div>'
    return _page("null", empty_panel)


def file_link(j: Judgment) -> str:
    return f"/5ta{j.judgment_id}t1cvn/{j.file_name}"


def rtf(paragraphs: tuple[str, ...]) -> bytes:
    """A minimal RTF file: every non-ASCII letter as `\\uN?` (its fallback a question mark)."""

    def encode(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) < 128:
                out.append(ch)
            else:
                out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
        return "".join(out)

    body = "\n".join(f"\\pard {encode(p)}\\par" for p in paragraphs)
    return (
        "{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\uc1\\f0\\fs26\n"
        f"{body}\n}}\n"
    ).encode("ascii")


def build() -> dict[Path, bytes]:
    files = {PORTAL / "0tat1cvn" / "ban-an-quyet-dinh": latest_list()}
    for j in JUDGMENTS:
        files[PORTAL / f"2ta{j.judgment_id}t1cvn" / "chi-tiet-ban-an"] = judgment_page(j)
        if j.file_name.endswith(".pdf") and j.body:
            files[PORTAL / file_link(j).lstrip("/")] = text_pdf(
                list(j.body), title=f"{j.number} (demo)", subject=DEMO_NOTE
            )
        elif j.body:
            files[PORTAL / file_link(j).lstrip("/")] = rtf(j.body)
    for ghost in GHOST_IDS:
        files[PORTAL / f"2ta{ghost}t1cvn" / "chi-tiet-ban-an"] = ghost_page()
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
