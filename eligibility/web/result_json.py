"""The API's answers as JSON: each view of a result encoded with orjson, each rule's static parts serialised once.

The view models in `eligibility/result.py` (and their builders) define each view and its OpenAPI schema; this
encoder writes the same JSON without building the view's models first, and reuses every rule's citation, notes and
evidence as pre-serialised fragments (about a third of a full answer). tests/test_result_json.py requires its
output to equal the models' serialisation for generated profiles of every city.
"""
from collections.abc import Iterable

import orjson
from pydantic import TypeAdapter

from ..result import (
    CLAIMABLE,
    DocumentContext,
    EvaluationDefaultView,
    EvaluationFullView,
    EvaluationResult,
    EvaluationSummaryView,
    NearMiss,
    RuleOutcome,
    TraceItem,
)

_DOCUMENTS = TypeAdapter(list[DocumentContext])
_NEAR_MISSES = TypeAdapter(list[NearMiss])


def _fragment(value) -> orjson.Fragment:
    """A model, or a list of models, serialised as pydantic serialises it."""
    if isinstance(value, list):
        return orjson.Fragment("[" + ",".join(item.model_dump_json() for item in value) + "]")
    return orjson.Fragment(value.model_dump_json())


class ResultEncoder:
    """Encodes results as the views of the API; built once per engine from the parts its results share."""

    def __init__(self, static_parts: Iterable[dict]):
        # Keyed by the citation object the engine shares between its results; the objects are kept, so their ids
        # stay theirs. An outcome whose parts are not these (one rebuilt from storage) is serialised as it is.
        self._static = {id(parts["citation"]): (parts["citation"], parts["notes"], parts["evidence"],
                                                 {key: _fragment(parts[key]) for key in ("citation", "notes",
                                                                                         "evidence")})
                        for parts in static_parts}

    def encode(self, result: EvaluationResult, view: str) -> bytes:
        """The JSON of one view (default, full or summary) of a result."""
        return orjson.dumps(getattr(self, f"_{view}")(result))

    def encode_view(self, made: EvaluationDefaultView | EvaluationSummaryView | EvaluationFullView) -> bytes:
        """The JSON of a view the engine made itself (Engine.view), the same bytes as `encode` of the full result."""
        if isinstance(made, EvaluationSummaryView):
            return orjson.dumps({**made.__dict__,
                                 "outcomes": [o.__dict__ for o in made.outcomes],
                                 "related_support": [o.__dict__ for o in made.related_support]})
        # The default view's brief outcomes carry the fields `_default` reads of them; the full view is a result.
        return orjson.dumps(getattr(self, f"_{made.view}")(made))

    def _default(self, r: EvaluationResult | EvaluationDefaultView) -> dict:
        steps: dict[int, dict] = {}
        return {
            "view": "default", **self._header(r),
            "outcomes": [self._outcome(o, steps) if isinstance(o, RuleOutcome) and o.status in CLAIMABLE else
                         {"rule_id": o.rule_id, "title": o.title, "status": o.status, "status_label": o.status_label,
                          "reason": o.reason} for o in r.outcomes],
            "related_support": [{"rule_id": o.rule_id, "title": o.title, "status": o.status,
                                 "status_label": o.status_label} for o in r.related_support],
            "near_misses": orjson.Fragment(_NEAR_MISSES.dump_json(r.near_misses)),
            "other_jurisdiction_rules": r.other_jurisdiction_rules,
        }

    def _full(self, r: EvaluationResult) -> dict:
        steps: dict[int, dict] = {}
        return {
            **self._header(r),
            "outcomes": [self._outcome(o, steps) for o in r.outcomes],
            "related_support": [self._outcome(o, steps) for o in r.related_support],
            "near_misses": orjson.Fragment(_NEAR_MISSES.dump_json(r.near_misses)),
            "other_jurisdiction_rules": r.other_jurisdiction_rules, "view": "full",
        }

    @staticmethod
    def _summary(r: EvaluationResult) -> dict:
        def brief(o: RuleOutcome) -> dict:
            return {"rule_id": o.rule_id, "status": o.status, "amount_yuan": o.amount_yuan,
                    "clause_path": o.citation.clause_path}
        return {"view": "summary", "as_of": r.as_of, "ruleset_version": r.ruleset_version,
                "credit_code": r.credit_code, "total_yuan": r.total_yuan, "counts": r.counts,
                "outcomes": [brief(o) for o in r.outcomes], "related_support": [brief(o) for o in r.related_support]}

    @staticmethod
    def _header(r: EvaluationResult | EvaluationDefaultView) -> dict:
        return {"as_of": r.as_of, "ruleset_version": r.ruleset_version, "engine": r.engine,
                "enterprise_name": r.enterprise_name, "credit_code": r.credit_code, "registered_in": r.registered_in,
                "total_yuan": r.total_yuan, "total_text": r.total_text, "counts": r.counts,
                "documents": orjson.Fragment(_DOCUMENTS.dump_json(r.documents))}

    def _outcome(self, o: RuleOutcome, steps: dict) -> dict:
        values = o.__dict__.copy()
        shared = self._static.get(id(o.citation))
        if shared and shared[0] is o.citation and shared[1] is o.notes and shared[2] is o.evidence:
            values.update(shared[3])
        else:
            values.update(citation=_fragment(o.citation), notes=_fragment(o.notes), evidence=_fragment(o.evidence))
        values["trace"] = _trace(o.trace, steps)
        values["subjects"] = [{**item.__dict__, "trace": _trace(item.trace, steps)} for item in o.subjects]
        return values


def _trace(items: list[TraceItem], steps: dict) -> list[dict]:
    """Trace steps as dicts; a step shared by several rules of the result is converted once."""
    converted = []
    for item in items:
        step = steps.get(id(item))
        if step is None:
            step = steps[id(item)] = {"label": item.label, "outcome": item.outcome, "fact": item.fact,
                                      "value": item.value, "missing": item.missing,
                                      "children": _trace(item.children, steps)}
        converted.append(step)
    return converted
