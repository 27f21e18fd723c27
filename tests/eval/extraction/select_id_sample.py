"""Reproduce the choice of the 24 Indonesian judgments labelled in `labels-id.jsonl`.

Run from the repository root: `python tests/eval/extraction/select_id_sample.py [CORPUS_DIR]`.
It prints one doc id per line with the stratum it was drawn from. The strata are found with
regular expressions over the text (statutes cited, the operative part after "MENGADILI"), which
are only a sieve: every chosen document was then read and labelled by hand, and the labels, not
the sieve, say what a document is.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEED = 20260515
DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "../shared/corpus"


@dataclass(frozen=True, slots=True)
class Candidate:
    doc_id: str
    court: str
    year: int
    text: str  # whitespace-collapsed, lower-cased, common OCR splits repaired
    operative: str  # the part after the last "MENGADILI"

    def cites(self, number: int, year: int) -> bool:
        return re.search(rf"(nomor|no\.?)\s*:?\s*{number}\s*tahun\s*{year}", self.text) is not None


def _normalise(raw: str) -> str:
    text = re.sub(r"\s+", " ", raw).lower()
    # PDF extraction splits a capital T from its word ("T ahun", "T erdakwa").
    return re.sub(r"\bt (ahun|erdakwa|entang)", r"t\1", text)


def load_candidates(corpus: Path) -> list[Candidate]:
    candidates = []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["country"] != "ID":
            continue
        text = _normalise((corpus / entry["path"]).read_text(encoding="utf-8"))
        markers = list(re.finditer(r"m ?e ?n ?g ?a ?d ?i ?l ?i", text))
        operative = text[markers[-1].end() : markers[-1].end() + 4000] if markers else ""
        year = int(entry["doc_id"].rsplit("-", 1)[1])
        candidates.append(Candidate(entry["doc_id"], entry["court"], year, text, operative))
    return sorted(candidates, key=lambda c: c.doc_id)


def _tip_charged(c: Candidate) -> bool:
    return c.cites(21, 2007)


def _acquitted(c: Candidate) -> bool:
    opening = c.operative[:600]
    return "tidak terbukti" in opening and "menjatuhkan pidana" not in c.operative


def _non_punishment(c: Candidate) -> bool:
    # "Pasal 2 sampai Pasal 18" lists the offence articles; it is not the non-punishment article.
    pattern = r"(?<!sampai )pasal 18 (uu|undang)[^.;]{0,60}(21 tahun 2007|tppo)"
    return re.search(pattern, c.text) is not None


def _child_protection(c: Candidate) -> bool:
    return c.cites(35, 2014) or c.cites(17, 2016) or c.cites(23, 2002)


def _other_offence(c: Candidate) -> bool:
    statutes = ((35, 2009), (18, 2017), (6, 2011))
    return not _child_protection(c) and not any(c.cites(n, y) for n, y in statutes)


def _smuggling_conviction(c: Candidate) -> bool:
    return c.cites(6, 2011) and "perdagangan orang" not in c.operative[:1500]


# (stratum, how many, who belongs). Rare strata come first so later draws cannot use them up.
STRATA: list[tuple[str, int, Callable[[Candidate], bool]]] = [
    ("acquittal", 3, _acquitted),
    ("non_punishment_mention", 2, _non_punishment),
    ("non_tip_narcotics", 1, lambda c: not _tip_charged(c) and c.cites(35, 2009)),
    ("non_tip_child_protection", 2, lambda c: not _tip_charged(c) and _child_protection(c)),
    ("non_tip_migrant_placement", 2, lambda c: not _tip_charged(c) and c.cites(18, 2017)),
    ("non_tip_other_offence", 1, lambda c: not _tip_charged(c) and _other_offence(c)),
    ("smuggling", 1, _smuggling_conviction),
    ("tip_restitution_ordered", 3, lambda c: _tip_charged(c) and "restitusi" in c.operative),
    ("tip_several_defendants", 2, lambda c: _tip_charged(c) and "terdakwa ii " in c.text),
    ("tip_child_victims", 2, lambda c: _tip_charged(c) and c.text.count("anak korban") >= 3),
    ("tip_2024_or_earlier", 2, lambda c: _tip_charged(c) and c.year <= 2024),
    ("tip_any", 3, _tip_charged),
]


def select(candidates: list[Candidate], seed: int = SEED) -> list[tuple[str, str]]:
    """Draw each stratum in turn; a court already drawn is passed over to spread the sample."""
    rng = random.Random(seed)
    chosen: list[tuple[str, str]] = []
    taken_ids: set[str] = set()
    taken_courts: set[str] = set()
    for stratum, quota, belongs in STRATA:
        pool = [c for c in candidates if belongs(c) and c.doc_id not in taken_ids]
        rng.shuffle(pool)
        for _ in range(min(quota, len(pool))):
            fresh = [c for c in pool if c.court not in taken_courts]
            pick = (fresh or pool)[0]
            pool.remove(pick)
            chosen.append((pick.doc_id, stratum))
            taken_ids.add(pick.doc_id)
            taken_courts.add(pick.court)
    return chosen


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    for doc_id, stratum in select(load_candidates(corpus)):
        print(f"{doc_id}\t{stratum}")


if __name__ == "__main__":
    main()
