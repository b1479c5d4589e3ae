"""The engine's result: statuses, per-item awards, document standing and notes said once."""
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from eligibility.engine import award_amount, document_context
from eligibility.profile import Profile
from eligibility.result import DocumentContext, EvaluationResult
from strategies import as_of_dates, profiles

XUCHANG = {"name": "许昌某公司", "credit_code": "91350100M000100Y43", "division_code": "411002"}


def evaluate(engine, as_of=date(2020, 12, 31), **changes):
    return engine.evaluate(Profile.model_validate({**XUCHANG, **changes}), as_of)


def test_document_notes_appear_once_in_documents_not_under_each_rule(engine):
    result = evaluate(engine, recognitions=[])
    doc = engine.rulebook.documents["xuchang-2017-29"]
    doc_questions = {n.question for n in doc.notes}
    [context] = result.documents
    assert {n.question for n in context.notes} == doc_questions
    for outcome in (*result.outcomes, *result.related_support):
        assert not doc_questions & {n.question for n in outcome.notes}, outcome.rule_id
    rule = engine.rulebook.by_id["xuchang.mfg_innovation_center.national"]
    assert [n.question for n in result.outcome(rule.id).notes] == [n.question for n in rule.notes]


def test_documents_cover_only_the_jurisdiction(engine):
    result = evaluate(engine, division_code="330212")
    assert [d.document_id for d in result.documents] == ["ningbo-2017"]


def test_document_phases_and_plain_summary(engine):
    doc = engine.rulebook.documents["xuchang-2017-29"]
    before = document_context(doc, date(2017, 6, 15))
    inside = document_context(doc, date(2020, 12, 31))
    after = document_context(doc, date(2026, 11, 22))
    assert (before.phase, inside.phase, after.phase) == ("not_yet", "in_force", "ended")
    assert "已于2020年12月31日到期" in after.summary and "2020-12-31" in after.summary
    assert inside.period.start == date(2017, 6, 16) and inside.application_window is None
    assert "年度申报通知" in inside.application_note


def test_document_contexts_made_without_validation_equal_validated_ones(engine):
    for doc in engine.rulebook.documents.values():
        for day in (date(2016, 1, 1), doc.in_force.from_, doc.period.from_, date(2020, 12, 31), date(2027, 1, 1)):
            made = document_context(doc, day)
            validated = DocumentContext.model_validate(made.model_dump())
            assert made == validated and made.model_dump_json() == validated.model_dump_json()


def test_selective_measures_may_be_applied_for_but_bring_no_amount(engine):
    result = evaluate(engine, industry_code="C38")
    outcome = result.outcome("xuchang.honour.top10_transformation_demo")
    assert outcome.status == "may_apply" and outcome.status_label == "可申报·需评审"
    assert outcome.amount_yuan is None and outcome.potential_amount_yuan is None and outcome.selection


def test_tax_measures_are_not_claimed_at_the_bureau(engine):
    profile = {**XUCHANG, "division_code": "410702", "entity_kind": "enterprise"}
    result = engine.evaluate(Profile.model_validate(profile), date(2024, 6, 30))
    tax = result.outcome("xinxiang.tax.tax_and_fee_reduction")
    assert tax.status == "eligible" and not tax.claimable and "税务机关" in tax.apply_elsewhere


def test_per_title_awards_sum_each_new_title_and_skip_renewals(engine):
    titles = [{"kind": "single_champion_product", "level": "national", "obtained_on": day, **extra}
              for day, extra in (("2016-11-01", {}), ("2018-11-01", {}), ("2019-11-01", {}),
                                 ("2020-11-01", {"renewal_of": "工信部2016年公布的单项冠军产品"}))]
    result = evaluate(engine, recognitions=titles)
    outcome = result.outcome("xuchang.single_champion.product")
    assert outcome.amount_yuan == 200000 and result.total_yuan == 200000
    assert [(s.index, s.status) for s in outcome.subjects] == [
        (0, "not_eligible"), (1, "eligible"), (2, "eligible"), (3, "not_eligible")]
    assert all(s.subject == "title" for s in outcome.subjects)


def test_a_renewal_keeps_a_title_held(engine):
    held = [{"kind": "high_tech_enterprise", "level": "national", "obtained_on": "2014-01-01",
             "valid_until": "2016-12-31"},
            {"kind": "high_tech_enterprise", "level": "national", "obtained_on": "2017-01-01",
             "valid_until": "2019-12-31", "renewal_of": "GR201441000001"}]
    facts = engine.facts(Profile.model_validate({**XUCHANG, "recognitions": held}), date(2018, 6, 30))
    assert facts.enterprise["holds.high_tech_enterprise.national"] is True


def test_unended_year_is_explained_in_the_trace(engine):
    result = evaluate(engine, as_of=date(2020, 6, 30), strategic_emerging=True,
                      sales_yuan_by_year={"2019": 900_000_000, "2020": 1_200_000_000})
    trace = result.outcome("xuchang.sei_sales_milestone.rev_1bn").trace
    assert any("2020年度尚未结束,不计入" in (step.value or "") for step in trace)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=as_of_dates)
def test_results_built_without_validation_equal_validated_ones(reference_engine, profile, as_of):
    """The engine builds results from trusted values; validating them again changes nothing, field for field."""
    result = reference_engine.evaluate(profile, as_of)
    text = result.model_dump_json()
    again = EvaluationResult.model_validate_json(text)
    assert again == result and again.model_dump_json() == text


def test_conditions_shared_by_rules_are_judged_once_per_subject(engine):
    result = evaluate(engine, recognitions=[], industry_code="C38")
    steps = [o.trace[0] for o in (*result.outcomes, *result.related_support)]
    assert len({id(step) for step in steps}) == 1 and steps[0].label == "注册地在许昌市"


def test_ratio_amounts_round_half_up_in_one_importable_function(engine):
    rule = engine.compiled["xuchang.industrial_foundation.national_matching"]
    assert award_amount(rule, {"project.national_grant_yuan": 3_000_001}) == 1_500_001
    assert engine._amount(rule, {"project.national_grant_yuan": 3_000_000}) == 1_500_000


class _Wrong:
    """A backend that fires nothing: any evaluation it decides disagrees with the reference."""

    name = "wrong"

    def fired(self, subjects):
        return set()


def test_a_sampled_cross_check_runs_the_backend_on_its_share_and_names_who_decided():
    from eligibility.engine import Engine, EngineDisagreement
    engine = Engine.from_folder(cross_check_every=3)
    profile = Profile.model_validate({**XUCHANG, "strategic_emerging": True,
                                      "sales_yuan_by_year": {"2018": 900_000_000, "2019": 1_200_000_000}})
    deciders = [engine.evaluate(profile, date(2020, 12, 31)).engine for _ in range(6)]
    assert deciders == ["durable-rules", "reference", "reference"] * 2
    engine.backends["411000"] = _Wrong()
    with pytest.raises(EngineDisagreement):
        engine.evaluate(profile, date(2020, 12, 31))
    assert engine.evaluate(profile, date(2020, 12, 31)).total_yuan == 100_000
    with pytest.raises(ValueError):
        Engine.from_folder(cross_check_every=0)
