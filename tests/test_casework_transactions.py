"""Every casework operation is one database transaction, on SQLite and PostgreSQL: a failure injected after each
write statement of each operation leaves every table exactly as it was (full table dumps compared).

Before the pysqlite recipe in casework/db.py, an approval on SQLite committed its ledger row at the RELEASE of its
savepoint, before the claim, decision and audit entry were written: an injected failure after the ledger insert
left a payout behind (the first check below failed with the ledger row in the dump), and so did a submission
(its PENDING- reference row)."""
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from casework_support import AS_OF, AS_OF_REASON, FACTORY, FOUNDATION, PASSWORD, PAYEE, PROFILE, SALES, dump
from eligibility.casework import db, service
from eligibility.casework.models import Application, Claim, User
from eligibility.casework.users import create_user, set_active
from eligibility.profile import Profile

WRITES = ("INSERT", "UPDATE", "DELETE")


class Injected(Exception):
    """The failure injected after a write."""


@contextmanager
def failing_after(engine, nth: int):
    """Raise Injected right after the nth INSERT/UPDATE/DELETE this engine executes; yields the write counter."""
    writes = {"count": 0, "statements": []}

    def after(_conn, _cursor, statement, _parameters, _context, _executemany):
        if statement.lstrip().split(None, 1)[0].upper() in WRITES:
            writes["count"] += 1
            writes["statements"].append(statement.split("(")[0][:60])
            if writes["count"] == nth:
                raise Injected(statement[:80])

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield writes
    finally:
        event.remove(engine, "after_cursor_execute", after)


def inject_everywhere(url: str, sessions, operation) -> list[str]:
    """Run the operation with a failure after its 1st, 2nd, … write until it runs through; after each failure the
    database must equal its dump from before. Returns the statements of the complete run."""
    engine = sessions.kw["bind"]
    nth = 1
    while True:
        before = dump(url)
        with failing_after(engine, nth) as writes:
            try:
                with sessions() as s, db.transaction(s):
                    operation(s)
            except Injected:
                assert dump(url) == before, f"write {nth} of {writes['statements']} left a change behind"
                nth += 1
                continue
        assert writes["count"] == nth - 1 >= 1, writes  # it ran through: every one of its writes was tried
        assert dump(url) != before
        return writes["statements"]


@pytest.fixture
def world(sessions, engine):
    """Users of each role and two applications (one with a project claim)."""
    with sessions() as s, db.transaction(s):
        clerk = create_user(s, "clerk", PASSWORD, "caseworker", city_code="411000")
        for name in ("boss", "deputy"):
            create_user(s, name, PASSWORD, "admin")
        first = service.submit(s, engine, Profile.model_validate(PROFILE), AS_OF, [SALES, FACTORY],
                               uuid.uuid4().hex, PAYEE, AS_OF_REASON)
        second = service.submit(s, engine, Profile.model_validate(PROFILE), AS_OF, [FOUNDATION],
                                uuid.uuid4().hex, PAYEE, AS_OF_REASON)
        return {"clerk": clerk.id, "first": first.id, "second": second.id}


def user(s, name) -> User:
    return s.scalar(select(User).where(User.username == name))


def claim(s, application_id, rule_id) -> Claim:
    return next(c for c in s.get(Application, application_id).claims if c.rule_id == rule_id)


def verify(s, application_id, rule_id):
    for item in claim(s, application_id, rule_id).evidence:
        service.mark_evidence(s, user(s, "clerk"), item.id, "verified", "原件已核")


def test_every_operation_is_all_or_nothing(database_url, sessions, engine, world):
    """Submit, mark evidence, approve (ledger), ask for more, reject, re-evaluate, approve a lower amount, disable
    an account: after a failure at any write, nothing of the operation remains."""
    first, second = world["first"], world["second"]
    done = {}
    done["submit"] = inject_everywhere(database_url, sessions, lambda s: service.submit(
        s, engine, Profile.model_validate(PROFILE), AS_OF, [SALES, FOUNDATION], uuid.uuid4().hex, PAYEE, AS_OF_REASON))
    done["mark evidence"] = inject_everywhere(database_url, sessions, lambda s: verify(s, first, SALES.rule_id))
    done["approve"] = inject_everywhere(database_url, sessions, lambda s: service.decide(
        s, user(s, "clerk"), claim(s, first, SALES.rule_id).id, "approve"))
    done["ask for more"] = inject_everywhere(database_url, sessions, lambda s: service.decide(
        s, user(s, "clerk"), claim(s, first, FACTORY.rule_id).id, "more_info", reason="请补充证书原件"))
    done["reject"] = inject_everywhere(database_url, sessions, lambda s: service.decide(
        s, user(s, "clerk"), claim(s, first, FACTORY.rule_id).id, "reject", reason="证书为市级"))
    done["re-evaluate"] = inject_everywhere(database_url, sessions, lambda s: service.reevaluate(
        s, engine, user(s, "clerk"), s.get(Application, first)))
    with sessions() as s, db.transaction(s):
        verify(s, second, FOUNDATION.rule_id)
    done["approve a lower amount"] = inject_everywhere(database_url, sessions, lambda s: service.decide(
        s, user(s, "boss"), claim(s, second, FOUNDATION.rule_id).id, "approve", 3_000_000, "按实际到位资金核减",
        not_duplicate_reason="另一申请为重复提交,将不予批准"))
    done["disable account"] = inject_everywhere(database_url, sessions, lambda s: set_active(
        s, user(s, "boss"), user(s, "clerk").id, False))
    # Each operation wrote several rows (the audit entry at least), so each was tried at several points.
    assert all(len(statements) >= 2 for statements in done.values()), done
    assert any("award_ledger" in statement for statement in done["approve"])


def test_four_eyes_confirmation_is_all_or_nothing(database_url, sessions, engine, world):
    """A non-quantified award above the limit: the first approval, then the second approver's confirmation."""
    with sessions() as s, db.transaction(s):
        renovation = {"name": "技改一号", "kind": "technology_renovation", "approved_on": "2019-03-01",
                      "approval_number": "许工信技改〔2019〕3号"}
        app = service.submit(s, engine, Profile.model_validate({**PROFILE, "projects": [renovation]}), AS_OF,
                             [service.ClaimRequest("xuchang.tech_renovation.key_project_support", 0)],
                             uuid.uuid4().hex, PAYEE, AS_OF_REASON)
        app_id = app.id
        verify(s, app_id, "xuchang.tech_renovation.key_project_support")
    rule = "xuchang.tech_renovation.key_project_support"
    first = inject_everywhere(database_url, sessions, lambda s: service.decide(
        s, user(s, "clerk"), claim(s, app_id, rule).id, "approve", 900_000, "按投资额5%"))
    assert not any("award_ledger" in statement for statement in first)
    second = inject_everywhere(database_url, sessions, lambda s: service.confirm(
        s, user(s, "boss"), claim(s, app_id, rule).id))
    assert any("award_ledger" in statement for statement in second)
