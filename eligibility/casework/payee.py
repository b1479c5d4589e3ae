"""The account an award is paid to (户名, 开户行, 账号): validated when the enterprise applies, masked on the desk.

户名 must be the enterprise's own name: 财政奖补资金 is paid to the enterprise's own bank account (对公账户),
never to a person or another company, and finance refuses a transfer whose account name differs from the
beneficiary. The comparison ignores spaces and full-/half-width forms, so 许昌(建安)电气 equals 许昌(建安)电气.
"""
import unicodedata
from dataclasses import dataclass

from .errors import CaseworkError

ACCOUNT_DIGITS = (8, 32)
MAX_BANK = 100
FIELDS = ("payee_name", "payee_bank", "payee_account")


@dataclass(frozen=True)
class Payee:
    """A validated payee: the account name, the bank branch, the account number (digits only)."""

    name: str
    bank: str
    account: str


class PayeeError(CaseworkError):
    """Invalid payee fields: a Chinese message per field name (payee_name, payee_bank, payee_account)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(";".join(errors.values()))


def _comparable(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def validate_payee(name: str | None, bank: str | None, account: str | None, enterprise_name: str) -> Payee:
    """The payee the form describes, or PayeeError naming each wrong field."""
    name, bank = " ".join((name or "").split()), " ".join((bank or "").split())
    digits = "".join(unicodedata.normalize("NFKC", account or "").split()).replace("-", "")
    errors = {}
    if not name:
        errors["payee_name"] = "请填写收款账户的户名"
    elif _comparable(name) != _comparable(enterprise_name):
        errors["payee_name"] = f"户名应与单位名称“{enterprise_name}”一致:奖补资金只拨付到本单位的对公账户"
    if not bank:
        errors["payee_bank"] = "请填写开户行,如 中国工商银行许昌分行营业部"
    elif len(bank) > MAX_BANK:
        errors["payee_bank"] = f"开户行过长(最多{MAX_BANK}个字)"
    low, high = ACCOUNT_DIGITS
    if not digits:
        errors["payee_account"] = "请填写收款账号"
    elif not (digits.isascii() and digits.isdigit()):
        errors["payee_account"] = "账号只能含数字(可用空格分组)"
    elif not low <= len(digits) <= high:
        errors["payee_account"] = f"账号应为{low}—{high}位数字,现为{len(digits)}位"
    if errors:
        raise PayeeError(errors)
    return Payee(name=name, bank=bank, account=digits)


def mask_account(account: str | None) -> str:
    """An account number as the desk shows it: the first and last four digits, 6222 **** **** 1234."""
    if not account:
        return "未填报"
    if len(account) <= 8:
        return f"{account[:2]}** **{account[-2:]}"
    return f"{account[:4]} **** **** {account[-4:]}"
