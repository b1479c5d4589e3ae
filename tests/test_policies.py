"""The policies on the web: the catalogue, each text clause by clause beside its rules, the copies of the texts."""
import re
import shutil
from datetime import datetime, timezone
from html import unescape
from pathlib import Path

import pytest

from eligibility import clock
from eligibility.engine import RULES_DIR
from eligibility.policy_text import anchor, excluded
from eligibility.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
POLICIES = ROOT / "policies"
SHARED = ROOT.parent / "shared" / "policies"
DOCUMENTS = ["baotou-2017-52", "ningbo-2017", "tianshui-2017-18", "xinxiang-2023", "xuchang-2017-29"]


@pytest.fixture
def on(monkeypatch):
    """Stand the bureau's clock at a given day (noon, Beijing time)."""
    def stand(day: str):
        moment = datetime.fromisoformat(day + "T04:00:00").replace(tzinfo=timezone.utc)
        monkeypatch.setattr(clock, "_source", lambda: moment)
    return stand


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


# --- the copies of the published texts ---------------------------------------------------------------------------

def test_rule_documents_cite_texts_kept_in_the_repository():
    for document in load_rulebook(RULES_DIR).documents.values():
        source = (RULES_DIR / document.source).resolve()
        assert source.parent == POLICIES.resolve(), document.source
        assert source.is_file(), document.source
    assert (POLICIES / "excluded.yaml").is_file()


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared policy folder beside the repository")
def test_copies_are_byte_identical_to_the_shared_originals():
    names = [f"{d}.txt" for d in DOCUMENTS] + ["excluded.yaml"]
    for name in names:
        assert (POLICIES / name).read_bytes() == (SHARED / name).read_bytes(), f"policies/{name} differs: copy it again"


def test_pages_need_nothing_outside_the_repository(tmp_path, make_app):
    """A deployed server has no ../shared: the app serves the texts from a copy of rules/, policies/, features/."""
    for folder in ("rules", "policies", "features"):
        shutil.copytree(ROOT / folder, tmp_path / "site" / folder)
    app = make_app(WTF_CSRF_ENABLED=False, RULES_DIR=str(tmp_path / "site" / "rules"))
    html = app.test_client().get("/policies/xuchang-2017-29").get_data(as_text=True)
    assert "启动制造业创新中心培育工作" in html and "国家级制造业创新中心一次性奖励" in html
    assert "制造业创新中心按级别一次性奖励" in html  # a BDD scenario title, from the copied features/


# --- /policies -------------------------------------------------------------------------------------------------

def test_catalogue_lists_the_five_documents_with_dates_and_standing_today(client, on):
    on("2019-06-30")
    html = client.get("/policies").get_data(as_text=True)
    text = text_of(html)
    for doc_id in DOCUMENTS:
        assert f'href="/policies/{doc_id}"' in html
    assert "许政[2017]29号" in text and "2017-06-16 至 2020-12-31" in text
    xuchang = text.split("许昌市制造业转型发展实施方案")[1]
    assert "施行中" in xuchang.split("收录措施")[0]
    xinxiang = text.split("新乡市建设制造强市三年行动计划")[1]
    assert "尚未施行" in xinxiang.split("收录措施")[0] and "自2023年10月24日起施行" in xinxiang


def test_catalogue_says_which_documents_have_ended(client, on):
    on("2026-11-22")
    text = text_of(client.get("/policies").get_data(as_text=True))
    assert text.count("已到期") >= 5 and "已于2020年12月31日到期" in text and "已于2025年12月31日到期" in text


# --- /policies/<id> ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_document_page_shows_each_clause_beside_the_rules_that_encode_it(client, engine, doc_id):
    html = client.get(f"/policies/{doc_id}").get_data(as_text=True)
    rules = [r for r in engine.rules if r.document.id == doc_id]
    for compiled in rules:
        rule = compiled.rule
        clause_id = anchor(rule.clause.path)
        assert f'id="{clause_id}"' in html, rule.clause.path
        section = html.split(f'id="{clause_id}"')[1].split('<section class="clause')[0]
        note = section.split(f'id="rule-{rule.id}"')
        assert len(note) == 2, f"{rule.id} not beside {rule.clause.path}"
        card = unescape(note[1].split("</article>")[0])
        assert rule.title in card
        for node in compiled.conditions:  # the compiled conditions in words
            assert unescape(node.label if not hasattr(node, "children") else "以下任一项成立") in card
        for n in rule.notes:
            assert n.decision in card
    marked = re.findall(r'<mark class="q-encoded">([^<]*)</mark>', html)
    assert marked, "quoted sentences are marked in the text"


def test_document_page_shows_award_notes_scenarios_and_left_out_passages(client):
    html = unescape(client.get("/policies/xuchang-2017-29").get_data(as_text=True))
    card = html.split('id="rule-xuchang.sei_sales_milestone.rev_1bn"')[1].split("</article>")[0]
    assert "一次性10万元资金奖励" in card
    assert "年销售收入首次突破10亿元的年度在2017年至2020年之间" in card  # compiled leaf label
    assert "“突破”指严格大于" in card  # 口径
    assert "战略性新兴产业企业年销售收入首次突破10亿、20亿、50亿元" in card  # a BDD scenario's title
    ratio = html.split('id="rule-xuchang.industrial_foundation.national_matching"')[1].split("</article>")[0]
    assert "一次性按项目国家资助金额的50%给予配套资金" in ratio
    match = html.split('id="rule-xuchang.green_retrofit.municipal_matching"')[1].split("</article>")[0]
    assert "按项目省级补助金额等额给予配套资金补助" in match
    # A passage of excluded.yaml, verbatim, with its reason in Chinese, beside its clause.
    text = text_of(html)
    assert "县级层面每年推进本地不少于30%的规模以上工业企业实施技术改造。" in text
    assert "是对县级政府的工作要求" in text
    assert "obligation on county governments" not in html


def test_document_page_lists_what_the_rule_file_header_leaves_out(client):
    text = text_of(client.get("/policies/tianshui-2017-18").get_data(as_text=True))
    assert "未纳入测算:科研人员持股、入股" in text and "受益对象是个人,不是企业" in text
    assert "未纳入测算:支持各县区培育产业集群" in text


def test_every_excluded_passage_is_shown_with_its_reason(client):
    for doc_id in DOCUMENTS:
        html = unescape(client.get(f"/policies/{doc_id}").get_data(as_text=True))
        for passage in excluded(POLICIES / "excluded.yaml", doc_id.split("-")[0]):
            assert passage.text in html, passage


def test_selective_and_tax_measures_say_so(client):
    html = unescape(client.get("/policies/baotou-2017-52").get_data(as_text=True))
    tax = html.split('id="rule-baotou.tax.rd_deduction"')[1].split("</article>")[0]
    assert "向主管税务机关申报享受" in tax and "不定额:税收优惠(研发费用税前扣除)" in tax


def test_unknown_document_is_a_page_not_found(client):
    response = client.get("/policies/nowhere-2099")
    assert response.status_code == 404 and "未找到该政策文件" in response.get_data(as_text=True)
