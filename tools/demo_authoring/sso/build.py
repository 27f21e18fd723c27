"""Render the Singapore Acts of the demo mirror: Singapore Statutes Online (sso.agc.gov.sg).

    .venv/bin/python tools/demo_authoring/sso/build.py          # write the files
    .venv/bin/python tools/demo_authoring/sso/build.py --check  # fail if stale

Outputs, in the structure the spider reads (tests/examples/crawlers/sg_sso_legislation, the real
print views): the whole-document view (`/Act/{CODE}?WholeDoc=1`) of each Act the spider asks for,
with the version line, the table of contents (`#tocView`, one `TocParagraph` per provision) and
the Act itself in `#legis` (title, revised edition, long title, commencement, provisions). The
table of contents lists exactly the provisions the body holds, as a whole-document view does.
The provision texts are short extracts in our own words, not the Acts, and each page says so.
The real pages' PDF link is left out: a demo page links to no real site's page.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, query_page  # noqa: E402

from crawlers.sources.sg_sso_legislation import ACTS_OF_INTEREST, act_path  # noqa: E402

SSO = MIRROR / "sso.agc.gov.sg"
DEMO = (
    "Demo content: an extract written by the tiplex team for the demonstration mirror, in the "
    "structure of Singapore Statutes Online; it is not the text of the Act."
)
VERSION = "Current version as at 01 Dec 2025"


@dataclass(frozen=True)
class Act:
    code: str
    title: str
    long_title: str
    # The original commencement for the Act of 2014; for the older Acts the date their 2020
    # Revised Edition came into operation, so every demo date lies in the demo's window.
    commencement: str  # as the page writes it, "1 March 2015"
    provisions: tuple[tuple[str, str, str], ...]  # (number, heading, text)
    revised_edition: str = "2020 REVISED EDITION"


ACTS = {
    act.code: act
    for act in (
        Act(
            "PHTA2014",
            "Prevention of Human Trafficking Act 2014",
            "An Act to prevent and punish trafficking in persons and to protect and assist "
            "trafficked victims.",
            "1 March 2015",
            (
                ("1", "Short title", "This Act is the Prevention of Human Trafficking Act 2014."),
                (
                    "2",
                    "Interpretation",
                    "In this Act, exploitation means sexual exploitation, forced labour, "
                    "slavery or practices similar to slavery, servitude, or the removal of an "
                    "organ; a child is an individual below 18 years of age.",
                ),
                (
                    "3",
                    "Trafficking in persons",
                    "(1) Any person who recruits, transports, transfers, harbours or receives "
                    "an individual, by threat, force, abduction, fraud, deception or abuse of "
                    "power, for the purpose of the exploitation of that individual, shall be "
                    "guilty of an offence. (2) Where the individual is a child, no threat, "
                    "force or deception need be proved.",
                ),
                (
                    "4",
                    "Punishment",
                    "A person guilty of an offence under section 3 shall be liable to a fine "
                    "and to imprisonment for a term not exceeding 10 years, and to caning.",
                ),
            ),
            revised_edition="",
        ),
        Act(
            "PC1871",
            "Penal Code 1871",
            "An Act to provide a general Penal Code for Singapore.",
            "31 December 2021",
            (
                (
                    "374",
                    "Unlawful compulsory labour",
                    "Whoever unlawfully compels any person to labour against the will of that "
                    "person shall be punished with imprisonment, or with fine, or with both.",
                ),
            ),
        ),
        Act(
            "WC1961",
            "Women's Charter 1961",
            "An Act to provide for the rights of women and for their protection.",
            "31 December 2021",
            (
                (
                    "140",
                    "Offences relating to prostitution",
                    "Any person who brings a woman or girl into Singapore, or procures her, "
                    "for the purpose of prostitution shall be guilty of an offence.",
                ),
            ),
        ),
        Act(
            "EFMA1990",
            "Employment of Foreign Manpower Act 1990",
            "An Act to regulate the employment of foreign employees.",
            "31 December 2021",
            (
                (
                    "5",
                    "Prohibition of employment without work pass",
                    "No person shall employ a foreign employee unless the foreign employee has "
                    "a valid work pass.",
                ),
            ),
        ),
        Act(
            "EAA1958",
            "Employment Agencies Act 1958",
            "An Act to provide for the regulation of employment agencies.",
            "31 December 2021",
            (
                (
                    "6",
                    "Requirement for licence",
                    "No person shall carry on an employment agency except under and in "
                    "accordance with a licence.",
                ),
            ),
        ),
        Act(
            "CYPA1993",
            "Children and Young Persons Act 1993",
            "An Act to provide for the welfare, care and protection of children and young persons.",
            "31 December 2021",
            (
                (
                    "12",
                    "Transactions in children",
                    "Any person who takes part in any transaction the object of which is to "
                    "transfer the possession or custody of a child for valuable consideration "
                    "shall be guilty of an offence.",
                ),
            ),
        ),
        Act(
            "IA1959",
            "Immigration Act 1959",
            "An Act relating to immigration into and departure from Singapore.",
            "31 December 2021",
            (
                (
                    "6",
                    "Entry into Singapore",
                    "No person other than a citizen shall enter Singapore unless he is in "
                    "possession of a valid entry permit or pass.",
                ),
            ),
        ),
        Act(
            "EA1968",
            "Employment Act 1968",
            "An Act to provide for the terms and conditions of employment.",
            "31 December 2021",
            (
                (
                    "30",
                    "Wages to be paid within 7 days",
                    "The salary earned by an employee shall be paid within 7 days after the "
                    "salary period ends.",
                ),
            ),
        ),
    )
}


def provision_html(number: str, heading: str, text: str) -> str:
    return (
        '<div class="prov1"><table width="100%"><tbody><tr>'
        f'<td class="prov1Hdr" id="pr{number}-">{escape(heading)}</td></tr></tbody></table>'
        '<table width="100%"><tbody><tr><td class="prov1Txt">'
        f"<strong>{number}.</strong>&nbsp;&nbsp;{escape(text)}</td></tr></tbody></table></div>"
    )


def act_page(act: Act) -> bytes:
    toc = "".join(
        f'<blockquote class="TocParagraph"><div>{n} {escape(h)}</div></blockquote>'
        for n, h, _ in act.provisions
    )
    revised = (
        f'<table width="100%"><tbody><tr><td class="revdHdr">{act.revised_edition}</td></tr>'
        "</tbody></table>"
        if act.revised_edition
        else ""
    )
    body = "\n".join(provision_html(*provision) for provision in act.provisions)
    return f"""<!DOCTYPE html>
<!-- Demo content: written by the tiplex team in the structure of SSO's whole-document view. -->
<html lang="en">
<head><meta charset="utf-8"><title>{escape(act.title)} - Singapore Statutes Online</title></head>
<body>
<div class="print-header"><div class="site-name">Singapore Statutes Online (demo mirror)</div><div class="doc-status">{VERSION}</div></div>
<div class="print-view">
<div id="tocView"><div id="contents" class="print"><p class="HeadingParagraph">{escape(act.title)}</p><p class="HeadingParagraph">Table of Contents</p><p class="HeadingParagraph print"><b>Long Title</b></p>{toc}</div></div>
<div class="legis" id="legis"><div class="front">
<table width="100%"><tbody><tr><td class="actHd" id="aT-">{escape(act.title)}</td></tr></tbody></table>
{revised}
<table width="100%"><tbody><tr><td class="longTitle" id="al-">{escape(act.long_title)}</td></tr></tbody></table>
<table width="100%"><tbody><tr><td class="cDate">[{act.commencement}]</td></tr></tbody></table>
<p class="demo-note">{DEMO}</p>
</div>
{body}
</div>
</div>
</body>
</html>
""".encode()  # noqa: E501


def build() -> dict[Path, bytes]:
    assert set(ACTS) == set(ACTS_OF_INTEREST), "the mirror holds every Act the spider asks for"
    files: dict[Path, bytes] = {}
    for code, act in ACTS.items():
        path, query = act_path(code).split("?", 1)
        files[SSO / query_page(path, query)] = act_page(act)
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
