"""Render the Singapore judgments of the demo mirror: eLitigation (www.elitigation.sg).

    .venv/bin/python tools/demo_authoring/elitigation/build.py          # write the files
    .venv/bin/python tools/demo_authoring/elitigation/build.py --check  # fail if stale

Outputs, in the structure the spider reads (tests/examples/crawlers/sg_elitigation_judgments):
the first listing page of Supreme Court judgments, newest first (result cards with the
citation, decision date and case number, "Total Judgment(s) Found"), and one `/gd/s/{id}` page
per judgment, its text in `#divJudgement` with the header blocks the spider reads and a
footnote in the site's hidden-dialog form. Both judgments are invented and say so in their text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, query_page  # noqa: E402

from crawlers.sources.sg_elitigation_judgments import listing_path  # noqa: E402

ELITIGATION = MIRROR / "www.elitigation.sg"
DEMO = (
    "Demo content: this judgment was written by the tiplex team for the demonstration mirror; "
    "the case, the parties and the citation are invented and it is not a judgment of the "
    "Supreme Court of Singapore."
)


@dataclass(frozen=True)
class Judgment:
    own_id: str  # the neutral citation as the URL writes it
    citation: str
    case_number: str  # as the listing card shows it
    case_number_long: str  # as the judgment's header writes it
    parties: tuple[str, str]
    court: str
    judge: str
    heard: str
    decided: str  # ISO
    catchwords: tuple[str, ...]
    paragraphs: tuple[str, ...]  # numbered paragraphs, and headings (no number)
    footnote: tuple[int, str]  # (the paragraph it is attached to, its text)


JUDGMENTS = (
    Judgment(
        own_id="2025_SGCA_991",
        citation="[2025] SGCA 991",
        case_number="CA/CCA 9/2025",
        case_number_long="Criminal Appeal No 9 of 2025",
        parties=("Demo Appellant Lim", "Public Prosecutor"),
        court="Court of Appeal",
        judge="Demo Judge JCA",
        heard="4 August 2025",
        decided="2025-10-14",
        catchwords=(
            "Criminal Law — Statutory offences — Prevention of Human Trafficking Act 2014",
            "Criminal Procedure and Sentencing — Sentencing — Appeals",
        ),
        paragraphs=(
            "1 The appellant was convicted after trial of two charges of trafficking in persons "
            "under s 3(1) of the Prevention of Human Trafficking Act 2014, punishable under "
            "s 4 of that Act, for recruiting two domestic workers by deception and harbouring "
            "them for the purpose of forced labour. He appeals against the sentence of eight "
            "years' imprisonment and a fine.",
            "2 The workers were promised jobs in a restaurant. On arrival their passports were "
            "kept by the appellant, their wages were withheld to repay recruitment debts, and "
            "they were made to work sixteen hours a day in three households.",
            "3 The confiscation of identity documents, debt bondage and threats of "
            "denunciation to the immigration authorities are aggravating factors of the "
            "exploitation, not features of an ordinary employment dispute.",
            "Conclusion",
            "4 The appellant was rightly convicted of trafficking in persons, and the sentence "
            "was not manifestly excessive. The appeal is dismissed.",
        ),
        footnote=(2, "Record of Appeal, Vol II, at pp 41–44."),
    ),
    Judgment(
        own_id="2024_SGHC_992",
        citation="[2024] SGHC 992",
        case_number="HC/CC 31/2024",
        case_number_long="Criminal Case No 31 of 2024",
        parties=("Public Prosecutor", "Demo Accused Tan"),
        court="General Division of the High Court",
        judge="Demo Judge J",
        heard="11–13 March 2024",
        decided="2024-05-20",
        catchwords=(
            "Criminal Law — Statutory offences — Prevention of Human Trafficking Act 2014",
            "Criminal Law — Offences — Sexual exploitation of a minor",
        ),
        paragraphs=(
            "1 The accused claimed trial to a charge under s 3(1) of the Prevention of Human "
            "Trafficking Act 2014 of recruiting a 16-year-old girl for the purpose of her "
            "sexual exploitation, and to a related charge under the Women's Charter.",
            "2 The victim was contacted through a social media application with an offer of "
            "modelling work. The accused arranged her travel, kept her phone and made her "
            "receive customers in a rented flat.",
            "3 Because the victim was a child, the prosecution did not need to prove any "
            "threat, force or deception in the recruitment.",
            "Conclusion",
            "4 I convicted the accused of trafficking in persons and of the related charge, and "
            "sentenced him to nine years' imprisonment and six strokes of the cane.",
        ),
        footnote=(2, "Agreed Statement of Facts at para 9."),
    ),
)


def _long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def _short_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%b %Y}"


def _page(title: str, body: str) -> bytes:
    return f"""<!DOCTYPE html>
<!-- Demo content: written by the tiplex team in the structure of eLitigation's pages; the
     cases are invented. -->
<html lang="en">
<head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body>
{body}
</body>
</html>
""".encode()


def card(judgment: Judgment) -> str:
    catchwords = "\n".join(
        f'<a class="gd-cw" data-searchterm=\'CatchWords:"{escape(cw)}"\' href="#">'
        f"[{escape(cw)}]</a>"
        for cw in judgment.catchwords
    )
    first, second = judgment.parties
    return f"""<div class="card col-12">
<div class="card-body gd p-2">
<div class="gd-catchword-container">
{catchwords}
</div>
<div class="gd-card-body">
<a class="h5 gd-heardertext" href="/gd/s/{judgment.own_id}" target="_blank" title="Click here to read Judgment">
{escape(first.upper() if first.startswith("Public") else first)} v {escape(second.upper() if second.startswith("Public") else second)}
</a>
<br/>
<a class="citation-num-link" data-searchparam='"{judgment.citation}"' href="#">
<span class="gd-addinfo-text">{judgment.citation} |</span>
</a>
<a class="decision-date-link" data-searchparam='DecisionDate:"{judgment.decided}"' href="#">
<span class="gd-addinfo-text"> Decision Date: {_short_date(judgment.decided)} | </span>
</a>
<a class="case-num-link" data-searchparam='"{judgment.case_number}"' href="#">
<span class="gd-addinfo-text"> {judgment.case_number} </span>
</a>
</div>
</div>
</div>"""  # noqa: E501


def listing() -> bytes:
    newest_first = sorted(JUDGMENTS, key=lambda j: j.decided, reverse=True)
    cards = "\n".join(card(j) for j in newest_first)
    body = f"""<div class="container">
<div class="gd-result-count">Total Judgment(s) Found: {len(JUDGMENTS)}</div>
{cards}
</div>"""
    return _page("Judgments - eLitigation", body)


def footnote_html(text: str) -> str:
    return f"""<sup><button class="btn btn-link superscript-btn" data-target="#fn-0001" data-toggle="modal" type="button">1</button></sup>
<div aria-hidden="true" class="modal fade" id="fn-0001" role="dialog">
<div class="modal-dialog" role="document"><div class="modal-content">
<div class="modal-header"><h5 class="modal-title">Foot Note 1</h5></div>
<div class="modal-body"><div class="FootnoteRef text-justify">{escape(text)}</div></div>
</div></div>
</div>"""  # noqa: E501


def judgment_page(judgment: Judgment) -> bytes:
    first, second = judgment.parties
    note_at, note = judgment.footnote
    paragraphs = []
    for text in judgment.paragraphs:
        number = text.split(" ", 1)[0]
        if not number.isdigit():
            paragraphs.append(f'<div class="Judg-Heading-1">{escape(text)}</div>')
            continue
        note_html = f"\n{footnote_html(note)}" if int(number) == note_at else ""
        paragraphs.append(f'<div class="Judg-1 mb-3 text-justify">{escape(text)}{note_html}</div>')
    body = f"""<nav class="navbar">eLitigation (demo mirror)</nav>
<div id="divJudgement">
<div class="HN-NeutralCit text-center font-weight-bold"><span class="font-weight-bold">{judgment.citation}</span></div>
<div class="CaseNumber text-left">{judgment.case_number_long}</div>
<div class="HN-CaseName text-center font-weight-bold"><span class="font-weight-bold">{escape(first)}</span><div class="font-weight-bold"><br/>v</div><span class="font-weight-bold">{escape(second)}</span></div>
<div class="HN-Coram text-left">{judgment.court} — {judgment.case_number_long}<br/>{judgment.judge}<br/>{judgment.heard}</div>
<div class="Judg-Date-Reserved text-left">{_long_date(judgment.decided)}</div>
<div class="Judg-Author text-left font-weight-bold"><span class="font-weight-bold">{judgment.judge}:</span></div>
<div class="Judg-1 mb-3 text-justify">{DEMO}</div>
{chr(10).join(paragraphs)}
</div>"""  # noqa: E501
    return _page(f"{first} v {second} {judgment.citation}", body)


def build() -> dict[Path, bytes]:
    path, query = listing_path(1).split("?", 1)
    files = {ELITIGATION / query_page(path, query): listing()}
    for judgment in JUDGMENTS:
        files[ELITIGATION / "gd" / "s" / judgment.own_id] = judgment_page(judgment)
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
