"""The compiled tests (closures made once per rule) answer exactly as the interpreted reference evaluator."""
import itertools

import pytest
from hypothesis import HealthCheck, given, settings

from eligibility import reference  # (its test_leaf imported by name would be collected as a test)
from eligibility.compiler import AnyOf, Leaf
from eligibility.engine import needs_of
from eligibility.facts import derive
from eligibility.reference import compile_all, compile_leaf, compile_node, evaluate_all, evaluate_node
from strategies import as_of_dates, profiles

OPERANDS = {"eq": 5, "ne": 5, "gt": 5, "gte": 5, "lt": 5, "lte": 5, "one_of": (3, 5), "within": (4, 6)}


@pytest.mark.parametrize("op", OPERANDS)
def test_each_operator_at_and_around_its_operand_and_when_the_fact_is_missing(op):
    leaf = Leaf("x", "x", op, OPERANDS[op], "x")
    test = compile_leaf(leaf)
    for facts in ({}, {"y": 5}, *({"x": value} for value in range(2, 9))):
        assert test(facts) is reference.test_leaf(leaf, facts), (op, facts)


@pytest.mark.parametrize("width", [1, 2, 3])
def test_any_and_all_follow_kleene_logic_for_every_combination(width):
    # A fact per child: true, false or absent (missing), in every combination.
    names = [f"c{i}" for i in range(width)]
    leaves = [Leaf(name, name, "eq", True, name) for name in names]
    nested = AnyOf((leaves[0], AnyOf(tuple(leaves[1:]) or (leaves[0],), "inner")), "outer")
    for combination in itertools.product((True, False, None), repeat=width):
        facts = {name: value for name, value in zip(names, combination, strict=True) if value is not None}
        for node in (AnyOf(tuple(leaves), "any"), nested):
            assert compile_node(node)(facts) is evaluate_node(node, facts), (node.label, facts)
        for nodes in (leaves, [AnyOf(tuple(leaves), "any"), *leaves]):
            assert compile_all(nodes)(facts) is evaluate_all(nodes, facts), facts


def _nodes(nodes):
    for node in nodes:
        yield node
        if isinstance(node, AnyOf):
            yield from _nodes(node.children)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), as_of=as_of_dates)
def test_every_rule_compiled_equals_the_interpreted_rule_for_generated_profiles(reference_engine, profile, as_of):
    # The facts every rule of every city asks for (thresholds, windows, projects, titles), so no rule's facts are
    # missing only because the profile is of another city.
    facts = derive(profile, as_of, needs_of(reference_engine.rules))
    subjects = facts.subjects()
    for rule in reference_engine.rules:
        test, own = reference_engine.tests[rule.id], compile_all(rule.conditions[1:])
        for subject in subjects:
            assert test(subject) is evaluate_all(rule.conditions, subject), (rule.id, subject["subject_key"])
            # Without the jurisdiction test first, rules of other cities are tested in full too.
            assert own(subject) is evaluate_all(rule.conditions[1:], subject), (rule.id, subject["subject_key"])
            for node in _nodes(rule.conditions):
                assert compile_node(node)(subject) is evaluate_node(node, subject), (rule.id, node.label)
