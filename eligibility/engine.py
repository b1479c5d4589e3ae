"""The one interface to evaluation: profile and as-of date in, EvaluationResult out."""
import itertools
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol

from . import clock
from .compiler import AnyOf, CompiledRule, Leaf, compile_rulebook, show_value
from .facts import FACTS, QUESTIONS, Facts, Needs, Subject, derive, sales_peak, title_name
from .money import format_in_unit_of, format_yuan
from .profile import Profile
from .reference import ReferenceBackend, Test, all_of, compile_all, compile_node, evaluate_node, test_leaf
from .result import (
    CLAIMABLE,
    STATUS_LABELS,
    Citation,
    Dated,
    DocumentContext,
    EvaluationDefaultView,
    EvaluationFullView,
    EvaluationResult,
    EvaluationSummaryView,
    EvidenceItem,
    NearMiss,
    Note,
    OutcomeInBrief,
    OutcomeInFull,
    OutcomeSummary,
    RelatedInBrief,
    RuleOutcome,
    SubjectOutcome,
    TraceItem,
    full_view,
    trusted,
)
from .rulebook import Document, Period, Rulebook, load_rulebook
from .vocabulary import city_of, division_name

# Installed from the wheel the rules ship inside the package (eligibility/rules); in a checkout, at its root.
_PACKAGED_RULES = Path(__file__).resolve().parent / "rules"
RULES_DIR = _PACKAGED_RULES if _PACKAGED_RULES.is_dir() else Path(__file__).resolve().parent.parent / "rules"
# A failed threshold within this share of it is reported as a near miss (a product choice, not a legal value).
NEAR_MISS_SHARE = Decimal("0.2")
SUBJECT_QUESTIONS = {"project": "projects", "title": "recognitions"}
NO_ITEM = {"project": "有符合条件的项目", "title": "有符合条件的新获得称号"}
# What kind of item a per-item rule is about: an item failing these is simply of another kind.
KIND_FACTS = {"project.kind", "title.kind", "title.level"}


class Backend(Protocol):
    """An evaluator: which (rule id, subject key) pairs fire for the given subjects."""

    name: str

    def fired(self, subjects: list[dict]) -> set[tuple[str, str]]: ...


class EngineDisagreement(RuntimeError):
    """The backend and the reference evaluator disagree: a bug, never to be papered over."""


BACKEND_NAMES = {"durable": "durable-rules", "reference": "reference"}


def make_backend(kind: str, rules: list[CompiledRule]) -> Backend:
    """The backend named: 'durable' (durable-rules) or 'reference' (plain Python)."""
    if kind == "durable":
        from .durable_backend import DurableBackend
        return DurableBackend(rules)
    if kind == "reference":
        return ReferenceBackend(rules)
    raise ValueError(f"unknown backend {kind!r}")


def needs_of(rules: list[CompiledRule]) -> Needs:
    """What these rules ask of a profile: sales thresholds (with the earliest year counted), windows, subjects."""
    thresholds: dict[int, int] = {}
    for rule in rules:
        for threshold in rule.thresholds_yuan:
            year = rule.period.from_.year
            thresholds[threshold] = min(year, thresholds.get(threshold, year))
    return Needs(thresholds, frozenset(w for rule in rules for w in rule.windows),
                 frozenset({"enterprise", *(rule.rule.subject for rule in rules)}))


OUTCOMES = {True: "met", False: "not_met", None: "missing"}
TRUTHS = {outcome: truth for truth, outcome in OUTCOMES.items()}


def _truth_outcome(truth) -> str:
    return OUTCOMES[truth]


def award_amount(rule: CompiledRule, subject: dict) -> int | None:
    """The amount a rule awards a subject that meets it: fixed, or a ratio of a base fact (half up, capped)."""
    award = rule.rule.award
    if award.kind == "fixed":
        return award.amount_yuan
    if award.kind == "non_quantified":
        return None
    # The rulebook requires a base fact and a ratio of every ratio and match award.
    base, ratio = Decimal(subject[award.base_fact]), award.ratio or Decimal(0)
    amount = int((base * ratio).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return min(amount, award.cap_yuan) if award.cap_yuan is not None else amount


def trace_item(label: str, outcome: str, fact: str | None = None, value: str | None = None,
               missing: str | None = None, children: list | None = None) -> TraceItem:
    """A trace step made by the engine (trusted: not validated again)."""
    return trusted(TraceItem, {"label": label, "outcome": outcome, "fact": fact, "value": value, "missing": missing,
                               "children": children if children is not None else []})


class _Plan(NamedTuple):
    """What Engine.view needs of a rule, looked up once: its compiled tests and the fields it repeats."""

    rule: CompiledRule
    id: str
    title: str
    kind: Subject
    explicit: bool
    clause_path: str
    jurisdiction: int  # index of its jurisdiction test among its city's
    test: Test  # all conditions, compiled
    node_tests: tuple  # each top-level condition, compiled


def _plans(rules: list[CompiledRule]) -> tuple[tuple[Test, ...], tuple[_Plan, ...]]:
    """A city's distinct jurisdiction tests (each made once per evaluation) and its rules' plans, in rule order."""
    leaves: dict = {}
    plans = []
    for rule in rules:
        where = leaves.setdefault(rule.conditions[0], len(leaves))
        plans.append(_Plan(rule, rule.id, rule.rule.title, rule.rule.subject, rule.rule.strength == "explicit",
                           rule.rule.clause.path, where, compile_all(rule.conditions),
                           tuple(compile_node(node) for node in rule.conditions)))
    return tuple(compile_node(leaf) for leaf in leaves), tuple(plans)


class _Judged(NamedTuple):
    """One subject as the reference judges a rule for it: all conditions met (True), one failed, or missing (None)."""

    subject: dict
    truth: bool | None
    trace: list[TraceItem]


class _Tracer:
    """Judges the rules of one evaluation with the reference evaluator, each condition once per subject.

    Rules share conditions (the jurisdiction test, the industry lists), so each condition's trace step is made once
    per subject and shared within the result.
    """

    def __init__(self, facts: Facts):
        self.facts = facts
        # Per subject key: condition id → (trace step, truth).
        self.steps: dict[str, dict[int, tuple[TraceItem, bool | None]]] = {}

    def judge(self, rule: CompiledRule) -> list[_Judged] | None:
        """The rule judged for every subject it is about; None when the profile does not report them at all."""
        kind = rule.rule.subject
        if kind == "enterprise":
            subjects = [self.facts.enterprise]
        elif not self.facts.known(kind):
            return None
        else:
            subjects = self.facts.of_kind(kind)
        judged = []
        for subject in subjects:
            steps = [self.judged_node(node, subject) for node in rule.conditions]
            judged.append(_Judged(subject, all_of([truth for _, truth in steps]), [step for step, _ in steps]))
        return judged

    def node(self, node, subject: dict) -> TraceItem:
        """One condition's trace step for a subject."""
        return self.judged_node(node, subject)[0]

    def judged_node(self, node, subject: dict) -> tuple[TraceItem, bool | None]:
        """One condition's trace step and truth for a subject (equal conditions are one object, see
        _sharing_conditions, so rules sharing one share its step)."""
        memo = self.steps.get(subject["subject_key"])
        if memo is None:
            memo = self.steps[subject["subject_key"]] = {}
        found = memo.get(id(node))
        if found is None:
            step = self._step(node, subject)
            found = memo[id(node)] = (step, TRUTHS[step.outcome])
        return found

    def _step(self, node, subject: dict) -> TraceItem:
        if isinstance(node, AnyOf):
            children = [self.node(child, subject) for child in node.children]
            return trace_item(node.label, OUTCOMES[evaluate_node(node, subject)], children=children)
        truth = test_leaf(node, subject)
        value = subject.get(node.key)
        missing = None
        if truth is None:
            missing = self.facts.missing_why.get(node.key) or f"请填报:{QUESTIONS[FACTS[node.fact].question]}"
        shown = None if value is None else _shown(node.fact, value)
        note = self.facts.value_notes.get(node.key)
        if shown is not None and note:
            shown = f"{shown}({note})"
        return trace_item(node.label, OUTCOMES[truth], fact=node.key, value=shown, missing=missing)


@lru_cache(maxsize=8192, typed=True)
def _shown(fact: str, value) -> str:
    """A fact's value as shown in traces; the same few values recur in every evaluation."""
    return show_value(fact, value)


class Engine:
    """Evaluates profiles against a rulebook: the backend's decision and the reference's judgement must agree."""

    def __init__(self, rulebook: Rulebook, backend: str = "durable", cross_check_every: int = 1):
        if backend not in BACKEND_NAMES:
            raise ValueError(f"unknown backend {backend!r}")
        if cross_check_every < 1:
            raise ValueError("cross_check_every counts evaluations: 1 (every one) or more")
        # durable-rules decides 1 evaluation in `cross_check_every` (every one by default), the reference's
        # judgement, which every result is made of, the others; see _decide and bench/bench_api.py.
        self.cross_check_every = cross_check_every
        self._calls = itertools.count()
        self.rulebook = rulebook
        self.rules = _sharing_conditions(compile_rulebook(rulebook))
        # Every rule starts with its jurisdiction test, so a profile can only fire rules of its own city:
        # one ruleset per city keeps each evaluation to the rules that can apply.
        by_city: dict[str, list[CompiledRule]] = {}
        for rule in self.rules:
            by_city.setdefault(city_of(rule.document.jurisdiction.division_code), []).append(rule)
        self.by_city = by_city
        self.needs = {city: needs_of(rules) for city, rules in by_city.items()}
        self.backends = {city: make_backend(backend, rules) for city, rules in by_city.items()}
        self.references = {city: ReferenceBackend(rules) for city, rules in by_city.items()}
        self.backend_name = BACKEND_NAMES[backend]
        self.compiled = {rule.id: rule for rule in self.rules}
        # Each rule's conditions compiled once into closures (reference.compile_all): what the views decide with.
        self.tests: dict[str, Test] = {rule.id: compile_all(rule.conditions) for rule in self.rules}
        self._plans = {city: _plans(rules) for city, rules in by_city.items()}
        # What a result repeats for a rule or a document whatever the profile: built once, shared by every result
        # (and serialised once by the API: see web/result_json.py).
        self.static_parts = {rule.id: _static_parts(rule) for rule in self.rules}
        self._doc_notes = {doc.id: [Note(**n.model_dump()) for n in doc.notes] for doc in rulebook.documents.values()}

    @classmethod
    def from_folder(cls, folder: Path = RULES_DIR, backend: str = "durable", cross_check_every: int = 1) -> "Engine":
        """Load, validate and compile the rule files of a folder."""
        return cls(load_rulebook(folder), backend, cross_check_every)

    def facts(self, profile: Profile, as_of: date) -> Facts:
        """The facts the rules of the profile's city see."""
        return derive(profile, as_of, self.needs.get(city_of(profile.division_code), Needs()))

    def match(self, facts: Facts) -> set[tuple[str, str]]:
        """The (rule id, subject key) pairs the backend fires, cross-checked against the reference."""
        city = facts.enterprise["city_code"]
        if city not in self.backends:
            return set()
        subjects = facts.subjects()
        fired = self.backends[city].fired(subjects)
        expected = self.references[city].fired(subjects)
        if fired != expected:
            raise EngineDisagreement(f"{self.backend_name} fired {sorted(fired ^ expected)} differently")
        return fired

    def evaluate(self, profile: Profile, as_of: date | None = None) -> EvaluationResult:
        """Evaluate every rule of the profile's jurisdiction as of a date (default: the bureau's today)."""
        as_of = as_of or clock.today()
        facts = self.facts(profile, as_of)
        city = facts.enterprise["city_code"]
        candidates = self.by_city.get(city, [])
        tracer = _Tracer(facts)
        # The jurisdiction test comes first in every rule: rules of another county are not listed.
        applicable = [rule for rule in candidates if test_leaf(rule.conditions[0], facts.enterprise) is True]
        judged = {rule.id: tracer.judge(rule) for rule in applicable}
        fired, decided_by = self._decide(city, facts, {
            (rule_id, item.subject["subject_key"]) for rule_id, items in judged.items()
            for item in items or () if item.truth is True})
        outcomes: list[RuleOutcome] = []
        related: list[RuleOutcome] = []
        documents: dict[str, Document] = {}
        for rule in applicable:
            documents.setdefault(rule.document.id, rule.document)
            listing = outcomes if rule.rule.strength == "explicit" else related
            listing.append(self._outcome(rule, judged[rule.id], tracer, fired, as_of, profile))
        total: int = sum(o.amount_yuan or 0 for o in outcomes if o.status == "eligible")
        counts = {status: sum(o.status == status for o in outcomes) for status in STATUS_LABELS}
        return trusted(EvaluationResult, {
            "as_of": as_of, "ruleset_version": self.rulebook.version, "engine": decided_by,
            "enterprise_name": profile.name, "credit_code": profile.credit_code,
            "registered_in": division_name(profile.division_code), "total_yuan": total,
            "total_text": format_yuan(total), "counts": counts,
            "documents": [document_context(doc, as_of, self._doc_notes[doc.id]) for doc in documents.values()],
            "outcomes": outcomes, "related_support": related,
            "near_misses": [m for o in outcomes for m in self._near_misses(self.compiled[o.rule_id], o.status, facts,
                                                                             profile, as_of)],
            "other_jurisdiction_rules": len(self.rules) - len(applicable),
        })

    def view(self, profile: Profile, as_of: date | None = None,
             view: str = "default") -> EvaluationDefaultView | EvaluationSummaryView | EvaluationFullView:
        """One view of the result (see result.VIEWS), made with only the detail the view shows.

        Equal, byte for byte once serialised, to the view derived from `evaluate`'s full result (tests/
        test_result_views.py checks it for generated profiles of every city): statuses come from the compiled
        tests; traces, citations and evidence are made only for the outcomes the view shows in full (the default
        view's eligible, may_apply and undetermined ones), and for the rest only the step their reason names.
        """
        if view == "full":
            return full_view(self.evaluate(profile, as_of))
        if view not in ("default", "summary"):
            raise ValueError(f"unknown view {view!r}")
        as_of = as_of or clock.today()
        facts = self.facts(profile, as_of)
        enterprise = facts.enterprise
        city = enterprise["city_code"]
        jurisdictions, plans = self._plans.get(city, ((), ()))
        passed = [test(enterprise) is True for test in jurisdictions]
        applicable = [plan for plan in plans if passed[plan.jurisdiction]]
        truths: list[list[tuple[dict, bool | None]] | None] = []
        expected: set[tuple[str, str]] = set()
        for plan in applicable:
            if plan.kind == "enterprise":
                truth = plan.test(enterprise)
                truths.append([(enterprise, truth)])
                if truth is True:
                    expected.add((plan.id, enterprise["subject_key"]))
            elif facts.known(plan.kind):
                test = plan.test
                items = [(subject, test(subject)) for subject in facts.of_kind(plan.kind)]
                truths.append(items)
                expected.update((plan.id, subject["subject_key"]) for subject, truth in items if truth is True)
            else:
                truths.append(None)
        fired, decided_by = self._decide(city, facts, expected)
        in_force = {document.id: document.in_force.contains(as_of)
                    for document in {plan.rule.document.id: plan.rule.document for plan in applicable}.values()}
        decided = [self._status(plan.rule, items, fired) if in_force[plan.rule.document.id] else ("not_in_force", None)
                   for plan, items in zip(applicable, truths, strict=True)]
        explicit = [(plan, found) for plan, found in zip(applicable, decided, strict=True) if plan.explicit]
        related = [(plan, found) for plan, found in zip(applicable, decided, strict=True) if not plan.explicit]
        total: int = sum(amount or 0 for _, (status, amount) in explicit if status == "eligible")
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for _, (status, _amount) in explicit:
            counts[status] += 1
        if view == "summary":
            return trusted(EvaluationSummaryView, {
                "view": "summary", "as_of": as_of, "ruleset_version": self.rulebook.version,
                "credit_code": profile.credit_code, "total_yuan": total, "counts": counts,
                "outcomes": [trusted(OutcomeSummary, {"rule_id": plan.id, "status": status, "amount_yuan": amount,
                                                      "clause_path": plan.clause_path})
                             for plan, (status, amount) in explicit],
                "related_support": [trusted(OutcomeSummary, {"rule_id": plan.id, "status": status,
                                                             "amount_yuan": amount, "clause_path": plan.clause_path})
                                    for plan, (status, amount) in related]})
        tracer = _Tracer(facts)
        outcomes: list[OutcomeInFull | OutcomeInBrief] = []
        near_misses: list[NearMiss] = []
        for plan, (status, _amount) in explicit:
            rule = plan.rule
            if status in CLAIMABLE:
                full = self._outcome(rule, tracer.judge(rule), tracer, fired, as_of, profile)
                outcomes.append(trusted(OutcomeInFull, full.__dict__))
                continue
            trace: list[TraceItem] = []
            if status == "not_eligible":
                near_misses += self._near_misses(rule, status, facts, profile, as_of)
                if plan.kind == "enterprise":
                    # The reason names the first condition not met: only its step is made.
                    failed = next(node for node, test in zip(rule.conditions, plan.node_tests, strict=True)
                                  if test(enterprise) is False)
                    trace = [tracer.node(failed, enterprise)]
                else:
                    trace = self._judgement(rule, tracer.judge(rule), tracer, fired, as_of, profile)[2]
            outcomes.append(trusted(OutcomeInBrief, {
                "rule_id": plan.id, "title": plan.title, "status": status, "status_label": STATUS_LABELS[status],
                "reason": _reason(rule, status, trace, [], rule.document, as_of)}))
        documents: dict[str, Document] = {}
        for plan in applicable:
            documents.setdefault(plan.rule.document.id, plan.rule.document)
        return trusted(EvaluationDefaultView, {
            "view": "default", "as_of": as_of, "ruleset_version": self.rulebook.version, "engine": decided_by,
            "enterprise_name": profile.name, "credit_code": profile.credit_code,
            "registered_in": division_name(profile.division_code), "total_yuan": total,
            "total_text": format_yuan(total), "counts": counts,
            "documents": [document_context(doc, as_of, self._doc_notes[doc.id]) for doc in documents.values()],
            "outcomes": outcomes,
            "related_support": [trusted(RelatedInBrief, {"rule_id": plan.id, "title": plan.title, "status": status,
                                                         "status_label": STATUS_LABELS[status]})
                                for plan, (status, _amount) in related],
            "near_misses": near_misses,
            "other_jurisdiction_rules": len(self.rules) - len(applicable),
        })

    def _status(self, rule: CompiledRule, items: list[tuple[dict, bool | None]] | None,
                fired: set) -> tuple[str, int | None]:
        """A rule's status and amount (its document in force) from its subjects' truths, as `_judgement` decides
        them from traces."""
        if items is None:
            return "undetermined", None
        if rule.rule.subject == "enterprise":
            [(subject, truth)] = items
            return self._decided_truth(rule, subject, truth, fired)
        decided = [self._decided_truth(rule, subject, truth, fired) for subject, truth in items]
        for status in ("eligible", "may_apply", "undetermined"):
            chosen = [amount for found, amount in decided if found == status]
            if chosen:
                if status == "eligible" and rule.rule.award.kind != "non_quantified":
                    return status, sum(amount or 0 for amount in chosen)
                return status, None
        return "not_eligible", None

    def _decide(self, city: str, facts: Facts, expected: set[tuple[str, str]]) -> tuple[set[tuple[str, str]], str]:
        """The (rule id, subject key) pairs that fire, and the evaluator that decided them.

        The backend decides and the reference's judgement (`expected`: the pairs whose conditions all hold) must
        agree. That judgement is what the traces, reasons and statuses are made of, so checking against it costs a
        set comparison, not a second evaluation. With `cross_check_every` above 1, the backend runs on that share of
        evaluations only and the reference decides the others.
        """
        reference = BACKEND_NAMES["reference"]
        if self.backend_name == reference or city not in self.backends:
            return expected, self.backend_name
        if self.cross_check_every > 1 and next(self._calls) % self.cross_check_every:
            return expected, reference
        fired = self.backends[city].fired(facts.subjects())
        if fired != expected:
            raise EngineDisagreement(f"{self.backend_name} fired {sorted(fired ^ expected)} differently")
        return fired, self.backend_name

    def _amount(self, rule: CompiledRule, subject: dict) -> int | None:
        return award_amount(rule, subject)

    def _decided(self, rule: CompiledRule, item: "_Judged", fired: set) -> tuple[str, int | None]:
        """A status and amount for one subject: fired rules are due, or open to selection when the bureau selects."""
        return self._decided_truth(rule, item.subject, item.truth, fired)

    @staticmethod
    def _decided_truth(rule: CompiledRule, subject: dict, truth: bool | None, fired: set) -> tuple[str, int | None]:
        if (rule.id, subject["subject_key"]) not in fired:
            return ("undetermined" if truth is None else "not_eligible"), None
        if rule.rule.selection:
            return "may_apply", None
        return "eligible", award_amount(rule, subject)

    def _outcome(self, rule: CompiledRule, judged, tracer: "_Tracer", fired: set, as_of: date,
                 profile: Profile) -> RuleOutcome:
        status, amount, trace, subjects = self._judgement(rule, judged, tracer, fired, as_of, profile)
        return self._build(rule, status, amount, trace, subjects, as_of)

    def _judgement(self, rule: CompiledRule, judged, tracer: "_Tracer", fired: set, as_of: date,
                   profile: Profile) -> tuple[str, int | None, list[TraceItem], list[SubjectOutcome]]:
        """A rule's status, amount, trace and per-item outcomes, from the reference's judgement of it."""
        if rule.rule.subject == "enterprise":
            [item] = judged
            status, amount = self._decided(rule, item, fired)
            trace, subjects = item.trace, []
        else:
            status, amount, trace, subjects = self._per_item(rule, judged, tracer, fired, profile)
        if not rule.document.in_force.contains(as_of):
            status, amount = "not_in_force", None
        return status, amount, trace, subjects

    def _per_item(self, rule: CompiledRule, judged, tracer: "_Tracer", fired: set, profile: Profile):
        """A rule awarded per project or per title: each one decided, the rule taking the best of them."""
        kind = rule.rule.subject
        jurisdiction = tracer.node(rule.conditions[0], tracer.facts.enterprise)
        if judged is None:
            question = SUBJECT_QUESTIONS[kind]
            missing = trace_item(QUESTIONS[question], "missing", missing=f"请填报:{QUESTIONS[question]}")
            return "undetermined", None, [jurisdiction, missing], []
        items = []
        for item in judged:
            status, amount = self._decided(rule, item, fired)
            index = int(item.subject["subject_key"].split("[")[1].rstrip("]"))
            name = (profile.projects or [])[index].name if kind == "project" else title_name(profile, index)
            items.append(trusted(SubjectOutcome, {"subject": kind, "index": index, "name": name, "status": status,
                                                  "amount_yuan": amount, "trace": item.trace}))
        for status in ("eligible", "may_apply", "undetermined"):
            chosen = [item for item in items if item.status == status]
            if chosen:
                amount = None
                if status == "eligible" and rule.rule.award.kind != "non_quantified":
                    amount = sum(item.amount_yuan or 0 for item in chosen)
                return status, amount, chosen[0].trace, items
        # Items of another kind (a smart factory for a champion-product rule) say nothing: report there are none.
        relevant = [item for item in items if all(
            step.outcome == "met" for step in item.trace if step.fact in KIND_FACTS)]
        if not relevant:
            kinds = [step.label for step in (items[0].trace if items else []) if step.fact in KIND_FACTS]
            none = trace_item("、".join(kinds) or NO_ITEM[kind], "not_met", value="无")
            return "not_eligible", None, [jurisdiction, none], items
        # The reason shown is that of the relevant item that came closest: the fewest conditions not met.
        closest = min(relevant, key=lambda item: sum(step.outcome == "not_met" for step in item.trace))
        return "not_eligible", None, closest.trace, items

    def _build(self, rule: CompiledRule, status: str, amount, trace, subjects, as_of: date) -> RuleOutcome:
        r = rule.rule
        missing = _missing(trace)
        values = self.static_parts[r.id]["outcome"].copy()  # the rule's own fields, in field order
        values.update(
            status=status, status_label=STATUS_LABELS[status],
            reason=_reason(rule, status, trace, missing, rule.document, as_of),
            claimable=r.strength == "explicit" and r.apply_elsewhere is None and status in CLAIMABLE,
            amount_yuan=amount, amount_text=format_yuan(amount) if amount is not None else None,
            trace=trace, missing_facts=list(dict.fromkeys(missing)), subjects=subjects)
        return trusted(RuleOutcome, values)

    def _near_misses(self, rule: CompiledRule, status: str, facts: Facts, profile: Profile,
                     as_of: date) -> list[NearMiss]:
        if status != "not_eligible":
            return []
        subject = facts.enterprise
        if rule.rule.subject != "enterprise":
            return []
        failing = [leaf for leaf in _flat_leaves(rule.conditions) if test_leaf(leaf, subject) is not True]
        if len(failing) != 1 or failing[0].fact != "sales.first_year_above" or subject[failing[0].key] != 0:
            return []
        threshold = int(failing[0].key.rsplit(".", 1)[1])
        first_year, last_year = failing[0].operand
        peak = sales_peak(profile, as_of, first_year, last_year)
        if peak is None:
            return []
        sales, year = peak
        shortfall = threshold - sales
        if not 0 <= shortfall <= threshold * NEAR_MISS_SHARE:
            return []
        award = self.static_parts[rule.id]["outcome"]["potential_amount_yuan"]
        prize = f",对应{format_yuan(award)}奖励" if award else ""
        if shortfall == 0:
            message = f"{year}年销售收入恰为{format_yuan(sales)},“突破”须超过该额{prize}"
        else:
            message = (f"{year}年销售收入{format_yuan(sales)},距“首次突破{format_yuan(threshold)}”还差"
                       f"{format_in_unit_of(shortfall, threshold)}{prize}")
        return [NearMiss(rule_id=rule.id, title=rule.rule.title, message=message,
                         shortfall_yuan=shortfall, award_yuan=award)]


def _dated(period: Period | None) -> Dated | None:
    return trusted(Dated, {"start": period.from_, "end": period.to}) if period else None


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def document_context(doc: Document, as_of: date, notes: list[Note] | None = None) -> DocumentContext:
    """A document's dates and standing as of a date, said plainly, with its 口径 once (`notes`, when made already)."""
    force, period = doc.in_force, doc.period
    until = f"至{_day(period.to)}" if period.to else "起"
    counted = f"计入{_day(period.from_)}{until}发生的事项"
    if as_of < force.from_:
        phase, summary = "not_yet", f"测算日期早于本政策施行日{_day(force.from_)},各项措施尚不适用。"
    elif force.to is not None and as_of > force.to:
        phase = "ended"
        summary = (f"本政策已于{_day(force.to)}到期,测算日期{_day(as_of)}已不在施行期内,各项措施不再适用;"
                   f"如需了解到期前是否符合,可按到期日{force.to.isoformat()}重新测算。")
    else:
        phase = "in_force"
        ends = f"施行至{_day(force.to)}" if force.to else "未规定失效日期"
        summary = f"本政策在施行期内({ends}),{counted}。"
    # Made from the validated rulebook without validating again (tests/test_engine.py checks it validates as is).
    return trusted(DocumentContext, {
        "document_id": doc.id, "issuer": doc.issuer, "document_number": doc.number, "title": doc.title,
        "issued_on": doc.issued_on, "in_force": _dated(force), "period": _dated(period),
        "application_window": _dated(doc.application_window), "application_note": doc.application_note,
        "phase": phase, "summary": summary,
        "notes": notes if notes is not None else [Note(**n.model_dump()) for n in doc.notes]})


def _static_parts(rule: CompiledRule) -> dict:
    """What a rule's outcome says whatever the profile: citation, notes, evidence, and its fields in field order."""
    r, doc = rule.rule, rule.document
    parts = {
        "citation": Citation(document_id=doc.id, issuer=doc.issuer, document_number=doc.number,
                             document_title=doc.title, issued_on=doc.issued_on, clause_path=r.clause.path,
                             clause_text=r.clause.text, amount_clause=r.award.amount_clause),
        "notes": [Note(**n.model_dump()) for n in r.notes],
        "evidence": [EvidenceItem(**e.model_dump()) for e in r.evidence],
    }
    own = {
        "rule_id": r.id, "title": r.title, "strength": r.strength, "selection": r.selection,
        "apply_elsewhere": r.apply_elsewhere, "beneficiary": r.beneficiary, "award_kind": r.award.kind,
        "support": r.award.support,
        "potential_amount_yuan": r.award.amount_yuan if r.award.kind == "fixed" and not r.selection else None,
        "one_off": r.award.one_off, "earmark": r.award.earmark, "responsible": r.responsible, "group": r.group,
        "period_from": rule.period.from_, "period_to": rule.period.to, **parts,
    }
    parts["outcome"] = {name: own.get(name) for name in RuleOutcome.model_fields}
    return parts


def _sharing_conditions(rules: list[CompiledRule]) -> list[CompiledRule]:
    """The rules with equal conditions made one object, so an evaluation judges each once per subject."""
    shared: dict = {}

    def one(node):
        if isinstance(node, AnyOf):
            node = AnyOf(tuple(one(child) for child in node.children), node.label)
        return shared.setdefault(node, node)

    return [replace(rule, conditions=tuple(one(node) for node in rule.conditions)) for rule in rules]


def _flat_leaves(nodes) -> list[Leaf]:
    """Top-level leaves only: a near miss is told only for plain thresholds, not inside `any`."""
    return [node for node in nodes if isinstance(node, Leaf)] if all(isinstance(n, Leaf) for n in nodes) else []


def _missing(trace: list[TraceItem]) -> list[str]:
    """What is missing, step by step in trace order (a step before its children)."""
    found = []
    for item in trace:
        if item.outcome == "missing" and item.missing:
            found.append(item.missing)
        if item.children:
            found += _missing(item.children)
    return found


def _reason(rule: CompiledRule, status: str, trace: list[TraceItem], missing: list[str], doc, as_of: date) -> str:
    if status == "eligible":
        return "符合全部条件"
    if status == "may_apply":
        return "符合条文所列条件,可以申报;是否支持及支持多少由主管部门评审或择优决定"
    if status == "not_in_force":
        if as_of < doc.in_force.from_:
            return f"测算日期{as_of.isoformat()}早于本政策施行日{doc.in_force.from_.isoformat()}"
        return f"本政策已于{doc.in_force.to.isoformat()}到期,测算日期{as_of.isoformat()}不在施行期内"
    if status == "undetermined":
        return "尚缺信息:" + ";".join(missing)
    failed = next((item for item in trace if item.outcome == "not_met"), None)
    if failed is None:
        return f"不满足:{NO_ITEM.get(rule.rule.subject, '全部条件')}"
    shown = f"(实际:{failed.value})" if failed.value else ""
    return f"不满足:{failed.label}{shown}"
