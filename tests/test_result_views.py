"""The views of a result: each a pydantic model, each agreeing with the full result it is made from."""
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.profile import Profile
from eligibility.result import (
    CLAIMABLE,
    VIEW_MODELS,
    VIEWS,
    EvaluationDefaultView,
    EvaluationFullView,
    EvaluationSummaryView,
    OutcomeInBrief,
    OutcomeInFull,
    default_view,
    full_view,
    summary_view,
)
from eligibility.vocabulary import divisions
from eligibility.web.result_json import ResultEncoder
from strategies import CITIES, as_of_dates, profiles

XUCHANG = {"name": "许昌某电气公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
           "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
           "recognitions": [{"kind": "single_champion_product", "level": "national", "obtained_on": "2018-11-01"},
                            {"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}],
           "projects": None}


def _result(engine):
    return engine.evaluate(Profile.model_validate(XUCHANG), date(2020, 12, 31))


def test_default_view_gives_actionable_outcomes_in_full_and_the_rest_in_brief(engine):
    result = _result(engine)
    view = default_view(result)
    assert view.view == "default" and [o.rule_id for o in view.outcomes] == [o.rule_id for o in result.outcomes]
    statuses = {o.status for o in view.outcomes}
    assert {"eligible", "undetermined", "not_eligible"} <= statuses
    for shown, full in zip(view.outcomes, result.outcomes, strict=False):
        if full.status in CLAIMABLE:
            assert isinstance(shown, OutcomeInFull) and shown.model_dump() == full.model_dump()
        else:
            assert isinstance(shown, OutcomeInBrief)
            assert shown.model_dump() == {"rule_id": full.rule_id, "title": full.title, "status": full.status,
                                          "status_label": full.status_label, "reason": full.reason}
    product = next(o for o in view.outcomes if o.rule_id == "xuchang.single_champion.product")
    assert product.status == "eligible" and product.subjects and product.trace and product.citation.clause_text
    undetermined = next(o for o in view.outcomes if o.status == "undetermined")
    assert undetermined.missing_facts and undetermined.reason.startswith("尚缺信息")
    assert [r.model_dump() for r in view.related_support] == [
        {"rule_id": o.rule_id, "title": o.title, "status": o.status, "status_label": o.status_label}
        for o in result.related_support]
    assert view.documents == result.documents and view.documents[0].notes


def test_default_view_is_much_smaller_than_the_full_one(engine):
    result = _result(engine)
    assert len(default_view(result).model_dump_json()) * 3 < len(full_view(result).model_dump_json())


def test_full_view_is_the_result_saying_which_view_it_is(engine):
    result = _result(engine)
    view = full_view(result)
    assert isinstance(view, EvaluationFullView) and view.view == "full"
    assert view.model_dump(exclude={"view"}) == result.model_dump()


def test_summary_view_gives_ids_statuses_amounts_and_clause_paths(engine):
    result = _result(engine)
    view = summary_view(result)
    assert set(view.model_dump()) == {"view", "as_of", "ruleset_version", "credit_code", "total_yuan", "counts",
                                      "outcomes", "related_support"}
    assert set(view.outcomes[0].model_dump()) == {"rule_id", "status", "amount_yuan", "clause_path"}
    milestone = next(o for o in view.outcomes if o.rule_id == "xuchang.sei_sales_milestone.rev_1bn")
    assert (milestone.status, milestone.amount_yuan, milestone.clause_path) == ("eligible", 100000, "二(一)2")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=as_of_dates)
def test_every_view_agrees_with_the_full_result_and_validates_as_its_model(reference_engine, profile, as_of):
    result = reference_engine.evaluate(profile, as_of)
    for name, make in VIEWS.items():
        view = make(result)
        text = view.model_dump_json()
        assert VIEW_MODELS[name].model_validate_json(text).model_dump_json() == text
        assert view.total_yuan == result.total_yuan and view.counts == result.counts
        pairs = list(zip(view.outcomes, result.outcomes, strict=False)) + list(zip(view.related_support, result.related_support, strict=False))
        assert len(pairs) == len(result.outcomes) + len(result.related_support)
        for shown, full in pairs:
            assert (shown.rule_id, shown.status) == (full.rule_id, full.status)
            if hasattr(shown, "amount_yuan"):
                assert shown.amount_yuan == full.amount_yuan


def test_each_view_has_its_own_schema_told_apart_by_view():
    for name, model in VIEW_MODELS.items():
        schema = model.model_json_schema(mode="serialization")
        assert schema["properties"]["view"]["const"] == name and "view" in schema["required"]
    outcomes = EvaluationDefaultView.model_json_schema(mode="serialization")["properties"]["outcomes"]["items"]
    assert outcomes["discriminator"]["propertyName"] == "status"
    assert set(outcomes["discriminator"]["mapping"]) == {"eligible", "may_apply", "undetermined", "not_eligible",
                                                         "not_in_force"}
    assert "citation" not in EvaluationSummaryView.model_json_schema()["$defs"]["OutcomeSummary"]["properties"]


@pytest.mark.parametrize("city", CITIES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=as_of_dates, data=st.data())
def test_views_made_with_only_their_detail_equal_those_of_the_full_result(engine, reference_engine, city, profile,
                                                                           as_of, data):
    """Engine.view (what the API answers) writes the same bytes as the view derived from the full result."""
    division = data.draw(st.sampled_from([city, *divisions()[city]["counties"]]))
    profile = profile.model_copy(update={"division_code": division})
    for evaluator in (engine, reference_engine):
        encoder = ResultEncoder(evaluator.static_parts.values())
        for day in (as_of, data.draw(as_of_dates)):
            result = evaluator.evaluate(profile, day)
            for name, make in VIEWS.items():
                made = evaluator.view(profile, day, name)
                assert made.model_dump_json() == make(result).model_dump_json(), name
                assert encoder.encode_view(made) == encoder.encode(result, name), name
