"""Charges where a judgment has no charges section: the statutes cited where the judgment states
what the accused was charged with or convicted of.

Thai, Vietnamese and Malaysian judgments are not cut into sections by their own formulas, and
they cite many laws besides the offence: the victim-protection provision that barred the
prosecution, procedure, the law of which the accused was the victim. Only a citation inside a
charging or deciding context is a charge: the prosecutor's request to punish under a law
("ขอให้ลงโทษตาม"), an indictment ("truy tố ... về tội"), a charge or conviction ("dituduh di bawah",
"charged under"). Each language's cues, where its context ends, and (for Vietnamese, which names
offences more often than articles) its offence names are data: `patterns/<lang>/charges.json`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp.extractors.statutes import citations
from nlp.findings import Finding

PATTERNS_DIR = Path(__file__).parents[1] / "patterns"
# Malaysian (and Bruneian) judgments mix English into Malay; English cues are read for every
# language, since laws are often cited in English whatever the judgment's language.
ALWAYS_READ = "en"


@dataclass(frozen=True, slots=True)
class Offence:
    pattern: re.Pattern[str]
    statute: str
    provision: str


@dataclass(frozen=True, slots=True)
class ChargeCues:
    cue: re.Pattern[str]
    context_end: re.Pattern[str]
    context_chars: int
    offences: tuple[Offence, ...]


@cache
def charge_cues(lang: str) -> ChargeCues | None:
    """The language's charging cues, or None where it has none."""
    path = PATTERNS_DIR / lang / "charges.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ChargeCues(
        cue=re.compile(data["cue"], re.IGNORECASE),
        context_end=re.compile(data["context_end"]),
        context_chars=int(data["context_chars"]),
        offences=tuple(
            Offence(re.compile(o["pattern"], re.IGNORECASE), o["statute"], o["provision"])
            for o in data.get("offences", ())
        ),
    )


@cache
def _read_cues(lang: str) -> tuple[ChargeCues, ...]:
    """The cues read in a `lang` judgment: its own language's, then English's."""
    found = (charge_cues(code) for code in dict.fromkeys((lang, ALWAYS_READ)))
    return tuple(cues for cues in found if cues is not None)


def charge_contexts(text: str, lang: str) -> list[tuple[int, int]]:
    """The stretches of `text` that state a charge or a decision on one: from each cue to the
    end of its sentence (or clause, in Thai), merged where they overlap."""
    found: list[tuple[int, int]] = []
    for cues in _read_cues(lang):
        for cue in cues.cue.finditer(text):
            limit = min(cue.end() + cues.context_chars, len(text))
            end = cues.context_end.search(text, cue.end(), limit)
            found.append((cue.start(), end.start() if end else limit))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def charges(text: str, base: int, lang: str) -> list[Finding]:
    """The "charge" findings (value {"statute", "provision"}) for the statutes cited, and the
    offences named, in the charging contexts of `text`; offsets are `base` + offsets in it."""
    found: list[Finding] = []
    offences = tuple(offence for cues in _read_cues(lang) for offence in cues.offences)
    for start, end in charge_contexts(text, lang):
        context = text[start:end]
        found.extend(citations(context, base + start))
        for offence in offences:
            for match in offence.pattern.finditer(context):
                value = {"statute": offence.statute, "provision": offence.provision}
                found.append(
                    Finding(
                        "charge", value, base + start + match.start(), base + start + match.end()
                    )
                )
    found.sort(key=lambda f: f.start)
    return found
