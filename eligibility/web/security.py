"""Security headers on every response, CSRF on every POST (the JSON API exempt), the reverse proxy's headers."""
from flask import Flask, current_app, flash, redirect, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from .errors import problem

csrf = CSRFProtect()

# Scripts and styles only from our own files (the templates have no inline scripts, styles or handlers); no
# framing at all, so the desk's buttons cannot be clicked through someone else's page.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Same-origin: the private /applications/<token> links never leak to other sites, and Flask-WTF's HTTPS
    # referrer check still sees our own pages.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
# Pages of one person's business: never stored by the browser or a proxy.
PRIVATE_PREFIXES = ("/desk", "/applications/")
CSRF_MESSAGE = "页面已过期或来源无法验证,请重新提交"


def _headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["HTTPS"]:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={current_app.config['HSTS_MAX_AGE']}")
    if request.path.startswith(PRIVATE_PREFIXES) or request.method == "POST" or request.path == "/healthz":
        response.headers["Cache-Control"] = "no-store"
    return response


def _csrf_failed(_exc: CSRFError):
    """Say the page expired, and lose nothing: the self-check form comes back filled in, the desk page reloads."""
    endpoint = request.endpoint or ""
    if endpoint in ("selfcheck.submit", "selfcheck.download"):
        from .forms import SelfCheckForm
        from .selfcheck import render_form
        return render_form(SelfCheckForm(formdata=request.form), 400,
                           "页面已过期,请重新提交(已保留您填写的内容)")
    if endpoint == "auth.login":
        from .auth import LoginForm
        return render_template("desk/login.html", form=LoginForm(formdata=None), error=CSRF_MESSAGE), 400
    referrer = request.referrer or ""
    if endpoint.startswith("desk.") or endpoint == "auth.logout":
        flash(CSRF_MESSAGE, "error")
        host = request.host_url.rstrip("/")
        back = referrer if referrer.startswith(host + "/desk") else "/desk/"
        return redirect(back, code=303)
    return problem(400, CSRF_MESSAGE, code="csrf_failed")


def init_app(app: Flask) -> None:
    """CSRF on every POST outside /api/, the headers, and ProxyFix when behind proxies."""
    from . import api, screen_api
    csrf.init_app(app)
    csrf.exempt(api.bp)
    # Its own check: a bearer token needs none, a desk session must send the token in a header (api_auth.py).
    csrf.exempt(screen_api.bp)
    app.register_error_handler(CSRFError, _csrf_failed)
    app.after_request(_headers)
    proxies = int(app.config["PROXY_COUNT"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
