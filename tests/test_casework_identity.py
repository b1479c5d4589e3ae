"""Project identity: the approval number in one spelling, the ledger key, and the possible duplicates shown."""
import pytest

from casework_support import FOUNDATION, PROFILE, approve, submit
from eligibility.casework import identity, service


@pytest.mark.parametrize("typed", [
    "工信部规〔2018〕12号", "工信部规[2018]12号", "工信部规(2018)12号", "工信部规（２０１８）１２号", "工信部规【2018】12号",
    "工信部规「2018」12号", "工信部规﹝2018﹞12号", " 工信部规 〔 2018 〕 12 号 ", "工信部规〔2018〕第12号",
    "工信部规〔2018〕012号", "工信部规〔2018〕12號", "工信部规〔2018〕12", "工信部规\u200b〔2018〕\u300012号",
])
def test_every_spelling_of_one_number_is_one_key(typed):
    assert identity.ledger_key("industrial_foundation", typed) == "project:industrial_foundation:工信部规〔2018〕12"


def test_different_numbers_kinds_and_letters():
    key = identity.ledger_key
    assert key("industrial_foundation", "工信部规〔2018〕12号") != key("industrial_foundation", "工信部规〔2018〕13号")
    assert key("industrial_foundation", "工信部规〔2018〕12号") != key("smart_mfg", "工信部规〔2018〕12号")
    assert key("industrial_foundation", "gxb〔2018〕12号") == key("industrial_foundation", "ＧＸＢ〔2018〕12号")
    assert key() == "enterprise"


@pytest.mark.parametrize("typed, message", [("", "请填写项目的立项文号"), ("   ", "请填写项目的立项文号"),
                                            ("立项批复", "含有年份或编号数字"), ("号" * 80 + "1" * 30, "过长")])
def test_numbers_that_identify_nothing_are_refused(typed, message):
    assert message in identity.approval_number_problem(typed)
    with pytest.raises(identity.IdentityError, match=message):
        identity.ledger_key("industrial_foundation", typed)


def project(name, number, approved_on="2018-05-01", grant=8000000):
    return {"name": name, "kind": "industrial_foundation", "approved_on": approved_on, "approval_number": number,
            "national_grant_yuan": grant}


def test_one_project_twice_in_one_application_is_refused(session, engine):
    profile = {**PROFILE, "projects": [project("强基一号", "工信部规〔2018〕12号"), project("强基 一号", "工信部规[2018]第12號")]}
    with pytest.raises(service.CaseworkError, match="立项文号相同,是同一项目"):
        submit(session, engine, claims=[FOUNDATION, service.ClaimRequest(FOUNDATION.rule_id, 1)], profile=profile)


def test_the_ledger_pays_one_project_once_whatever_its_name(session, engine, clerk):
    """Before, 强基一号 / 强基一号(续) / 强基 一号 / 强基一號 were four ledger keys and four payouts."""
    first = submit(session, engine, claims=[FOUNDATION])
    approve(session, clerk, first.claims[0])
    for name, number in (("强基一号(续)", "工信部规[2018]12号"), ("强基 一号", "工信部规(2018)第012号"),
                         ("强基一號", "工信部规〔2018〕12號")):
        app = submit(session, engine, claims=[FOUNDATION], profile={**PROFILE, "projects": [project(name, number)]})
        assert app.claims[0].ledger_key == first.claims[0].ledger_key
        with pytest.raises(service.DoublePayout, match=first.reference):
            approve(session, clerk, app.claims[0], not_duplicate_reason="企业称是另一项目")


def test_possible_duplicates_same_enterprise_kind_and_date_or_grant(session, engine, clerk):
    base = submit(session, engine, claims=[FOUNDATION])
    same_date = submit(session, engine, claims=[FOUNDATION], profile={
        **PROFILE, "projects": [project("强基二号", "工信部规〔2018〕99号", grant=1)]})
    same_grant = submit(session, engine, claims=[FOUNDATION], profile={
        **PROFILE, "projects": [project("强基三号", "工信部规〔2018〕98号", approved_on="2018-09-01")]})
    unrelated = submit(session, engine, claims=[FOUNDATION], profile={
        **PROFILE, "projects": [project("强基四号", "工信部规〔2018〕97号", approved_on="2018-10-01", grant=2)]})
    found = identity.possible_duplicates(session, base.claims[0])
    assert {c.id for c in found} == {same_date.claims[0].id, same_grant.claims[0].id}
    assert identity.why_duplicate(base.claims[0], same_date.claims[0]) == ["同一奖励", "同一立项日期"]
    assert identity.why_duplicate(base.claims[0], same_grant.claims[0]) == ["同一奖励", "同一国家资助金额"]
    assert identity.possible_duplicates(session, unrelated.claims[0]) == []
    with pytest.raises(service.PossibleDuplicate, match=same_date.reference):
        approve(session, clerk, base.claims[0])
    approve(session, clerk, base.claims[0], not_duplicate_reason="三个项目立项文件各不相同,已核对原件")
    assert base.claims[0].status == "approved"
