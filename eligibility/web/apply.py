"""Applying from the self-check result, and the enterprise's own application page.

Under the result the enterprise chooses awards, gives the payee account and each claimed project's approval number or
title's document number, and the reason when the result is not as of today; it is warned about awards already
approved for it and applications still open for the same awards. It submits once and follows the application by
a private link, where it hands in the listed materials (uploads, checked and kept with a checksum, served only as
downloads) and answers 需补充材料.
"""
import uuid
from datetime import date
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_wtf import FlaskForm
from jinja2 import pass_context
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from .. import clock
from ..casework import attachments, db, frozen, held_checks, history, identity, service
from ..casework.identity import approval_number_problem, document_number_problem
from ..casework.models import Application
from ..casework.payee import PayeeError, mask_account, validate_payee
from ..casework.wording import APPLICATION_STATUSES, CLAIM_STATUSES_FOR_ENTERPRISE, EVIDENCE_STATUSES_FOR_ENTERPRISE
from ..money import format_wan
from ..profile import Profile
from ..result import CLAIMABLE, EvaluationResult
from ..vocabulary import vocabulary
from . import engine, limits, result_page
from .database import session
from .selfcheck import SelfCheckForm, hold, mine, parse_saved, profile_formdata, render_form

bp = Blueprint("apply", __name__, cli_group="attachments")
SUBMISSION_KEY_LENGTH = 32
# The number that identifies each claimed item (casework/identity.py), one field per project or title.
NUMBER_FIELDS = {"project": "approval-{}", "title": "title-number-{}"}
# Why an application may be evaluated as of a day other than its submission day, as the enterprise chooses it.
AS_OF_BASES = {
    "policy_end": "政策已到期,申请的事项发生在施行期内,按政策施行的最后一天测算",
    "notice": "按年度申报通知规定的测算基准日测算",
    "other": "其他原因",
}
OTHER_FILES = "other"  # the file field of materials not on the list (an answer's, or anything else asked for)


class PayeeForm(FlaskForm):
    """The account an award is paid to (户名, 开户行, 账号), as applying and confirming a 免申 application ask it."""

    payee_name = StringField("户名", render_kw={"maxlength": 200, "autocomplete": "organization"})
    payee_bank = StringField("开户行", render_kw={"maxlength": 100})
    payee_account = StringField("账号", render_kw={"maxlength": 60, "inputmode": "numeric", "autocomplete": "off"})


class ApplyForm(PayeeForm):
    """The saved self-check, its held result and one-time submission key, the payee account, the reason for the
    date; the chosen claims are checkboxes named `claim`, the claimed items' numbers fields named
    approval-<project index> and title-number-<title index>."""

    document = HiddenField()
    held = HiddenField()
    submission_key = HiddenField()
    as_of_basis = HiddenField()  # rendered as radio buttons by the template (choices depend on the result)
    as_of_note = TextAreaField("说明")


class ConfirmForm(PayeeForm):
    """The enterprise's confirmation of a 免申 application the bureau filed for it: its account and a declaration."""

    declaration = BooleanField("本单位承诺:所列信息真实、完整,同意按上列奖补办理;如有虚假,自愿退回资金并承担责任",
                               validators=[InputRequired(message="请勾选承诺后再确认")])


class DeclineForm(FlaskForm):
    reason = TextAreaField("不申请的原因", validators=[InputRequired(message="请简要说明不申请的原因"),
                                                   Length(max=400, message="最多400字")])


class FilesForm(FlaskForm):
    """The CSRF token of the upload, answer and withdraw forms on the application page (the files are read from
    request.files)."""

    answer = TextAreaField("答复说明")


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
                                    "status": item.status, "item": (item.subject, item.index), "warnings": []})
        else:
            amount = outcome.amount_yuan if outcome.status == "eligible" else outcome.potential_amount_yuan
            options.append({"value": outcome.rule_id, "outcome": outcome, "label": outcome.title,
                            "amount": amount, "status": outcome.status, "item": None, "warnings": []})
    return options


def _item_key(item: tuple[str, int] | None, profile: Profile | None) -> str | None:
    """The ledger key an option would be filed under, when the profile already says (None: not known yet)."""
    if item is None:
        return identity.ledger_key()
    kind, index = item
    try:
        if profile is None:
            return None
        if kind == "project":
            project = (profile.projects or [])[index]
            return identity.ledger_key(project.kind, project.approval_number)
        held = (profile.recognitions or [])[index]
        return identity.title_ledger_key(held.kind, held.level, held.document_number)
    except (identity.IdentityError, IndexError, TypeError, AttributeError):
        return None


def warn(options: list[dict], profile: Profile | None) -> None:
    """Add to each option what the bureau already holds for this enterprise: the award approved (the ledger, by
    credit code) or an application for it still open. Nothing more is said (no reference, date or amount): the
    self-check is anonymous and anyone may type a credit code."""
    if profile is None or not options:
        return
    try:
        found = history.of_enterprise(session(), profile.credit_code)
    except SQLAlchemyError:
        current_app.logger.warning("apply warnings skipped: storage unavailable", exc_info=True)
        return
    for option in options:
        rule_id = option["outcome"].rule_id
        key = _item_key(option["item"], profile)
        word = {"project": "项目", "title": "称号"}.get(option["item"][0] if option["item"] else "", "")
        approved, still_open = found.approved.get(rule_id, set()), found.open.get(rule_id, set())
        if key is not None and key in approved:
            option["warnings"].append(
                "本单位已获批准这项一次性奖励,不会重复拨付,请勿重复申请" if option["outcome"].one_off
                else "本单位已获批准过这项奖补;如是新发生的事项,可以再次申请")
        elif key is None and approved:
            option["warnings"].append(f"本单位已有{word}获批准这项奖补;同一{word}只奖励一次,请核对是否为另一{word}")
        if key is not None and key in still_open:
            option["warnings"].append("本单位已有这项奖补的申请正在办理中,请勿重复提交;进度和补充材料请用该申请的专用链接")
        elif key is None and still_open:
            option["warnings"].append(f"本单位已有{word}的这项奖补申请正在办理中;同一{word}请勿重复提交")


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


def as_of_bases(result: EvaluationResult) -> dict[str, str]:
    """The reasons offered for evaluating as of the result's date: 政策到期 only when it is a document's last day."""
    ends = {result_page.rerun_date(d) for d in result.documents} | {d.in_force.end for d in result.documents}
    return {key: label for key, label in AS_OF_BASES.items() if key != "policy_end" or result.as_of in ends}


def _submitted(held) -> Application | None:
    """The application already filed from this held result (its submission key), if any."""
    if held is None:
        return None
    try:
        return session().scalar(select(Application).where(Application.submission_key == held.submission_key))
    except SQLAlchemyError:
        return None


@bp.app_template_global()
@pass_context
def claim_section(context, result: EvaluationResult, document) -> Markup:
    """The claim form shown under a self-check result (with the errors of a refused submission, if any)."""
    profile = context.get("profile")
    held = g.get("held")
    draft = (held.apply_draft if held is not None else None) or {}
    values = g.get("apply_values") or draft.get("values", {})
    g.apply_values = values
    bases = as_of_bases(result)
    basis = values.get("as_of_basis") or ("policy_end" if "policy_end" in bases else "")
    form = ApplyForm(formdata=None, document=document.document.data, held=held.token if held else "",
                     submission_key=held.submission_key if held else uuid.uuid4().hex,
                     payee_name=values.get("payee_name", profile.name if profile else ""),
                     payee_bank=values.get("payee_bank", ""), payee_account=values.get("payee_account", ""),
                     as_of_basis=basis, as_of_note=values.get("as_of_note", ""))
    options = claimable(result)
    warn(options, profile)
    today = clock.today()
    # render_template's output is the autoescaped template: HTML already.
    return Markup(render_template(  # noqa: S704
        "apply/_claims.html", form=form, options=options, numbers=_number_fields(options, profile),
        error=g.get("apply_error") or draft.get("error"),
        field_errors=g.get("apply_field_errors") or draft.get("field_errors", {}),
        chosen=g.get("apply_chosen") or set(draft.get("chosen", [])), format_wan=format_wan,
        as_of=result.as_of, today=today, bases=bases, basis=basis, submitted=_submitted(held),
        rerun_document=document))


def _parse_claim(value: str) -> service.ClaimRequest:
    rule_id, _, index = value.partition("@")
    is_index = index.isascii() and index.isdigit() and len(index) <= 4
    return service.ClaimRequest(rule_id[:120], int(index) if is_index else None)


def _back_to_result(saved, message: str, field_errors: dict | None = None):
    """The result page again (by its address: post-redirect-get), with the messages beside the fields and
    everything the user entered kept; rendered in this response only when storage is unavailable."""
    draft = {"error": message, "field_errors": field_errors or {}, "chosen": request.form.getlist("claim"),
             "values": {key: request.form.get(key, "") for key in request.form
                        if key.startswith(("payee_", "approval-", "title-number-", "as_of_"))}}
    token = (request.form.get("held") or "").strip()
    try:
        with db.transaction(session()):
            kept = held_checks.keep_draft(session(), token, draft) if mine(token) else None
    except SQLAlchemyError:
        kept = None
    held_token = kept.token if kept is not None else hold(saved.profile, saved.as_of or clock.today(), draft=draft)
    if held_token is not None:
        return redirect(url_for("selfcheck.result", token=held_token, _anchor="apply"), 303)
    result = engine().evaluate(saved.profile, saved.as_of)
    g.apply_error, g.apply_field_errors = message, field_errors or {}
    g.apply_chosen, g.apply_values = set(draft["chosen"]), draft["values"]
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


def _as_of_reason(as_of: date) -> tuple[str | None, dict]:
    """The reason the enterprise gives for its result's date (None when it is today), or the errors beside it."""
    if as_of >= clock.today():
        return None, {}  # today needs none; a later day is refused by the service, with its message
    basis = request.form.get("as_of_basis", "")
    note = " ".join((request.form.get("as_of_note") or "").split())
    if basis not in AS_OF_BASES:
        return None, {"as_of_basis": f"本结果按{as_of.isoformat()}测算,不是提交当天:请选择按该日期测算的理由"}
    if basis == "other" and not note:
        return None, {"as_of_note": "请写明按该日期测算的理由"}
    if len(note) > service.MAX_AS_OF_REASON - 60:
        return None, {"as_of_note": f"说明最多{service.MAX_AS_OF_REASON - 60}字"}
    label = AS_OF_BASES[basis] if basis != "other" else "其他原因"
    return f"{label}(测算日期 {as_of.isoformat()})" + (f":{note}" if note else ""), {}


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
    as_of = saved.as_of or clock.today()
    reason, reason_errors = _as_of_reason(as_of)
    errors |= reason_errors
    if errors:
        return _back_to_result(saved, "申请内容有误,请按各项旁的提示修改", errors)
    db_session = session()
    try:
        with db.transaction(db_session):
            application = service.submit(db_session, engine(), profile, as_of, requests, key, payee,
                                         as_of_reason=reason)
    except service.CaseworkError as exc:
        return _back_to_result(saved, str(exc), {exc.field: str(exc)} if exc.field else None)
    except SQLAlchemyError:
        return render_template("apply/problem.html", message="暂时无法保存申请,请稍后再试,填报内容不会丢失"), 503
    flash(f"申请已提交,申请编号 {application.reference}。请保存下方的专用链接:凭它查看进度、上传材料。",
          f"application:{application.id}")
    return redirect(url_for("apply.status", token=application.access_token), code=303)


# --- the enterprise's application page ---------------------------------------------------------------------------

def folder() -> Path:
    """Where handed-in files are kept (config ATTACHMENTS_DIR, default instance/attachments)."""
    return Path(current_app.config.get("ATTACHMENTS_DIR") or Path(current_app.instance_path) / "attachments")


def _own(token: str) -> Application:
    application = service.by_token(session(), token)
    if application is None:
        abort(404)
    return application


def contacts(application: Application) -> list[dict]:
    """Per policy document of the claims: the 责任单位 named by the claimed measures, how and by when to apply."""
    first = application.determinations[0].result
    documents = frozen.documents(first)
    rulebook = engine().rulebook
    found: dict[str, dict] = {}
    for claim in application.claims:
        outcome = frozen.outcome(first, claim.rule_id, claim.item_index) or {}
        citation = outcome.get("citation", {})
        doc_id = citation.get("document_id")
        if doc_id is None:
            continue
        entry = found.setdefault(doc_id, {
            "document_id": doc_id, "title": citation.get("document_title", ""),
            "number": citation.get("document_number"), "issuer": citation.get("issuer", ""), "units": [],
            "note": documents.get(doc_id, {}).get("application_note", ""), "window": None})
        live = rulebook.documents.get(doc_id)
        if live is not None:
            entry["window"] = live.application_window
            entry["note"] = entry["note"] or live.application_note
        if claim.responsible and claim.responsible not in entry["units"]:
            entry["units"].append(claim.responsible)
    return list(found.values())


def _files_by_claim(application: Application) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for attachment in attachments.live(session(), application.id):
        found.setdefault(attachment.claim_id, {}).setdefault(attachment.evidence_item_id, []).append(attachment)
    return found


def render_status(application: Application, status: int = 200, errors: dict | None = None,
                  answers_typed: dict | None = None):
    """The application page; `errors` by claim id show in that claim's card, with the typed answer kept."""
    messages: list[tuple[str, str]] = get_flashed_messages(with_categories=True)  # type: ignore[assignment]
    approved = [c for c in application.claims if c.status == "approved" and c.ledger_entry is not None]
    approved_total: int = sum(c.ledger_entry.amount_yuan or 0 for c in approved if c.ledger_entry is not None)
    return render_template(
        "apply/status.html", application=application, format_wan=format_wan, mask_account=mask_account,
        link=url_for("apply.status", token=application.access_token, _external=True),
        contacts=contacts(application), files=_files_by_claim(application),
        answers=attachments.answers_of(session(), application.id), form=FilesForm(formdata=None),
        claim_statuses=CLAIM_STATUSES_FOR_ENTERPRISE, application_statuses=APPLICATION_STATUSES,
        evidence_statuses=EVIDENCE_STATUSES_FOR_ENTERPRISE, open_statuses=attachments.OPEN, accept=attachments.ACCEPT,
        max_file_mb=int(current_app.config["MAX_ATTACHMENT_LENGTH"]) // 1024 // 1024,
        max_request_mb=int(current_app.config["MAX_ATTACHMENTS_REQUEST_LENGTH"]) // 1024 // 1024,
        approved_total=approved_total, approved=approved,
        first=application.determinations[0], errors=errors or {}, typed=answers_typed or {},
        # Messages are kept for the page they are about: one browser may follow several applications.
        top=[m for c, m in messages if c == f"application:{application.id}"],
        notices={int(c.split(":")[1]): m for c, m in messages if c.startswith("claim:")}), status


@bp.get("/applications/<token>")
def status(token: str):
    """The enterprise's own application, by its private link."""
    return render_status(_own(token))


def _render_confirm(application: Application, form: ConfirmForm, status: int = 200,
                    decline: "DeclineForm | None" = None):
    return render_template("apply/confirm.html", application=application, form=form, format_wan=format_wan,
                           first=application.determinations[0], decline=decline or DeclineForm(formdata=None)), status


@bp.get("/applications/<token>/confirm")
def confirm(token: str):
    """A 免申 application the bureau filed (主动发现): what it claims, and the form that confirms it."""
    application = _own(token)
    if application.status != "unconfirmed":
        return redirect(url_for("apply.status", token=token), 303)
    return _render_confirm(application, ConfirmForm(formdata=None, payee_name=application.enterprise.name))


@bp.post("/applications/<token>/confirm")
def confirm_submit(token: str):
    """Confirm a 免申 application: the account checked as any applicant's, the declaration ticked; then the claims go
    to the desk's queue."""
    application = _own(token)
    form = ConfirmForm()
    if application.status != "unconfirmed":
        return redirect(url_for("apply.status", token=token), 303)
    valid = form.validate()
    try:
        payee = validate_payee(form.payee_name.data, form.payee_bank.data, form.payee_account.data,
                               application.enterprise.name)
    except PayeeError as exc:
        for name, message in exc.errors.items():
            getattr(form, name).errors = [message]
        valid = False
    if not valid:
        return _render_confirm(application, form, 400)
    try:
        with db.transaction(session()):
            service.confirm_by_enterprise(session(), application, payee)
    except service.CaseworkError as exc:
        flash(str(exc), f"application:{application.id}")
        return redirect(url_for("apply.status", token=token), 303)
    flash("已确认。申请已转入工信局审核,请在本页上传所列材料并留意进度", f"application:{application.id}")
    return redirect(url_for("apply.status", token=token), 303)


@bp.post("/applications/<token>/decline")
def decline(token: str):
    """The enterprise does not want the 免申 application the bureau filed for it: withdrawn, with its words."""
    application = _own(token)
    form = DeclineForm()
    if application.status != "unconfirmed":
        return redirect(url_for("apply.status", token=token), 303)
    if not form.validate():
        return _render_confirm(application, ConfirmForm(formdata=None, payee_name=application.enterprise.name),
                               400, form)
    try:
        with db.transaction(session()):
            service.withdraw_proactive(session(), application, f"企业:{application.enterprise.credit_code}",
                                       f"企业不申请:{form.reason.data}")
    except service.CaseworkError as exc:
        flash(str(exc), f"application:{application.id}")
    else:
        flash("已撤回。本单位不申请这些奖补;如有误,请联系工信局", f"application:{application.id}")
    return redirect(url_for("apply.status", token=token), 303)


def _staged_files(batch: attachments.Batch, claim_id: int, application: Application) -> None:
    """Every file chosen in the claim's form, staged under a temporary name: field file-<evidence item id> for a
    listed material, file-other for anything else."""
    claim = next((c for c in application.claims if c.id == claim_id), None)
    items = {str(item.id): item.id for item in claim.evidence} if claim else {}
    for field, storage in request.files.items(multi=True):
        if not storage or not storage.filename:
            continue  # an empty file input
        suffix = field.removeprefix("file-")
        if suffix != OTHER_FILES and suffix not in items:
            raise attachments.UploadError("没有这项材料")
        batch.add(storage.stream, storage.filename, None if suffix == OTHER_FILES else items[suffix])


def _actor(application: Application) -> str:
    return f"企业:{application.enterprise.credit_code}"


@bp.post("/applications/<token>/claims/<int:claim_id>/files")
def upload(token: str, claim_id: int):
    """Hand in files for a claim's materials: stored, then the page again (post-redirect-get) with the outcome in
    the claim's card."""
    application = _own(token)
    back = redirect(url_for(".status", token=token, _anchor=f"claim-{claim_id}"), 303)
    if not FilesForm().validate():
        flash("页面已过期,请重新选择文件上传", f"claim:{claim_id}")
        return back
    try:
        with attachments.Batch(folder(), int(current_app.config["MAX_ATTACHMENT_LENGTH"])) as batch:
            _staged_files(batch, claim_id, application)
            with db.transaction(session()):
                added = attachments.record(session(), batch, application, claim_id, _actor(application))
            batch.committed()
    except service.CaseworkError as exc:
        flash(f"未上传:{exc}", f"claim:{claim_id}")
        return back
    flash(f"已上传 {len(added)} 个文件:" + "、".join(a.original_name for a in added), f"claim:{claim_id}")
    return back


@bp.post("/applications/<token>/claims/<int:claim_id>/answer")
def answer(token: str, claim_id: int):
    """Answer 需补充材料 with words and files: the claim returns to review; a refusal keeps the words typed."""
    application = _own(token)
    form = FilesForm()
    text = form.answer.data or ""
    if not form.validate():
        return render_status(application, 400, {claim_id: "页面已过期,请重新提交"}, {claim_id: text})
    try:
        with attachments.Batch(folder(), int(current_app.config["MAX_ATTACHMENT_LENGTH"])) as batch:
            _staged_files(batch, claim_id, application)
            with db.transaction(session()):
                attachments.answer(session(), batch, application, claim_id, text, _actor(application))
            batch.committed()
    except service.CaseworkError as exc:
        session().expire_all()
        return render_status(_own(token), 422, {claim_id: str(exc)}, {claim_id: text})
    flash("已提交答复,经办人将重新审核", f"claim:{claim_id}")
    return redirect(url_for(".status", token=token, _anchor=f"claim-{claim_id}"), 303)


@bp.post("/applications/<token>/files/<int:attachment_id>/withdraw")
def withdraw(token: str, attachment_id: int):
    """Take back a file handed in by mistake (before it is verified); the file is deleted, its record kept."""
    application = _own(token)
    found = session().get(attachments.Attachment, attachment_id) if 0 < attachment_id < 2**63 else None
    claim_id = found.claim_id if found is not None and found.application_id == application.id else 0
    back = redirect(url_for(".status", token=token, _anchor=f"claim-{claim_id}" if claim_id else None), 303)
    if not FilesForm().validate():
        flash("页面已过期,请重试", f"claim:{claim_id}")
        return back
    try:
        with db.transaction(session()):
            withdrawn = attachments.withdraw(session(), application, attachment_id, _actor(application))
    except service.CaseworkError as exc:
        flash(str(exc), f"claim:{claim_id}" if claim_id else f"application:{application.id}")
        return back
    attachments.remove_file(folder(), withdrawn)
    flash(f"已撤回“{withdrawn.original_name}”", f"claim:{claim_id}")
    return back


def download_response(attachment: "attachments.Attachment"):
    """A handed-in file as a download, never shown in the browser: attachment, its checked type, nosniff, no script."""
    path = attachments.path_of(folder(), attachment)
    if path is None:
        abort(404)
    response = send_file(path, mimetype=attachment.media_type, as_attachment=True,
                         download_name=attachment.original_name, max_age=0, conditional=False, etag=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/applications/<token>/files/<int:attachment_id>")
def download(token: str, attachment_id: int):
    """A file of this application, to its private link only."""
    application = _own(token)
    found = session().get(attachments.Attachment, attachment_id) if 0 < attachment_id < 2**63 else None
    if found is None or found.application_id != application.id:
        abort(404)
    return download_response(found)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_exc):
    """Files over the limit of one submission: the application page again, saying so in the claim's card."""
    args = request.view_args or {}
    limit = int(current_app.config["MAX_ATTACHMENTS_REQUEST_LENGTH"]) // 1024 // 1024
    if request.endpoint in ("apply.upload", "apply.answer") and "token" in args:
        claim_id = args.get("claim_id", 0)
        flash(f"未上传:所选文件合计超过 {limit} MB,请分次上传(每个文件不超过 "
              f"{int(current_app.config['MAX_ATTACHMENT_LENGTH']) // 1024 // 1024} MB)", f"claim:{claim_id}")
        return redirect(url_for(".status", token=args["token"], _anchor=f"claim-{claim_id}"), 303)
    return limits.too_large(_exc)


@bp.cli.command("sweep")
def sweep_command():
    """Remove files that failed or killed uploads left in the attachments folder (run from cron, e.g. hourly)."""
    import click
    with current_app.extensions["db_sessions"]() as s:
        removed = attachments.sweep(s, folder())
    click.echo(f"已清理 {len(removed)} 个遗留文件")
