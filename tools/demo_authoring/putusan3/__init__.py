"""Authoring sources of the Indonesian demo mirror (putusan3.mahkamahagung.go.id).

The judgments in `cases/` are invented: people, places and facts exist only here. Each case is
one TOML file; `tools/demo_authoring/build_putusan3.py` renders them into the mirror's listing
pages, metadata pages and PDFs, and writes `EXPECTED.md` from the same data so that the table of
true values can never drift from the documents.
"""
