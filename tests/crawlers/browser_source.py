"""A source whose pages are built by JavaScript, run in a subprocess through the browser path.

    python -m tests.crawlers.browser_source --home DIR --outcomes FILE --base-url URL

It lives with the tests (not in crawlers.sources), so the registry never lists it."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from crawlers.base import SourceSpider, clean_space
from crawlers.run import BROWSER_HANDLERS, scrapy_settings


class XxJsRendered(SourceSpider):
    name = "xx_jsrendered"
    country = "PH"
    kind = "judgments"
    language = "en"
    base_url = "https://js.example.org"
    needs_browser = True

    async def start(self) -> Any:
        yield self.page_request(self.site_url("/list.html"), callback=self.parse_list)

    def parse_list(self, response: Response) -> Iterator[Any]:
        for href in response.css("a.decision::attr(href)").getall():
            own_id = href.rsplit("/", 1)[-1].removesuffix(".html")
            yield from self.request_document(
                self.absolute(response, href), doc_id=self.doc_id(own_id), callback=self.parse_doc
            )

    def parse_doc(self, response: Response) -> Iterator[Any]:
        yield self.fetched(
            response,
            doc_type="judgment",
            title=clean_space(response.css("h1::text").get()),
            content_type="text/html",
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--outcomes", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args()
    settings = scrapy_settings(args.home, args.outcomes, args.base_url)
    settings.set("DOWNLOAD_HANDLERS", BROWSER_HANDLERS, priority="cmdline")
    settings.set("TIPLEX_BROWSER_CHALLENGE_WAIT", 2, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(XxJsRendered, base_url=args.base_url)
    process.start()


if __name__ == "__main__":
    main()
