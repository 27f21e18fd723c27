"""Reproduce the choice of the Indonesian judgments labelled in `labels-decisions.jsonl`.

Run from the repository root: `python tests/eval/extraction/select_decisions_sample.py
[CORPUS_DIR]`. It prints one doc id per line. The draw is from Indonesian first-instance
judgments that cite the trafficking law (Law 21 of 2007) and have an operative part, leaving out
those labelled in the other files and those whose coded amounts were read while the amount
filters were checked (listed below), so that no label was written after seeing the coder's
output on its judgment. The regular expressions are only a sieve; every chosen judgment was then
read and labelled by hand.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 20261206
SAMPLE = 16
HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[2] / ".." / "shared" / "corpus"
# Judgments whose coded fines or awards were printed while the amount filters were checked.
SEEN = {
    "id-pn-sel-136-pid-sus-2019", "id-pn-pya-101-pid-sus-2022", "id-pn-bls-733-pid-sus-2024",
    "id-pn-blt-101-pid-sus-2025", "id-pn-blt-62-pid-sus-2025", "id-pn-btm-515-pid-sus-2025",
    "id-pn-jkt-sel-163-pid-sus-2025", "id-pn-pya-40-pid-sus-2025", "id-pn-pya-44-pid-sus-2025",
    "id-pn-tjk-293-pid-sus-2025", "id-pn-bbs-162-pid-sus-2025", "id-pn-bbs-163-pid-sus-2025",
    "id-pn-bls-22-pid-sus-2026", "id-pn-blt-356-pid-sus-2025", "id-pn-nnk-340-pid-sus-2025",
    "id-pn-pgp-4-pid-sus-anak-2026", "id-pn-plp-2-pid-sus-anak-2026", "id-pn-pts-103-pid-sus-2025",
    "id-pn-krg-45-pid-sus-2025", "id-pn-ksp-103-pid-sus-2024", "id-pn-mtr-652-pid-sus-2024",
    "id-pn-cbi-6-pid-sus-anak-2026", "id-pn-idm-127-pid-sus-2025", "id-pn-mpw-129-pid-sus-2025",
    "id-pn-sby-1174-pid-sus-2025", "id-pn-blb-38-pid-sus-2025", "id-pn-prp-41-pid-sus-2025",
    "id-pn-jkt-sel-686-pid-sus-2023", "id-pn-bko-41-pid-sus-2025", "id-pn-blt-151-pid-sus-2025",
    "id-pn-blt-131-pid-sus-2025", "id-pn-blt-135-pid-sus-2025", "id-pn-blt-137-pid-sus-2025",
    "id-pn-prp-32-pid-sus-2025", "id-pn-tpg-321-pid-sus-2024", "id-pn-rgt-69-pid-sus-2025",
}  # fmt: skip


def labelled_elsewhere() -> set[str]:
    ids = set()
    for path in HERE.glob("labels-*.jsonl"):
        if path.name == "labels-decisions.jsonl":
            continue
        ids.update(json.loads(line)["doc_id"] for line in path.read_text().splitlines() if line)
    return ids


def candidates(corpus: Path) -> list[str]:
    chosen = []
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["country"] != "ID" or entry.get("doc_type", "judgment") != "judgment":
            continue
        text = re.sub(r"\s+", " ", (corpus / entry["path"]).read_text(encoding="utf-8")).lower()
        cites_trafficking_law = re.search(r"21\s*tahun\s*2007", text)
        has_operative = re.search(r"m ?e ?n ?g ?a ?d ?i ?l ?i", text)
        if cites_trafficking_law and has_operative:
            chosen.append(Path(entry["path"]).stem)
    return sorted(chosen)


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    left_out = SEEN | labelled_elsewhere()
    pool = [d for d in candidates(corpus) if d not in left_out]
    for doc_id in sorted(random.Random(SEED).sample(pool, SAMPLE)):
        print(doc_id)


if __name__ == "__main__":
    main()
