"""durable-rules hazards (../shared/notes/stack.md), each reproduced against the wrapper and shown handled."""
import threading
from datetime import date

import pytest

from eligibility.compiler import AnyOf, CompiledRule, Leaf
from eligibility.durable_backend import DurableBackend, DurableEngineError, expression, rule_expression
from eligibility.engine import Engine
from eligibility.profile import Profile
from eligibility.reference import ReferenceBackend

AS_OF = date(2020, 12, 31)
XUCHANG_SEI = {
    "name": "许昌某电气公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
    "strategic_emerging": True, "sales_yuan_by_year": {2018: 900_000_000, 2019: 1_200_000_000},
    "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}], "projects": [],
}
NOWHERE = {"name": "外地公司", "credit_code": "91350100M000100Y43", "division_code": "110101"}


def test_thousands_of_evaluations_in_a_row_do_not_exhaust_sessions(engine):
    """More than the 1024 live sessions a ruleset allows: each evaluation deletes its own."""
    profile = Profile.model_validate(XUCHANG_SEI)
    for _ in range(3000):
        assert engine.evaluate(profile, AS_OF).total_yuan == 300_000


def test_profile_that_matches_nothing_first(engine):
    """A first message matching no rule made delete_state segfault; the catch-all rule prevents it."""
    fresh = DurableBackend(engine.rules)
    nowhere = engine.facts(Profile.model_validate(NOWHERE), AS_OF).subjects()
    assert fresh.fired(nowhere) == set()
    xuchang = engine.facts(Profile.model_validate(XUCHANG_SEI), AS_OF).subjects()
    assert ("xuchang.sei_sales_milestone.rev_1bn", "enterprise") in fresh.fired(xuchang)
    result = engine.evaluate(Profile.model_validate(NOWHERE), AS_OF)
    assert result.outcomes == [] and result.other_jurisdiction_rules == len(engine.rules)


def _rule(rule_id: str, conditions: tuple, subject: str = "enterprise") -> CompiledRule:
    base = Engine.from_folder(backend="reference").rules[0]
    rule = base.rule.model_copy(update={"id": rule_id, "subject": subject})
    return CompiledRule(rule, base.document, base.period, conditions, frozenset())


def test_rules_made_only_of_missing_conditions_do_not_hang():
    """A rule the re-asserted state document satisfies would fire forever; every rule tests `subject`."""
    rules = [_rule("probe.only_missing", (Leaf("absent.fact", "strategic_emerging", "ne", True, "x"),)),
             _rule("probe.any_missing", (AnyOf((Leaf("a.b", "strategic_emerging", "ne", 1, "x"),
                                                Leaf("c.d", "strategic_emerging", "eq", False, "y")), "z"),))]
    backend = DurableBackend(rules)
    subject = {"subject": "enterprise", "subject_key": "enterprise"}
    done = []
    worker = threading.Thread(target=lambda: done.append(backend.fired([subject])), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done == [set()], "durable-rules hung or fired on missing facts"
    assert rule_expression(rules[0])["$and"][0] == {"subject": "enterprise"}


def test_eight_threads_at_once_agree_with_serial_results(engine):
    """The Host's timers raced with callers (segfaults); with no timers and one lock, threads are safe."""
    profiles = [Profile.model_validate(XUCHANG_SEI), Profile.model_validate(NOWHERE)]
    expected = [engine.evaluate(p, AS_OF).model_dump() for p in profiles]
    failures = []

    def work(index: int):
        for i in range(150):
            p = profiles[(index + i) % 2]
            if engine.evaluate(p, AS_OF).model_dump() != expected[(index + i) % 2]:
                failures.append(index)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures and not any(t.is_alive() for t in threads)


def test_exception_inside_action_is_raised_not_swallowed():
    """durable-rules swallows action exceptions into the state; the wrapper raises them."""
    rules = [_rule("probe.always", (Leaf("k", "strategic_emerging", "eq", True, "x"),))]
    backend = DurableBackend(rules)

    class Refusing(dict):
        def __getitem__(self, key):
            raise RuntimeError("action failed")

    backend._fired = Refusing()
    with pytest.raises(DurableEngineError, match="action failed"):
        backend.fired([{"subject": "enterprise", "subject_key": "enterprise", "k": True}])
    backend._fired = {}
    assert backend.fired([{"subject": "enterprise", "subject_key": "enterprise", "k": True}]) == {
        ("probe.always", "enterprise")}


def test_expressions_use_field_names_without_dots():
    leaf = Leaf("recognition.smart_factory.provincial", "recognition.smart_factory.provincial", "within",
                (20170616, 20201231), "x")
    assert expression(leaf) == {"$and": [{"$gte": {"recognition__smart_factory__provincial": 20170616}},
                                         {"$lte": {"recognition__smart_factory__provincial": 20201231}}]}


def test_reference_and_durable_fire_the_same_for_a_known_profile(engine):
    facts = engine.facts(Profile.model_validate(XUCHANG_SEI), AS_OF).subjects()
    fired = DurableBackend(engine.rules).fired(facts)
    assert fired == ReferenceBackend(engine.rules).fired(facts)
    cash = {rule_id for rule_id, _ in fired if engine.rulebook.by_id[rule_id].award.kind != "non_quantified"}
    assert cash == {"xuchang.sei_sales_milestone.rev_1bn", "xuchang.smart_mfg.provincial_smart_factory"}
