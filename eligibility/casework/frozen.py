"""What an application keeps of a determination: the claimed rules' outcomes, compactly.

A whole EvaluationResult is about 60–280 KB of JSON (every rule of the city, with clause texts, notes and traces).
The desk needs, per claimed rule: status and reason, amount, award kind, the citation, the 口径 notes and the
per-condition trace (the claimed project's trace for project awards), and the re-evaluation diff needs status and
amount. That is all that is stored:

    {"format": 2,
     "rules": {rule_id: {title, status, status_label, reason, award_kind, support, amount_yuan,
                         potential_amount_yuan, one_off, earmark, responsible, citation, notes,
                         trace, or by_project: true}},
     "projects": {"rule_id@index": {project_name, status, amount_yuan, trace}}}

Empty and null members are left out (a trace item without a value has no "value" key).
"""
from ..result import STATUS_LABELS, EvaluationResult, RuleOutcome, TraceItem

FORMAT = 2
RULE_FIELDS = ("title", "status", "status_label", "reason", "award_kind", "support", "amount_yuan",
               "potential_amount_yuan", "one_off", "earmark", "responsible")


def _trace(items: list[TraceItem]) -> list[dict]:
    compact = []
    for item in items:
        entry = {"label": item.label, "outcome": item.outcome}
        if item.value is not None:
            entry["value"] = item.value
        if item.missing:
            entry["missing"] = item.missing
        if item.children:
            entry["children"] = _trace(item.children)
        compact.append(entry)
    return compact


def _rule(outcome: RuleOutcome) -> dict:
    rule = {name: getattr(outcome, name) for name in RULE_FIELDS if getattr(outcome, name) is not None}
    rule["citation"] = outcome.citation.model_dump(mode="json", exclude_none=True)
    if outcome.notes:
        rule["notes"] = [note.model_dump(mode="json") for note in outcome.notes]
    if outcome.projects:
        rule["by_project"] = True  # status, amount and trace are the claimed project's (in "projects")
    elif outcome.trace:
        rule["trace"] = _trace(outcome.trace)
    return rule


def project_key(rule_id: str, project_index: int) -> str:
    """The key of one project's outcome of a project rule."""
    return f"{rule_id}@{project_index}"


def freeze(result: EvaluationResult, claimed: list[tuple[str, int | None]]) -> dict:
    """The compact determination for the claimed (rule id, project index) pairs."""
    frozen: dict = {"format": FORMAT, "rules": {}, "projects": {}}
    for rule_id, project_index in claimed:
        outcome = result.outcome(rule_id)
        if outcome is None:
            continue  # a rule no longer in the rule book (a re-evaluation): the diff shows it as removed
        frozen["rules"].setdefault(rule_id, _rule(outcome))
        if project_index is not None:
            project = next((p for p in outcome.projects if p.project_index == project_index), None)
            if project is not None:
                entry = {"project_name": project.project_name, "status": project.status,
                         "trace": _trace(project.trace)}
                if project.amount_yuan is not None:
                    entry["amount_yuan"] = project.amount_yuan
                frozen["projects"][project_key(rule_id, project_index)] = entry
    return frozen


def outcome(frozen: dict, rule_id: str, project_index: int | None = None) -> dict | None:
    """A claim's frozen outcome: the rule's, with the project's status, amount and trace for a project award."""
    rule = frozen.get("rules", {}).get(rule_id)
    if rule is None:
        return None
    if project_index is None:
        return rule
    project = frozen.get("projects", {}).get(project_key(rule_id, project_index))
    if project is None:
        project = {"status": "not_eligible", "trace": []}
    missing = [item["missing"] for item in _walk(project["trace"]) if item.get("missing")]
    reason = {"eligible": "该项目符合全部条件", "undetermined": "尚缺信息:" + ";".join(missing)}.get(
        project["status"], "该项目不符合条件(见逐项条件)")
    return {**rule, "amount_yuan": None, **project, "status_label": STATUS_LABELS[project["status"]],
            "reason": reason}


def _walk(trace: list[dict]):
    for item in trace:
        yield item
        yield from _walk(item.get("children", []))


def states(frozen: dict) -> dict[str, tuple]:
    """(status, amount) of every stored rule and project outcome, keyed by rule id or rule id@project index."""
    found = {rule_id: (rule["status"], rule.get("amount_yuan"))
             for rule_id, rule in frozen.get("rules", {}).items() if not rule.get("by_project")}
    for key, project in frozen.get("projects", {}).items():
        found[key] = (project["status"], project.get("amount_yuan"))
    return found


def title_of(frozen: dict, key: str) -> str:
    """The title of a rule (or of a rule's project outcome) for the diff."""
    rule_id, _, index = key.partition("@")
    rule = frozen.get("rules", {}).get(rule_id, {})
    project = frozen.get("projects", {}).get(key, {})
    title = rule.get("title", rule_id)
    return f"{title}(项目:{project['project_name']})" if index and project.get("project_name") else title
