"""The Vietnamese demo documents: team-written, in Vietnamese.

The law is written in our own words in the structure of a law of the National Assembly (chương,
điều, the enacting formula and closing line), after the Law on Human Trafficking Prevention and
Combat; it is not the official text. The precedent is invented. Each says so in its own text.
"""

from __future__ import annotations

from typing import Any

DEMO_LAW = (
    "Văn bản minh họa (demo content): nội dung do nhóm tiplex biên soạn theo cấu trúc của một đạo "
    "luật để trình diễn hệ thống; không phải văn bản chính thức đăng trên vbpl.vn."
)
DEMO_PRECEDENT = (
    "Văn bản minh họa (demo content): án lệ này do nhóm tiplex biên soạn để trình diễn hệ thống; "
    "vụ án, con người và số án lệ đều là giả định, không phải án lệ do Tòa án nhân dân tối cao "
    "công bố."
)

LAW_ITEM_ID = "990001"
LAW = {
    "title": "Phòng, chống mua bán người",
    "number": "53/2024/QH15",
    "type": "Luật",
    "issued": "28/11/2024",
    "in_force": "01/07/2025",
    "gazette": "Dữ liệu minh họa (demo), không phải công báo",
    "signer": "Chủ tịch Quốc hội",
}
LAW_TEXT = (
    "QUỐC HỘI",
    "LUẬT PHÒNG, CHỐNG MUA BÁN NGƯỜI",
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
    "Quốc hội ban hành Luật Phòng, chống mua bán người.",
    "Chương I. NHỮNG QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Luật này quy định về phòng ngừa, phát hiện, xử lý hành vi mua bán người; tiếp nhận, xác "
    "minh, bảo vệ và hỗ trợ nạn nhân; hợp tác quốc tế trong phòng, chống mua bán người.",
    "Điều 2. Giải thích từ ngữ",
    "Trong Luật này, các từ ngữ dưới đây được hiểu như sau: 1. Mua bán người là hành vi chuyển "
    "giao, tiếp nhận, tuyển mộ, vận chuyển, chứa chấp người bằng thủ đoạn lừa gạt, cưỡng ép hoặc "
    "lợi dụng tình thế dễ bị tổn thương nhằm bóc lột; 2. Nạn nhân là người bị mua bán.",
    "Điều 3. Các hành vi bị nghiêm cấm",
    "Nghiêm cấm mua bán người; lợi dụng hoạt động đưa người lao động đi làm việc ở nước ngoài, "
    "môi giới hôn nhân, du lịch để mua bán người; trả thù, đe dọa nạn nhân và người tố giác.",
    "Chương II. BẢO VỆ VÀ HỖ TRỢ NẠN NHÂN",
    "Điều 4. Quyền của nạn nhân",
    "Nạn nhân có quyền được bảo vệ an toàn, được giữ bí mật thông tin cá nhân, được hỗ trợ y tế, "
    "tâm lý, pháp lý, được bồi thường thiệt hại theo quy định của pháp luật.",
    "Điều 5. Không truy cứu trách nhiệm đối với nạn nhân",
    "Nạn nhân không bị truy cứu trách nhiệm hình sự, không bị xử lý vi phạm hành chính đối với "
    "hành vi vi phạm pháp luật mà họ thực hiện do bị ép buộc hoặc là hậu quả trực tiếp của việc "
    "bị mua bán, bao gồm hành vi xuất cảnh, nhập cảnh trái phép, sử dụng giấy tờ giả và lao động "
    "trái phép.",
    "Điều 6. Hỗ trợ nạn nhân",
    "Nạn nhân được hỗ trợ nhu cầu thiết yếu, chi phí đi lại, học văn hóa, học nghề và vay vốn "
    "để ổn định cuộc sống; nạn nhân là người nước ngoài được hỗ trợ hồi hương.",
    "Chương III. ĐIỀU KHOẢN THI HÀNH",
    "Điều 7. Hiệu lực thi hành",
    "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.",
    "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 8 "
    "thông qua ngày 28 tháng 11 năm 2024.",
    DEMO_LAW,
)

PRECEDENT_DOC = "TAND990001"
PRECEDENT = {
    "number": "90/2025/AL",
    "title": "Về việc không truy cứu trách nhiệm hình sự đối với nạn nhân của tội mua bán người",
    "adopted": "15/08/2025",
    "published": "01/09/2025",
    "decision": "Quyết định minh họa (demo) về việc công bố án lệ",
    "applies_from": "15/10/2025",
    "source": "Bản án hình sự phúc thẩm minh họa (demo)",
    "status": "Văn bản minh họa (demo)",
    "field": "Hình sự",
}
PRECEDENT_TEXT = (
    "ÁN LỆ SỐ 90/2025/AL",
    "Về việc không truy cứu trách nhiệm hình sự đối với nạn nhân của tội mua bán người",
    DEMO_PRECEDENT,
    "Khái quát nội dung của án lệ:",
    "Tình huống án lệ: Bị cáo là nạn nhân bị mua bán sang một cơ sở lừa đảo trực tuyến ở nước "
    "ngoài, bị cưỡng ép sử dụng hộ chiếu giả và xuất cảnh trái phép, sau đó bị truy tố về tội "
    "tổ chức, môi giới cho người khác xuất cảnh trái phép.",
    "Giải pháp pháp lý: Trường hợp này, Tòa án phải xác định bị cáo là nạn nhân và không truy cứu "
    "trách nhiệm hình sự đối với hành vi mà bị cáo thực hiện do bị ép buộc, theo Điều 5 Luật "
    "Phòng, chống mua bán người.",
    "NỘI DUNG VỤ ÁN:",
    "Tháng 3 năm 2024, bị cáo Nguyễn Thị A (tên giả định) được một người quen hứa hẹn việc làm "
    "lương cao, đưa sang biên giới rồi giao cho một nhóm người nước ngoài. Bị cáo bị giữ giấy "
    "tờ, bị đánh đập và bị ép làm việc cho cơ sở lừa đảo trực tuyến; bị ép dùng hộ chiếu giả để "
    "đưa thêm người qua biên giới. Khi trốn về nước, bị cáo bị khởi tố.",
    "NHẬN ĐỊNH CỦA TÒA ÁN:",
    "Có đủ căn cứ xác định bị cáo là nạn nhân của tội mua bán người theo Điều 150 Bộ luật Hình "
    "sự. Các hành vi bị cáo thực hiện đều do bị cưỡng ép và là hậu quả trực tiếp của việc bị mua "
    "bán. Theo Điều 5 Luật Phòng, chống mua bán người, nạn nhân không bị truy cứu trách nhiệm "
    "hình sự đối với những hành vi này.",
    "QUYẾT ĐỊNH:",
    "Hủy bản án sơ thẩm, đình chỉ vụ án đối với bị cáo Nguyễn Thị A.",
)

EXPECTED: dict[str, Any] = {
    "law": {"doc_id": f"vn_vbpl_legislation:{LAW_ITEM_ID}", "non_punishment": ["5"]},
    "precedent": {
        "doc_id": f"vn_anle_precedents:{PRECEDENT_DOC}",
        "case_number": PRECEDENT["number"],
        "decision_date": "2025-08-15",
        "cites": [["VN Law on Human Trafficking", "5"]],
    },
}
