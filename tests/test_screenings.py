"""免申即享 on the desk, below the pages: queue a screening, the worker's lease, what it finds, 免申 applications, the
enterprise's confirmation, and the one ledger across both paths (SQLite and PostgreSQL)."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from casework_support import AS_OF, CREDIT_CODE, PAYEE, PROFILE, SALES, approve, submit
from eligibility.casework import db, screenings, service
from eligibility.casework.models import Application, LedgerEntry, Screening, ScreeningHit
from eligibility.clock import utcnow
from eligibility.profile import Profile
from screening_tables import profile_rows, write_parquet, write_xlsx

# Two more enterprises: one due nothing (sales below 10亿), one whose sales are unknown (undetermined).
SMALL = {**PROFILE, "name": "许昌某小公司", "credit_code": "91411000MA44XXXX0R",
         "sales_yuan_by_year": {"2018": 100, "2019": 200}, "recognitions": [], "projects": []}
UNKNOWN = {**PROFILE, "name": "许昌某未知公司", "credit_code": "91411000MA45XXXX0C", "sales_yuan_by_year": None,
           "recognitions": [], "projects": []}


def _registry(folder, profiles=(PROFILE, SMALL, UNKNOWN), bad: bool = True):
    lines = [json.dumps(p, ensure_ascii=False) for p in profiles]
    if bad:
        lines.insert(1, json.dumps({**SMALL, "credit_code": "not a code"}, ensure_ascii=False))
    path = folder / "registry.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _queued(session, user, folder, path=None, as_of=AS_OF):
    path = path or _registry(folder)
    with db.transaction(session):
        return screenings.create(session, user, as_of, path.name, path.name)


@pytest.fixture
def folder(tmp_path):
    return screenings.folder_of(tmp_path)


def test_a_screening_runs_to_the_enterprises_due_money(sessions, session, clerk, engine, folder):
    queued = _queued(session, clerk, folder)
    assert (queued.status, queued.city_code) == ("queued", "411000")
    assert screenings.work_once(sessions, engine, folder) == queued.id
    session.expire_all()
    done = session.get(Screening, queued.id)
    assert done.status == "done", done.error
    assert (done.screened, done.rejected_rows) == (3, 1)
    [hit] = done.hits
    expected = engine.evaluate(Profile.model_validate(PROFILE), AS_OF)
    assert (hit.credit_code, hit.line, hit.total_yuan) == (CREDIT_CODE, 1, expected.total_yuan)
    assert done.total_yuan == expected.total_yuan  # the SQL's total and the engine's agree
    assert {a["rule_id"] for a in hit.awards} >= {SALES.rule_id}
    assert done.summary["errors"][0]["line"] == 2 and done.summary["errors"][0]["fields"][0]["field"] == "credit_code"
    [county] = done.summary["counties"]
    assert (county["division_code"], county["screened"], county["due"]) == ("411003", 3, 1)
    assert any(f.endswith(".xlsx") for f in done.summary["files"])
    assert screenings.work_once(sessions, engine, folder) is None  # nothing left


def test_an_admin_screens_every_city_a_caseworker_only_hers(sessions, session, clerk, admins, engine, folder):
    baotou = {**SMALL, "name": "包头某公司", "credit_code": "91150200MA0Q00000A", "division_code": "150202"}
    path = _registry(folder, (PROFILE, baotou), bad=False)
    mine, everyone = _queued(session, clerk, folder, path), _queued(session, admins[0], folder, path)
    while screenings.work_once(sessions, engine, folder):
        pass
    session.expire_all()
    assert session.get(Screening, mine.id).screened == 1
    assert session.get(Screening, everyone.id).screened == 2
    assert [s.id for s in screenings.listed(session, clerk)] == [mine.id]
    with pytest.raises(service.CaseworkError):
        screenings.visible(session, clerk, everyone.id)


def test_a_bad_registry_fails_with_its_reason(sessions, session, clerk, engine, folder):
    path = folder / "broken.jsonl"
    path.write_bytes(b"")
    queued = _queued(session, clerk, folder, path)
    path.unlink()
    screenings.work_once(sessions, engine, folder)
    session.expire_all()
    failed = session.get(Screening, queued.id)
    assert failed.status == "failed" and "名录无法测算" in failed.error


def test_wrong_file_kinds_and_future_dates_are_refused(session, clerk, folder):
    with pytest.raises(service.CaseworkError, match=r"\.jsonl"):
        screenings.create(session, clerk, AS_OF, "registry.csv", "x.csv")
    with pytest.raises(service.CaseworkError, match="不能晚于"):
        screenings.create(session, clerk, AS_OF + timedelta(days=365 * 10), "registry.jsonl", "x.jsonl")


def test_a_worker_takes_a_screening_once_and_a_lapsed_lease_again(sessions, session, clerk, folder):
    queued = _queued(session, clerk, folder)
    assert screenings.claim_next(sessions) == queued.id
    assert screenings.claim_next(sessions) is None  # held by the first worker's lease
    with db.transaction(session):
        session.execute(update(Screening).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert screenings.claim_next(sessions) == queued.id  # the first worker died: the next one runs it again
    session.expire_all()
    assert session.get(Screening, queued.id).attempts == 2


def test_a_screening_interrupted_midway_is_run_again_without_doubling(sessions, session, clerk, engine, folder):
    """A worker killed after writing some hits: the lease lapses, the next worker starts over, one hit each."""
    queued = _queued(session, clerk, folder)
    assert screenings.claim_next(sessions) == queued.id
    with db.transaction(session):
        session.add(ScreeningHit(screening_id=queued.id, credit_code=CREDIT_CODE, name="x", division_code="411003",
                                 line=1, total_yuan=1, awards=[], missing=[], profile={}))
        session.execute(update(Screening).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert screenings.work_once(sessions, engine, folder) == queued.id
    session.expire_all()
    done = session.get(Screening, queued.id)
    assert done.status == "done" and len(done.hits) == 1 and done.hits[0].total_yuan > 1


def test_a_screening_that_keeps_crashing_is_given_up(sessions, session, clerk, engine, folder):
    queued = _queued(session, clerk, folder)
    with db.transaction(session):
        session.execute(update(Screening).values(status="running", attempts=screenings.MAX_ATTEMPTS,
                                                 lease_until=utcnow() - timedelta(seconds=1)))
    assert screenings.work_once(sessions, engine, folder) is None
    session.expire_all()
    assert session.get(Screening, queued.id).status == "failed"


def test_a_worker_that_lost_its_lease_writes_nothing_more(sessions, session, clerk, folder):
    queued = _queued(session, clerk, folder)
    screenings.claim_next(sessions)
    progress = screenings.Progress(sessions, queued.id, attempt=1)
    progress("读取", force=True)
    with db.transaction(session):
        session.execute(update(Screening).values(attempts=2))  # another worker took it over
    with pytest.raises(screenings.LeaseLost):
        progress("读取", force=True)


def test_xlsx_registries_give_the_same_profiles_back(sessions, session, clerk, engine, folder):
    path = write_xlsx(profile_rows([Profile.model_validate(p) for p in (PROFILE, SMALL, UNKNOWN)]),
                      folder / "registry.xlsx")
    queued = _queued(session, clerk, folder, path)
    screenings.work_once(sessions, engine, folder)
    session.expire_all()
    done = session.get(Screening, queued.id)
    assert done.status == "done", done.error
    [hit] = done.hits
    assert Profile.model_validate(hit.profile) == Profile.model_validate(PROFILE)


def _screened(sessions, session, user, engine, folder) -> ScreeningHit:
    queued = _queued(session, user, folder)
    screenings.work_once(sessions, engine, folder)
    session.expire_all()
    [hit] = session.get(Screening, queued.id).hits
    return hit


def test_a_proactive_application_waits_for_the_enterprise(sessions, session, clerk, engine, folder):
    hit = _screened(sessions, session, clerk, engine, folder)
    with db.transaction(session):
        application, left_out = screenings.file_from_hit(session, engine, clerk, hit.id)
    assert left_out == []
    assert (application.origin, application.status, application.payee_account) == ("screening", "unconfirmed", None)
    assert application.reference.startswith("MS") and application.as_of_reason.startswith("免申即享")
    assert {c.rule_id for c in application.claims} == {a["rule_id"] for a in hit.awards}
    assert application.determinations[0].as_of == AS_OF
    with db.transaction(session):  # filing again gives the same application
        again, _ = screenings.file_from_hit(session, engine, clerk, hit.id)
    assert again.id == application.id
    claim = next(c for c in application.claims if c.rule_id == SALES.rule_id)
    with pytest.raises(service.CaseworkError, match="企业尚未确认"):
        approve(session, clerk, claim)
    with db.transaction(session):
        service.confirm_by_enterprise(session, application, PAYEE)
    assert application.status == "submitted" and application.confirmed_at is not None
    with pytest.raises(service.CaseworkError, match="已确认"):
        service.confirm_by_enterprise(session, application, PAYEE)
    session.rollback()
    approve(session, clerk, claim)
    entry = session.scalar(select(LedgerEntry).where(LedgerEntry.claim_id == claim.id))
    assert entry.credit_code == CREDIT_CODE


def test_the_ledger_holds_across_both_paths(sessions, session, clerk, engine, folder):
    """Approved from its own application, the award is left out of a 免申 one; the other way round, a second payout
    is refused at approval."""
    own = submit(session, engine, claims=(SALES,))
    approve(session, clerk, own.claims[0])
    hit = _screened(sessions, session, clerk, engine, folder)
    with db.transaction(session):
        application, left_out = screenings.file_from_hit(session, engine, clerk, hit.id)
    assert SALES.rule_id not in {c.rule_id for c in application.claims}
    assert any("已批准过" in text for text in left_out)


def test_an_open_application_is_not_filed_twice_and_a_second_payout_is_refused(sessions, session, clerk, engine,
                                                                              folder):
    hit = _screened(sessions, session, clerk, engine, folder)
    with db.transaction(session):
        application, _ = screenings.file_from_hit(session, engine, clerk, hit.id)
        service.confirm_by_enterprise(session, application, PAYEE)
    claim = next(c for c in application.claims if c.rule_id == SALES.rule_id)
    approve(session, clerk, claim)
    own = submit(session, engine, claims=(SALES,))  # the enterprise applies itself as well
    with pytest.raises(service.DoublePayout):
        approve(session, clerk, own.claims[0])
    assert session.scalar(select(Application).where(Application.id == own.id)).claims[0].status != "approved"


def test_a_schema_of_the_screening_database_is_screened_where_it_is(sessions, session, clerk, engine, folder,
                                                                    tmp_path):
    """The bureau's registry as tables of a schema in the screening database (DuckDB here; PostgreSQL alike)."""
    import duckdb
    tables = write_parquet(profile_rows([Profile.model_validate(p) for p in (PROFILE, SMALL, UNKNOWN)]),
                           tmp_path / "tables").parent
    url = f"duckdb:///{tmp_path / 'registry.duckdb'}"
    with duckdb.connect(str(tmp_path / "registry.duckdb")) as con:
        con.execute("CREATE SCHEMA bureau")
        for name in ("enterprises", "sales", "recognitions", "projects"):
            con.execute(f"CREATE TABLE bureau.{name} AS SELECT * FROM read_parquet('{tables / name}.parquet')")
    with db.transaction(session):
        queued = screenings.create(session, clerk, AS_OF, "bureau", None)
        with pytest.raises(service.CaseworkError, match="schema"):
            screenings.create(session, clerk, AS_OF, "bureau; DROP TABLE x", None)
    assert screenings.work_once(sessions, engine, folder, url) == queued.id
    session.expire_all()
    done = session.get(Screening, queued.id)
    assert done.status == "done", done.error
    [hit] = done.hits
    assert Profile.model_validate(hit.profile) == Profile.model_validate(PROFILE)


def test_a_schema_without_a_screening_database_fails_with_the_reason(sessions, session, clerk, engine, folder):
    with db.transaction(session):
        queued = screenings.create(session, clerk, AS_OF, "bureau", None)
    screenings.work_once(sessions, engine, folder)
    session.expire_all()
    assert "SCREENING_DATABASE_URL" in session.get(Screening, queued.id).error


def test_a_worker_killed_midway_leaves_a_screening_the_next_one_finishes(database_url, sessions, session, clerk,
                                                                        engine, folder):
    """`flask screen-worker` killed with SIGKILL while it writes the enterprises due money: the next worker, once
    the lease has lapsed, runs the screening again and lists each enterprise exactly once."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from eligibility.creditcode import check_character
    many = []
    for n in range(1500):
        base = f"91411000MA{n:07d}"
        many.append({**PROFILE, "name": f"许昌某电气{n}号", "credit_code": base + check_character(base)})
    path = _registry(folder, many, bad=False)
    queued = _queued(session, clerk, folder, path)
    instance = folder.parent
    script = (
        "from eligibility.web import create_app; "
        f"app = create_app({{'DATABASE_URL': {database_url!r}, 'SECRET_KEY': 'k' * 32, 'SCREENING_POLL_SECONDS': 0.1}},"
        f" instance_path={str(instance)!r}); "
        "app.test_cli_runner().invoke(args=['screen-worker'])")
    log = (folder / "worker.log").open("w")
    worker = subprocess.Popen([sys.executable, "-c", script], start_new_session=True, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            session.rollback()  # a new snapshot each time (SQLite keeps a reader's snapshot until it ends)
            session.expire_all()
            seen = session.get(Screening, queued.id)
            if seen.stage.startswith("逐户") and seen.done_steps >= screenings.HIT_BATCH:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"the worker never got to the enterprises due money: {seen.status} {seen.stage} "
                        f"{(folder / 'worker.log').read_text()[-2000:]}")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        log.close()
    session.rollback()
    session.expire_all()
    interrupted = session.get(Screening, queued.id)
    assert interrupted.status == "running" and 0 < len(interrupted.hits) <= len(many)
    with db.transaction(session):  # time passes: the dead worker's lease lapses
        session.execute(update(Screening).values(lease_until=utcnow() - timedelta(seconds=1)))
    assert screenings.work_once(sessions, engine, folder) == queued.id
    session.expire_all()
    done = session.get(Screening, queued.id)
    assert (done.status, done.attempts, len(done.hits)) == ("done", 2, len(many))
    assert len({hit.credit_code for hit in done.hits}) == len(many)


def test_an_unconfirmed_application_may_be_withdrawn_and_filed_again_later(sessions, session, clerk, engine,
                                                                           folder):
    hit = _screened(sessions, session, clerk, engine, folder)
    with db.transaction(session):
        application, _ = screenings.file_from_hit(session, engine, clerk, hit.id)
    with pytest.raises(service.CaseworkError, match="理由"):
        service.withdraw_proactive(session, application, "clerk", "  ")
    session.rollback()
    with db.transaction(session):
        service.withdraw_proactive(session, application, "企业:x", "企业不申请:已另行申报")
    assert application.status == "withdrawn" and {c.status for c in application.claims} == {"withdrawn"}
    claim = application.claims[0]
    with pytest.raises(service.CaseworkError, match="撤回"):
        approve(session, clerk, claim)
    session.rollback()
    with pytest.raises(service.CaseworkError, match="只有待企业确认"):
        service.withdraw_proactive(session, application, "clerk", "again")
    session.rollback()
    # A later screening files again: a withdrawn claim is neither open nor a duplicate.
    again = _screened(sessions, session, clerk, engine, folder)
    with db.transaction(session):
        second, left_out = screenings.file_from_hit(session, engine, clerk, again.id)
    assert second.id != application.id and left_out == []
    assert service.duplicated(session, [second.id]) == set()


def test_old_screenings_files_are_swept_and_their_findings_kept(sessions, session, clerk, engine, folder):
    import os
    queued = _queued(session, clerk, folder)
    screenings.work_once(sessions, engine, folder)
    stray = folder / "left-by-a-crash.jsonl"
    stray.write_text("{}\n")
    fresh = folder / "being-uploaded.jsonl"
    fresh.write_text("{}\n")
    old = utcnow().timestamp() - 2 * 86400
    os.utime(stray, (old, old))
    assert screenings.sweep(session, folder, keep_days=180) == [stray.name]  # the screening is recent: kept
    assert fresh.exists()
    with db.transaction(session):
        session.execute(update(Screening).values(finished_at=utcnow() - timedelta(days=181)))
    session.expire_all()
    files = session.get(Screening, queued.id).summary["files"]
    removed = screenings.sweep(session, folder, keep_days=180)
    assert set(removed) == {*files, "registry.jsonl"}
    session.expire_all()
    swept = session.get(Screening, queued.id)
    assert swept.summary["files"] == [] and swept.stored_name is None and len(swept.hits) == 1
    assert sorted(p.name for p in folder.iterdir()) == [fresh.name]
