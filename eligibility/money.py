"""Money shown the way policy texts write it: 元, 万元, 亿元."""
import re
import unicodedata
from decimal import Decimal, localcontext

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


UNIT_YUAN = {"wan": WAN, "yuan": 1}
# Units an amount may be typed with; they override the field's own unit ("9亿" in a 万元 field is 9亿元).
TYPED_UNITS = {"亿元": YI, "亿": YI, "万元": WAN, "万": WAN, "元": 1}
# A plain decimal number: no exponent (1e999999999 would make a billion-digit integer), no sign, no words.
PLAIN_NUMBER = re.compile(r"(?=\.?\d)(?P<whole>\d*)(?:\.(?P<fraction>\d*))?")
MAX_WHOLE_DIGITS = 15


def read_amount(text: str | None, unit: str = "wan") -> tuple[Decimal, int] | None:
    """The number typed and the yuan per unit it is in (the field's unit unless it says 元, 万 or 亿); None if blank.

    Accepts 1,200, full-width digits and spaces; refuses words, signs, exponents, inf/nan and absurd lengths.
    """
    text = "".join(unicodedata.normalize("NFKC", text or "").split()).replace(",", "")
    if not text:
        return None
    multiplier = UNIT_YUAN[unit]
    for word, factor in TYPED_UNITS.items():
        if text.endswith(word):
            text, multiplier = text[:-len(word)], factor
            break
    if text.startswith("-"):
        raise AmountError("金额不能为负数")
    plain = PLAIN_NUMBER.fullmatch(text)
    if plain is None:
        raise AmountError("请填写数字金额,如 120000 或 12.5;也可写明单位,如 9亿、900000000元")
    if len(plain["whole"].lstrip("0")) > MAX_WHOLE_DIGITS or len(plain["fraction"] or "") > 2 * MAX_WHOLE_DIGITS:
        raise AmountError("金额位数过多,请核对")
    return Decimal(text), multiplier


def parse_amount(text: str | None, unit: str = "wan") -> int | None:
    """An amount typed in 万元 ("wan") or 元 ("yuan"), or with its own unit, as whole yuan exactly; None if blank."""
    read = read_amount(text, unit)
    if read is None:
        return None
    with localcontext(prec=60):  # 15 + 30 digits times a power of ten: exact, a fraction of a yuan never rounded away
        yuan = read[0] * read[1]
    if yuan > MAX_YUAN:
        raise AmountError("金额过大(最多100万亿元)")
    if yuan != yuan.to_integral_value():
        raise AmountError("金额最多精确到元" + ("(按万元填写时最多4位小数)" if read[1] == WAN else ""))
    return int(yuan)
