"""The plain-Python evaluator: three-valued (met, not met, missing) and the source of every trace."""
from collections.abc import Callable

from .compiler import CompiledRule, Leaf

Truth = bool | None  # None: a fact the test needs is missing


def test_leaf(leaf: Leaf, facts: dict) -> Truth:
    """Whether the fact passes the test, or None when the fact is absent."""
    if leaf.key not in facts:
        return None
    value, operand = facts[leaf.key], leaf.operand
    match leaf.op:
        case "eq":
            return value == operand
        case "ne":
            return value != operand
        case "gt":
            return value > operand
        case "gte":
            return value >= operand
        case "lt":
            return value < operand
        case "lte":
            return value <= operand
        case "one_of":
            return value in operand
        case "within":
            return operand[0] <= value <= operand[1]
    raise ValueError(f"unknown operator {leaf.op!r}")


def evaluate_node(node, facts: dict) -> Truth:
    """Kleene logic: a false part decides `all`, a true part decides `any`, otherwise missing stays missing."""
    if isinstance(node, Leaf):
        return test_leaf(node, facts)
    return any_of([evaluate_node(child, facts) for child in node.children])


def any_of(results: list[Truth]) -> Truth:
    """Kleene disjunction: a true part decides, otherwise a missing part leaves it missing."""
    if True in results:
        return True
    return None if None in results else False


def all_of(results: list[Truth]) -> Truth:
    """Kleene conjunction: a false part decides, otherwise a missing part leaves it missing."""
    if False in results:
        return False
    return None if None in results else True


def evaluate_all(nodes, facts: dict) -> Truth:
    """All of the nodes hold (True), one fails (False), or none fails but one is missing (None)."""
    return all_of([evaluate_node(node, facts) for node in nodes])


def applies_to(rule: CompiledRule, subject: dict) -> bool:
    """Whether a rule tests this kind of subject (enterprise or project)."""
    return rule.rule.subject == subject["subject"]


class ReferenceBackend:
    """Fires a rule for a subject when every condition is met, as durable-rules does."""

    name = "reference"

    def __init__(self, rules: list[CompiledRule]):
        self.rules = rules

    def fired(self, subjects: list[dict]) -> set[tuple[str, str]]:
        """The (rule id, subject key) pairs whose conditions all hold."""
        return {
            (rule.id, subject["subject_key"])
            for subject in subjects
            for rule in self.rules
            if applies_to(rule, subject) and evaluate_all(rule.conditions, subject) is True
        }


# Compiled tests: each condition tree made once into Python closures that give the same three-valued answers as
# `test_leaf`, `evaluate_node` and `evaluate_all` above (tests/test_compiled.py checks it for every rule), without
# walking the tree and matching the operator on every call. `any` stops at a true part and `all` at a false one,
# which changes nothing: every test is pure and the profile's values are typed, so no later part could raise.

_ABSENT = object()
Test = Callable[[dict], Truth]


def compile_leaf(leaf: Leaf) -> Test:
    """A leaf's test as a closure: None when the fact is absent, else the comparison `test_leaf` makes."""
    key, operand = leaf.key, leaf.operand
    match leaf.op:
        case "eq":
            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else value == operand
        case "ne":
            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else value != operand
        case "gt":
            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else value > operand
        case "gte":
            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else value >= operand
        case "lt":
            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else value < operand
        case "lte":
            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else value <= operand
        case "one_of":
            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else value in operand
        case "within":
            low, high = operand

            def test(facts: dict) -> Truth:
                value = facts.get(key, _ABSENT)
                return None if value is _ABSENT else low <= value <= high
        case _:
            raise ValueError(f"unknown operator {leaf.op!r}")
    return test


def compile_node(node) -> Test:
    """A condition (leaf or `any`) as a closure: Kleene disjunction over its compiled children."""
    if isinstance(node, Leaf):
        return compile_leaf(node)
    children = tuple(compile_node(child) for child in node.children)

    def any_holds(facts: dict) -> Truth:
        missing = False
        for child in children:
            truth = child(facts)
            if truth is True:
                return True
            if truth is None:
                missing = True
        return None if missing else False
    return any_holds


def compile_all(nodes) -> Test:
    """All of the nodes as one closure: Kleene conjunction, as `evaluate_all`."""
    tests = tuple(compile_node(node) for node in nodes)
    if len(tests) == 1:
        return tests[0]

    def all_hold(facts: dict) -> Truth:
        missing = False
        for test in tests:
            truth = test(facts)
            if truth is False:
                return False
            if truth is None:
                missing = True
        return None if missing else True
    return all_hold
