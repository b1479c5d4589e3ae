"""Table cells as profile values: what a spreadsheet or CSV writes (是/否, 2019-05-20, 1200000000) becomes what
the JSON profile carries; anything else is passed on unchanged so that the profile's own validation words the error."""
from datetime import date, datetime

from .columns import NO_TAGS, TAG_SEPARATORS, Column

TRUE_WORDS = {"是", "true", "yes", "y", "1"}
FALSE_WORDS = {"否", "false", "no", "n", "0"}


def _bool(value: object) -> object:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return value


def _number(value: object) -> object:
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value


def _date(value: object) -> object:
    if isinstance(value, datetime) and value == datetime(value.year, value.month, value.day):
        return value.date()
    return value


def _tags(value: object) -> object:
    if isinstance(value, str):
        if value.strip() == NO_TAGS:
            return []
        text = value
        for separator in TAG_SEPARATORS[1:]:
            text = text.replace(separator, TAG_SEPARATORS[0])
        return [tag.strip() for tag in text.split(TAG_SEPARATORS[0]) if tag.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return value


def _text(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a code typed as a number in a spreadsheet (411003)
    return value


CONVERT = {"text": _text, "code": _text, "bool": _bool, "flag": _bool, "date": _date, "yuan": _number,
           "year": _number, "tags": _tags}


def cell_value(column: Column, value: object) -> object:
    """The profile value of a cell; a blank cell (None or "") is None, meaning not reported."""
    if value is None or value == "":
        return None
    return CONVERT[column.kind](value)


def cell_text(value: object) -> str | None:
    """A spreadsheet cell as the text a CSV would hold (Excel dates at midnight as YYYY-MM-DD)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value == datetime(value.year, value.month, value.day) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return repr(value)
    return str(value)
