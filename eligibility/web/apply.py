"""Applying from the self-check result: choose awards, give the payee account and each claimed project's approval
number or title's document number, submit once, follow the application by a private link."""
import uuid

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from jinja2 import pass_context
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError
from wtforms import HiddenField, StringField

from ..casework import db, service
from ..casework.identity import approval_number_problem, document_number_problem
from ..casework.payee import PayeeError, mask_account, validate_payee
from ..money import format_wan
from ..profile import Profile
from ..result import CLAIMABLE, EvaluationResult
from ..vocabulary import vocabulary
from . import engine
from .database import session
from .selfcheck import SelfCheckForm, parse_saved, profile_formdata, render_form

bp = Blueprint("apply", __name__)
SUBMISSION_KEY_LENGTH = 32
# The number that identifies each claimed item (casework/identity.py), one field per project or title.
NUMBER_FIELDS = {"project": "approval-{}", "title": "title-number-{}"}


class ApplyForm(FlaskForm):
    """The saved self-check, a one-time submission key, the payee account; the chosen claims are checkboxes named
    `claim`, the claimed items' numbers fields named approval-<project index> and title-number-<title index>."""

    document = HiddenField()
    submission_key = HiddenField()
    payee_name = StringField("户名", render_kw={"maxlength": 200, "autocomplete": "organization"})
    payee_bank = StringField("开户行", render_kw={"maxlength": 100})
    payee_account = StringField("账号", render_kw={"maxlength": 60, "inputmode": "numeric", "autocomplete": "off"})


def claimable(result: EvaluationResult) -> list[dict]:
    """The awards an enterprise may claim here: eligible, may-apply or undetermined measures, per item for per-project
    and per-title rules (tax preferences and the like are claimed elsewhere and never offered)."""
    options = []
    for outcome in result.outcomes:
        if not outcome.claimable:
            continue
        if outcome.subjects:
            for item in outcome.subjects:
                if item.status in CLAIMABLE:
                    word = "项目" if item.subject == "project" else "称号"
                    options.append({"value": f"{outcome.rule_id}@{item.index}", "outcome": outcome,
                                    "label": f"{outcome.title}({word}:{item.name})", "amount": item.amount_yuan,
                                    "status": item.status, "item": (item.subject, item.index)})
        else:
            amount = outcome.amount_yuan if outcome.status == "eligible" else outcome.potential_amount_yuan
            options.append({"value": outcome.rule_id, "outcome": outcome, "label": outcome.title,
                            "amount": amount, "status": outcome.status, "item": None})
    return options


def _number_fields(options: list[dict], profile: Profile | None) -> list[dict]:
    """The projects and titles some option claims for, each with its identifying number's field and current value."""
    values = g.get("apply_values", {})
    vocab = vocabulary()
    fields = []
    for kind, index in sorted({o["item"] for o in options if o["item"] is not None}):
        field = NUMBER_FIELDS[kind].format(index)
        if kind == "project":
            known = profile.projects if profile and profile.projects else []
            project = known[index] if index < len(known) else None
            if project is None:
                continue
            label = (f"“{project.name}”({vocab['project_kinds'].get(project.kind, {}).get('label', project.kind)},"
                     f"{project.approved_on.isoformat()} 立项)的立项文号")
            current, example = project.approval_number, "工信部规〔2018〕12号"
        else:
            held = profile.recognitions[index] if profile and profile.recognitions and index < len(
                profile.recognitions) else None
            if held is None:
                continue
            title = f"{vocab['levels'][held.level]}{vocab['recognition_kinds'][held.kind]['label']}"
            label = f"“{held.name or title}”({held.obtained_on.isoformat()} 获得)的认定文号"
            current, example = held.document_number, "工信部科〔2018〕25号"
        fields.append({"kind": kind, "index": index, "field": field, "label": label, "example": example,
                       "value": values.get(field, current or "") or ""})
    return fields


@bp.app_template_global()
@pass_context
def claim_section(context, result: EvaluationResult, document) -> Markup:
    """The claim form shown under a self-check result (with the errors of a refused submission, if any)."""
    profile = context.get("profile")
    values = g.get("apply_values", {})
    form = ApplyForm(formdata=None, document=document.document.data, submission_key=uuid.uuid4().hex,
                     payee_name=values.get("payee_name", profile.name if profile else ""),
                     payee_bank=values.get("payee_bank", ""), payee_account=values.get("payee_account", ""))
    options = claimable(result)
    # render_template's output is the autoescaped template: HTML already.
    return Markup(render_template("apply/_claims.html", form=form, options=options,  # noqa: S704
                                  numbers=_number_fields(options, profile), error=g.get("apply_error"),
                                  field_errors=g.get("apply_field_errors", {}),
                                  chosen=g.get("apply_chosen", set()), format_wan=format_wan))


def _parse_claim(value: str) -> service.ClaimRequest:
    rule_id, _, index = value.partition("@")
    is_index = index.isascii() and index.isdigit() and len(index) <= 4
    return service.ClaimRequest(rule_id[:120], int(index) if is_index else None)


def _back_to_result(saved, message: str, field_errors: dict | None = None):
    """The result page again, with the messages beside the fields and everything the user entered kept."""
    result = engine().evaluate(saved.profile, saved.as_of)
    g.apply_error = message
    g.apply_field_errors = field_errors or {}
    g.apply_chosen = set(request.form.getlist("claim"))
    g.apply_values = {key: request.form.get(key, "") for key in request.form
                      if key.startswith(("payee_", "approval-", "title-number-"))}
    form = SelfCheckForm(formdata=profile_formdata(saved.profile, saved.as_of))
    return render_form(form, 422, result=result, profile=saved.profile, as_of=result.as_of)


def _with_numbers(profile: Profile, requests: list[service.ClaimRequest]) -> tuple[Profile, dict]:
    """The profile with the numbers typed for the claimed projects and titles, or the errors beside their fields."""
    errors, data = {}, profile.model_dump(mode="json")
    rules = engine().rulebook.by_id
    items = sorted({(rules[r.rule_id].subject, r.item_index) for r in requests
                    if r.item_index is not None and r.rule_id in rules and rules[r.rule_id].subject != "enterprise"})
    for kind, index in items:
        listing = data.get("projects" if kind == "project" else "recognitions") or []
        if index >= len(listing):
            continue  # the service refuses a claim for an item that is not there
        key, check = (("approval_number", approval_number_problem) if kind == "project"
                      else ("document_number", document_number_problem))
        field = NUMBER_FIELDS[kind].format(index)
        typed = " ".join((request.form.get(field) or "").split())
        problem = check(typed)
        if problem:
            errors[field] = problem
        else:
            listing[index][key] = typed
    return (Profile.model_validate(data) if not errors else profile), errors


@bp.post("/apply")
def submit():
    """File the application; a repeated submission (same key) leads to the same application."""
    form = ApplyForm()
    if not form.validate():
        return render_template("apply/problem.html", message="页面已过期,请回到自查结果重新提交申请"), 400
    saved, problem = parse_saved(form.document.data or "")
    if saved is None:
        return render_template("apply/problem.html", message=problem), 400
    key = (form.submission_key.data or "").strip()
    if not (8 <= len(key) <= 64):
        return render_template("apply/problem.html", message="申请表缺少提交标识,请回到自查结果重新提交"), 400
    claims = request.form.getlist("claim")
    if len(claims) > service.MAX_CLAIMS:
        return _back_to_result(saved, f"一次最多申请{service.MAX_CLAIMS}项奖励,请分次提交")
    requests = [_parse_claim(v) for v in claims]
    errors: dict[str, str] = {}
    try:
        payee = validate_payee(form.payee_name.data, form.payee_bank.data, form.payee_account.data,
                               saved.profile.name)
    except PayeeError as exc:
        errors |= exc.errors
    profile, number_errors = _with_numbers(saved.profile, requests)
    errors |= number_errors
    if errors:
        return _back_to_result(saved, "申请内容有误,请按各项旁的提示修改", errors)
    db_session = session()
    try:
        with db.transaction(db_session):
            application = service.submit(db_session, engine(), profile, saved.as_of, requests, key, payee)
    except service.CaseworkError as exc:
        return _back_to_result(saved, str(exc))
    except SQLAlchemyError:
        return render_template("apply/problem.html", message="暂时无法保存申请,请稍后再试,填报内容不会丢失"), 503
    return redirect(url_for("apply.status", token=application.access_token), code=303)


@bp.get("/applications/<token>")
def status(token: str):
    """The enterprise's own application, by its private link."""
    application = service.by_token(session(), token)
    if application is None:
        abort(404)
    return render_template("apply/status.html", application=application, format_wan=format_wan,
                           mask_account=mask_account)
