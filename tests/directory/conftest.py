"""Fixtures shared by the directory's page tests: a fixed "now" and the small public directory."""

import pytest
import time_machine

from tests.directory.public_data import NOW, build_directory


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def public_directory():
    """The doctors, centres and packages of tests/directory/public_data.py (a test may define its own)."""
    return build_directory()
