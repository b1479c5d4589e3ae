"""Applying from the self-check result: choose awards, submit once, follow the application by a private link."""
import uuid

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError
from wtforms import HiddenField

from ..casework import service
from ..money import format_wan
from ..result import CLAIMABLE, EvaluationResult
from . import engine
from .database import session
from .selfcheck import SelfCheckForm, parse_saved, profile_formdata, render_form

bp = Blueprint("apply", __name__)
SUBMISSION_KEY_LENGTH = 32


class ApplyForm(FlaskForm):
    """The saved self-check, a one-time submission key, and the chosen claims (checkboxes named `claim`)."""

    document = HiddenField()
    submission_key = HiddenField()


def claimable(result: EvaluationResult) -> list[dict]:
    """The awards an enterprise may claim: eligible or undetermined measures, per project for project rules."""
    options = []
    for outcome in result.outcomes:
        if not outcome.claimable:
            continue
        if outcome.subjects:
            word = "项目" if outcome.subjects[0].subject == "project" else "称号"
            for item in outcome.subjects:
                if item.status in CLAIMABLE:
                    options.append({"value": f"{outcome.rule_id}@{item.index}", "outcome": outcome,
                                    "label": f"{outcome.title}({word}:{item.name})",
                                    "amount": item.amount_yuan, "status": item.status})
        else:
            amount = outcome.amount_yuan if outcome.status == "eligible" else outcome.potential_amount_yuan
            options.append({"value": outcome.rule_id, "outcome": outcome, "label": outcome.title,
                            "amount": amount, "status": outcome.status})
    return options


@bp.app_template_global()
def claim_section(result: EvaluationResult, document) -> Markup:
    """The claim form shown under a self-check result (with the error of a refused submission, if any)."""
    form = ApplyForm(formdata=None, document=document.document.data, submission_key=uuid.uuid4().hex)
    return Markup(render_template("apply/_claims.html", form=form, options=claimable(result),
                                  error=g.get("apply_error"), chosen=g.get("apply_chosen", set()),
                                  format_wan=format_wan))


def _parse_claim(value: str) -> service.ClaimRequest:
    rule_id, _, index = value.partition("@")
    return service.ClaimRequest(rule_id, int(index) if index.isdigit() else None)


def _back_to_result(saved, message: str):
    """The result page again, with the message beside the claim form and everything the user chose kept."""
    result = engine().evaluate(saved.profile, saved.as_of)
    g.apply_error = message
    g.apply_chosen = set(request.form.getlist("claim"))
    form = SelfCheckForm(formdata=profile_formdata(saved.profile, saved.as_of))
    return render_form(form, 422, result=result, profile=saved.profile, as_of=result.as_of)


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
    requests = [_parse_claim(v) for v in request.form.getlist("claim")]
    db = session()
    try:
        application = service.submit(db, engine(), saved.profile, saved.as_of, requests, key)
        db.commit()
    except service.CaseworkError as exc:
        db.rollback()
        return _back_to_result(saved, str(exc))
    except SQLAlchemyError:
        db.rollback()
        return render_template("apply/problem.html", message="暂时无法保存申请,请稍后再试,填报内容不会丢失"), 503
    return redirect(url_for("apply.status", token=application.access_token), code=303)


@bp.get("/applications/<token>")
def status(token: str):
    """The enterprise's own application, by its private link."""
    application = service.by_token(session(), token)
    if application is None:
        abort(404)
    return render_template("apply/status.html", application=application, format_wan=format_wan)
