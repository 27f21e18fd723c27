"""The crawlers' User-Agent names a contact: the operator's, or else the project's page."""

from __future__ import annotations

import os
import subprocess
import sys

from crawlers.settings import PROJECT_CONTACT

_PRINT_USER_AGENT = "from crawlers.settings import USER_AGENT; print(USER_AGENT)"


def _user_agent(contact: str | None) -> str:
    """The User-Agent a crawl process gets (Scrapy reads the settings module once per crawl)."""
    env = {key: value for key, value in os.environ.items() if key != "TIPLEX_CRAWLER_CONTACT"}
    if contact is not None:
        env["TIPLEX_CRAWLER_CONTACT"] = contact
    done = subprocess.run(
        [sys.executable, "-c", _PRINT_USER_AGENT], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_user_agent_carries_the_operators_contact_or_the_projects_page() -> None:
    assert _user_agent("mailto:crawl-ops@example.org").endswith("+mailto:crawl-ops@example.org)")
    for unset in (None, ""):
        default = _user_agent(unset)
        assert default.startswith("tiplex/") and default.endswith(f"+{PROJECT_CONTACT})")
    assert PROJECT_CONTACT.startswith("https://")
