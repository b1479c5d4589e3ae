"""Bounds on what one request may send: body size (413), form parts, JSON nesting depth (400)."""

from flask import Flask, current_app, g, has_app_context, request
from werkzeug.exceptions import RequestEntityTooLarge

from .errors import problem, wants_json
from .json_provider import OrjsonProvider

# Endpoints that take files, and the config key of their body limit: loading a saved self-check file (it carries
# its result, so it may be larger than any form or API request), the materials handed in for a claim.
UPLOAD_ENDPOINTS = {"selfcheck.load": "MAX_UPLOAD_LENGTH", "apply.upload": "MAX_ATTACHMENTS_REQUEST_LENGTH",
                    "apply.answer": "MAX_ATTACHMENTS_REQUEST_LENGTH",
                    "screenings.create": "MAX_SCREENING_UPLOAD_LENGTH"}


class DepthError(ValueError):
    """JSON nested deeper than MAX_JSON_DEPTH."""


def too_deep(value: object, limit: int) -> bool:
    """Whether arrays and objects are nested more than `limit` levels (iteratively: no recursion to exhaust)."""
    stack: list[tuple[dict | list, int]] = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


class BoundedJSONProvider(OrjsonProvider):
    """The app's JSON (orjson) with a nesting limit: a deep document is a ValueError (400), never a RecursionError."""

    ensure_ascii = False

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
            deep = too_deep(value, current_app.config["MAX_JSON_DEPTH"]) if has_app_context() else False
        except RecursionError:
            deep = True
        if deep:
            if has_app_context():
                g.json_too_deep = True
            raise DepthError("JSON nested too deeply")
        return value


def _bound_request():
    """Before anything reads the body: its size, the number of form fields, the depth of JSON."""
    config = current_app.config
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = config[UPLOAD_ENDPOINTS[request.endpoint]]
    if request.method not in ("POST", "PUT", "PATCH"):
        return None
    if request.content_length is None and request.max_content_length is not None:
        # A chunked body has no Content-Length to refuse up front; Werkzeug stops reading it at the limit and
        # hands over what it read, which would be answered as malformed. Reaching the limit is "too large".
        if len(request.get_data(cache=True)) >= request.max_content_length:
            raise RequestEntityTooLarge()
    if request.mimetype == "application/x-www-form-urlencoded":
        # Werkzeug applies MAX_FORM_PARTS to multipart forms only; a url-encoded body of many thousand rows would
        # otherwise build as many form rows before any check.
        parts = request.get_data(cache=True).count(b"&") + 1
        if parts > config["MAX_FORM_PARTS"]:
            return problem(413, f"提交的表单项过多(上限 {config['MAX_FORM_PARTS']} 项)。")
    # Parsed once here (the view gets the cached document); malformed JSON is left to the view to answer.
    elif request.is_json and request.get_json(silent=True) is None and g.pop("json_too_deep", False):
        return problem(400, f"JSON 嵌套层数过多(最多 {config['MAX_JSON_DEPTH']} 层)。", code="invalid_json")
    return None


def too_large(_exc: RequestEntityTooLarge):
    limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]
    size = f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    message = f"提交的内容过大(上限 {size})。" + ("" if wants_json() else "请精简后再试,或分次提交。")
    return problem(413, message)


def init_app(app: Flask) -> None:
    """Register the bounds; call before anything else that reads request bodies (CSRF)."""
    app.json = BoundedJSONProvider(app)
    # Templates' |tojson reads the provider the Jinja environment was made with: point it at this one too.
    app.jinja_env.policies["json.dumps_function"] = app.json.dumps
    app.before_request(_bound_request)
    app.register_error_handler(RequestEntityTooLarge, too_large)
