"""Logs: one JSON line per request (request id, route, status, duration, rule-set version), tracebacks only in the
log and cut to a bounded length, private links masked, the rule-set version as an API response header."""
import json

import pytest

PROFILE = {"name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003"}


@pytest.fixture(scope="module")
def app(make_app):
    """One application for this module's tests that only read (each building one costs a second)."""
    return make_app(WTF_CSRF_ENABLED=False)


def log_lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]


def requests(lines) -> list[dict]:
    return [line for line in lines if line["logger"] == "eligibility.request"]


@pytest.fixture
def failing_app(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)  # as in production: a crash is answered, not raised

    @app.get("/boom")
    def boom():
        raise RuntimeError("durable-rules state: " + "x" * 10_000_000)

    return app


def test_each_request_is_one_json_line(client, engine, capsys):
    client.post("/api/v1/evaluate", json={"profile": PROFILE})
    (line,) = requests(log_lines(capsys))
    assert line["method"] == "POST" and line["route"] == "/api/v1/evaluate" and line["status"] == 200
    assert line["duration_ms"] > 0 and line["ruleset_version"] == engine.rulebook.version
    assert len(line["request_id"]) == 32 and line["level"] == "INFO"


def test_request_ids_are_taken_from_the_proxy_or_made(client, capsys):
    response = client.get("/", headers={"X-Request-ID": "nginx-7f3a.42"})
    assert response.headers["X-Request-ID"] == "nginx-7f3a.42"
    made = [client.get("/", headers={"X-Request-ID": given}).headers["X-Request-ID"]
            for given in ("bad id; injected=yes", "x" * 200, "")]
    assert all(len(m) == 32 and m.isalnum() for m in made) and len(set(made)) == 3
    assert [line["request_id"] for line in requests(log_lines(capsys))] == ["nginx-7f3a.42", *made]


def test_private_links_never_reach_the_log(client, capsys):
    client.get("/applications/secret-token-abc123")
    text = capsys.readouterr().err
    assert "secret-token-abc123" not in text and '"route": "/applications/<token>"' in text


def test_a_crash_shows_a_short_page_and_logs_a_cut_traceback(failing_app, capsys):
    response = failing_app.test_client().get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "服务器内部错误" in body and "Traceback" not in body and "xxxx" not in body
    err = capsys.readouterr().err
    assert len(err) < 30_000  # the 10 MB message is not written whole
    error = next(json.loads(line) for line in err.splitlines() if '"level": "ERROR"' in line)
    assert "Traceback (most recent call last)" in error["exception"] and "RuntimeError: durable-rules state" in \
        error["exception"] and "characters cut" in error["exception"]


def test_api_answers_carry_the_ruleset_version(client, engine):
    version = engine.rulebook.version
    assert client.post("/api/v1/evaluate", json={"profile": PROFILE}).headers["X-Ruleset-Version"] == version
    assert client.post("/api/v1/evaluate", json={"profile": {}}).headers["X-Ruleset-Version"] == version
    assert client.get("/api/v1/nothing").headers["X-Ruleset-Version"] == version
    assert "X-Ruleset-Version" not in client.get("/").headers


def test_plain_text_logs_for_a_terminal(make_app, capsys):
    from eligibility.web import logs
    try:
        make_app(LOG_JSON=False).test_client().get("/")
        line = capsys.readouterr().err.strip().splitlines()[-1]
        assert "eligibility.request: request" in line and "route=/" in line and not line.startswith("{")
    finally:
        logs.configure(json_lines=True)


def test_long_messages_are_cut_in_the_middle():
    from eligibility.web.logs import truncate
    text = "a" * 5000 + "b" * 5000
    cut = truncate(text, 2000)
    assert len(cut) < 2100 and cut.startswith("a" * 1000) and cut.endswith("b" * 1000) and "8000 characters" in cut
