"""The command line: `python -m eligibility evaluate` and `flask --app app evaluate` print the same JSON."""
import json
import subprocess
import sys
from pathlib import Path

from eligibility.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROFILE = {"profile": {"name": "许昌某公司", "credit_code": "91350100M000100Y43", "division_code": "411002",
                       "recognitions": [{"kind": "mfg_innovation_center", "level": "national",
                                         "obtained_on": "2018-01-02"}]}, "as_of": "2020-12-31"}


def test_module_cli_prints_result_json(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    assert main(["evaluate", str(path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total_yuan"] == 1000000 and result["as_of"] == "2020-12-31"


def test_invalid_profile_exits_2_with_message(tmp_path, capsys):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"name": "x", "credit_code": "123", "division_code": "411002"}), encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2
    assert "credit_code: 统一社会信用代码应为18位" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path / "absent.json")]) == 2
    path.write_text("{not json", encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2


def test_flask_command_prints_the_same_json(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    flask = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "evaluate", str(path)],
                           cwd=ROOT, capture_output=True, text=True)
    module = subprocess.run([sys.executable, "-m", "eligibility", "evaluate", str(path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert flask.returncode == module.returncode == 0, flask.stderr
    assert json.loads(flask.stdout) == json.loads(module.stdout)
