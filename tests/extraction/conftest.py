"""Shared fixtures of the extraction tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from geo_app.extraction import _status_model


@pytest.fixture
def status_rules() -> Iterator[None]:
    """Status by the rules alone, without the learned model over them.

    The sentences of the status rules' own tests show what each rule reads;
    the model, retrained as the corpus grows, may weigh a sentence's other
    characters against a rule (its own test reads it on held-out documents).
    """
    enabled = _status_model.ENABLED
    _status_model.ENABLED = False
    yield
    _status_model.ENABLED = enabled
