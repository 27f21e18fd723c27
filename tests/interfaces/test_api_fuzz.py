"""The API fuzzed from its own OpenAPI document: whatever parameters a client sends, the answer
is a 2xx or a clear 4xx, never a server error."""

from __future__ import annotations

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

EXAMPLES_PER_OPERATION = 30


def test_no_parameters_make_the_server_fail(app: FastAPI) -> None:
    # Only the reading endpoints: the POST actions have their own tests, and fuzzing them would
    # start real runs whenever a token happens to be configured.
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(method="GET")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        call()
