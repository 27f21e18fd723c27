"""Page templates that reproduce lawphil.net's markup: the layout table, the `<blockquote>` body,
the `windows-1252` declaration, the class names (`xy`, `vs`, `nya`, `nt`, `id`) and the footer.

Every path the pages link to is relative, as on the real site, except the home link in the header,
which lawphil writes absolute (spiders rebase it onto their configured base URL).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markup import RenderedBody, inline

ROOT = "../../.."  # every lawphil page in the mirror sits three folders below the site root

_HEAD = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{title}</title>
<meta name="description" content="{description}">
<meta name="keywords"
 content="Lawphil, Arellano Law Foundation, law, jurisprudence, statutes, Philippines">
<!--	COPYRIGHT NOTICE
	This page is licensed under a Creative Commons Attribution-NonCommercial 4.0 by the ALF.
	The LawPhil Project - Arellano Law Foundation.-->
<link rel="icon" href="{root}/imgs/alf.png">
<link rel="stylesheet" href="{root}/styls/{stylesheet}" type="text/css">
<script type="text/javascript" src="{root}/scrpts/gcse.js"></script>
</head>
<body topmargin="0" leftmargin="0" marginwidth="0" marginheight="0"
 background="{root}/imgs/bckgnds/008.jpg">
<a name="top"></a>
<center>
<table cellpadding="0" cellspacing="0" bgcolor="#ffffff" border="0" width="800">
<tr><td rowspan="2" height="84" width="45%"><img src="{root}/imgs/bckgnds/lawphil.jpg"></td>
<td height="30" width="55%" valign="middle" align="center">
<script src="{root}/scrpts/dater.js" language="Javascript" type="text/javascript"></script>
<a href="https://lawphil.net"><img src="https://lawphil.net/imgs/home.png" title="home"
 align="right" hspace="4"></a></td></tr>
<tr><td height="54" width="55%" valign="top" align="center"
 background="{root}/imgs/bckgnds/009.jpg">
<gcse:searchbox-only></gcse:searchbox-only>
</td></tr>
<tr align="center" height="19"><td colspan="2" class="bar">
<script language="JavaScript1.2" src="{root}/scrpts/menu.js"></script>
<div class="menuBar"><a href="/consti/cons1987.html">Constitution</a>
<a href="/statutes/repacts/repacts.html">Republic Acts</a>
<a href="/judjuris/judjuris.html">Supreme Court Decisions</a></div></td></tr>
"""

_TAIL = """<img src="{root}/imgs/bckgnds/010.gif"><br><br></center>
</body>
</html>
"""

_BACK_AND_TOP = (
    '<a href="javascript:history.back(1)"><img src="{root}/images/back.gif" border="0" '
    'align="left"></a>\n<a href="#top"><img src="{root}/images/top.gif" border="0" align="right">'
    "</a>"
)


@dataclass(frozen=True, slots=True)
class Party:
    name: str  # as printed in capitals, e.g. "MARITES DALISAY y OCAMPO"
    role: str  # e.g. "Accused-Appellant"


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One row of a monthly index or a yearly Act index."""

    file_name: str  # e.g. "gr_254871_2023.html"
    label: str  # e.g. "G.R. No. 254871"
    date_text: str  # e.g. "March 8, 2023"
    title: str  # already in lawphil's "A <a class=vs>vs.</a> B" form, or an Act's long title
    has_page: bool  # False: an `a.nya` row, listed before its HTML page exists


def _head(title: str, description: str, stylesheet: str) -> str:
    return _HEAD.format(
        title=html.escape(title),
        description=html.escape(description),
        root=ROOT,
        stylesheet=stylesheet,
    )


def _parties_html(above: list[Party], below: list[Party]) -> str:
    def side(parties: list[Party]) -> str:
        return ",<br>".join(
            f"<b>{html.escape(p.name)}</b>, <i>{html.escape(p.role)}</i>" for p in parties
        )

    return f'<p align="center">{side(above)},<br>vs.<br>{side(below)}.</p>'


def decision_page(
    *,
    case_label: str,
    date_text: str,
    division: str,
    above: list[Party],
    below: list[Party],
    ponente: str,
    rendered: RenderedBody,
    description: str,
) -> str:
    """One Supreme Court decision in lawphil's item layout."""
    parts = [
        _head(case_label, description, "item.css"),
        '<tr><td colspan="2"><br><blockquote>',
        '<hr color="#000080" size="-1">',
        '<p align="center">Republic of the Philippines<br><b>SUPREME COURT</b><br>Manila</p>',
        f'<p align="center"><b>{html.escape(division)}</b></p>',
        f'<p align="center"><b>{html.escape(case_label)}, {html.escape(date_text)}</b></p>',
        _parties_html(above, below),
        '<p align="center"><b>D E C I S I O N</b></p>',
        f"<p><b>{html.escape(ponente)}</b></p>",
        rendered.body,
        "<br>",
        '<hr size="1" color="#000080">',
        "<p><b>Footnotes</b></p>",
        rendered.footnotes,
        "<br>",
        '<a class="id">The Lawphil Project - Arellano Law Foundation</a>',
        '<hr color="#000080" size="-1">',
        _BACK_AND_TOP.format(root=ROOT),
        "</blockquote></td></tr></table>",
        _TAIL.format(root=ROOT),
    ]
    return "\n".join(parts)


def act_page(
    *,
    number: int,
    congress_lines: list[str],
    long_title: str,
    rendered: RenderedBody,
    approved_text: str,
    signatories: list[str],
) -> str:
    """One Republic Act in lawphil's item layout; the enactment date is on the last `Approved:`."""
    congress = "<br>".join(inline(line) for line in congress_lines)
    signatures = "\n".join(f'<p align="center">{inline(line)}</p>' for line in signatories)
    parts = [
        _head(f"R.A. {number}", f"Republic Acts - {long_title}", "item.css"),
        '<tr><td colspan="2"><br><blockquote>',
        '<hr color="#000080" size="-1">',
        f'<p align="center">{congress}</p>',
        f"<p><b>REPUBLIC ACT NO. {number}</b></p>",
        f'<p align="center"><b>{html.escape(long_title)}</b></p>',
        rendered.body,
        signatures,
        f"<p>Approved: {html.escape(approved_text)}</p>",
        "<br>",
        '<hr size="1" color="#000080">',
        '<a class="id">The Lawphil Project - Arellano Law Foundation</a>',
        '<hr color="#000080" size="-1">',
        _BACK_AND_TOP.format(root=ROOT),
        "</blockquote></td></tr></table>",
        _TAIL.format(root=ROOT),
    ]
    return "\n".join(parts)


def _index_row(row: IndexRow, *, with_pdf: bool) -> str:
    if row.has_page:
        link = f'<a href="{row.file_name}">{html.escape(row.label)}</a>'
    else:
        link = f'<a class="nya" xref="{row.file_name}">{html.escape(row.label)}</a>'
    cells = [f'<tr class="xy"><td>\n{link} <br>{html.escape(row.date_text)}\n</td><td>']
    cells.append(f"{row.title}\n</td>")
    if with_pdf:
        pdf = "pdf/" + row.file_name.removesuffix(".html") + ".pdf"
        cells.append(f'<td>\n<a href="{pdf}"><img src="{ROOT}/imgs/p.png"></a>\n</td>')
    return "".join(cells[:1]) + "\n" + "".join(cells[1:]) + "</tr>"


def index_page(
    *,
    title: str,
    heading: str,
    first_column: str,
    rows: list[IndexRow],
    with_pdf: bool,
) -> str:
    """A monthly index of decisions or a yearly index of Acts: `table#s-menu`, one `tr.xy` a row."""
    body = "\n".join(_index_row(row, with_pdf=with_pdf) for row in rows)
    second = '<th width="65%" colspan="2">' if with_pdf else '<th width="65%">'
    parts = [
        _head(title, "The Lawphil Project", "menu.css"),
        '<tr><td colspan="2" align="center"><br>',
        f"<h4>{html.escape(heading)}</h4>",
        '<input type="text" id="filterInput" onkeyup="filterTable()" '
        'placeholder="Type keyword/s here.">',
        '<table border="0" cellspacing="0" cellpadding="5" width="90%" align="center" id="s-menu">',
        f'<tr bgcolor="#3366dc" align="center"><th width="35%">{first_column}</th>'
        f"{second}{'CASE TITLE' if with_pdf else 'TITLE'}</th></tr>",
        body,
        '<tr><td colspan="3" class="id">The Lawphil Project - Arellano Law Foundation, Inc.</td>'
        "</tr>",
        f'<tr><td><a href="javascript:history.back(1)"><img src="{ROOT}/images/back.gif" '
        f'border="0"></a></td><td colspan="2"><a href="#top"><img src="{ROOT}/images/top.gif" '
        'border="0" align="right"></a></td></tr>',
        "</table>",
        "</td></tr></table>",
        _TAIL.format(root=ROOT),
    ]
    return "\n".join(parts)


# A year page lists its months in a 4 x 3 table, newest quarter first, as on the real site.
_YEAR_LAYOUT = ((10, 11, 12), (7, 8, 9), (4, 5, 6), (1, 2, 3))
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def year_page(year: int, published: set[int], slugs: tuple[str, ...]) -> str:
    """A year's index of months: a month with decisions links to its index; the others are
    the site's "progressive" anchors, whose target sits in a malformed `<xref=` tag and which
    have no `href` (a crawler must skip them, not guess their address)."""
    rows = []
    for quarter in _YEAR_LAYOUT:
        cells = []
        for month in quarter:
            target = f"{slugs[month - 1]}{year}/{slugs[month - 1]}{year}.html"
            name = _MONTH_NAMES[month - 1]
            anchor = (
                f"<a href=\"{target}\" CLASS='off'>"
                if month in published
                else f'<a class="progressive"><xref="{target}" CLASS=\'off\'>'
            )
            cells.append(
                f'<td width="185" valign="middle" height="50">{anchor}<b><center>{name}</a>'
                "</center></td>"
            )
        rows.append("<tr>\n" + "\n".join(cells) + "\n</tr>")
    parts = [
        _head(f"Year {year} Philippine Jurisprudence", "The Lawphil Project", "menu.css"),
        '<tr><td colspan="2" align="center"><br>',
        f"<h4>YEAR {year} - PHILIPPINE JURISPRUDENCE</h4>",
        '<table border="0" cellspacing="0" cellpadding="5" width="90%" align="center">',
        *rows,
        "</table>",
        "</td></tr></table>",
        _TAIL.format(root=ROOT),
    ]
    return "\n".join(parts)
