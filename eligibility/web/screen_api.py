"""POST /api/v1/screen: up to a few thousand profiles as JSON Lines in, one JSON line per input line out; for the
bureau only (a bearer token or a desk session, see api_auth.py)."""
import json
import logging

from flask import Blueprint, Response, g, jsonify, request
from pydantic import ValidationError

from .. import clock
from ..profile import IsoDate
from ..screening.database import DuckDatabase
from ..screening.loaders import load_profiles
from ..screening.outputs import jsonl_rows
from ..screening.plan import ScreeningPlan
from ..screening.run import Screening, run_queries
from . import engine
from .api_auth import bureau_only

log = logging.getLogger(__name__)
bp = Blueprint("screen_api", __name__, url_prefix="/api/v1")
MAX_LINES = 5000
MAX_BYTES = 8 * 1024 * 1024
NDJSON = "application/x-ndjson"


@bp.post("/screen")
@bureau_only
def screen():
    """Screen profiles sent as JSON Lines (Content-Type application/x-ndjson); ?as_of=YYYY-MM-DD, default today."""
    if request.mimetype != NDJSON:
        return error(415, "unsupported_media_type", f"请求体应为 JSON Lines(Content-Type: {NDJSON}),每行一个企业信息")
    if request.content_length is not None and request.content_length > MAX_BYTES:
        return _too_large()
    body = request.stream.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        return _too_large()
    try:
        as_of = clock.today() if not request.args.get("as_of") else _as_of(request.args["as_of"])
    except ValueError:
        return error(400, "invalid_as_of", "as_of 日期格式应为YYYY-MM-DD")
    try:
        lines = body.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return error(400, "invalid_encoding", "请求体应为 UTF-8 编码的 JSON Lines")
    if len(lines) > MAX_LINES:
        return error(413, "too_many_lines", f"一次最多测算{MAX_LINES}行(企业),本次{len(lines)}行;请分批提交")
    db = DuckDatabase()
    try:
        loaded = load_profiles(db, lines)
        plan = _plan(engine().rulebook)
        run_queries(db, plan, as_of)
        rows = jsonl_rows(Screening(as_of, plan, loaded, db))
    finally:
        db.close()
    # Who screened how many enterprises: the token's hash prefix or the desk user, never the token.
    log.info("registry screened", extra={"principal": g.get("api_principal"), "lines": len(lines),
                                         "rejected": len(loaded.errors), "as_of": as_of.isoformat()})
    # One line out per profile in, in the same order: its result, or its errors as POST /evaluate words them.
    out = [{"line": e.line, "error": "invalid_profile", "message": "企业信息有误,请按字段提示修改",
            "fields": e.json()["fields"]} for e in loaded.errors] + rows
    out.sort(key=lambda item: item["line"])
    return Response("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in out), mimetype=NDJSON)


_PLANS: dict[str, ScreeningPlan] = {}


def _plan(rulebook) -> ScreeningPlan:
    """The screening plan of the app's rulebook, compiled once per rulebook version."""
    if rulebook.version not in _PLANS:
        _PLANS[rulebook.version] = ScreeningPlan.of(rulebook)
    return _PLANS[rulebook.version]


@bp.get("/screen/template.xlsx")
def template():
    """The registry template workbook (one sheet per table, and the columns explained)."""
    from ..screening.template import template_workbook
    return Response(template_workbook(), headers={"Content-Disposition": "attachment; filename=registry-template.xlsx"},
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def error(status: int, code: str, message: str):
    """A JSON error in the API's shape ({"error", "message", "fields"})."""
    return jsonify({"error": code, "message": message, "fields": []}), status


def _as_of(text: str):
    from pydantic import TypeAdapter
    try:
        return TypeAdapter(IsoDate).validate_python(text)
    except ValidationError as exc:
        raise ValueError(text) from exc


def _too_large():
    return error(413, "payload_too_large", f"请求体最大{MAX_BYTES // (1024 * 1024)}MB,请分批提交")
