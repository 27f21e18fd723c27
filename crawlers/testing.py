"""Helpers for the example-page tests: responses from saved files, deterministic serialisation.

A saved example `<source>_<name>_example[_N].html|pdf` is parsed by the spider callback
`parse_<name>`; a plain `<source>_example[_N]` by the callback of the spider's first start
request. An optional `<example>.request.json` gives the page's URL on the real host, the
document id and the callback's keyword arguments.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse

from crawlers.base import CALLBACK_META
from crawlers.middlewares import CONDITIONAL_META, DOC_ID_META

# The callback part may hold underscores ("act_page" → `parse_act_page`).
_EXAMPLE_TAIL = re.compile(r"^(?:(?P<callback>[a-z][a-z0-9_]*?)_)?example(?:_\d+)?$")
_CONTENT_TYPES = {
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".xml": "text/xml",  # e.g. an AJAX tree a listing is served as
    ".json": "application/json",  # a web service's answer
}


@dataclass(frozen=True, slots=True)
class ExampleRequest:
    url: str
    callback: str | None = None
    doc_id: str | None = None
    cb_kwargs: Mapping[str, Any] = field(default_factory=dict)


def example_files(folder: Path, source_id: str, other_ids: Iterable[str] = ()) -> list[Path]:
    """The saved examples of one source (not those of a source whose id extends this one):
    `<source>_<callback>_example.html` in `folder`, or `<callback>_example.html` in the
    source's own subfolder `folder/<source>/` (where its real pages keep their provenance)."""
    longer = [other for other in other_ids if other.startswith(source_id + "_")]
    flat = (
        path
        for path in folder.glob(f"{source_id}_*example*")
        if not any(path.stem.startswith(other + "_") for other in longer)
    )
    nested = (folder / source_id).glob("*example*")
    return sorted(
        path
        for path in (*flat, *nested)
        if path.suffix in _CONTENT_TYPES and _example_tail(path, source_id) is not None
    )


def _example_tail(path: Path, source_id: str) -> re.Match[str] | None:
    """Matches `decision_example_2` in `<source>_decision_example_2.html`."""
    return _EXAMPLE_TAIL.match(path.stem.removeprefix(source_id + "_"))


def spider_arguments(path: Path) -> dict[str, str]:
    """The spider arguments an example is parsed under (`"spider_args"` in its request file):
    a listing whose links are followed only within a date window needs a fixed window, or its
    golden output would change with the calendar."""
    sidecar = path.with_name(path.stem + ".request.json")
    data = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
    return {str(k): str(v) for k, v in data.get("spider_args", {}).items()}


def example_request(path: Path, fallback_url: str) -> ExampleRequest:
    sidecar = path.with_name(path.stem + ".request.json")
    data = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
    return ExampleRequest(
        url=data.get("url", fallback_url),
        callback=data.get("callback"),
        doc_id=data.get("doc_id"),
        cb_kwargs=data.get("cb_kwargs", {}),
    )


def file_response(path: Path, request: scrapy.Request) -> Response:
    """A response as the site would send it, with the file's bytes as body."""
    body = path.read_bytes()
    content_type = _CONTENT_TYPES.get(path.suffix, "application/octet-stream")
    if content_type == "text/html":
        # No charset in the header: the page's own <meta> decides, as on the real sites.
        return HtmlResponse(url=request.url, body=body, request=request)
    headers = {"Content-Type": content_type}
    if content_type in ("text/xml", "application/json"):
        return TextResponse(url=request.url, body=body, headers=headers, request=request)
    return Response(url=request.url, body=body, headers=headers, request=request)


def callback_name(path: Path, spider: scrapy.Spider, declared: str | None) -> str:
    if declared:
        return declared
    tail = _example_tail(path, spider.name)
    if tail and tail.group("callback"):
        return f"parse_{tail.group('callback')}"
    return first_start_callback(spider)


def first_start_callback(spider: scrapy.Spider) -> str:
    async def first() -> scrapy.Request:
        async for request in spider.start():
            return request
        raise ValueError(f"{spider.name} makes no start request")

    request = asyncio.run(first())
    callback = request.callback or spider.parse
    return callback.__name__


def run_example(spider: scrapy.Spider, path: Path) -> list[dict[str, Any]]:
    """Parse one saved example with its callback; the serialised items and requests."""
    example = example_request(path, fallback_url=f"{spider.base_url}/example")
    name = callback_name(path, spider, example.callback)
    request = scrapy.Request(example.url, cb_kwargs=dict(example.cb_kwargs))
    if example.doc_id:
        # A document page goes through the same shared steps as in a crawl.
        request.meta.update({DOC_ID_META: example.doc_id, CALLBACK_META: name})
        name = "document_response"
    response = file_response(path, request)
    output = getattr(spider, name)(response, **example.cb_kwargs)
    return serialise(output or ())


def serialise(outputs: Iterable[Any]) -> list[dict[str, Any]]:
    """Items as {"item": class name, fields...}; requests as URL, callback and what they carry."""
    serialised: list[dict[str, Any]] = []
    for output in outputs:
        if isinstance(output, scrapy.Request):
            callback = output.meta.get(CALLBACK_META) or (
                output.callback.__name__ if output.callback else "parse"
            )
            entry: dict[str, Any] = {"request": output.url, "callback": callback}
            if output.cb_kwargs:
                entry["cb_kwargs"] = _plain(output.cb_kwargs)
            if output.meta.get(DOC_ID_META):
                entry["doc_id"] = output.meta[DOC_ID_META]
                entry["conditional"] = bool(output.meta.get(CONDITIONAL_META))
            serialised.append(entry)
        elif dataclasses.is_dataclass(output) and not isinstance(output, type):
            serialised.append({"item": type(output).__name__, **_plain(dataclasses.asdict(output))})
        else:
            serialised.append({"other": repr(output)})
    return serialised


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, sort_keys=True, default=str))


# ---- whole-source fixtures: a small copy of the site, crawled through a local server --------

SITE_SPEC_SUFFIX = ".site.json"
SITE_GOLDEN_SUFFIX = ".site.golden.json"
TEXT_HEAD_CHARS = 400


@dataclass(frozen=True, slots=True)
class SiteFixture:
    """`tests/examples/crawlers/<source_id>.site.json`: the pages of a small copy of the site.

    - `pages`: mirror path (real host first, as the demo mirror keeps it) → a saved file in
      the examples folder, e.g. {"lawphil.net/judjuris/juri2023/juri2023.html":
      "ph_lawphil_judgments_year_example_2.html"}.
    - `base`: the mirror path the spider's `base_url` points at (usually the real host).
    - `spider_args`: fixed `since`/`until` (so the golden does not move with the calendar).
    """

    source_id: str
    base: str
    pages: Mapping[str, str]
    spider_args: Mapping[str, str]

    @classmethod
    def load(cls, spec: Path) -> SiteFixture:
        data = json.loads(spec.read_text(encoding="utf-8"))
        return cls(
            source_id=spec.name.removesuffix(SITE_SPEC_SUFFIX),
            base=str(data["base"]).strip("/"),
            pages=dict(data["pages"]),
            spider_args={str(k): str(v) for k, v in data.get("spider_args", {}).items()},
        )

    def build(self, examples: Path, root: Path) -> Path:
        """Copy the declared pages into `root` at their mirror paths; `root` is returned."""
        for mirror_path, example in self.pages.items():
            source = examples / example
            if not source.is_file():
                raise FileNotFoundError(f"{self.source_id}: page {example!r} is not in {examples}")
            target = root / mirror_path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        return root


def site_fixtures(examples: Path) -> dict[str, Path]:
    """source id → its site spec, for every `<source_id>.site.json` in the examples folder."""
    return {
        spec.name.removesuffix(SITE_SPEC_SUFFIX): spec
        for spec in sorted(examples.glob(f"*{SITE_SPEC_SUFFIX}"))
    }


def crawl_summary(report: Any, server_url: str) -> dict[str, Any]:
    """A crawl's report as a reviewable golden: counts, errors (server address removed) and,
    per stored document, its fields and the head of its extracted text."""

    def local(text: str) -> str:
        return text.replace(server_url, "http://MIRROR")

    documents = []
    for document in sorted(report.documents, key=lambda d: d.doc_id):
        documents.append(
            {
                "doc_id": document.doc_id,
                "url": local(document.url),
                "content_type": document.content_type.split(";")[0],
                "country": document.country,
                "language": document.language,
                "doc_type": document.doc_type,
                "title": document.title,
                "court": document.court,
                "case_number": document.case_number,
                "decision_date": document.decision_date,
                "text_chars": len(document.text),
                "text_head": document.text[:TEXT_HEAD_CHARS],
            }
        )
    return {
        "counts": report.counts(),
        "errors": sorted(local(error) for error in report.errors),
        "documents": documents,
    }
