"""The plain-Python evaluator: three-valued (met, not met, missing) and the source of every trace."""
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
