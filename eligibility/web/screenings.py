"""免申即享 on the desk: upload a registry, follow the screening (a background job), see what it found per rule and
per county, and file 免申 applications (主动发现) for the enterprises due money; each confirms through its link."""
import csv
import io
import os
import secrets
import threading
from pathlib import Path
from urllib.parse import quote

import click
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, StringField
from wtforms.validators import InputRequired, Length

from .. import clock
from ..casework import db, screenings
from ..casework.errors import CaseworkError
from ..casework.export import neutralise
from ..casework.models import Screening
from ..casework.wording import ORIGINS, SCREENING_STATUSES
from ..vocabulary import division_name
from . import desk, engine
from .database import session, session_factory

bp = Blueprint("screenings", __name__, url_prefix="/desk/screenings")
bp.context_processor(desk.labels)
ID = desk.ID


class RegistryForm(FlaskForm):
    """A registry file, or (when the bureau has a screening database) a schema of it holding the four tables."""

    registry = FileField("企业名录文件(.jsonl 或 .xlsx)")
    schema = StringField("或:筛查数据库中的名录(schema 名)",
                         validators=[Length(max=63, message="schema 名最多63个字符")])
    as_of = DateField("测算日期", validators=[InputRequired(message="请填写测算日期(YYYY-MM-DD)")],
                      format="%Y-%m-%d")


def _folder() -> Path:
    return screenings.folder_of(current_app.instance_path)


@bp.context_processor
def _words() -> dict:
    return {"screening_statuses": SCREENING_STATUSES, "origins": ORIGINS, "division_name": division_name}


def _render_list(form: RegistryForm, status: int = 200):
    found = screenings.listed(session(), current_user.user)
    return render_template("desk/screenings.html", form=form, screenings=found, database=_has_database()), status


@bp.get("/")
@login_required
def index():
    """The screenings so far, and the form that starts one."""
    return _render_list(RegistryForm(formdata=None, as_of=clock.today()))


@bp.post("/")
@login_required
def create():
    """Keep the uploaded registry and queue its screening; the page of the screening follows its progress."""
    form = RegistryForm()
    if not form.validate():
        return _render_list(form, 400)
    schema = (form.schema.data or "").strip() if _has_database() else ""
    upload = form.registry.data
    if not upload and not schema:
        form.registry.errors = ["请选择名录文件" + ("或填写数据库中的 schema 名" if _has_database() else "")]
        return _render_list(form, 400)
    if upload and schema:
        form.schema.errors = ["上传文件和数据库 schema 只能选一个"]
        return _render_list(form, 400)
    if schema:
        return _queue(form, schema, None, None)
    name = Path(upload.filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in screenings.SUFFIXES:
        form.registry.errors = ["名录应为 .jsonl(每行一家企业,与接口的测算内容相同)或 .xlsx(按模板的工作簿)"]
        return _render_list(form, 400)
    stored = f"{secrets.token_hex(16)}{suffix}"
    target = _folder() / stored
    upload.save(target)
    return _queue(form, name, stored, target)


def _has_database() -> bool:
    return bool(current_app.config["SCREENING_DATABASE_URL"])


def _queue(form: RegistryForm, name: str, stored: str | None, target: Path | None):
    """The screening queued (the upload kept), or the form again with the reason beside its field."""
    try:
        with db.transaction(session()):
            screening = screenings.create(session(), current_user.user, form.as_of.data, name, stored)
    except CaseworkError as exc:
        if target is not None:
            target.unlink(missing_ok=True)
        getattr(form, exc.field or "registry").errors = [str(exc)]
        return _render_list(form, 400)
    except BaseException:
        if target is not None:
            target.unlink(missing_ok=True)
        raise
    flash(f"已提交第{screening.id}次筛查,正在排队;本页会自动刷新进度,也可以离开后再回来看", "notice")
    return redirect(url_for("screenings.show", screening_id=screening.id), 303)


def _visible(screening_id: int) -> Screening:
    try:
        return screenings.visible(session(), current_user.user, screening_id)
    except CaseworkError:
        abort(404)


def _page_arg() -> int:
    text = request.args.get("page", "1")
    return int(text) if text.isdigit() and len(text) <= desk.MAX_PAGE_DIGITS else 1


@bp.get(f"/<{ID}:screening_id>")
@login_required
def show(screening_id: int):
    """A screening: its progress while it runs; then per rule and per county, and the enterprises due money."""
    screening = _visible(screening_id)
    county = request.args.get("county") or None
    page = screenings.hits_page(session(), screening, _page_arg(), county=county) \
        if screening.status == "done" else None
    counties = (screening.summary or {}).get("counties", [])
    top = max((c["amount_yuan"] for c in counties), default=0) or 1
    return render_template("desk/screening.html", screening=screening, page=page, county=county,
                           counties=counties, top=top, form=desk.PlainForm(),
                           refresh=screening.status in ("queued", "running"))


@bp.post(f"/<{ID}:screening_id>/applications")
@login_required
def file_applications(screening_id: int):
    """File 免申 applications for the ticked enterprises, each in a transaction of its own."""
    screening = _visible(screening_id)
    if not desk.PlainForm().validate():
        abort(400)
    ids = [int(v) for v in request.form.getlist("hit") if v.isdigit() and len(v) <= 18]
    if not ids:
        flash("请先勾选要代为申请的企业", "error")
    if len(ids) > screenings.MAX_FILED_AT_ONCE:
        flash(f"一次最多为{screenings.MAX_FILED_AT_ONCE}家企业建立免申申请,请分批", "error")
        ids = []
    filed: list[str] = []
    refused: list[str] = []
    for hit_id in ids:
        try:
            with db.transaction(session()):
                application, left_out = screenings.file_from_hit(session(), engine(), current_user.user, hit_id)
            filed.append(application.reference)
            refused.extend(f"{application.enterprise.name}:{text}" for text in left_out)
        except CaseworkError as exc:
            refused.append(str(exc))
    if filed:
        flash(f"已建立免申申请 {len(filed)} 件(待企业确认):{'、'.join(filed[:20])}"
              f"{'等' if len(filed) > 20 else ''}。请把各企业的确认链接通过正式渠道送达企业", "notice")
    for text in refused[:20]:
        flash(text, "error")
    return redirect(url_for("screenings.show", screening_id=screening.id, page=request.args.get("page") or None,
                            county=request.args.get("county") or None, _anchor="found"), 303)


@bp.get(f"/<{ID}:screening_id>/links.csv")
@login_required
def links(screening_id: int):
    """The 免申 applications filed from this screening with each enterprise's private confirmation link."""
    screening = _visible(screening_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["申请编号", "单位名称", "统一社会信用代码", "状态", "确认链接"])
    for hit in screening.hits:
        application = hit.application
        if application is not None:
            link = url_for("apply.confirm", token=application.access_token, _external=True)
            writer.writerow([neutralise(application.reference), neutralise(hit.name), neutralise(hit.credit_code),
                             desk.APPLICATION_STATUSES.get(application.status, application.status), link])
    name = f"免申确认链接-第{screening.id}次筛查.csv"
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
                             "Cache-Control": "no-store"})


@bp.get(f"/<{ID}:screening_id>/files/<name>")
@login_required
def download(screening_id: int, name: str):
    """A result file of the screening (the outcomes workbook, the rejected rows)."""
    screening = _visible(screening_id)
    if name not in (screening.summary or {}).get("files", []):
        abort(404)
    path = _folder() / name
    if not path.is_file():
        abort(404)
    label = f"筛查结果-第{screening.id}次{''.join(Path(name).suffixes)}"
    answer = send_file(path, mimetype="application/octet-stream", as_attachment=True, download_name=label)
    answer.headers["Cache-Control"] = "no-store"
    return answer


# --- the worker in the app's process ---------------------------------------------------------------------------------

def start_worker(app: Flask) -> None:
    """Run screenings in a thread of this process (SCREENING_WORKER=thread), once per process (after a fork too)."""
    started = app.extensions.setdefault("screening_worker", {})
    if started.get("pid") == os.getpid():
        return
    stop = threading.Event()
    folder = screenings.folder_of(app.instance_path)
    thread = threading.Thread(target=screenings.work_forever, name="screening-worker", daemon=True,
                              args=(app.extensions["db_sessions"], app.extensions["eligibility_engine"], folder,
                                    stop, float(app.config["SCREENING_POLL_SECONDS"]),
                                    app.config["SCREENING_DATABASE_URL"]))
    started.update(pid=os.getpid(), stop=stop, thread=thread)
    thread.start()


def init_app(app: Flask) -> None:
    """The blueprint, the upload limit, the `flask screen-worker` command and, if configured, the worker thread."""
    app.register_blueprint(bp)
    if app.config["SCREENING_WORKER"] == "thread":
        # Started by the first request, not here: gunicorn workers and `flask` commands build apps that must not
        # all start threads (a worker process forks after building nothing; a command serves no request).
        app.before_request(lambda: start_worker(app))

    @app.cli.command("screenings-sweep")
    @click.option("--keep-days", type=click.IntRange(min=1), default=180, show_default=True,
                  help="筛查完成后保留上传名录和结果文件的天数")
    def sweep_command(keep_days: int):
        """Remove uploaded registries and result files of old screenings, and files left by crashes (cron, daily)."""
        with current_app.extensions["db_sessions"]() as s:
            removed = screenings.sweep(s, _folder(), keep_days)
        click.echo(f"已删除 {len(removed)} 个文件(筛查摘要和应享企业名单仍保留)")

    @app.cli.command("screen-worker")
    def worker_command():
        """Run queued screenings (免申即享) until stopped: the worker as a service of its own."""
        click.echo("筛查任务处理中(Ctrl+C 停止)")
        stop = threading.Event()
        try:
            screenings.work_forever(session_factory(), engine(), _folder(), stop,
                                    float(current_app.config["SCREENING_POLL_SECONDS"]),
                                    current_app.config["SCREENING_DATABASE_URL"])
        except KeyboardInterrupt:
            stop.set()

