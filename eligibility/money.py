"""Money shown the way policy texts write it: 元, 万元, 亿元."""
from decimal import Decimal

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
