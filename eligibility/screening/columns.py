"""The registry tables a screening reads: one definition for the loaders, the template workbook and the docs.

A registry is four tables keyed by the credit code: enterprises, sales (one row per year), recognitions and
projects (one row per item, in the order the enterprise lists them). Each column names the profile field it fills,
so a table row is validated by the same pydantic model as the API's profile.
"""
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from ..profile import Profile, Project, Recognition

Kind = Literal["text", "code", "bool", "date", "yuan", "year", "tags", "flag"]
# A cell of a tags column that says "none of them" (an empty list); a blank cell says "not reported" (null).
NO_TAGS = "无"
TAG_SEPARATORS = ",,;;、 "


@dataclass(frozen=True)
class Column:
    """One column of a registry table: its name, Chinese label, cell kind and the profile field it fills."""

    name: str
    label: str
    kind: Kind
    model: type[BaseModel] | None
    field: str | None
    required: bool = False
    example: object = None
    note: str = ""

    @property
    def header(self) -> str:
        """The header the template writes: the Chinese label with the column name."""
        return f"{self.label}({self.name})"

    @property
    def description(self) -> str:
        """What the column holds, from the profile's own field description when it has one."""
        text = self.note
        if self.model is not None and self.field is not None:
            text = self.model.model_fields[self.field].description or ""
            text = f"{text};{self.note}" if self.note else text
        return text


@dataclass(frozen=True)
class Table:
    """A registry table: its name, Chinese sheet name and columns."""

    name: str
    label: str
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _credit(note: str = "") -> Column:
    return Column("credit_code", "统一社会信用代码", "code", Profile, "credit_code", True, "91411000MA44XXXX0R",
                  note)


ENTERPRISES = Table("enterprises", "企业", (
    _credit(),
    Column("name", "单位名称", "text", Profile, "name", True, "许昌某电气有限公司"),
    Column("division_code", "注册地行政区划代码", "code", Profile, "division_code", True, "411003"),
    Column("entity_kind", "单位类型", "code", Profile, "entity_kind", False, "enterprise",
           "空白按 enterprise(企业)"),
    Column("strategic_emerging", "是否战略性新兴产业企业", "bool", Profile, "strategic_emerging", False, True,
           "填 是/否(或 true/false);空白表示未知"),
    Column("industry_code", "国民经济行业代码", "code", Profile, "industry_code", False, "C38"),
    Column("sector_tags", "所属领域", "tags", Profile, "sector_tags", False, "new_materials,power_equipment",
           f"多个用逗号或顿号分隔;填“{NO_TAGS}”表示均不属于;空白表示未填报"),
    Column("above_designated_size", "是否规模以上工业企业", "bool", Profile, "above_designated_size", False, True,
           "填 是/否;空白表示未知"),
    Column("scale", "企业规模", "code", Profile, "scale", False, "medium"),
    Column("ownership", "企业性质", "code", Profile, "ownership", False, "private"),
    Column("controlled_by", "控股方性质", "code", Profile, "controlled_by", False, None),
    Column("recognitions_reported", "已填报认定称号", "flag", None, None, False, True,
           "是:认定称号表列出了本企业的全部认定(可为零条);空白:未填报,除非认定称号表有本企业的记录"),
    Column("projects_reported", "已填报项目", "flag", None, None, False, True,
           "是:项目表列出了本企业的全部项目(可为零条);空白:未填报,除非项目表有本企业的记录"),
))

SALES = Table("sales", "年销售收入", (
    _credit(note="企业表中的企业"),
    Column("year", "年度", "year", None, None, True, 2019, "四位数字,如 2019"),
    Column("sales_yuan", "年销售收入(元)", "yuan", None, None, True, 1200000000, "整数,单位:元"),
))

RECOGNITIONS = Table("recognitions", "认定称号", (
    _credit(note="企业表中的企业"),
    Column("kind", "认定类别", "code", Recognition, "kind", True, "smart_factory"),
    Column("level", "级别", "code", Recognition, "level", True, "provincial"),
    Column("obtained_on", "获得日期", "date", Recognition, "obtained_on", True, "2019-05-20"),
    Column("valid_until", "有效期至", "date", Recognition, "valid_until", False, None),
    Column("name", "称号名称", "text", Recognition, "name", False, None),
    Column("document_number", "认定文号", "text", Recognition, "document_number", False, None),
    Column("renewal_of", "复核续期的原称号", "text", Recognition, "renewal_of", False, None),
))

PROJECTS = Table("projects", "项目", (
    _credit(note="企业表中的企业"),
    Column("name", "项目名称", "text", Project, "name", True, "强基一号"),
    Column("kind", "项目类别", "code", Project, "kind", True, "industrial_foundation"),
    Column("approved_on", "立项日期", "date", Project, "approved_on", True, "2018-05-01"),
    Column("approval_number", "立项文号", "text", Project, "approval_number", False, None),
    Column("new_investment_yuan", "新增投资额(元)", "yuan", Project, "new_investment_yuan", False, None),
    Column("national_grant_yuan", "国家资助金额(元)", "yuan", Project, "national_grant_yuan", False, 8000000),
    Column("provincial_grant_yuan", "省级补助金额(元)", "yuan", Project, "provincial_grant_yuan", False, None),
))

TABLES: dict[str, Table] = {t.name: t for t in (ENTERPRISES, SALES, RECOGNITIONS, PROJECTS)}
# Where a child table's rows go in the profile.
PROFILE_LIST = {"sales": "sales_yuan_by_year", "recognitions": "recognitions", "projects": "projects"}
FLAG_OF = {"recognitions": "recognitions_reported", "projects": "projects_reported"}

# The canonical tables every screening query reads, whatever the input: typed, normalised, one enterprise id
# (eid) per enterprise, in the order read (a profile's place among the accepted JSON Lines; a table row's line less
# one, so ids of rejected rows are skipped), with the line it was read from; dates as integers YYYYMMDD like
# eligibility/facts.py; tags as ",tag1,tag2," (null = unknown).
CANONICAL: dict[str, tuple[tuple[str, str], ...]] = {
    "enterprises": (("eid", "BIGINT"), ("credit_code", "VARCHAR"), ("name", "VARCHAR"), ("city_code", "VARCHAR"),
                    ("division_code", "VARCHAR"), ("entity_kind", "VARCHAR"), ("strategic_emerging", "BOOLEAN"),
                    ("industry_code", "VARCHAR"), ("sector_tags", "VARCHAR"), ("above_designated_size", "BOOLEAN"),
                    ("scale", "VARCHAR"), ("ownership", "VARCHAR"), ("controlled_by", "VARCHAR"),
                    ("recognitions_known", "BOOLEAN"), ("projects_known", "BOOLEAN"), ("line", "BIGINT")),
    "sales": (("eid", "BIGINT"), ("year", "INTEGER"), ("sales_yuan", "BIGINT")),
    "recognitions": (("eid", "BIGINT"), ("item", "INTEGER"), ("kind", "VARCHAR"), ("level", "VARCHAR"),
                     ("obtained_on", "INTEGER"), ("valid_until", "INTEGER"), ("is_new", "BOOLEAN")),
    "projects": (("eid", "BIGINT"), ("item", "INTEGER"), ("kind", "VARCHAR"), ("approved_on", "INTEGER"),
                 ("new_investment_yuan", "BIGINT"), ("national_grant_yuan", "BIGINT"),
                 ("provincial_grant_yuan", "BIGINT")),
}
