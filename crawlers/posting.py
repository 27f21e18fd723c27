"""Bodies of POST requests, for sites whose pages come from forms or JSON services.

Shared by the sources that need it (Thai Supreme Court, Myanmar MLIS, SHERLOC, Malaysian
e-Judgment).
The same request must always have the same bytes (the mirror finds a POST's answer by the
body's hash). A POST cannot be asked for conditionally, so such documents are requested with
`immutable=True`: a known id is not asked for again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

FORM = "application/x-www-form-urlencoded"
JSON = "application/json; charset=utf-8"


def form_body(fields: Mapping[str, str]) -> bytes:
    return urlencode(fields).encode("utf-8")


def json_body(data: Mapping[str, Any]) -> bytes:
    """Compact JSON with sorted keys: the same request always has the same bytes."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
