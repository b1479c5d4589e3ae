"""The enterprise profile: what an enterprise reports about itself, validated once for every interface."""
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import clock, gbt2260
from .creditcode import credit_code_problem
from .vocabulary import industries, vocabulary

Level = Literal["national", "provincial", "municipal"]
EntityKind = Literal["enterprise", "institution", "park_management"]
Scale = Literal["large", "medium", "small", "micro"]
Ownership = Literal["private", "state", "foreign", "collective", "mixed"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

EARLIEST_YEAR = 1949
# What a real enterprise reports; longer lists are refused with a message naming the field (they cost CPU).
MAX_RECOGNITIONS = 200
MAX_PROJECTS = 200
MAX_SALES_YEARS = 100


def _whole_yuan(value: object) -> object:
    # Strict: true is not 1 yuan, 12.5 and "12" are not amounts; the form converts 万元 to whole yuan itself.
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("yuan_type", "金额应为整数(单位:元)")
    return value


def _year(value: object) -> object:
    # JSON object keys are strings; only four plain digits are a year ("2_019" and " 2019" are not).
    if isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise PydanticCustomError("year_type", "年度应为四位数字,如 2019")


def _iso_date(value: object) -> object:
    # Only YYYY-MM-DD (or a date): numbers are not read as Unix timestamps, datetimes are not truncated.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_parsing", "日期格式应为YYYY-MM-DD")


Yuan = Annotated[int, BeforeValidator(_whole_yuan), Field(ge=0, le=10**14, description="金额,单位:元(整数)")]
Year = Annotated[int, BeforeValidator(_year)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _not_in_future(value: date) -> date:
    today = clock.today()
    if value > today:
        raise PydanticCustomError("future_date", "日期不能晚于今天({today})", {"today": today.isoformat()})
    return value


class Recognition(BaseModel):
    """A title, list entry or recognition the enterprise holds (认定/称号/名单)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description="认定类别(见 vocabulary.yaml 的 recognition_kinds)")
    level: Level = Field(description="级别:national 国家级 / provincial 省级 / municipal 市级")
    obtained_on: IsoDate = Field(description="获得(认定、公布)日期")
    valid_until: IsoDate | None = Field(default=None, description="有效期至(如高新技术企业证书);空表示长期有效或未写明")
    name: Text | None = Field(default=None, description="称号名称,供核对")
    document_number: Text | None = Field(default=None, description="认定(公布)文件的文号,供核对,如 豫工信〔2018〕12号")
    renewal_of: Text | None = Field(
        default=None,
        description="复核、续期所延续的原称号(其文号或名称);填写即表示本条是复核、续期,不是新获得")

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in vocabulary()["recognition_kinds"]:
            raise PydanticCustomError("unknown_kind", "未知的认定类别:{kind}", {"kind": kind})
        return kind

    @field_validator("obtained_on")
    @classmethod
    def _obtained_not_in_future(cls, value: date) -> date:
        return _not_in_future(value)

    @field_validator("valid_until")
    @classmethod
    def _validity_after_obtained(cls, value: date | None, info: ValidationInfo) -> date | None:
        obtained = info.data.get("obtained_on")
        if value is not None and obtained is not None and value < obtained:
            raise PydanticCustomError("valid_until", "有效期不能早于获得日期")
        return value

    @model_validator(mode="after")
    def _level_allowed(self) -> "Recognition":
        spec = vocabulary()["recognition_kinds"][self.kind]
        if self.level not in spec["levels"]:
            allowed = "、".join(vocabulary()["levels"][lv] for lv in spec["levels"])
            raise PydanticCustomError(
                "level_not_allowed", "“{label}”只有{allowed}", {"label": spec["label"], "allowed": allowed}
            )
        return self


class Project(BaseModel):
    """A project the enterprise undertakes, with the grants higher levels awarded it."""

    model_config = ConfigDict(extra="forbid")

    name: Text = Field(description="项目名称")
    kind: str = Field(description="项目类别(见 vocabulary.yaml 的 project_kinds)")
    approved_on: IsoDate = Field(description="立项(批复、列入)日期")
    approval_number: Text | None = Field(
        default=None, description="立项(批复、列入)文件的文号,如 工信部规〔2018〕12号;申请项目类奖励时用以识别项目")
    new_investment_yuan: Yuan | None = Field(default=None, description="新增投资额(元)")
    national_grant_yuan: Yuan | None = Field(default=None, description="国家资助金额(元),本企业所得部分")
    provincial_grant_yuan: Yuan | None = Field(default=None, description="省级补助金额(元)")

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in vocabulary()["project_kinds"]:
            raise PydanticCustomError("unknown_kind", "未知的项目类别:{kind}", {"kind": kind})
        return kind

    @field_validator("approved_on")
    @classmethod
    def _approved_not_in_future(cls, value: date) -> date:
        return _not_in_future(value)


class Profile(BaseModel):
    """An enterprise profile. A field left out (null) is unknown, never zero or false."""

    model_config = ConfigDict(extra="forbid")

    name: Text = Field(description="单位名称")
    credit_code: str = Field(description="统一社会信用代码(18位,GB 32100-2015)")
    division_code: str = Field(description="注册地行政区划代码(6位,GB/T 2260),市或县(市、区)")
    entity_kind: EntityKind = Field(default="enterprise", description="单位类型")
    strategic_emerging: StrictBool | None = Field(default=None, description="是否为战略性新兴产业企业")
    industry_code: str | None = Field(
        default=None, description="国民经济行业分类(GB/T 4754-2017)代码:大类如 C38,或更细如 C3811"
    )
    sector_tags: list[str] | None = Field(
        default=None, description="所属领域(见 vocabulary.yaml 的 sector_tags);空列表表示均不属于"
    )
    above_designated_size: StrictBool | None = Field(default=None, description="是否为规模以上工业企业")
    scale: Scale | None = Field(default=None, description="企业规模:large 大型 / medium 中型 / small 小型 / micro 微型")
    ownership: Ownership | None = Field(
        default=None,
        description="企业性质:private 民营 / state 国有 / foreign 外资 / collective 集体 / mixed 混合所有制")
    controlled_by: Literal["private", "state", "foreign", "collective"] | None = Field(
        default=None, description="混合所有制企业由哪一方控股(控股方的性质);其他企业不填")
    sales_yuan_by_year: dict[Year, Yuan] | None = Field(
        default=None, max_length=MAX_SALES_YEARS, description="年销售收入(元),按年度;未填的年度视为未知"
    )
    recognitions: list[Recognition] | None = Field(
        default=None, max_length=MAX_RECOGNITIONS,
        description="已获得的认定、称号、名单;空列表表示一项也没有,null 表示未填报"
    )
    projects: list[Project] | None = Field(
        default=None, max_length=MAX_PROJECTS, description="承担的项目;空列表表示没有,null 表示未填报"
    )

    @field_validator("credit_code", mode="before")
    @classmethod
    def _normalise_credit_code(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("credit_code")
    @classmethod
    def _valid_credit_code(cls, code: str) -> str:
        problem = credit_code_problem(code)
        if problem:
            raise PydanticCustomError("credit_code", problem)
        return code

    @field_validator("division_code")
    @classmethod
    def _six_digits(cls, code: str) -> str:
        code = code.strip()
        if len(code) != 6 or not code.isdigit() or code.endswith("0000"):
            raise PydanticCustomError("division_code", "注册地应为6位市级或县级行政区划代码,如许昌市411000")
        if not gbt2260.exists(code):
            raise PydanticCustomError("division_code", "行政区划代码{code}不存在(GB/T 2260),请核对注册地",
                                      {"code": code})
        return code

    @field_validator("industry_code")
    @classmethod
    def _known_industry(cls, code: str | None) -> str | None:
        if code is None:
            return None
        code = code.strip().upper()
        if not (3 <= len(code) <= 5 and code[0].isalpha() and code[1:].isdigit()) or code[:3] not in industries():
            raise PydanticCustomError("industry_code", "行业代码应为GB/T 4754-2017的大类(如C38)或其下的中类、小类")
        return code

    @field_validator("sector_tags")
    @classmethod
    def _known_tags(cls, tags: list[str] | None) -> list[str] | None:
        if tags is None:
            return None
        unknown = [tag for tag in tags if tag not in vocabulary()["sector_tags"]]
        if unknown:
            raise PydanticCustomError("sector_tag", "未知的领域:{tags}", {"tags": "、".join(unknown)})
        return sorted(set(tags))

    @field_validator("sales_yuan_by_year")
    @classmethod
    def _plausible_years(cls, sales: dict[int, int] | None) -> dict[int, int] | None:
        if sales is None:
            return None
        this_year = clock.today().year
        for year in sales:
            if not EARLIEST_YEAR <= year <= this_year:
                raise PydanticCustomError(
                    "sales_year", "年度{year}不在{lo}—{hi}之间", {"year": year, "lo": EARLIEST_YEAR, "hi": this_year}
                )
        return dict(sorted(sales.items()))

    @model_validator(mode="after")
    def _controller_only_for_mixed(self) -> "Profile":
        if self.controlled_by is not None and self.ownership != "mixed":
            raise PydanticCustomError("controlled_by", "只有混合所有制企业填写控股方")
        return self
