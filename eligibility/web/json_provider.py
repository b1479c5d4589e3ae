"""Flask's JSON through orjson: what `jsonify`, `request.get_json` and `tojson` use, several times faster."""
import json
import re
from typing import Any, cast

import orjson
from flask import Flask, Response
from flask.json.provider import DefaultJSONProvider

# Dates and dataclasses go to Flask's own `default`, so they come out as Flask's default provider writes them.
OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
KNOWN = {"default", "ensure_ascii", "sort_keys", "indent", "separators"}
# orjson reads integers beyond 64 bits as floats; a document with 20 digits in a row goes to the standard library,
# which keeps them exact (so a huge amount is refused as too large, not as "not an integer").
LONG_NUMBER = re.compile(rb"\d{20}")


class OrjsonProvider(DefaultJSONProvider):
    """Flask's default JSON provider with orjson doing the work; its settings (`ensure_ascii`, `sort_keys`,
    `compact`, `default`) mean what they mean there.

    Output is compact JSON. What orjson cannot do exactly as the standard library does (escaping non-ASCII when
    `ensure_ascii` is on, indents other than 2, integers beyond 64 bits, NaN, documents that are not UTF-8) is
    left to the standard library, so nothing that worked before fails or reads differently now.
    """

    def _options(self, kwargs: dict) -> int | None:
        """orjson's options for these json.dumps arguments, or None when only the standard library can honour them."""
        if not KNOWN.issuperset(kwargs) or kwargs.get("ensure_ascii", self.ensure_ascii):
            return None
        options = OPTIONS
        if kwargs.get("sort_keys", self.sort_keys):
            options |= orjson.OPT_SORT_KEYS
        indent = kwargs.get("indent")
        if indent == 2:
            options |= orjson.OPT_INDENT_2
        elif indent is not None or kwargs.get("separators", (",", ":")) != (",", ":"):
            return None
        return options

    def _encode(self, obj: Any, kwargs: dict) -> bytes:
        options = self._options(kwargs)
        if options is not None:
            try:
                return orjson.dumps(obj, default=kwargs.get("default", self.default), option=options)
            except orjson.JSONEncodeError:
                pass  # e.g. an integer beyond 64 bits: the standard library writes it
        return super().dumps(obj, **kwargs).encode()

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        """Serialise to a JSON string."""
        return self._encode(obj, {"separators": (",", ":"), **kwargs}).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse JSON text or UTF-8 bytes."""
        if not kwargs and not LONG_NUMBER.search(s.encode() if isinstance(s, str) else s):
            try:
                return orjson.loads(s)
            except orjson.JSONDecodeError:
                pass  # NaN or UTF-16 the standard library accepts; its own error otherwise
        return json.loads(s, **kwargs)

    def response(self, *args: Any, **kwargs: Any) -> Response:
        """A JSON response, its bytes handed over as orjson made them (no str round trip)."""
        obj = self._prepare_response_obj(args, kwargs)
        pretty = (self.compact is None and self._app.debug) or self.compact is False
        body = self._encode(obj, {"indent": 2} if pretty else {"separators": (",", ":")})
        app = cast(Flask, self._app)  # the provider of a Flask app, not of the sans-IO base
        return app.response_class(body + b"\n", mimetype=self.mimetype)
