"""Charges: the statute (normalised) and the provision cited before it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp.findings import Finding

STATUTES_FILE = Path(__file__).parents[1] / "patterns" / "xx" / "statutes.json"

# "Pasal 2 ayat (1)", "Pasal 88 jo Pasal 76I", "Section 4(a)", "Sec. 6 (a)", "s 3(1)(a)",
# "มาตรา ๔๑" (Thai digits or ASCII), "Điều 27".
_PROVISION = re.compile(
    r"\b(?:(?P<pasal>Pasal)\s+(?P<pn>\d+[A-Z]?)(?:\s+ayat\s*\(\s*(?P<ayat>\d+)\s*\))?"
    r"|(?P<sec>Sections?|Secs?\.|[Ss]eksyen|s\.?)\s*(?P<sn>\d+[A-Z]?)(?P<sub>(?:\s?\(\s?[a-z0-9]+\s?\))*))"
    r"|(?P<matra>มาตรา)\s*(?P<tn>[0-9๐-๙]+)"
    r"|(?P<dieu>Điều)\s+(?P<dn>\d+)\b",
)
# Thai cites the Act first and the section after it ("พระราชบัญญัติ... พ.ศ. ๒๕๕๑ มาตรา ๔๑"): the
# section may follow the statute's name, past its year.
_SECTION_AFTER = re.compile(r"\s*(?:พ\.ศ\.\s*[0-9๐-๙]{4}\s*)?(?P<matra>มาตรา)\s*(?P<tn>[0-9๐-๙]+)")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True, slots=True)
class StatuteRule:
    pattern: re.Pattern[str]
    statute: str
    trafficking: bool


@cache
def statute_rules() -> tuple[StatuteRule, ...]:
    data = json.loads(STATUTES_FILE.read_text(encoding="utf-8"))
    return tuple(
        StatuteRule(
            re.compile(item["pattern"], re.IGNORECASE),
            item["statute"],
            bool(item.get("trafficking", False)),
        )
        for item in data["statutes"]
    )


@cache
def trafficking_statutes() -> frozenset[str]:
    return frozenset(rule.statute for rule in statute_rules() if rule.trafficking)


def _provision_text(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("matra"):
        return f"มาตรา {match.group('tn').translate(_THAI_DIGITS)}"
    if groups.get("dieu"):
        return f"Điều {match.group('dn')}"
    if match.group("pasal"):
        text = f"Pasal {match.group('pn')}"
        if match.group("ayat"):
            text += f" ayat ({match.group('ayat')})"
        return text
    sub = re.sub(r"\s+", "", match.group("sub") or "")
    return f"Sec. {match.group('sn')}{sub}"


def citations(text: str, base: int) -> list[Finding]:
    """Every statute cited, with the nearest provision just before it (within one clause).
    Value: {"statute", "provision"}; charges are the distinct ones among them."""
    found: list[Finding] = []
    for rule in statute_rules():
        for match in rule.pattern.finditer(text):
            window_start = max(match.start() - 120, 0)
            window = text[window_start : match.start()]
            provisions = list(_PROVISION.finditer(window))
            provision = provisions[-1] if provisions else None
            # Skip provisions separated from the statute by a sentence end.
            if provision and re.search(r"[.;]\s", window[provision.end() :]):
                provision = None
            start = window_start + provision.start() if provision else match.start()
            end = match.end()
            if provision is None and (after := _SECTION_AFTER.match(text, match.end())):
                provision, end = after, after.end()
            found.append(
                Finding(
                    "charge",
                    {
                        "statute": rule.statute,
                        "provision": _provision_text(provision) if provision else None,
                    },
                    base + start,
                    base + end,
                )
            )
    found.sort(key=lambda f: f.start)
    return found
