"""Every rule id has a Gherkin scenario that fires it and one that does not."""
import re
from pathlib import Path

from eligibility.result import STATUS_LABELS

FEATURES = Path(__file__).resolve().parent.parent / "features"
RESULT_STEP = re.compile(r"规则“(?P<rule>[^”]+)”的结果为“(?P<label>[^”]+)”")



def fired_label(rule) -> str:
    """What a scenario expects when the rule fires: 符合, or 可申报·需评审 for measures the bureau selects."""
    return STATUS_LABELS["may_apply" if rule.selection else "eligible"]


def _blocks(text: str):
    """Scenario blocks: (step lines, examples rows as dicts)."""
    for block in re.split(r"\n\s*场景(?:大纲)?[::]", text)[1:]:
        lines = [line.strip() for line in block.splitlines()]
        table = [line for line in lines if line.startswith("|")]
        rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table]
        examples = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]] if rows else [{}]
        yield lines, examples


def _expand(value: str, row: dict) -> str:
    return re.sub(r"<([^>]+)>", lambda m: row.get(m.group(1), m.group(0)), value)


def outcomes_in_features() -> dict[str, set[str]]:
    """Rule id → every result label some scenario expects for it."""
    seen: dict[str, set[str]] = {}
    for path in FEATURES.glob("*.feature"):
        for lines, examples in _blocks(path.read_text(encoding="utf-8")):
            for line in lines:
                match = RESULT_STEP.search(line)
                if not match:
                    continue
                for row in examples:
                    seen.setdefault(_expand(match["rule"], row), set()).add(_expand(match["label"], row))
    return seen


def test_every_rule_fires_and_does_not_fire_in_some_scenario(engine):
    seen = outcomes_in_features()
    lacking = []
    for rule in engine.rulebook.rules:
        labels, fired = seen.get(rule.id, set()), fired_label(rule)
        if fired not in labels:
            lacking.append(f"{rule.id}: no scenario where it fires ({fired})")
        if not labels - {fired}:
            lacking.append(f"{rule.id}: no scenario where it does not fire")
    assert not lacking, "\n".join(lacking)


def test_scenarios_name_only_existing_rules(engine):
    unknown = set(outcomes_in_features()) - set(engine.rulebook.by_id)
    assert not unknown
