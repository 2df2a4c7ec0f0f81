"""Sensitive words, wrong expressions and stale facts."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.checker import check_text, load_ruleset
from gongkai.checker.rules import DATA_DIR


def wrong(text: str, **kwargs) -> list[tuple[str, str]]:
    return [
        (f.excerpt, f.suggestion)
        for f in check_text(text, **kwargs)
        if f.kind == "wrong_expression"
    ]


def test_wrong_expression_list_has_at_least_300_real_pairs():
    pairs = [
        line.split("\t")
        for line in (DATA_DIR / "wrong_expressions.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(pairs) >= 300
    assert all(len(p) == 2 and p[0] != p[1] for p in pairs)
    assert len({p[0] for p in pairs}) == len(pairs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截止目前，共受理申请12件。", ("截止目前", "截至目前")),
        ("做为牵头单位", ("做为", "作为")),
        ("我们要再接再励", ("再接再励", "再接再厉")),
        ("一如继往地支持", ("一如继往", "一如既往")),
        ("按步就班推进", ("按步就班", "按部就班")),
        ("市人民攻府", ("攻府", "政府")),
        ("中华人民共合国政府信息公开条例", ("中华人民共合国", "中华人民共和国")),
        ("成立工作领导小姐", ("领导小姐", "领导小组")),
    ],
)
def test_wrong_expressions_with_correction(text, expected):
    assert expected in wrong(text)


def test_correct_text_and_straddling_words_are_not_flagged():
    assert wrong("截至目前，申请截止日期为6月30日。这就叫做为人民服务。作为牵头单位。") == []


def test_sensitive_words_whole_word_only():
    found = [f for f in check_text("页面出现六合彩广告") if f.kind == "sensitive_word"]
    assert [(f.excerpt, f.severity) for f in found] == [("六合彩", "warn")]
    ruleset = load_ruleset(sensitive_words=["公开"])
    assert [f for f in check_text("公开是原则", ruleset=ruleset) if f.kind == "sensitive_word"]
    # 公开 inside 公开化? no — inside the word 公开课 the segmentation keeps one word
    assert not [f for f in check_text("参加公开课", ruleset=ruleset) if f.kind == "sensitive_word"]


def test_unit_terms_and_rules_file(tmp_path):
    rules = tmp_path / "unit.txt"
    rules.write_text(
        "[sensitive_words]\n某某工程\tblock\n[wrong_expressions]\n南昌县政付\t南昌县政府\n",
        encoding="utf-8",
    )
    ruleset = load_ruleset([rules], wrong_expressions=[("红谷摊", "红谷滩")])
    findings = check_text("某某工程在红谷摊，南昌县政付", ruleset=ruleset)
    assert {(f.kind, f.severity, f.excerpt) for f in findings} >= {
        ("sensitive_word", "block", "某某工程"),
        ("wrong_expression", "warn", "红谷摊"),
        ("wrong_expression", "warn", "南昌县政付"),
    }


def test_leader_title_outside_period_in_office():
    day = dt.date(2024, 6, 3)
    assert wrong("王建国市长出席会议", written_on=day) == [
        ("王建国市长", "王建国当时的职务为“市委书记”")
    ]
    assert wrong("王建国市长出席会议", written_on=dt.date(2019, 1, 1)) == []
    assert wrong("原市长王建国出席会议", written_on=day) == []


def test_renamed_institution_after_the_date():
    day = dt.date(2024, 6, 3)
    assert wrong("国家质检总局发布通知", written_on=day) == [
        ("国家质检总局", "国家市场监督管理总局")
    ]
    assert wrong("国家质检总局发布通知", written_on=dt.date(2017, 5, 1)) == []
    assert (
        wrong("原国家质检总局；根据《国家质检总局关于某事的通知》；环境保护部门", written_on=day)
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("数据截止2024年12月31日，全市共受理申请56件。", [("截止", "截至")]),
        ("截止到2024年底，已完成改造。", [("截止到", "截至")]),
        ("截止 二〇二四年十二月，共办结", [("截止", "截至")]),
        ("截止12月31日，共受理", [("截止", "截至")]),
        ("截止目前，已完成", [("截止目前", "截至目前")]),
    ],
)
def test_cutoff_before_a_date_is_jiezhi(text, expected):
    """Issue 12: 截止 used before a date in the sense of 截至 (数据截止2024年12月31日)."""
    assert wrong(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "申报截止日期为2024年12月31日。",
        "截止时间：2024年12月31日17:00",
        "报名于2024年5月31日截止。",
        "申报截止于2024年12月31日。",
        "截至2024年12月31日，全市共受理申请56件。",
    ],
)
def test_cutoff_as_a_noun_or_intransitive_verb_is_fine(text):
    assert wrong(text) == []
