"""The policies on the web: /policies lists the documents, /policies/<id> shows a text clause by clause with the rules
that encode each clause, and the passages deliberately left out with the reason."""
from decimal import Decimal
from pathlib import Path

from flask import Blueprint, current_app, render_template, url_for

from .. import clock
from ..compiler import AnyOf
from ..engine import document_context
from ..facts import FACTS
from ..money import format_yuan
from ..policy_text import (
    LeftOut,
    anchor,
    annotate,
    excluded,
    left_out_in_header,
    read_text,
    reason_in_chinese,
    rules_named,
    scenarios,
    segments,
)
from ..result import STATUS_MEANINGS
from ..rulebook import Document, Rule
from ..vocabulary import city_of, division_name
from . import engine

bp = Blueprint("policies", __name__, url_prefix="/policies")

STRENGTH_LABELS = {"explicit": "明确支持", "directional": "方向性支持(条文未规定具体支持方式)",
                   "encouragement": "鼓励性措施(条文只作鼓励、引导)"}
PHASE_LABELS = {"not_yet": "尚未施行", "in_force": "施行中", "ended": "已到期"}


def _day(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def standing(document: Document, today) -> tuple[str, str]:
    """A document's phase today and one plain sentence about it (for readers, not for a particular check)."""
    context = document_context(document, today)
    force = document.in_force
    if context.phase == "not_yet":
        return context.phase, f"尚未施行:自{_day(force.from_)}起施行。"
    if context.phase == "ended":
        return context.phase, (f"已于{_day(force.to)}到期,各项措施不再适用;施行期内发生的事项能否申报,"
                               "以责任单位发布的申报通知为准。")
    ends = f"施行至{_day(force.to)}" if force.to else "文件未规定失效日期"
    return context.phase, f"施行中({ends})。"


def _rules_dir() -> Path:
    return Path(current_app.config["RULES_DIR"])


def text_path(document: Document) -> Path:
    """Where a document's published text is kept (its `source`, relative to the rules folder)."""
    return (_rules_dir() / document.source).resolve()


def _features_dir() -> Path:
    return Path(current_app.config.get("FEATURES_DIR") or _rules_dir().parent / "features")


def _files() -> dict[str, tuple[Path, list[Rule]]]:
    """Document id → (its rule file, its rules), in the rulebook's order."""
    return {f.document.id: (path, f.rules) for path, f in engine().rulebook.files.items()}


@bp.app_template_global()
def clause_url(citation) -> str:
    """The address of a cited clause on its document's page (a Citation, or one frozen in a determination)."""
    if isinstance(citation, dict):
        return url_for("policies.document", doc_id=citation["document_id"], _anchor=anchor(citation["clause_path"]))
    return url_for("policies.document", doc_id=citation.document_id, _anchor=anchor(citation.clause_path))


@bp.app_template_global()
def policy_url(document_id: str) -> str:
    """The address of a document's page."""
    return url_for("policies.document", doc_id=document_id)


def award_words(rule: Rule) -> str:
    """What a rule grants, in words: 一次性10万元资金奖励, 按国家资助金额的50%给予配套资金, 不定额:优先支持."""
    award = rule.award
    once = "一次性" if award.one_off else ""
    if award.kind == "fixed":
        return f"{once}{format_yuan(award.amount_yuan or 0)}{award.support}"
    if award.kind == "non_quantified":
        return f"不定额:{award.support}"
    base = FACTS[award.base_fact or ""].label  # ratio and match awards name their base fact (rulebook)
    ratio = Decimal(award.ratio or 0)
    share = f"{(ratio * 100).normalize():f}%" if ratio != Decimal(1) else "等额"
    how = f"的{share}" if share != "等额" else "等额"
    words = f"{once}按{base}{how}给予{award.support}"
    return words + (f",最高{format_yuan(award.cap_yuan)}" if award.cap_yuan is not None else "")


def _conditions(nodes) -> list[dict]:
    """A rule's compiled conditions in words, `any` groups with their alternatives."""
    out = []
    for node in nodes:
        if isinstance(node, AnyOf):
            out.append({"label": "以下任一项成立", "children": _conditions(node.children)})
        else:
            out.append({"label": node.label, "children": []})
    return out


def _rule_view(rule: Rule, titles: dict[str, list[str]], names: dict[str, str]) -> dict:
    compiled = engine().compiled[rule.id]
    return {"rule": rule, "award": award_words(rule), "conditions": _conditions(compiled.conditions),
            "strength": STRENGTH_LABELS[rule.strength], "scenarios": titles.get(rule.id, []),
            "period": compiled.period if rule.period else None, "selection_meaning": STATUS_MEANINGS["may_apply"],
            "names": names}


def _left_out_view(key: str, passage: LeftOut, names: dict[str, str]) -> dict:
    return {"key": key, "passage": passage, "reason": reason_in_chinese(passage.reason) or passage.reason,
            "translated": reason_in_chinese(passage.reason) is not None,
            "see": [(rule_id, names[rule_id]) for rule_id in rules_named(passage.reason) if rule_id in names]}


def left_out_of(document: Document, rule_file: Path) -> list[LeftOut]:
    """The passages of a document deliberately not encoded: excluded.yaml's, then the rule file header's."""
    listed = text_path(document).parent / "excluded.yaml"
    city = document.id.split("-")[0]
    found = excluded(listed, city) if listed.exists() else []
    return found + left_out_in_header(rule_file.read_text(encoding="utf-8"))


@bp.get("")
def index():
    """The documents, their dates and whether each is in force today."""
    today = clock.today()
    rows = []
    for doc_id, (_, rules) in _files().items():
        doc = engine().rulebook.documents[doc_id]
        phase, sentence = standing(doc, today)
        rows.append({"doc": doc, "phase": phase, "phase_label": PHASE_LABELS[phase], "standing": sentence,
                     "city": division_name(city_of(doc.jurisdiction.division_code)),
                     "explicit": sum(r.strength == "explicit" for r in rules),
                     "related": sum(r.strength != "explicit" for r in rules)})
    return render_template("policies/index.html", rows=rows, today=today)


@bp.get("/<doc_id>")
def document(doc_id: str):
    """One document clause by clause, each clause beside the rules that encode it."""
    files = _files()
    if doc_id not in files:
        return render_template("policies/missing.html", doc_id=doc_id), 404
    rule_file, rules = files[doc_id]
    doc = engine().rulebook.documents[doc_id]
    text = read_text(text_path(doc))
    left = left_out_of(doc, rule_file)
    clauses, unplaced = annotate(text, [(r.id, r.clause.path, r.clause.text) for r in rules], left)
    titles: dict[str, list[str]] = {}
    for scenario in scenarios(_features_dir()):
        for rule_id in scenario.rule_ids:
            titles.setdefault(rule_id, []).append(scenario.title)
    names = {r.id: r.title for r in engine().rulebook.rules}
    by_id = {r.id: r for r in rules}
    shown = []
    for entry in clauses:
        shown.append({
            "clause": entry.clause, "anchor": anchor(entry.clause.path),
            "paragraphs": [segments(p, entry.quotes) for p in entry.clause.paragraphs],
            "rules": [_rule_view(by_id[rule_id], titles, names) for rule_id in entry.rule_ids],
            "left_out": [_left_out_view(key, passage, names) for key, passage in entry.left_out],
        })
    numbers: dict = {}
    for entry in shown:
        for item in entry["rules"]:
            numbers[item["rule"].id] = len(numbers) + 1
        for item in entry["left_out"]:
            numbers[item["key"]] = len(numbers) + 1
    phase, sentence = standing(doc, clock.today())
    return render_template(
        "policies/document.html", doc=doc, phase=phase, phase_label=PHASE_LABELS[phase], standing=sentence,
        today=clock.today(), text=text,
        clauses=shown, numbers=numbers, unplaced=[by_id[i] for i in unplaced], rules=rules,
        city=division_name(city_of(doc.jurisdiction.division_code)),
        sections=[c for c in text.clauses if c.kind == "section"],
        left_out_count=sum(len(e["left_out"]) for e in shown))
