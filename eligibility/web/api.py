"""JSON API v1: evaluate a profile, browse the rules and documents, and the OpenAPI document."""
import gzip
from collections.abc import Sequence

from flask import Blueprint, Response, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.json_schema import models_json_schema
from werkzeug.exceptions import HTTPException

from .. import catalogue
from ..errors import FieldError, chinese_errors
from ..profile import IsoDate, Profile
from ..result import VIEW_MODELS, EvaluationResult
from ..rulebook import Rule
from . import engine
from .result_json import ResultEncoder

bp = Blueprint("api", __name__, url_prefix="/api/v1")

VIEW_HELP = {
    "default": "默认:符合、可申报·需评审、待确定的措施给出全部内容(条款原文、口径、材料、逐项判断、所缺信息、"
               "逐个项目或称号);不符合、不在施行期的措施只给编号、名称、状态和原因;相关支持只给编号、名称和状态;"
               "各政策文件的口径在 documents 中只出现一次",
    "full": "全部:每条措施都给出全部内容,与自助测算页面、经办台使用的结果相同",
    "summary": "摘要:只给措施编号、状态、金额和条款编号,以及合计、测算日期和规则版本,供批量核对",
}
# Below about one packet, compressing costs more time than it saves bytes.
GZIP_MIN_BYTES = 1024
# Measured on full answers (~105 KB): level 1 compresses to 17.6% in about half level 5's time (14.6%); the
# server is CPU-bound and 3 KB more on the wire is nothing, so level 1.
GZIP_LEVEL = 1


class EvaluateRequest(BaseModel):
    """A profile to evaluate, optionally as of a past or future date."""

    model_config = ConfigDict(extra="forbid")

    profile: Profile
    as_of: IsoDate | None = Field(default=None, description="测算日期 YYYY-MM-DD,默认今天(北京时间)")


class ErrorBody(BaseModel):
    """Every 4xx answer: a code, a Chinese message, and the invalid fields when there are any."""

    error: str
    message: str
    fields: list[FieldError] = []


class RuleDetail(BaseModel):
    """A rule as written in its file, with its document."""

    rule: Rule
    document: catalogue.DocumentSummary


def error(status: int, code: str, message: str, fields: Sequence[FieldError] = ()):
    """A JSON error response."""
    return jsonify(ErrorBody(error=code, message=message, fields=list(fields)).model_dump()), status


@bp.app_errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """404, 405 and the like under /api/ as JSON, never an HTML page; other paths keep Flask's pages."""
    if not request.path.startswith(bp.url_prefix or "/api"):
        return exc
    return error(exc.code or 500, exc.name.lower().replace(" ", "_"), exc.description or exc.name)


@bp.after_request
def compress(response: Response) -> Response:
    """gzip an answer when the client accepts it (Flask does not); caches are told the answer varies by that."""
    if response.direct_passthrough or request.method == "HEAD" or "Content-Encoding" in response.headers:
        return response
    response.vary.add("Accept-Encoding")
    if request.accept_encodings["gzip"] and response.content_length and response.content_length >= GZIP_MIN_BYTES:
        response.set_data(gzip.compress(response.get_data(), compresslevel=GZIP_LEVEL, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
    return response


@bp.post("/evaluate")
def evaluate():
    """Evaluate a profile: {"profile": {...}, "as_of": "YYYY-MM-DD"} → the view of the result named by ?view=."""
    view = request.args.get("view", "default")
    if view not in VIEW_MODELS:
        return error(422, "invalid_view", "view 应为 default、full 或 summary",
                     [FieldError(field="view", message="取值不在允许范围内:default、full、summary")])
    body = request.get_json(silent=True)
    if body is None:
        return error(400, "invalid_json", "请求体应为 JSON 对象(Content-Type: application/json)")
    if isinstance(body, dict) and "view" in body:
        return error(422, "invalid_view", "视图请用查询参数指定,请求体只放测算所需的信息",
                     [FieldError(field="view", message="请改用查询参数,如 /api/v1/evaluate?view=summary")])
    try:
        req = EvaluateRequest.model_validate(body)
    except ValidationError as exc:
        return error(422, "invalid_profile", "企业信息有误,请按字段提示修改", chinese_errors(exc))
    # The engine makes the view asked for with only the detail it shows (same bytes as the view of a full result).
    made = engine().view(req.profile, req.as_of, view)
    return current_app.response_class(encoder().encode_view(made), mimetype="application/json")


def encoder() -> ResultEncoder:
    """The application's result encoder, made on first use from its engine's shared parts."""
    found = current_app.extensions.get("eligibility_result_encoder")
    if found is None:
        found = current_app.extensions["eligibility_result_encoder"] = ResultEncoder(
            engine().static_parts.values())
    return found


@bp.get("/rules")
def rules():
    """Measures, filtered by city, document, award_kind, beneficiary and strength query parameters."""
    args = request.args
    found = catalogue.measures(engine().rulebook, city=args.get("city"), document=args.get("document"),
                               award_kind=args.get("award_kind"), beneficiary=args.get("beneficiary"),
                               strength=args.get("strength"))
    return jsonify({"ruleset_version": engine().rulebook.version, "count": len(found),
                    "rules": [m.model_dump(mode="json") for m in found]})


@bp.get("/rules/<rule_id>")
def rule(rule_id: str):
    """One rule with its conditions, award, evidence, notes and document."""
    book = engine().rulebook
    found = book.by_id.get(rule_id)
    if found is None:
        return error(404, "unknown_rule", f"没有编号为 {rule_id} 的规则")
    doc = next(d for d in catalogue.documents(book) if d.id == book.document_of[rule_id].id)
    return current_app.response_class(RuleDetail(rule=found, document=doc).model_dump_json(by_alias=True),
                             mimetype="application/json")


@bp.get("/documents")
def documents():
    """Policy documents, optionally of one city."""
    city = request.args.get("city")
    docs = [d for d in catalogue.documents(engine().rulebook) if not city or city in (d.city, d.division_code)]
    return jsonify({"count": len(docs), "documents": [d.model_dump(mode="json") for d in docs]})


@bp.get("/documents/<doc_id>")
def document(doc_id: str):
    """One document with its measures."""
    docs = {d.id: d for d in catalogue.documents(engine().rulebook)}
    if doc_id not in docs:
        return error(404, "unknown_document", f"没有编号为 {doc_id} 的政策文件")
    found = catalogue.measures(engine().rulebook, document=doc_id)
    return jsonify({"document": docs[doc_id].model_dump(mode="json"),
                    "measures": [m.model_dump(mode="json") for m in found]})


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document, its schemas generated from the pydantic models."""
    _, schemas = models_json_schema(
        [(EvaluateRequest, "validation"), *((model, "serialization") for model in VIEW_MODELS.values()),
         (EvaluationResult, "serialization"), (ErrorBody, "serialization"),
         (catalogue.MeasureSummary, "serialization"), (catalogue.DocumentSummary, "serialization"),
         (RuleDetail, "serialization")],
        ref_template="#/components/schemas/{model}",
    )
    return jsonify(openapi_document(schemas.get("$defs", {})))


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _views() -> dict:
    """The evaluate answer: one schema per view, told apart by its `view` field."""
    names = {view: model.__name__ for view, model in VIEW_MODELS.items()}
    return {"oneOf": [_ref(name) for name in names.values()],
            "discriminator": {"propertyName": "view",
                              "mapping": {view: f"#/components/schemas/{name}" for view, name in names.items()}}}


def openapi_document(schemas: dict) -> dict:
    """The API's paths around the generated schemas."""
    bad = _json(_ref("ErrorBody"), "输入有误,fields 列出每个有误的字段")
    view = {"name": "view", "in": "query", "required": False,
            "description": "结果的详略(只能在查询参数中指定,请求体中的 view 会被拒绝):\n"
                           + "\n".join(f"- {name}:{text}" for name, text in VIEW_HELP.items()),
            "schema": {"type": "string", "enum": list(VIEW_MODELS), "default": "default"}}
    evaluated = _json(_views(), "测算结果,形状由 view 决定(见 view 字段);请求头 Accept-Encoding: gzip 时以 gzip 压缩"
                                "(不足 1 KB 的回答不压缩),回答带 Vary: Accept-Encoding")
    evaluated["headers"] = {
        "Content-Encoding": {"description": "gzip:客户端接受 gzip 且回答不小于 1 KB 时", "schema": {"type": "string"}},
        "Vary": {"description": "Accept-Encoding", "schema": {"type": "string"}}}
    listing = {"type": "object"}
    query = [{"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
             for n in ("city", "document", "award_kind", "beneficiary", "strength")]
    return {
        "openapi": "3.1.0",
        "info": {"title": "企业奖补资格测算 API", "version": "1.0.0"},
        "paths": {
            "/api/v1/evaluate": {"post": {
                "summary": "测算一个企业可享受的奖补", "operationId": "evaluate", "parameters": [view],
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("EvaluateRequest")}}},
                "responses": {"200": evaluated, "400": bad, "422": bad}}},
            "/api/v1/rules": {"get": {"summary": "措施目录", "operationId": "listRules", "parameters": query,
                                      "responses": {"200": _json(listing, "措施列表")}}},
            "/api/v1/rules/{rule_id}": {"get": {
                "summary": "一条规则", "operationId": "getRule",
                "parameters": [{"name": "rule_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("RuleDetail"), "规则"), "404": bad}}},
            "/api/v1/documents": {"get": {"summary": "政策文件", "operationId": "listDocuments",
                                          "parameters": query[:1], "responses": {"200": _json(listing, "文件列表")}}},
            "/api/v1/documents/{doc_id}": {"get": {
                "summary": "一个政策文件及其措施", "operationId": "getDocument",
                "parameters": [{"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(listing, "文件及措施"), "404": bad}}},
            "/api/v1/screen": {"post": {
                "summary": "免申即享:批量测算企业名录(JSON Lines,每行一个企业信息,最多 5000 行、8 MB)",
                "description": "仅限工信局:请求头 Authorization: Bearer <令牌>(令牌的 SHA-256 摘要须列入配置 "
                               "FLASK_API_TOKEN_SHA256),或已登录核验台的会话,同时在请求头 X-CSRFToken 中提供页面的 "
                               "CSRF 令牌。回答每个输入行一行:测算结果 {line, credit_code, total_yuan, outcomes},"
                               "或 {line, error: invalid_profile, fields}。",
                "operationId": "screen", "security": [{"bearerToken": []}, {"deskSession": [], "csrfHeader": []}],
                "parameters": [{"name": "as_of", "in": "query", "required": False,
                                "description": "测算日期 YYYY-MM-DD,默认今天(Asia/Shanghai)",
                                "schema": {"type": "string", "format": "date"}}],
                "requestBody": {"required": True, "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": {
                    "200": {"description": "每个输入行一行 JSON", "content": {"application/x-ndjson": {
                        "schema": {"type": "string"}}}},
                    "400": bad, "401": {**bad, "description": "未提供或令牌无效;回答带 WWW-Authenticate: Bearer",
                                        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}},
                    "403": {**bad, "description": "核验台会话未提供有效的 X-CSRFToken"},
                    "413": bad, "415": bad}}},
        },
        "components": {"schemas": schemas, "securitySchemes": {
            "bearerToken": {"type": "http", "scheme": "bearer",
                            "description": "工信局系统调用的令牌;服务器只保存其 SHA-256 摘要(FLASK_API_TOKEN_SHA256)"},
            "deskSession": {"type": "apiKey", "in": "cookie", "name": "session",
                            "description": "核验台登录会话(30 分钟无操作或 12 小时后失效)"},
            "csrfHeader": {"type": "apiKey", "in": "header", "name": "X-CSRFToken",
                           "description": "以核验台会话调用时必填:页面的 CSRF 令牌"}}},
    }
