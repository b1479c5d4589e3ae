"""The enterprise self-check (自查) in the browser: the form at /, the result from the same POST, JSON save/load.

Nothing is stored: the profile lives in the page and in the JSON file the enterprise downloads.
"""
import json
from datetime import date

from flask import Blueprint, Response, render_template, request
from pydantic import BaseModel, ConfigDict, ValidationError
from werkzeug.datastructures import MultiDict

from .. import clock
from ..errors import chinese_errors
from ..compiler import AnyOf, Leaf
from ..facts import FACTS
from ..money import AmountError, format_wan, parse_amount
from ..profile import Profile
from ..vocabulary import city_of, divisions, vocabulary
from . import engine
from .forms import AMOUNT_FIELDS, DocumentForm, SelfCheckForm, UploadForm

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
    cached = getattr(eng, "_selfcheck_questions", None)
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
    eng._selfcheck_questions = found
    return found


# --- form → profile ---------------------------------------------------------------------------------------------

def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _tri(value: str):
    return {"yes": True, "no": False}.get(value)


def _amount(field, unit: str, errors: list) -> int | None:
    """An amount typed in 万元 or 元 as whole 元; a bad entry gets a message beside the field."""
    try:
        return parse_amount(field.data, unit)
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
    unit = form.amount_unit.data or "wan"
    data: dict = {"name": form.name.data or "", "credit_code": form.credit_code.data or "",
                  "division_code": form.division_code.data or "", "entity_kind": form.entity_kind.data or "enterprise"}
    for name in ("strategic_emerging", "above_designated_size"):
        data[name] = _tri(getattr(form, name).data)
    data["industry_code"] = None if _blank(form.industry_code.data) else form.industry_code.data
    data["scale"] = form.scale.data or None
    data["ownership"] = form.ownership.data or None
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
            _amount(amount_field, unit, own)
            continue
        year = int(year_text)
        amount = _amount(amount_field, unit, own)
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
        if all(_blank(f.data) for f in (sub.kind, sub.level, sub.obtained_on, sub.valid_until)):
            continue
        recognition_rows.append(row)
        recognitions.append({"kind": sub.kind.data, "level": sub.level.data or None,
                             "obtained_on": sub.obtained_on.data or None,
                             "valid_until": None if _blank(sub.valid_until.data) else sub.valid_until.data})
    data["recognitions"] = recognitions if (recognitions or form.recognition_state.data == "yes") else None

    project_rows, projects = [], []
    for row in form.projects:
        sub = row.form
        fields = (sub.name, sub.kind, sub.approved_on, sub.new_investment, sub.national_grant, sub.provincial_grant)
        if all(_blank(f.data) for f in fields):
            continue
        project_rows.append(row)
        item = {"name": sub.name.data or "", "kind": sub.kind.data, "approved_on": sub.approved_on.data or None}
        for field_name, key in AMOUNT_FIELDS.items():
            item[key] = _amount(getattr(sub, field_name), unit, own)
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
    items = [("name", profile.name), ("credit_code", profile.credit_code), ("division_code", profile.division_code),
             ("entity_kind", profile.entity_kind), ("strategic_emerging", yes_no[profile.strategic_emerging]),
             ("industry_code", profile.industry_code or ""), ("scale", profile.scale or ""),
             ("ownership", profile.ownership or ""),
             ("above_designated_size", yes_no[profile.above_designated_size]), ("amount_unit", "wan"),
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
                  (f"recognitions-{i}-valid_until", item.valid_until.isoformat() if item.valid_until else "")]
    if profile.projects is not None:
        items.append(("project_state", "yes"))
    for i, item in enumerate(profile.projects or []):
        items += [(f"projects-{i}-name", item.name), (f"projects-{i}-kind", item.kind),
                  (f"projects-{i}-approved_on", item.approved_on.isoformat())]
        items += [(f"projects-{i}-{field}", _wan_text(getattr(item, key))) for key, field in _PROFILE_TO_FORM.items()]
    return MultiDict(items)


def _edited_formdata(formdata: MultiDict) -> tuple[MultiDict, bool]:
    """Apply an "add row" / "remove row" button pressed without JavaScript; True when one was pressed."""
    data = MultiDict(formdata)
    remove = data.pop("remove_row", None)
    if remove:
        prefix = remove + "-"
        for key in [k for k in data if k.startswith(prefix)]:
            data.poplist(key)
        return data, True
    add = data.pop("add_row", None)
    if add in ROW_LISTS:
        indices = [int(k.split("-")[1]) for k in data if k.startswith(add + "-") and k.split("-")[1].isdigit()]
        sub = {"sales": "year", "recognitions": "kind", "projects": "name"}[add]
        data[f"{add}-{max(indices, default=-1) + 1}-{sub}"] = ""
        return data, True
    return data, False


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
        "row_templates": _row_templates(),
    }
    if result is not None:
        document = DocumentForm(formdata=None, document=json.dumps(
            {"profile": profile.model_dump(mode="json"), "as_of": as_of.isoformat()}, ensure_ascii=False))
        return render_template("selfcheck/result.html", result=result, document=document, profile=profile,
                               format_wan=format_wan, **context), status
    return render_template("selfcheck/form.html", **context), status


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
    """Evaluate the form; re-render it with messages beside the fields when an answer is wrong."""
    formdata, edited = _edited_formdata(request.form)
    form = SelfCheckForm(formdata=formdata)
    if not form.validate():  # CSRF and the select choices; the profile itself is validated by pydantic below
        return render_form(form, 400, "页面已过期或提交有误,请检查后重新提交")
    if edited:
        return render_form(form)
    profile, as_of, form_errors = read_form(form)
    if profile is None:
        return render_form(form, 422, "填报内容有误,请按各项旁的提示修改", form_errors)
    result = engine().evaluate(profile, as_of)
    return render_form(form, result=result, profile=profile, as_of=as_of)


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
        return render_form(form, 422, "填报内容有误,请按各项旁的提示修改", form_errors)
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

