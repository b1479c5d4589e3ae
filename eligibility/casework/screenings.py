"""免申即享 on the desk: a caseworker queues a screening of a registry; a background worker runs it; the enterprises
found due money are listed with what they are due and what is missing; the bureau files 免申 applications for them.

The worker is database-backed (no broker to run beside the app): a screening is claimed by a conditional UPDATE
that sets a lease, renewed as the work goes on. A worker that dies (a restart, a killed process) stops renewing;
once the lease has lapsed the next worker runs the screening again from the start. Progress is in the row, so a
page reload or a server restart shows where it is.
"""
import logging
import re
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from .. import clock
from ..clock import utcnow
from ..engine import Engine
from ..profile import Profile
from ..result import EvaluationResult
from . import db, history, service
from .errors import CaseworkError
from .models import Application, Screening, ScreeningHit, User

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 3
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}
SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
HIT_BATCH = 500
# At most this many applications are filed in one go (each is a transaction of its own).
MAX_FILED_AT_ONCE = 200


def folder_of(instance_path: str | Path) -> Path:
    """Where uploaded registries and screening results are kept."""
    path = Path(instance_path) / "screenings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def create(session: Session, user: User, as_of: date, source_name: str, stored_name: str | None) -> Screening:
    """Queue a screening of an uploaded registry (or, without a stored file, of the tables of a schema of the
    screening database), as of a date, over the caseworker's city (an admin's: all)."""
    kind: str | None = "database"
    if stored_name is None:
        if not SCHEMA_NAME.fullmatch(source_name):
            raise CaseworkError("schema 名只能含字母、数字和下划线,且不以数字开头", "schema")
    else:
        kind = SUFFIXES.get(Path(source_name).suffix.lower())
    if kind is None:
        raise CaseworkError("名录应为 .jsonl(每行一家企业的测算内容)或 .xlsx(按模板的工作簿)", "registry")
    if as_of > clock.today():
        raise CaseworkError(f"测算日期不能晚于今天({clock.today().isoformat()})", "as_of")
    screening = Screening(created_by=user.id, city_code=user.city_code if user.role != "admin" else None,
                          as_of=as_of, source_name=source_name[:255], source_kind=kind, stored_name=stored_name,
                          status="queued", stage="排队等待", done_steps=0, total_steps=0, attempts=0)
    session.add(screening)
    session.flush()
    service.audit(session, user.username, "screening_queued", "screening", screening.id, None,
                  after={"source": screening.source_name, "as_of": as_of.isoformat()})
    return screening


def visible(session: Session, user: User, screening_id: int) -> Screening:
    """A screening the user may see: an admin any, a caseworker those of their city."""
    found = session.get(Screening, screening_id) if 0 < screening_id <= service.MAX_ID else None
    if found is None or (user.role != "admin" and found.city_code != user.city_code):
        raise CaseworkError("没有这次筛查")
    return found


def listed(session: Session, user: User, limit: int = 50) -> list[Screening]:
    """The latest screenings the user may see."""
    query = select(Screening).order_by(Screening.id.desc()).limit(limit)
    if user.role != "admin":
        query = query.where(Screening.city_code == user.city_code)
    return list(session.scalars(query))


# --- the worker ----------------------------------------------------------------------------------------------------

def claim_next(sessions: sessionmaker) -> int | None:
    """Take the oldest queued screening, or a running one whose worker's lease lapsed; its id, or None."""
    with sessions() as session, db.transaction(session):
        now = utcnow()
        lapsed = (Screening.status == "running") & (Screening.lease_until < now)
        candidate = session.scalar(select(Screening.id).where(or_(Screening.status == "queued", lapsed))
                                   .order_by(Screening.id).limit(1))
        if candidate is None:
            return None
        # The WHERE repeats the test: of two workers racing for one screening, one updates a row, the other none.
        taken = session.execute(
            update(Screening).where(Screening.id == candidate, or_(Screening.status == "queued", lapsed))
            .values(status="running", lease_until=now + LEASE, attempts=Screening.attempts + 1, started_at=now,
                    stage="开始测算", done_steps=0, total_steps=0)).rowcount
        return candidate if taken == 1 else None


class LeaseLost(Exception):
    """Another worker took the screening over (this one was too slow to renew its lease)."""


@dataclass
class Progress:
    """Writes a running screening's stage and counts, renewing its lease; at most about once a second."""

    sessions: sessionmaker
    screening_id: int
    attempt: int
    last: float = 0.0

    def __call__(self, stage: str, done: int = 0, total: int = 0, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 1.0:
            return
        self.last = now
        with self.sessions() as session, db.transaction(session):
            changed = session.execute(
                update(Screening).where(Screening.id == self.screening_id, Screening.status == "running",
                                        Screening.attempts == self.attempt)
                .values(stage=stage[:200], done_steps=done, total_steps=total,
                        lease_until=utcnow() + LEASE)).rowcount
        if changed != 1:
            raise LeaseLost()


def _awards(result: EvaluationResult) -> tuple[list[dict], list[dict]]:
    """What a result makes an enterprise due (eligible, claimable here) and the undetermined rules' missing facts."""
    awards, missing = [], []
    for outcome in result.outcomes:
        citation = outcome.citation
        clause = f"{citation.document_number or citation.document_title} {citation.clause_path}"
        if outcome.claimable and outcome.strength == "explicit":
            items = [s for s in outcome.subjects if s.status == "eligible"] if outcome.subjects else []
            if outcome.subjects and items:
                for item in items:
                    awards.append({"rule_id": outcome.rule_id, "item": item.index, "item_kind": item.subject,
                                   "title": outcome.title,
                                   "item_name": item.name, "amount_yuan": item.amount_yuan, "clause": clause})
            elif not outcome.subjects and outcome.status == "eligible":
                awards.append({"rule_id": outcome.rule_id, "item": None, "item_kind": None, "title": outcome.title,
                               "item_name": None, "amount_yuan": outcome.amount_yuan, "clause": clause})
        if outcome.status == "undetermined" and outcome.strength == "explicit":
            missing.append({"rule_id": outcome.rule_id, "title": outcome.title,
                            "facts": outcome.missing_facts or [outcome.reason]})
    return awards, missing


def _profiles(screening, path: Path, hits: list[tuple[int, int, str]]) -> dict[int, Profile]:
    from ..screening.profiles import jsonl_profiles, staged_profiles
    if screening.loaded.kind == "jsonl":
        by_line = jsonl_profiles(path, {line for _, line, _ in hits})
        return {eid: by_line[line] for eid, line, _ in hits}
    by_code = staged_profiles(screening.db, [code for _, _, code in hits])
    return {eid: by_code[code] for eid, _, code in hits}


def run(sessions: sessionmaker, engine: Engine, screening_id: int, folder: Path,
        database_url: str | None = None) -> None:
    """Run a claimed screening to its end (done or failed); a schema's tables are read in `database_url`."""
    from ..screening.run import screen
    from ..screening.validate import RegistryError
    with sessions() as session:
        job = session.get(Screening, screening_id)
        assert job is not None
        as_of, city, stored, attempt = job.as_of, job.city_code, job.stored_name, job.attempts
        schema = job.source_name if job.source_kind == "database" else None
    progress = Progress(sessions, screening_id, attempt)
    path = folder / (stored or "")
    try:
        progress("读取并核对名录", force=True)
        if schema is not None and not database_url:
            raise RegistryError("未配置筛查数据库(SCREENING_DATABASE_URL),无法读取数据库中的名录")
        size = max(path.stat().st_size, 1) if schema is None else 1
        read = {"bytes": 0}

        def loading(n: int) -> None:
            read["bytes"] += n
            progress("读取并核对名录", read["bytes"], size)

        result = screen(schema or path, as_of, rulebook=engine.rulebook, city=city, progress=loading,
                        database_url=database_url if schema else None)
        try:
            _finish(sessions, engine, screening_id, attempt, result, path, folder, progress)
        finally:
            result.db.close()  # the worker lives on: the screening's in-memory database goes now
    except LeaseLost:
        log.warning("screening %s taken over by another worker", screening_id)
    except (RegistryError, ValueError, OSError) as exc:
        _fail(sessions, screening_id, attempt, f"名录无法测算:{exc}")
    except Exception:
        log.exception("screening %s failed", screening_id)
        _fail(sessions, screening_id, attempt, "测算时发生内部错误,已记入日志;请联系系统管理员")


def _finish(sessions: sessionmaker, engine: Engine, screening_id: int, attempt: int, result, path: Path,
            folder: Path, progress: Progress) -> None:
    """After the SQL: the enterprises due money evaluated one by one (missing facts, the engine's amounts), the
    result files, the summary; the screening marked done if this worker still holds it."""
    from ..screening.found import due_money, per_county
    from ..screening.outputs import summary, write
    as_of = result.as_of
    progress("按规则测算完毕,整理结果", force=True)
    told = summary(result)
    hits = due_money(result)
    with sessions() as session, db.transaction(session):
        session.execute(delete(ScreeningHit).where(ScreeningHit.screening_id == screening_id))
    profiles = _profiles(result, path, hits)
    mismatched = 0
    for start in range(0, len(hits), HIT_BATCH):
        rows = []
        for eid, line, _code in hits[start:start + HIT_BATCH]:
            profile = profiles[eid]
            evaluated = engine.evaluate(profile, as_of)
            awards, missing = _awards(evaluated)
            if not awards:
                # The screening's SQL and the engine agree on every rule (the property tests prove it); should the
                # engine ever find nothing due where the SQL listed the enterprise, the engine's word stands and
                # the enterprise is counted on the page, not dropped silently.
                mismatched += 1
                continue
            rows.append(ScreeningHit(screening_id=screening_id, credit_code=profile.credit_code,
                                     name=profile.name, division_code=profile.division_code, line=line,
                                     total_yuan=evaluated.total_yuan, awards=awards, missing=missing,
                                     profile=profile.model_dump(mode="json")))
        with sessions() as session, db.transaction(session):
            session.add_all(rows)
        progress("逐户核对应享奖励", min(start + HIT_BATCH, len(hits)), len(hits), force=True)
    files = [p.name for p in write(result, folder / f"screening-{screening_id}-{secrets.token_hex(4)}.xlsx")]
    report = {
        "rules": [{"rule_id": r.rule_id, "title": r.title, "eligible": r.eligible, "amount_yuan": r.amount_yuan,
                   "may_apply": r.may_apply, "undetermined": r.undetermined}
                  for r in told.rules if r.eligible or r.may_apply or r.undetermined],
        "counties": per_county(result), "eligible_awards": told.eligible_awards, "files": files,
        "errors": [e.json() for e in result.loaded.errors[:100]],
        "rejected_enterprises": told.rejected_enterprises, "mismatched": mismatched, "due": len(hits) - mismatched,
    }
    with sessions() as session, db.transaction(session):
        changed = session.execute(
            update(Screening).where(Screening.id == screening_id, Screening.attempts == attempt)
            .values(status="done", stage="已完成", done_steps=1, total_steps=1, lease_until=None,
                    finished_at=utcnow(), screened=told.screened, rejected_rows=told.rejected_rows,
                    total_yuan=told.total_yuan, summary=report)).rowcount
        if changed != 1:
            raise LeaseLost()


def _fail(sessions: sessionmaker, screening_id: int, attempt: int, message: str) -> None:
    with sessions() as session, db.transaction(session):
        session.execute(update(Screening).where(Screening.id == screening_id, Screening.attempts == attempt)
                        .values(status="failed", stage="未完成", error=message[:2000], lease_until=None,
                                finished_at=utcnow()))


def give_up_on_crashes(sessions: sessionmaker) -> None:
    """Screenings whose workers died MAX_ATTEMPTS times are failed, not run again forever."""
    with sessions() as session, db.transaction(session):
        session.execute(update(Screening).where(
            Screening.status == "running", Screening.lease_until < utcnow(), Screening.attempts >= MAX_ATTEMPTS)
            .values(status="failed", stage="未完成", lease_until=None, finished_at=utcnow(),
                    error=f"测算{MAX_ATTEMPTS}次均中断(进程退出),请检查名录大小和服务器内存后重新提交"))


def work_once(sessions: sessionmaker, engine: Engine, folder: Path, database_url: str | None = None) -> int | None:
    """Run the next screening waiting for a worker, if any; its id."""
    give_up_on_crashes(sessions)
    screening_id = claim_next(sessions)
    if screening_id is not None:
        run(sessions, engine, screening_id, folder, database_url)
    return screening_id


def work_forever(sessions: sessionmaker, engine: Engine, folder: Path, stop: threading.Event,
                 poll_seconds: float = 2.0, database_url: str | None = None) -> None:
    """Run screenings as they come until `stop` is set."""
    while not stop.is_set():
        try:
            found = work_once(sessions, engine, folder, database_url)
        except Exception:
            log.exception("screening worker")
            found = None
        if found is None:
            stop.wait(poll_seconds)


# --- from found to filed ---------------------------------------------------------------------------------------------

def hits_page(session: Session, screening: Screening, page: int = 1, per_page: int = 50,
              county: str | None = None) -> service.Page[ScreeningHit]:
    """The enterprises found due money, most money first."""
    query = select(ScreeningHit).where(ScreeningHit.screening_id == screening.id)
    if county:
        query = query.where(ScreeningHit.division_code == county)
    return service.paged(session, query, (ScreeningHit.total_yuan.desc(), ScreeningHit.id), page, per_page)


def _award_key(award: dict, profile: Profile) -> str | None:
    """The ledger key of an award the screening found (None: an item without the number that identifies it)."""
    from . import identity
    index = award["item"]
    try:
        if index is None:
            return identity.ledger_key()
        if award["item_kind"] == "project":
            project = (profile.projects or [])[index]
            return identity.ledger_key(project.kind, project.approval_number)
        title = (profile.recognitions or [])[index]
        return identity.title_ledger_key(title.kind, title.level, title.document_number)
    except identity.IdentityError:
        return None


def file_from_hit(session: Session, engine: Engine, user: User, hit_id: int) -> tuple[Application, list[str]]:
    """File a 免申 application (主动发现, unconfirmed) for the awards a screened enterprise is due, evaluated again
    as of the screening's date; awards already approved or claimed for it, and items without the number that
    identifies them (立项文号, 认定文号), are left out and named. The application, and what was left out."""
    hit = session.get(ScreeningHit, hit_id, with_for_update=True) if 0 < hit_id <= service.MAX_ID else None
    if hit is None:
        raise CaseworkError("没有这家企业的筛查结果")
    screening = visible(session, user, hit.screening_id)
    if hit.application_id is not None and (filed := session.get(Application, hit.application_id)) is not None:
        return filed, []
    profile = Profile.model_validate(hit.profile)
    result = engine.evaluate(profile, screening.as_of)
    awards, _ = _awards(result)
    past = history.of_enterprise(session, profile.credit_code)
    requests, left_out = [], []
    for award in awards:
        key = _award_key(award, profile)
        label = award["title"] + (f"({award['item_name']})" if award["item_name"] else "")
        if key is None:
            left_out.append(f"{label}:缺少立项文号或认定文号,请企业自行申请")
        elif key in past.approved.get(award["rule_id"], set()):
            left_out.append(f"{label}:已批准过")
        elif key in past.open.get(award["rule_id"], set()):
            left_out.append(f"{label}:已有申请在办")
        else:
            requests.append(service.ClaimRequest(award["rule_id"], award["item"]))
    if not requests:
        raise CaseworkError(f"“{hit.name}”没有可代为申请的奖励:" + ";".join(left_out))
    reason = None if screening.as_of == clock.today() else (
        f"免申即享:第{screening.id}次筛查按{screening.as_of.isoformat()}测算(名录 {screening.source_name})")
    application = service.file_application(
        session, result, profile, requests, f"screening:{screening.id}:{hit.credit_code}", None,
        as_of_reason=reason, screening_id=screening.id, actor=user.username)
    hit.application_id = application.id
    return application, left_out


# --- keeping files no longer than needed ------------------------------------------------------------------------------

# A file in the screenings folder that no screening names is left by a crash between saving an upload and queueing
# it; after this long it is nobody's.
ORPHAN_AGE = timedelta(days=1)


def sweep(session: Session, folder: Path, keep_days: int) -> list[str]:
    """Remove the uploaded registries and result files of screenings finished more than `keep_days` ago (the
    summary and the enterprises found stay in the database), and files no screening names; the names removed."""
    now = utcnow()
    removed: list[str] = []
    with db.transaction(session):
        old = session.scalars(select(Screening).where(Screening.status.in_(("done", "failed")),
                                                      Screening.finished_at < now - timedelta(days=keep_days)))
        for screening in old:
            names = [*(screening.summary or {}).get("files", []), screening.stored_name]
            for name in filter(None, names):
                (folder / name).unlink(missing_ok=True)
                removed.append(name)
            if screening.summary and screening.summary.get("files"):
                screening.summary = {**screening.summary, "files": [], "files_removed_at": now.isoformat()}
            screening.stored_name = None
    named = {name for summary, stored in session.execute(select(Screening.summary, Screening.stored_name))
             for name in [*((summary or {}).get("files", [])), stored] if name}
    for path in folder.iterdir():
        age = now.timestamp() - path.stat().st_mtime
        if path.is_file() and path.name not in named and age > ORPHAN_AGE.total_seconds():
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed
