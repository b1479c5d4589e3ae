"""durable-rules as the evaluator, wrapped so each evaluation is isolated and safe under threads.

The hazards this wrapper answers (see tests/test_durable_backend.py, which reproduces each):
- the Host's background dispatch timers race with callers and segfault: no timers, one lock;
- a first message that matches nothing makes delete_state segfault: a catch-all rule matches every subject;
- the state document re-asserted after each action can re-fire a rule forever: every rule tests `subject`;
- 1024 live sessions per ruleset, then MemoryError: every evaluation deletes its session;
- exceptions in actions are swallowed into the state: they are raised here.

Each evaluation drives the engine's C core itself, with the calls durable.engine's Host makes and in the same order
(assert the facts, then per matched rule: read its message, update the state, complete and start the next), but
without the Host's per-action closures, state re-parsing, leases and timers, which took half of durable-rules'
time here. durable-rules is pinned (2.0.28; upstream's last commit is from 2020), so this interface stays put.
"""
import itertools
import json
import threading
import uuid

import durable.engine
import durable_rules_engine
import orjson

from .compiler import AnyOf, CompiledRule

CATCH_ALL = "zz_every_subject"


class DurableEngineError(RuntimeError):
    """durable-rules reported a failure while evaluating."""


class _Host(durable.engine.Host):
    def _run(self):
        """Start no background dispatch timers: they only serve timers and queues, which rules here never use."""


_HOST = None
_LOCK = threading.Lock()
_NAMES = itertools.count()


def _host() -> _Host:
    global _HOST
    if _HOST is None:
        _HOST = _Host()
    return _HOST


def field(key: str) -> str:
    """A fact key as a durable-rules field: dots would be read as nested paths, so only word characters remain."""
    return key.replace(".", "__").replace("@", "__at_").replace("-", "_to_")


def expression(node) -> dict:
    """A condition tree as a durable-rules expression."""
    if isinstance(node, AnyOf):
        return {"$or": [expression(child) for child in node.children]}
    name, operand = field(node.key), node.operand
    match node.op:
        case "eq":
            return {name: operand}
        case "ne":
            return {"$neq": {name: operand}}
        case "gt" | "gte" | "lt" | "lte":
            return {f"${node.op}": {name: operand}}
        case "one_of":
            return {"$or": [{name: value} for value in operand]}
        case "within":
            return {"$and": [{"$gte": {name: operand[0]}}, {"$lte": {name: operand[1]}}]}
    raise ValueError(f"unknown operator {node.op!r}")


def tested_keys(nodes) -> set[str]:
    """The fact keys a condition tree tests."""
    keys: set[str] = set()
    for node in nodes:
        keys |= tested_keys(node.children) if isinstance(node, AnyOf) else {node.key}
    return keys


def rule_expression(rule: CompiledRule) -> dict:
    """A rule as one durable-rules expression, guarded by the subject it tests."""
    return {"$and": [{"subject": rule.rule.subject}, *(expression(node) for node in rule.conditions)]}


class DurableBackend:
    """Compiles the rules into one durable-rules ruleset and reports which fire for given subjects."""

    name = "durable-rules"

    def __init__(self, rules: list[CompiledRule]):
        self.ruleset = f"eligibility_{next(_NAMES)}"
        self._fired: dict[str, set] = {}
        # Only the facts some rule tests are sent: the engine encodes, parses and hands back every field of every
        # matched fact, and a subject carries ~100 facts of which a city's rules test 20 to 60.
        keys = {"subject", "subject_key"}.union(*(tested_keys(rule.conditions) for rule in rules))
        self._fields = tuple((key, field(key)) for key in sorted(keys))
        # Actions are run by `_run_actions` below, not by the Host; each rule still needs one to be defined.
        definition = {rule.id: {"all": [{"m": rule_expression(rule)}], "run": _unused} for rule in rules}
        definition[CATCH_ALL] = {"all": [{"m": {"$ex": {"subject": 1}}}], "run": _unused}
        with _LOCK:
            _host().set_rulesets({self.ruleset: definition})
            self._handle = _host().get_ruleset(self.ruleset)._handle

    def fired(self, subjects: list[dict]) -> set[tuple[str, str]]:
        """The (rule id, subject key) pairs durable-rules fires for these subjects, in a session of their own."""
        sid = uuid.uuid4().hex
        facts = [{name: subject[key] for key, name in self._fields if key in subject} | {"sid": sid}
                 for subject in subjects]
        # orjson: the same JSON as json.dumps(ensure_ascii=False) for these ints, bools and strings, and the matched
        # messages below parsed in a fraction of json.loads' time (a third of this backend's Python time before).
        try:
            payload = orjson.dumps(facts).decode()
        except orjson.JSONEncodeError:  # an integer beyond 64 bits (the profile's bounds make it unlikely)
            payload = json.dumps(facts, ensure_ascii=False)
        with _LOCK:
            self._fired[sid] = set()
            try:
                self._run_actions(sid, durable_rules_engine.assert_facts(self._handle, payload))
            finally:
                durable_rules_engine.delete_state(self._handle, sid)
                fired = self._fired.pop(sid)
        return fired

    def _run_actions(self, sid: str, asserted: tuple) -> None:
        """Record each rule the asserted facts matched, one action at a time, as the Host would run them."""
        if asserted[0] != 0:  # 1: nothing matched (the catch-all rule prevents it); 2, 3: queued, never here
            raise DurableEngineError(f"durable-rules answered {asserted[0]} to the facts")
        state_handle = asserted[1]
        started = durable_rules_engine.start_action_for_state(self._handle, state_handle)
        if not started:
            return
        state, message = started[0], started[1]
        while message:
            rule_id, matched = next(iter(orjson.loads(message).items()))
            if rule_id != CATCH_ALL:
                try:
                    self._fired[sid].add((rule_id, matched["m"]["subject_key"]))
                except Exception as exc:  # raised, never swallowed into the state as the Host would
                    durable_rules_engine.abandon_action(self._handle, state_handle)
                    raise DurableEngineError(f"action of {rule_id} failed: {exc}") from exc
            durable_rules_engine.update_state(self._handle, state)
            message = durable_rules_engine.complete_and_start_action(self._handle, state_handle)


def _unused(c) -> None:
    """The action registered with each rule: the backend runs its actions itself (see DurableBackend._run_actions)."""
