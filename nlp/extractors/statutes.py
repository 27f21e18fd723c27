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
    r"|(?P<sec>[Ss]ections?|Secs?\.|[Ss]eksyen|s\.?)\s*(?P<sn>\d+[A-Z]?)(?P<sub>(?:\s?\(\s?[a-z0-9]+\s?\))*))"
    r"|(?P<matra>มาตรา)\s*(?P<tn>[0-9๐-๙]+)"
    r"|(?P<dieu>Điều)\s+(?P<dn>\d+)\b",
)
# Thai cites the Act first and the section after it ("พระราชบัญญัติ... พ.ศ. ๒๕๕๑ มาตรา ๔๑"): the
# section may follow the statute's name, past its year.
_SECTION_AFTER = re.compile(r"\s*(?:พ\.ศ\.\s*[0-9๐-๙]{4}\s*)?(?P<matra>มาตรา)\s*(?P<tn>[0-9๐-๙]+)")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Thai lists several sections of one Act after one "มาตรา" ("มาตรา ๑๑, ๘๑", "มาตรา ๖ และ ๕๒"):
# each is a provision. A number followed by a unit is a quantity, not a section.
_MORE_SECTIONS = re.compile(r"\s*(?:,|และ)\s*(?P<tn>[0-9๐-๙]+)(?![0-9๐-๙]|\s*(?:ปี|เดือน|วัน|บาท))")


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
            # A rule that names the article itself ("Điều 348 Bộ luật Hình sự") cites that one.
            provision = _PROVISION.match(text, match.start())
            start = match.start()
            if provision is None:
                window_start = max(match.start() - 120, 0)
                window = text[window_start : match.start()]
                provisions = list(_PROVISION.finditer(window))
                provision = provisions[-1] if provisions else None
                # Skip provisions separated from the statute by a sentence end.
                if provision and re.search(r"[.;]\s", window[provision.end() :]):
                    provision = None
                if provision is not None:
                    start = window_start + provision.start()
            end = match.end()
            if provision is None and (after := _SECTION_AFTER.match(text, match.end())):
                provision, end = after, after.end()
            value = {
                "statute": rule.statute,
                "provision": _provision_text(provision) if provision else None,
            }
            found.append(Finding("charge", value, base + start, base + end))
            if provision is not None and provision.groupdict().get("matra"):
                for more in _more_sections(text, end):
                    section = f"มาตรา {more.group('tn').translate(_THAI_DIGITS)}"
                    found.append(
                        Finding(
                            "charge",
                            {"statute": rule.statute, "provision": section},
                            base + start,
                            base + more.end(),
                        )
                    )
    found.sort(key=lambda f: f.start)
    return found


def _more_sections(text: str, position: int) -> list[re.Match[str]]:
    """The further section numbers listed right after a Thai "มาตรา N"."""
    more: list[re.Match[str]] = []
    while match := _MORE_SECTIONS.match(text, position):
        more.append(match)
        position = match.end()
    return more
