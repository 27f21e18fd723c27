"""The stable command-line interface, run as users run it (a subprocess per command)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tiplex.demo import MIRROR_DIR


def tiplex(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TIPLEX_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "interfaces.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"tiplex {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result


def json_lines(text: str) -> list[Any]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_sources_lists_every_spider_with_its_fields(tmp_path: Path) -> None:
    sources = json.loads(tiplex(tmp_path, "sources", "--json").stdout)
    by_id = {s["id"]: s for s in sources}
    assert {"ph_lawphil_judgments", "id_mahkamahagung_judgments", "local"} <= set(by_id)
    lawphil = by_id["ph_lawphil_judgments"]
    assert (lawphil["country"], lawphil["kind"], lawphil["language"]) == ("PH", "judgments", "en")
    assert lawphil["base_url"].startswith("https://lawphil.net")
    assert by_id["id_mahkamahagung_judgments"]["country"] == "ID"


def test_extract_codes_several_files_one_json_object_per_line(tmp_path: Path) -> None:
    pdfs = sorted((MIRROR_DIR / "putusan3.mahkamahagung.go.id").rglob("pdf/*"))[:2]
    pages = sorted((MIRROR_DIR / "lawphil.net" / "judjuris").rglob("gr_*.html"))[:1]
    assert pdfs and pages, "the demo mirror should hold PDFs and decision pages"
    lines = json_lines(tiplex(tmp_path, "extract", "--json", *map(str, pdfs + pages)).stdout)
    assert len(lines) == 3
    for facts in lines:
        assert facts["case_number"]
        assert facts["decision_date"]
        assert facts["court"]
    assert [facts["country"] for facts in lines] == ["ID", "ID", "PH"]


def test_extract_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    good = sorted((MIRROR_DIR / "lawphil.net" / "judjuris").rglob("gr_*.html"))[0]
    result = tiplex(tmp_path, "extract", "--json", str(bad), str(good), check=False)
    assert result.returncode == 1
    assert "broken.pdf" in result.stderr
    assert len(json_lines(result.stdout)) == 1


def test_bad_arguments_get_clear_errors(tmp_path: Path) -> None:
    result = tiplex(tmp_path, "search", "anything", "--mode", "fuzzy", check=False)
    assert result.returncode == 2 and "--mode" in result.stderr
    result = tiplex(tmp_path, "ingest", str(tmp_path / "missing"), check=False)
    assert result.returncode == 2 and "no such file" in result.stderr
    result = tiplex(tmp_path, "run", "--source", "xx_nowhere", check=False)
    assert result.returncode == 2 and "unknown source" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["trends", "x", "--filter", "year=abc"], "filter year takes"),
        (["trends", "x", "--filter", "colour=red"], "unknown filter 'colour'"),
        (["search", "x", "--filter", "minors=perhaps"], "filter minors takes true or false"),
        (["search", ""], "give words to search for"),
        (["search", "   "], "give words to search for"),
        (["search", "x", "-k", "-1"], "-k must be 1 or more"),
        (["search", "x", "-k", "0"], "-k must be 1 or more"),
        (["compare", "--topic", "weather"], "--topic takes one of"),
        (["compare", "--topic", "penalty", "--countries", "Indonesia"], "--countries takes"),
        (["ingest", ".", "--country", "Philippines"], "--country takes"),
        (["ingest", ".", "--language", "english!"], "--language takes"),
        (["ingest", ".", "--limit", "-1"], "--limit must be 1 or more"),
        (["run", "--since", "2024-13"], "is not a date"),
        (["run", "--since", "last week"], "--since takes YYYY"),
        (["run", "--since", "2025", "--until", "2024"], "comes after --until"),
        (["eval", "retrieval", "--split", "train"], "--split takes tune or test"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_bad_values_are_refused_before_any_work_with_a_clear_error(
    tmp_path: Path, args: list[str], says: str
) -> None:
    result = tiplex(tmp_path, *args, check=False)

    assert result.returncode == 2, result.stderr
    assert says in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "index").exists()  # refused before anything was opened or written


@pytest.mark.slow
def test_ingest_then_search_returns_passages_with_file_uris(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "case-a.txt").write_text(
        "The accused recruited the fishermen with promises of good pay and then kept them on "
        "the vessel for two years without wages, holding their passports.\n\n"
        "The court finds forced labour on a fishing vessel proven beyond reasonable doubt.",
        encoding="utf-8",
    )
    (folder / "case-b.md").write_text(
        "# Decision\n\nThe accused sold dangerous drugs to a poseur-buyer in a buy-bust operation.",
        encoding="utf-8",
    )
    # A bill ingested without --doc-type is read as legislation: its provisions are compared.
    (folder / "bill.txt").write_text(
        "A BILL\n\nintituled\n\nAn Act to protect trafficked persons.\n\n"
        "ENACTED by the Parliament of Malaysia as follows:\n\n"
        "1. Short title\n\n(1) This Act may be cited as the Victim Protection Act 2030.\n\n"
        '2. Interpretation\n\nIn this Act, "trafficked person" means any person who is the '
        "victim or object of an act of trafficking in persons.\n\n"
        "3. Non-liability of trafficked persons\n\nA trafficked person shall not be criminally "
        "liable for illegal entry into the country or for holding a fraudulent travel document "
        "if the act was a direct consequence of being trafficked.\n",
        encoding="utf-8",
    )
    summary = json.loads(tiplex(tmp_path, "ingest", str(folder), "--json").stdout)
    assert summary["totals"]["new"] == 3
    compared = json.loads(tiplex(tmp_path, "compare", "--topic", "non_punishment", "--json").stdout)
    assert [(hit["doc_id"], hit["country"]) for hit in compared] == [("local:bill", "MY")]
    assert "shall not be criminally liable" in compared[0]["provision"]["text"]
    hits = json.loads(
        tiplex(tmp_path, "search", "passports withheld from fishermen", "--json", "-k", "1").stdout
    )
    assert hits[0]["source_url"].startswith("file://")
    assert hits[0]["source_url"].endswith("case-a.txt")
    passage = hits[0]["passages"][0]
    assert {"text", "start", "end"} <= set(passage)


@pytest.mark.slow
def test_demo_twice_downloads_and_embeds_nothing_the_second_time(tmp_path: Path) -> None:
    run = tiplex(tmp_path, "demo", "--json")
    first = json.loads(run.stdout)
    sources = {row["source_id"]: row for row in first["summary"]["sources"]}
    assert sources["ph_lawphil_judgments"]["new"] >= 15
    assert sources["id_mahkamahagung_judgments"]["new"] >= 15
    # Five states, each with its own language's law and judgments.
    for source_id in (
        "th_krisdika_legislation", "th_supremecourt_judgments", "vn_vbpl_legislation",
        "vn_anle_precedents", "my_lom_legislation", "my_kehakiman_judgments",
        "id_bpk_legislation", "ph_lawphil_statutes",
    ):  # fmt: skip
        # When a state finds nothing new, its row and the end of the demo's log say why.
        assert sources[source_id]["new"] >= 1, (sources[source_id], run.stderr[-4000:])
    assert first["summary"]["failed_sources"] == []
    # Nothing of the mirror is lost: a failed request would surface as "new" next run.
    problems = [(row["source_id"], row["errors"]) for row in sources.values() if row["failed"]]
    assert first["summary"]["totals"]["failed"] == 0, problems
    assert first["summary"]["passages_embedded"] > 0
    assert len(first["searches"]) == 6
    assert all(search["hits"] for search in first["searches"])
    # The Thai, Vietnamese and Malay questions find a document of that state (its law or its
    # judgment) among their hits, ahead of the English and Indonesian ones.
    hits = {s["query"]: [hit["doc_id"] for hit in s["hits"]] for s in first["searches"]}
    for query, state in (
        ("ผู้เสียหายจากการค้ามนุษย์ถูกฟ้องฐานเข้าเมืองโดยไม่ได้รับอนุญาต", "th_"),
        ("nạn nhân bị mua bán bị ép buộc sử dụng hộ chiếu giả", "vn_"),
        ("rayuan orang yang diperdagangkan yang disabitkan di bawah Akta Imigresen", "my_"),
    ):
        assert any(doc_id.startswith(state) for doc_id in hits[query]), (query, hits[query])
    # Each state's non-punishment provision lists the judgments that cite it.
    compared = subprocess.run(
        [sys.executable, "-m", "interfaces.cli", "compare", "--topic", "non_punishment"],
        capture_output=True,
        text=True,
        # Wide enough that no case number is wrapped.
        env={**os.environ, "TIPLEX_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "COLUMNS": "400"},
        timeout=300,
        check=True,
    ).stdout
    for country in ("PH", "ID", "TH", "VN", "MY"):
        assert f" {country} " in compared, country
    for cited in ("3214/2567", "90/2025/AL", "JB-42S-118-05/2025", "Pid.Sus/2024/PN Nnk"):
        assert cited in compared, cited
    assert "G.R. No. 263571" in compared
    # Demo documents link to the mirror's copy, never to a real site's page (which may be
    # another document or nothing).
    links = {hit["source_url"] for search in first["searches"] for hit in search["hits"]}
    assert links and all(link.startswith("http://127.0.0.1:") for link in links), sorted(links)[:3]

    second = json.loads(tiplex(tmp_path, "demo", "--json").stdout)
    totals = second["summary"]["totals"]
    moved = [row for row in second["summary"]["sources"] if row["new"] or row["changed"]]
    assert totals["new"] == 0 and totals["changed"] == 0, moved
    # The mirror came back on another port: validators still apply, nothing is downloaded again.
    assert totals["fetched"] == 0
    assert second["summary"]["passages_embedded"] == 0
    assert totals["unchanged"] == first["summary"]["totals"]["new"]


def test_eval_extraction_without_a_corpus_says_so(tmp_path: Path) -> None:
    result = tiplex(tmp_path, "eval", "extraction", "--corpus", str(tmp_path), check=False)
    assert result.returncode == 2 and "manifest.jsonl" in result.stderr


@pytest.mark.slow
def test_eval_extraction_finds_its_labels_from_any_directory(
    tmp_path: Path, corpus_dir: Path
) -> None:
    env = {**os.environ, "TIPLEX_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "interfaces.cli", "eval", "extraction", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(json.loads(result.stdout)["documents"]) >= 44
