"""Shared by the casework tests: a migrated database of each kind (SQLite, and PostgreSQL when TEST_POSTGRES_URL is
set), sessions, users, a Xuchang profile with its claims, and full table dumps to compare."""
import os
import uuid
from datetime import date

import pytest
from sqlalchemy import MetaData, create_engine, select, text

from eligibility.casework import db, service
from eligibility.casework.payee import Payee
from eligibility.casework.users import create_user
from eligibility.profile import Profile

AS_OF = date(2020, 12, 31)
# Every document has ended by now: applications are evaluated as of the end of Xuchang's period, with a reason.
AS_OF_REASON = "申报2020年度奖励,按政策到期日测算"
CREDIT_CODE = "91350100M000100Y43"
PROFILE = {
    "name": "许昌某电气公司", "credit_code": CREDIT_CODE, "division_code": "411003",
    "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
    "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}],
    "projects": [{"name": "强基一号", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                  "approval_number": "工信部规〔2018〕12号", "national_grant_yuan": 8000000}],
}
PAYEE = Payee(name="许昌某电气公司", bank="中国工商银行许昌分行营业部", account="6222021234567890123")
SALES = service.ClaimRequest("xuchang.sei_sales_milestone.rev_1bn")
FACTORY = service.ClaimRequest("xuchang.smart_mfg.provincial_smart_factory")
FOUNDATION = service.ClaimRequest("xuchang.industrial_foundation.national_matching", 0)
PG_URL = os.environ.get("TEST_POSTGRES_URL")
PASSWORD = "correct horse battery"


def postgres_database():
    """A new empty PostgreSQL database on the test server: its URL and a function that drops it."""
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set in CI: dev.py test starts PostgreSQL")
        pytest.skip("no PostgreSQL server (TEST_POSTGRES_URL)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return url, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database of each kind, upgraded to head by the migrations."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path / 'casework.db'}", lambda: None
    else:
        url, drop = postgres_database()
    db.upgrade(url)
    yield url
    drop()


@pytest.fixture
def sessions(database_url):
    engine = db.make_engine(database_url)
    yield db.session_factory(engine)
    engine.dispose()


@pytest.fixture
def session(sessions):
    with sessions() as s:
        yield s


@pytest.fixture
def clerk(session):
    user = create_user(session, "clerk", PASSWORD, "caseworker", city_code="411000")
    session.commit()
    return user


@pytest.fixture
def admins(session):
    """Two admins: four-eyes needs a second one."""
    users = [create_user(session, name, PASSWORD, "admin") for name in ("boss", "deputy")]
    session.commit()
    return users


def submit(session, engine, claims=(SALES, FACTORY), key=None, profile=PROFILE, payee=PAYEE):
    with db.transaction(session):
        return service.submit(session, engine, Profile.model_validate(profile), AS_OF, list(claims),
                              key or uuid.uuid4().hex, payee, AS_OF_REASON)


def verify_all(session, user, claim):
    for item in claim.evidence:
        service.mark_evidence(session, user, item.id, "verified", "原件已核")


def approve(session, user, claim, amount=None, reason="", **options):
    """Verify the claim's evidence and approve it, in one transaction each."""
    with db.transaction(session):
        verify_all(session, user, claim)
    with db.transaction(session):
        return service.decide(session, user, claim.id, "approve", amount, reason, **options)


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table in the database (reflected, alembic_version too), ordered: to compare states."""
    engine = create_engine(url)
    try:
        tables = MetaData()
        tables.reflect(bind=engine)
        with engine.connect() as conn:
            return {name: [tuple(row) for row in conn.execute(
                        select(table).order_by(*(table.primary_key.columns or table.columns)))]
                    for name, table in sorted(tables.tables.items())}
    finally:
        engine.dispose()
