"""Money shown the way policy texts write it: 元, 万元, 亿元."""
import unicodedata
from decimal import Decimal, InvalidOperation, localcontext

WAN = 10_000
YI = 100_000_000


def _trim(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_yuan(amount_yuan: int) -> str:
    """Format an amount in yuan as 亿元 (from 1亿), 万元 (from 1万) or 元."""
    if abs(amount_yuan) >= YI:
        return _trim(Decimal(amount_yuan) / YI) + "亿元"
    if abs(amount_yuan) >= WAN:
        return _trim(Decimal(amount_yuan) / WAN) + "万元"
    return f"{amount_yuan}元"


def format_in_unit_of(amount_yuan: int, reference_yuan: int) -> str:
    """Format an amount in the unit its reference is shown in (a 0.8亿元 shortfall of a 10亿元 threshold)."""
    if abs(reference_yuan) >= YI:
        return _trim(Decimal(amount_yuan) / YI) + "亿元"
    return format_yuan(amount_yuan)


def format_wan(amount_yuan: int) -> str:
    """Format an amount in yuan as 万元, as the self-check form shows amounts back."""
    return _trim(Decimal(amount_yuan) / WAN) + "万元"


# The largest amount anyone may type (100万亿元): the profile's bound, and far below what overflows a BIGINT.
MAX_YUAN = 10**14


class AmountError(ValueError):
    """An amount typed that is not a whole number of yuan; the message is Chinese, for beside the field."""


def parse_amount(text: str | None, unit: str = "wan") -> int | None:
    """An amount typed in 万元 ("wan") or 元 ("yuan") as whole yuan, exactly (Decimal); None when left blank.

    Accepts 1,200 and full-width digits; refuses words, inf/nan, fractions of a yuan, negatives and absurd sizes.
    """
    text = unicodedata.normalize("NFKC", text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        if len(text) > 40:  # no amount needs more digits; longer text would also round below
            raise InvalidOperation
        value = Decimal(text)
    except InvalidOperation:
        raise AmountError("请填写数字金额,如 120000 或 12.5") from None
    if not value.is_finite():
        raise AmountError("请填写数字金额,如 120000 或 12.5")
    if value < 0:
        raise AmountError("金额不能为负数")
    # Checked before multiplying: 1e999999999 must not become a billion-digit integer.
    with localcontext(prec=60):  # exact for 40 digits: a fraction of a yuan is never rounded away
        yuan = value * (WAN if unit == "wan" else 1) if value.adjusted() <= 15 else None
    if yuan is None or yuan > MAX_YUAN:
        raise AmountError("金额过大(最多100万亿元)")
    if yuan != yuan.to_integral_value():
        raise AmountError("金额最多精确到元")
    return int(yuan)
