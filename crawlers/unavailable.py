"""Registry entries for what a state does not publish online (or not where we could reach it).

Not spiders: each entry says which state and kind of document has no source and why, so
`tiplex sources` and the coverage table show the gap instead of hiding it. An entry is
removed when a source for it is written.
"""

from __future__ import annotations

from dataclasses import dataclass

SHERLOC_STANDS_IN = (
    "UNODC SHERLOC case summaries (int_sherloc_cases) are its judgment-level evidence."
)


@dataclass(frozen=True, slots=True)
class UnavailableSource:
    id: str
    country: str
    kind: str  # judgments | legislation
    language: str
    publisher: str
    base_url: str
    reason: str


UNAVAILABLE: tuple[UnavailableSource, ...] = (
    UnavailableSource(
        id="kh_courts_judgments",
        country="KH",
        kind="judgments",
        language="km",
        publisher="Courts of the Kingdom of Cambodia",
        base_url="",
        reason="Cambodia's courts publish no decisions online that we could find: no portal, "
        "no saved page, no public crawler. " + SHERLOC_STANDS_IN,
    ),
    UnavailableSource(
        id="kh_gazette_legislation",
        country="KH",
        kind="legislation",
        language="km",
        publisher="Royal Government of Cambodia (Official Gazette)",
        base_url="",
        reason="No official online legislation portal was found in saved pages or public "
        "crawlers, and none could be reached from here to study; Cambodian laws are not "
        "crawled.",
    ),
    UnavailableSource(
        id="la_courts_judgments",
        country="LA",
        kind="judgments",
        language="lo",
        publisher="People's Courts of the Lao PDR",
        base_url="",
        reason="Lao courts publish no decisions online that we could find. " + SHERLOC_STANDS_IN,
    ),
    UnavailableSource(
        id="la_gazette_legislation",
        country="LA",
        kind="legislation",
        language="lo",
        publisher="Lao Official Gazette",
        base_url="",
        reason="No saved page or public crawler of a Lao legislation portal was found, so its "
        "structure is unknown, and it could not be reached from here; Lao laws are not crawled.",
    ),
    UnavailableSource(
        id="mm_courts_judgments",
        country="MM",
        kind="judgments",
        language="my",
        publisher="Supreme Court of the Union of Myanmar",
        base_url="",
        reason="Myanmar's courts publish no decisions online that we could find. "
        + SHERLOC_STANDS_IN,
    ),
    UnavailableSource(
        id="bn_judiciary_judgments",
        country="BN",
        kind="judgments",
        language="en",
        publisher="Judiciary of Brunei Darussalam",
        base_url="",
        reason="No published judgments of Brunei's courts were found in saved pages or public "
        "crawlers. " + SHERLOC_STANDS_IN,
    ),
    UnavailableSource(
        id="bn_agc_legislation",
        country="BN",
        kind="legislation",
        language="en",
        publisher="Attorney General's Chambers of Brunei Darussalam",
        base_url="",
        reason="The Chambers publish the Laws of Brunei as PDFs, but no page of their site was "
        "saved or crawled publicly and it could not be reached from here, so the listing's "
        "structure is unknown; not crawled.",
    ),
)
