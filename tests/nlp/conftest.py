"""What the coder's tests share."""

from __future__ import annotations

import pytest

from nlp.coder import CaseCoder, load_coder


@pytest.fixture(scope="session")
def coder() -> CaseCoder:
    """The bundled coder, loaded once: its pipelines are built per language on first use."""
    return load_coder()
