"""One "today", in the bureau's time zone: a UTC server between 00:00 and 08:00 Beijing time is already on the
Beijing date in the profile checks, the engine's default date and the form."""
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from eligibility import clock
from eligibility.profile import Profile

# 17:30 UTC on 21 November is 01:30 on 22 November in Beijing.
UTC_EVENING = datetime(2026, 11, 21, 17, 30, tzinfo=timezone.utc)
BEIJING_DAY = date(2026, 11, 22)
PROFILE = {
    "name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
    "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": BEIJING_DAY.isoformat()}],
}


@pytest.fixture(scope="module")
def app(make_app):
    """One application for this module's tests that only read (each building one costs a second)."""
    return make_app(WTF_CSRF_ENABLED=False)


@pytest.fixture(autouse=True)
def utc_evening(monkeypatch):
    monkeypatch.setattr(clock, "_source", lambda: UTC_EVENING)


def test_a_title_obtained_today_in_beijing_is_not_in_the_future():
    assert clock.today() == BEIJING_DAY
    assert Profile.model_validate(PROFILE).recognitions[0].obtained_on == BEIJING_DAY
    tomorrow = {**PROFILE["recognitions"][0], "obtained_on": "2026-11-23"}
    with pytest.raises(ValueError, match="不能晚于今天"):
        Profile.model_validate({**PROFILE, "recognitions": [tomorrow]})


def test_engine_default_date_is_the_beijing_date(engine):
    assert engine.evaluate(Profile.model_validate(PROFILE)).as_of == BEIJING_DAY


def test_api_and_form_default_to_the_beijing_date(client):
    assert client.post("/api/v1/evaluate", json={"profile": PROFILE}).get_json()["as_of"] == BEIJING_DAY.isoformat()
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'name="as_of"[^>]*value="2026-11-22"|value="2026-11-22"[^>]*name="as_of"', page)


def test_nothing_else_reads_the_system_clock():
    package = Path(__file__).resolve().parent.parent / "eligibility"
    offenders = [f"{path.relative_to(package)}:{n}" for path in package.rglob("*.py") if path.name != "clock.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\b(date\.today|datetime\.(now|utcnow|today))\(", line)]
    assert offenders == []
