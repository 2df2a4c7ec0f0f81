"""发文字号, numbering, paired punctuation, duplicated characters, half-width punctuation."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.checker import check_text


def of(text: str, kind: str, **kwargs) -> list[tuple[str, int, int, str]]:
    return [
        (f.excerpt, f.start, f.end, f.suggestion)
        for f in check_text(text, **kwargs)
        if f.kind == kind
    ]


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        ("根据洪府办发[2024]31号文件", "洪府办发[2024]31号", "洪府办发〔2024〕31号"),
        ("赣府发【2023】5号", "赣府发【2023】5号", "赣府发〔2023〕5号"),
        ("国办发(2017)47号", "国办发(2017)47号", "国办发〔2017〕47号"),
        ("国办发（2017）47号", "国办发（2017）47号", "国办发〔2017〕47号"),
        ("洪府发〔2024〕第5号", "洪府发〔2024〕第5号", "洪府发〔2024〕5号"),
        ("洪府发〔2024〕05号", "洪府发〔2024〕05号", "洪府发〔2024〕5号"),
    ],
)
def test_doc_number_brackets(text, excerpt, suggestion):
    found = of(text, "doc_number_format")
    assert [(f[0], f[3]) for f in found] == [(excerpt, suggestion)]
    assert text[found[0][1] : found[0][2]] == excerpt


def test_doc_number_years():
    assert of("国发〔1948〕1号", "doc_number_format")
    assert of("国发〔2999〕1号", "doc_number_format")
    assert of("国发〔2025〕1号", "doc_number_format", written_on=dt.date(2024, 6, 3))
    assert not of("国发〔2023〕1号", "doc_number_format", written_on=dt.date(2024, 6, 3))
    assert not of(
        "（2024）赣0102民初123号；国务院令第713号；洪府办发〔2024〕31号", "doc_number_format"
    )


def test_numbering_gaps():
    text = "（一）甲\n（二）乙\n（四）丁\n一、总则\n二、要求\n四、保障\n1.a\n2.b\n4.d\n"
    assert [(f[0], f[3]) for f in of(text, "structure")] == [
        ("（四）", "（三）"),
        ("四、", "三、"),
        ("4.", "3."),
    ]


def test_numbering_may_continue_across_sections():
    text = "一、甲\n(一)a\n(二)b\n二、乙\n(三)c\n(四)d\n三、丙\n1.x\n2.y\n(一)重新开始\n"
    assert of(text, "structure") == []


def test_unbalanced_marks():
    found = of("《条例 和“公开”以及（说明\n完整的《条例》“引号”（括号）", "structure")
    assert [f[0] for f in found] == ["《", "（"]


def test_duplicated_characters():
    found = of(
        "我们的的工作完成了了。常常看看，不了了之，的的确确，中国国家，市市场监管局", "structure"
    )
    assert [(f[0], f[3]) for f in found] == [("的的", "的"), ("了了", "了")]


def test_half_width_punctuation_between_chinese():
    found = of("各县区,市直各部门:请", "structure")
    assert [(f[0], f[3]) for f in found] == [(",", "，"), (":", "：")]
    assert of("版本1.2,English,ok", "structure") == []


def test_repeated_words():
    """Issue 12: a title with 工作工作 passed the checker (its rule saw only 的的, 了了)."""
    found = of(
        "关于做好根治欠薪工作工作的通知。印发实施方案实施方案。做好安全安全生产。", "structure"
    )
    assert [(f[0], f[3]) for f in found] == [
        ("工作工作", "工作"),
        ("实施方案实施方案", "实施方案"),
        ("安全安全", "安全"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "请大家再研究研究这个方案。",  # reduplicated verb (list)
        "他说：“我们商量商量再定，工作工作再工作。”",  # quoted speech
        "加强与发展发展中国家的合作",  # 发展|发展中国家: not two whole words
        "口令为一二一二",
        "常常常常",
        "各地要认真贯彻落实，确保各项工作落到实处。",
    ],
)
def test_legitimate_repetitions_are_not_reported(text):
    assert [
        f for f in check_text(text) if f.excerpt.startswith(("研究", "商量", "工作", "发展"))
    ] == []
    assert of(text, "structure") == []
