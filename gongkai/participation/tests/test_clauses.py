"""A draft split into the clauses people comment on, from its own numbering."""

from __future__ import annotations

from gongkai.participation.clauses import chinese_number, parse_clauses

REGULATION = """南昌市住宅小区停车管理办法（征求意见稿）

第一章　总则
第一条　为了规范住宅小区停车管理，根据有关法律法规，结合本市实际，制定本办法。
第二条　本办法适用于本市行政区域内住宅小区的停车管理。
前款所称住宅小区，是指依法划定的物业管理区域。
第二章　停车位
第十二条　停车位应当优先满足业主需要。
第一百零一条 本办法自2027年1月1日起施行。
"""

NORMATIVE = """关于进一步优化营商环境的若干措施（征求意见稿）
一、简化审批流程
（一）推行告知承诺制。
（二）压缩办理时限。
1. 企业开办一日办结。
2. 不动产登记五日办结。
二、加强要素保障
对重点项目给予用地保障。
"""


def test_articles_with_paragraphs_and_chapters():
    clauses = parse_clauses(REGULATION)
    numbers = [c.number for c in clauses]
    assert numbers == [
        "前言",
        "第一条",
        "第二条",
        "第二条第一款",
        "第二条第二款",
        "第十二条",
        "第一百零一条",
    ]
    first = clauses[1]
    assert first.heading == "第一章 总则" and first.text.startswith("为了规范住宅小区停车管理")
    second = clauses[2]
    assert second.text.count("\n") == 1  # both paragraphs
    assert [clauses[i].number for i in second.children] == ["第二条第一款", "第二条第二款"]
    assert clauses[4].parent == 2 and clauses[4].level == 2
    assert clauses[4].text == "前款所称住宅小区，是指依法划定的物业管理区域。"
    assert clauses[5].heading == "第二章 停车位"
    assert clauses[0].text == "南昌市住宅小区停车管理办法（征求意见稿）"


def test_numbered_items_of_a_normative_document():
    clauses = parse_clauses(NORMATIVE)
    numbers = [c.number for c in clauses]
    assert numbers == ["前言", "一、", "一（一）", "一（二）", "一（二）1.", "一（二）2.", "二、"]
    assert clauses[6].text == "二、加强要素保障\n对重点项目给予用地保障。"
    assert clauses[2].parent == 1 and clauses[4].parent == 3
    assert clauses[4].level == 3


def test_text_without_numbering_is_one_preamble_clause():
    clauses = parse_clauses("请对本方案提出意见。\n谢谢。")
    assert [c.number for c in clauses] == ["前言"]
    assert parse_clauses("   \n") == []


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 10, 12, 20, 35, 100, 101, 110, 115)] == [
        "一",
        "十",
        "十二",
        "二十",
        "三十五",
        "一百",
        "一百零一",
        "一百一十",
        "一百一十五",
    ]
