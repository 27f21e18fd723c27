"""Filter values that name coded choices: "restitution,refused", "not_trafficking"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def parse_choices(
    value: str, field: str, allowed: Sequence[str], groups: Mapping[str, Sequence[str]]
) -> tuple[str, ...]:
    """The choices `value` lists (alternatives separated by commas, case ignored, each once),
    a group's name standing for its members. Anything else raises a ValueError naming what
    the filter takes."""
    wanted: list[str] = []
    for alternative in (v.strip().lower() for v in value.split(",")):
        if not alternative:
            continue
        if alternative in groups:
            wanted.extend(groups[alternative])
        elif alternative in allowed:
            wanted.append(alternative)
        else:
            takes = ", ".join((*allowed, *groups))
            raise ValueError(f"filter {field} takes {takes}, not {value!r}")
    return tuple(dict.fromkeys(wanted))
