"""Render the Indonesian legislation lists of the demo mirror: peraturan.go.id.

    .venv/bin/python tools/demo_authoring/peraturan_go_id/build.py          # write the files
    .venv/bin/python tools/demo_authoring/peraturan_go_id/build.py --check  # fail if stale

Outputs, in the structure the spider reads (tests/examples/crawlers/id_peraturan_legislation, a
real saved excerpt of the `/uu` list): the three lists the spider reads (`/uu`, `/pp`,
`/perpres`), each one page (the pager's "next" disabled) with one `div.strip.grid` entry (type,
year, "… Nomor N Tahun YYYY", the title linking the detail page, subject badges, the "Dokumen"
PDF link), and each entry's PDF. The entries name real instruments on trafficking in persons; the
PDFs hold short extracts in our own words (of the law, Pasal 17-19) and say they are demo content.
Links are site-relative, so none leads to the real site.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, text_pdf  # noqa: E402

from crawlers.sources.id_peraturan_legislation import DEFAULT_TYPES, list_path  # noqa: E402

PERATURAN = MIRROR / "peraturan.go.id"
DEMO = (
    "Konten demo (demo content): petikan ini ditulis oleh tim tiplex untuk cermin demonstrasi; "
    "bukan naskah resmi peraturan."
)


@dataclass(frozen=True)
class Entry:
    kind: str  # the list: "uu", "pp", "perpres"
    label: str  # the type badge: "UU"
    designation: str
    slug: str
    title: str
    subjects: tuple[str, ...]
    pdf: str
    text: tuple[str, ...]

    @property
    def year(self) -> str:
        return self.designation.rsplit(" ", 1)[1]


ENTRIES = (
    Entry(
        "uu",
        "UU",
        "Undang-Undang Nomor 21 Tahun 2007",
        "uu-no-21-tahun-2007",
        "Pemberantasan Tindak Pidana Perdagangan Orang",
        ("Perdagangan Orang", "Pidana", "Perdagangan Orang"),  # the site repeats badges
        "/files/uu-no-21-tahun-2007.pdf",
        (
            "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 21 TAHUN 2007",
            "TENTANG PEMBERANTASAN TINDAK PIDANA PERDAGANGAN ORANG",
            DEMO,
            "Pasal 17",
            "Jika tindak pidana perdagangan orang dilakukan terhadap anak, ancaman pidananya "
            "ditambah sepertiga.",
            "Pasal 18",
            "Korban yang terpaksa melakukan tindak pidana karena dipaksa oleh pelaku "
            "perdagangan orang tidak dipidana.",
            "Pasal 19",
            "Setiap orang yang memberikan keterangan palsu pada dokumen negara untuk "
            "mempermudah perdagangan orang dipidana dengan pidana penjara dan denda.",
        ),
    ),
    Entry(
        "pp",
        "PP",
        "Peraturan Pemerintah Nomor 9 Tahun 2008",
        "pp-no-9-tahun-2008",
        "Tata Cara dan Mekanisme Pelayanan Terpadu bagi Saksi dan/atau Korban Tindak Pidana "
        "Perdagangan Orang",
        ("Perdagangan Orang", "Perlindungan Saksi dan Korban"),
        "/files/pp9-2008.pdf",
        (
            "PERATURAN PEMERINTAH REPUBLIK INDONESIA NOMOR 9 TAHUN 2008",
            "TENTANG TATA CARA DAN MEKANISME PELAYANAN TERPADU BAGI SAKSI DAN/ATAU KORBAN "
            "TINDAK PIDANA PERDAGANGAN ORANG",
            DEMO,
            "Pasal 1",
            "Pelayanan terpadu adalah rangkaian kegiatan untuk melindungi dan memulihkan saksi "
            "dan/atau korban perdagangan orang, yang dilaksanakan bersama oleh instansi terkait.",
        ),
    ),
    Entry(
        "perpres",
        "PERPRES",
        "Peraturan Presiden Nomor 69 Tahun 2008",
        "perpres-no-69-tahun-2008",
        "Gugus Tugas Pencegahan dan Penanganan Tindak Pidana Perdagangan Orang",
        ("Perdagangan Orang",),
        "/files/perpres69-2008.pdf",
        (
            "PERATURAN PRESIDEN REPUBLIK INDONESIA NOMOR 69 TAHUN 2008",
            "TENTANG GUGUS TUGAS PENCEGAHAN DAN PENANGANAN TINDAK PIDANA PERDAGANGAN ORANG",
            DEMO,
            "Pasal 1",
            "Gugus tugas adalah lembaga koordinatif yang bertugas mengoordinasikan upaya "
            "pencegahan dan penanganan tindak pidana perdagangan orang.",
        ),
    ),
)


def list_page(entry: Entry) -> bytes:
    badges = "&nbsp;".join(
        f'<span class="badge bg-dark">{escape(s)}</span>' for s in entry.subjects
    )
    return f"""<!DOCTYPE html>
<!-- Demo content: written by the tiplex team in the structure of peraturan.go.id's lists. -->
<html lang="id">
<head><meta charset="utf-8"><title>{entry.label} - Database Peraturan (demo mirror)</title></head>
<body>
<div class="col-lg-8">
<div class="row">
<div class="col-md-12">
<div class="strip grid">
<div class="wrapper">
<a class="float-right" href="/pemerintah-pusat">{entry.label}</a> <a class="wish_bt" href="/id/#">{entry.year}</a>
<hr>
<p>{escape(entry.designation)}</p>
<p><a href="/id/{entry.slug}" title="lihat detail" data-pjax="0">{escape(entry.title)}</a></p> {badges}&nbsp;
</div>
<ul>
<li>Dokumen : <a href="{entry.pdf}" target="_blank">PDF</a>&nbsp;</li>
<li><div class="score"><span class="loc_open">Pemerintah Pusat</span></div></li>
</ul>
</div>
</div>
<div class="pagination__wrapper add_bottom_30"><ul class="pagination">
<li class="prev disabled"><span class="page-link">«</span></li>
<li class="active"><a href="/{entry.kind}?page=1" data-page="0">1</a></li>
<li class="next disabled"><span class="page-link">»</span></li></ul></div>
</div>
</div>
</body>
</html>
""".encode()  # noqa: E501


def build() -> dict[Path, bytes]:
    assert {entry.kind for entry in ENTRIES} == set(DEFAULT_TYPES), "a list for each type read"
    files: dict[Path, bytes] = {}
    for entry in ENTRIES:
        # The server answers a directory's address with its index.html (as the fixture does).
        files[PERATURAN / list_path(entry.kind).lstrip("/") / "index.html"] = list_page(entry)
        files[PERATURAN / entry.pdf.lstrip("/")] = text_pdf(
            list(entry.text), title=entry.designation, subject=DEMO, latin_only=True
        )
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
