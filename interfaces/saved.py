"""Saved searches and the weekly digest.

A researcher saves a search (a query and filters). The judgments it matches at that moment are
remembered as seen; after each weekly run, the digest lists, per saved search, the matching
judgments not seen before, written as Markdown and JSON under `TIPLEX_HOME/digests/` and, when
`TIPLEX_DIGEST_WEBHOOK` is set, POSTed there as JSON. A digest that fails to post is still on
disk, and the judgments it listed count as seen either way, so none is announced twice.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interfaces.service import BadRequest, Service, check_filters
from tiplex.records import JsonRecord
from tiplex.settings import Settings

DIGEST_DEPTH = 200  # matches considered per saved search and digest
WEBHOOK_TIMEOUT_S = 10


@dataclass(frozen=True, slots=True)
class SavedSearch(JsonRecord):
    name: str
    query: str
    filters: Mapping[str, str] = field(default_factory=dict)
    created_at: str = ""


def _store(settings: Settings) -> Path:
    return settings.home / "saved_searches.json"


def _seen_file(settings: Settings) -> Path:
    return settings.home / "digests" / "seen.json"


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)  # readers never see half a file


def load(settings: Settings) -> list[SavedSearch]:
    return [SavedSearch(**row) for row in _read_json(_store(settings), [])]


def _judgment_filters(filters: Mapping[str, str]) -> dict[str, str]:
    return {"doc_type": "judgment", **filters}


def _matches(service: Service, search: SavedSearch) -> list[dict[str, Any]]:
    from interfaces.exports import PAGE

    found: list[dict[str, Any]] = []
    cursor = None
    while len(found) < DIGEST_DEPTH:
        page = service.search(
            search.query,
            limit=PAGE,
            passages=1,
            filters=_judgment_filters(search.filters),
            cursor=cursor,
        )
        found += page.items
        cursor = page.next_cursor
        if cursor is None:
            break
    return found


def save(
    settings: Settings,
    name: str,
    query: str,
    filters: Mapping[str, str],
    service: Service | None = None,
) -> SavedSearch:
    """Saves (or replaces, by name) a search; what it matches now counts as already seen."""
    name = " ".join(name.split())
    if not name:
        raise BadRequest("a saved search needs a name")
    search = SavedSearch(
        name=name,
        query=query.strip(),
        filters=check_filters(filters),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    svc = service or Service(settings)
    seen = _read_json(_seen_file(settings), {})
    seen[name] = sorted(hit["doc_id"] for hit in _matches(svc, search))
    others = [s for s in load(settings) if s.name != name]
    _write_json(_store(settings), [s.to_dict() for s in [*others, search]])
    _write_json(_seen_file(settings), seen)
    return search


def _markdown(digest: Mapping[str, Any]) -> str:
    lines = [f"# tiplex weekly digest, {digest['created_at'][:10]}", ""]
    if digest.get("run"):
        lines += [f"After the run `{digest['run']}`.", ""]
    for entry in digest["searches"]:
        filters = ", ".join(f"{k}={v}" for k, v in sorted(entry["filters"].items()))
        query = f"“{entry['query']}”" if entry["query"] else "every judgment"
        lines += [f"## {entry['name']}", "", f"{query}{' · ' + filters if filters else ''}", ""]
        if not entry["new"]:
            lines += ["No new judgments.", ""]
            continue
        for hit in entry["new"]:
            cite = " · ".join(
                str(hit[k]) for k in ("court", "case_number", "decision_date") if hit.get(k)
            )
            lines.append(f"- [{hit['title'] or hit['doc_id']}]({hit['source_url']}) {cite}")
        lines.append("")
    return "\n".join(lines)


def post_webhook(url: str, digest: Mapping[str, Any]) -> int:
    body = json.dumps(digest, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_S) as response:  # noqa: S310
        return int(response.status)


def write_digest(
    service: Service, *, run_id: str | None = None, webhook: str | None = None
) -> dict[str, Any]:
    """The digest of every saved search (what is new since the last digest), written to
    `digests/<time>.md` and `.json`; returns it with `files` and, if posted, `webhook_status`."""
    settings = service.settings
    seen: dict[str, list[str]] = _read_json(_seen_file(settings), {})
    created = datetime.now(UTC)
    digest: dict[str, Any] = {
        "created_at": created.isoformat(timespec="seconds"),
        "run": run_id,
        "searches": [],
    }
    for search in load(settings):
        known = set(seen.get(search.name, ()))
        matches = _matches(service, search)
        new = [hit["citation"] for hit in matches if hit["doc_id"] not in known]
        seen[search.name] = sorted(known | {hit["doc_id"] for hit in matches})
        digest["searches"].append(search.to_dict() | {"new": new})
    folder = settings.home / "digests"
    stem = created.strftime("%Y-%m-%dT%H%M%SZ")
    _write_json(folder / f"{stem}.json", digest)
    (folder / f"{stem}.md").write_text(_markdown(digest), encoding="utf-8")
    _write_json(_seen_file(settings), seen)
    digest["files"] = [str(folder / f"{stem}.md"), str(folder / f"{stem}.json")]
    target = webhook or os.environ.get("TIPLEX_DIGEST_WEBHOOK", "").strip()
    if target:
        try:
            digest["webhook_status"] = post_webhook(target, {k: digest[k] for k in digest})
        except OSError as exc:  # the files are the record; a dead webhook is only reported
            digest["webhook_error"] = str(exc)
    return digest
