"""`gunicorn` run in the checkout picks this up; the settings live in the package (eligibility/web/gunicorn_conf.py)."""
from eligibility.web.gunicorn_conf import *  # noqa: F403
