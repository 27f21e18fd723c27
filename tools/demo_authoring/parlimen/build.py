"""Render the Malaysian bill of the demo mirror: the Dewan Rakyat's bill index.

Host www.parlimen.gov.my.

    .venv/bin/python tools/demo_authoring/parlimen/build.py          # write the files
    .venv/bin/python tools/demo_authoring/parlimen/build.py --check  # fail if stale

Outputs, in the structure the spider reads (tests/examples/crawlers/my_parlimen_bills, real saved
lists): the current-term list in English and in Malay (`table#ruulist`, one `tr.maintable` row
per bill: the code whose `onclick` names the PDF, the year, the title, the status with its hidden
box of readings), the archive's year tree in both languages (the demo holds no archived year: an
empty tree, so a backfill reads the archive and finds nothing there), and the bill's PDF in each
language. The bill is written by the team, with an invented number, and says it is demo content.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, query_page, text_pdf  # noqa: E402

from crawlers.sources.my_parlimen_bills import (  # noqa: E402
    Language,
    archive_years_query,
    list_query,
)

PARLIMEN = MIRROR / "www.parlimen.gov.my"
CODE = "D.R.90/2025"
YEAR = "2025"
EVENTS = (("first", "04/03/2025"), ("second", "12/03/2025"), ("passed", "13/03/2025"))
PDF = {
    "en": "/files/billindex/pdf/2025/DR/DR 90 BI.pdf",
    "ms": "/files/billindex/pdf/2025/DR/DR 90 BM.pdf",
}
PRESENTER = "YB Menteri Dalam Negeri (demo)"

# What each language's list writes: the bill's title, its status and the labels of its readings.
LISTED = {
    "en": {
        "title": "Anti-Trafficking in Persons and Anti-Smuggling of Migrants (Amendment) Bill 2025",
        "status": "Passed",
        "labels": {
            "first": "First reading",
            "second": "The second reading",
            "passed": "Passed At",
            "presented": "Presented by",
        },
    },
    "ms": {
        "title": "Rang Undang-Undang Antipemerdagangan Orang dan Antipenyeludupan Migran "
        "(Pindaan) 2025",
        "status": "Diluluskan",
        "labels": {
            "first": "Bacaan Pertama Pada",
            "second": "Bacaan Kedua Pada",
            "passed": "Diluluskan Pada",
            "presented": "Dibentang Oleh",
        },
    },
}

BILL_TEXT: dict[Language, tuple[str, ...]] = {
    "en": (
        "DEMO CONTENT",
        "This bill was written by the tiplex team for the demonstration mirror; its number and "
        "text are invented and it is not a bill of the Parliament of Malaysia.",
        "D.R. 90/2025",
        "A BILL intituled An Act to amend the Anti-Trafficking in Persons and Anti-Smuggling "
        "of Migrants Act 2007.",
        "ENACTED by the Parliament of Malaysia as follows:",
        "Short title and commencement",
        "1. This Act may be cited as the Anti-Trafficking in Persons and Anti-Smuggling of "
        "Migrants (Amendment) Act 2025 and comes into operation on a date appointed by the "
        "Minister.",
        "Amendment of section 2",
        '2. Section 2 of the principal Act is amended by inserting the definition "forced '
        'labour" means any work or service exacted from a person under the menace of a penalty, '
        "debt bondage or the withholding of identity documents, and which that person has not "
        "offered voluntarily.",
        "Amendment of section 12",
        "3. Section 12 of the principal Act is amended by substituting for the words "
        '"fifteen years" the words "twenty years".',
        "EXPLANATORY STATEMENT",
        "This demo bill widens the meaning of exploitation to forced labour obtained through "
        "debt bondage or the withholding of passports, and raises the maximum term of "
        "imprisonment for trafficking in persons.",
    ),
    "ms": (
        "KANDUNGAN DEMO",
        "Rang undang-undang ini ditulis oleh pasukan tiplex untuk cermin demonstrasi; nombor dan "
        "teksnya rekaan dan ia bukan rang undang-undang Parlimen Malaysia.",
        "D.R. 90/2025",
        "RANG UNDANG-UNDANG bernama Suatu Akta untuk meminda Akta Antipemerdagangan Orang dan "
        "Antipenyeludupan Migran 2007.",
        "DIPERBUAT oleh Parlimen Malaysia seperti yang berikut:",
        "Tajuk ringkas dan permulaan kuat kuasa",
        "1. Akta ini bolehlah dinamakan Akta Antipemerdagangan Orang dan Antipenyeludupan "
        "Migran (Pindaan) 2025 dan mula berkuat kuasa pada tarikh yang ditetapkan oleh Menteri.",
        "Pindaan seksyen 2",
        '2. Seksyen 2 Akta ibu dipinda dengan memasukkan takrif "kerja paksa" ertinya apa-apa '
        "kerja atau perkhidmatan yang diperoleh daripada seseorang di bawah ancaman penalti, "
        "ikatan hutang atau penahanan dokumen pengenalan diri, dan yang tidak ditawarkan "
        "olehnya secara sukarela.",
        "Pindaan seksyen 12",
        '3. Seksyen 12 Akta ibu dipinda dengan menggantikan perkataan "lima belas tahun" '
        'dengan perkataan "dua puluh tahun".',
        "HURAIAN",
        "Rang undang-undang demo ini meluaskan makna eksploitasi kepada kerja paksa melalui "
        "ikatan hutang atau penahanan pasport, dan menaikkan tempoh maksimum pemenjaraan bagi "
        "pemerdagangan orang.",
    ),
}


def bill_row(language: Language) -> str:
    listed = LISTED[language]
    labels = listed["labels"]
    pdf = PDF[language]
    rows = "".join(
        f"<tr><td>{labels[key]}</td><td>:</td><td>{day}</td></tr>\n" for key, day in EVENTS
    )
    rows += f"<tr><td>{labels['presented']}</td><td>:</td><td>{escape(PRESENTER)}</td></tr>\n"
    return f"""<tr class="maintable">
  <td align="center" scope="row" class="maintd">
  <a href="#" onclick="loadResult('{pdf}','{pdf.rsplit("/", 1)[1]}');">{CODE}</a>
  </td>
  <td align="center" class="maintd">{YEAR}</td>
  <td class="maintd">{escape(listed["title"])}</td>
  <td class="maintd">
    <div class="parent ruustatus3" id="row9090">{listed["status"]}</div>
    <div class="alertBox child-row9090" id="ruudiv-row9090" style="display:none;">
    <h1>{CODE}</h1>
    <div class="alertcontent">
    <table width="90%">
{rows}    </table>
    </div>
    </div>
  </td>
</tr>"""


def bill_list(language: Language) -> bytes:
    heading = "Bills" if language == "en" else "Rang Undang-Undang"
    return f"""<!DOCTYPE html>
<!-- Demo content: written by the tiplex team in the structure of the Dewan Rakyat's bill list;
     the bill is invented. -->
<html lang="{"en" if language == "en" else "ms"}">
<head><meta charset="utf-8"><title>{heading} - Dewan Rakyat (demo mirror)</title></head>
<body>
<table class="table-style-two dr paginated" width="100%" id="ruulist">
<thead><tr><th>Code</th><th>Year</th><th>Title</th><th>Status</th></tr></thead>
<tbody>
{bill_row(language)}
</tbody>
</table>
</body>
</html>
""".encode()


# The archive's year tree; the demo's archive holds no year (its bills are all of this term).
EMPTY_ARCHIVE = b"<?xml version=\"1.0\"?><tree id='0'></tree>"


def build() -> dict[Path, bytes]:
    files: dict[Path, bytes] = {}
    for language in ("en", "ms"):
        path, query = list_query(language).split("?", 1)
        files[PARLIMEN / query_page(path, query)] = bill_list(language)
        path, query = archive_years_query(language).split("?", 1)
        files[PARLIMEN / query_page(path, query)] = EMPTY_ARCHIVE
        files[PARLIMEN / PDF[language].lstrip("/")] = text_pdf(
            list(BILL_TEXT[language]),
            title=CODE,
            subject=BILL_TEXT[language][1],
            latin_only=True,
        )
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
