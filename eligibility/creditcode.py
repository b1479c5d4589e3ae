"""统一社会信用代码 (GB 32100-2015) check character."""
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]


def check_character(first17: str) -> str:
    """The 18th character that GB 32100-2015 computes from the first 17."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why a string is not a valid credit code, in Chinese, or None when it is valid."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位,现为{len(code)}位"
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        return f"统一社会信用代码含有不允许的字符:{''.join(bad)}(不使用I、O、S、V、Z)"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3至8位应为登记管理机关行政区划码(数字)"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位不正确(第18位应为{expected})"
    return None
