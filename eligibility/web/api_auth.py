"""Who may call the bureau's APIs: a bearer token whose SHA-256 is configured, or a live desk session with its CSRF
token in a header.

Why both, and why the header: programs (the bureau's data platform, a nightly job) send `Authorization: Bearer …`;
a browser never attaches that header on its own, so a token request cannot be forged cross-site and needs no CSRF
token. A desk session travels in a cookie, which the browser does attach, so a session request must also carry the
page's CSRF token in `X-CSRFToken` (Flask-WTF's header), which another site cannot read. The JSON content type and
the SameSite=Lax cookie already stop a cross-site form post; the header does not depend on either staying so.
Only hashes are configured (FLASK_API_TOKEN_SHA256), so neither the repository nor a copy of the configuration holds
a usable token.
"""
import hashlib
import hmac
import logging
from functools import wraps

from flask import current_app, g, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from .config import API_TOKENS as CONFIG_KEY
from .security import csrf

log = logging.getLogger(__name__)
REALM = "eligibility"
MESSAGES = {
    "missing": "需要身份验证:请在请求头中提供 Authorization: Bearer <令牌>,或登录核验台后调用",
    "invalid_token": "令牌无效或已停用,请向系统管理员申请",
    "csrf": "核验台会话调用本接口时须在请求头 X-CSRFToken 中提供页面的 CSRF 令牌",
}


def token_matches(token: str, hashes: tuple[str, ...]) -> bool:
    """Whether the token's SHA-256 is one of the hashes (every hash compared in constant time, no early exit)."""
    digest = hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()
    found = False
    for known in hashes:
        found |= hmac.compare_digest(digest, known)
    return found


def _unauthorized(reason: str):
    challenge = f'Bearer realm="{REALM}"' + (', error="invalid_token"' if reason == "invalid_token" else "")
    response = jsonify({"error": "unauthorized", "message": MESSAGES[reason], "fields": []})
    response.status_code = 401
    response.headers["WWW-Authenticate"] = challenge
    return response


def authenticate():
    """None when the request may proceed (g.api_principal says who it is), else the 401/400 answer."""
    header = request.headers.get("Authorization", "")
    scheme, _, credentials = header.partition(" ")
    if header:
        # A presented credential decides alone: a wrong token is refused even when a desk cookie rides along.
        if scheme.lower() != "bearer" or not credentials.strip():
            return _unauthorized("invalid_token")
        if not token_matches(credentials.strip(), current_app.config[CONFIG_KEY]):
            log.warning("api token refused", extra={"path": request.path})
            return _unauthorized("invalid_token")
        g.api_principal = "token:" + hashlib.sha256(credentials.strip().encode()).hexdigest()[:12]
        return None
    if current_user.is_authenticated:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            if not request.headers.get("X-CSRFToken") and not request.headers.get("X-CSRF-Token"):
                response = jsonify({"error": "csrf_failed", "message": MESSAGES["csrf"], "fields": []})
                return response, 403
            try:
                csrf.protect()
            except CSRFError:
                response = jsonify({"error": "csrf_failed", "message": MESSAGES["csrf"], "fields": []})
                return response, 403
        g.api_principal = f"user:{current_user.user.username}"
        return None
    return _unauthorized("missing")


def bureau_only(view):
    """A view for bureau callers only: a configured bearer token, or a desk session with its CSRF header."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        refused = authenticate()
        return refused if refused is not None else view(*args, **kwargs)
    return wrapped
