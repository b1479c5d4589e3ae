"""Error answers in one shape: JSON {error, message, fields} under /api/ and /desk/api/, a Chinese page elsewhere."""
from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

JSON_PREFIXES = ("/api/", "/desk/api/")

# The status codes this application answers itself, with a Chinese title and message.
PAGES = {
    400: ("bad_request", "请求有误", "提交的内容有误,请返回后检查再试。"),
    403: ("forbidden", "无权访问", "您的账号无权进行此操作。"),
    404: ("not_found", "页面不存在", "没有找到您要访问的页面,请检查网址。"),
    405: ("method_not_allowed", "请求方式不支持", "该地址不支持此请求方式。"),
    413: ("request_too_large", "提交的内容过大", "提交的内容超过上限,请精简后再试。"),
    429: ("too_many_requests", "请求过于频繁", "请求过于频繁,请稍后再试。"),
    500: ("internal_error", "服务器内部错误", "服务器内部错误,请稍后再试。"),
    503: ("service_unavailable", "服务暂不可用", "服务暂不可用,请稍后再试。"),
}


def wants_json() -> bool:
    """Whether this request is answered in JSON."""
    return request.path.startswith(JSON_PREFIXES)


def problem(status: int, message: str | None = None, code: str | None = None, title: str | None = None,
            headers: dict | None = None, back: str | None = None, back_label: str | None = None):
    """An error answer: JSON for the APIs, otherwise a Chinese page; never a stack trace."""
    default_code, default_title, default_message = PAGES.get(status, PAGES[500])
    message = message or default_message
    if wants_json():
        response = jsonify({"error": code or default_code, "message": message, "fields": []})
    else:
        response = current_app.make_response(render_template(
            "errors/problem.html", title=title or default_title, message=message, back=back,
            back_label=back_label))
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _http_error(exc: HTTPException):
    allow = {name: value for name, value in exc.get_headers() if name.lower() == "allow"}
    return problem(exc.code or 500, headers=allow)


def init_app(app: Flask) -> None:
    """Chinese pages (or JSON) for the status codes the application answers with."""
    for status in (400, 403, 404, 405):
        app.register_error_handler(status, _http_error)

    @app.errorhandler(500)
    def internal_error(_exc):
        """The traceback goes to the log (Flask logs it before this handler), never to the client."""
        return problem(500)
