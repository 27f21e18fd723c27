"""Render the CommonLII part of the demo mirror (www.commonlii.org): two Malaysian Court of
Appeal judgments under the Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007.

    .venv/bin/python tools/demo_authoring/commonlii/build.py          # write the pages
    .venv/bin/python tools/demo_authoring/commonlii/build.py --check  # fail if the mirror is stale

Outputs, in the LIIs' plain layout the spider reads (tests/examples/crawlers/int_commonlii_cases):
the year index of each year holding a demo case (`/my/cases/MYCA/<year>/`, served as its
`index.html`) and the case pages (`/my/cases/MYCA/<year>/<n>.html`). Years without a demo case
have no index, as a year without cases has none on the LIIs; the spider treats such a missing
index as normal. The judgments are invented (see EXPECTED.md).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for  # noqa: E402

DATABASE = MIRROR / "www.commonlii.org" / "my" / "cases" / "MYCA"
COURT = "Court of Appeal of Malaysia"
DEMO_NOTE = (
    "Demo content: a team-written judgment in the layout of a CommonLII case page, for the "
    "tiplex demo. The case and the parties are invented; this is not a judgment of the court."
)


@dataclass(frozen=True)
class Judgment:
    year: int
    number: int
    parties: str
    decided: str  # "12 March 2019", as the LIIs write it
    appeal_no: str
    paragraphs: tuple[str, ...]

    @property
    def title(self) -> str:
        return f"{self.parties} [{self.year}] MYCA {self.number} ({self.decided})"


JUDGMENTS: tuple[Judgment, ...] = (
    Judgment(
        year=2019,
        number=412,
        parties="Nurul Aini binti Hassan v Public Prosecutor (demo)",
        decided="3 May 2019",
        appeal_no="W-06B-88-03/2018",
        paragraphs=(
            "[1] The appellant, an Indonesian woman, was convicted in the Sessions Court under "
            "section 6(1)(c) of the Immigration Act 1959/63 for being in Malaysia without a "
            "valid pass, and sentenced to four months' imprisonment. The High Court dismissed "
            "her appeal. She appeals further.",
            "[2] It was not disputed that the appellant was recruited in Lombok for work in a "
            "restaurant, that her agent kept her passport on arrival, and that she was confined "
            "to a house in Kuala Lumpur and made to work without wages until a raid by the "
            "police. A protection order under the Anti-Trafficking in Persons and "
            "Anti-Smuggling of Migrants Act 2007 (ATIPSOM) had been issued for her, which is a "
            "finding that she is a trafficked person.",
            "[3] Section 25 of ATIPSOM provides that a trafficked person shall not be liable to "
            "criminal prosecution in respect of his illegal entry into the receiving country or "
            "his unlawful presence there. The appellant's lack of a valid pass was the direct "
            "consequence of her being trafficked: her passport was withheld by the very person "
            "who exploited her. The prosecution should not have been brought.",
            "[4] The appeal is allowed. The conviction and sentence are set aside and the "
            "appellant is acquitted and discharged.",
        ),
    ),
    Judgment(
        year=2024,
        number=158,
        parties="Lim Chee Keong v Public Prosecutor (demo)",
        decided="21 August 2024",
        appeal_no="J-05(SH)-201-09/2023",
        paragraphs=(
            "[1] The appellant was convicted by the High Court at Johor Bahru on two charges of "
            "trafficking in persons for the purpose of exploitation under section 12 of the "
            "Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007, and sentenced "
            "to eight years' imprisonment on each charge, to run concurrently.",
            "[2] The two victims, young men from Myanmar, were promised work in a furniture "
            "factory. They were instead housed in a locked hostel, their passports taken, and "
            "made to work on a plantation for twelve hours a day; the appellant deducted a "
            "debt for their transport from wages that were never paid.",
            "[3] The appellant argued that the victims had consented to travel and to work. "
            "Consent is irrelevant once exploitation and the means of coercion are proved, and "
            "the retention of their passports and the debt were such means.",
            "[4] The appeal against conviction is dismissed and the sentence of eight years' "
            "imprisonment is affirmed.",
        ),
    ),
)

# The answer key the demo tests read: the source's own ids of the judgments.
EXPECTED = tuple(f"my/cases/MYCA/{j.year}/{j.number}" for j in JUDGMENTS)

_HEAD = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{title}</title>
</head>
<body>
"""


def year_index(year: int, cases: list[Judgment]) -> bytes:
    items = "\n".join(f'<li><a href="{j.number}.html">{escape(j.title)}</a></li>' for j in cases)
    body = f"""<h1>{COURT} {year}</h1>
<p>{escape(DEMO_NOTE)}</p>
<ul>
{items}
</ul>
<p><a href="/my/cases/MYCA/">{COURT}</a> | <a href="/">CommonLII</a></p>
</body>
</html>
"""
    return (_HEAD.format(title=f"{COURT} {year}") + body).encode("iso-8859-1")


def case_page(j: Judgment) -> bytes:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in j.paragraphs)
    body = f"""<h2>{escape(j.title)}</h2>
<p><i>{escape(DEMO_NOTE)}</i></p>
<p>IN THE COURT OF APPEAL OF MALAYSIA (APPELLATE JURISDICTION)</p>
<p>CRIMINAL APPEAL NO. {j.appeal_no}</p>
<p class="date">{j.decided}</p>
{paragraphs}
<p><a href="/my/cases/MYCA/{j.year}/">{COURT} {j.year}</a> | <a href="/">CommonLII</a></p>
</body>
</html>
"""
    return (_HEAD.format(title=escape(j.title)) + body).encode("iso-8859-1")


def build() -> dict[Path, bytes]:
    files: dict[Path, bytes] = {}
    for year in sorted({j.year for j in JUDGMENTS}):
        cases = [j for j in JUDGMENTS if j.year == year]
        files[DATABASE / str(year) / "index.html"] = year_index(year, cases)
        for j in cases:
            files[DATABASE / str(year) / f"{j.number}.html"] = case_page(j)
    return files


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
