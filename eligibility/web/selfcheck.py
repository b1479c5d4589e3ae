"""The enterprise self-check (自查) in the browser: the form at /, the result at /result/<token>, JSON save/load.

Post-redirect-get: a submitted form is evaluated, its profile and date are held on the server for a short while
(casework/held_checks.py) under a random token that only this browser's signed session lists, and the browser is
sent to the result page, a GET, so Back and reload work. Nothing else is kept; the JSON file the enterprise
downloads is its own record.
"""
import json
from datetime import date, timedelta
from decimal import Decimal

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, url_for
from flask import session as cookie
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import MultiDict

from .. import clock
from ..casework import db, held_checks
from ..compiler import AnyOf, Leaf
from ..errors import chinese_errors
from ..facts import FACTS, year_ended
from ..money import WAN, AmountError, format_wan, format_yuan, parse_amount, read_amount
from ..profile import Profile
from ..profile_summary import IMPLAUSIBLE_YUAN, entered_facts
from ..result import STATUS_LABELS, STATUS_MEANINGS
from ..vocabulary import city_of, divisions, vocabulary
from . import engine, result_page
from .database import session as database_session
from .forms import AMOUNT_FIELDS, DocumentForm, RerunForm, SelfCheckForm, UploadForm

bp = Blueprint("selfcheck", __name__, url_prefix="")

ROW_LISTS = ("sales", "recognitions", "projects")
# Questions always asked: who the enterprise is and where, and the date of the check.
ALWAYS = ("name", "credit_code", "division_code", "as_of")


class SavedCheck(BaseModel):
    """A downloaded self-check: the profile and date (the result, when present, is ignored on upload)."""

    model_config = ConfigDict(extra="ignore")

    profile: Profile
    as_of: date | None = None


# --- why each question is asked -------------------------------------------------------------------------------

def _leaves(nodes):
    for node in nodes:
        if isinstance(node, Leaf):
            yield node
        elif isinstance(node, AnyOf):
            yield from _leaves(node.children)


def question_rules() -> dict[str, dict[str, list[str]]]:
    """For each profile question, the titles of the rules (by city code) whose conditions need its answer."""
    eng = engine()
    cached = current_app.extensions.get("selfcheck_questions")
    if cached is not None:
        return cached
    found: dict[str, dict[str, list[str]]] = {}
    for rule in eng.rules:
        city = city_of(rule.document.jurisdiction.division_code)
        facts = [leaf.fact for leaf in _leaves(rule.conditions[1:])]  # [0] is the jurisdiction test
        if rule.rule.award.base_fact:
            facts.append(rule.rule.award.base_fact)
        for fact in facts:
            question = FACTS[fact].question
            for key in {question, question.split(".")[0]}:
                titles = found.setdefault(key, {}).setdefault(city, [])
                if rule.rule.title not in titles:
                    titles.append(rule.rule.title)
    current_app.extensions["selfcheck_questions"] = found
    return found


# --- form → profile ---------------------------------------------------------------------------------------------

def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _tri(value: str):
    return {"yes": True, "no": False}.get(value)




def amount_readback(text: str | None) -> dict | None:
    """What an amount field's text is read as ("= 9亿元"), and a warning when it is implausibly large."""
    try:
        yuan = parse_amount(text)
    except AmountError:
        return None
    if yuan is None:
        return None
    warning = None
    if abs(yuan) >= IMPLAUSIBLE_YUAN:
        value, multiplier = read_amount(text) or (Decimal(0), 0)  # read already: parse_amount gave a number
        warning = "金额异常大,请核对单位:本栏按万元填写"
        if multiplier == WAN and value == value.to_integral_value():
            warning += f";如果 {int(value)} 是按元计的金额,应填 {format_wan(int(value)).removesuffix('万元')}"
    return {"text": f"= {format_yuan(yuan)}", "warning": warning}


def _amount(field, errors: list) -> int | None:
    """A form field's amount in whole 元; a bad entry gets its message beside the field."""
    try:
        return parse_amount(field.data)
    except AmountError as exc:
        errors.append((field, str(exc)))
        return None


def _add_error(field, message: str):
    field.errors = [*(field.errors or []), message]


def read_form(form: SelfCheckForm):
    """The profile dict and as-of date the form describes, with every error attached to its field.

    Returns (profile or None, as_of or None, form_errors).
    """
    own: list = []
    data: dict = {"name": form.name.data or "", "credit_code": form.credit_code.data or "",
                  "division_code": form.division_code.data or "", "entity_kind": form.entity_kind.data or "enterprise"}
    for name in ("strategic_emerging", "above_designated_size"):
        data[name] = _tri(getattr(form, name).data)
    data["industry_code"] = None if _blank(form.industry_code.data) else form.industry_code.data
    data["scale"] = form.scale.data or None
    data["ownership"] = form.ownership.data or None
    data["controlled_by"] = form.controlled_by.data or None
    tags = form.sector_tags.data or []
    data["sector_tags"] = list(tags) if (tags or form.sector_state.data == "yes") else None

    sales_rows: dict[int, object] = {}
    sales: dict[int, int] = {}
    for row in form.sales:
        year_field, amount_field = row.form.year, row.form.amount
        if _blank(year_field.data) and _blank(amount_field.data):
            continue
        year_text = (year_field.data or "").strip()
        if not year_text.isdigit():
            own.append((year_field, "年度应为四位数字,如 2019"))
            _amount(amount_field, own)
            continue
        year = int(year_text)
        amount = _amount(amount_field, own)
        if _blank(amount_field.data):
            own.append((amount_field, "请填写该年度的年销售收入"))
        if year in sales_rows:
            own.append((year_field, f"{year}年度重复填写"))
            continue
        sales_rows[year] = row
        if amount is not None:
            sales[year] = amount
    data["sales_yuan_by_year"] = sales if sales_rows else None

    recognition_rows, recognitions = [], []
    for row in form.recognitions:
        sub = row.form
        texts = (sub.kind, sub.level, sub.obtained_on, sub.valid_until, sub.document_number, sub.renewal_of)
        if all(_blank(f.data) for f in texts):
            continue
        recognition_rows.append(row)
        recognitions.append({"kind": sub.kind.data, "level": sub.level.data or None,
                             "obtained_on": sub.obtained_on.data or None,
                             **{name: None if _blank(getattr(sub, name).data) else getattr(sub, name).data
                                for name in ("valid_until", "document_number", "renewal_of")}})
    data["recognitions"] = recognitions if (recognitions or form.recognition_state.data == "yes") else None

    project_rows, projects = [], []
    for row in form.projects:
        sub = row.form
        fields = (sub.name, sub.kind, sub.approved_on, sub.approval_number, sub.new_investment, sub.national_grant,
                  sub.provincial_grant)
        if all(_blank(f.data) for f in fields):
            continue
        project_rows.append(row)
        item = {"name": sub.name.data or "", "kind": sub.kind.data, "approved_on": sub.approved_on.data or None,
                "approval_number": None if _blank(sub.approval_number.data) else sub.approval_number.data}
        for field_name, key in AMOUNT_FIELDS.items():
            item[key] = _amount(getattr(sub, field_name), own)
        projects.append(item)
    data["projects"] = projects if (projects or form.project_state.data == "yes") else None

    as_of = None
    try:
        as_of = date.fromisoformat((form.as_of.data or "").strip()) if not _blank(form.as_of.data) else clock.today()
    except ValueError:
        own.append((form.as_of, "日期格式应为YYYY-MM-DD"))

    form_errors: list[str] = []
    profile = None
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        for error in chinese_errors(exc):
            target = _field_for(form, error.field.split("."), sales_rows, recognition_rows, project_rows)
            if target is None:
                form_errors.append(f"{error.field}:{error.message}")
            else:
                own.append((target, error.message))
    for field, message in own:
        _add_error(field, message)
    if own or form_errors:
        return None, None, form_errors
    return profile, as_of, form_errors


_PROFILE_TO_FORM = {"new_investment_yuan": "new_investment", "national_grant_yuan": "national_grant",
                    "provincial_grant_yuan": "provincial_grant"}


def _field_for(form, path: list[str], sales_rows: dict, recognition_rows: list, project_rows: list):
    """The form field a pydantic error path points at, or None for a form-level error."""
    head = path[0]
    if head == "sales_yuan_by_year":
        if len(path) > 1 and path[1].lstrip("-").isdigit() and int(path[1]) in sales_rows:
            row = sales_rows[int(path[1])].form
            return row.year if len(path) > 2 and path[2] == "[key]" else row.amount
        if sales_rows:  # a year out of range: the validator names the year in its message
            return next(iter(sales_rows.values())).form.year
        return None
    if head in ("recognitions", "projects"):
        rows = recognition_rows if head == "recognitions" else project_rows
        if len(path) > 1 and path[1].isdigit() and int(path[1]) < len(rows):
            sub = rows[int(path[1])].form
            if len(path) > 2:
                return getattr(sub, _PROFILE_TO_FORM.get(path[2], path[2]), None) or sub.kind
            return sub.level if head == "recognitions" else sub.kind
        return None
    if head == "sector_tags":
        return form.sector_tags
    return getattr(form, head, None) if head in form._fields else None


# --- profile → form (a loaded JSON file) ----------------------------------------------------------------------

def _wan_text(yuan: int | None) -> str:
    return "" if yuan is None else format_wan(yuan).removesuffix("万元")


def profile_formdata(profile: Profile, as_of: date | None) -> MultiDict:
    """The form's fields for a profile, amounts in 万元."""
    yes_no = {True: "yes", False: "no", None: ""}
    items: list[tuple[str, str]] = [
             ("name", profile.name), ("credit_code", profile.credit_code), ("division_code", profile.division_code),
             ("entity_kind", profile.entity_kind), ("strategic_emerging", yes_no[profile.strategic_emerging]),
             ("industry_code", profile.industry_code or ""), ("scale", profile.scale or ""),
             ("ownership", profile.ownership or ""), ("controlled_by", profile.controlled_by or ""),
             ("above_designated_size", yes_no[profile.above_designated_size]),
             ("as_of", (as_of or clock.today()).isoformat())]
    if profile.sector_tags is not None:
        items.append(("sector_state", "yes"))
        items += [("sector_tags", tag) for tag in profile.sector_tags]
    for i, (year, yuan) in enumerate((profile.sales_yuan_by_year or {}).items()):
        items += [(f"sales-{i}-year", str(year)), (f"sales-{i}-amount", _wan_text(yuan))]
    if profile.recognitions is not None:
        items.append(("recognition_state", "yes"))
    for i, item in enumerate(profile.recognitions or []):
        items += [(f"recognitions-{i}-kind", item.kind), (f"recognitions-{i}-level", item.level),
                  (f"recognitions-{i}-obtained_on", item.obtained_on.isoformat()),
                  (f"recognitions-{i}-valid_until", item.valid_until.isoformat() if item.valid_until else ""),
                  (f"recognitions-{i}-document_number", item.document_number or ""),
                  (f"recognitions-{i}-renewal_of", item.renewal_of or "")]
    if profile.projects is not None:
        items.append(("project_state", "yes"))
    for i, project in enumerate(profile.projects or []):
        items += [(f"projects-{i}-name", project.name), (f"projects-{i}-kind", project.kind),
                  (f"projects-{i}-approved_on", project.approved_on.isoformat()),
                  (f"projects-{i}-approval_number", project.approval_number or "")]
        items += [(f"projects-{i}-{field}", _wan_text(getattr(project, key)))
                  for key, field in _PROFILE_TO_FORM.items()]
    return MultiDict(items)


def _edited_formdata(formdata: MultiDict) -> tuple[MultiDict, bool]:
    """Rows ticked 删除此行 removed (on any submit); "更新表格" without JavaScript adds a blank row to each list.

    Returns the edited data and whether the rows were being edited (re-show the form rather than evaluate). The row
    controls are checkboxes and a button placed after 测算, so Enter in a field always means 测算.
    """
    data = MultiDict(formdata)
    for row in data.poplist("remove_row"):
        if row.split("-")[0] in ROW_LISTS:
            for key in [k for k in data if k.startswith(row + "-")]:
                data.poplist(key)
    if data.pop("edit_rows", None) is None:
        return data, False
    for name in ROW_LISTS:
        indices = [int(k.split("-")[1]) for k in data if k.startswith(name + "-") and k.split("-")[1].isdigit()]
        first = {"sales": "year", "recognitions": "kind", "projects": "name"}[name]
        data[f"{name}-{max(indices, default=-1) + 1}-{first}"] = ""
    return data, True


# --- pages ---------------------------------------------------------------------------------------------------------

def _cities() -> dict[str, str]:
    return {code: city["name"] for code, city in divisions().items()}


def render_form(form: SelfCheckForm, status: int = 200, message: str | None = None, form_errors=(), result=None,
                profile=None, as_of=None):
    """The form page, or the result page when there is a result."""
    chosen = form.division_code.data
    city = city_of(chosen) if chosen else None
    context = {
        "form": form, "upload": UploadForm(), "questions": question_rules(), "cities": _cities(),
        "city": city, "message": message, "form_errors": list(form_errors), "vocab": vocabulary(),
        "row_templates": _row_templates(), "open_years": _open_years(form), "readback": amount_readback,
        "implausible_yuan": IMPLAUSIBLE_YUAN, "held_hours": held_hours(),
    }
    if result is not None:
        document = DocumentForm(formdata=None, document=json.dumps(
            {"profile": profile.model_dump(mode="json"), "as_of": as_of.isoformat()}, ensure_ascii=False))
        facts = entered_facts(profile)
        return render_template(
            "selfcheck/result.html", result=result, document=document, profile=profile, format_wan=format_wan,
            format_yuan=format_yuan, sections=result_page.sections(result), section_titles=result_page.SECTIONS,
            facts=facts, fact_warnings=[w for line in facts for w in line.warnings],
            in_force=result_page.any_in_force(result), rerun_date=result_page.rerun_date,
            quantified=result_page.any_quantified(result),
            responsible_of=result_page.responsible_of, status_meanings=STATUS_MEANINGS,
            status_labels=STATUS_LABELS, **context), status
    errors = error_summary(form, [*form_errors, *([message] if message and status >= 400 else [])])
    if status >= 400:
        context["message"] = None  # told in the error summary
    return render_template("selfcheck/form.html", error_list=errors, **context), status


ROW_LABELS = {"sales": "年销售收入", "recognitions": "认定、称号", "projects": "项目"}


def error_summary(form: SelfCheckForm, form_errors=()) -> list[dict]:
    """Every error on the page in the order of the form: the field's id, what it is, and the message."""
    found = []
    for field in form:
        if field.name in ROW_LISTS:
            for position, row in enumerate(field, start=1):
                for sub in row.form:
                    for message in sub.errors or []:
                        row_label = f"{ROW_LABELS[field.name]}第{position}行 · {sub.label.text}"
                        found.append({"id": sub.id, "label": row_label, "message": message})
            continue
        if field.type in ("CSRFTokenField", "HiddenField"):
            continue
        target = f"{field.id}-0" if field.name == "sector_tags" else field.id
        for message in field.errors or []:
            label: str | None = None if message.startswith(field.label.text) else field.label.text
            found.append({"id": target, "label": label, "message": message})
    found += [{"id": None, "label": None, "message": message} for message in form_errors]
    return found


def _open_years(form: SelfCheckForm) -> dict[str, str]:
    """Sales rows whose year has not ended by the as-of date, with the warning shown beside them."""
    try:
        as_of = date.fromisoformat((form.as_of.data or "").strip()) if not _blank(form.as_of.data) else clock.today()
    except ValueError:
        return {}
    warnings = {}
    for row in form.sales:
        text = (row.form.year.data or "").strip()
        if text.isdigit() and len(text) == 4 and not year_ended(int(text), as_of):
            warnings[row.form.year.id] = f"{text}年度到{as_of.isoformat()}尚未结束,不计入测算(年度结束后才能计入)"
    return warnings


def _row_templates():
    """Blank rows for the page's script to copy, with the placeholder index __i__."""
    from .forms import ProjectRow, RecognitionRow, SalesRow
    return {"sales": SalesRow(prefix="sales-__i__-"), "recognitions": RecognitionRow(prefix="recognitions-__i__-"),
            "projects": ProjectRow(prefix="projects-__i__-")}


@bp.get("/")
def form_page():
    """The empty self-check form."""
    return render_form(SelfCheckForm())


@bp.post("/")
def submit():
    """Evaluate the form and show the result by its own address; re-render the form with messages beside the
    fields when an answer is wrong."""
    formdata, edited = _edited_formdata(request.form)
    form = SelfCheckForm(formdata=formdata)
    if not form.validate():  # CSRF and the select choices; the profile itself is validated by pydantic below
        return render_form(form, 400, "页面已过期或提交有误,请检查后重新提交")
    if edited:
        return render_form(form)
    profile, as_of, form_errors = read_form(form)
    if profile is None:
        return render_form(form, 422, None, form_errors)
    return show_result(profile, as_of)


@bp.post("/selfcheck/rerun")
def rerun():
    """The same profile evaluated again on another date: an ended document's last day in force, or today."""
    carrier = RerunForm()
    if not carrier.validate():
        return render_form(SelfCheckForm(formdata=None), 400, "页面已过期,请重新提交")
    saved, problem = parse_saved(carrier.document.data or "")
    if saved is None:
        return render_form(SelfCheckForm(formdata=None), 400, problem)
    try:
        as_of = date.fromisoformat((carrier.as_of.data or "").strip())
    except ValueError:
        return render_form(SelfCheckForm(formdata=None), 400, "测算日期格式应为YYYY-MM-DD")
    return show_result(saved.profile, as_of,
                       f"已按{as_of.year}年{as_of.month}月{as_of.day}日重新测算,填报内容不变。")


# --- the result by its own address (post-redirect-get) -------------------------------------------------------------

HELD = "held_checks"  # the session's list of result tokens this browser may open, newest last
MAX_HELD = 5


def held_ttl() -> timedelta:
    """How long a result is held (config HELD_CHECK_TTL, seconds)."""
    return timedelta(seconds=int(current_app.config["HELD_CHECK_TTL"]))


def hold(profile: Profile, as_of: date, message: str | None = None, draft: dict | None = None) -> str | None:
    """Hold a result for this browser and list its token in the browser's session; None when storage fails."""
    tokens = [t for t in cookie.get(HELD, []) if isinstance(t, str)][-MAX_HELD:]
    keep, drop = tokens[-(MAX_HELD - 1):], tokens[:-(MAX_HELD - 1)]
    document = {"profile": profile.model_dump(mode="json"), "as_of": as_of.isoformat()}
    db_session = database_session()
    try:
        with db.transaction(db_session):
            held = held_checks.hold(db_session, document, message, held_ttl(), drop)
            if draft is not None:
                held.apply_draft = draft
    except SQLAlchemyError:
        current_app.logger.warning("self-check result not held: storage unavailable", exc_info=True)
        return None
    cookie[HELD] = [*keep, held.token]
    return held.token


def show_result(profile: Profile, as_of: date, message: str | None = None):
    """Redirect to the held result; when storage is unavailable, render it in this response instead."""
    token = hold(profile, as_of, message)
    if token is not None:
        return redirect(url_for("selfcheck.result", token=token), 303)
    result = engine().evaluate(profile, as_of)
    form = SelfCheckForm(formdata=profile_formdata(profile, as_of))
    return render_form(form, message=message, result=result, profile=profile, as_of=as_of)


def held_hours() -> str:
    """How long a result is held, in words for the page (2 小时, 30 分钟)."""
    seconds = int(held_ttl().total_seconds())
    return f"{seconds // 3600} 小时" if seconds % 3600 == 0 else f"{max(1, seconds // 60)} 分钟"


def mine(token: str) -> bool:
    """Whether this browser made the held result."""
    return token in cookie.get(HELD, [])


@bp.get("/result/<token>")
def result(token: str):
    """A held self-check result, for the browser that made it while it is held."""
    held = held_checks.find(database_session(), token) if mine(token) else None
    if held is None:
        return render_template("selfcheck/expired.html", held_hours=held_hours()), 404
    saved = SavedCheck.model_validate(held.document)
    g.held = held
    outcome = engine().evaluate(saved.profile, saved.as_of)
    form = SelfCheckForm(formdata=profile_formdata(saved.profile, saved.as_of))
    response = current_app.make_response(render_form(form, message=held.message, result=outcome,
                                                     profile=saved.profile, as_of=saved.as_of))
    response.headers["Cache-Control"] = "no-store"  # one enterprise's figures: never kept by a browser or proxy
    return response


def parse_saved(text: str) -> tuple[SavedCheck | None, str | None]:
    """A saved self-check from its JSON text, or a Chinese message saying what is wrong with it."""
    try:
        return SavedCheck.model_validate_json(text), None
    except ValidationError as exc:
        errors = chinese_errors(exc)
        detail = ";".join(f"{e.field}:{e.message}" if e.field else e.message for e in errors[:5])
        return None, f"文件内容有误,无法载入:{detail}"


def _download(saved: SavedCheck) -> Response:
    as_of = saved.as_of or clock.today()
    result = engine().evaluate(saved.profile, as_of)
    body = {"profile": saved.profile.model_dump(mode="json"), "as_of": as_of.isoformat(),
            "result": result.model_dump(mode="json")}
    name = f"selfcheck-{saved.profile.credit_code}-{as_of.isoformat()}.json"
    return Response(json.dumps(body, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.post("/selfcheck.json")
def download():
    """The profile, date and result as a JSON file, from the result page's saved document or the full form."""
    if "document" in request.form:
        document = DocumentForm()
        if not document.validate():
            return render_form(SelfCheckForm(formdata=None), 400, "页面已过期,请重新提交")
        saved, problem = parse_saved(document.document.data or "")
        if saved is None:
            return render_form(SelfCheckForm(formdata=None), 400, problem)
        return _download(saved)
    form = SelfCheckForm()
    if not form.validate():
        return render_form(form, 400, "页面已过期或提交有误,请检查后重新提交")
    profile, as_of, form_errors = read_form(form)
    if profile is None:
        return render_form(form, 422, None, form_errors)
    return _download(SavedCheck(profile=profile, as_of=as_of))


@bp.post("/selfcheck/load")
def load():
    """Load a saved JSON file (uploaded, or carried by the result page) back into the form to edit it."""
    if "document" in request.form:
        carrier, text = DocumentForm(), request.form.get("document", "")
    else:
        carrier = UploadForm()
        upload = request.files.get("file")
        text = upload.read().decode("utf-8", errors="replace") if upload else ""
    if not carrier.validate():
        return render_form(SelfCheckForm(formdata=None), 400, "页面已过期,请重新提交")
    if not text.strip():
        return render_form(SelfCheckForm(formdata=None), 400, "请选择一个已保存的自查文件(JSON)")
    saved, problem = parse_saved(text)
    if saved is None:
        return render_form(SelfCheckForm(formdata=None), 400, problem)
    form = SelfCheckForm(formdata=profile_formdata(saved.profile, saved.as_of))
    return render_form(form, message="已载入保存的自查内容,可修改后重新测算")

