"""Penalties: what one sentenced defendant must serve and pay, read from one clause.

A clause is the stretch of an operative part that states one penalty ("Menjatuhkan pidana ...",
"He is sentenced to suffer ..."). `read_penalty` turns a clause into a `Penalty`; the
tradition-specific modules decide where clauses begin and to how many defendants each applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.quantities import Amount, Quantity, find_amounts, find_durations, months

IMPRISONMENT = re.compile(
    r"pidana\s+penjara|penjara\s+selama|\bimprisonment\b|reclusi[oó]n|prisi[oó]n|\bpenjara\b"
    r"|\bsentenced?\b|\bprison\s+term\b|\bLPKA\b|Lembaga\s+Pembinaan"
    # "Menjatuhkan pidana ... selama 6 (enam) tahun": the prison term without the word prison
    # (not "pidana tambahan", an additional penalty such as restitution).
    r"|Menjatuhkan\s+pidana(?!\s+(?:denda|tambahan))",
    re.IGNORECASE,
)
LIFE = re.compile(
    r"seumur\s+hidup|life\s+imprisonment|reclusi[oó]n\s+perpetua|imprisonment\s+for\s+life"
    r"|penjara\s+sepanjang\s+hayat",
    re.IGNORECASE,
)
FINE = re.compile(r"\bdenda\b|\bfines?\b|\bfined\b", re.IGNORECASE)
# Detention in lieu of an unpaid fine; it is stated after the fine.
SUBSIDIARY = re.compile(
    r"kurungan|subsid[ia]{1,3}r|subsider|subsidiary\s+imprisonment|in\s+default|diganti\s+dengan"
    r"|tidak\s+(?:di)?bayar",
    re.IGNORECASE,
)
# A penalty clause that orders restitution ("Menghukum Terdakwa membayar restitusi ... kurungan
# pengganti") must not be read as a prison term.
_RESTITUTION_FIRST = re.compile(r"restitusi|restitution|ganti\s+(?:rugi|kerugian)", re.IGNORECASE)
# How far after the word "fine" its amount may stand ("a fine of PHP 2,000,000.00").
_FINE_REACH = 60


@dataclass(frozen=True, slots=True)
class Penalty:
    """One defendant's penalty; offsets into the text the clause was read from."""

    start: int
    end: int
    imprisonment_months: int | None = None
    life: bool = False
    fine: Amount | None = None
    subsidiary_months: int | None = None

    @property
    def severity(self) -> tuple[int, int, float]:
        """Order of gravity: life, then the longer term, then the larger fine."""
        return (int(self.life), self.imprisonment_months or 0, self.fine.amount if self.fine else 0)

    def with_fine(self, other: Penalty) -> Penalty:
        """This penalty with the fine (and its default term) of `other`."""
        return Penalty(
            self.start,
            max(self.end, other.end),
            self.imprisonment_months,
            self.life,
            other.fine,
            other.subsidiary_months,
        )

    def value(self) -> dict[str, object]:
        return {
            "imprisonment_months": None if self.life else self.imprisonment_months,
            "life": self.life,
            "fine": {"amount": self.fine.amount, "currency": self.fine.currency}
            if self.fine
            else None,
            "subsidiary_detention_months": self.subsidiary_months if self.fine else None,
        }


def currency_hint(country: str) -> str | None:
    """Which dollar a bare "$" means in this country's judgments."""
    return {"SG": "SGD", "MY": "MYR"}.get(country)


def _durations(clause: str, lang: str) -> list[Quantity]:
    found = find_durations(clause, lang)
    if lang != "en" and not found:
        found = find_durations(clause, "en")
    return found


def read_penalty(clause: str, offset: int, lang: str, country: str) -> Penalty | None:
    """The penalty a clause states, or None when it states none (offsets shifted by `offset`)."""
    restitution = _RESTITUTION_FIRST.search(clause)
    prison = IMPRISONMENT.search(clause)
    fine_word = FINE.search(clause)
    if (
        restitution
        and (prison is None or restitution.start() < prison.start())
        and (fine_word is None or restitution.start() < fine_word.start())
    ):
        return None
    life = LIFE.search(clause)
    fine = _fine(clause, fine_word, country)
    subsidiary_word = SUBSIDIARY.search(clause, fine.end) if fine else None
    # Durations after the fine belong to the fine (its default term, or the time to pay it)
    # unless the prison term is itself stated after the fine.
    prison_after_fine = bool(fine and prison and prison.start() > fine.end)
    imprisonment: Quantity | None = None
    subsidiary: Quantity | None = None
    for duration in _durations(clause, "en" if lang not in {"id", "ms", "tl"} else lang):
        after_fine = fine is not None and duration.start > fine.end
        if after_fine and subsidiary_word and duration.start > subsidiary_word.start():
            if subsidiary is None:
                subsidiary = duration
        elif after_fine and not prison_after_fine:
            continue
        elif imprisonment is None or duration.value > imprisonment.value:
            # Indeterminate sentences name a minimum and a maximum: keep the maximum.
            imprisonment = duration
    if not (life or (prison and imprisonment) or fine):
        return None
    pieces = [q.end for q in (imprisonment, subsidiary) if q is not None]
    pieces += [fine.end] if fine else []
    pieces += [life.end()] if life else []
    return Penalty(
        start=offset,
        end=offset + max(pieces),
        imprisonment_months=months(imprisonment.value) if imprisonment and prison else None,
        life=bool(life),
        fine=fine,
        subsidiary_months=months(subsidiary.value) if subsidiary and fine else None,
    )


def _fine(clause: str, fine_word: re.Match[str] | None, country: str) -> Amount | None:
    """The amount right after the word "fine"/"denda" (not damages further on), or right before
    it in a list of sums ("PHP 2,000,000.00 as fine")."""
    while fine_word is not None:
        before = clause[max(fine_word.start() - 40, 0) : fine_word.start()]
        if re.search(r"\s+as\s+(?:a\s+|the\s+)?$", before):
            amounts = list(find_amounts(before, default_dollar=currency_hint(country)))
            if amounts and re.fullmatch(r"\s+as\s+(?:a\s+|the\s+)?", before[amounts[-1].end :]):
                shift = fine_word.start() - len(before)
                last = amounts[-1]
                return Amount(last.amount, last.currency, shift + last.start, shift + last.end)
        reach = clause[fine_word.end() : fine_word.end() + _FINE_REACH + 20]
        for amount in find_amounts(reach, default_dollar=currency_hint(country)):
            if amount.start <= _FINE_REACH:
                return Amount(
                    amount.amount,
                    amount.currency,
                    fine_word.end() + amount.start,
                    fine_word.end() + amount.end,
                )
            break
        fine_word = FINE.search(clause, fine_word.end())
    return None
