"""Render JDIH BPK's part of the demo mirror: UU 21/2007, whose Pasal 18 the Indonesian demo
decisions apply.

    .venv/bin/python tools/demo_authoring/jdih_bpk/build.py          # write the pages
    .venv/bin/python tools/demo_authoring/jdih_bpk/build.py --check  # fail if the mirror is stale

Outputs under `tiplex/demo/mirror/peraturan.bpk.go.id/`, in the structure the spider reads
(tests/examples/crawlers/id_bpk_legislation): the search page for "perdagangan orang", the
statute's detail page and its PDF. The PDF holds an extract of the statute (Bab II, Pasal 17 to
19; Indonesian statutes are not subject to copyright) and a line saying it is demo content.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, query_page, text_pdf  # noqa: E402

from crawlers.sources.id_bpk_legislation import DEFAULT_KEYWORDS, search_path  # noqa: E402

BPK = MIRROR / "peraturan.bpk.go.id"
BPK_ID = "99021"
SLUG = "uu-no-21-tahun-2007"
FILE_NAME = "UU Nomor 21 Tahun 2007.pdf"
TITLE = (
    "Undang-undang (UU) Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang"
)
DEMO = (
    "Konten demo (demo content): kutipan Bab II Pasal 17 sampai 19 untuk cermin demonstrasi "
    "tiplex; halaman dan nomor 99021 bukan milik JDIH BPK."
)
EXTRACT = (
    "UNDANG-UNDANG REPUBLIK INDONESIA NOMOR 21 TAHUN 2007",
    "TENTANG PEMBERANTASAN TINDAK PIDANA PERDAGANGAN ORANG",
    DEMO,
    "BAB II",
    "TINDAK PIDANA PERDAGANGAN ORANG",
    "Pasal 17",
    "Jika tindak pidana sebagaimana dimaksud dalam Pasal 2, Pasal 3, dan Pasal 4 dilakukan "
    "terhadap anak, maka ancaman pidananya ditambah 1/3 (sepertiga).",
    "Pasal 18",
    "Korban yang melakukan tindak pidana karena dipaksa oleh pelaku tindak pidana perdagangan "
    "orang, tidak dipidana.",
    "Pasal 19",
    "Setiap orang yang memberikan atau memasukkan keterangan palsu pada dokumen negara atau "
    "dokumen lain atau memalsukan dokumen negara atau dokumen lain, untuk mempermudah terjadinya "
    "tindak pidana perdagangan orang, dipidana dengan pidana penjara paling lama 7 (tujuh) tahun "
    "dan pidana denda paling sedikit Rp40.000.000,00 (empat puluh juta rupiah) dan paling banyak "
    "Rp280.000.000,00 (dua ratus delapan puluh juta rupiah).",
)
HEAD = """<!DOCTYPE html>
<html lang="id">
<head>
<base href="/30/">
<meta charset="utf-8" />
<title>{title}</title>
</head>
<body id="kt_body">
<div class="container-xxl">
"""
FOOT = """<p class="text-muted">{demo}</p>
</div>
</body>
</html>
"""


def search_page() -> bytes:
    row = (
        f'<tr><td>1</td><td><a href="/Details/{BPK_ID}/{SLUG}">Undang-undang (UU) Nomor 21 Tahun '
        "2007</a></td><td>Pemberantasan Tindak Pidana Perdagangan Orang</td></tr>"
    )
    body = f"""<div class="fs-6 mb-3">Ditemukan 1 peraturan</div>
<table class="table table-row-dashed">
<thead><tr><th>No</th><th>Peraturan</th><th>Tentang</th></tr></thead>
<tbody>
{row}
</tbody>
</table>
<ul class="pagination">
<li class="page-item active"><a class="page-link" href="#">1</a></li>
</ul>
"""
    title = "Pencarian - Database Peraturan | JDIH BPK (demo)"
    return (HEAD.format(title=title) + body + FOOT.format(demo=escape(DEMO))).encode()


def details_page() -> bytes:
    rows = (
        ("Judul", TITLE),
        ("T.E.U. Badan / Pengarang", "Indonesia, Pemerintah Pusat"),
        ("Nomor", "21"),
        ("Tahun", "2007"),
        ("Bentuk", "Undang-undang"),
        ("Singkatan Bentuk", "UU"),
        ("Tanggal Penetapan", "19 April 2007"),
        ("Tanggal Pengundangan", "19 April 2007"),
        ("Subjek", "PIDANA - PERDAGANGAN ORANG"),
        ("Status", "Berlaku (kutipan demo)"),
        ("Bahasa", "Bahasa Indonesia"),
    )
    cells = "\n".join(
        f'<div class="row mb-2"><div class="col-lg-3 fw-bold">{label}</div>'
        f'<div class="col-lg-9">{escape(value)}</div></div>'
        for label, value in rows
    )
    link = f"/Download/{BPK_ID}/{quote(FILE_NAME)}"
    body = f"""<h3 class="panel-title">{escape(TITLE)}</h3>
<div class="card"><div class="card-body">
{cells}
</div></div>
<div class="card"><div class="card-body">
<a class="btn btn-primary" href="{link}">Unduh</a>
</div></div>
"""
    title = "UU No. 21 Tahun 2007 - Database Peraturan | JDIH BPK (demo)"
    return (HEAD.format(title=title) + body + FOOT.format(demo=escape(DEMO))).encode()


def build() -> dict[Path, bytes]:
    path, query = search_path(DEFAULT_KEYWORDS).split("?", 1)
    return {
        BPK / query_page(path, query): search_page(),
        BPK / "Details" / BPK_ID / SLUG: details_page(),
        BPK / "Download" / BPK_ID / FILE_NAME: text_pdf(list(EXTRACT), title=TITLE, subject=DEMO),
    }


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
