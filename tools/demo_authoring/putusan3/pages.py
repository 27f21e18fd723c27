"""The directory's HTML: the category listing (paged) and one metadata page per decision.

Markup follows docs/demo-mirror.md, which the spider parses: the Canvas template's class names,
CodeIgniter pagination, and absolute links on the real host (spiders rebase them).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .bahasa import long_date, short_date
from .model import Case

HOST = "https://putusan3.mahkamahagung.go.id"
CATEGORY = "perdagangan-orang-1"
CATEGORY_URL = f"{HOST}/direktori/index/kategori/{CATEGORY}.html"
PER_PAGE = 10
SITE_NAME = "Direktori Putusan Mahkamah Agung Republik Indonesia"


CATEGORY_PATH = f"direktori/index/kategori/{CATEGORY}"


def year_list_path(year: int) -> str:
    """The category's list of the decisions of one year (by decision date), as the real site
    narrows a list: its path without ".html", then `/tahunjenis/putus/tahun/<YYYY>`."""
    return f"{CATEGORY_PATH}/tahunjenis/putus/tahun/{year}"


def listing_url(page: int, list_path: str = CATEGORY_PATH) -> str:
    if page == 1:
        return f"{HOST}/{list_path}.html"
    return f"{HOST}/{list_path}/page/{page}.html"


def decision_url(case: Case) -> str:
    return f"{HOST}/direktori/putusan/{case.decision_id}.html"


def pdf_url(case: Case) -> str:
    return f"{HOST}/direktori/download_file/{case.file_id}/pdf/{case.decision_id}"


def pdf_path(case: Case) -> str:
    """Where the PDF lives inside the host folder (a file named by the id, no extension)."""
    return f"direktori/download_file/{case.file_id}/pdf/{case.decision_id}"


def _page(title: str, content: str) -> str:
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="id">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="stylesheet" href="{HOST}/assets/css/style.css" type="text/css">
</head>
<body class="stretched">
<div id="wrapper" class="clearfix">
<header id="header"><div id="header-wrap"><div class="container clearfix">
<div id="logo"><a href="{HOST}/main.html">{SITE_NAME}</a></div>
<nav id="primary-menu"><ul>
<li><a href="{HOST}/direktori.html"><div>Direktori</div></a></li>
<li><a href="{HOST}/search.html"><div>Pencarian</div></a></li>
</ul></nav>
</div></div></header>
<section id="content"><div class="content-wrap"><div class="container clearfix">
{content}
</div></div></section>
<footer id="footer" class="dark"><div id="copyrights"><div class="container clearfix">
Copyright &copy; Kepaniteraan Mahkamah Agung Republik Indonesia
</div></div></footer>
</div>
</body>
</html>
"""


def _defendant_names(case: Case) -> str:
    return ", ".join(d.nama for d in case.terdakwa)


def _listing_item(case: Case) -> str:
    dates = (
        f"Register : {short_date(case.tanggal_register)} — "
        f"Putus : {short_date(case.tanggal_putusan)} — "
        f"Upload : {short_date(case.tanggal_upload)}"
    )
    parties = (
        f"Tanggal {long_date(case.tanggal_putusan)} — "
        f"Penuntut Umum: {escape(case.penuntut_umum)} "
        f"Terdakwa: {escape(_defendant_names(case))}"
    )
    return f"""<div class="spost clearfix"><div class="entry-c">
  <div class="small">{escape(case.pengadilan)} &gt; Pidana Khusus &gt; Perdagangan Orang</div>
  <strong><a href="{decision_url(case)}">{escape(case.title)}</a></strong>
  <div class="small">{dates}</div>
  <div class="small">{parties}</div>
</div></div>"""


def _page_link(page: int, text: str, list_path: str, rel: str = "") -> str:
    rel_attr = f' rel="{rel}"' if rel else ""
    return (
        f'<li class="page-item"><a class="page-link" data-ci-pagination-page="{page}"'
        f'{rel_attr} href="{listing_url(page, list_path)}">{text}</a></li>'
    )


def _pagination(page: int, last: int, list_path: str) -> str:
    items: list[str] = []
    if page > 1:
        items.append(_page_link(1, "First", list_path))
        items.append(_page_link(page - 1, "Prev", list_path, "prev"))
    for number in range(1, last + 1):
        if number == page:
            items.append(
                f'<li class="page-item active"><a class="page-link" href="#">{number}</a></li>'
            )
        else:
            items.append(_page_link(number, str(number), list_path))
    if page < last:
        items.append(_page_link(page + 1, "Next", list_path, "next"))
        items.append(_page_link(last, "Last", list_path))
    return '<ul class="pagination justify-content-center">\n' + "\n".join(items) + "\n</ul>"


def listing_pages(
    cases: Sequence[Case], list_path: str = CATEGORY_PATH, heading: str = "Perdagangan Orang"
) -> list[str]:
    """One list (the category's, or the category's for one year), newest upload first,
    PER_PAGE decisions a page."""
    ordered = sorted(cases, key=lambda c: (c.tanggal_upload, c.nomor), reverse=True)
    chunks = [ordered[i : i + PER_PAGE] for i in range(0, len(ordered), PER_PAGE)]
    pages = []
    for number, chunk in enumerate(chunks, 1):
        items = "\n".join(_listing_item(case) for case in chunk)
        content = f"""<div class="heading-block"><h3>Direktori Putusan</h3>
<span>Kategori: {heading} ({len(ordered)} putusan)</span></div>
<div id="tabs-1"><div id="popular-post-list-sidebar">
{items}
</div></div>
{_pagination(number, len(chunks), list_path)}"""
        pages.append(_page("Direktori Putusan Perdagangan Orang", content))
    return pages


def _amar(case: Case) -> tuple[str, str]:
    verdicts = [d.putusan for d in case.terdakwa]
    names = {"bersalah": "Pidana Penjara Waktu Tertentu", "bebas": "Bebas", "lepas": "Lepas"}
    amar = names[verdicts[0]]
    others = sorted({names[v] for v in verdicts[1:]} - {amar})
    return amar, ", ".join(others) or "-"


def _rupiah_figures(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def _catatan_amar(case: Case) -> str:
    notes = []
    for person in case.terdakwa:
        if person.putusan == "bersalah" and person.pidana is not None:
            notes.append(
                f"{person.nama}: terbukti {person.kualifikasi}; pidana penjara "
                f"{person.pidana.penjara_bulan} bulan, denda {_rupiah_figures(person.pidana.denda)}"
            )
        elif person.putusan == "bebas":
            notes.append(f"{person.nama}: tidak terbukti, dibebaskan dari semua dakwaan")
        else:
            notes.append(f"{person.nama}: dilepaskan dari segala tuntutan hukum")
    if case.restitusi:
        total = sum(item.dikabulkan for item in case.restitusi)
        notes.append(f"restitusi kepada korban seluruhnya {_rupiah_figures(total)}")
    return "; ".join(notes).upper()


def decision_page(case: Case) -> str:
    amar, amar_lainnya = _amar(case)
    rows = [
        ("Nomor", escape(case.nomor)),
        ("Tingkat Proses", "Pertama"),
        ("Klasifikasi", f'Pidana Khusus <br> <a href="{CATEGORY_URL}">Perdagangan Orang</a>'),
        ("Kata Kunci", escape(case.kata_kunci)),
        ("Tahun", case.nomor.split("/")[2]),
        ("Tanggal Register", short_date(case.tanggal_register)),
        ("Lembaga Peradilan", escape(case.short_court)),
        ("Jenis Lembaga Peradilan", "PN"),
        ("Hakim Ketua", f"Hakim {escape(case.hakim_ketua)}"),
        ("Hakim Anggota", " , ".join(f"Hakim {escape(j)}" for j in case.hakim_anggota)),
        ("Panitera", f"Panitera Pengganti {escape(case.panitera)}"),
        ("Amar", amar),
        ("Amar Lainnya", amar_lainnya),
        ("Catatan Amar", escape(_catatan_amar(case))),
        ("Tanggal Musyawarah", short_date(case.tanggal_musyawarah)),
        ("Tanggal Dibacakan", short_date(case.tanggal_putusan)),
        ("Kaidah", "—"),
        ("Abstrak", ""),
    ]
    table = "\n".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in rows)
    content = f"""<div class="col_two_third portfolio-single-content">
<h2><strong>{escape(case.title)}</strong></h2>
<div class="row">
<div title="Jumlah view" class="col"><i class="icon-eye"></i> {case.views}</div>
<div title="Jumlah download" class="col"><i class="icon-download"></i> {case.downloads}</div>
</div>
<table class="table">
{table}
</table>
</div>
<div class="col_one_third col_last">
<div class="togglet"><a data-toggle="collapse" href="#collapseThree">Lampiran</a></div>
<div id="collapseThree" class="collapse show">
<ul class="portfolio-meta nobottommargin">
<li><span><i class="icon-files"></i>Download PDF</span></li>
<li><a href="{pdf_url(case)}">{escape(case.pdf_name)}</a></li>
</ul>
</div>
</div>"""
    return _page(case.title, content)
