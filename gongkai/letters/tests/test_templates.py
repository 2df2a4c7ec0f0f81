"""The default reply templates: they fill, cite the 条例, state the remedies; broken edits fail in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from gongkai.letters import templates
from gongkai.letters.layout import Letter, render_docx, render_pdf
from gongkai.letters.templates import (
    OUTCOME_TEMPLATES,
    PLACEHOLDERS,
    TEMPLATE_INFO,
    LetterTemplateError,
    default_template,
    fill,
    fill_complete,
    missing_placeholders,
    placeholders,
    template_placeholders,
    unknown_placeholders,
    validate,
)

FULL_CONTEXT: dict[str, object] = {
    "applicant": "张三",
    "reference": "NC-JY-2026-0012",
    "received_on": dt.date(2026, 2, 10),
    "description": "2025年义务教育阶段学校招生工作方案",
    "information": "《南昌市2025年义务教育阶段学校招生工作方案》",
    "access": "该信息已在南昌市教育局门户网站“政府信息公开”栏目公开。",
    "basis": "第三方个人隐私",
    "article": "第三十六条第（三）项",
    "deadline": dt.date(2026, 3, 20),
    "fee": Decimal("200.00"),
    "fee_detail": "按件计收，本月第31件起每件200元",
    "payment": "南昌市财政局非税收入汇缴专户",
    "unit": "南昌市教育局办公室",
    "office_phone": "0791-83881234",
    "reconsideration_body": "南昌市人民政府",
    "court": "南昌铁路运输法院",
    "other_agency": "南昌市自然资源和规划局",
    "other_agency_contact": "0791-88888888",
    "correction_items": "请写明所需文件的名称、文号或者形成时间。",
    "notice_sent_on": dt.date(2026, 2, 12),
    "previous_reply": "2026年1月5日以洪教依申告〔2026〕3号告知书",
    "extension_reason": "所需信息须从档案馆调取，需时较长",
    "consultation_reason": "该公司的商业秘密",
}

ARTICLE = re.compile(r"《中华人民共和国政府信息公开条例》第[一二三四五六七八九十]+条")

# The article each template must cite (DOMAIN.md §1.3, domain-research.md §1.3–1.4).
EXPECTED_ARTICLES = {
    "disclosed": ["第三十六条第（二）项"],
    "disclosed.published": ["第三十六条第（一）项"],
    "partial": ["第三十七条"],
    "refused.state_secret": ["第十四条", "第三十六条第（三）项"],
    "refused.prohibited": ["第十四条", "第三十六条第（三）项"],
    "refused.security": ["第十四条", "第三十六条第（三）项"],
    "refused.third_party": ["第十五条", "第三十六条第（三）项"],
    "refused.internal": ["第十六条第一款", "第三十六条第（三）项"],
    "refused.process": ["第十六条第二款", "第三十六条第（三）项"],
    "refused.enforcement": ["第十六条第二款", "第三十六条第（三）项"],
    "refused.query": ["第三十六条第（七）项"],
    "unavailable.not_held": ["第三十六条第（四）项"],
    "unavailable.not_responsible": ["第三十六条第（五）项"],
    "unavailable.needs_creation": ["第三十八条"],
    "unavailable.unclear": ["第三十条"],
    "not_processed.petition": ["第三十九条第一款"],
    "not_processed.repeat": ["第三十六条第（六）项"],
    "not_processed.publication": ["第三十九条第二款"],
    "not_processed.excessive": ["第三十五条"],
    "not_processed.confirm": ["第二条", "第三十八条"],
    "other.no_correction": ["第三十条"],
    "other.fee_unpaid": ["第四十二条", "国办函〔2020〕109号"],
    "other.other": ["第三十六条第（三）项"],
    "notice.correction": ["第三十条"],
    "notice.extension": ["第三十三条第二款"],
    "notice.third_party": ["第三十二条"],
    "notice.fee": ["第四十二条", "国办函〔2020〕109号"],
}


def test_every_template_code_has_a_file_and_expectations() -> None:
    assert set(OUTCOME_TEMPLATES) == set(TEMPLATE_INFO) == set(EXPECTED_ARTICLES)


def test_every_outcome_of_the_applications_app_has_a_template() -> None:
    outcomes = pytest.importorskip("gongkai.applications.outcomes")
    assert {o.code for o in outcomes.OUTCOMES} <= set(OUTCOME_TEMPLATES)


@pytest.mark.parametrize("code", sorted(OUTCOME_TEMPLATES))
def test_default_template_fills_cites_the_law_and_the_remedies(code: str) -> None:
    title, paragraphs = fill(default_template(code), FULL_CONTEXT)
    text = "\n".join(paragraphs)
    assert title
    assert ARTICLE.search(text), text
    for article in EXPECTED_ARTICLES[code]:
        assert article in text
    assert "{{" not in text and "{%" not in text
    assert "2026年2月10日" in text or "2026年2月12日" in text  # dates written per GB/T 9704
    if TEMPLATE_INFO[code].final:
        assert title == "政府信息公开申请答复告知书"
        assert "60日内依法向南昌市人民政府申请行政复议" in text
        assert "6个月内依法向南昌铁路运输法院提起行政诉讼" in text
    assert paragraphs[-1].startswith("特此")
    assert all(name in PLACEHOLDERS for name in placeholders(default_template(code)))


def required_placeholders(text: str) -> set[str]:
    """Names used outside every {% if %} block."""
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"{% if [^%]*%}((?!{% if).)*?{% endif %}", "", text, flags=re.DOTALL)
    return set(re.findall(r"{{ (\w+)", text))


@pytest.mark.parametrize("code", sorted(OUTCOME_TEMPLATES))
def test_default_template_fills_with_only_the_required_context(code: str) -> None:
    """Optional parts ({% if %}) drop out cleanly: no empty brackets, no doubled punctuation."""
    text = default_template(code)
    context = {k: v for k, v in FULL_CONTEXT.items() if k in required_placeholders(text)}
    _, paragraphs = fill(text, context)
    text = "".join(paragraphs)
    for bad in ("（）", "（，", "，。", "。。", "：。", "“”"):
        assert bad not in text
    assert len(context) < len(FULL_CONTEXT)


def test_filled_template_renders_as_a_letter() -> None:
    title, paragraphs = fill(default_template("refused.third_party"), FULL_CONTEXT)
    letter = Letter(
        title=title,
        doc_number="洪教依申告〔2026〕12号",
        recipient="张三",
        paragraphs=paragraphs,
        issuer="南昌市教育局",
        issued_on=dt.date(2026, 3, 5),
    )
    assert render_docx(letter).startswith(b"PK")
    assert render_pdf(letter).startswith(b"%PDF")


def test_fill_escapes_for_html_only() -> None:
    text = "title: 告知书\n\n您申请的{{ information }}。"
    context = {"information": "<script>“甲 & 乙”</script>"}
    _, plain = fill(text, context)
    _, web = fill(text, context, html=True)
    assert plain == ["您申请的<script>“甲 & 乙”</script>。"]
    assert web == ["您申请的&lt;script&gt;“甲 &amp; 乙”&lt;/script&gt;。"]


def test_paragraphs_split_on_blank_lines_and_join_wrapped_lines() -> None:
    text = "标题：告知书\n\n第一段第一行\n  第一段第二行。\n\n\n{% if x %}可选段。{% endif %}\n\n第二段。\n"
    assert fill(text, {}) == ("告知书", ["第一段第一行第一段第二行。", "第二段。"])
    assert fill(text, {"x": 1})[1] == ["第一段第一行第一段第二行。", "可选段。", "第二段。"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: 告知书\n\n{% if basis %}理由", "模板第3行有语法错误：标签没有结束"),
        ("title: 告知书\n\n正文\n{{ fee|money }}", "模板第4行有语法错误：使用了不存在的过滤器"),
        ("title: 告知书\n\n{% load static %}", "不允许加载标签库"),
        ("title: 告知书\n\n{% include 'x.txt' %}", "不允许引用其他模板"),
        ("title: 告知书\n\n{% endfor %}", "使用了不存在或者位置不对的标签"),
        ("告知书\n\n正文", "模板第1行应为标题行"),
        ("\n\n", "模板为空"),
    ],
)
def test_broken_template_gives_a_chinese_error(text: str, message: str) -> None:
    with pytest.raises(LetterTemplateError, match=re.escape(message)):
        fill(text, FULL_CONTEXT)


def test_placeholders_lists_variables_and_conditions_in_order() -> None:
    text = "title: {{ unit }}告知书\n\n{{ applicant }}{% if reference %}（{{ reference }}）{% endif %}{{ fee|default:deadline }}"
    assert placeholders(text) == ["unit", "applicant", "reference", "fee", "deadline"]
    assert template_placeholders()["notice.fee"][:3] == ["received_on", "reference", "description"]


def test_validate_reports_unknown_placeholders() -> None:
    text = "title: 告知书\n\n{{ aplicant }}{% if deadlin %}…{% endif %}{{ unit }}"
    assert unknown_placeholders(text) == ["aplicant", "deadlin"]
    with pytest.raises(
        LetterTemplateError, match=r"未知的占位符：\{\{ aplicant \}\}、\{\{ deadlin \}\}"
    ):
        validate(text)
    validate(default_template("disclosed"))


def test_unknown_code_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="没有代码为"):
        default_template("refused.unknown")
    assert templates.TEMPLATE_DIR.is_dir()


@pytest.mark.parametrize("code", sorted(OUTCOME_TEMPLATES))
def test_the_module_and_the_test_agree_on_what_is_required(code: str) -> None:
    text = default_template(code)
    assert set(templates.required_placeholders(text)) == required_placeholders(text)


@pytest.mark.parametrize("code", sorted(OUTCOME_TEMPLATES))
def test_a_letter_with_an_empty_required_placeholder_is_refused_naming_it(code: str) -> None:
    text = default_template(code)
    for name in templates.required_placeholders(text):
        context = {**FULL_CONTEXT, name: ""}
        assert missing_placeholders(text, context) == [name]
        with pytest.raises(LetterTemplateError, match=templates.PLACEHOLDER_LABELS[name]):
            fill_complete(text, context)
    title, paragraphs = fill_complete(text, FULL_CONTEXT)
    assert title and paragraphs


def test_the_extension_notice_prints_the_reason_not_the_reply_basis() -> None:
    context = {**FULL_CONTEXT, "basis": "第十四条（答复的依据）"}
    _, paragraphs = fill_complete(default_template("notice.extension"), context)
    text = "".join(paragraphs)
    assert "因所需信息须从档案馆调取，需时较长，本机关不能" in text
    assert "答复的依据" not in text
    with pytest.raises(LetterTemplateError, match="延期理由"):
        fill_complete(default_template("notice.extension"), {**context, "extension_reason": ""})


def test_every_placeholder_has_a_short_label() -> None:
    assert set(templates.PLACEHOLDER_LABELS) == set(PLACEHOLDERS)
