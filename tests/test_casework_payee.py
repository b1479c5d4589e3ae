"""The payee account: validated with a message per field, the enterprise's own name, masked on the desk."""
import pytest

from eligibility.casework.payee import Payee, PayeeError, mask_account, validate_payee

NAME = "许昌(建安)电气有限公司"


def test_a_good_account_is_kept_as_digits():
    payee = validate_payee(" 许昌（建安）电气有限公司 ", "中国工商银行 许昌分行", "6222 0212-3456 7890 123", NAME)
    assert payee == Payee("许昌（建安）电气有限公司", "中国工商银行 许昌分行", "6222021234567890123")
    assert validate_payee(NAME, "工行", "６２２２０２１２", NAME).account == "62220212"  # full-width digits


@pytest.mark.parametrize("name, bank, account, field, message", [
    ("别家公司", "工行", "62220212", "payee_name", "应与单位名称"), ("", "工行", "62220212", "payee_name", "户名"),
    (NAME, "", "62220212", "payee_bank", "请填写开户行"), (NAME, "行" * 101, "62220212", "payee_bank", "最多100"),
    (NAME, "工行", "", "payee_account", "请填写收款账号"), (NAME, "工行", "6222abcd", "payee_account", "只能含数字"),
    (NAME, "工行", "1234567", "payee_account", "现为7位"), (NAME, "工行", "1" * 33, "payee_account", "现为33位"),
])
def test_each_wrong_field_gets_its_message(name, bank, account, field, message):
    with pytest.raises(PayeeError) as caught:
        validate_payee(name, bank, account, NAME)
    assert list(caught.value.errors) == [field] and message in caught.value.errors[field]


def test_accounts_are_masked_for_the_desk():
    assert mask_account("6222021234567890123") == "6222 **** **** 0123"
    assert mask_account("12345678") == "12** **78"
    assert mask_account(None) == "未填报"
