"""The caseworker's desk: the queue, an application with its claims, evidence, decisions, re-evaluation, export."""
from datetime import date

from flask import Blueprint, Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice

from .. import clock
from ..casework import service
from ..casework.models import Application, AuditEntry, Claim, EvidenceItem, User
from ..money import WAN, format_wan
from ..vocabulary import division_name, divisions, vocabulary
from . import engine
from .auth import role_required
from .database import session

bp = Blueprint("desk", __name__, url_prefix="/desk")

APPLICATION_STATUSES = {"submitted": "已提交", "in_review": "审核中", "more_info": "需补充材料", "decided": "已办结"}
CLAIM_STATUSES = {"pending": "待审核", "approved": "已批准", "rejected": "不予批准", "more_info": "需补充材料"}
EVIDENCE_STATUSES = {"missing": "缺失", "verified": "已核验", "rejected": "不合格"}


class EvidenceForm(FlaskForm):
    status = SelectField("核验结果", choices=[SelectChoice(k, v) for k, v in EVIDENCE_STATUSES.items()])
    note = StringField("备注")


class DecisionForm(FlaskForm):
    outcome = SelectField("决定", choices=[SelectChoice("approve", "批准"), SelectChoice("reject", "不予批准"),
                                          SelectChoice("more_info", "要求补充材料")])
    amount_wan = StringField("批准金额(万元,空则按申请金额)")
    reason = TextAreaField("理由或说明")


class PlainForm(FlaskForm):
    """A form with only the CSRF token (re-evaluate, logout)."""


@bp.context_processor
def labels() -> dict:
    return {"application_statuses": APPLICATION_STATUSES, "claim_statuses": CLAIM_STATUSES,
            "evidence_statuses": EVIDENCE_STATUSES, "format_wan": format_wan, "plain_form": PlainForm()}


def _date_arg(name: str) -> date | None:
    value = request.args.get(name, "").strip()
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        flash(f"日期“{value}”格式应为YYYY-MM-DD,已忽略")
        return None


def _filters() -> dict:
    page = request.args.get("page", "1")
    return {"city": request.args.get("city") or None, "status": request.args.get("status") or None,
            "rule_id": request.args.get("rule_id") or None, "submitted_from": _date_arg("from"),
            "submitted_to": _date_arg("to"), "page": int(page) if page.isdigit() else 1}


@bp.get("/")
@login_required
def queue():
    """Applications with filters and paging."""
    filters = _filters()
    page = service.queue(session(), **filters)
    cities = {code: city["name"] for code, city in divisions().items()}
    rules = [(r.id, r.title) for r in engine().rulebook.rules if r.strength == "explicit"]
    return render_template("desk/queue.html", page=page, filters=filters, cities=cities, rules=rules,
                           args=request.args)


@bp.get("/api/applications")
@login_required
def queue_json():
    """The queue as JSON, same filters."""
    page = service.queue(session(), **_filters())
    return jsonify({"total": page.total, "page": page.page, "pages": page.pages, "applications": [
        {"id": a.id, "reference": a.reference, "enterprise": a.enterprise.name,
         "credit_code": a.enterprise.credit_code, "city_code": a.city_code, "status": a.status,
         "submitted_at": a.submitted_at.isoformat(), "claims": [c.rule_id for c in a.claims]}
        for a in page.items]})


def _application(application_id: int) -> Application:
    found = session().get(Application, application_id)
    if found is None:
        abort(404)
    return found


def _outcomes(determination) -> dict:
    result = determination.result
    return {o["rule_id"]: o for o in (*result["outcomes"], *result.get("related_support", []))}


@bp.get("/applications/<int:application_id>")
@login_required
def application(application_id: int):
    """One application: facts, claims with trace and clause, evidence, decisions, changes, audit trail."""
    app = _application(application_id)
    first, latest = app.determinations[0], app.determinations[-1]
    changes = service.diff(first.result, latest.result) if latest is not first else None
    trail = session().scalars(select(AuditEntry).where(AuditEntry.application_id == app.id)
                              .order_by(AuditEntry.id)).all()
    earlier = {claim.id: service.earlier_payouts(session(), claim) for claim in app.claims if claim.one_off}
    return render_template("desk/application.html", app=app, filed=_outcomes(first), latest=latest,
                           changes=changes, trail=trail, earlier=earlier, evidence_form=EvidenceForm,
                           decision_form=DecisionForm, vocab=vocabulary(), division_name=division_name)


@bp.post("/evidence/<int:item_id>")
@login_required
def mark_evidence(item_id: int):
    """Mark one evidence item verified, rejected or missing, with a note."""
    item = session().get(EvidenceItem, item_id) or abort(404)
    form = EvidenceForm()
    if not form.validate():
        flash("提交有误或页面已过期,请重试")
    else:
        _run(lambda: service.mark_evidence(session(), current_user.user, item.id, form.status.data,
                                           form.note.data or ""), "已记录材料核验结果")
    return redirect(url_for(".application", application_id=item.claim.application_id, _anchor=f"claim-{item.claim_id}"))


@bp.post("/claims/<int:claim_id>/decide")
@login_required
def decide(claim_id: int):
    """Approve (with an amount), reject (with a reason) or ask for more material."""
    claim = session().get(Claim, claim_id) or abort(404)
    form = DecisionForm()
    amount = None
    if not form.validate():
        flash("提交有误或页面已过期,请重试")
    else:
        text = (form.amount_wan.data or "").strip()
        if text:
            try:
                amount = int(round(float(text) * WAN))
            except ValueError:
                flash(f"批准金额“{text}”不是数字")
                return redirect(url_for(".application", application_id=claim.application_id))
        _run(lambda: service.decide(session(), current_user.user, claim.id, form.outcome.data, amount,
                                    form.reason.data or ""), "已记录决定")
    return redirect(url_for(".application", application_id=claim.application_id, _anchor=f"claim-{claim.id}"))


@bp.post("/applications/<int:application_id>/reevaluate")
@login_required
def reevaluate(application_id: int):
    """Evaluate the filed profile again under the current rules and show what changed."""
    app = _application(application_id)
    if PlainForm().validate():
        changes = _run(lambda: service.reevaluate(session(), engine(), current_user.user, app), None)
        if changes is not None:
            flash(f"已按现行规则重新测算:{len(changes)} 项结果有变化" if changes else "已按现行规则重新测算:结果没有变化")
    else:
        flash("页面已过期,请重试")
    return redirect(url_for(".application", application_id=app.id))


def _run(operation, success: str | None):
    """Run a casework operation and commit, or roll back and show its Chinese message."""
    try:
        value = operation()
        session().commit()
    except service.CaseworkError as exc:
        session().rollback()
        flash(str(exc), "error")
        return None
    if success:
        flash(success)
    return value


def _export_rows():
    today = clock.today()
    start = _date_arg("from") or today.replace(month=1, day=1)
    end = _date_arg("to") or today
    return start, end, service.disbursements(session(), engine(), start, end)


@bp.get("/export.xlsx")
@login_required
def export_xlsx():
    """Approved awards of a period as an Excel workbook (拨付清单)."""
    start, end, rows = _export_rows()
    title = f"奖补资金拨付清单({start.isoformat()} 至 {end.isoformat()})"
    return Response(service.to_xlsx(rows, title),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="disbursements-{start}-{end}.xlsx"'})


@bp.get("/export.csv")
@login_required
def export_csv():
    """Approved awards of a period as CSV."""
    start, end, rows = _export_rows()
    return Response(service.to_csv(rows), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="disbursements-{start}-{end}.csv"'})


@bp.get("/users")
@role_required("admin")
def users():
    """Administrators: the bureau's accounts."""
    found = session().scalars(select(User).order_by(User.username)).all()
    return render_template("desk/users.html", users=found)


@bp.post("/users/<int:user_id>/active")
@role_required("admin")
def toggle_user(user_id: int):
    """Administrators: disable or re-enable an account (audited); one cannot disable oneself."""
    user = session().get(User, user_id) or abort(404)
    if not PlainForm().validate():
        flash("页面已过期,请重试")
    elif user.id == current_user.user.id:
        flash("不能停用自己的账号", "error")
    else:
        before = {"active": user.active}
        user.active = not user.active
        service.audit(session(), current_user.user.username, "user_updated", "user", user.id, None, before,
                      {"active": user.active})
        session().commit()
        flash(f"已{'启用' if user.active else '停用'}账号 {user.username}")
    return redirect(url_for(".users"))
