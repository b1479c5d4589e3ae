"""The reference evaluator: Kleene three-valued logic, and agreement with durable-rules on generated profiles."""
from hypothesis import HealthCheck, given, settings

from eligibility.compiler import AnyOf, Leaf
from eligibility.reference import evaluate_all, evaluate_node
from strategies import as_of_dates, profiles

YES = Leaf("a", "strategic_emerging", "eq", True, "a")
NO = Leaf("b", "strategic_emerging", "eq", True, "b")
GONE = Leaf("missing", "strategic_emerging", "eq", True, "c")
FACTS = {"a": True, "b": False}


def test_all_is_false_when_any_part_fails_even_if_another_is_missing():
    assert evaluate_all([YES, NO, GONE], FACTS) is False
    assert evaluate_all([YES, GONE], FACTS) is None
    assert evaluate_all([YES], FACTS) is True


def test_any_is_true_when_any_part_holds_even_if_another_is_missing():
    assert evaluate_node(AnyOf((GONE, YES), "x"), FACTS) is True
    assert evaluate_node(AnyOf((GONE, NO), "x"), FACTS) is None
    assert evaluate_node(AnyOf((NO, NO), "x"), FACTS) is False


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=as_of_dates)
def test_durable_rules_and_reference_fire_the_same_rules(engine, reference_engine, profile, as_of):
    facts = engine.facts(profile, as_of)
    assert engine.match(facts) == reference_engine.match(facts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=as_of_dates)
def test_both_engines_give_the_same_result(engine, reference_engine, profile, as_of):
    durable = engine.evaluate(profile, as_of).model_dump(exclude={"engine"})
    assert durable == reference_engine.evaluate(profile, as_of).model_dump(exclude={"engine"})
