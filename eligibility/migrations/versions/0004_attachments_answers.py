"""Files handed in for claims (attachments), enterprises' answers to 需补充材料, the reason for an application's
测算日期 when it is not the submission day, and self-check results held briefly so the result page is a GET.

Revision ID: 0004_attachments_answers
Revises: 0003_sessions_limits
Create Date: 2026-11-23 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_attachments_answers"
down_revision = "0003_sessions_limits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("applications", sa.Column("as_of_reason", sa.Text(), nullable=True))

    op.create_table(
        "claim_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["decisions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_claim_answers_claim_id", "claim_answers", ["claim_id"], unique=False)

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("evidence_item_id", sa.Integer(), nullable=True),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by", sa.String(length=120), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"]),
        sa.ForeignKeyConstraint(["evidence_item_id"], ["evidence_items.id"]),
        sa.ForeignKeyConstraint(["answer_id"], ["claim_answers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("stored_name", name="uq_attachments_stored_name"),
    )
    op.create_index("ix_attachments_application_id", "attachments", ["application_id"], unique=False)
    op.create_index("ix_attachments_claim_id", "attachments", ["claim_id"], unique=False)
    op.create_index("ix_attachments_evidence_item_id", "attachments", ["evidence_item_id"], unique=False)

    op.create_table(
        "held_checks",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("submission_key", sa.String(length=64), nullable=False),
        sa.Column("apply_draft", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("token"),
    )
    op.create_index("ix_held_checks_expires_at", "held_checks", ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_held_checks_expires_at", table_name="held_checks")
    op.drop_table("held_checks")
    op.drop_index("ix_attachments_evidence_item_id", table_name="attachments")
    op.drop_index("ix_attachments_claim_id", table_name="attachments")
    op.drop_index("ix_attachments_application_id", table_name="attachments")
    op.drop_table("attachments")
    op.drop_index("ix_claim_answers_claim_id", table_name="claim_answers")
    op.drop_table("claim_answers")
    op.drop_column("applications", "as_of_reason")  # plain DROP COLUMN, as 0002 does (no table copy on SQLite)
