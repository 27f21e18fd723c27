"""Team-written SHERLOC-style case summaries for the demo: Cambodia, Laos, Myanmar and Brunei,
the four states whose courts publish no judgments online. Every case is invented; the courts
and laws are real names, the parties, facts and numbers are not."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_NOTE = (
    "Demo content: a team-written case summary in the structure of a SHERLOC case page, for "
    "the tiplex demo. The case is invented; it is not a UNODC summary of a real case."
)


@dataclass(frozen=True)
class Case:
    unodc_no: str
    alpha3: str  # lower case, as in SHERLOC's paths
    country_label: str  # the label the spider filters on
    title: str
    court: str
    docket: str
    verdict_date: str
    keywords: tuple[str, ...]
    facts: tuple[str, ...]
    history: str
    defendants: tuple[str, ...]
    charges: tuple[str, ...]
    sentence: str


CASES: tuple[Case, ...] = (
    Case(
        unodc_no="KHM9001",
        alpha3="khm",
        country_label="Cambodia",
        title="Prosecutor v. Chea Sophal (demo)",
        court="Phnom Penh Municipal Court",
        docket="2291/2019",
        verdict_date="2019-08-22",
        keywords=("forced labour", "fishing", "cross-border", "debt bondage"),
        facts=(
            "The accused recruited six men from Prey Veng province with offers of construction "
            "work in Thailand and arranged their crossing at Poipet. Instead of construction "
            "work, the men were sold to the owner of a fishing boat, held at sea for eleven "
            "months, paid nothing and told that they owed the cost of their transport.",
            "Two of the men escaped when the boat called at a port and reported the case to the "
            "Cambodian embassy, which arranged their repatriation.",
        ),
        history="The accused was arrested on his return to Cambodia and tried at first instance.",
        defendants=("Chea Sophal (male, Cambodian)",),
        charges=(
            "Chea Sophal: Law on Suppression of Human Trafficking and Sexual Exploitation (2008), "
            "Art. 15, unlawful removal for cross-border transfer - convicted",
        ),
        sentence="Nine years' imprisonment and compensation of 4,000,000 riel to each victim",
    ),
    Case(
        unodc_no="LAO9001",
        alpha3="lao",
        country_label="Lao People's Democratic Republic",
        title="Public Prosecutor v. Bounmy K. (demo)",
        court="People's Court of Vientiane Capital",
        docket="48/2021",
        verdict_date="2021-03-10",
        keywords=("sexual exploitation", "children", "non-punishment", "karaoke bar"),
        facts=(
            "The accused recruited two girls aged 16 and 17 from Savannakhet province, promising "
            "them work as waitresses in a restaurant across the border. She took them to a "
            "karaoke bar where they were forced into prostitution to repay a debt for travel.",
            "On their return the younger girl was charged with crossing the border unlawfully. "
            "The court held that a victim of trafficking is not punished for an offence she "
            "committed as a direct result of being trafficked, and the charge against her was "
            "dropped (non-punishment); she was referred to a shelter for support.",
        ),
        history="Convicted at first instance; no appeal was lodged.",
        defendants=("Bounmy K. (female, Lao)",),
        charges=(
            "Bounmy K.: Law on Anti-Trafficking in Persons (2015), trafficking in children for "
            "sexual exploitation - convicted",
        ),
        sentence="Twelve years' imprisonment and a fine of 50,000,000 kip",
    ),
    Case(
        unodc_no="MMR9001",
        alpha3="mmr",
        country_label="Myanmar",
        title="The State v. Ko Aung Min (demo)",
        court="District Court of Muse, Shan State",
        docket="Criminal Case 117/2018",
        verdict_date="2018-11-05",
        keywords=("forced marriage", "bride trafficking", "cross-border"),
        facts=(
            "The accused persuaded a 19-year-old woman from a village near Lashio to travel to "
            "China for work in a garment factory. Across the border he handed her to a broker "
            "who sold her as a bride to a farmer's family for 30,000 yuan.",
            "She escaped after eight months with the help of a neighbour and reported the case "
            "to the anti-trafficking police unit at Muse.",
        ),
        history="Tried at first instance; the conviction was upheld on appeal.",
        defendants=("Ko Aung Min (male, Myanmar)",),
        charges=(
            "Ko Aung Min: Anti Trafficking in Persons Law (2005), s. 24, trafficking in women "
            "- convicted",
        ),
        sentence="Ten years' imprisonment",
    ),
    Case(
        unodc_no="MMR9002",
        alpha3="mmr",
        country_label="Myanmar",
        title="The State v. Ma Hnin Wai (demo)",
        court="District Court of Myawaddy, Kayin State",
        docket="Criminal Case 62/2023",
        verdict_date="2023-06-14",
        keywords=("online scam", "forced criminality", "non-punishment"),
        facts=(
            "The accused, a 24-year-old woman, answered an advertisement for work as a "
            "translator and was taken to a compound near Myawaddy run by an online scam "
            "operation. Her passport was taken and she was beaten when she did not meet her "
            "targets for defrauding people through messaging apps.",
            "After a raid she was prosecuted for fraud and for leaving the country without a "
            "permit. The court found that she was a trafficked person who had acted under "
            "compulsion, applied the principle that victims are not punished for crimes they "
            "were forced to commit, and acquitted her; she was released to her family.",
        ),
        history="Acquitted at first instance; the prosecution did not appeal.",
        defendants=("Ma Hnin Wai (female, Myanmar)",),
        charges=(
            "Ma Hnin Wai: Penal Code, s. 420, cheating - acquitted (victim of trafficking, "
            "non-punishment)",
        ),
        sentence="None: the accused was acquitted and released",
    ),
    Case(
        unodc_no="BRN9001",
        alpha3="brn",
        country_label="Brunei Darussalam",
        title="Public Prosecutor v. Rahman bin Yusof (demo)",
        court="High Court of Brunei Darussalam",
        docket="Criminal Trial No. 7 of 2022",
        verdict_date="2022-09-29",
        keywords=("domestic work", "passport retention", "forced labour", "wages withheld"),
        facts=(
            "The accused employed three domestic workers recruited from abroad. He kept their "
            "passports, locked them in the house when the family was out, made them work "
            "sixteen hours a day without rest days and paid no wages for two years.",
            "One worker contacted her embassy by telephone; the police rescued all three.",
        ),
        history="Tried in the High Court after committal proceedings.",
        defendants=("Rahman bin Yusof (male, Bruneian)",),
        charges=(
            "Rahman bin Yusof: Anti-Trafficking in Persons Order, 2019, trafficking in persons "
            "for forced labour - convicted",
        ),
        sentence="Seven years' imprisonment and payment of the workers' unpaid wages",
    ),
)

# The answer key the demo tests read: UNODC number -> the case's own country (ISO alpha-2).
EXPECTED = {"KHM9001": "KH", "LAO9001": "LA", "MMR9001": "MM", "MMR9002": "MM", "BRN9001": "BN"}
