"""Migration 0002 on a database with applications filed before it: frozen award facts and project identity are
filled in from what each application holds, determinations are compacted, and the desk reads the result."""
from datetime import datetime, timezone

from sqlalchemy import MetaData, create_engine, insert, select

from casework_support import AS_OF, FOUNDATION, PROFILE, SALES
from eligibility.casework import db, frozen
from eligibility.casework.models import Application, Claim
from eligibility.profile import Profile

NOW = datetime(2026, 1, 5, tzinfo=timezone.utc)


def as_filed_before_0002(result: dict) -> dict:
    """A result in the shape the engine stored before revision 0002: per-project outcomes under "projects"."""
    for outcome in (*result["outcomes"], *result["related_support"]):
        outcome["projects"] = [{"project_index": item["index"], "project_name": item["name"], "status": item["status"],
                                "amount_yuan": item["amount_yuan"], "trace": item["trace"]}
                               for item in outcome.pop("subjects")]
    return result


def test_applications_filed_before_0002_are_carried_over(database_url, engine):
    db.downgrade(database_url, "0001")
    legacy = {**PROFILE, "projects": [{k: v for k, v in PROFILE["projects"][0].items() if k != "approval_number"}]}
    result = as_filed_before_0002(engine.evaluate(Profile.model_validate(legacy), AS_OF).model_dump(mode="json"))
    raw = create_engine(database_url)
    tables = MetaData()
    tables.reflect(bind=raw)
    t = tables.tables
    with raw.begin() as conn:
        conn.execute(insert(t["enterprises"]).values(id=1, credit_code=PROFILE["credit_code"], name=PROFILE["name"],
                                                     division_code="411003", created_at=NOW))
        conn.execute(insert(t["applications"]).values(
            id=1, reference="SQ20260105000001", access_token="t" * 40, submission_key="k" * 32, enterprise_id=1,
            city_code="411000", status="submitted", submitted_at=NOW, profile=Profile.model_validate(legacy)
            .model_dump(mode="json")))
        conn.execute(insert(t["determinations"]).values(id=1, application_id=1, kind="submitted",
                                                        ruleset_version="old", as_of=AS_OF, result=result,
                                                        created_at=NOW))
        conn.execute(insert(t["claims"]), [
            {"id": 1, "application_id": 1, "rule_id": SALES.rule_id, "ledger_key": "enterprise", "title": "销售",
             "one_off": True, "claimed_yuan": 100000, "status": "pending"},
            {"id": 2, "application_id": 1, "rule_id": FOUNDATION.rule_id, "ledger_key": "project:强基一号:2018-05-01",
             "title": "强基配套", "one_off": True, "claimed_yuan": 4000000, "status": "pending"}])
    raw.dispose()
    db.upgrade(database_url)
    sessions = db.session_factory(db.make_engine(database_url))
    with sessions() as s:
        app = s.get(Application, 1)
        assert app.division_code == "411003" and app.payee_account is None
        sales, project = s.scalars(select(Claim).order_by(Claim.id)).all()
        assert (sales.award_kind, sales.document_number, sales.clause_path) == ("fixed", "许政[2017]29号", "二(一)2")
        assert (project.item_index, project.item_name, project.project_kind) == (0, "强基一号",
                                                                                      "industrial_foundation")
        assert project.ledger_key == "project:强基一号:2018-05-01"  # an old key stays: its number is unknown
        stored = app.determinations[0].result
        assert stored["format"] == frozen.FORMAT and set(stored["rules"]) == {SALES.rule_id, FOUNDATION.rule_id}
        assert frozen.outcome(stored, FOUNDATION.rule_id, 0)["amount_yuan"] == 4000000
        assert frozen.outcome(stored, SALES.rule_id)["trace"]
    sessions.kw["bind"].dispose()
    db.downgrade(database_url, "0001")  # and back, with the rows in place
    db.upgrade(database_url)
