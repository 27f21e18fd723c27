"""Prefect's test harness (a temporary database and API) for the flow tests only, so the other
test folders stay fast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prefect.testing.utilities import prefect_test_harness


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    # A busy two-core CI machine can take well over the default 30 s to start the test API.
    with prefect_test_harness(server_startup_timeout=180):
        yield
