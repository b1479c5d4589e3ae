"""The reference evaluator: Kleene three-valued logic, and agreement with durable-rules on generated profiles."""
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligibility.compiler import AnyOf, Leaf
from eligibility.profile import Profile
from eligibility.reference import evaluate_all, evaluate_node
from eligibility.vocabulary import divisions, vocabulary

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


CITIES = list(divisions())
COUNTIES = [code for city in divisions().values() for code in city["counties"]]
RECOGNITIONS = [(kind, level) for kind, spec in vocabulary()["recognition_kinds"].items() for level in spec["levels"]]
NEAR_THRESHOLDS = [900_000_000, 1_000_000_000, 1_000_000_001, 2_000_000_000, 2_000_000_001, 5_000_000_001]
dates = st.dates(min_value=date(2014, 1, 1), max_value=date(2023, 12, 31))
amounts = st.one_of(st.none(), st.sampled_from([0, 1, 9_999_999, 10_000_000, 10_000_001]), st.integers(0, 10**9))


@st.composite
def profiles(draw) -> Profile:
    """Profiles around the thresholds and period edges, with unknown answers mixed in."""
    recognitions = st.builds(
        lambda kl, d, days: {"kind": kl[0], "level": kl[1], "obtained_on": d,
                             "valid_until": None if days is None else d + timedelta(days=days)},
        st.sampled_from(RECOGNITIONS), dates, st.one_of(st.none(), st.integers(0, 2000)))
    projects = st.builds(
        lambda kind, d, inv, nat, prov: {"name": "项目", "kind": kind, "approved_on": d, "new_investment_yuan": inv,
                                         "national_grant_yuan": nat, "provincial_grant_yuan": prov},
        st.sampled_from(list(vocabulary()["project_kinds"])), dates, amounts, amounts, amounts)
    sales = st.dictionaries(st.integers(2014, 2023),
                            st.one_of(st.sampled_from(NEAR_THRESHOLDS), st.integers(0, 6 * 10**9)), max_size=6)
    return Profile.model_validate({
        "name": "生成的企业", "credit_code": "91350100M000100Y43",
        "division_code": draw(st.sampled_from(CITIES + COUNTIES + ["110101"])),
        "entity_kind": draw(st.sampled_from(list(vocabulary()["entity_kinds"]))),
        "strategic_emerging": draw(st.one_of(st.none(), st.booleans())),
        "above_designated_size": draw(st.one_of(st.none(), st.booleans())),
        "ownership": draw(st.one_of(st.none(), st.sampled_from(list(vocabulary()["ownerships"])))),
        "scale": draw(st.one_of(st.none(), st.sampled_from(list(vocabulary()["scales"])))),
        "industry_code": draw(st.one_of(st.none(), st.sampled_from(["C38", "C39", "C27", "C3811", "I65"]))),
        "sector_tags": draw(st.one_of(st.none(), st.lists(st.sampled_from(list(vocabulary()["sector_tags"])),
                                                          max_size=4))),
        "sales_yuan_by_year": draw(st.one_of(st.none(), sales)),
        "recognitions": draw(st.one_of(st.none(), st.lists(recognitions, max_size=6))),
        "projects": draw(st.one_of(st.none(), st.lists(projects, max_size=3))),
    })


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=st.dates(min_value=date(2016, 1, 1), max_value=date(2027, 12, 31)))
def test_durable_rules_and_reference_fire_the_same_rules(engine, reference_engine, profile, as_of):
    facts = engine.facts(profile, as_of)
    assert engine.match(facts) == reference_engine.match(facts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=st.dates(min_value=date(2016, 1, 1), max_value=date(2027, 12, 31)))
def test_both_engines_give_the_same_result(engine, reference_engine, profile, as_of):
    durable = engine.evaluate(profile, as_of).model_dump(exclude={"engine"})
    assert durable == reference_engine.evaluate(profile, as_of).model_dump(exclude={"engine"})
