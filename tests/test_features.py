"""The Gherkin scenarios under features/, bound to steps that build a profile and call the engine directly."""
from datetime import date
from decimal import Decimal

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from eligibility.profile import Profile
from eligibility.result import STATUS_LABELS
from eligibility.vocabulary import divisions, vocabulary

scenarios("../features")

UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}
LEVELS = {label: level for level, label in vocabulary()["levels"].items()}
STATUSES = {label: status for status, label in STATUS_LABELS.items()}
PHASES = {"尚未施行": "not_yet", "施行中": "in_force", "已到期": "ended"}
AMOUNT = r"(?P<amount>-?[\d.]+)(?P<unit>亿元|万元|元)"


def yuan(amount: str, unit: str) -> int:
    """An amount as written in a scenario (9.2亿元, 30万元) in whole yuan."""
    return int(Decimal(amount) * UNITS[unit])


def division_code(place: str) -> str:
    """A division code from a code or a Chinese name (许昌市, 许昌市魏都区)."""
    if place.isdigit():
        return place
    for city_code, city in divisions().items():
        if place == city["name"]:
            return city_code
        for code, county in city["counties"].items():
            if place in (county, city["name"] + county):
                return code
    raise ValueError(f"unknown place {place}")


def kind_named(table: str, label: str) -> str:
    """A vocabulary key from its Chinese label."""
    for key, spec in vocabulary()[table].items():
        if label == (spec["label"] if isinstance(spec, dict) else spec):
            return key
    raise ValueError(f"no {table} labelled {label}")


@pytest.fixture
def case():
    """The scenario's profile under construction, its as-of date and its result."""
    return {"profile": {"name": "测试企业", "credit_code": "91350100M000100Y43"}, "as_of": None, "result": None}


@given(parsers.parse("测算日期为{day}"))
def as_of(case, day):
    case["as_of"] = date.fromisoformat(day.strip())


@given(parsers.re(r"一家注册在(?P<place>\S+?)的(?P<kind>企业|事业单位|产业集聚区管委会)$"))
def registered(case, place, kind):
    case["profile"]["division_code"] = division_code(place)
    case["profile"]["entity_kind"] = {"企业": "enterprise", "事业单位": "institution",
                                      "产业集聚区管委会": "park_management"}[kind]


@given("该企业是战略性新兴产业企业")
def is_sei(case):
    case["profile"]["strategic_emerging"] = True


@given("该企业不是战略性新兴产业企业")
def is_not_sei(case):
    case["profile"]["strategic_emerging"] = False


@given(parsers.re(r"该企业(?P<year>\d{4})年销售收入为" + AMOUNT))
def sales(case, year, amount, unit):
    case["profile"].setdefault("sales_yuan_by_year", {})[int(year)] = yuan(amount, unit)


@given("该企业没有获得任何认定、称号")
def no_recognitions(case):
    case["profile"]["recognitions"] = []


@given(parsers.re(r"该(?:企业|单位)于(?P<day>\d{4}-\d{2}-\d{2})获得(?P<level>国家级|省级|市级)“(?P<label>.+)”$"))
def recognition(case, day, level, label):
    case["profile"].setdefault("recognitions", []).append(
        {"kind": kind_named("recognition_kinds", label), "level": LEVELS[level], "obtained_on": day})


@given(parsers.re(r"该(?:企业|单位)于(?P<day>\d{4}-\d{2}-\d{2})获得(?P<level>国家级|省级|市级)“(?P<label>.+)”\(复核、续期\)$"))
def renewal(case, day, level, label):
    case["profile"].setdefault("recognitions", []).append(
        {"kind": kind_named("recognition_kinds", label), "level": LEVELS[level], "obtained_on": day,
         "renewal_of": "此前获得的同一称号"})


@given("该企业没有承担任何项目")
def no_projects(case):
    case["profile"]["projects"] = []


@given(parsers.re(r"该企业承担一个“(?P<label>.+)”,(?P<day>\d{4}-\d{2}-\d{2})立项$"))
def project(case, label, day):
    case["profile"].setdefault("projects", []).append(
        {"name": f"项目{len(case['profile'].get('projects', [])) + 1}",
         "kind": kind_named("project_kinds", label), "approved_on": day})


@given(parsers.re(r"该项目(?P<what>新增投资额|国家资助|省级补助)为" + AMOUNT))
def project_amount(case, what, amount, unit):
    field = {"新增投资额": "new_investment_yuan", "国家资助": "national_grant_yuan",
             "省级补助": "provincial_grant_yuan"}[what]
    case["profile"]["projects"][-1][field] = yuan(amount, unit)


@given(parsers.re(r"该企业所属行业为(?P<code>[A-Z]\d{2,4})"))
def industry(case, code):
    case["profile"]["industry_code"] = code


@given(parsers.re(r"该企业属于“(?P<label>.+)”领域$"))
def sector(case, label):
    case["profile"].setdefault("sector_tags", []).append(kind_named("sector_tags", label))


@given("该企业不属于任何所列领域")
def no_sector(case):
    case["profile"]["sector_tags"] = []


@given(parsers.re(r"该企业(?P<answer>是|不是)规模以上工业企业"))
def above_size(case, answer):
    case["profile"]["above_designated_size"] = answer == "是"


@given(parsers.re(r"该企业规模为(?P<label>大型企业|中型企业|小型企业|微型企业)"))
def scale(case, label):
    case["profile"]["scale"] = kind_named("scales", label)


@given(parsers.re(r"该(?:企业|单位)于(?P<day>\d{4}-\d{2}-\d{2})获得(?P<level>国家级|省级|市级)“(?P<label>.+)”,有效期至(?P<until>\d{4}-\d{2}-\d{2})$"))
def recognition_valid_until(case, day, level, label, until):
    case["profile"].setdefault("recognitions", []).append(
        {"kind": kind_named("recognition_kinds", label), "level": LEVELS[level], "obtained_on": day,
         "valid_until": until})


@given(parsers.re(r"该企业性质为(?P<label>[^,]+)$"))
def ownership(case, label):
    case["profile"]["ownership"] = kind_named("ownerships", label)


@given(parsers.re(r"该企业为混合所有制企业,由(?P<label>.+)控股$"))
def mixed_controlled_by(case, label):
    case["profile"]["ownership"] = "mixed"
    case["profile"]["controlled_by"] = kind_named("ownerships", label)


@given("该企业为混合所有制企业,未说明控股方")
def mixed_without_controller(case):
    case["profile"]["ownership"] = "mixed"


@when("测算奖励")
def evaluate(case, engine):
    profile = Profile.model_validate(case["profile"])
    case["result"] = engine.evaluate(profile, case["as_of"])


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”的结果为“(?P<label>.+)”"))
def rule_status(case, rule_id, label):
    outcome = case["result"].outcome(rule_id)
    status = outcome.status if outcome else "not_eligible"
    assert status == STATUSES[label], outcome.reason if outcome else f"{rule_id} is of another jurisdiction"


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”的奖励金额为" + AMOUNT))
def rule_amount(case, rule_id, amount, unit):
    assert case["result"].outcome(rule_id).amount_yuan == yuan(amount, unit)


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”缺少“(?P<text>.+)”"))
def rule_missing(case, rule_id, text):
    missing = case["result"].outcome(rule_id).missing_facts
    assert any(text in item for item in missing), missing


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”的支持方式为“(?P<support>.+)”"))
def rule_support(case, rule_id, support):
    assert case["result"].outcome(rule_id).support == support


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”引用条款“(?P<path>.+)”"))
def rule_clause(case, rule_id, path):
    citation = case["result"].outcome(rule_id).citation
    assert citation.clause_path == path and citation.clause_text


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”有(?P<count>\d+)个(?P<kind>项目|称号)符合"))
def items_due(case, rule_id, count, kind):
    items = case["result"].outcome(rule_id).subjects
    assert all(item.subject == {"项目": "project", "称号": "title"}[kind] for item in items)
    assert sum(item.status == "eligible" for item in items) == int(count), [(i.name, i.status) for i in items]


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”的条件显示“(?P<text>.+)”"))
def trace_shows(case, rule_id, text):
    shown = [f"{item.label}:{item.value or ''}{item.missing or ''}" for item in case["result"].outcome(rule_id).trace]
    assert any(text in line for line in shown), shown


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”不向本局申请,而是“(?P<where>.+)”"))
def claimed_elsewhere(case, rule_id, where):
    outcome = case["result"].outcome(rule_id)
    assert not outcome.claimable and where in (outcome.apply_elsewhere or ""), outcome.apply_elsewhere


@then(parsers.re(r"规则“(?P<rule_id>[a-z0-9_.]+)”可以向本局申请"))
def claimable_here(case, rule_id):
    assert case["result"].outcome(rule_id).claimable


@then(parsers.re(r"文件“(?P<doc_id>[a-z0-9-]+)”的施行状态为“(?P<label>.+)”"))
def document_phase(case, doc_id, label):
    found = {d.document_id: d for d in case["result"].documents}
    assert found[doc_id].phase == PHASES[label], found[doc_id].summary


@then(parsers.re(r"文件“(?P<doc_id>[a-z0-9-]+)”的说明包含“(?P<text>.+)”"))
def document_summary(case, doc_id, text):
    found = {d.document_id: d for d in case["result"].documents}
    assert text in found[doc_id].summary, found[doc_id].summary


@then(parsers.re(r"奖励合计为" + AMOUNT))
def total(case, amount, unit):
    assert case["result"].total_yuan == yuan(amount, unit)


@then(parsers.re(r"有一条临近提示包含“(?P<text>.+)”"))
def near_miss(case, text):
    messages = [m.message for m in case["result"].near_misses]
    assert any(text in m for m in messages), messages


@then("没有临近提示")
def no_near_miss(case):
    assert case["result"].near_misses == []


@then(parsers.re(r"结果中没有(?P<city>\S+)以外的措施"))
def only_own_city(case, engine, city):
    code = division_code(city)
    listed = (*case["result"].outcomes, *case["result"].related_support)
    assert listed
    for outcome in listed:
        assert engine.rulebook.document_of[outcome.rule_id].jurisdiction.division_code[:4] == code[:4]
