"""The profile: credit-code check character, field validation with Chinese messages naming the field."""
import json
from datetime import timedelta

import pytest
from pydantic import ValidationError

from eligibility import clock
from eligibility.creditcode import check_character, credit_code_problem
from eligibility.errors import chinese_errors
from eligibility.profile import Profile

VALID = {"name": "许昌某公司", "credit_code": "91350100M000100Y43", "division_code": "411002"}


def errors_of(**changes) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Profile.model_validate({**VALID, **changes})
    return {e.field: e.message for e in chinese_errors(caught.value)}


@pytest.mark.parametrize("code, problem", [
    ("91350100M000100Y43", None),
    ("91350100M000100Y44", "校验位不正确(第18位应为3)"),
    ("91350100M000100Y4", "应为18位"),
    ("91350100M000100I43", "不允许的字符:I"),
    ("9135ABCDM000100Y43", "第3至8位"),
])
def test_credit_code_check_character(code, problem):
    found = credit_code_problem(code)
    assert (found is None) if problem is None else problem in found


def test_check_character_of_glossary_example():
    assert check_character("91350100M000100Y4") == "3"


def test_credit_code_is_normalised_to_upper_case():
    assert Profile.model_validate({**VALID, "credit_code": " 91350100m000100y43 "}).credit_code == "91350100M000100Y43"


def test_bad_credit_code_names_the_field():
    assert "校验位" in errors_of(credit_code="91350100M000100Y44")["credit_code"]


def test_negative_sales_rejected_with_field_path():
    assert errors_of(sales_yuan_by_year={"2019": -1}) == {"sales_yuan_by_year.2019": "不能小于0"}


def test_future_date_rejected():
    # The bureau's tomorrow (Asia/Shanghai), not the machine's: from 16:00 UTC they differ by a day.
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    found = errors_of(recognitions=[{"kind": "smart_factory", "level": "provincial", "obtained_on": tomorrow}])
    assert "不能晚于今天" in found["recognitions.0.obtained_on"]


def test_level_must_exist_for_kind():
    found = errors_of(recognitions=[{"kind": "single_champion_product", "level": "provincial",
                                     "obtained_on": "2019-01-01"}])
    assert "只有国家级" in found["recognitions.0"]


def test_unknown_recognition_kind_and_extra_field():
    found = errors_of(recognitions=[{"kind": "nope", "level": "national", "obtained_on": "2019-01-01"}], colour="red")
    assert "未知的认定类别" in found["recognitions.0.kind"]
    assert found["colour"] == "未知字段"


def test_division_code_and_industry_code():
    assert "6位" in errors_of(division_code="41")["division_code"]
    assert "GB/T 4754" in errors_of(industry_code="Z99")["industry_code"]


def test_sales_year_out_of_range():
    assert "不在" in errors_of(sales_yuan_by_year={"1900": 5})["sales_yuan_by_year"]


def test_unknown_is_none_not_zero():
    profile = Profile.model_validate(VALID)
    assert profile.strategic_emerging is None and profile.recognitions is None and profile.sales_yuan_by_year is None


def test_validity_cannot_end_before_obtained_and_ownership_is_checked():
    found = errors_of(recognitions=[{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-01-01",
                                     "valid_until": "2018-12-31"}], ownership="public")
    assert found["recognitions.0.valid_until"] == "有效期不能早于获得日期"
    assert "取值不在允许范围内" in found["ownership"]


def test_types_are_strict_where_loose_coercion_changes_meaning():
    """true is not 1 yuan, "2_019" is not a year, 0 is not 1970-01-01, "yes" is not true."""
    money = errors_of(sales_yuan_by_year={"2019": True}, projects=[
        {"name": "p", "kind": "industrial_foundation", "approved_on": "2019-01-01", "national_grant_yuan": 12.5}])
    assert money["sales_yuan_by_year.2019"] == "金额应为整数(单位:元)"
    assert money["projects.0.national_grant_yuan"] == "金额应为整数(单位:元)"
    assert errors_of(sales_yuan_by_year={"2_019": 5})["sales_yuan_by_year.2_019.[key]"] == "年度应为四位数字,如 2019"
    dates = errors_of(recognitions=[{"kind": "smart_factory", "level": "provincial", "obtained_on": 0}])
    assert dates["recognitions.0.obtained_on"] == "日期格式应为YYYY-MM-DD"
    assert errors_of(strategic_emerging="yes")["strategic_emerging"] == "应为是或否"
    assert Profile.model_validate_json(json.dumps({**VALID, "sales_yuan_by_year": {"2019": 5}})).sales_yuan_by_year == {
        2019: 5}


def test_lists_are_capped_with_a_message_naming_the_field():
    item = {"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-01-01"}
    assert errors_of(recognitions=[item] * 201)["recognitions"] == "最多200项"
    project = {"name": "p", "kind": "industrial_foundation", "approved_on": "2019-01-01"}
    assert errors_of(projects=[project] * 201)["projects"] == "最多200项"
