"""`flask --app app …` from a checkout; the application factory lives in the package (eligibility.web)."""
from eligibility.web import create_app

__all__ = ["create_app"]
