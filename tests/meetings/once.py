"""For a test module whose tests change the structure and the meetings only inside their own
savepoint (no committed test): importing these fixtures makes its ``meetings`` and ``structure``
the ones built once for the module (``meetings_once`` in tests/meetings/conftest.py), about half
a second a test less."""

import pytest


@pytest.fixture(name="meetings")
def meetings_built_for_the_module(meetings_once):
    return meetings_once


@pytest.fixture(name="structure")
def structure_built_for_the_module(meetings):
    return meetings.s
