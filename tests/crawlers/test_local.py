"""The local source: researchers' own files through the archive, state and pending path."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers import UnreadableFile, acknowledge, ingest, load_file
from tiplex.settings import Settings

from .pdfs import write_pdf


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "case-a.txt").write_text("The accused recruited the victims.\n", encoding="utf-8")
    (root / "case-b.md").write_text("# Case B\n\nThe court convicted.\n", encoding="utf-8")
    (root / "case-c.html").write_text(
        "<html><head><title>Case C</title></head><body><p>Harbouring of victims.</p></body></html>",
        encoding="utf-8",
    )
    write_pdf(root / "sub" / "case-d.pdf", [["Putusan Nomor 1/Pid.Sus/2024"]], title="Case D")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04 not supported")
    (root / "empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return root


def test_ingest_reads_supported_files_and_quarantines_the_rest(
    folder: Path, settings: Settings
) -> None:
    report = ingest([folder], settings, country="ID")
    assert (report.new, report.failed, report.discovered) == (4, 2, 6)
    by_id = {doc.doc_id: doc for doc in report.documents}
    assert set(by_id) == {"local:case-a", "local:case-b", "local:case-c", "local:case-d"}
    pdf = by_id["local:case-d"]
    assert pdf.text == "Putusan Nomor 1/Pid.Sus/2024" and pdf.title == "Case D"
    assert pdf.url == (folder / "sub" / "case-d.pdf").resolve().as_uri()
    assert Path(pdf.raw_path).read_bytes() == (folder / "sub" / "case-d.pdf").read_bytes()
    assert by_id["local:case-b"].title == "Case B"
    assert by_id["local:case-c"].title == "Case C"
    assert {d.country for d in report.documents} == {"ID"}
    assert {d.language for d in report.documents} == {""}  # detected later, never guessed here
    assert {d.doc_type for d in report.documents} == {"judgment"}
    quarantined = settings.quarantine_dir / "local"
    assert (quarantined / "notes.xlsx").read_bytes() == b"PK\x03\x04 not supported"
    assert "unsupported" in (quarantined / "notes.xlsx.reason.txt").read_text(encoding="utf-8")
    assert "empty" in (quarantined / "empty.txt.reason.txt").read_text(encoding="utf-8")
    assert len(report.errors) == 2


def test_reingesting_unchanged_files_changes_nothing(folder: Path, settings: Settings) -> None:
    first = ingest([folder], settings)
    acknowledge(settings, first.documents)
    again = ingest([folder], settings)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 4)
    assert again.documents == ()
    (folder / "case-a.txt").write_text("The accused harboured the victims.\n", encoding="utf-8")
    edited = ingest([folder], settings)
    assert (edited.new, edited.changed, edited.unchanged) == (0, 1, 3)
    assert [d.doc_id for d in edited.documents] == ["local:case-a"]


def test_unacknowledged_documents_stay_pending(folder: Path, settings: Settings) -> None:
    ingest([folder / "case-a.txt"], settings)
    again = ingest([folder / "case-a.txt"], settings)
    assert again.unchanged == 1
    assert [d.doc_id for d in again.documents] == ["local:case-a"]


def test_same_stem_in_two_folders_gets_distinct_stable_ids(
    tmp_path: Path, settings: Settings
) -> None:
    for name in ("x", "y"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "judgment.txt").write_text(f"text {name}", encoding="utf-8")
    first = {d.url: d.doc_id for d in ingest([tmp_path / "x", tmp_path / "y"], settings).documents}
    assert len(set(first.values())) == 2 and "local:judgment" in first.values()
    second = ingest([tmp_path / "y", tmp_path / "x"], settings)  # other order, same ids
    assert {d.url: d.doc_id for d in second.documents} == first
    assert second.unchanged == 2


def test_limit_caps_the_number_of_files(folder: Path, settings: Settings) -> None:
    report = ingest([folder], settings, limit=2)
    assert report.discovered == 2 and report.new == 2


def test_load_file_reads_one_file_without_archiving(folder: Path, tmp_path: Path) -> None:
    document = load_file(folder / "case-c.html", country="PH", language="en", doc_type="other")
    assert (document.doc_id, document.text) == ("local:case-c", "Harbouring of victims.")
    assert (document.country, document.language, document.doc_type) == ("PH", "en", "other")
    with pytest.raises(UnreadableFile, match="unsupported"):
        load_file(folder / "notes.xlsx")
    scan = write_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(UnreadableFile, match="needs OCR"):
        load_file(scan)


def test_load_file_recognises_an_extensionless_pdf_by_its_bytes(tmp_path: Path) -> None:
    from tiplex.demo import MIRROR_DIR

    source = sorted((MIRROR_DIR / "putusan3.mahkamahagung.go.id").rglob("pdf/*"))[0]
    copy = tmp_path / "decision"  # saved the way the court serves it: no extension
    copy.write_bytes(source.read_bytes())
    document = load_file(copy)
    assert document.content_type == "application/pdf"
    assert "Direktori Putusan" in document.text


def test_symlinked_files_keep_their_ids_across_ingests(tmp_path: Path, settings: Settings) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "case-x.txt").write_text("The accused recruited the victims for work abroad.")
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "case-x.txt").symlink_to(store / "case-x.txt")
    first = ingest([folder], settings)
    acknowledge(settings, first.documents)
    second = ingest([folder], settings)
    assert (first.new, second.new, second.unchanged) == (1, 0, 1)
    assert not second.documents
