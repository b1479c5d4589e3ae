"""The API's encoder writes each view exactly as its pydantic model serialises it."""
import json
from datetime import date

import orjson
from hypothesis import HealthCheck, given, settings

from eligibility.profile import Profile
from eligibility.result import VIEW_MODELS, VIEWS, EvaluationResult
from eligibility.web.result_json import ResultEncoder
from strategies import as_of_dates, profiles

XUCHANG = {"name": "许昌某公司", "credit_code": "91350100M000100Y43", "division_code": "411002",
           "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
           "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}],
           "projects": [{"name": "强基", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                         "national_grant_yuan": 8000000}]}


def _encoder(engine) -> ResultEncoder:
    return ResultEncoder(engine.static_parts.values())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=as_of_dates)
def test_encoded_views_equal_the_models_serialisation(reference_engine, profile, as_of):
    encoder = _encoder(reference_engine)
    result = reference_engine.evaluate(profile, as_of)
    for name, make in VIEWS.items():
        encoded = encoder.encode(result, name)
        expected = make(result).model_dump_json()
        assert json.loads(encoded) == json.loads(expected), name
        assert VIEW_MODELS[name].model_validate_json(encoded).model_dump_json() == expected


def test_outcomes_rebuilt_from_storage_are_serialised_as_they_are(engine):
    result = engine.evaluate(Profile.model_validate(XUCHANG), date(2020, 12, 31))
    stored = EvaluationResult.model_validate_json(result.model_dump_json())
    encoder = _encoder(engine)
    assert json.loads(encoder.encode(stored, "full")) == json.loads(encoder.encode(result, "full"))
    assert json.loads(encoder.encode(stored, "default")) == json.loads(VIEWS["default"](stored).model_dump_json())


def test_shared_static_parts_are_serialised_once(engine):
    encoder = _encoder(engine)
    citation = engine.static_parts["xuchang.sei_sales_milestone.rev_1bn"]["citation"]
    kept = encoder._static[id(citation)]
    assert kept[0] is citation and json.loads(orjson.dumps(kept[3]["citation"]))["clause_path"] == "二(一)2"
