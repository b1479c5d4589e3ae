"""The caseworker's desk: the queue, an application with its claims, evidence, decisions, re-evaluation, export.

Caseworkers see their own city only (admins every city). Each change is one casework operation in one database
transaction (db.transaction). A refused operation re-renders the page with the message beside the field and the
input kept (4xx); a done one redirects (303) with a notice.
"""
import tempfile
from datetime import date
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    get_flashed_messages,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length

from .. import clock
from ..casework import attachments, db, export, frozen, identity, service, wording
from ..casework.models import Application, AuditEntry, Claim, EvidenceItem, User
from ..casework.payee import mask_account
from ..casework.users import set_active
from ..casework.wording import APPLICATION_STATUSES, CLAIM_STATUSES, EVIDENCE_STATUSES, OUTCOME_LABELS
from ..money import AmountError, format_wan, format_yuan, parse_amount
from ..vocabulary import division_name, divisions, vocabulary
from . import engine
from .apply import download_response
from .auth import role_required
from .database import session

bp = Blueprint("desk", __name__, url_prefix="/desk")

# Ids in URLs are database ids: positive 64-bit integers. Anything else is not found, before the database is asked.
ID = "int(min=1, max=9223372036854775807)"
# Dates a filter or an export may name (the bureau's calendar; 0001-01-01 would overflow the time-zone arithmetic).
EARLIEST, LATEST = date(1949, 10, 1), date(2999, 12, 31)
MAX_PAGE_DIGITS = 9
NO_CITY = "------"  # the scope of a caseworker not yet assigned to a city: matches no application


class EvidenceForm(FlaskForm):
    status = SelectField("核验结果", choices=[SelectChoice(k, v) for k, v in EVIDENCE_STATUSES.items()])
    note = StringField("备注", validators=[Length(max=500, message="备注最多500字")])


class DecisionForm(FlaskForm):
    # No decision is preselected: the caseworker chooses one (an unchosen one is refused beside the field).
    outcome = SelectField("决定", choices=[SelectChoice("", "请选择"), SelectChoice("approve", "批准"),
                                          SelectChoice("reject", "不予批准"),
                                          SelectChoice("more_info", "要求补充材料")],
                          validators=[InputRequired(message="请选择决定:批准、不予批准或要求补充材料")])
    amount_wan = StringField("批准金额(万元,空则按规则测算金额)")
    reason = TextAreaField("理由或说明", validators=[Length(max=2000, message="最多2000字")])
    not_duplicate = BooleanField("已核对,确认不是同一项目")
    not_duplicate_reason = TextAreaField("确认不重复的理由", validators=[Length(max=2000, message="最多2000字")])


class ConfirmForm(FlaskForm):
    reason = TextAreaField("复核意见(选填)", validators=[Length(max=2000, message="最多2000字")])


class WithdrawForm(FlaskForm):
    reason = TextAreaField("撤回的理由", validators=[InputRequired(message="请写明撤回的理由"),
                                                 Length(max=500, message="理由最多500字")])


class PlainForm(FlaskForm):
    """A form with only the CSRF token (re-evaluate, logout)."""


@bp.context_processor
def labels() -> dict:
    return {"application_statuses": APPLICATION_STATUSES, "claim_statuses": CLAIM_STATUSES,
            "evidence_statuses": EVIDENCE_STATUSES, "outcome_labels": OUTCOME_LABELS, "format_wan": format_wan,
            "format_yuan": format_yuan, "plain_form": PlainForm(), "mask_account": mask_account, "invalid": _invalid,
            "actions": wording.ACTIONS, "entities": wording.ENTITIES, "describe": wording.describe}


def _invalid(field, error_id: str) -> dict:
    """The attributes that tie a field to its message (for screen readers), when it has one."""
    return {"aria-describedby": error_id, "aria-invalid": "true"} if field.errors else {}


# --- who sees what ------------------------------------------------------------------------------------------------

def _scope() -> str | None:
    """The city the user may see: None for admins (every city), a caseworker's own city otherwise."""
    user = current_user.user
    if user.role == "admin":
        return None
    return user.city_code or NO_CITY


def _visible(application: Application | None) -> Application:
    """The application, when it exists and the user's city may see it; 404 otherwise (not even its existence)."""
    scope = _scope()
    if application is None or (scope is not None and application.city_code != scope):
        abort(404)
    return application


def _cities() -> dict[str, str]:
    scope = _scope()
    return {code: city["name"] for code, city in divisions().items() if scope is None or code == scope}


# --- request arguments --------------------------------------------------------------------------------------------

def _date_arg(name: str, problems: list[tuple[str, str]]) -> date | None:
    """A date argument; a wrong or out-of-range one is ignored and noted in `problems` (argument, message)."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        problems.append((name, f"日期“{value[:20]}”格式应为YYYY-MM-DD,已忽略"))
        return None
    if not EARLIEST <= day <= LATEST:
        problems.append((name, f"日期“{value}”超出范围({EARLIEST.year}—{LATEST.year}年),已忽略"))
        return None
    return day


def _page_arg(problems: list[tuple[str, str]]) -> int:
    value = request.args.get("page", "1").strip() or "1"
    if value.isascii() and value.isdigit() and len(value) <= MAX_PAGE_DIGITS:
        return max(1, int(value))
    problems.append(("page", f"页码“{value[:20]}”无效,已显示第1页"))
    return 1


def _filters(problems: list[tuple[str, str]]) -> dict:
    return {"city": request.args.get("city") or None, "status": request.args.get("status") or None,
            "rule_id": request.args.get("rule_id") or None, "submitted_from": _date_arg("from", problems),
            "submitted_to": _date_arg("to", problems), "page": _page_arg(problems)}


# --- the queue ----------------------------------------------------------------------------------------------------

@bp.get("/")
@login_required
def queue():
    """Applications with filters and paging (a caseworker's city only)."""
    problems: list[tuple[str, str]] = []
    filters = _filters(problems)
    for _name, problem in problems:
        flash(problem, "error")
    if _scope() == NO_CITY:
        flash("您的账号尚未分配所属城市,看不到任何申请,请联系管理员", "error")
    page = service.queue(session(), **filters, scope=_scope())
    rules = [(r.id, r.title) for r in engine().rulebook.rules if r.strength == "explicit"]
    return render_template("desk/queue.html", page=page, filters=filters, cities=_cities(), rules=rules,
                           args=request.args, division_name=division_name, format_wan=format_wan,
                           duplicated=service.duplicated(session(), [a.id for a in page.items]))


@bp.get("/api/applications")
@login_required
def queue_json():
    """The queue as JSON, same filters; a bad argument answers 400 naming it."""
    problems: list[tuple[str, str]] = []
    filters = _filters(problems)
    if problems:
        fields = [{"field": name, "message": message.removesuffix(",已忽略").removesuffix(",已显示第1页")}
                  for name, message in problems]
        return jsonify({"error": "bad_request", "message": ";".join(f["message"] for f in fields),
                        "fields": fields}), 400
    page = service.queue(session(), **filters, scope=_scope())
    return jsonify({"total": page.total, "page": page.page, "pages": page.pages, "applications": [
        {"id": a.id, "reference": a.reference, "enterprise": a.enterprise.name,
         "credit_code": a.enterprise.credit_code, "city_code": a.city_code, "status": a.status,
         "submitted_at": a.submitted_at.isoformat(), "claims": [c.rule_id for c in a.claims]}
        for a in page.items]})


# --- one application ----------------------------------------------------------------------------------------------

def _claim_view(claim: Claim, first: dict) -> dict:
    """What the page shows of a claim beside the claim itself: its frozen outcome, earlier payouts, duplicates."""
    db_session = session()
    duplicates = identity.possible_duplicates(db_session, claim) if claim.status != "approved" else []
    return {"outcome": frozen.outcome(first, claim.rule_id, claim.item_index),
            "earlier": service.earlier_payouts(db_session, claim) if claim.one_off else [],
            "duplicates": [(d, identity.why_duplicate(claim, d)) for d in duplicates]}


def _render_application(app: Application, status: int = 200, forms: dict | None = None, error: str | None = None,
                        error_claim: int | None = None):
    first, latest = app.determinations[0], app.determinations[-1]
    changes = service.diff(first.result, latest.result) if latest is not first else None
    trail = session().scalars(select(AuditEntry).where(AuditEntry.application_id == app.id)
                              .order_by(AuditEntry.id)).all()
    views = {claim.id: _claim_view(claim, first.result) for claim in app.claims}
    users = {u.id: u.display_name for u in session().scalars(select(User))}
    files: dict[int, dict] = {}
    for attachment in attachments.live(session(), app.id):
        files.setdefault(attachment.claim_id, {}).setdefault(attachment.evidence_item_id, []).append(attachment)
    return render_template("desk/application.html", app=app, latest=latest, changes=changes, trail=trail,
                           files=files, answers=attachments.answers_of(session(), app.id), error_claim=error_claim,
                           documents=frozen.documents(first.result),
                           notices=_claim_notices(),
                           submitted_on=clock.local_time(app.submitted_at).date(),
                           views=views, forms=forms or {}, error=error, users=users, evidence_form=EvidenceForm,
                           decision_form=DecisionForm, confirm_form=ConfirmForm, withdraw_form=WithdrawForm,
                           vocab=vocabulary(),
                           division_name=division_name,
                           approval_key=identity.normalise_document_number,
                           four_eyes_limit=_four_eyes_limit()), status


def _claim_notices() -> dict[int, list[str]]:
    """This request's flashed messages about one claim (category claim:<id>), shown in that claim's card."""
    found: dict[int, list[str]] = {}
    messages: list[tuple[str, str]] = get_flashed_messages(with_categories=True)  # type: ignore[assignment]
    for category, text in messages:
        if category.startswith("claim:"):
            found.setdefault(int(category[6:]), []).append(text)
    return found


@bp.get(f"/files/<{ID}:attachment_id>")
@login_required
def download(attachment_id: int):
    """A file the enterprise handed in, as a download, to caseworkers of its city."""
    found = session().get(attachments.Attachment, attachment_id) or abort(404)
    _visible(session().get(Application, found.application_id))
    return download_response(found)


@bp.get(f"/applications/<{ID}:application_id>")
@login_required
def application(application_id: int):
    """One application: facts, claims with trace and clause, evidence, decisions, changes, audit trail."""
    return _render_application(_visible(session().get(Application, application_id)))


def _four_eyes_limit() -> int:
    return int(current_app.config.get("FOUR_EYES_LIMIT_YUAN", service.FOUR_EYES_LIMIT_YUAN))


def _refused(app_id: int, exc: service.CaseworkError, forms: dict | None = None, claim_id: int | None = None):
    """The application page again with the refusal, shown in the card of the claim it is about (the form posted to
    that card's anchor, so the page opens there): 409 when the claim's state forbids it, 422 for the input."""
    app = _visible(session().get(Application, app_id))
    state = isinstance(exc, (service.AlreadyApproved, service.DoublePayout)) or exc.field is None
    return _render_application(app, 409 if state else 422, forms, str(exc), claim_id)


@bp.post(f"/evidence/<{ID}:item_id>")
@login_required
def mark_evidence(item_id: int):
    """Mark one evidence item verified, rejected or missing, with a note."""
    item = session().get(EvidenceItem, item_id) or abort(404)
    app_id, claim_id = _visible(item.claim.application).id, item.claim_id
    form = EvidenceForm()
    if not form.validate():
        return _refused(app_id, service.CaseworkError(_form_problem(form), "note"), claim_id=claim_id)
    try:
        with db.transaction(session()):
            service.mark_evidence(session(), current_user.user, item_id, form.status.data, form.note.data or "")
    except service.CaseworkError as exc:
        return _refused(app_id, exc, claim_id=claim_id)
    flash("已记录材料核验结果", f"claim:{claim_id}")
    return redirect(url_for(".application", application_id=app_id, _anchor=f"claim-{claim_id}"), 303)


@bp.post(f"/claims/<{ID}:claim_id>/evidence")
@login_required
def mark_checklist(claim_id: int):
    """Save a claim's whole evidence checklist at once (fields ev<item id>-status and ev<item id>-note)."""
    claim = session().get(Claim, claim_id) or abort(404)
    app_id = _visible(claim.application).id
    if not PlainForm().validate():
        return _refused(app_id, service.CaseworkError("页面已过期,请刷新后重试"), claim_id=claim_id)
    marks = {item.id: (request.form.get(f"ev{item.id}-status", ""), request.form.get(f"ev{item.id}-note", ""))
             for item in claim.evidence if f"ev{item.id}-status" in request.form}
    try:
        with db.transaction(session()):
            changed = service.mark_checklist(session(), current_user.user, claim_id, marks)
    except service.CaseworkError as exc:
        return _refused(app_id, exc, claim_id=claim_id)
    flash(f"已保存材料核验结果,{len(changed)} 项有变化" if changed else "核验结果没有变化", f"claim:{claim_id}")
    return redirect(url_for(".application", application_id=app_id, _anchor=f"claim-{claim_id}"), 303)


def _form_problem(form: FlaskForm) -> str:
    if "csrf_token" in form.errors:
        return "页面已过期,请刷新后重试"
    return ";".join(message for messages in form.errors.values() for message in messages) or "提交有误,请重试"


@bp.post(f"/claims/<{ID}:claim_id>/decide")
@login_required
def decide(claim_id: int):
    """Approve (amount checked), reject (with a reason) or ask for more material; refused input is kept."""
    claim = session().get(Claim, claim_id) or abort(404)
    app_id = _visible(claim.application).id
    form = DecisionForm()
    if not form.validate():
        return _refused(app_id, service.CaseworkError(_form_problem(form), "form"), {claim_id: form}, claim_id)
    try:
        amount = parse_amount(form.amount_wan.data, "wan")
    except AmountError as exc:
        form.amount_wan.errors = [str(exc)]
        return _refused(app_id, service.CaseworkError(str(exc), "amount"), {claim_id: form}, claim_id)
    not_duplicate = (form.not_duplicate_reason.data or "").strip()
    if not_duplicate and not form.not_duplicate.data:
        form.not_duplicate.errors = ["请勾选确认,表示已核对不是同一项目"]
        return _refused(app_id, service.CaseworkError(form.not_duplicate.errors[0], "not_duplicate"),
                        {claim_id: form}, claim_id)
    try:
        with db.transaction(session()):
            decision = service.decide(session(), current_user.user, claim_id, form.outcome.data, amount,
                                      form.reason.data or "", not_duplicate_reason=not_duplicate,
                                      four_eyes_limit_yuan=_four_eyes_limit())
    except service.CaseworkError as exc:
        _attach(form, exc)
        return _refused(app_id, exc, {claim_id: form}, claim_id)
    decided = session().get(Claim, claim_id)
    if decided is not None and decided.status == "awaiting_second":
        flash(f"已批准 {format_wan(decision.amount_yuan or 0)},超过{format_yuan(_four_eyes_limit())},"
              "待另一位管理员复核后记入台账", f"claim:{claim_id}")
    else:
        flash("已记录决定", f"claim:{claim_id}")
    return redirect(url_for(".application", application_id=app_id, _anchor=f"claim-{claim_id}"), 303)


def _attach(form: DecisionForm, exc: service.CaseworkError) -> None:
    """Show a refusal beside the field it is about."""
    field = {"amount": form.amount_wan, "reason": form.reason, "not_duplicate_reason": form.not_duplicate_reason,
             "not_duplicate": form.not_duplicate}.get(exc.field or "")
    if field is not None:
        field.errors = [*field.errors, str(exc)]


@bp.post(f"/claims/<{ID}:claim_id>/confirm")
@role_required("admin")
def confirm(claim_id: int):
    """An admin other than the first approver confirms an approval above the four-eyes limit: the ledger entry."""
    claim = session().get(Claim, claim_id) or abort(404)
    app_id = _visible(claim.application).id
    form = ConfirmForm()
    if not form.validate():
        return _refused(app_id, service.CaseworkError(_form_problem(form)), claim_id=claim_id)
    try:
        with db.transaction(session()):
            service.confirm(session(), current_user.user, claim_id, form.reason.data or "")
    except service.CaseworkError as exc:
        return _refused(app_id, exc, claim_id=claim_id)
    flash("复核通过,已记入台账", f"claim:{claim_id}")
    return redirect(url_for(".application", application_id=app_id, _anchor=f"claim-{claim_id}"), 303)


@bp.post(f"/applications/<{ID}:application_id>/reevaluate")
@login_required
def reevaluate(application_id: int):
    """Evaluate the filed profile again under the current rules and show what changed."""
    app_id = _visible(session().get(Application, application_id)).id
    if not PlainForm().validate():
        return _refused(app_id, service.CaseworkError("页面已过期,请刷新后重试"))
    try:
        with db.transaction(session()):
            changes = service.reevaluate(session(), engine(), current_user.user,
                                         _visible(session().get(Application, app_id)))
    except service.CaseworkError as exc:
        return _refused(app_id, exc)
    flash(f"已按现行规则重新测算:{len(changes)} 项结果有变化" if changes else "已按现行规则重新测算:结果没有变化")
    return redirect(url_for(".application", application_id=app_id), 303)


@bp.post(f"/applications/<{ID}:application_id>/withdraw")
@login_required
def withdraw(application_id: int):
    """Withdraw a 免申 application the enterprise has not confirmed, with the reason (audited)."""
    app_id = _visible(session().get(Application, application_id)).id
    form = WithdrawForm()
    if not form.validate():
        return _refused(app_id, service.CaseworkError(_form_problem(form), "reason"), {"withdraw": form})
    try:
        with db.transaction(session()):
            service.withdraw_proactive(session(), _visible(session().get(Application, app_id)),
                                       current_user.user.username, form.reason.data or "")
    except service.CaseworkError as exc:
        return _refused(app_id, exc, {"withdraw": form})
    flash("已撤回这件免申申请")
    return redirect(url_for(".application", application_id=app_id), 303)


# --- the disbursement list ----------------------------------------------------------------------------------------

CHUNK = 64 * 1024


def _export(kind: str):
    problems: list[tuple[str, str]] = []
    today = clock.today()
    start = _date_arg("from", problems) or today.replace(month=1, day=1)
    end = _date_arg("to", problems) or today
    if problems:
        for _name, problem in problems:
            flash(problem.replace("已忽略", "请重新选择导出日期"), "error")
        return redirect(url_for(".queue"), 303)
    if _scope() == NO_CITY:
        abort(403)
    rows = export.disbursements(session(), start, end, city=_scope())
    scope = _scope()
    scope_name = division_name(scope) if scope else "全部城市"
    target = tempfile.TemporaryFile()
    try:
        if kind == "xlsx":
            export.write_xlsx(rows, target, f"奖补资金拨付清单({scope_name},批准日期 {start} 至 {end})")
        else:
            export.write_csv(rows, target)
        size = target.tell()
        target.seek(0)
    except BaseException:
        target.close()
        raise
    session().close()  # the rows are in the file: no need to hold a connection while the client downloads
    name = f"拨付清单_{scope_name}_{start}_{end}.{kind}"
    fallback = f"disbursements-{start}-{end}.{kind}"
    mimetype = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if kind == "xlsx"
                else "text/csv; charset=utf-8")
    return Response(_chunks(target), mimetype=mimetype, direct_passthrough=True, headers={
        "Content-Length": str(size),
        "Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"})


def _chunks(file):
    """The file's bytes in chunks, closing (and so deleting) it at the end."""
    try:
        while chunk := file.read(CHUNK):
            yield chunk
    finally:
        file.close()


@bp.get("/export.xlsx")
@login_required
def export_xlsx():
    """Approved awards of a period as an Excel workbook (拨付清单), the user's city only."""
    return _export("xlsx")


@bp.get("/export.csv")
@login_required
def export_csv():
    """Approved awards of a period as CSV, the user's city only."""
    return _export("csv")


# --- accounts -----------------------------------------------------------------------------------------------------

@bp.get("/users")
@role_required("admin")
def users():
    """Administrators: the bureau's accounts."""
    found = session().scalars(select(User).order_by(User.username)).all()
    return render_template("desk/users.html", users=found, cities={c: v["name"] for c, v in divisions().items()})


@bp.post(f"/users/<{ID}:user_id>/active")
@role_required("admin")
def toggle_user(user_id: int):
    """Administrators: disable or re-enable an account (audited); one cannot disable oneself."""
    user = session().get(User, user_id) or abort(404)
    if not PlainForm().validate():
        flash("页面已过期,请重试", "error")
        return redirect(url_for(".users"), 303)
    try:
        with db.transaction(session()):
            changed = set_active(session(), current_user.user, user_id, not user.active)
    except service.CaseworkError as exc:
        flash(str(exc), "error")
        return redirect(url_for(".users"), 303)
    flash(f"已{'启用' if changed.active else '停用'}账号 {changed.username}")
    return redirect(url_for(".users"), 303)
