"""Power cuts during approvals: the real application under gunicorn (2 worker processes × 4 threads) on 127.0.0.1,
approvals and submissions sent over HTTP by several clients, the whole server killed with SIGKILL again and again
mid-stream and restarted; then the invariants are checked on the database, SQLite and PostgreSQL alike:

- every ledger row has an approved claim, with its approving decision and the audit entry naming the row;
- every approved claim has its ledger row, and the application's status agrees with its claims;
- no PENDING- reference survives, and every application has its claims, determination and audit entry;
- nothing acknowledged is lost: each approval answered 303 is in the ledger, each submission answered 303 exists;
- the server never answered 500.

Before casework/db.py's pysqlite recipe, 10 kills during 4,000 approvals left 4 payouts on "pending" claims.
The default run is bounded (about 200 requests, 5 kills per database); the environment scales it (see below).
"""
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from casework_support import AS_OF, AS_OF_REASON, PASSWORD, PAYEE, PROFILE, SALES
from eligibility.casework import db, service
from eligibility.casework.models import Application, AuditEntry, Claim, Decision, LedgerEntry, User
from eligibility.casework.users import create_user
from eligibility.creditcode import check_character
from eligibility.profile import Profile

pytest.importorskip("gunicorn")

SERVER = textwrap.dedent("""
    import os
    from eligibility.web import create_app
    app = create_app({"DATABASE_URL": os.environ["CRASH_DATABASE_URL"], "SECRET_KEY": "crash-test-secret-" * 4, "RATELIMIT_ENABLED": False,
                      "WTF_CSRF_TIME_LIMIT": None}, instance_path=os.environ["CRASH_INSTANCE"])
""")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def credit_code(n: int) -> str:
    """A valid credit code of the nth test enterprise (registered in Xuchang)."""
    first17 = f"91411000{n:09d}"
    return first17 + check_character(first17)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving the app from a folder; `kill()` is a power cut (SIGKILL to master and workers)."""

    def __init__(self, folder: Path, url: str):
        self.folder, self.port, self.process = folder, free_port(), None
        (folder / "crash_app.py").write_text(SERVER, encoding="utf-8")
        (folder / "instance").mkdir(exist_ok=True)
        self.env = {**os.environ, "CRASH_DATABASE_URL": url, "CRASH_INSTANCE": str(folder / "instance")}
        self.log = open(folder / "server.log", "ab")

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--threads",
             "4", "--timeout", "60", "--chdir", str(self.folder), "crash_app:app"],
            env=self.env, stdout=self.log, stderr=self.log, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                connection.request("GET", "/desk/login")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
            finally:
                connection.close()
        raise RuntimeError("the server did not start: see server.log")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


class Browser:
    """One person's browser: a session cookie, the page's CSRF token, no redirects followed."""

    def __init__(self, port: int):
        self.port, self.cookies, self.token = port, {}, None

    def send(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"User-Agent": "crash-test"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({**form, "csrf_token": self.token or ""}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for cookie in response.msg.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            if value:
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        found = CSRF.search(text)
        if found:
            self.token = found.group(1) or found.group(2)
        return response.status, dict(response.getheaders()), text

    def log_in(self) -> None:
        self.send("GET", "/desk/login")
        status, _, _ = self.send("POST", "/desk/login", {"username": "clerk", "password": PASSWORD})
        assert status == 302, status
        self.send("GET", "/desk/")


class Tally:
    """What the clients saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acknowledged_approvals: set[int] = set()
        self.already: set[int] = set()
        self.acknowledged_submissions: set[str] = set()
        self.server_errors: list[str] = []
        self.interrupted = 0
        self.relogins = 0
        self.done = 0


def _retrying(tally: Tally, attempt):
    """Run one request until the server answers it (it may be down, or killed while answering)."""
    for _ in range(600):
        try:
            return attempt()
        except (OSError, http.client.HTTPException):
            with tally.lock:
                tally.interrupted += 1
            time.sleep(0.2)
    raise RuntimeError("the server stayed down")


def approver(port: int, claims: list[int], tally: Tally) -> None:
    browser = Browser(port)
    _retrying(tally, browser.log_in)
    for claim_id in claims:
        while True:
            status, headers, text = _retrying(tally, lambda claim_id=claim_id: browser.send(
                "POST", f"/desk/claims/{claim_id}/decide", {"outcome": "approve", "amount_wan": "", "reason": ""}))
            if status in (302, 400) and ("login" in headers.get("Location", "") or "过期" in text):
                assert tally.relogins < 100, "the desk keeps refusing the session"
                with tally.lock:
                    tally.relogins += 1
                _retrying(tally, browser.log_in)  # a session or token the restarted server did not know
                continue
            with tally.lock:
                if status == 303:
                    tally.acknowledged_approvals.add(claim_id)
                elif status == 409 and "已批准,编号" in text:
                    tally.already.add(claim_id)  # approved before a kill cut the answer off
                elif status >= 500:
                    tally.server_errors.append(f"{status} approving {claim_id}")
                else:
                    tally.server_errors.append(f"unexpected {status} approving {claim_id}: {text[:200]}")
                tally.done += 1
            break


def submitter(port: int, first: int, count: int, tally: Tally) -> None:
    browser = Browser(port)
    for n in range(first, first + count):
        profile = {**PROFILE, "credit_code": credit_code(n), "name": f"许昌测试企业{n}号", "projects": []}
        form = {"document": json.dumps({"profile": profile, "as_of": "2020-12-31"}, ensure_ascii=False),
                "submission_key": f"crash-{n}-{uuid.uuid4().hex[:8]}", "claim": [SALES.rule_id],
                "payee_name": profile["name"], "payee_bank": PAYEE.bank, "payee_account": PAYEE.account,
                "as_of_basis": "policy_end"}
        while True:
            _retrying(tally, lambda: browser.send("GET", "/"))  # the form page gives the CSRF token
            status, headers, text = _retrying(tally, lambda form=form: browser.send("POST", "/apply", form))
            if status == 400 and "过期" in text:
                assert tally.relogins < 100, "the form keeps expiring"
                with tally.lock:
                    tally.relogins += 1
                continue
            with tally.lock:
                if status == 303:
                    tally.acknowledged_submissions.add(headers["Location"].rsplit("/", 1)[1])
                else:
                    tally.server_errors.append(f"{status} submitting {n}: {text[:200]}")
                tally.done += 1
            break


def prepare(url: str, engine, approvals: int) -> list[int]:
    """A caseworker and `approvals` applications of different enterprises with their evidence verified."""
    sessions = db.session_factory(db.make_engine(url))
    claim_ids = []
    with sessions() as s:
        with db.transaction(s):
            clerk = create_user(s, "clerk", PASSWORD, "caseworker", city_code="411000")
        for n in range(approvals):
            profile = {**PROFILE, "credit_code": credit_code(n), "name": f"许昌测试企业{n}号", "projects": []}
            with db.transaction(s):
                app = service.submit(s, engine, Profile.model_validate(profile), AS_OF, [SALES], uuid.uuid4().hex,
                                     PAYEE.__class__(profile["name"], PAYEE.bank, PAYEE.account), AS_OF_REASON)
                for item in app.claims[0].evidence:
                    service.mark_evidence(s, clerk, item.id, "verified", "原件已核")
            claim_ids.append(app.claims[0].id)
    sessions.kw["bind"].dispose()
    return claim_ids


def violations(url: str, tally: Tally) -> list[str]:
    """Every broken invariant, in words."""
    found = []
    sessions = db.session_factory(db.make_engine(url))
    with sessions() as s:
        ledger = {e.claim_id: e for e in s.scalars(select(LedgerEntry))}
        audits = {(a.entity_id, (a.after or {}).get("ledger")) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "decided", AuditEntry.entity == "claim"))}
        for claim_id, entry in ledger.items():
            claim = s.get(Claim, claim_id)
            if claim.status != "approved":
                found.append(f"ledger {entry.number} on claim {claim_id} that is {claim.status}")
            if not any(d.outcome == "approve" and d.amount_yuan == entry.amount_yuan for d in claim.decisions):
                found.append(f"ledger {entry.number} without its approving decision")
            if (claim_id, entry.number) not in audits:
                found.append(f"ledger {entry.number} without its audit entry")
        for claim in s.scalars(select(Claim).where(Claim.status == "approved")):
            if claim.id not in ledger:
                found.append(f"approved claim {claim.id} without a ledger row")
        for app in s.scalars(select(Application)):
            if app.reference.startswith("PENDING"):
                found.append(f"half-written application {app.reference}")
            if not app.claims or not app.determinations:
                found.append(f"application {app.reference} without claims or determination")
            if app.status != service.application_status(app) and app.status != "submitted":
                found.append(f"application {app.reference} is {app.status} but its claims say otherwise")
        submitted = set(s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "submitted")))
        for app_id in s.scalars(select(Application.id)):
            if app_id not in submitted:
                found.append(f"application {app_id} without its audit entry")
        for claim_id in tally.acknowledged_approvals | tally.already:
            if claim_id not in ledger:
                found.append(f"acknowledged approval of claim {claim_id} lost")
        tokens = set(s.scalars(select(Application.access_token)))
        for token in tally.acknowledged_submissions - tokens:
            found.append(f"acknowledged submission {token[:8]}… lost")
        decisions = s.scalar(select(func.count()).select_from(Decision))
        if decisions != len(ledger):
            found.append(f"{decisions} decisions for {len(ledger)} ledger rows")
    sessions.kw["bind"].dispose()
    return found + tally.server_errors


def crash_run(url: str, engine, folder: Path, approvals: int, submissions: int, kills: int) -> dict:
    claims = prepare(url, engine, approvals)
    server = Server(folder, url)
    tally, made = Tally(), 0
    total = approvals + submissions
    try:
        server.start()
        threads = [threading.Thread(target=approver, args=(server.port, claims[i::3], tally)) for i in range(3)]
        threads.append(threading.Thread(target=submitter, args=(server.port, 100_000, submissions, tally)))
        for thread in threads:
            thread.start()
        # Kill at evenly spread points of the stream, each a moment after a request went out (mid-request).
        for k in range(1, kills + 1):
            while tally.done < total * k // (kills + 1) and any(t.is_alive() for t in threads):
                time.sleep(0.005)
            if not any(t.is_alive() for t in threads):
                break
            time.sleep(0.003 * (k % 4))
            server.kill()
            made += 1
            time.sleep(0.2)
            server.start()
        for thread in threads:
            thread.join(600)
    finally:
        server.stop()
    broken = violations(url, tally)
    sessions = db.session_factory(db.make_engine(url))
    with sessions() as s:
        approved = s.scalar(select(func.count()).select_from(LedgerEntry))
        users = s.scalar(select(func.count()).select_from(User))
    sessions.kw["bind"].dispose()
    report = {"database": url.split(":", 1)[0], "kills": made, "approvals": approved,
              "acknowledged": len(tally.acknowledged_approvals) + len(tally.acknowledged_submissions),
              "acknowledged_approvals": len(tally.acknowledged_approvals),
              "acknowledged_submissions": len(tally.acknowledged_submissions),
              "answered_already_approved": len(tally.already), "interrupted_requests": tally.interrupted,
              "violations": len(broken), "users": users}
    print("crash test:", json.dumps(report, ensure_ascii=False))
    assert broken == [], broken[:20]
    return report


# Bounded for the normal suite; CRASH_APPROVALS=2000 CRASH_SUBMISSIONS=300 CRASH_KILLS=20 for the long run.
APPROVALS = int(os.environ.get("CRASH_APPROVALS", 150))
SUBMISSIONS = int(os.environ.get("CRASH_SUBMISSIONS", 40))
KILLS = int(os.environ.get("CRASH_KILLS", 5))


def test_killing_the_server_during_approvals_loses_nothing(database_url, engine, tmp_path):
    report = crash_run(database_url, engine, tmp_path, APPROVALS, SUBMISSIONS, KILLS)
    assert report["kills"] == KILLS and report["approvals"] == APPROVALS
    assert report["acknowledged_approvals"] + report["answered_already_approved"] == APPROVALS
