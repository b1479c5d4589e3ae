"""The Flask side: blueprints that turn requests into profiles, call the engine and render results."""
from flask import current_app

from ..engine import Engine


def engine() -> Engine:
    """The application's engine, built once at start-up."""
    return current_app.extensions["eligibility_engine"]
