"""Money typed by people, parsed once (self-check and desk alike): exact whole yuan, or a Chinese message."""
import pytest

from eligibility.money import MAX_YUAN, AmountError, format_yuan, parse_amount


@pytest.mark.parametrize("typed, unit, yuan", [
    ("12.5", "wan", 125000), ("1,200", "yuan", 1200), ("1,200", "wan", 12000000), ("１２", "wan", 120000),
    (" 0.0001 ", "wan", 1), ("", "wan", None), ("   ", "yuan", None), (None, "wan", None), ("12万", "wan", 120000), ("9亿", "yuan", 900000000), ("900000000元", "wan", 900000000),
    ("10000000000", "wan", MAX_YUAN), ("3", "yuan", 3),
])
def test_amounts_parse_exactly(typed, unit, yuan):
    assert parse_amount(typed, unit) == yuan


@pytest.mark.parametrize("typed, unit, message", [
    ("inf", "wan", "请填写数字金额"), ("-inf", "wan", "金额不能为负数"), ("nan", "yuan", "请填写数字金额"),
    ("1e300", "wan", "请填写数字金额"), ("1e999999999", "yuan", "请填写数字金额"), ("1e2", "yuan", "请填写数字金额"),
    ("十二亿", "wan", "请填写数字金额"),
    ("-5", "wan", "金额不能为负数"), ("0.00001", "wan", "最多精确到元"), ("12.5", "yuan", "最多精确到元"),
    ("1.00000000000000000000000000001", "yuan", "最多精确到元"), ("1" * 41, "yuan", "位数过多"),
    ("10000000001", "wan", "金额过大"), ("12万万", "wan", "请填写数字金额"),
])
def test_bad_amounts_get_a_chinese_message(typed, unit, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(typed, unit)


def test_formatting_in_the_units_policies_use():
    assert [format_yuan(v) for v in (5000, 100000, 125000, 150000000)] == ["5000元", "10万元", "12.5万元", "1.5亿元"]
