"""The facts rules may test, and the one place where they are derived from a profile.

A fact is absent when the profile does not tell it: rules then read "missing", never false or zero.
Dates are integers YYYYMMDD so both evaluators compare them as numbers; 0 means "none held".
"""
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .money import format_yuan
from .profile import Profile
from .vocabulary import city_of, vocabulary

Unit = Literal["bool", "code", "date", "year", "yuan"]
NONE_HELD = 0


@dataclass(frozen=True)
class FactSpec:
    """A fact rules may name: its label, unit, which subject carries it and which answer supplies it."""

    name: str
    label: str
    unit: Unit
    question: str
    subject: Literal["enterprise", "project"] = "enterprise"
    parameter: str | None = None


def _catalog() -> dict[str, FactSpec]:
    vocab = vocabulary()
    specs = [
        FactSpec("city_code", "注册地(市)", "code", "division_code"),
        FactSpec("county_code", "注册地(县、市、区)", "code", "division_code"),
        FactSpec("entity_kind", "单位类型", "code", "entity_kind"),
        FactSpec("strategic_emerging", "是否为战略性新兴产业企业", "bool", "strategic_emerging"),
        FactSpec("industry_division", "所属行业(大类)", "code", "industry_code"),
        FactSpec("above_designated_size", "是否为规模以上工业企业", "bool", "above_designated_size"),
        FactSpec("scale", "企业规模", "code", "scale"),
        FactSpec("ownership", "企业性质", "code", "ownership"),
        FactSpec("sales.first_year_above", "年销售收入首次突破{threshold}的年度", "year", "sales_yuan_by_year",
                 parameter="threshold_yuan"),
        FactSpec("project.kind", "项目类别", "code", "projects", "project"),
        FactSpec("project.approved_on", "项目立项日期", "date", "projects", "project"),
        FactSpec("project.new_investment_yuan", "项目新增投资额", "yuan", "projects.new_investment_yuan", "project"),
        FactSpec("project.national_grant_yuan", "项目国家资助金额", "yuan", "projects.national_grant_yuan", "project"),
        FactSpec("project.provincial_grant_yuan", "项目省级补助金额", "yuan", "projects.provincial_grant_yuan",
                 "project"),
    ]
    for tag, label in vocab["sector_tags"].items():
        specs.append(FactSpec(f"sector.{tag}", f"是否属于{label}领域", "bool", "sector_tags"))
    for kind, spec in vocab["recognition_kinds"].items():
        for level in spec["levels"]:
            label = f"{vocab['levels'][level]}{spec['label']}获得日期"
            specs.append(FactSpec(f"recognition.{kind}.{level}", label, "date", "recognitions"))
            held = f"测算日持有有效的{vocab['levels'][level]}{spec['label']}"
            specs.append(FactSpec(f"holds.{kind}.{level}", held, "bool", "recognitions"))
    return {spec.name: spec for spec in specs}


FACTS: dict[str, FactSpec] = _catalog()


def fact_key(name: str, threshold_yuan: int | None) -> str:
    """The concrete key of a fact, with its parameter when it takes one."""
    return f"{name}.{threshold_yuan}" if threshold_yuan is not None else name


def fact_label(name: str, threshold_yuan: int | None = None) -> str:
    """The Chinese label of a (possibly parameterised) fact."""
    label = FACTS[name].label
    return label.format(threshold=format_yuan(threshold_yuan)) if threshold_yuan is not None else label


def date_number(day: date) -> int:
    """A date as the integer YYYYMMDD."""
    return day.year * 10000 + day.month * 100 + day.day


def number_date(value: int) -> date:
    """The date an integer YYYYMMDD stands for."""
    return date(value // 10000, value // 100 % 100, value % 100)


@dataclass
class Facts:
    """The facts of one evaluation: one enterprise subject and one subject per project."""

    enterprise: dict
    projects: list[dict]
    projects_known: bool
    missing_why: dict[str, str] = field(default_factory=dict)

    def subjects(self) -> list[dict]:
        """Every subject, as the engines receive them."""
        return [self.enterprise, *self.projects]


def ended_sales(profile: Profile, as_of: date) -> dict[int, int] | None:
    """Sales of the years that had ended by the as-of date; a year's figure counts once it is over."""
    if profile.sales_yuan_by_year is None:
        return None
    return {year: yuan for year, yuan in profile.sales_yuan_by_year.items() if year < as_of.year}


def first_year_above(sales: dict[int, int], threshold_yuan: int, counted_from: int) -> int | str:
    """First year sales exceeded the threshold (0: never), or why it cannot be told.

    When the year before the first reported crossing is unknown, the first crossing happened in that year or
    earlier; if that is before any year a rule counts, the exact year does not matter and the bound is returned.
    """
    if not sales:
        return "需要填报至少一个已结束年度的年销售收入"
    previous = None
    for year in sorted(sales):
        if sales[year] > threshold_yuan:
            if previous != year - 1 and year >= counted_from:
                return f"需要{year - 1}年度的年销售收入,才能判断{year}年是否为首次突破{format_yuan(threshold_yuan)}"
            return year
        previous = year
    return NONE_HELD


def _recognition_facts(profile: Profile, as_of: date) -> dict[str, int]:
    if profile.recognitions is None:
        return {}
    facts: dict = {name: NONE_HELD for name in FACTS if name.startswith("recognition.")}
    facts.update({name: False for name in FACTS if name.startswith("holds.")})
    for item in profile.recognitions:
        if item.obtained_on > as_of:
            continue
        key = f"recognition.{item.kind}.{item.level}"
        held = date_number(item.obtained_on)
        # The earliest date counts: "新获得" asks when the title was first obtained.
        facts[key] = held if facts[key] == NONE_HELD else min(facts[key], held)
        if item.valid_until is None or item.valid_until >= as_of:
            facts[f"holds.{item.kind}.{item.level}"] = True
    return facts


def derive(profile: Profile, as_of: date, thresholds_yuan: dict[int, int]) -> Facts:
    """All facts the rules may test, derived from the profile as of a date."""
    enterprise: dict = {
        "subject": "enterprise",
        "subject_key": "enterprise",
        "city_code": city_of(profile.division_code),
        "county_code": profile.division_code,
        "entity_kind": profile.entity_kind,
    }
    for name in ("strategic_emerging", "above_designated_size", "scale", "ownership"):
        if getattr(profile, name) is not None:
            enterprise[name] = getattr(profile, name)
    if profile.industry_code is not None:
        enterprise["industry_division"] = profile.industry_code[:3]
    if profile.sector_tags is not None:
        enterprise.update({f"sector.{tag}": tag in profile.sector_tags for tag in vocabulary()["sector_tags"]})
    enterprise.update(_recognition_facts(profile, as_of))
    missing_why: dict[str, str] = {}
    sales = ended_sales(profile, as_of)
    if sales is not None:
        for threshold, counted_from in sorted(thresholds_yuan.items()):
            year = first_year_above(sales, threshold, counted_from)
            key = fact_key("sales.first_year_above", threshold)
            if isinstance(year, int):
                enterprise[key] = year
            else:
                missing_why[key] = year
    projects = []
    for index, project in enumerate(profile.projects or []):
        if project.approved_on > as_of:
            continue
        facts = {k: v for k, v in enterprise.items() if k not in ("subject", "subject_key")}
        facts.update({
            "subject": "project",
            "subject_key": f"project[{index}]",
            "project.kind": project.kind,
            "project.approved_on": date_number(project.approved_on),
        })
        for name in ("new_investment_yuan", "national_grant_yuan", "provincial_grant_yuan"):
            value = getattr(project, name)
            if value is not None:
                facts[f"project.{name}"] = value
        projects.append(facts)
    return Facts(enterprise, projects, profile.projects is not None, missing_why)


def sales_peak(profile: Profile, as_of: date, first_year: int, last_year: int) -> tuple[int, int] | None:
    """The highest ended-year sales within the years, and its year, or None when none is known."""
    sales = ended_sales(profile, as_of) or {}
    within = [(yuan, year) for year, yuan in sales.items() if first_year <= year <= last_year]
    return max(within) if within else None


QUESTIONS = {
    "division_code": "注册地",
    "entity_kind": "单位类型",
    "strategic_emerging": "是否为战略性新兴产业企业",
    "industry_code": "所属行业",
    "sector_tags": "所属领域",
    "above_designated_size": "是否为规模以上工业企业",
    "scale": "企业规模",
    "ownership": "企业性质(民营、国有等)",
    "sales_yuan_by_year": "各年度年销售收入",
    "recognitions": "已获得的认定、称号、名单",
    "projects": "承担的项目",
    "projects.new_investment_yuan": "项目新增投资额",
    "projects.national_grant_yuan": "项目国家资助金额",
    "projects.provincial_grant_yuan": "项目省级补助金额",
}
