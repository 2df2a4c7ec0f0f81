"""Default reply templates (答复告知书与通知书) and filling them with the Django template engine.

A template is plain text: a first line ``title: …`` (or ``标题：…``), then the body, paragraphs separated by a
blank line. Placeholders are Django template variables (``{{ received_on }}``) and ``{% if %}`` blocks may make a
sentence or a paragraph optional. Units edit copies of these defaults in the admin, so every error is reported in
Chinese with its line. Codes, placeholders and legal bases are documented in docs/letters.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.template import Context, Engine, Template, TemplateDoesNotExist, TemplateSyntaxError
from django.template.base import FilterExpression, Node, VariableNode
from django.template.defaulttags import IfNode

from .layout import format_date

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates_data"

REGULATION = "《中华人民共和国政府信息公开条例》"


@dataclass(frozen=True)
class TemplateInfo:
    code: str
    name: str  # what the letter is, in the words of the annual report or the 条例
    basis: str  # the 条例 articles the default text cites
    final: bool  # a reply that closes the application: it must state the remedies


# Codes follow gongkai.applications.outcomes for final replies (one outcome may have two letters, e.g. 第三十六条
# 第（一）项 and 第（二）项 are both 予以公开); "notice.*" are letters sent while the application is open.
TEMPLATES: tuple[TemplateInfo, ...] = (
    TemplateInfo("disclosed", "予以公开（提供信息）", "第三十六条第（二）项", True),
    TemplateInfo(
        "disclosed.published", "予以公开（已主动公开，告知获取途径）", "第三十六条第（一）项", True
    ),
    TemplateInfo("partial", "部分公开", "第三十七条", True),
    TemplateInfo(
        "refused.state_secret", "不予公开：属于国家秘密", "第十四条、第三十六条第（三）项", True
    ),
    TemplateInfo(
        "refused.prohibited",
        "不予公开：其他法律行政法规禁止公开",
        "第十四条、第三十六条第（三）项",
        True,
    ),
    TemplateInfo(
        "refused.security", "不予公开：危及“三安全一稳定”", "第十四条、第三十六条第（三）项", True
    ),
    TemplateInfo(
        "refused.third_party",
        "不予公开：保护第三方合法权益",
        "第十五条、第三十六条第（三）项",
        True,
    ),
    TemplateInfo(
        "refused.internal",
        "不予公开：属于三类内部事务信息",
        "第十六条第一款、第三十六条第（三）项",
        True,
    ),
    TemplateInfo(
        "refused.process",
        "不予公开：属于四类过程性信息",
        "第十六条第二款、第三十六条第（三）项",
        True,
    ),
    TemplateInfo(
        "refused.enforcement",
        "不予公开：属于行政执法案卷",
        "第十六条第二款、第三十六条第（三）项",
        True,
    ),
    TemplateInfo("refused.query", "不予公开：属于行政查询事项", "第三十六条第（七）项", True),
    TemplateInfo(
        "unavailable.not_held", "无法提供：本机关不掌握相关政府信息", "第三十六条第（四）项", True
    ),
    TemplateInfo(
        "unavailable.not_responsible",
        "无法提供：不属于本机关负责公开",
        "第三十六条第（五）项",
        True,
    ),
    TemplateInfo(
        "unavailable.needs_creation", "无法提供：没有现成信息需要另行制作", "第三十八条", True
    ),
    TemplateInfo(
        "unavailable.unclear",
        "无法提供：补正后申请内容仍不明确",
        "第二十九条第二款第（二）项、第三十条",
        True,
    ),
    TemplateInfo(
        "not_processed.petition", "不予处理：信访举报投诉类申请", "第三十九条第一款", True
    ),
    TemplateInfo("not_processed.repeat", "不予处理：重复申请", "第三十六条第（六）项", True),
    TemplateInfo(
        "not_processed.publication", "不予处理：要求提供公开出版物", "第三十九条第二款", True
    ),
    TemplateInfo("not_processed.excessive", "不予处理：无正当理由大量反复申请", "第三十五条", True),
    TemplateInfo(
        "not_processed.confirm",
        "不予处理：要求行政机关确认或重新出具已获取信息",
        "第二条、第三十八条",
        True,
    ),
    TemplateInfo("other.no_correction", "其他处理：申请人无正当理由逾期不补正", "第三十条", True),
    TemplateInfo(
        "other.fee_unpaid",
        "其他处理：申请人逾期未按收费通知要求缴纳费用",
        "第四十二条；《政府信息公开信息处理费管理办法》",
        True,
    ),
    TemplateInfo("other.other", "其他处理：其他", "由承办人在占位符 article 中写明", True),
    TemplateInfo("notice.correction", "补正通知书", "第二十九条、第三十条", False),
    TemplateInfo("notice.extension", "延期答复告知书", "第三十三条第二款", False),
    TemplateInfo("notice.third_party", "征求第三方意见书", "第三十二条、第三十三条第三款", False),
    TemplateInfo(
        "notice.fee",
        "信息处理费收费通知书",
        "第四十二条；《政府信息公开信息处理费管理办法》",
        False,
    ),
)

TEMPLATE_INFO: dict[str, TemplateInfo] = {t.code: t for t in TEMPLATES}

# Every placeholder the default templates use, with what the applications app puts in it.
PLACEHOLDERS: dict[str, str] = {
    "applicant": "申请人姓名或者名称（主送）",
    "reference": "申请编号（可空）",
    "received_on": "收到申请之日（日期）",
    "description": "申请人对所需政府信息的描述（照录申请表）",
    "information": "经审查认定的政府信息名称，如《关于……的通知》（洪教发〔2025〕3号）",
    "access": "获取方式、途径和时间，如网址、查阅地点、随本告知书附送",
    "basis": "具体理由或者所依据的法律、行政法规条款（视模板而定，见 docs/letters.md）",
    "article": "《条例》条款（仅“其他处理：其他”使用），如“第三十六条第（三）项”",
    "deadline": "期限（日期）：补正期限、延期后的答复期限、缴费期限、第三方提出意见的期限",
    "fee": "信息处理费金额（元）",
    "fee_detail": "计费方式和明细，如“按件计收，本月第31件起每件200元”",
    "payment": "缴费方式（账户、地点）",
    "unit": "办理机构名称，如南昌市教育局办公室",
    "office_phone": "办理机构联系电话",
    "reconsideration_body": "行政复议机关，如南昌市人民政府",
    "court": "管辖法院，如南昌铁路运输法院",
    "other_agency": "负责公开该信息的机关或者受理相关事项的渠道",
    "other_agency_contact": "该机关的联系方式",
    "correction_items": "需要补正的事项（补正通知书）",
    "notice_sent_on": "此前发出补正通知书或者收费通知书的日期",
    "previous_reply": "此前答复的日期和文号，如“2026年1月5日以洪教依申告〔2026〕3号”",
    "extension_reason": "延期答复的理由（延期答复告知书，第三十三条第二款）",
    "consultation_reason": "征求第三方意见的事由，如“该公司的商业秘密”（征求第三方意见书）",
}

# Short names of the placeholders, for the message that refuses a letter with a hole in it.
PLACEHOLDER_LABELS: dict[str, str] = {
    "applicant": "申请人",
    "reference": "申请编号",
    "received_on": "收到申请之日",
    "description": "所需信息的描述",
    "information": "经审查认定的政府信息名称",
    "access": "获取方式和途径",
    "basis": "依据和理由",
    "article": "《条例》条款",
    "deadline": "期限",
    "fee": "信息处理费金额",
    "fee_detail": "计费明细",
    "payment": "缴费方式",
    "unit": "办理机构",
    "office_phone": "联系电话",
    "reconsideration_body": "行政复议机关",
    "court": "管辖法院",
    "other_agency": "负责公开该信息的机关或渠道",
    "other_agency_contact": "该机关的联系方式",
    "correction_items": "需要补正的事项",
    "notice_sent_on": "此前通知书的日期",
    "previous_reply": "前次答复的日期和文号",
    "extension_reason": "延期理由",
    "consultation_reason": "征求意见的事由",
}

_TITLE_LINE = re.compile(r"^\s*(?:title|标题)\s*[:：]\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n")


class LetterTemplateError(ValueError):
    """A template a unit wrote cannot be used; the message is Chinese and names the line."""


@cache
def _engine() -> Engine:
    # No loaders' directories and no tag libraries: {% include %} and {% load %} find nothing. debug=True makes
    # syntax errors carry their line number.
    return Engine(debug=True, dirs=[], app_dirs=False, libraries={})


def _split(text: str) -> tuple[str, str, int]:
    """(title source, body source, line number of the body's first line)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        match = _TITLE_LINE.match(line)
        if not match or not match.group("title"):
            raise LetterTemplateError(
                f"模板第{i + 1}行应为标题行，格式为“title: 标题文字”（也可写作“标题：标题文字”）。"
            )
        return match.group("title"), "\n".join(lines[i + 1 :]), i + 2
    raise LetterTemplateError("模板为空：第一行应为“title: 标题文字”，其后空一行写正文。")


def _compile(source: str, first_line: int) -> Template:
    try:
        return Template(source, engine=_engine())
    except TemplateSyntaxError as exc:
        raise LetterTemplateError(_syntax_message(exc, first_line)) from exc


_EXPLANATIONS: tuple[tuple[str, str], ...] = (
    ("Unclosed tag", "标签没有结束，例如 {% if … %} 缺少对应的 {% endif %}"),
    (
        "Invalid block tag",
        "使用了不存在或者位置不对的标签（只可使用 if、elif、else、endif 等内置标签）",
    ),
    ("Invalid filter", "使用了不存在的过滤器（“|”后面的名称）"),
    ("not a registered tag library", "不允许加载标签库（{% load %}）"),
    ("Could not parse", "占位符写法有误，应写成 {{ 名称 }}，名称只含字母、数字和下划线"),
    ("Empty variable tag", "有空的占位符 {{ }}"),
    ("was never closed", "占位符或者标签没有闭合"),
)


def _syntax_message(exc: Exception, first_line: int) -> str:
    debug = getattr(exc, "template_debug", None)
    where = f"第{first_line + debug['line'] - 1}行" if debug else ""
    raw = str(exc).strip()
    if isinstance(exc, TemplateDoesNotExist):
        reason = "不允许引用其他模板（{% include %} 或者 {% extends %}）"
    else:
        reason = next((zh for key, zh in _EXPLANATIONS if key in raw), "模板语法有误")
    return f"模板{where}有语法错误：{reason}。（原始信息：{raw}）"


def parse(template_text: str) -> tuple[Template, Template]:
    """Compile a template's title and body; raises `LetterTemplateError` in Chinese on any error."""
    title, body, first = _split(template_text)
    return _compile(title, 1), _compile(body, first)


def _value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return value


def _render(
    template: Template, context: Mapping[str, object], *, html: bool, first_line: int
) -> str:
    ctx = Context({k: _value(v) for k, v in context.items()}, autoescape=html)
    try:
        return template.render(ctx)
    except (TemplateSyntaxError, TemplateDoesNotExist) as exc:
        raise LetterTemplateError(_syntax_message(exc, first_line)) from exc


def fill(
    template_text: str, context: Mapping[str, object], *, html: bool = False
) -> tuple[str, list[str]]:
    """Render a template: (title, paragraphs). Dates become 2026年3月5日. With `html=True` values are
    HTML-escaped (for a web page); without, text is left as is (for DOCX and PDF, which escape themselves).
    A single line break inside a paragraph is dropped: it is Chinese text, wrapped only for editing."""
    title_src, body_src, first = _split(template_text)
    title_tpl, body_tpl = _compile(title_src, 1), _compile(body_src, first)
    title = " ".join(_render(title_tpl, context, html=html, first_line=1).split())
    body = _render(body_tpl, context, html=html, first_line=first)
    paragraphs = []
    for chunk in _PARAGRAPH_BREAK.split(body):
        text = "".join(line.strip() for line in chunk.split("\n"))
        if text:
            paragraphs.append(text)
    return title, paragraphs


def _names(nodes: Iterable[Node]) -> Iterable[str]:
    for node in nodes:
        if isinstance(node, VariableNode):
            yield from _expression_names(node.filter_expression)
        if isinstance(node, IfNode):
            for condition, _ in node.conditions_nodelists:
                yield from _condition_names(condition)
        for attr in getattr(node, "child_nodelists", ()):
            yield from _names(getattr(node, attr, None) or ())
        if isinstance(node, IfNode):
            for _, nodelist in node.conditions_nodelists:
                yield from _names(nodelist)


def _expression_names(expression: FilterExpression) -> Iterable[str]:
    var = expression.var
    lookups = getattr(var, "lookups", None)
    if lookups:
        yield lookups[0]
    for _, args in expression.filters:
        for lookup, arg in args:
            if lookup and getattr(arg, "lookups", None):
                yield arg.lookups[0]


def _condition_names(condition: object) -> Iterable[str]:
    if condition is None:
        return
    value = getattr(condition, "value", None)
    if isinstance(value, FilterExpression):
        yield from _expression_names(value)
    for side in ("first", "second"):
        yield from _condition_names(getattr(condition, side, None))


def placeholders(template_text: str) -> list[str]:
    """The context names a template uses (in {{ }} and in {% if %}), in order of first use."""
    seen: dict[str, None] = {}
    for template in parse(template_text):
        for name in _names(template.nodelist):
            seen.setdefault(name, None)
    return list(seen)


def _required(nodes: Iterable[Node]) -> Iterable[str]:
    """Names printed unconditionally: in {{ }} outside every {% if %} block (a name inside a
    block is optional: the template says what to write without it)."""
    for node in nodes:
        if isinstance(node, IfNode):
            continue
        if isinstance(node, VariableNode):
            yield from _expression_names(node.filter_expression)
        for attr in getattr(node, "child_nodelists", ()):
            yield from _required(getattr(node, attr, None) or ())


def required_placeholders(template_text: str) -> list[str]:
    """The context names a template prints whatever the case: each must have a value, or the
    letter would go out with a hole in it."""
    seen: dict[str, None] = {}
    for template in parse(template_text):
        for name in _required(template.nodelist):
            seen.setdefault(name, None)
    return list(seen)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_placeholders(template_text: str, context: Mapping[str, object]) -> list[str]:
    """The required placeholders (required_placeholders) that the context leaves empty."""
    return [n for n in required_placeholders(template_text) if _empty(context.get(n))]


def fill_complete(
    template_text: str, context: Mapping[str, object], *, html: bool = False
) -> tuple[str, list[str]]:
    """`fill`, refusing a letter with a hole: every placeholder printed outside an {% if %}
    must have a value. Raises `LetterTemplateError` in Chinese naming what is missing."""
    missing = missing_placeholders(template_text, context)
    if missing:
        names = "、".join(f"{PLACEHOLDER_LABELS.get(n, n)}（{{{{ {n} }}}}）" for n in missing)
        raise LetterTemplateError(f"文书不能生成：以下内容尚未填写：{names}。请补充后再生成。")
    return fill(template_text, context, html=html)


def unknown_placeholders(template_text: str) -> list[str]:
    """Names a (unit-edited) template uses that the application never fills: likely typos."""
    return [name for name in placeholders(template_text) if name not in PLACEHOLDERS]


def validate(template_text: str) -> None:
    """Raise `LetterTemplateError` (Chinese) if a unit's edited template cannot be used."""
    unknown = unknown_placeholders(template_text)
    if unknown:
        names = "、".join("{{ %s }}" % name for name in unknown)  # noqa: UP031 - braces are literal
        raise LetterTemplateError(f"模板使用了未知的占位符：{names}。可用的占位符见模板说明。")


def _load() -> dict[str, str]:
    return {t.code: (TEMPLATE_DIR / f"{t.code}.txt").read_text(encoding="utf-8") for t in TEMPLATES}


OUTCOME_TEMPLATES: dict[str, str] = _load()


def default_template(code: str) -> str:
    """The shipped text for a template code; units start their own copy from it."""
    try:
        return OUTCOME_TEMPLATES[code]
    except KeyError:
        raise KeyError(f"没有代码为“{code}”的默认模板。") from None


def template_placeholders() -> dict[str, list[str]]:
    """For each default template, the placeholders it uses."""
    return {code: placeholders(text) for code, text in OUTCOME_TEMPLATES.items()}
