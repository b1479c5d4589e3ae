"""The casework tables: enterprises, applications, frozen determinations, claims, evidence, decisions,
the award ledger, users and the append-only audit log. The schema is created only by migrations."""
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..clock import utcnow


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict: JSON, list: JSON}


class Enterprise(Base):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    division_code: Mapped[str] = mapped_column(String(6), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    applications: Mapped[list["Application"]] = relationship(back_populates="enterprise")


class Application(Base):
    """An enterprise's application: the profile it submitted and the awards it claims."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    access_token: Mapped[str] = mapped_column(String(64), unique=True)
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    city_code: Mapped[str] = mapped_column(String(6), index=True)
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    profile: Mapped[dict] = mapped_column(JSON)
    # Where the enterprise was registered when it applied (the profile's division), and the account it asked to be
    # paid to: 户名, 开户行, 账号. Null only on applications filed before these were collected.
    division_code: Mapped[str | None] = mapped_column(String(6))
    payee_name: Mapped[str | None] = mapped_column(String(200))
    payee_bank: Mapped[str | None] = mapped_column(String(100))
    payee_account: Mapped[str | None] = mapped_column(String(32))
    # Why the application is evaluated as of a day other than its submission day (the enterprise's words); None
    # when it is evaluated as of the submission day.
    as_of_reason: Mapped[str | None] = mapped_column(Text)
    # "application": the enterprise applied; "screening": 主动发现 by a screening of the registry (免申即享), filed
    # by the bureau as "unconfirmed" until the enterprise confirms it (its account, a declaration).
    origin: Mapped[str] = mapped_column(String(20), default="application")
    screening_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no constraint: added by 0005 in place
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    enterprise: Mapped[Enterprise] = relationship(back_populates="applications")
    determinations: Mapped[list["Determination"]] = relationship(
        back_populates="application", order_by="Determination.id")
    claims: Mapped[list["Claim"]] = relationship(back_populates="application", order_by="Claim.id")


class Determination(Base):
    """A result the engine gave an application, frozen with its rule-set version and as-of date.

    `result` keeps only the claimed rules' outcomes, compactly (see casework/frozen.py), not the whole result.
    """

    __tablename__ = "determinations"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # submitted | reevaluation
    ruleset_version: Mapped[str] = mapped_column(String(32))
    as_of: Mapped[date] = mapped_column(Date)
    result: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    application: Mapped[Application] = relationship(back_populates="determinations")


class Claim(Base):
    """One award an application claims: a rule for the enterprise, or for one of its projects or titles."""

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("application_id", "rule_id", "ledger_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(120), index=True)
    ledger_key: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    one_off: Mapped[bool] = mapped_column(Boolean)
    claimed_yuan: Mapped[int | None] = mapped_column(BigInteger)  # what the rules computed, when they did
    status: Mapped[str] = mapped_column(String(20), default="pending")  # CLAIM_STATUSES in service.py
    # Frozen from the determination when the claim was filed: what the export and the amount check rely on.
    award_kind: Mapped[str | None] = mapped_column(String(20))  # fixed | ratio | match | non_quantified
    document_number: Mapped[str | None] = mapped_column(String(100))
    clause_path: Mapped[str | None] = mapped_column(String(60))
    earmark: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(Text)
    # The item a per-project or per-title award is claimed for, as the enterprise filed it (identity:
    # casework/identity.py); item_kind is None for an award to the enterprise itself.
    item_kind: Mapped[str | None] = mapped_column(String(10))  # project | title
    item_index: Mapped[int | None] = mapped_column(Integer)  # its position in the filed profile's list
    item_name: Mapped[str | None] = mapped_column(String(300))
    project_kind: Mapped[str | None] = mapped_column(String(60), index=True)
    project_approved_on: Mapped[date | None] = mapped_column(Date)
    project_approval_number: Mapped[str | None] = mapped_column(String(200))
    project_national_grant_yuan: Mapped[int | None] = mapped_column(BigInteger)
    project_provincial_grant_yuan: Mapped[int | None] = mapped_column(BigInteger)
    title_kind: Mapped[str | None] = mapped_column(String(60), index=True)
    title_level: Mapped[str | None] = mapped_column(String(20))
    title_obtained_on: Mapped[date | None] = mapped_column(Date)
    title_document_number: Mapped[str | None] = mapped_column(String(200))

    application: Mapped[Application] = relationship(back_populates="claims")
    evidence: Mapped[list["EvidenceItem"]] = relationship(back_populates="claim", order_by="EvidenceItem.id")
    decisions: Mapped[list["Decision"]] = relationship(back_populates="claim", order_by="Decision.id")
    ledger_entry: Mapped["LedgerEntry | None"] = relationship(viewonly=True)


class EvidenceItem(Base):
    """One item of the evidence checklist a rule names, as the caseworker found it."""

    __tablename__ = "evidence_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    evidence_id: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="missing")  # missing | verified | rejected
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    claim: Mapped[Claim] = relationship(back_populates="evidence")


class Decision(Base):
    """A caseworker's decision on a claim: approve with an amount, reject with a reason, or ask for more."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # approve | confirm (second approver) | reject | more_info
    amount_yuan: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    claim: Mapped[Claim] = relationship(back_populates="decisions")


class LedgerEntry(Base):
    """An approved award. Unique per enterprise, rule and ledger key: the database refuses a second payout.

    Written only when the approval is complete: for a four-eyes award, when the second approver confirms.
    """

    __tablename__ = "award_ledger"
    __table_args__ = (UniqueConstraint("credit_code", "rule_id", "ledger_key", name="uq_award_ledger_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    rule_id: Mapped[str] = mapped_column(String(120))
    ledger_key: Mapped[str] = mapped_column(String(200))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), unique=True)
    amount_yuan: Mapped[int | None] = mapped_column(BigInteger)
    approved_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # the second approver (four-eyes)
    reason: Mapped[str | None] = mapped_column(Text)  # why the amount differs from the rules' or how it was set

    claim: Mapped[Claim] = relationship()

    @property
    def number(self) -> str:
        """The entry's number as the desk and its messages show it (台账编号)."""
        return f"BF{self.id:08d}"


class User(Base):
    """A caseworker or administrator of the bureau."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))  # caseworker | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    city_code: Mapped[str | None] = mapped_column(String(6), index=True)  # a caseworker's city; admins: None (all)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """One state change: who, when, what, before and after. Triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


class Screening(Base):
    """A screening of a registry (免申即享), run by the background worker; its progress and summary live here."""

    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    # The caseworker's city (None for an admin): only enterprises registered there are screened and listed.
    city_code: Mapped[str | None] = mapped_column(String(6), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    source_name: Mapped[str] = mapped_column(String(255))  # the uploaded file's name, or the database schema
    source_kind: Mapped[str] = mapped_column(String(10))  # jsonl | xlsx | database
    stored_name: Mapped[str | None] = mapped_column(String(64))  # the upload under the screenings folder
    status: Mapped[str] = mapped_column(String(20), default="queued", index=True)  # SCREENING_STATUSES
    stage: Mapped[str] = mapped_column(String(200), default="")
    done_steps: Mapped[int] = mapped_column(Integer, default=0)
    total_steps: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A worker holds a running screening until this moment and renews it as it goes; a lapsed lease means the
    # worker died (a restart), and the next worker runs the screening again from the start.
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error: Mapped[str | None] = mapped_column(Text)
    screened: Mapped[int | None] = mapped_column(Integer)
    rejected_rows: Mapped[int | None] = mapped_column(Integer)
    total_yuan: Mapped[int | None] = mapped_column(BigInteger)
    # Per rule and per county: counts and money (see casework/screenings.py); rejected rows (first ones).
    summary: Mapped[dict | None] = mapped_column(JSON)

    hits: Mapped[list["ScreeningHit"]] = relationship(back_populates="screening", order_by="ScreeningHit.id")


class ScreeningHit(Base):
    """An enterprise a screening found due money: what it is due, what is missing, and its profile as read."""

    __tablename__ = "screening_hits"
    __table_args__ = (UniqueConstraint("screening_id", "credit_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    screening_id: Mapped[int] = mapped_column(ForeignKey("screenings.id"), index=True)
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    name: Mapped[str] = mapped_column(String(200))
    division_code: Mapped[str] = mapped_column(String(6))
    line: Mapped[int] = mapped_column(Integer)
    total_yuan: Mapped[int] = mapped_column(BigInteger)
    awards: Mapped[list] = mapped_column(JSON)  # [{rule_id, title, amount_yuan, clause}] eligible, claimable
    missing: Mapped[list] = mapped_column(JSON)  # [{rule_id, title, facts: [label]}] undetermined rules
    profile: Mapped[dict] = mapped_column(JSON)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))

    screening: Mapped[Screening] = relationship(back_populates="hits")
    application: Mapped[Application | None] = relationship()
