"""JSON API v1: evaluate a profile, browse the rules and documents, and the OpenAPI document."""
from datetime import date

from flask import Blueprint, current_app, jsonify, request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.json_schema import models_json_schema
from werkzeug.exceptions import HTTPException

from .. import catalogue
from ..errors import FieldError, chinese_errors
from ..profile import IsoDate, Profile
from ..result import EvaluationResult
from ..rulebook import Rule
from . import engine

bp = Blueprint("api", __name__, url_prefix="/api/v1")


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


def error(status: int, code: str, message: str, fields: list[FieldError] = ()):
    """A JSON error response."""
    return jsonify(ErrorBody(error=code, message=message, fields=list(fields)).model_dump()), status


@bp.app_errorhandler(HTTPException)
def http_error(exc: HTTPException):
    """404, 405 and the like under /api/ as JSON, never an HTML page; other paths keep Flask's pages."""
    if not request.path.startswith(bp.url_prefix):
        return exc
    return error(exc.code or 500, exc.name.lower().replace(" ", "_"), exc.description or exc.name)


@bp.post("/evaluate")
def evaluate():
    """Evaluate a profile: {"profile": {...}, "as_of": "YYYY-MM-DD"} → EvaluationResult."""
    body = request.get_json(silent=True)
    if body is None:
        return error(400, "invalid_json", "请求体应为 JSON 对象(Content-Type: application/json)")
    try:
        req = EvaluateRequest.model_validate(body)
    except ValidationError as exc:
        return error(422, "invalid_profile", "企业信息有误,请按字段提示修改", chinese_errors(exc))
    result = engine().evaluate(req.profile, req.as_of)
    return engine_json(result)


def engine_json(result: EvaluationResult):
    """A result as a JSON response."""
    return current_app.response_class(result.model_dump_json(), mimetype="application/json")


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
        [(EvaluateRequest, "validation"), (EvaluationResult, "serialization"), (ErrorBody, "serialization"),
         (catalogue.MeasureSummary, "serialization"), (catalogue.DocumentSummary, "serialization"),
         (RuleDetail, "serialization")],
        ref_template="#/components/schemas/{model}",
    )
    return jsonify(openapi_document(schemas.get("$defs", {})))


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(schemas: dict) -> dict:
    """The API's paths around the generated schemas."""
    bad = _json(_ref("ErrorBody"), "输入有误,fields 列出每个有误的字段")
    listing = {"type": "object"}
    query = [{"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
             for n in ("city", "document", "award_kind", "beneficiary", "strength")]
    return {
        "openapi": "3.1.0",
        "info": {"title": "企业奖补资格测算 API", "version": "1.0.0"},
        "paths": {
            "/api/v1/evaluate": {"post": {
                "summary": "测算一个企业可享受的奖补", "operationId": "evaluate",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("EvaluateRequest")}}},
                "responses": {"200": _json(_ref("EvaluationResult"), "测算结果"), "400": bad, "422": bad}}},
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
        },
        "components": {"schemas": schemas},
    }
