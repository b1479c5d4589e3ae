"""Payee account and division on applications, frozen award facts and project identity on claims, second approver
and reason on the ledger, a city for each caseworker; determinations compacted to the claimed rules' outcomes.

Revision ID: 0002_casework_integrity
Revises: 0001
Create Date: 2026-11-22 09:00:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0002_casework_integrity"
down_revision = "0001"
branch_labels = None
depends_on = None


def _claim_columns() -> list[sa.Column]:
    return [
        sa.Column("award_kind", sa.String(length=20), nullable=True),
        sa.Column("document_number", sa.String(length=100), nullable=True),
        sa.Column("clause_path", sa.String(length=60), nullable=True),
        sa.Column("earmark", sa.Text(), nullable=True),
        sa.Column("responsible", sa.Text(), nullable=True),
        sa.Column("item_kind", sa.String(length=10), nullable=True),
        sa.Column("item_index", sa.Integer(), nullable=True),
        sa.Column("item_name", sa.String(length=300), nullable=True),
        sa.Column("project_kind", sa.String(length=60), nullable=True),
        sa.Column("project_approved_on", sa.Date(), nullable=True),
        sa.Column("project_approval_number", sa.String(length=200), nullable=True),
        sa.Column("project_national_grant_yuan", sa.BigInteger(), nullable=True),
        sa.Column("project_provincial_grant_yuan", sa.BigInteger(), nullable=True),
        sa.Column("title_kind", sa.String(length=60), nullable=True),
        sa.Column("title_level", sa.String(length=20), nullable=True),
        sa.Column("title_obtained_on", sa.Date(), nullable=True),
        sa.Column("title_document_number", sa.String(length=200), nullable=True),
    ]


def _application_columns() -> list[sa.Column]:
    return [
        sa.Column("division_code", sa.String(length=6), nullable=True),
        sa.Column("payee_name", sa.String(length=200), nullable=True),
        sa.Column("payee_bank", sa.String(length=100), nullable=True),
        sa.Column("payee_account", sa.String(length=32), nullable=True),
    ]


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy on SQLite); only the ledger's new foreign key needs batch mode's copy.
    for column in _application_columns():
        op.add_column("applications", column)
    for column in _claim_columns():
        op.add_column("claims", column)
    op.create_index("ix_claims_project_kind", "claims", ["project_kind"], unique=False)
    op.create_index("ix_claims_title_kind", "claims", ["title_kind"], unique=False)
    op.add_column("users", sa.Column("city_code", sa.String(length=6), nullable=True))
    op.create_index("ix_users_city_code", "users", ["city_code"], unique=False)
    with op.batch_alter_table("award_ledger", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmed_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.create_foreign_key("fk_award_ledger_confirmed_by_users", "users", ["confirmed_by"], ["id"])
    _backfill()


def downgrade() -> None:
    with op.batch_alter_table("award_ledger", schema=None) as batch_op:
        batch_op.drop_constraint("fk_award_ledger_confirmed_by_users", type_="foreignkey")
        batch_op.drop_column("reason")
        batch_op.drop_column("confirmed_by")
    op.drop_index("ix_users_city_code", table_name="users")
    op.drop_column("users", "city_code")
    op.drop_index("ix_claims_title_kind", table_name="claims")
    op.drop_index("ix_claims_project_kind", table_name="claims")
    for column in reversed(_claim_columns()):
        op.drop_column("claims", column.name)
    for column in reversed(_application_columns()):
        op.drop_column("applications", column.name)
    # Compacted determinations stay compact: the whole results they came from are not kept anywhere.


# --- data: what earlier applications already hold -----------------------------------------------------------------
# Self-contained on purpose (a migration must not change when the application's code does).

applications = sa.table("applications", sa.column("id", sa.Integer), sa.column("profile", sa.JSON),
                        sa.column("division_code", sa.String))
claims = sa.table("claims", sa.column("id", sa.Integer), sa.column("application_id", sa.Integer),
                  sa.column("rule_id", sa.String), sa.column("ledger_key", sa.String),
                  *[sa.column(c.name, c.type) for c in _claim_columns()])
determinations = sa.table("determinations", sa.column("id", sa.Integer), sa.column("application_id", sa.Integer),
                          sa.column("result", sa.JSON))
RULE_FIELDS = ("title", "status", "status_label", "reason", "award_kind", "support", "amount_yuan",
               "potential_amount_yuan", "one_off", "earmark", "responsible")


def _trace(items: list) -> list:
    out = []
    for item in items or []:
        entry = {"label": item["label"], "outcome": item["outcome"]}
        if item.get("value") is not None:
            entry["value"] = item["value"]
        if item.get("missing"):
            entry["missing"] = item["missing"]
        if item.get("children"):
            entry["children"] = _trace(item["children"])
        out.append(entry)
    return out


def _outcomes(result: dict) -> dict:
    return {o["rule_id"]: o for o in (*result.get("outcomes", []), *result.get("related_support", []))}


def _compact(result: dict, claimed: list[tuple]) -> dict:
    if result.get("format") == 2:
        return result
    found = _outcomes(result)
    compact: dict = {"format": 2, "rules": {}, "items": {}}
    for rule_id, index in claimed:
        o = found.get(rule_id)
        if o is None:
            continue
        rule = {k: o[k] for k in RULE_FIELDS if o.get(k) is not None}
        rule["citation"] = {k: v for k, v in o["citation"].items() if v is not None}
        if o.get("notes"):
            rule["notes"] = o["notes"]
        if o.get("projects"):
            rule["by_item"] = True
        elif o.get("trace"):
            rule["trace"] = _trace(o["trace"])
        compact["rules"].setdefault(rule_id, rule)
        project = next((p for p in o.get("projects") or [] if p["project_index"] == index), None)
        if index is not None and project is not None:
            entry = {"name": project["project_name"], "status": project["status"],
                     "trace": _trace(project["trace"])}
            if project.get("amount_yuan") is not None:
                entry["amount_yuan"] = project["amount_yuan"]
            compact["items"][f"{rule_id}@{index}"] = entry
    return compact


def _project_index(profile: dict, ledger_key: str) -> int | None:
    # Before this revision a project claim's key was project:<name>:<approved_on>.
    if not ledger_key.startswith("project:"):
        return None
    name, _, approved_on = ledger_key.removeprefix("project:").rpartition(":")
    for index, project in enumerate(profile.get("projects") or []):
        if project.get("name") == name and project.get("approved_on") == approved_on:
            return index
    return None


def _backfill() -> None:
    bind = op.get_bind()
    profiles = {}
    for app_id, profile in bind.execute(sa.select(applications.c.id, applications.c.profile)).all():
        profiles[app_id] = profile or {}
        bind.execute(applications.update().where(applications.c.id == app_id)
                     .values(division_code=(profile or {}).get("division_code")))
    first_results: dict = {}
    for app_id, result in bind.execute(sa.select(determinations.c.application_id, determinations.c.result)
                                       .order_by(determinations.c.id)).all():
        first_results.setdefault(app_id, result or {})
    claimed: dict[int, list[tuple]] = {}
    for claim_id, app_id, rule_id, key in bind.execute(sa.select(claims.c.id, claims.c.application_id,
                                                                 claims.c.rule_id, claims.c.ledger_key)).all():
        profile, result = profiles.get(app_id, {}), first_results.get(app_id, {})
        index = _project_index(profile, key)
        claimed.setdefault(app_id, []).append((rule_id, index))
        values: dict = {}
        outcome = _outcomes(result).get(rule_id) if result.get("format") != 2 else None
        if outcome:
            citation = outcome.get("citation") or {}
            values |= {"award_kind": outcome.get("award_kind"), "earmark": outcome.get("earmark"),
                       "responsible": outcome.get("responsible"), "clause_path": citation.get("clause_path"),
                       "document_number": citation.get("document_number")
                       or f"《{citation.get('document_title', '')}》"}
        if index is not None:
            project = profile["projects"][index]
            values |= {"item_kind": "project", "item_index": index, "item_name": project.get("name"),
                       "project_kind": project.get("kind"),
                       "project_approved_on": _date(project.get("approved_on")),
                       "project_approval_number": project.get("approval_number"),
                       "project_national_grant_yuan": project.get("national_grant_yuan"),
                       "project_provincial_grant_yuan": project.get("provincial_grant_yuan")}
        if values:
            bind.execute(claims.update().where(claims.c.id == claim_id).values(**values))
    for det_id, app_id, result in bind.execute(sa.select(determinations.c.id, determinations.c.application_id,
                                                         determinations.c.result)).all():
        if result and result.get("format") != 2:
            bind.execute(determinations.update().where(determinations.c.id == det_id)
                         .values(result=_compact(result, claimed.get(app_id, []))))


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
