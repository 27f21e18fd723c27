"""ASEAN instruments on trafficking in persons, above all the Convention (ACTIP), from asean.org.

Publisher
  ASEAN Secretariat (https://asean.org), depositary of the ASEAN Convention Against
  Trafficking in Persons, Especially Women and Children (ACTIP, signed at Kuala Lumpur on
  21 November 2015, in force since 8 March 2017).
Caveats
  The instruments are PDFs at fixed addresses, listed here with the date each was signed; the
  PDF path of ACTIP is the one the Secretariat's site has used (inferred, not checked from
  here: a moved file is a reported 404, not a silent gap). Each is asked for conditionally
  every week, keyed on a short name ("actip"), so a re-issued file is found. The text is the
  English original; the ASEAN Guidelines on non-punishment (2025) are not yet listed because
  no stable address for them was known. The PDF fixture is team-written (article headings and
  our own summary of each article), not the official text.
History
  2026-12-05: Created: ACTIP by conditional GET.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, ClassVar

from scrapy.http import Response

from crawlers.base import SourceSpider


@dataclasses.dataclass(frozen=True, slots=True)
class Instrument:
    key: str  # the source's own id
    path: str
    title: str
    signed: str  # ISO date


INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument(
        key="actip",
        path="/wp-content/uploads/2015/12/ACTIP.pdf",
        title="ASEAN Convention Against Trafficking in Persons, Especially Women and Children",
        signed="2015-11-21",
    ),
)


class IntAseanLegislation(SourceSpider):
    """See the module docstring."""

    name = "int_asean_legislation"
    country = "INT"  # regional: binding on the ten member states that ratified it
    kind = "legislation"
    language = "en"
    base_url = "https://asean.org"
    status = "inferred"  # see Caveats: structure from public crawler code and team-written pages

    instruments: ClassVar[tuple[Instrument, ...]] = INSTRUMENTS

    async def start(self) -> Any:
        for instrument in self.instruments:
            for output in self.request_document(
                self.site_url(instrument.path),
                doc_id=self.doc_id(instrument.key),
                callback=self.parse_instrument,
                cb_kwargs={"key": instrument.key},
            ):
                yield output  # an async start cannot `yield from`

    def parse_instrument(self, response: Response, key: str) -> Iterator[Any]:
        instrument = next(i for i in self.instruments if i.key == key)
        if not response.body.startswith(b"%PDF"):
            yield self.failed(response, "not a PDF (the file may have moved)")
            return
        yield self.fetched(
            response,
            doc_type="legislation",
            title=instrument.title,
            content_type=self.content_type(response, "application/pdf"),
            case_number="ACTIP" if key == "actip" else None,
            decision_date=instrument.signed,
            # No state's law: a regional instrument has no ISO country; "ASEAN" says whose.
            country="",
            metadata={"instrument": key, "region": "ASEAN"},
        )
