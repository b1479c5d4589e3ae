"""A profile read back in words, as entered: for the result page (and anyone else showing what was filed)."""
from dataclasses import dataclass, field

from .money import YI, format_wan, format_yuan
from .profile import Profile
from .vocabulary import division_name, industries, vocabulary

# More than any enterprise these policies address reports (1000亿元): most likely 元 typed into a 万元 field.
IMPLAUSIBLE_YUAN = 1000 * YI
YES_NO = {True: "是", False: "否", None: "未回答"}


@dataclass
class Line:
    """One entered fact: its label, its value in words (one or more lines), and a warning when it looks wrong."""

    label: str
    values: list[str]
    warnings: list[str] = field(default_factory=list)


def money(yuan: int) -> str:
    """An amount as policies write it, with 万元 beside it when shown in 亿元 or 元 (12亿元(120000万元))."""
    shown, wan = format_yuan(yuan), format_wan(yuan)
    return shown if shown == wan else f"{shown}({wan})"


def implausible(yuan: int | None, what: str) -> list[str]:
    """A warning when an amount is implausibly large for an enterprise."""
    if yuan is None or abs(yuan) < IMPLAUSIBLE_YUAN:
        return []
    return [f"{what}为{format_yuan(yuan)},明显偏大:是否把按元计的数字填进了按万元计的栏目?请核对后修改。"]


def entered_facts(profile: Profile) -> list[Line]:
    """Every answer of the profile in words, in the order the form asks them; 未填报 for unknowns."""
    vocab = vocabulary()
    lines = [
        Line("单位名称", [profile.name]),
        Line("统一社会信用代码", [profile.credit_code]),
        Line("注册地", [f"{division_name(profile.division_code)}({profile.division_code})"]),
        Line("单位类型", [vocab["entity_kinds"].get(profile.entity_kind, profile.entity_kind)]),
        Line("战略性新兴产业企业", [YES_NO[profile.strategic_emerging]]),
        Line("国民经济行业代码", [_industry(profile.industry_code)]),
        Line("所属领域", [_sectors(profile.sector_tags, vocab)]),
        Line("规模以上工业企业", [YES_NO[profile.above_designated_size]]),
        Line("企业规模", [vocab["scales"].get(profile.scale, profile.scale) if profile.scale else "未填报"]),
        Line("企业性质", [_ownership(profile, vocab)]),
    ]
    lines.append(_sales(profile))
    lines.append(_recognitions(profile, vocab))
    lines.append(_projects(profile, vocab))
    return lines


def warnings(profile: Profile) -> list[str]:
    """Every warning about the entered facts (implausible amounts)."""
    return [w for line in entered_facts(profile) for w in line.warnings]


def _industry(code: str | None) -> str:
    if not code:
        return "未填报"
    name = industries().get(code[:3]) or industries().get(code)
    return f"{code}({name})" if name else code


def _sectors(tags: list[str] | None, vocab: dict) -> str:
    if tags is None:
        return "未填报"
    if not tags:
        return "均不属于所列领域"
    return "、".join(vocab["sector_tags"].get(tag, tag) for tag in tags)


def _ownership(profile: Profile, vocab: dict) -> str:
    if not profile.ownership:
        return "未填报"
    text = vocab["ownerships"].get(profile.ownership, profile.ownership)
    if profile.ownership == "mixed":
        owner = vocab["ownerships"].get(profile.controlled_by) if profile.controlled_by else "未填报控股方"
        text += f"(控股方:{owner})"
    return text


def _sales(profile: Profile) -> Line:
    sales = profile.sales_yuan_by_year
    if sales is None:
        return Line("年销售收入", ["未填报"])
    line = Line("年销售收入", [])
    for year, yuan in sorted(sales.items()):
        line.values.append(f"{year}年:{money(yuan)}")
        line.warnings += implausible(yuan, f"{year}年年销售收入")
    return line if line.values else Line("年销售收入", ["未填报"])


def _recognitions(profile: Profile, vocab: dict) -> Line:
    items = profile.recognitions
    if items is None:
        return Line("认定、称号、名单", ["未填报"])
    if not items:
        return Line("认定、称号、名单", ["无"])
    values = []
    for item in items:
        kind = vocab["recognition_kinds"].get(item.kind, {}).get("label", item.kind)
        level = vocab["levels"].get(item.level, item.level or "")
        text = f"{level}{kind},{item.obtained_on.isoformat()}获得"
        if item.valid_until:
            text += f",有效期至{item.valid_until.isoformat()}"
        if item.document_number:
            text += f",文号{item.document_number}"
        if item.renewal_of:
            text += f"(复核、续期,原称号:{item.renewal_of})"
        values.append(text)
    return Line("认定、称号、名单", values)


def _projects(profile: Profile, vocab: dict) -> Line:
    items = profile.projects
    if items is None:
        return Line("承担的项目", ["未填报"])
    if not items:
        return Line("承担的项目", ["无"])
    line = Line("承担的项目", [])
    for item in items:
        kind = vocab["project_kinds"].get(item.kind, {}).get("label", item.kind)
        text = f"{item.name}({kind},{item.approved_on.isoformat()}立项"
        if item.approval_number:
            text += f",文号{item.approval_number}"
        for label, yuan in (("新增投资额", item.new_investment_yuan), ("国家资助", item.national_grant_yuan),
                            ("省级补助", item.provincial_grant_yuan)):
            if yuan is not None:
                text += f",{label}{money(yuan)}"
                line.warnings += implausible(yuan, f"项目“{item.name}”的{label}")
        line.values.append(text + ")")
    return line
