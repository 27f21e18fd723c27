"""The interface strings, English and Bahasa Indonesia, in one catalogue. A new language is one
more column: every key needs a value in every language (a test checks it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
DEFAULT_LANGUAGE = "en"

STRINGS: Mapping[str, Mapping[str, str]] = {
    "app_title": {
        "en": "tiplex: trafficking-in-persons justice in ASEAN",
        "id": "tiplex: peradilan perdagangan orang di ASEAN",
    },
    "skip": {"en": "Skip to content", "id": "Langsung ke isi"},
    "nav_search": {"en": "Search", "id": "Cari"},
    "nav_compare": {"en": "Compare legislation", "id": "Bandingkan peraturan"},
    "nav_trends": {"en": "Trends", "id": "Tren"},
    "nav_sources": {"en": "Sources and runs", "id": "Sumber dan proses"},
    "language": {"en": "Language", "id": "Bahasa"},
    "query": {"en": "Search judgments and laws", "id": "Cari putusan dan peraturan"},
    "query_hint": {
        "en": 'Words, "quoted phrases", citations; any language',
        "id": 'Kata, "frasa dalam tanda kutip", kutipan; bahasa apa pun',
    },
    "mode": {"en": "Mode", "id": "Mode"},
    "mode_hybrid": {"en": "Hybrid (words and meaning)", "id": "Hibrida (kata dan makna)"},
    "mode_bm25": {"en": "Exact words", "id": "Kata persis"},
    "mode_dense": {"en": "Meaning", "id": "Makna"},
    "search_button": {"en": "Search", "id": "Cari"},
    "filters": {"en": "Narrow by coded fields", "id": "Saring menurut kolom berkode"},
    "clear_filters": {"en": "Clear all filters", "id": "Hapus semua saringan"},
    "remove_filter": {"en": "remove filter", "id": "hapus saringan"},
    "results": {"en": "Results", "id": "Hasil"},
    "no_results": {"en": "No results.", "id": "Tidak ada hasil."},
    "next_page": {"en": "Next page", "id": "Halaman berikutnya"},
    "source_page": {"en": "Source page", "id": "Halaman sumber"},
    "open_case": {"en": "Open the case", "id": "Buka perkara"},
    "local_copy": {
        "en": "Demo content: served by a local mirror, not fetched from the real site. "
        "Do not cite it as evidence.",
        "id": "Konten demo: disajikan oleh cermin lokal, bukan diambil dari situs aslinya. "
        "Jangan mengutipnya sebagai bukti.",
    },
    "export": {"en": "Download", "id": "Unduh"},
    "export_passages": {"en": "passages", "id": "kutipan"},
    "export_cases": {"en": "coded cases", "id": "perkara berkode"},
    "field_country": {"en": "Country", "id": "Negara"},
    "field_year": {"en": "Year", "id": "Tahun"},
    "field_court": {"en": "Court", "id": "Pengadilan"},
    "field_doc_type": {"en": "Document type", "id": "Jenis dokumen"},
    "field_outcome": {"en": "Outcome", "id": "Putusan akhir"},
    "field_exploitation_form": {"en": "Form of exploitation", "id": "Bentuk eksploitasi"},
    "field_sector": {"en": "Sector", "id": "Sektor"},
    "field_minors": {"en": "Child victims", "id": "Korban anak"},
    "field_non_punishment_raised": {"en": "Non-punishment raised", "id": "Non-pemidanaan diajukan"},
    "field_non_punishment_applied": {
        "en": "Non-punishment applied",
        "id": "Non-pemidanaan diterapkan",
    },
    "field_language": {"en": "Language", "id": "Bahasa"},
    "field_is_trafficking_case": {"en": "Trafficking case", "id": "Perkara perdagangan orang"},
    "field_source_id": {"en": "Source", "id": "Sumber"},
    "field_sentence_months": {"en": "Prison term (months)", "id": "Lama pidana penjara (bulan)"},
    "field_compensation": {"en": "Compensation decided", "id": "Putusan atas ganti rugi"},
    "field_conviction_law": {"en": "Convicted under", "id": "Dipidana berdasarkan"},
    "field_compensation_amount": {"en": "Amount awarded", "id": "Jumlah ganti rugi"},
    "field_fine_amount": {"en": "Fine", "id": "Pidana denda"},
    "read_from_question": {
        "en": "Read from the question, and applied",
        "id": "Dibaca dari pertanyaan dan diterapkan",
    },
    "yes": {"en": "yes", "id": "ya"},
    "no": {"en": "no", "id": "tidak"},
    "case_title": {"en": "Case", "id": "Perkara"},
    "coded_values": {"en": "Coded values", "id": "Nilai berkode"},
    "coded_hint": {
        "en": "Select a value to see its evidence highlighted in the text.",
        "id": "Pilih sebuah nilai untuk melihat buktinya disorot dalam teks.",
    },
    "no_evidence": {"en": "no evidence span", "id": "tanpa rentang bukti"},
    "not_coded": {
        "en": "This document has no coded case.",
        "id": "Dokumen ini tidak memiliki perkara berkode.",
    },
    "citation": {"en": "Citation", "id": "Sitasi"},
    "cite_court": {"en": "Court", "id": "Pengadilan"},
    "cite_case_number": {"en": "Case number", "id": "Nomor perkara"},
    "cite_date": {"en": "Decision date", "id": "Tanggal putusan"},
    "cite_source": {"en": "Source URL", "id": "URL sumber"},
    "cite_fetched": {"en": "Fetched", "id": "Diambil"},
    "cite_sha256": {"en": "SHA-256 of the fetched bytes", "id": "SHA-256 berkas yang diambil"},
    "full_text": {"en": "Text of the document", "id": "Teks dokumen"},
    "compare_title": {
        "en": "Legislation compared across member states",
        "id": "Perbandingan peraturan antarnegara anggota",
    },
    "topic": {"en": "Topic", "id": "Topik"},
    "countries": {
        "en": "Countries (ISO codes, comma-separated; empty: all)",
        "id": "Negara (kode ISO, dipisah koma; kosong: semua)",
    },
    "compare_button": {"en": "Compare", "id": "Bandingkan"},
    "overview": {"en": "Provisions per state and topic", "id": "Ketentuan per negara dan topik"},
    "state": {"en": "State", "id": "Negara"},
    "actip": {"en": "ACTIP articles", "id": "Pasal ACTIP"},
    "cited_by": {
        "en": "Judgments citing this provision",
        "id": "Putusan yang mengutip ketentuan ini",
    },
    "not_cited": {
        "en": "No coded judgment cites it.",
        "id": "Tidak ada putusan berkode yang mengutipnya.",
    },
    "regional": {
        "en": "Regional (ASEAN instruments)",
        "id": "Regional (instrumen ASEAN)",
    },
    "no_provisions": {
        "en": "No provision on this topic in the laws indexed so far.",
        "id": "Belum ada ketentuan tentang topik ini dalam peraturan yang terindeks.",
    },
    "trends_title": {"en": "Trends in judgments", "id": "Tren putusan"},
    "group_by": {"en": "Count per", "id": "Hitung per"},
    "draw": {"en": "Draw", "id": "Gambar"},
    "chart_alt": {
        "en": "Chart of the counts in the table below",
        "id": "Grafik jumlah pada tabel di bawah",
    },
    "count": {"en": "Judgments", "id": "Putusan"},
    "download_csv": {"en": "Download the table (CSV)", "id": "Unduh tabel (CSV)"},
    "download_svg": {"en": "Download the chart (SVG)", "id": "Unduh grafik (SVG)"},
    "sources_title": {"en": "Sources", "id": "Sumber"},
    "runs_title": {"en": "Recent runs", "id": "Proses terakhir"},
    "source": {"en": "Source", "id": "Sumber"},
    "kind": {"en": "Kind", "id": "Jenis"},
    "last_run": {"en": "Last run", "id": "Proses terakhir"},
    "status": {"en": "Status", "id": "Status"},
    "new_docs": {"en": "New", "id": "Baru"},
    "failed": {"en": "Failed", "id": "Gagal"},
    "needs_human": {"en": "Needs a human", "id": "Perlu ditangani"},
    "never_run": {"en": "never run", "id": "belum pernah"},
    "run": {"en": "Run", "id": "Proses"},
    "finished": {"en": "Finished", "id": "Selesai"},
    "seconds": {"en": "Seconds", "id": "Detik"},
    "indexed": {"en": "Indexed", "id": "Terindeks"},
    "error": {"en": "Cannot answer that", "id": "Tidak dapat menjawab"},
    "not_found": {"en": "Not found", "id": "Tidak ditemukan"},
}


def translator(language: str) -> Callable[[str], str]:
    chosen = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def translate(key: str) -> str:
        entry = STRINGS.get(key)
        if entry is None:
            return key
        return entry.get(chosen) or entry[DEFAULT_LANGUAGE]

    return translate
