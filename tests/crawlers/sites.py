"""Small sites built from the saved example pages, at the paths the real sites use."""

from __future__ import annotations

import shutil
from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples" / "crawlers"
LAWPHIL_MONTH = "lawphil.net/judjuris/juri2023/mar2023"
PUTUSAN = "putusan3.mahkamahagung.go.id/direktori"
ID_DECISIONS = {
    # decision id: (example page, PDF file id)
    "3f9c2a7b1e4d4c0a9b8e7d6c5a4b3f21": ("decision_example", "f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6"),
    "zaf0e1d2c3b4a5968778695a4b3c2d1e": ("decision_example_2", "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"),
    "7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2": ("decision_example_3", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"),
}


def _copy(example: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLES / example, target)


def build_site(root: Path) -> Path:
    """The example pages at the paths the real sites use, one folder per real host."""
    month = root / LAWPHIL_MONTH
    # The real 2023 year page: it links March (and months this small site does not hold) and
    # leaves May and September unpublished.
    _copy("ph_lawphil_judgments_year_example_2.html", month.parent / "juri2023.html")
    _copy("ph_lawphil_judgments_month_example.html", month / "mar2023.html")
    _copy("ph_lawphil_judgments_decision_example.html", month / "gr_260114_2023.html")
    _copy("ph_lawphil_judgments_decision_example_2.html", month / "gr_258390_2023.html")
    year = root / "lawphil.net/statutes/repacts/ra2022"
    _copy("ph_lawphil_statutes_example.html", year / "ra2022.html")
    _copy("ph_lawphil_statutes_act_example.html", year / "ra_11862_2022.html")
    # ra_11861_2022 is listed but left out: a broken link the crawl must report, not crash on.
    listing = root / PUTUSAN / "index/kategori"
    _copy("id_mahkamahagung_judgments_example.html", listing / "perdagangan-orang-1.html")
    _copy("id_mahkamahagung_judgments_example_2.html", listing / "perdagangan-orang-1/page/2.html")
    for decision_id, (page, file_id) in ID_DECISIONS.items():
        _copy(
            f"id_mahkamahagung_judgments_{page}.html",
            root / PUTUSAN / f"putusan/{decision_id}.html",
        )
        pdf = root / PUTUSAN / f"download_file/{file_id}/pdf/{decision_id}"
        _copy("id_mahkamahagung_judgments_pdf_example.pdf", pdf)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    return root
