"""End to end: real crawls (a Scrapy subprocess each) against example pages on 127.0.0.1."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from crawlers import acknowledge, crawl
from crawlers.challenge import challenge_marker
from tiplex.demo.server import RunningServer, serve_directory
from tiplex.settings import Settings

from .sites import ID_DECISIONS, LAWPHIL_MONTH, PUTUSAN, build_site

pytestmark = pytest.mark.slow
LAWPHIL = "lawphil.net"
MAHKAMAHAGUNG = "putusan3.mahkamahagung.go.id"


def crawl_lawphil_march(settings: Settings, server: RunningServer) -> object:
    return crawl(
        "ph_lawphil_judgments",
        settings,
        base_url=f"{server.url}/{LAWPHIL}",
        since="2023-03",
        until="2023-03",
    )


def test_months_come_from_the_year_page_and_unpublished_ones_are_not_asked_for(
    site: tuple[Path, RunningServer], settings: Settings
) -> None:
    _, server = site
    report = crawl(
        "ph_lawphil_judgments",
        settings,
        base_url=f"{server.url}/{LAWPHIL}",
        since="2023-05",
        until="2023-05",
    )

    assert report.counts()["failed"] == 0 and report.errors == ()
    asked = [path for _, path, _ in server.log.entries]
    assert f"/{LAWPHIL}/judjuris/juri2023/juri2023.html" in asked
    assert not any("may2023" in path for path in asked)  # no link, so never built and asked


def test_second_crawl_downloads_nothing_and_a_changed_page_is_found(
    site: tuple[Path, RunningServer], settings: Settings
) -> None:
    root, server = site
    first = crawl_lawphil_march(settings, server)
    assert first.counts() == {
        "discovered": 2, "fetched": 2, "new": 2, "changed": 0, "unchanged": 0, "failed": 0,
    }  # fmt: skip
    assert first.errors == ()
    by_id = {doc.doc_id: doc for doc in first.documents}
    decision = by_id["ph_lawphil_judgments:gr_260114_2023"]
    assert decision.case_number == "G.R. No. 260114"
    assert decision.decision_date == "2023-03-22"
    assert decision.court == "Supreme Court of the Philippines, Third Division"
    assert "WHEREFORE" in decision.text and "Añonuevo".upper() in decision.text
    assert "Lawphil Project" not in decision.text  # site footer is not part of the judgment
    assert Path(decision.raw_path).read_bytes().startswith(b"<html>")
    served_before = server.log.bodies_served("/gr_")

    second = crawl_lawphil_march(settings, server)
    assert (second.new, second.changed, second.unchanged, second.fetched) == (0, 0, 2, 0)
    assert server.log.bodies_served("/gr_") == served_before  # answered 304, no body
    assert ("GET", f"/{LAWPHIL_MONTH}/gr_260114_2023.html", 304) in server.log.entries
    # Never acknowledged: still pending, so a crashed pipeline resumes from them.
    assert {doc.doc_id for doc in second.documents} == set(by_id)

    acknowledge(settings, second.documents)
    page = root / LAWPHIL_MONTH / "gr_258390_2023.html"
    page.write_bytes(page.read_bytes().replace(b"DENIED", b"GRANTED IN PART"))
    third = crawl_lawphil_march(settings, server)
    assert (third.new, third.changed, third.unchanged) == (0, 1, 1)
    assert [doc.doc_id for doc in third.documents] == ["ph_lawphil_judgments:gr_258390_2023"]
    assert "GRANTED IN PART" in third.documents[0].text


def test_putusan3_takes_the_pdf_and_never_rerequests_known_decisions(
    site: tuple[Path, RunningServer], settings: Settings
) -> None:
    _, server = site
    base_url = f"{server.url}/{MAHKAMAHAGUNG}"
    first = crawl("id_mahkamahagung_judgments", settings, base_url=base_url)
    assert (first.discovered, first.new, first.failed) == (3, 3, 0)
    document = next(d for d in first.documents if d.doc_id.endswith(":" + next(iter(ID_DECISIONS))))
    assert document.content_type == "application/pdf"
    assert document.case_number == "57/Pid.Sus/2024/PN Skm"
    assert document.decision_date == "2024-06-18"
    assert document.court == "Pengadilan Negeri Sukamaju"
    assert document.metadata["Tingkat Proses"] == "Pertama"
    assert "M E N G A D I L I" in document.text and "\f" in document.text
    assert server.log.bodies_served("/putusan/") == 3  # metadata pages archived once each

    second = crawl("id_mahkamahagung_judgments", settings, base_url=base_url)
    assert (second.new, second.changed, second.failed) == (0, 0, 0)
    assert second.unchanged == second.discovered > 0
    assert server.log.bodies_served("/putusan/") == 3
    assert server.log.bodies_served("/download_file/") == 3
    assert not any("/page/2" in path for _, path, _ in server.log.entries[-2:])


def test_corrupt_pdf_is_quarantined_and_the_rest_goes_on(
    site: tuple[Path, RunningServer], settings: Settings
) -> None:
    root, server = site
    decision_id, (_, file_id) = next(iter(ID_DECISIONS.items()))
    (root / PUTUSAN / f"download_file/{file_id}/pdf/{decision_id}").write_bytes(
        b"%PDF-1.4\nthis is not really a PDF\n"
    )
    report = crawl("id_mahkamahagung_judgments", settings, base_url=f"{server.url}/{MAHKAMAHAGUNG}")
    assert (report.new, report.failed) == (2, 1)
    assert any(decision_id in error and "quarantined" in error for error in report.errors)
    reasons = list((settings.quarantine_dir / "id_mahkamahagung_judgments").glob("*.reason.txt"))
    assert len(reasons) == 1 and "unreadable PDF" in reasons[0].read_text(encoding="utf-8")
    assert all(not doc.doc_id.endswith(decision_id) for doc in report.documents)


def test_a_challenge_page_fails_the_source_and_is_never_stored(
    tmp_path: Path, settings: Settings
) -> None:
    root = build_site(tmp_path / "site")
    challenge = Path(__file__).parents[1] / "examples/crawlers/real/putusan3_challenge_id.html"
    (root / LAWPHIL_MONTH / "mar2023.html").write_bytes(challenge.read_bytes())
    with serve_directory(root) as server:
        report = crawl_lawphil_march(settings, server)
    assert report.failed >= 1 and report.new == 0
    assert any("challenge" in error for error in report.errors)
    assert report.documents == ()
    archived = [p.read_bytes() for p in settings.archive_dir.rglob("*") if p.is_file()]
    assert archived, "the year page before the challenge is archived like every listing"
    assert not [body for body in archived if challenge_marker(body, "text/html")]


def test_a_missing_act_is_reported_and_the_other_is_kept(
    site: tuple[Path, RunningServer], settings: Settings
) -> None:
    _, server = site
    report = crawl(
        "ph_lawphil_statutes",
        settings,
        base_url=f"{server.url}/{LAWPHIL}",
        since="2022",
        until="2022",
    )
    assert (report.new, report.failed) == (1, 1)
    assert any("ra_11861_2022" in e and "HTTP 404" in e for e in report.errors)
    act = report.documents[0]
    assert (act.doc_type, act.decision_date) == ("legislation", "2022-06-23")
    assert act.case_number == "Republic Act No. 11862"


def test_an_unreachable_site_is_a_failed_source_not_an_exception(settings: Settings) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = crawl(
        "ph_lawphil_judgments", settings, base_url=f"http://127.0.0.1:{port}/lawphil.net"
    )
    assert report.failed >= 1
    assert report.errors and all("\n" not in error for error in report.errors)


def test_unknown_source_names_the_known_ones(settings: Settings) -> None:
    with pytest.raises(ValueError, match="ph_lawphil_judgments"):
        crawl("xx_nowhere", settings)


def test_a_window_without_any_index_page_is_reported(
    site: tuple[Path, RunningServer], settings: Settings
) -> None:
    _, server = site
    report = crawl(
        "ph_lawphil_judgments",
        settings,
        base_url=f"{server.url}/{LAWPHIL}",
        since="2019-01",
        until="2019-02",
    )
    assert report.failed == 1 and report.new == 0
    assert any("none of the 1 index pages" in error for error in report.errors)  # the year page


DEMO_MIRROR = Path(__file__).parents[2] / "tiplex" / "demo" / "mirror"


@pytest.mark.skipif(not (DEMO_MIRROR / LAWPHIL).is_dir(), reason="no demo mirror in this checkout")
@pytest.mark.parametrize(
    ("source_id", "host", "since", "until"),
    [
        ("ph_lawphil_judgments", LAWPHIL, "2023-01", "2025-12"),
        ("ph_lawphil_statutes", LAWPHIL, "2023", "2025"),
        ("id_mahkamahagung_judgments", MAHKAMAHAGUNG, None, None),
    ],
)
def test_the_demo_mirror_crawls_without_failures(
    source_id: str, host: str, since: str | None, until: str | None, settings: Settings
) -> None:
    with serve_directory(DEMO_MIRROR) as server:
        report = crawl(
            source_id, settings, base_url=f"{server.url}/{host}", since=since, until=until
        )
    assert report.errors == ()
    assert report.new == report.discovered > 0
    assert all(doc.text.strip() for doc in report.documents)
