"""The casework's codes in Chinese, one source for the desk, the enterprise's application page and the audit trail."""
from ..money import format_wan

APPLICATION_STATUSES = {"unconfirmed": "待企业确认", "submitted": "已提交",
                        "in_review": "审核中", "more_info": "需补充材料", "decided": "已办结", "withdrawn": "已撤回"}
# The desk's words and the enterprise's differ only where the enterprise needs no internal step named.
CLAIM_STATUSES = {"pending": "待审核", "awaiting_second": "已批准,待复核", "approved": "已批准",
                  "rejected": "不予批准", "more_info": "需补充材料", "withdrawn": "已撤回"}
CLAIM_STATUSES_FOR_ENTERPRISE = {**CLAIM_STATUSES, "awaiting_second": "审核中(待复核)"}
EVIDENCE_STATUSES = {"missing": "缺失", "verified": "已核验", "rejected": "不合格"}
EVIDENCE_STATUSES_FOR_ENTERPRISE = {**EVIDENCE_STATUSES, "missing": "待核验"}
OUTCOME_LABELS = {"approve": "批准", "confirm": "复核通过", "reject": "不予批准", "more_info": "要求补充材料"}

ACTIONS = {
    "submitted": "提交申请", "evidence_marked": "核验材料", "decided": "作出决定", "confirmed": "复核通过,记入台账",
    "status_changed": "申请状态变更", "reevaluated": "按现行规则重新测算", "attachment_uploaded": "企业上传材料",
    "attachment_withdrawn": "企业撤回材料", "answered": "企业答复补充材料", "login": "登录", "login_failed": "登录失败",
    "user_created": "创建账号", "user_updated": "修改账号", "filed_proactively": "主动发现,代企业建立免申申请",
    "confirmed_by_enterprise": "企业确认免申申请(收款账户、承诺)", "screening_queued": "提交免申即享筛查",
    "withdrawn": "撤回免申申请",
}
# Where an application came from: the enterprise applied, or a screening of the registry found it (免申即享).
ORIGINS = {"application": "企业申请", "screening": "主动发现"}
SCREENING_STATUSES = {"queued": "排队中", "running": "测算中", "done": "已完成", "failed": "未完成"}
ENTITIES = {"application": "申请", "claim": "奖补事项", "evidence_item": "材料", "attachment": "文件", "user": "账号",
            "screening": "免申即享筛查"}
# Field labels of the values an audit entry records; values of these fields are translated by the map beside.
FIELDS = {
    "status": "状态", "note": "备注", "amount_yuan": "金额", "computed_yuan": "规则测算金额", "reason": "理由",
    "reference": "申请编号", "claims": "申请的奖补", "as_of": "测算日期", "as_of_reason": "测算日期的理由",
    "possible_duplicates": "可能重复的申请", "not_duplicate_reason": "确认不重复的理由", "answer": "答复",
    "files": "文件", "file": "文件", "item": "材料", "claim": "奖补事项", "size_bytes": "大小(字节)",
    "sha256": "SHA-256", "city_code": "城市代码", "active": "启用", "address": "地址", "ledger_number": "台账编号",
    "changes": "变化", "ruleset_version": "规则版本", "username": "用户名", "role": "角色",
    "screening": "筛查编号", "source": "名录",
}
_VALUES = {"status": {**APPLICATION_STATUSES, **CLAIM_STATUSES, **EVIDENCE_STATUSES}}


def _value(field: str, value: object) -> str:
    if value is None or value == "":
        return "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    if field in ("amount_yuan", "computed_yuan") and isinstance(value, int):
        return format_wan(value)
    if isinstance(value, list):
        return "、".join(_value(field, v) for v in value) or "无"
    if isinstance(value, dict):
        return ";".join(f"{FIELDS.get(k, k)}:{_value(k, v)}" for k, v in value.items())
    return _VALUES.get(field, {}).get(str(value), str(value))


def describe(values: dict | None) -> str:
    """An audit entry's recorded values in words: 状态:待审核;备注:原件已核."""
    if not values:
        return ""
    return ";".join(f"{FIELDS.get(key, key)}:{_value(key, value)}" for key, value in values.items())
