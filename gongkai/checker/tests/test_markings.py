"""Classification markings are blocked; the same words in prose are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.checker import check_text

SEED = Path("/work/shared/seed/nanchang-2024-work-points.txt")


def markings(text: str) -> list[tuple[str, str]]:
    return [(f.severity, f.excerpt) for f in check_text(text) if f.kind == "secret_marking"]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("机密★5年\n关于某事项的通知", "机密★5年"),
        ("秘密★长期\n正文", "秘密★长期"),
        ("绝密★\n正文", "绝密★"),
        ("文件标题 秘密★1年", "秘密★1年"),
        ("内部资料  注意保存\n正文", "内部资料  注意保存"),
        ("内部使用\n正文", "内部使用"),
        ("【内部资料】某会议纪要", "【内部资料】"),
        ("关于某事项的报告（工作秘密）", "（工作秘密）"),
        ("密级：机密", "密级：机密"),
        ("不宜公开\n正文", "不宜公开"),
        ("（此件不公开）", "（此件不公开）"),
        # Issue 12: the bracketed, spaced variants of the markings it knows.
        ("【内部资料 注意保存】\n关于某事项的通知", "【内部资料 注意保存】"),
        ("会议纪要【内部资料\u3000注意保存】", "【内部资料\u3000注意保存】"),
        ("会议纪要[内部资料 注意保存]", "[内部资料 注意保存]"),
        ("会议纪要（ 内部资料、注意保存 ）", "（ 内部资料、注意保存 ）"),
        ("会议纪要(工作秘密)", "(工作秘密)"),
        ("某方案【内 部 资 料】", "【内 部 资 料】"),
        ("【机密★1年 注意保存】正文", "【机密★1年 注意保存】"),
        ("内 部 资 料\n正文", "内 部 资 料"),
    ],
)
def test_markings_are_blocked(text, excerpt):
    assert ("block", excerpt) in markings(text)


@pytest.mark.parametrize(
    "text",
    [
        "依法对拟公开的信息进行保密审查，防止泄露国家秘密、工作秘密和敏感信息。",
        "加强对个人隐私和商业秘密的保护。",
        "涉及国家秘密的政府信息不予公开。",
        "机关内部资料的管理应当符合保密规定，不宜公开的信息应依法处理。",
        "《工作秘密管理暂行办法》印发实施。",
        "（以下简称“内部资料”）的管理",
        "【内部控制】制度建设",
        "我们 内部 讨论了 秘密 投票的办法",
    ],
)
def test_prose_is_not_a_marking(text):
    assert markings(text) == []


def test_seed_document_has_no_block_finding():
    findings = check_text(SEED.read_text(encoding="utf-8"))
    assert [f for f in findings if f.severity == "block"] == []


def test_on_request_disclosure_is_a_warning():
    assert markings("（此件依申请公开）") == [("warn", "（此件依申请公开）")]
