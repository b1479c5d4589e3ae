"""The self-check forms. WTForms renders, checks CSRF and collects strings; the pydantic Profile validates."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import FieldList, Form, FormField, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.fields import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from .. import clock
from ..profile import MAX_PROJECTS, MAX_RECOGNITIONS, MAX_SALES_YEARS
from ..vocabulary import divisions, vocabulary

TRI_STATE = [SelectChoice("", "未回答"), SelectChoice("yes", "是"), SelectChoice("no", "否")]
LIST_STATE = [SelectChoice("", "未回答(不填报)"), SelectChoice("yes", "已如实填报(下表即全部;没有则留空)")]


def division_choices() -> list[SelectChoice]:
    """The five cities and their counties, grouped by city."""
    choices = [SelectChoice("", "请选择")]
    for code, city in divisions().items():
        choices.append(SelectChoice(code, f"{city['name']}(市本级)", optgroup=city["name"]))
        for county_code, county in city["counties"].items():
            choices.append(SelectChoice(county_code, f"{city['name']}{county}", optgroup=city["name"]))
    return choices


def _labelled(mapping: dict, blank: str | None = None) -> list[SelectChoice]:
    choices = [SelectChoice("", blank)] if blank is not None else []
    for key, value in mapping.items():
        choices.append(SelectChoice(key, value["label"] if isinstance(value, dict) else value))
    return choices


class SalesRow(Form):
    """One year's sales."""

    year = StringField("年度", render_kw={"inputmode": "numeric", "placeholder": "如 2019"})
    amount = StringField("年销售收入(万元)", render_kw={"inputmode": "decimal", "autocomplete": "off"})


class RecognitionRow(Form):
    """One recognition held."""

    kind = SelectField("认定类别", choices=[], validate_choice=False)
    level = SelectField("级别", choices=[], validate_choice=False)
    obtained_on = StringField("获得日期", render_kw={"type": "date"})
    valid_until = StringField("有效期至(选填)", render_kw={"type": "date"})
    document_number = StringField("认定文号(选填)", render_kw={"placeholder": "如 豫工信〔2018〕12号"})
    renewal_of = StringField("复核、续期的原称号(仅复核、续期填写)",
                             render_kw={"placeholder": "原称号的文号或名称;新获得的不填"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _labelled(vocabulary()["recognition_kinds"], "请选择")
        self.level.choices = _labelled(vocabulary()["levels"], "请选择")


class ProjectRow(Form):
    """One project undertaken."""

    name = StringField("项目名称")
    kind = SelectField("项目类别", choices=[], validate_choice=False)
    approved_on = StringField("立项日期", render_kw={"type": "date"})
    approval_number = StringField("立项文号", render_kw={"placeholder": "如 工信部规〔2018〕12号"})
    new_investment = StringField("新增投资额(万元)", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    national_grant = StringField("国家资助金额(万元)", render_kw={"inputmode": "decimal", "autocomplete": "off"})
    provincial_grant = StringField("省级补助金额(万元)", render_kw={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _labelled(vocabulary()["project_kinds"], "请选择")


AMOUNT_FIELDS = {"new_investment": "new_investment_yuan", "national_grant": "national_grant_yuan",
                 "provincial_grant": "provincial_grant_yuan"}


class SelfCheckForm(FlaskForm):
    """The self-check questionnaire (自查表)."""

    name = StringField("单位名称")
    credit_code = StringField("统一社会信用代码", render_kw={"autocomplete": "off", "maxlength": 18})
    division_code = SelectField("注册地", choices=[], validate_choice=False)
    entity_kind = SelectField("单位类型", choices=[], validate_choice=False)
    strategic_emerging = SelectField("是否为战略性新兴产业企业", choices=TRI_STATE, validate_choice=False)
    industry_code = StringField("国民经济行业代码", render_kw={"placeholder": "如 C38 或 C3811"})
    sector_state = SelectField("所属领域:填报情况", choices=LIST_STATE, validate_choice=False)
    sector_tags = SelectMultipleField("所属领域", choices=[], option_widget=CheckboxInput(),
                                      widget=ListWidget(prefix_label=False), validate_choice=False)
    above_designated_size = SelectField("是否为规模以上工业企业", choices=TRI_STATE, validate_choice=False)
    scale = SelectField("企业规模", choices=[], validate_choice=False)
    ownership = SelectField("企业性质", choices=[], validate_choice=False)
    controlled_by = SelectField("混合所有制企业的控股方", choices=[], validate_choice=False)
    # One row past each profile cap reaches the profile, which refuses it with a message; more are never built.
    sales = FieldList(FormField(SalesRow), min_entries=2, max_entries=MAX_SALES_YEARS + 1)
    recognition_state = SelectField("认定、称号:填报情况", choices=LIST_STATE, validate_choice=False)
    recognitions = FieldList(FormField(RecognitionRow), min_entries=1, max_entries=MAX_RECOGNITIONS + 1)
    project_state = SelectField("项目:填报情况", choices=LIST_STATE, validate_choice=False)
    projects = FieldList(FormField(ProjectRow), min_entries=1, max_entries=MAX_PROJECTS + 1)
    as_of = StringField("测算日期", render_kw={"type": "date"}, default=lambda: clock.today().isoformat())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocab = vocabulary()
        self.division_code.choices = division_choices()
        self.entity_kind.choices = _labelled(vocab["entity_kinds"])
        self.scale.choices = _labelled(vocab["scales"], "未回答")
        self.ownership.choices = _labelled(vocab["ownerships"], "未回答")
        self.controlled_by.choices = _labelled({k: v for k, v in vocab["ownerships"].items() if k != "mixed"},
                                               "不适用或未回答")
        self.sector_tags.choices = _labelled(vocab["sector_tags"])


class DocumentForm(FlaskForm):
    """A saved self-check ({profile, as_of}) carried by the result page: download it or edit it again."""

    document = HiddenField()


class RerunForm(FlaskForm):
    """A saved self-check and another date to evaluate it on (a document's last day in force)."""

    document = HiddenField()
    as_of = HiddenField()


class UploadForm(FlaskForm):
    """Load a saved self-check JSON file back into the form."""

    file = FileField("选择已保存的自查文件(JSON)")
