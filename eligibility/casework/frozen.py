"""What an application keeps of a determination: the claimed rules' outcomes, compactly.

A whole EvaluationResult is about 60–280 KB of JSON (every rule of the city, with clause texts, notes and traces).
The desk needs, per claimed rule: status and reason, amount, award kind, the citation, the 口径 notes and the
per-condition trace (the claimed item's trace for per-project and per-title awards), the documents' standing and
口径 once, and the re-evaluation diff needs status and amount. That is all that is stored:

    {"format": 2,
     "rules": {rule_id: {title, status, status_label, reason, award_kind, support, amount_yuan,
                         potential_amount_yuan, one_off, earmark, responsible, citation, notes,
                         trace, or by_item: true}},
     "items": {"rule_id@index": {subject, name, status, amount_yuan, trace}},
     "documents": {document_id: {phase, summary, application_note, notes}}}

Empty and null members are left out (a trace item without a value has no "value" key).
"""
from ..result import STATUS_LABELS, EvaluationResult, RuleOutcome, TraceItem

FORMAT = 2
RULE_FIELDS = ("title", "status", "status_label", "reason", "award_kind", "support", "amount_yuan",
               "potential_amount_yuan", "one_off", "earmark", "responsible")
ITEM_WORDS = {"project": "项目", "title": "称号"}


def _trace(items: list[TraceItem]) -> list[dict]:
    compact = []
    for item in items:
        entry: dict = {"label": item.label, "outcome": item.outcome}
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
    if outcome.subjects:
        rule["by_item"] = True  # status, amount and trace are the claimed item's (in "items")
    elif outcome.trace:
        rule["trace"] = _trace(outcome.trace)
    return rule


def item_key(rule_id: str, index: int) -> str:
    """The key of one item's outcome of a per-project or per-title rule."""
    return f"{rule_id}@{index}"


def freeze(result: EvaluationResult, claimed: list[tuple[str, int | None]]) -> dict:
    """The compact determination for the claimed (rule id, item index) pairs."""
    frozen: dict = {"format": FORMAT, "rules": {}, "items": {}, "documents": {}}
    documents = {doc.document_id: doc for doc in result.documents}
    for rule_id, index in claimed:
        outcome = result.outcome(rule_id)
        if outcome is None:
            continue  # a rule no longer in the rule book (a re-evaluation): the diff shows it as removed
        frozen["rules"].setdefault(rule_id, _rule(outcome))
        doc = documents.get(outcome.citation.document_id)
        if doc is not None and doc.document_id not in frozen["documents"]:
            frozen["documents"][doc.document_id] = {
                "phase": doc.phase, "summary": doc.summary, "application_note": doc.application_note,
                "notes": [note.model_dump(mode="json") for note in doc.notes]}
        if index is not None:
            item = next((i for i in outcome.subjects if i.index == index), None)
            if item is not None:
                entry: dict = {"subject": item.subject, "name": item.name, "status": item.status,
                         "trace": _trace(item.trace)}
                if item.amount_yuan is not None:
                    entry["amount_yuan"] = item.amount_yuan
                frozen["items"][item_key(rule_id, index)] = entry
    return frozen


def _items(frozen: dict) -> dict:
    # Applications compacted by migration 0002 before titles were items call them "projects".
    return frozen.get("items") or frozen.get("projects") or {}


def outcome(frozen: dict, rule_id: str, index: int | None = None) -> dict | None:
    """A claim's frozen outcome: the rule's, with the item's status, amount and trace for a per-item award."""
    rule = frozen.get("rules", {}).get(rule_id)
    if rule is None:
        return None
    if index is None:
        return rule
    item = _items(frozen).get(item_key(rule_id, index))
    if item is None:
        item = {"status": "not_eligible", "trace": []}
    word = ITEM_WORDS.get(item.get("subject", "project"), "项目")
    missing = [step["missing"] for step in _walk(item["trace"]) if step.get("missing")]
    reason = {"eligible": f"该{word}符合全部条件", "may_apply": f"该{word}符合条文所列条件,可以申报,由主管部门评审决定",
              "undetermined": "尚缺信息:" + ";".join(missing)}.get(
        item["status"], f"该{word}不符合条件(见逐项条件)")
    return {**rule, "amount_yuan": None, **item, "status_label": STATUS_LABELS[item["status"]], "reason": reason}


def _walk(trace: list[dict]):
    for item in trace:
        yield item
        yield from _walk(item.get("children", []))


def documents(frozen: dict) -> dict[str, dict]:
    """The standing and 口径 of the claimed rules' documents when the determination was made."""
    return frozen.get("documents", {})


def states(frozen: dict) -> dict[str, tuple]:
    """(status, amount) of every stored rule and item outcome, keyed by rule id or rule id@item index."""
    found = {rule_id: (rule["status"], rule.get("amount_yuan"))
             for rule_id, rule in frozen.get("rules", {}).items()
             if not (rule.get("by_item") or rule.get("by_project"))}
    for key, item in _items(frozen).items():
        found[key] = (item["status"], item.get("amount_yuan"))
    return found


def title_of(frozen: dict, key: str) -> str:
    """The title of a rule (or of a rule's item outcome) for the diff."""
    rule_id, _, index = key.partition("@")
    rule = frozen.get("rules", {}).get(rule_id, {})
    item = _items(frozen).get(key, {})
    title = rule.get("title", rule_id)
    name = item.get("name") or item.get("project_name")
    word = ITEM_WORDS.get(item.get("subject", "project"), "项目")
    return f"{title}({word}:{name})" if index and name else title
