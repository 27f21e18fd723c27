"""Prefect's test harness (a temporary database and API) for the flow tests only, so the other
test folders stay fast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prefect.testing.utilities import prefect_test_harness


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    with prefect_test_harness():
        yield
