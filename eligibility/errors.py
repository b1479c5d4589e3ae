"""Validation errors in Chinese, keyed by field path: one translation for the API, the form and the CLI."""
from pydantic import BaseModel, ValidationError

# pydantic's messages are English; these are shown instead, by error type.
MESSAGES = {
    "missing": "必填",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "greater_than_equal": "不能小于{ge}",
    "greater_than": "应大于{gt}",
    "less_than_equal": "不能大于{le}",
    "bool_parsing": "应为是或否",
    "bool_type": "应为是或否",
    "date_parsing": "日期格式应为YYYY-MM-DD",
    "date_from_datetime_parsing": "日期格式应为YYYY-MM-DD",
    "date_type": "日期格式应为YYYY-MM-DD",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "string_too_long": "过长(最多{max_length}个字)",
    "literal_error": "取值不在允许范围内:{expected}",
    "extra_forbidden": "未知字段",
    "list_type": "应为列表",
    "dict_type": "应为对象(年度: 金额)",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "json_invalid": "不是有效的 JSON",
    "too_long": "最多{max_length}项",
    "too_short": "至少{min_length}项",
}


class FieldError(BaseModel):
    """One invalid field: its dotted path (recognitions.0.obtained_on) and a Chinese message."""

    field: str
    message: str


def field_path(loc: tuple) -> str:
    """A pydantic error location as a dotted path."""
    return ".".join(str(part) for part in loc)


def chinese_errors(exc: ValidationError, prefix: tuple = ()) -> list[FieldError]:
    """Every error of a ValidationError with a Chinese message naming its field."""
    errors = []
    for error in exc.errors(include_url=False):
        template = MESSAGES.get(error["type"])
        message = template.format(**(error.get("ctx") or {})) if template else error["msg"]
        errors.append(FieldError(field=field_path(prefix + tuple(error["loc"])), message=message))
    return errors
