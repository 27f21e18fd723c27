"""Document requests sent as POST, for sites whose documents come from forms or JSON services.

Shared by the sources that need it (Thai Supreme Court, Myanmar MLIS); not a source. A POST
cannot be asked for conditionally, so such documents are requested with `immutable=True`:
a known id is not asked for again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlencode

import scrapy

FORM = "application/x-www-form-urlencoded"
JSON = "application/json; charset=utf-8"


def form_body(fields: Mapping[str, str]) -> bytes:
    return urlencode(fields).encode("utf-8")


def json_body(data: Mapping[str, Any]) -> bytes:
    """Compact JSON with sorted keys: the same request always has the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def posted(outputs: Iterable[Any], body: bytes, content_type: str) -> Iterator[Any]:
    """`request_document`'s outputs with its request turned into a POST of `body`."""
    for output in outputs:
        if isinstance(output, scrapy.Request):
            yield output.replace(method="POST", body=body, headers={"Content-Type": content_type})
        else:
            yield output
