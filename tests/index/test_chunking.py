"""Passages: sizes, boundaries, offsets, page furniture and content hashes."""

from __future__ import annotations

import pytest

from index import chunking
from index.chunking import chunk_document, chunk_text, content_hash
from tests.index import samples


def _sentences(count: int, words_each: int = 10) -> list[str]:
    return [
        " ".join(f"w{s}x{w}" for w in range(words_each - 1)) + f" end{s}." for s in range(count)
    ]


def _content_words(text: str) -> int:
    return len(text.split())


def test_offsets_slice_the_document_text_exactly() -> None:
    text = "\n\n".join(" ".join(_sentences(12)) for _ in range(8))

    passages = chunk_text("d", text)

    assert len(passages) > 3
    for chunk in passages:
        assert text[chunk.passage.start : chunk.passage.end] == chunk.passage.text
        assert chunk.passage.doc_id == "d"
    assert [c.passage.ordinal for c in passages] == list(range(len(passages)))


def test_windows_hold_about_two_hundred_words_and_end_on_sentences() -> None:
    text = " ".join(_sentences(200))  # 2,000 words, one paragraph, sentences of ten words

    passages = chunk_text("d", text)

    for chunk in passages[:-1]:
        assert chunking.MIN_WORDS <= _content_words(chunk.content) <= chunking.MAX_WORDS
        assert chunk.passage.text.endswith(".")
    assert _content_words(passages[-1].content) <= chunking.MAX_WORDS


def test_windows_overlap_a_little_and_miss_no_word() -> None:
    text = " ".join(_sentences(100))

    passages = [c.passage for c in chunk_text("d", text)]

    for before, after in zip(passages, passages[1:], strict=False):
        assert after.start < before.end  # overlap ...
        assert _content_words(text[after.start : before.end]) <= chunking.OVERLAP_WORDS  # small
    covered = set()
    for passage in passages:
        covered.update(range(passage.start, passage.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_paragraph_breaks_are_preferred_and_not_overlapped() -> None:
    paragraph = " ".join(_sentences(18))  # 180 words: one paragraph per window fits
    text = "\n\n".join([paragraph] * 5)

    passages = [c.passage for c in chunk_text("d", text)]

    assert all(p.text == paragraph for p in passages)
    assert len(passages) == 5


def test_recurring_page_furniture_is_left_out_of_content() -> None:
    banner = "Official Court Directory of Judgments"
    pages = [
        f"{banner}\nPage {n} of 12 of judgment 5/2020\n" + " ".join(_sentences(15))
        for n in range(12)
    ]
    text = "\n".join(pages)

    passages = chunk_text("d", text)

    contents = " ".join(c.content for c in passages)
    assert text.count(banner) == 12
    assert contents.count(banner) <= 2  # its first occurrence, perhaps in an overlap
    assert contents.count("Page") <= 2
    for chunk in passages:
        assert text[chunk.passage.start : chunk.passage.end] == chunk.passage.text


def test_recurring_long_paragraphs_are_content() -> None:
    paragraph = " ".join(_sentences(4, words_each=20))  # a long line: not furniture
    text = "\n\n".join([paragraph] * 6)

    contents = " ".join(c.content for c in chunk_text("d", text))

    assert contents.count("end3.") == 6


@pytest.mark.parametrize("text", ["", "   \n\n  ", "12 13 14 15 16 17 -- 18 / 19"])
def test_windows_without_prose_are_not_passages(text: str) -> None:
    assert chunk_text("d", text) == []


def test_content_hash_ignores_whitespace_runs() -> None:
    assert content_hash("a  b\n c") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_chunk_document_gives_passages_of_the_record() -> None:
    document = samples.PH_SEX_TRAFFICKING

    passages = chunk_document(document)

    assert len(passages) >= 2
    assert all(document.text[p.start : p.end] == p.text for p in passages)
    assert {p.doc_id for p in passages} == {document.doc_id}
