"""Legislation: a law's text split into its provisions, each tagged with topics and ACTIP articles.

Laws number their provisions in a few ways: a keyword before the number ("Section 4.", "Pasal 4",
"มาตรา ๔", "Điều 4.") or, in Commonwealth drafting (Malaysia, Singapore, Brunei), a bare "4." with
the section's title as a shoulder note on the line above. Everything that varies by language (the
keywords, the words that open and close a law's body, the topic terms) is data under
`nlp/data/legislation/`, so a new language is a data change.

Two things make real texts harder than the schemes suggest:
- Bills open with a table of contents (numbered headings without bodies) and close with an
  explanatory statement that is numbered too. Only the enacted body is segmented.
- Amending bills quote whole new sections ("13. Any person who ...") inside their own clauses.
  Among all the numbers found, the one sequence that best counts up 1, 2, 3, ... is kept; a quoted
  section number breaks that count and stays part of the clause that quotes it.

`segment_provisions(document)` is the public verb; `segment_law(document)` also reports what it
skipped.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tiplex.records import Document, Provision

DATA_DIR = Path(__file__).parent / "data" / "legislation"

TOPICS = (
    "definition",
    "criminalisation",
    "penalty",
    "aggravation",
    "non_punishment",
    "victim_assistance",
    "compensation",
    "child",
    "jurisdiction",
    "smuggling",
    "investigation_powers",
    "cooperation",
    "prevention",
    "institutions",
    "confidentiality",
    "other",
)

# Markdown residue a PDF conversion leaves before a number: "# ", "**", "_".
_LEAD = r"^(?P<lead>[ \t]*(?:#{1,6}[ \t]+)?(?:[*_]{1,3}[ \t]*)?)"
_DASH = re.compile(r"(?:\.[ \t]*[–—-]{1,2}|[ \t][–—]{1,2}|[ \t]-{1,2}[ \t])[ \t]*")
_PAGE_FURNITURE = re.compile(
    r"^(?:-{3,}|\d+|\d*\s*(?:\*\*)?_[^*]*_(?:\*\*)?\s*\d*"  # page break, number, running title
    r"|\d+\s+[A-Z][A-Z' ()-]+|[A-Z][A-Z' ()-]+\s+\d+)$"  # "4 RANG UNDANG-UNDANG", "... 3"
)
_CLOSE_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

# Chain scoring (see _best_chain): a skipped number costs this much, so a quoted section "13."
# inside clause 5 of an amending bill loses against clauses 6, 7, 8 that follow it.
_GAP_COST = 0.7
_MAX_START_COST = 10.0  # a chain may start above 1 (an extract) if it is long enough to pay
_LOOKBACK = 300


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LawSegmentation:
    """Provisions of one law plus what the segmenter decided about its layout."""

    provisions: tuple[Provision, ...]
    toc_skipped: bool  # a table of contents was found and left out
    bodies: tuple[tuple[int, int], ...]  # (start, end) of each enacted body segmented
    numbering_complete: bool  # every body numbers 1, 2, 3, ... (4A-style inserts allowed)


def segment_provisions(document: Document) -> list[Provision]:
    """The law's provisions in document order, tagged with topics and ACTIP articles."""
    return list(segment_law(document).provisions)


def segment_law(document: Document) -> LawSegmentation:
    numbering = _numbering()
    text = document.text
    bodies, toc_skipped = _body_regions(text, numbering)
    tip_law = bool(_topic_rules().trafficking.search(_normalise(document.title or "")))
    provisions: list[Provision] = []
    complete = bool(bodies)
    for start, end in bodies:
        chain = _choose_chain(text, start, end, numbering)
        complete = complete and _counts_up(chain)
        divisions = [m.start() for m in numbering.division.finditer(text, start, end)]
        divisions += [m.start() for m in numbering.schedule.finditer(text, start, end)]
        for index, marker in enumerate(chain):
            following = chain[index + 1].boundary if index + 1 < len(chain) else end
            stop = min([following, *(d for d in divisions if d > marker.line_start)])
            provisions.append(_provision(document.doc_id, text, marker, stop, tip_law))
    return LawSegmentation(tuple(provisions), toc_skipped, tuple(bodies), complete)


# --------------------------------------------------------------------------------------------
# Numbering data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Keyword:
    pattern: re.Pattern[str]
    heading: str  # inline | line | none
    follow: str  # dot | eol | any


@dataclass(frozen=True, slots=True)
class _Numbering:
    keywords: tuple[_Keyword, ...]
    bare: re.Pattern[str]
    bare_after_note: re.Pattern[str]
    division: re.Pattern[str]
    schedule: re.Pattern[str]
    toc: re.Pattern[str]
    enactment: re.Pattern[str]
    end: re.Pattern[str]
    to_ascii: Mapping[int, str]


def _load(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


@cache
def _numbering() -> _Numbering:
    data = _load("numbering.json")
    native = "".join(data["native_digits"])
    digits = f"0-9{native}"
    to_ascii = {ord(ch): str(i) for block in data["native_digits"] for i, ch in enumerate(block)}
    number = rf"(?P<num>[{digits}]{{1,4}})(?P<suf>[A-Z]{{1,2}}|/[{digits}]{{1,3}})?"
    keywords = tuple(
        _Keyword(
            re.compile(rf"{_LEAD}(?:{kw['pattern']})[ \t]*{number}(?![\w(])", re.M),
            kw["heading"],
            kw["follow"],
        )
        for kw in data["section_keywords"]
    )
    bare = re.compile(rf"{_LEAD}(?P<num>\d{{1,4}})(?P<suf>[A-Z]{{1,2}})?\.(?=[*_ \t]|$)", re.M)
    division_words = "|".join(data["division_keywords"])
    division = re.compile(
        rf"{_LEAD}(?:{division_words})[ \t]+(?:[IVXLCH1l]+|[{digits}]+|[A-Z]{{1,3}})\b[ \t*_.:]*$",
        re.M,
    )
    return _Numbering(
        keywords=keywords,
        bare=bare,
        bare_after_note=re.compile(
            r"^(?P<lead>[ \t]*[A-Z][\w-]*(?:[ \t]+[\w-]+){0,2}[ \t]+(?:\*\*)?)"
            r"(?P<num>\d{1,3})(?P<suf>[A-Z]{1,2})?\.(?:\*\*)?[ \t]+(?=\(|\*\*|[A-Z])",
            re.M,
        ),
        division=division,
        schedule=re.compile("|".join(data["schedule_headings"]), re.M),
        toc=re.compile("|".join(data["toc_headers"])),
        enactment=re.compile("|".join(data["enactment_markers"]), re.M),
        end=re.compile("|".join(data["end_markers"]), re.M),
        to_ascii=to_ascii,
    )


# --------------------------------------------------------------------------------------------
# Where the enacted text is
# --------------------------------------------------------------------------------------------


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _body_regions(text: str, numbering: _Numbering) -> tuple[list[tuple[int, int]], bool]:
    """(start, end) of each enacted body, and whether a table of contents was skipped.

    A body opens after the enacting formula ("ENACTED by ...", "DIPERBUAT oleh ...") and closes at
    an explanatory statement or signature block. Bilingual prints repeat the pattern, hence a list.
    """
    toc = numbering.toc.search(text)
    toc_skipped = toc is not None and toc.start() < len(text) // 2
    search_from = toc.end() if toc is not None and toc_skipped else 0
    regions: list[tuple[int, int]] = []
    while True:
        enactment = numbering.enactment.search(text, search_from)
        if enactment is None:
            if regions:
                break
            start = _after_contents(text, search_from, numbering) if toc_skipped else 0
        else:
            start = _line_end(text, enactment.end())
        closing = numbering.end.search(text, start)
        end = closing.start() if closing is not None else len(text)
        if end > start:
            regions.append((start, end))
        if closing is None or enactment is None:
            break
        search_from = closing.end()
    return regions, toc_skipped


def _after_contents(text: str, toc_end: int, numbering: _Numbering) -> int:
    """Without an enacting formula the body starts where the numbering starts over at 1."""
    ones = [m.start() for m in numbering.bare.finditer(text, toc_end) if int(m["num"]) == 1]
    return ones[1] if len(ones) > 1 else toc_end


# --------------------------------------------------------------------------------------------
# Numbers in the body, and the sequence that is the law's own
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Marker:
    line_start: int
    after: int  # just past the number (and its full stop)
    number: str  # ASCII digits plus suffix: "4", "4A", "26/1"
    value: int
    suffix: str
    heading_mode: str  # before | inline | line | none
    heading: str
    heading_start: int  # where a shoulder note above the number starts (== line_start if none)
    weight: float

    @property
    def key(self) -> tuple[int, tuple[int, int | str]]:
        if not self.suffix:
            return self.value, (0, 0)
        if self.suffix.startswith("/"):
            return self.value, (1, int(self.suffix[1:]))
        return self.value, (2, self.suffix)

    @property
    def boundary(self) -> int:
        """Where the previous provision ends: before this one's shoulder note, if it has one."""
        return min(self.heading_start, self.line_start)


def _choose_chain(text: str, start: int, end: int, numbering: _Numbering) -> list[_Marker]:
    keyword_markers = sorted(_keyword_markers(text, start, end, numbering), key=lambda m: m.after)
    bare_markers = list(_bare_markers(text, start, end, numbering))
    keyword_chain = _best_chain(keyword_markers)
    bare_chain = _best_chain(bare_markers)
    if not keyword_chain or not bare_chain:
        return keyword_chain or bare_chain
    # The law's own scheme starts first: "Điều 1." before the "1." of its clauses, a bill's "1."
    # before the "Article 1" of a convention in its schedule. A very short first chain is noise.
    first, second = sorted((keyword_chain, bare_chain), key=lambda chain: chain[0].line_start)
    if len(first) < 3 and len(second) >= 3 * len(first):
        return second
    return first


def _to_ascii(value: str, numbering: _Numbering) -> str:
    return value.translate(numbering.to_ascii)


def _keyword_markers(text: str, start: int, end: int, numbering: _Numbering) -> Iterable[_Marker]:
    for keyword in numbering.keywords:
        for match in keyword.pattern.finditer(text, start, end):
            rest_start = match.end()
            rest = text[rest_start : _line_end(text, rest_start)]
            dotted = rest.lstrip("*_ \t").startswith((".", ":"))
            if not _follows(rest, dotted, keyword.follow):
                continue
            after = rest_start + (rest.find(".") + 1 if rest.lstrip("*_ \t").startswith(".") else 0)
            yield _make_marker(text, match, after, keyword.heading, numbering, start)


def _follows(rest: str, dotted: bool, rule: str) -> bool:
    remainder = rest.strip(" \t*_.:")
    if rule == "dot":
        return dotted
    if rule == "eol":
        return not remainder
    return dotted or not remainder or not (remainder[0].isascii() and remainder[0].islower())


def _bare_markers(text: str, start: int, end: int, numbering: _Numbering) -> list[_Marker]:
    markers = [
        _make_marker(text, match, match.end(), "before", numbering, start)
        for match in numbering.bare.finditer(text, start, end)
    ]
    # Scanned bills print the marginal note beside the number, and the conversion puts its first
    # words on the number's line ("Amendment 3. Section 3 of ..."). Such numbers count for less.
    markers += [
        _make_marker(text, match, match.end(), "none", numbering, start, weight=0.6)
        for match in numbering.bare_after_note.finditer(text, start, end)
    ]
    return sorted(markers, key=lambda m: m.line_start)


def _make_marker(
    text: str,
    match: re.Match[str],
    after: int,
    mode: str,
    numbering: _Numbering,
    floor: int,
    weight: float = 1.0,
) -> _Marker:
    digits = _to_ascii(match["num"], numbering)
    suffix = _to_ascii(match["suf"] or "", numbering)
    heading, heading_start = ("", match.start())
    if mode == "before":
        heading, heading_start = _heading_above(text, match.start(), floor)
    weight += (0.5 if heading else 0.0) + (0.25 if "*" in match["lead"] else 0.0)
    return _Marker(
        line_start=match.start(),
        after=after,
        number=digits.lstrip("0") + suffix if digits.strip("0") else digits + suffix,
        value=int(digits),
        suffix=suffix,
        heading_mode=mode,
        heading=heading,
        heading_start=heading_start,
        weight=weight,
    )


def _best_chain(markers: Sequence[_Marker]) -> list[_Marker]:
    """The highest-scoring strictly increasing sequence: each marker adds its weight, each
    skipped number costs _GAP_COST, and starting above 1 costs like a gap (capped: extracts
    exist). Uncapped gaps keep a schedule's items 47..55 from following clause 4."""
    if not markers:
        return []
    scores: list[float] = []
    previous: list[int] = []
    for j, marker in enumerate(markers):
        best = marker.weight - min(_GAP_COST * (marker.value - 1), _MAX_START_COST)
        back = -1
        for i in range(max(0, j - _LOOKBACK), j):
            earlier = markers[i]
            if earlier.key >= marker.key:
                continue
            gap = max(marker.value - earlier.value - 1, 0)
            score = scores[i] + marker.weight - _GAP_COST * gap
            if score > best:
                best, back = score, i
        scores.append(best)
        previous.append(back)
    index = max(range(len(markers)), key=scores.__getitem__)
    chain: list[_Marker] = []
    while index >= 0:
        chain.append(markers[index])
        index = previous[index]
    return chain[::-1]


def _counts_up(chain: Sequence[_Marker]) -> bool:
    if not chain or chain[0].value != 1:
        return False
    return all(b.value - a.value in (0, 1) for a, b in zip(chain, chain[1:], strict=False))


# --------------------------------------------------------------------------------------------
# Headings and bodies
# --------------------------------------------------------------------------------------------


def _clean(fragment: str) -> str:
    return " ".join(fragment.replace("*", " ").replace("_", " ").split()).strip(" .:;–—-")


def _heading_above(text: str, line_start: int, floor: int) -> tuple[str, int]:
    """A shoulder note: bold lines (or one short title-like line) just above the number, set off
    by a blank line from the text above it; a bold line glued to a paragraph ("**both.**") is the
    end of that paragraph, not a title."""
    collected: list[tuple[int, str]] = []
    set_off = True  # a blank line (or page furniture) lies between the collected lines and above
    cursor = line_start
    while cursor > floor:
        previous_start = max(text.rfind("\n", floor, cursor - 1) + 1, floor)
        line = text[previous_start:cursor].strip()
        cursor = previous_start
        if not line or _PAGE_FURNITURE.match(line):
            set_off = True
            continue
        if collected and set_off:
            break  # the title block is complete and set off from the text above
        bold = line.startswith("**") and line.endswith("**") and not line.startswith("**_")
        if len(collected) < 3 and (bold or (not collected and _looks_like_title(line))):
            collected.append((previous_start, line))
            set_off = False
            continue
        if collected and not set_off:
            collected = []
        break
    if not collected:
        return "", line_start
    collected.reverse()
    return _clean(" ".join(line for _, line in collected)), collected[0][0]


def _looks_like_title(line: str) -> bool:
    plain = _clean(line)
    return (
        0 < len(plain) <= 90
        and plain[0].isupper()
        and not plain.isupper()
        and not line.rstrip("*_ ").endswith((",", ";", ":", "—", "–", "-"))
    )


def _split_inline_heading(text: str, after: int, mode: str) -> tuple[str, int]:
    """(heading, body start) for titles that follow the number on its own line."""
    window_end = text.find("\n\n", after)
    window_end = min(len(text), after + 250) if window_end < 0 else min(window_end, after + 250)
    window = text[after:window_end]
    dash = _DASH.search(window)
    if dash is not None and mode != "none":
        candidate = _clean(window[: dash.start()])
        if 0 < len(candidate) <= 200 and ". " not in candidate:
            return candidate, after + dash.end()
    line = text[after : _line_end(text, after)]
    plain = _clean(line)
    if mode == "line" and 0 < len(plain) <= 200:
        return plain, _line_end(text, after)
    titled = line.rstrip("*_ ").endswith(".") and ". " not in plain
    if mode == "inline" and 0 < len(plain) <= 100 and titled:
        return plain, _line_end(text, after)
    return "", after


def _skip_leading(text: str, pos: int, stop: int) -> int:
    while pos < stop and (text[pos].isspace() or text[pos] in "*_"):
        pos += 1
    return pos


def _trim_trailing(text: str, start: int, stop: int) -> int:
    while stop > start:
        chunk = text[start:stop].rstrip()
        if chunk.endswith("-----"):
            chunk = chunk[:-5]
        if len(chunk) == stop - start:
            break
        stop = start + len(chunk)
    return stop


def _provision(doc_id: str, text: str, marker: _Marker, stop: int, tip_law: bool) -> Provision:
    heading = marker.heading
    body_start = marker.after
    if marker.heading_mode in ("inline", "line", "none"):
        heading, body_start = _split_inline_heading(text, marker.after, marker.heading_mode)
    body_start = _skip_leading(text, min(body_start, stop), stop)
    body_end = _trim_trailing(text, body_start, stop)
    body = text[body_start:body_end]
    topics, articles = tag_provision(heading, body, tip_law=tip_law)
    return Provision(
        doc_id=doc_id,
        number=marker.number,
        heading=heading,
        text=body,
        start=body_start,
        end=body_end,
        topics=topics,
        actip_articles=articles,
    )


# --------------------------------------------------------------------------------------------
# Topics and ACTIP articles
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Terms:
    """Any-of a group of terms. Each term is tried only when its literal core occurs at all: one
    big alternation with word-boundary checks is far slower on 100-page laws."""

    terms: tuple[tuple[str, re.Pattern[str]], ...]  # (literal that must occur, exact pattern)

    def search(self, text: str) -> bool:
        return any(literal in text and pattern.search(text) for literal, pattern in self.terms)


@dataclass(frozen=True, slots=True)
class _TopicRule:
    name: str
    heading: _Terms | None
    text_rules: tuple[tuple[_Terms, ...], ...]  # any rule whose groups all match


@dataclass(frozen=True, slots=True)
class _TopicRules:
    rules: tuple[_TopicRule, ...]
    trafficking: _Terms
    law_names: re.Pattern[str]
    articles_by_topic: Mapping[str, tuple[str, ...]]
    articles_by_term: tuple[tuple[str, _Terms], ...]


def _is_latin(ch: str) -> bool:
    # Word boundaries only make sense for scripts that put spaces between words.
    return ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"


def _term_pattern(term: str) -> tuple[str, str]:
    """(literal core, regular expression) of one term of the data files."""
    if term.startswith("re:"):
        literal = re.match(r"[^\\()\[?*+{|.]*", term[3:])
        return (literal.group(0) if literal else ""), term[3:]
    stem = term.endswith("*")
    core = term.rstrip("*").lower()
    body = r"\s+".join(re.escape(word) for word in core.split())
    body += r"\w*" if stem else ""
    if core and _is_latin(core[0]) and core[0].isalnum():
        body = r"(?<!\w)" + body
    if core and _is_latin(core[-1]) and core[-1].isalnum() and not stem:
        body += r"(?!\w)"
    return core.split()[0] if core.split() else core, body


def _terms(terms: Iterable[str]) -> _Terms:
    compiled = []
    for term in terms:
        literal, pattern = _term_pattern(term)
        compiled.append((literal, re.compile(pattern)))
    return _Terms(tuple(compiled))


@cache
def _topic_rules() -> _TopicRules:
    data = _load("topics.json")
    groups: dict[str, list[str]] = data["groups"]

    def expand(group: str | list[str]) -> list[str]:
        if isinstance(group, str):
            return list(groups[group[1:]])
        terms: list[str] = []
        for item in group:
            terms.extend(groups[item[1:]] if item.startswith("@") else [item])
        return terms

    rules = tuple(
        _TopicRule(
            name=name,
            heading=_terms(spec["heading"]) if spec.get("heading") else None,
            text_rules=tuple(
                tuple(_terms(expand(group)) for group in rule) for rule in spec.get("text", [])
            ),
        )
        for name, spec in data["topics"].items()
    )
    actip = _load("actip.json")
    return _TopicRules(
        rules=rules,
        trafficking=_terms(groups["trafficking"]),
        law_names=re.compile("|".join(data["law_names"])),
        articles_by_topic={k: tuple(v) for k, v in actip["by_topic"].items()},
        articles_by_term=tuple(
            (article, _terms(terms)) for article, terms in actip["by_term"].items()
        ),
    )


def _normalise(fragment: str) -> str:
    plain = fragment.replace("*", " ").replace("_", " ").translate(_CLOSE_QUOTES)
    return " ".join(plain.split()).lower()


def tag_provision(
    heading: str, text: str, *, tip_law: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(topics, ACTIP articles) of one provision. Articles are given only when the provision is
    about trafficking in persons: it says so itself, or the law it belongs to does (`tip_law`)."""
    rules = _topic_rules()
    # A law's own name ("Anti-Smuggling of Migrants Act") says nothing about what a clause does.
    head = rules.law_names.sub(" ", _normalise(heading))
    body = rules.law_names.sub(" ", _normalise(text))
    found = {
        rule.name
        for rule in rules.rules
        if (rule.heading is not None and head and rule.heading.search(head))
        or any(all(group.search(body) for group in rule_groups) for rule_groups in rule.text_rules)
    }
    if "definition" in found:
        # An interpretation section names every concept of the law; tagging it with each of them
        # would bury the provisions that actually deal with those concepts.
        found = {"definition"}
    topics = tuple(t for t in TOPICS if t in found) or ("other",)
    if not (tip_law or rules.trafficking.search(head) or rules.trafficking.search(body)):
        return topics, ()
    articles = {a for t in topics for a in rules.articles_by_topic.get(t, ())}
    articles.update(a for a, pattern in rules.articles_by_term if pattern.search(f"{head} {body}"))
    return topics, tuple(sorted(articles, key=int))


# --------------------------------------------------------------------------------------------
# Measuring on a folder of laws: python -m nlp.legislation --corpus DIR
# --------------------------------------------------------------------------------------------


def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    for candidate in (folder / "manifest.jsonl", folder.parent / "manifest.jsonl"):
        if candidate.is_file():
            with candidate.open(encoding="utf-8") as handle:
                rows = [json.loads(line) for line in handle if line.strip()]
            return {Path(row["path"]).name: row for row in rows}
    return {}


def load_corpus_laws(folder: Path) -> list[Document]:
    """Every .txt file of `folder` as a legislation Document, with manifest metadata if present."""
    meta = _manifest(folder)
    documents = []
    for path in sorted(folder.glob("*.txt")):
        row = meta.get(path.name, {})
        if row and row.get("doc_type", "legislation") != "legislation":
            continue
        documents.append(
            Document(
                doc_id=row.get("doc_id", path.stem),
                source_id="corpus",
                url=path.resolve().as_uri(),
                country=row.get("country") or "",
                language=row.get("language") or "und",
                doc_type="legislation",
                title=row.get("title") or path.stem,
                text=path.read_text(encoding="utf-8"),
                sha256=row.get("sha256") or "",
                content_type="text/plain",
                raw_path=str(path),
                fetched_at="",
            )
        )
    return documents


def _report(documents: Sequence[Document], out: Any) -> None:
    counts: list[int] = []
    complete = toc = 0
    coverage: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for document in documents:
        result = segment_law(document)
        topic_counts = Counter(t for p in result.provisions for t in p.topics)
        counts.append(len(result.provisions))
        complete += result.numbering_complete
        toc += result.toc_skipped
        coverage.update(topic_counts.keys())
        totals.update(topic_counts)
        listed = " ".join(f"{t}={topic_counts[t]}" for t in TOPICS if topic_counts[t])
        print(
            f"{document.doc_id}\t{document.language}\tprovisions={len(result.provisions)}"
            f"\ttoc={'skipped' if result.toc_skipped else 'none'}"
            f"\tnumbering={'complete' if result.numbering_complete else 'GAPS'}\t{listed}",
            file=out,
        )
    if not documents:
        print("no .txt laws found", file=out)
        return
    n = len(documents)
    print(
        f"\nlaws: {n}; numbering 1..N complete and in order: {complete} ({complete / n:.0%});"
        f" tables of contents skipped: {toc}",
        file=out,
    )
    print(
        f"provisions per law: mean {statistics.mean(counts):.1f}, median "
        f"{statistics.median(counts):g}, min {min(counts)}, max {max(counts)}",
        file=out,
    )
    for topic in TOPICS:
        print(
            f"  {topic:<20} laws {coverage[topic]:>3} ({coverage[topic] / n:>4.0%})"
            f"  provisions {totals[topic]:>5}",
            file=out,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nlp.legislation",
        description="Segment every law (.txt) of a folder into provisions and report per law.",
    )
    parser.add_argument("--corpus", type=Path, required=True, help="folder of .txt laws")
    parser.add_argument("--show", metavar="DOC_ID", help="list one law's provisions instead")
    args = parser.parse_args(argv)
    documents = load_corpus_laws(args.corpus)
    if args.show:
        for document in (d for d in documents if d.doc_id == args.show):
            for p in segment_provisions(document):
                print(
                    f"{p.number:>6}  {p.heading[:60]:<60}  {','.join(p.topics)}"
                    f"  ACTIP {','.join(p.actip_articles) or '-'}"
                )
        return 0
    _report(documents, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
