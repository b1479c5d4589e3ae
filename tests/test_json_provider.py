"""Flask's JSON through orjson: the same values as Flask's default provider, and what orjson cannot do falls back."""
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from flask.json.provider import DefaultJSONProvider

from eligibility.web.json_provider import OrjsonProvider


@pytest.fixture(scope="module")
def app(make_app):
    return make_app()


@dataclass
class Pair:
    b: int
    a: str


VALUES = [
    {"名称": "许昌", "b": 1, "a": [1, 2.5, None, True]},
    {"day": date(2020, 12, 31), "at": datetime(2020, 12, 31, 8, 0, tzinfo=timezone.utc)},
    {"amount": Decimal("12.50"), "pair": Pair(2, "x")},
    {"big": 10**30},
]


def test_the_app_uses_it(app):
    assert isinstance(app.json, OrjsonProvider) and app.json.ensure_ascii is False


@pytest.mark.parametrize("value", VALUES)
def test_same_values_as_flasks_default_provider(app, value):
    default = DefaultJSONProvider(app)
    default.ensure_ascii = False
    with app.app_context():
        assert json.loads(app.json.dumps(value)) == json.loads(default.dumps(value))
        assert app.json.loads(app.json.dumps(value)) == default.loads(default.dumps(value))


def test_keys_sorted_compact_and_chinese_kept(app):
    assert app.json.dumps({"b": 1, "a": "许昌"}) == '{"a":"许昌","b":1}'
    with app.app_context():
        response = app.json.response({"b": 1, "a": "许昌"})
    assert response.mimetype == "application/json" and response.get_data() == '{"a":"许昌","b":1}\n'.encode()


def test_ascii_only_when_asked_by_the_standard_library(app):
    provider = OrjsonProvider(app)
    assert provider.dumps({"a": "许"}) == '{"a":"\\u8bb8"}'


def test_loads_accepts_what_the_standard_library_accepts_and_refuses_the_rest(app):
    assert app.json.loads(b'{"a": 1}') == {"a": 1}
    assert app.json.loads('{"big": 100000000000000000000000000000}') == {"big": 10**29}
    assert app.json.loads('{"a": 1}'.encode("utf-16")) == {"a": 1}
    with pytest.raises(ValueError):
        app.json.loads(b"{oops")


def test_a_huge_amount_stays_an_integer_so_the_api_names_it_too_large(client):
    profile = {"name": "许昌某公司", "credit_code": "91350100M000100Y43", "division_code": "411002",
               "sales_yuan_by_year": {"2019": 10**30}}
    response = client.post("/api/v1/evaluate", data=json.dumps({"profile": profile}),
                           content_type="application/json")
    assert response.status_code == 422
    assert response.get_json()["fields"] == [{"field": "profile.sales_yuan_by_year.2019", "message": "不能大于100000000000000"}]


def test_unknown_types_still_raise_type_error(app):
    with pytest.raises(TypeError):
        app.json.dumps({"x": object()})


def test_api_bodies_go_through_it(client):
    response = client.post("/api/v1/evaluate", data=b"{oops", content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_json"
    listing = client.get("/api/v1/documents")
    assert listing.get_data().startswith(b'{"count":') and "许昌".encode() in listing.get_data()
