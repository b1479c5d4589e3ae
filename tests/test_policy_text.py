"""Policy texts split clause by clause, quoted passages marked, left-out passages and BDD scenario titles read."""
from pathlib import Path

import pytest
import yaml

from eligibility.engine import RULES_DIR
from eligibility.policy_text import (
    LeftOut,
    anchor,
    annotate,
    excluded,
    left_out_in_header,
    paragraphs,
    reason_in_chinese,
    rules_named,
    scenarios,
    segments,
    split_clauses,
)
from eligibility.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"

SAMPLE = """某市人民政府文件
各县(市、区)人民政府:
一、总体要求
(一)指导思想
坚持创新驱动。
二、重点任务
(一)推进高端化发展
1.强化创新引领。对认定为国家级制造业创新中心的单位,给予一次性100万元奖励。
继续推进有关工作。
2.培育新兴产业。对年销售收入首次突破10亿元的企业,给予一次性10万元奖励。
牵头单位:市工信委、市科技局
(二)培育重点产业
信息技术:重点发展集成电路、电子元器件,支持新型片式元器件、显示器件、光电子器件的研制与生产,加快建设集成电路封装基地。
生物医药:依托重点企业,按照产业高端、特色突出的要求,支持中药现代化和生物制药,培育形成一批知名品牌产品。
三、保障措施
(一)加强组织领导。各部门要按照职责分工抓好落实。
2017年6月16日
(此件公开发布)
"""


def test_paragraphs_are_lines_or_space_separated_when_the_line_breaks_were_lost():
    assert paragraphs("甲\n\n  乙  \n丙\n") == ["甲", "乙", "丙"]
    assert paragraphs("一、总体要求 (一)指导思想 坚持创新。") == ["一、总体要求", "(一)指导思想", "坚持创新。"]


def test_clauses_take_the_paths_rules_cite():
    text = split_clauses(SAMPLE)
    assert text.front == ["某市人民政府文件", "各县(市、区)人民政府:"]
    assert [c.path for c in text.clauses] == [
        "一", "一(一)", "二", "二(一)", "二(一)1", "二(一)2", "二(二)", "二(二)(信息技术)", "二(二)(生物医药)",
        "三", "三(一)"]
    item = text.clause("二(一)1")
    assert item.kind == "item" and item.parent == "二(一)" and item.depth == 3
    assert item.paragraphs[1] == "继续推进有关工作。"  # an item's further paragraphs stay with it
    assert text.clause("二(一)2").paragraphs[-1] == "牵头单位:市工信委、市科技局"  # responsible, not a clause
    assert text.back == ["2017年6月16日", "(此件公开发布)"]  # after the last clause: date and publication note


def test_locate_finds_a_quote_within_the_cited_clause_first():
    text = split_clauses(SAMPLE)
    quote = "对年销售收入首次突破10亿元的企业,给予一次性10万元奖励。"
    assert text.locate(quote, "二(一)2").path == "二(一)2"
    assert text.locate(quote, "二").path == "二(一)2"  # inside the cited section
    assert text.locate(quote).path == "二(一)2"
    assert text.locate("没有这一句话的原文内容") is None
    assert [c.path for c in text.subtree("二(一)")] == ["二(一)", "二(一)1", "二(一)2"]


@pytest.mark.parametrize("source", sorted(POLICIES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_rule_quote_lies_in_the_clause_its_path_names(source):
    """The real texts: each rule's clause path exists and holds its verbatim quote (checks both citations)."""
    book = load_rulebook(RULES_DIR)
    text = split_clauses(source.read_text(encoding="utf-8"))
    rules = [r for r in book.rules if (RULES_DIR / book.document_of[r.id].source).resolve() == source.resolve()]
    assert rules, f"no rule cites {source.name}"
    for rule in rules:
        assert text.clause(rule.clause.path) is not None, f"{rule.id}: no clause {rule.clause.path}"
        found = text.locate(rule.clause.text, rule.clause.path)
        assert found in text.subtree(rule.clause.path), f"{rule.id}: quote not in {rule.clause.path}"


@pytest.mark.parametrize("source", sorted(POLICIES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_left_out_passage_lies_in_its_clause(source):
    text = split_clauses(source.read_text(encoding="utf-8"))
    city = source.stem.split("-")[0]
    listed = excluded(POLICIES / "excluded.yaml", city)
    assert listed
    for passage in listed:
        found = text.locate(passage.text, passage.clause_path)
        assert found in text.subtree(passage.clause_path), f"{passage.clause_path}: {passage.text}"
    rule_file = next(RULES_DIR.glob(f"{city}-*.yaml"))
    for passage in left_out_in_header(rule_file.read_text(encoding="utf-8")):
        assert text.clause(passage.clause_path) is not None, passage


def test_left_out_comment_is_read_item_by_item_with_shared_reasons():
    header = """# 天水市 — every measure.
# Left out (see the issue-3 report): 四(六) 优秀企业家推荐人选优先 and 四(五) 人才工程 (a person who qualifies by
# own merit), 三(一)2 and 三(六)1 科研人员持股、入股 (persons), 三(三)3 支持各县区培育产业集群 (county governments),
# 三(七)1 支持其他县(市), 四(二) 考评表彰 (county governments and assessed units).

document:
  id: x
"""
    assert left_out_in_header(header) == [
        LeftOut("四(六)", "优秀企业家推荐人选优先", "a person who qualifies by own merit", False),
        LeftOut("四(五)", "人才工程", "a person who qualifies by own merit", False),
        LeftOut("三(一)2", "科研人员持股、入股", "persons", False),
        LeftOut("三(六)1", "科研人员持股、入股", "persons", False),
        LeftOut("三(三)3", "支持各县区培育产业集群", "county governments", False),
        LeftOut("三(七)1", "支持其他县(市)", "county governments and assessed units", False),
        LeftOut("四(二)", "考评表彰", "county governments and assessed units", False),
    ]
    assert left_out_in_header("# no such line\n\ndocument: {}\n") == []


def test_every_reason_for_leaving_a_passage_out_is_said_in_chinese():
    reasons = {e["reason"] for e in yaml.safe_load((POLICIES / "excluded.yaml").read_text(encoding="utf-8"))}
    for rule_file in RULES_DIR.glob("*.yaml"):
        reasons |= {p.reason for p in left_out_in_header(rule_file.read_text(encoding="utf-8"))}
    missing = sorted(r for r in reasons if not reason_in_chinese(r))
    assert not missing, "add these to eligibility/data/left_out_reasons.yaml:\n" + "\n".join(missing)
    assert rules_named("… is catalogued as baotou.tech.innovation_platforms") == ["baotou.tech.innovation_platforms"]


def test_segments_mark_overlapping_quotes_and_where_each_ends():
    pieces = segments("甲乙丙丁戊己乙丙", {"a": "乙丙", "b": "丙丁", "c": "己"})
    assert [(p.text, p.keys, p.ends) for p in pieces] == [
        ("甲", (), ()), ("乙", ("a",), ()), ("丙", ("a", "b"), ("a",)), ("丁", ("b",), ("b",)), ("戊", (), ()),
        ("己", ("c",), ("c",)), ("乙丙", ("a",), ("a",))]  # every occurrence is marked
    assert "".join(p.text for p in pieces) == "甲乙丙丁戊己乙丙"
    assert segments("甲乙", {}) == [segments("甲乙", {})[0]] and segments("甲乙", {})[0].text == "甲乙"


def test_annotate_places_rules_and_left_out_passages_beside_their_clauses():
    text = split_clauses(SAMPLE)
    rules = [("r.center", "二(一)1", "对认定为国家级制造业创新中心的单位,给予一次性100万元奖励。"),
             ("r.sales", "二(一)", "对年销售收入首次突破10亿元的企业,给予一次性10万元奖励。"),
             ("r.lost", "九", "不在原文中的一句话而且找不到")]
    left = [LeftOut("三(一)", "各部门要按照职责分工抓好落实。", "obligation", True),
            LeftOut("二(二)", "人才奖励", "persons", False)]
    clauses, unplaced = annotate(text, rules, left)
    by_path = {entry.clause.path: entry for entry in clauses}
    assert by_path["二(一)1"].rule_ids == ["r.center"]
    assert by_path["二(一)2"].rule_ids == ["r.sales"]  # found inside the cited subsection
    assert unplaced == ["r.lost"]
    assert [p.text for _, p in by_path["三(一)"].left_out] == ["各部门要按照职责分工抓好落实。"]
    assert "left-out-1" in by_path["三(一)"].quotes
    assert [p.text for _, p in by_path["二(二)"].left_out] == ["人才奖励"]  # described, not quoted: not marked
    assert "left-out-2" not in by_path["二(二)"].quotes


def test_scenarios_name_their_rules():
    found = scenarios(ROOT / "features")
    titled = [s for s in found if "xuchang.mfg_innovation_center.national" in s.rule_ids]
    assert titled and all("(" not in s.title or "xuchang" not in s.title for s in titled)
    assert any(s.title.startswith("国家级制造业创新中心奖励100万元") for s in titled)


def test_anchor_of_a_clause():
    assert anchor("二(一)1") == "clause-二(一)1"
    assert anchor("") == "clause-front"
