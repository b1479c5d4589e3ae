"""The facts rules may test, and the one place where they are derived from a profile.

A fact is absent when the profile does not tell it: rules then read "missing", never false or zero.
Dates are integers YYYYMMDD so every evaluator compares them as numbers; 0 means "none".
"""
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .money import format_yuan
from .profile import Profile
from .vocabulary import city_of, vocabulary

Unit = Literal["bool", "code", "date", "year", "yuan"]
Subject = Literal["enterprise", "project", "title"]
NONE_HELD = 0
OPEN_END = 99991231


@dataclass(frozen=True)
class FactSpec:
    """A fact rules may name: its label, unit, which subject carries it and which answer supplies it.

    `parameter` names what a parameterised fact is computed for: a sales threshold, or the counted period.
    """

    name: str
    label: str
    unit: Unit
    question: str
    subject: Subject = "enterprise"
    parameter: Literal["threshold_yuan", "period"] | None = None


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
        FactSpec("controlling_owner", "控股方性质", "code", "ownership"),
        FactSpec("sales.first_year_above", "年销售收入首次突破{threshold}的年度", "year", "sales_yuan_by_year",
                 parameter="threshold_yuan"),
        FactSpec("project.kind", "项目类别", "code", "projects", "project"),
        FactSpec("project.approved_on", "项目立项日期", "date", "projects", "project"),
        FactSpec("project.new_investment_yuan", "项目新增投资额", "yuan", "projects.new_investment_yuan", "project"),
        FactSpec("project.national_grant_yuan", "项目国家资助金额", "yuan", "projects.national_grant_yuan", "project"),
        FactSpec("project.provincial_grant_yuan", "项目省级补助金额", "yuan", "projects.provincial_grant_yuan",
                 "project"),
        FactSpec("title.kind", "称号类别", "code", "recognitions", "title"),
        FactSpec("title.level", "称号级别", "code", "recognitions", "title"),
        FactSpec("title.obtained_on", "称号获得日期", "date", "recognitions", "title"),
        FactSpec("title.is_new", "称号为新获得(不是复核、续期)", "bool", "recognitions", "title"),
    ]
    for tag, label in vocab["sector_tags"].items():
        specs.append(FactSpec(f"sector.{tag}", f"是否属于{label}领域", "bool", "sector_tags"))
    for kind, spec in vocab["recognition_kinds"].items():
        for level in spec["levels"]:
            title = f"{vocab['levels'][level]}{spec['label']}"
            specs.append(FactSpec(f"recognition.{kind}.{level}", f"新获得{title}的日期", "date", "recognitions",
                                  parameter="period"))
            specs.append(FactSpec(f"holds.{kind}.{level}", f"测算日持有有效的{title}", "bool", "recognitions"))
    return {spec.name: spec for spec in specs}


FACTS: dict[str, FactSpec] = _catalog()
_HOLDS = tuple(name for name in FACTS if name.startswith("holds."))


def date_number(day: date) -> int:
    """A date as the integer YYYYMMDD."""
    return day.year * 10000 + day.month * 100 + day.day


def number_date(value: int) -> date:
    """The date an integer YYYYMMDD stands for."""
    return date(value // 10000, value // 100 % 100, value % 100)


def window_key(name: str, start: int, end: int) -> str:
    """The key of a period-bound recognition fact: the first new title obtained within [start, end]."""
    return f"{name}@{start}-{end}"


def fact_key(name: str, threshold_yuan: int | None = None) -> str:
    """The concrete key of a fact, with its threshold when it takes one (periods: see window_key)."""
    return f"{name}.{threshold_yuan}" if threshold_yuan is not None else name


def fact_label(name: str, threshold_yuan: int | None = None) -> str:
    """The Chinese label of a (possibly parameterised) fact."""
    label = FACTS[name].label
    return label.format(threshold=format_yuan(threshold_yuan)) if threshold_yuan is not None else label


@dataclass(frozen=True)
class Needs:
    """What a rule set asks of a profile beyond plain facts: thresholds, recognition windows, per-item subjects."""

    thresholds_yuan: dict[int, int] = field(default_factory=dict)  # threshold → earliest year any rule counts it
    windows: frozenset[tuple[str, int, int]] = frozenset()  # (recognition fact, start, end) as YYYYMMDD
    subjects: frozenset[Subject] = frozenset({"enterprise"})


@dataclass
class Facts:
    """The facts of one evaluation: the enterprise, and one subject per project and per title it holds."""

    enterprise: dict
    projects: list[dict]
    titles: list[dict]
    projects_known: bool
    titles_known: bool
    missing_why: dict[str, str] = field(default_factory=dict)
    value_notes: dict[str, str] = field(default_factory=dict)

    def subjects(self) -> list[dict]:
        """Every subject, as the evaluators receive them."""
        return [self.enterprise, *self.projects, *self.titles]

    def of_kind(self, kind: Subject) -> list[dict]:
        """The per-item subjects of one kind."""
        return self.projects if kind == "project" else self.titles

    def known(self, kind: Subject) -> bool:
        """Whether the profile reported its projects or titles at all."""
        return self.projects_known if kind == "project" else self.titles_known


def year_ended(year: int, as_of: date) -> bool:
    """A year's figure counts once the year is over: on 31 December it is."""
    return date(year, 12, 31) <= as_of


def ended_sales(profile: Profile, as_of: date) -> dict[int, int] | None:
    """Sales of the years that had ended by the as-of date."""
    if profile.sales_yuan_by_year is None:
        return None
    return {year: yuan for year, yuan in profile.sales_yuan_by_year.items() if year_ended(year, as_of)}


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


def _show(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _recognition_facts(profile: Profile, as_of: date, needs: Needs, notes: dict[str, str]) -> dict:
    facts: dict = dict.fromkeys(_HOLDS, False)
    held = [item for item in profile.recognitions or [] if item.obtained_on <= as_of]
    for item in held:
        if item.valid_until is None or item.valid_until >= as_of:
            facts[f"holds.{item.kind}.{item.level}"] = True
    for name, start, end in needs.windows:
        _, kind, level = name.split(".")
        same = [item for item in held if (item.kind, item.level) == (kind, level)]
        # Only a new title counts: a review or renewal (复核、续期) of one already held is not "新获得".
        inside = sorted(date_number(item.obtained_on) for item in same
                        if item.renewal_of is None and start <= date_number(item.obtained_on) <= end)
        key = window_key(name, start, end)
        facts[key] = inside[0] if inside else NONE_HELD
        if not inside and same:
            seen = ";".join(f"{_show(item.obtained_on)}{'复核、续期' if item.renewal_of else '获得'}" for item in same)
            notes[key] = f"计入期内无新获得(已填报:{seen})"
    return facts


def _sales_facts(profile: Profile, as_of: date, needs: Needs, missing: dict, notes: dict) -> dict:
    facts: dict = {}
    sales = ended_sales(profile, as_of)
    if sales is None:
        return facts
    open_years = [year for year in profile.sales_yuan_by_year or {} if not year_ended(year, as_of)]
    pending = "、".join(f"{year}年度" for year in open_years) + "尚未结束,不计入" if open_years else ""
    for threshold, counted_from in sorted(needs.thresholds_yuan.items()):
        year = first_year_above(sales, threshold, counted_from)
        key = fact_key("sales.first_year_above", threshold)
        if isinstance(year, int):
            facts[key] = year
            if pending:
                notes[key] = pending
        else:
            missing[key] = f"{pending};{year}" if pending and not sales else year
    return facts


def _item_subject(enterprise: dict, kind: Subject, index: int, own: dict) -> dict:
    facts = enterprise.copy()
    del facts["subject"], facts["subject_key"]  # re-added last, after the enterprise's facts, as before
    facts["subject"], facts["subject_key"] = kind, f"{kind}[{index}]"
    facts.update(own)
    return facts


def derive(profile: Profile, as_of: date, needs: Needs) -> Facts:
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
    missing_why: dict[str, str] = {}
    value_notes: dict[str, str] = {}
    # Who controls the enterprise: its own kind, or for a mixed-ownership one the controlling party it names.
    controller = profile.controlled_by if profile.ownership == "mixed" else profile.ownership
    if controller is not None:
        enterprise["controlling_owner"] = controller
    elif profile.ownership == "mixed":
        missing_why["controlling_owner"] = "请填报:混合所有制企业由哪一方控股"
    if profile.industry_code is not None:
        enterprise["industry_division"] = profile.industry_code[:3]
    if profile.sector_tags is not None:
        enterprise.update({f"sector.{tag}": tag in profile.sector_tags for tag in vocabulary()["sector_tags"]})
    if profile.recognitions is not None:
        enterprise.update(_recognition_facts(profile, as_of, needs, value_notes))
    enterprise.update(_sales_facts(profile, as_of, needs, missing_why, value_notes))
    projects = []
    if "project" in needs.subjects:
        for index, project in enumerate(profile.projects or []):
            if project.approved_on > as_of:
                continue
            own = {"project.kind": project.kind, "project.approved_on": date_number(project.approved_on)}
            for name in ("new_investment_yuan", "national_grant_yuan", "provincial_grant_yuan"):
                if getattr(project, name) is not None:
                    own[f"project.{name}"] = getattr(project, name)
            projects.append(_item_subject(enterprise, "project", index, own))
    titles = []
    if "title" in needs.subjects:
        for index, item in enumerate(profile.recognitions or []):
            if item.obtained_on > as_of:
                continue
            titles.append(_item_subject(enterprise, "title", index, {
                "title.kind": item.kind, "title.level": item.level,
                "title.obtained_on": date_number(item.obtained_on), "title.is_new": item.renewal_of is None}))
    return Facts(enterprise, projects, titles, profile.projects is not None, profile.recognitions is not None,
                 missing_why, value_notes)


def sales_peak(profile: Profile, as_of: date, first_year: int, last_year: int) -> tuple[int, int] | None:
    """The highest ended-year sales within the years, and its year, or None when none is known."""
    sales = ended_sales(profile, as_of) or {}
    within = [(yuan, year) for year, yuan in sales.items() if first_year <= year <= last_year]
    return max(within) if within else None


def title_name(profile: Profile, index: int) -> str:
    """How one of the profile's titles is named to people: its name or label, level and date."""
    item = (profile.recognitions or [])[index]
    vocab = vocabulary()
    label = item.name or f"{vocab['levels'][item.level]}{vocab['recognition_kinds'][item.kind]['label']}"
    number = f",{item.document_number}" if item.document_number else ""
    return f"{label}({_show(item.obtained_on)}{number})"


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
