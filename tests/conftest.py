"""Shared fixtures: the engines (built once), the Flask app, its test client and CLI runner."""
import pytest

from eligibility.engine import Engine


@pytest.fixture(scope="session")
def engine():
    """The engine on durable-rules over the real rule files."""
    return Engine.from_folder()


@pytest.fixture(scope="session")
def reference_engine():
    """The engine on the plain-Python reference evaluator over the real rule files."""
    return Engine.from_folder(backend="reference")
