"""Screenings of a registry run by the background worker (免申即享), the enterprises each found due money, and
applications filed by the bureau from them (origin, screening, the enterprise's confirmation).

Revision ID: 0005_screenings
Revises: 0004_attachments_answers
Create Date: 2026-12-06 18:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_screenings"
down_revision = "0004_attachments_answers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("city_code", sa.String(length=6), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source_name", sa.String(length=255), nullable=False),
        sa.Column("source_kind", sa.String(length=10), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=200), nullable=False),
        sa.Column("done_steps", sa.Integer(), nullable=False),
        sa.Column("total_steps", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("screened", sa.Integer(), nullable=True),
        sa.Column("rejected_rows", sa.Integer(), nullable=True),
        sa.Column("total_yuan", sa.BigInteger(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screenings_created_at", "screenings", ["created_at"], unique=False)
    op.create_index("ix_screenings_city_code", "screenings", ["city_code"], unique=False)
    op.create_index("ix_screenings_status", "screenings", ["status"], unique=False)

    op.create_table(
        "screening_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("division_code", sa.String(length=6), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("total_yuan", sa.BigInteger(), nullable=False),
        sa.Column("awards", sa.JSON(), nullable=False),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["screening_id"], ["screenings.id"]),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("screening_id", "credit_code", name="uq_screening_hits_once"),
    )
    op.create_index("ix_screening_hits_screening_id", "screening_hits", ["screening_id"], unique=False)
    op.create_index("ix_screening_hits_credit_code", "screening_hits", ["credit_code"], unique=False)

    # Plain ADD COLUMN (no table copy on SQLite, as 0004): the screening is looked up by id, not constrained.
    op.add_column("applications", sa.Column("origin", sa.String(length=20), nullable=False,
                                            server_default="application"))
    op.add_column("applications", sa.Column("screening_id", sa.Integer(), nullable=True))
    op.add_column("applications", sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_applications_screening_id", "applications", ["screening_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_applications_screening_id", table_name="applications")
    for column in ("confirmed_at", "screening_id", "origin"):
        op.drop_column("applications", column)
    op.drop_index("ix_screening_hits_credit_code", table_name="screening_hits")
    op.drop_index("ix_screening_hits_screening_id", table_name="screening_hits")
    op.drop_table("screening_hits")
    op.drop_index("ix_screenings_status", table_name="screenings")
    op.drop_index("ix_screenings_city_code", table_name="screenings")
    op.drop_index("ix_screenings_created_at", table_name="screenings")
    op.drop_table("screenings")
