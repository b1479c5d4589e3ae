"""Rule files: the real ones load and cite verbatim text; a broken one stops loading naming file, rule and field."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from eligibility.compiler import compile_rulebook
from eligibility.engine import RULES_DIR, Engine
from eligibility.rulebook import RuleFileError, load_rulebook

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT.parent / "shared" / "tools" / "check_citations.py"


def test_real_rules_load_and_compile():
    book = load_rulebook(RULES_DIR)
    assert len(compile_rulebook(book)) == len(book.rules) >= 23
    assert len(book.version) == 12


def test_every_quoted_clause_is_verbatim_policy_text():
    if not CHECKER.exists():
        pytest.fail(f"citation checker missing at {CHECKER}")
    done = subprocess.run([sys.executable, str(CHECKER), "rules"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 not verbatim" in done.stdout


def test_every_cash_rule_has_evidence_and_notes():
    for rule in load_rulebook(RULES_DIR).rules:
        assert rule.evidence, rule.id
        if rule.award.kind != "non_quantified":
            assert rule.notes or load_rulebook(RULES_DIR).document_of[rule.id].notes, rule.id


def _broken(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load((RULES_DIR / "xuchang-2017-29.yaml").read_text(encoding="utf-8"))
    mutate(data)
    (tmp_path / "xuchang.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("mutate, rule, field", [
    (lambda d: d["rules"][2]["award"].pop("amount_yuan"), "xuchang.sei_sales_milestone.rev_1bn", "rules.2.award"),
    (lambda d: d["rules"][0].pop("clause"), "xuchang.mfg_innovation_center.national", "rules.0.clause"),
    (lambda d: d["rules"][1].update(id="Bad Id"), "Bad Id", "rules.1.id"),
    (lambda d: d["document"].pop("issued_on"), None, "document.issued_on"),
    (lambda d: d["rules"][0]["conditions"][0].update(fact="recognition.nope.national"),
     "xuchang.mfg_innovation_center.national", "conditions[0].fact"),
    (lambda d: d["rules"][2]["conditions"][1].pop("threshold_yuan"),
     "xuchang.sei_sales_milestone.rev_1bn", "conditions[1].threshold_yuan"),
    (lambda d: d["rules"][0]["conditions"][0].update(gt=5), "xuchang.mfg_innovation_center.national",
     "rules.0.conditions.0"),
    (lambda d: d["rules"].append(d["rules"][0]), "xuchang.mfg_innovation_center.national", "id"),
])
def test_broken_rule_file_names_file_rule_and_field(tmp_path, mutate, rule, field):
    folder = _broken(tmp_path, mutate)
    with pytest.raises(RuleFileError) as caught:
        Engine.from_folder(folder, backend="reference")
    message = str(caught.value)
    assert "xuchang.yaml" in message and field in message
    if rule:
        assert f"rule {rule}" in message


def test_invalid_yaml_and_empty_folder(tmp_path):
    with pytest.raises(RuleFileError, match="no rule files"):
        load_rulebook(tmp_path)
    (tmp_path / "bad.yaml").write_text("document: [unclosed", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"bad\.yaml: not valid YAML"):
        load_rulebook(tmp_path)


def test_version_changes_with_content(tmp_path):
    folder = _broken(tmp_path, lambda d: None)
    before = load_rulebook(folder).version
    _broken(tmp_path, lambda d: d["rules"][0].update(title="改"))
    assert load_rulebook(folder).version != before


def test_a_key_repeated_in_a_rule_is_refused_not_silently_overwritten(tmp_path):
    text = (RULES_DIR / "xuchang-2017-29.yaml").read_text(encoding="utf-8")
    text = text.replace("    title: 国家级制造业创新中心一次性奖励\n",
                        "    title: 国家级制造业创新中心一次性奖励\n    title: 另一个标题\n", 1)
    (tmp_path / "xuchang.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"xuchang.yaml.*duplicate key 'title'.*line \d+"):
        load_rulebook(tmp_path)
