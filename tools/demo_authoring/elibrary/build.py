"""Render the Philippine decisions of the demo mirror: the Supreme Court E-Library.

Host elibrary.judiciary.gov.ph.

    .venv/bin/python tools/demo_authoring/elibrary/build.py          # write the files
    .venv/bin/python tools/demo_authoring/elibrary/build.py --check  # fail if stale

Outputs, in the structure the spider reads (tests/examples/crawlers/ph_elibrary_judgments, real
saved pages): the month listing (`/thebookshelf/docmonth/{Mon}/{YYYY}/1`) of each month that has a
demo decision, and one `/thebookshelf/showdocs/1/{id}` page per decision (division and
"[ G.R. No. N, Month D, YYYY ]" headings, parties up to "D E C I S I O N", the ponente). The other
months of the demo's window have no listing (HTTP 404), which the spider reads as "nothing
published that month". Links are site-relative, so none leads to the real site. Both decisions
are invented, with G.R. numbers above those the Court has reached, and say so in their text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for  # noqa: E402

from crawlers.sources.ph_elibrary_judgments import month_url_path  # noqa: E402

ELIBRARY = MIRROR / "elibrary.judiciary.gov.ph"
DEMO = (
    "Demo content: this decision was written by the tiplex team for the demonstration mirror; "
    "the case, the parties and the G.R. number are invented, and it is not a decision of the "
    "Supreme Court of the Philippines."
)


@dataclass(frozen=True)
class Decision:
    own_id: str
    number: str  # "G.R. No. 299001"
    decided: str  # ISO
    division: str
    parties: str
    ponente: str
    paragraphs: tuple[str, ...]  # a short line alone is a centred heading


DECISIONS = (
    Decision(
        own_id="990001",
        number="G.R. No. 299001",
        decided="2025-03-12",
        division="SECOND DIVISION",
        parties="PEOPLE OF THE PHILIPPINES, PLAINTIFF-APPELLEE, VS. DEMO ACCUSED REYES Y "
        "SANTOS, ACCUSED-APPELLANT.",
        ponente="DEMO PONENTE, J.",
        paragraphs=(
            "This is an appeal from the Decision of the Court of Appeals affirming the conviction "
            "of accused-appellant for Qualified Trafficking in Persons under Section 4(a) in "
            "relation to Section 6(a) of Republic Act No. 9208, as amended by Republic Act "
            "No. 10364.",
            "The Facts",
            "The Information charging accused-appellant reads: That in or about 2021, in Pasay "
            "City, accused-appellant did then and there willfully recruit and harbor AAA, a "
            "minor, for the purpose of sexual exploitation, in violation of Section 4(a) in "
            "relation to Section 6(a) of Republic Act No. 9208, as amended.",
            "AAA, then fifteen years old, was recruited by accused-appellant with a promise of "
            "work as a waitress in Manila. Instead, accused-appellant kept her in a rented room "
            "in Pasay City and made her perform sexual acts in front of a web camera for foreign "
            "customers who paid through money remittance centers.",
            "The Ruling of the Court",
            "The elements of trafficking in persons are present: the recruitment and harboring "
            "of the victim, by taking advantage of her vulnerability, for the purpose of sexual "
            "exploitation. Since AAA was a child, the crime is qualified, and her consent is "
            "immaterial.",
            "WHEREFORE, the appeal is DISMISSED. Accused-appellant is found GUILTY beyond "
            "reasonable doubt of Qualified Trafficking in Persons and is sentenced to life "
            "imprisonment and to pay a fine of PHP 2,000,000.00.",
            "SO ORDERED.",
        ),
    ),
    Decision(
        own_id="990002",
        number="G.R. No. 299002",
        decided="2024-09-18",
        division="THIRD DIVISION",
        parties="DEMO PETITIONER DELA CRUZ, PETITIONER, VS. PEOPLE OF THE PHILIPPINES, RESPONDENT.",
        ponente="DEMO JUSTICE, J.",
        paragraphs=(
            "This Petition for Review assails the conviction of petitioner for the use of a "
            "falsified passport, an act she committed while she was being transported abroad by "
            "a recruiter who kept her genuine travel documents.",
            "The Facts",
            "The Information charged petitioner with the use of a falsified document under "
            "Article 172 of the Revised Penal Code.",
            "Petitioner was recruited in Zamboanga for domestic work abroad. The recruiter "
            "handed her a passport bearing another name and instructed her to present it at the "
            "airport. She was intercepted and charged, while the recruiter was later convicted "
            "of trafficking in persons under Republic Act No. 9208.",
            "The Ruling of the Court",
            "Under Section 17 of Republic Act No. 9208, as amended, trafficked persons shall not "
            "be penalized for unlawful acts committed as a direct result of, or as an incident "
            "or in relation to, being trafficked. Petitioner used the false passport only "
            "because she was being trafficked; she is a victim, not an offender.",
            "WHEREFORE, the petition is GRANTED. Petitioner is ACQUITTED.",
            "SO ORDERED.",
        ),
    ),
)


def _written(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def _page(title: str, inner: str) -> bytes:
    return f"""<!DOCTYPE html>
<!-- Demo content: written by the tiplex team in the structure of the Supreme Court
     E-Library's pages; the decisions are invented. -->
<html lang="en">
<head><meta charset="utf-8"><title>{escape(title)}</title></head>
<body>
<div id="left">
<H3 class="title_headline"></H3>
<div class="single_content">
{inner}
</div>
</div>
</body>
</html>
""".encode()


def month_listing(year: int, month: int, decisions: list[Decision]) -> bytes:
    items = "\n".join(
        f"""<li style='text-align:justify;'>
<a href='/thebookshelf/showdocs/1/{d.own_id}'><STRONG>{d.number}</STRONG><br>
<small>{escape(d.parties)}<br></small>{_written(d.decided)} </a>
<hr><br>
</li>"""
        for d in decisions
    )
    heading = f"{date(year, month, 1):%b %Y} |  Decisions / Signed Resolutions"
    inner = f"""<div id="container_title">
<H3>{heading}</H3><HR>
<ul style='list-style:none;margin-top:20px;'>
{items}
</ul>
</div>"""
    return _page("Supreme Court E-Library (demo mirror)", inner)


def decision_page(decision: Decision) -> bytes:
    body = "<br><br>".join(
        f"<center><i>{escape(text)}</i></center>" if len(text) < 40 else escape(text)
        for text in decision.paragraphs
    )
    inner = f"""<CENTER>
<H2>{decision.division}</H2>
<H2>[ {decision.number}, {_written(decision.decided)} ]</H2>
<H3>{escape(decision.parties)}<BR><BR>D E C I S I O N</H3>
</CENTER>
<p><STRONG>{decision.ponente}:</STRONG></p>
<p><div align="JUSTIFY">{escape(DEMO)}<br><br>{body}</div></p>"""
    return _page(f"{decision.number} - Supreme Court E-Library (demo mirror)", inner)


def build() -> dict[Path, bytes]:
    files: dict[Path, bytes] = {}
    months: dict[tuple[int, int], list[Decision]] = {}
    for decision in DECISIONS:
        day = date.fromisoformat(decision.decided)
        months.setdefault((day.year, day.month), []).append(decision)
        path = f"thebookshelf/showdocs/1/{decision.own_id}"
        files[ELIBRARY / path] = decision_page(decision)
    for (year, month), decisions in months.items():
        files[ELIBRARY / month_url_path(year, month).lstrip("/")] = month_listing(
            year, month, decisions
        )
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
