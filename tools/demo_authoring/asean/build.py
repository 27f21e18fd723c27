"""Render the ASEAN part of the demo mirror (asean.org): a short stand-in for the ASEAN
Convention Against Trafficking in Persons, Especially Women and Children (ACTIP).

    .venv/bin/python tools/demo_authoring/asean/build.py          # write the PDF
    .venv/bin/python tools/demo_authoring/asean/build.py --check  # fail if the mirror is stale

Output: the PDF at the address the spider asks for (`IntAseanLegislation.instruments`), with a
text layer. The articles keep the Convention's numbering and subjects, but their wording is the
team's own summary, not the official text, and the document says so (see EXPECTED.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from mirrorfiles import MIRROR, main_for, text_pdf  # noqa: E402

from crawlers.sources.int_asean_legislation import IntAseanLegislation  # noqa: E402

ASEAN = MIRROR / "asean.org"
TITLE = "ASEAN Convention Against Trafficking in Persons, Especially Women and Children"
DEMO_NOTE = (
    "Demo content: a team-written stand-in for the Convention, for the tiplex demo. It keeps "
    "the numbering and subject of the articles shown, in our own words; it is not the official "
    "text, and most articles are left out."
)

NOT_SHOWN = "(Not reproduced in this demo stand-in.)"

TEXT: tuple[str, ...] = (
    TITLE.upper(),
    DEMO_NOTE,
    "",
    "The Member States of the Association of Southeast Asian Nations, resolved to prevent and "
    "combat trafficking in persons and to protect and assist its victims, have agreed as "
    "follows:",
    "",
    "CHAPTER I GENERAL PROVISIONS",
    "Article 1",
    "Objective",
    "This Convention aims to prevent and combat trafficking in persons, especially women and "
    "children, to protect and assist its victims with full respect for their human rights, and "
    "to promote cooperation among the Parties.",
    "Article 2",
    "Use of Terms",
    "Trafficking in persons means the recruitment, transportation, transfer, harbouring or "
    "receipt of persons, by threat or use of force, other coercion, abduction, fraud, deception, "
    "abuse of power or of a position of vulnerability, or payments to a person having control "
    "over another, for the purpose of exploitation. The consent of a victim to the intended "
    "exploitation is irrelevant once any of those means has been used; for a child, no such "
    "means need be shown.",
    "Article 3",
    NOT_SHOWN,
    "Article 4",
    NOT_SHOWN,
    "",
    "CHAPTER II CRIMINALIZATION",
    "Article 5",
    "Criminalization of Trafficking in Persons",
    "Each Party shall make the conduct set out in Article 2 a criminal offence when committed "
    "intentionally, and shall punish attempts and participation in it.",
    *(line for number in range(6, 10) for line in (f"Article {number}", NOT_SHOWN)),
    "Article 10",
    "Jurisdiction",
    "Each Party shall establish its jurisdiction over these offences when they are committed in "
    "its territory or on board a ship flying its flag or an aircraft registered under its laws.",
    "",
    "CHAPTER III PREVENTION",
    "Article 11",
    "Prevention of Trafficking in Persons",
    "Each Party shall adopt policies, research and awareness campaigns to prevent trafficking in "
    "persons and to reduce the vulnerability of women and children to it.",
    "Article 12",
    NOT_SHOWN,
    "Article 13",
    NOT_SHOWN,
    "",
    "CHAPTER IV PROTECTION",
    "Article 14",
    "Protection of Victims of Trafficking in Persons",
    "1. Each Party shall establish guidelines for the proper identification of victims of "
    "trafficking in persons.",
    "7. Each Party shall consider providing, in appropriate cases and subject to its domestic "
    "law, that a victim of trafficking in persons shall not be criminally liable, nor "
    "administratively liable, for unlawful acts directly related to the trafficking.",
    "13. Each Party shall make it possible for victims to obtain compensation for the damage "
    "they suffered.",
    "",
    "Done at Kuala Lumpur, Malaysia, on the twenty-first day of November in the year two "
    "thousand and fifteen, in a single original copy in the English language.",
)


def build() -> dict[Path, bytes]:
    (actip,) = (i for i in IntAseanLegislation.instruments if i.key == "actip")
    pdf = text_pdf(list(TEXT), title=f"{TITLE} (demo)", author="ASEAN", subject=DEMO_NOTE)
    return {ASEAN / actip.path.lstrip("/"): pdf}


main = main_for(build, __doc__)

if __name__ == "__main__":
    raise SystemExit(main())
