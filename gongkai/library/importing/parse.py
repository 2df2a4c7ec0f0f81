"""Parse a policy document saved from a government web page (plain text or HTML) into its fields.

Pure Python (no Django): validating the values it returns is the job of the services that call it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, auto
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

__all__ = [
    "ParsedPolicy",
    "PolicyParseError",
    "parse_policy_file",
    "parse_policy_html",
    "parse_policy_text",
]

# 公开方式 values, as the disclosure catalogue and the annual report word them.
MODE_PROACTIVE = "主动公开"
MODE_ON_REQUEST = "依申请公开"
MODE_WITHHELD = "不予公开"


@dataclass(frozen=True)
class ParsedPolicy:
    """One policy document as read from a saved page; values are as written, not yet validated."""

    title: str
    units: list[str]  # 发文机关, full names in the order given; a joint issuance has several
    doc_number: str | None  # 发文字号, exactly as written
    written_on: date | None  # 成文日期
    published_on: date | None  # 发布日期
    disclosure_mode: str | None  # 公开方式: 主动公开 / 依申请公开 / 不予公开
    body: str  # paragraphs separated by a blank line
    source_name: str


class PolicyParseError(ValueError):
    """The file cannot be read as a policy; one line per problem, each naming the file.

    ``problems`` holds the lines ready to show ("seed.txt：未找到标题"); a problem given without
    the file name gets it prefixed.
    """

    def __init__(self, source_name: str, problems: list[str]) -> None:
        prefix = f"{source_name}："
        self.source_name = source_name
        self.problems = [p if p.startswith(prefix) else prefix + p for p in problems]
        super().__init__("\n".join(self.problems))


# Problems reported to the person importing (Simplified Chinese, shown as is).
_EMPTY = "文件为空"
_BINARY = "文件不是文本（可能是二进制文件）"
_UNDECODABLE = "无法识别文件编码（已尝试 UTF-8 和 GB18030）"
_NO_TITLE = "未找到标题"
_NO_UNIT = "未找到发文机关（可用 --organ 指定）"
_NO_BODY = "未找到正文"


# --------------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------------

_WHITESPACE_RE = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _fold(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation to half-width), whitespace collapsed."""
    return _WHITESPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _compact(text: str) -> str:
    """NFKC with all whitespace removed: the form the line recognisers match against."""
    return _WHITESPACE_RE.sub("", unicodedata.normalize("NFKC", text))


def _key(text: str) -> str:
    """Letters, digits and CJK only: compares titles whatever their punctuation and spacing."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


def _clean_line(raw: str) -> str:
    return raw.translate(_INVISIBLE).replace("\xa0", " ").strip()


def _split_lines(text: str) -> list[str]:
    lines = (_clean_line(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return [line for line in lines if line]


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    odd = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    )
    return odd > max(8, len(sample) // 100)


# --------------------------------------------------------------------------------------------
# Dates: "2024年6月3日", "二〇二四年六月三日", "2024-06-05 15:32:00", "2024/6/5", "2024.06.05"
# --------------------------------------------------------------------------------------------

_CN_DIGIT_VALUES = {
    "〇": 0, "○": 0, "零": 0, "O": 0, "o": 0,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_DATE_CORE = (
    r"(?:(?P<cy>[0-9]{4}|[〇○零Oo一二三四五六七八九]{4})\s*年\s*"
    r"(?P<cm>[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<cd>[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*[日号]"
    r"|(?<![0-9])(?P<iy>[0-9]{4})\s*[-/.]\s*(?P<im>[0-9]{1,2})\s*[-/.]\s*(?P<id>[0-9]{1,2})(?![0-9]))"
)
_TIME = r"(?:\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
_DATE_RE = re.compile(_DATE_CORE)
_DATE_LINE_RE = re.compile(r"[(\[【]?\s*" + _DATE_CORE + _TIME + r"\s*[)\]】]?")


def _chinese_int(text: str) -> int | None:
    """Value of "2024", "二〇二四", "六", "十二", "二十三", "廿三"; None if it is not a number."""
    if text.isascii() and text.isdigit():
        return int(text)
    if text and all(ch in _CN_DIGIT_VALUES for ch in text):
        return int("".join(str(_CN_DIGIT_VALUES[ch]) for ch in text))
    tens_marks = {"十": None, "廿": 2, "卅": 3}
    mark = next((ch for ch in text if ch in tens_marks), None)
    if mark is None:
        return None
    head, _, tail = text.partition(mark)
    tens = tens_marks[mark]
    if tens is None:
        tens = _CN_DIGIT_VALUES.get(head, -1) if head else 1
    elif head:
        return None
    units = _CN_DIGIT_VALUES.get(tail, -1) if tail else 0
    if tens < 0 or units < 0:
        return None
    return tens * 10 + units


def _date_from_match(match: re.Match[str]) -> date | None:
    if match["cy"] is not None:
        parts = (match["cy"], match["cm"], match["cd"])
    else:
        parts = (match["iy"], match["im"], match["id"])
    year, month, day = (_chinese_int(part) for part in parts)
    if year is None or month is None or day is None or not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _find_date(text: str) -> date | None:
    """The first date written anywhere in ``text``."""
    match = _DATE_RE.search(_fold(text))
    return _date_from_match(match) if match else None


def _date_line(line: str) -> tuple[date, bool] | None:
    """(date, written with digits and dashes) when the whole line is a date, else None."""
    match = _DATE_LINE_RE.fullmatch(_fold(line))
    if match is None:
        return None
    found = _date_from_match(match)
    return (found, match["iy"] is not None) if found else None


# --------------------------------------------------------------------------------------------
# Single-line recognisers
# --------------------------------------------------------------------------------------------

_DISCLOSURE_RE = re.compile(
    r"[(\[【〔]?(?:此件|本件|此文|此文件|本文件)"
    r"(?P<mode>主动公开|公开发布|删减后公开|依申请公开|不予公开|不公开|免予公开)[)\]】〕]?[。.]?"
)
_DISCLOSURE_MODES = {
    "主动公开": MODE_PROACTIVE,
    "公开发布": MODE_PROACTIVE,
    "删减后公开": MODE_PROACTIVE,
    "依申请公开": MODE_ON_REQUEST,
    "不予公开": MODE_WITHHELD,
    "不公开": MODE_WITHHELD,
    "免予公开": MODE_WITHHELD,
}


def _disclosure_line(line: str) -> str | None:
    """公开方式 from a line such as "(此件主动公开)" or "（此件公开发布）"."""
    match = _DISCLOSURE_RE.fullmatch(_compact(line))
    return _DISCLOSURE_MODES[match["mode"]] if match else None


def _disclosure_value(value: str) -> str | None:
    """公开方式 from the value of a "公开方式：" field."""
    compact = _compact(value)
    if "依申请" in compact:
        return MODE_ON_REQUEST
    if "不予公开" in compact or "不公开" in compact or "免予公开" in compact:
        return MODE_WITHHELD
    if "主动公开" in compact or compact in {"公开", "公开发布"}:
        return MODE_PROACTIVE
    return None


# 发文字号: 机关代字 + year in brackets (〔〕, or [] 【】 () （） by mistake) + serial + 号,
# or a decree number 南昌市人民政府令第165号. Matched on the line as written, to keep it as is.
_DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,20}\s*[〔\[［【(（〖{]\s*[0-9０-９]{4}\s*[〕\]］】)）〗}]"
    r"\s*第?\s*[0-9０-９]{1,5}\s*号"
    r"|[\u4e00-\u9fff]{2,30}令\s*第\s*[0-9０-９]{1,5}\s*号"
)


def _doc_number_line(line: str) -> str | None:
    match = _DOC_NUMBER_RE.fullmatch(line.strip())
    return match.group(0) if match else None


_UNIT_RE = re.compile(
    r"[\u4e00-\u9fff()（）·]{1,40}"
    r"(?:政府|办公室|办公厅|委员会|管委会|常委会|局|厅|委|部|院|署|办|中心|小组|银行|分行|公司|集团"
    r"|协会|联合会|法院|检察院|政协|党委|党组|中央|指挥部|站|所|处|室|会|组|队)"
)
_UNIT_SEPARATORS_RE = re.compile(r"[\s、，,;；/|]+")
_VERB_PREFIX_RE = re.compile(r"^(?:关于|印发|转发|批转)")


def _is_unit(name: str) -> bool:
    return bool(_UNIT_RE.fullmatch(name)) and not _VERB_PREFIX_RE.match(name)


def _split_units(value: str) -> list[str]:
    return [part for part in _UNIT_SEPARATORS_RE.split(value.strip()) if part]


def _unit_line(line: str) -> list[str] | None:
    """Unit names when the line is nothing but unit names (a signature), else None."""
    parts = _split_units(line)
    return parts if parts and len(parts) <= 6 and all(_is_unit(p) for p in parts) else None


# Paragraph openings that only a body has: 一、 (一) 第一条 第一章 1. 1、 (1)
_ENUMERATION_RE = re.compile(
    r"(?:第[一二三四五六七八九十百零〇0-9]+[条章节部分篇]|[一二三四五六七八九十]+[、.]"
    r"|\([一二三四五六七八九十0-9]+\)|[0-9]{1,2}[、.](?![0-9]))"
)
_TITLE_SUFFIX_RE = re.compile(
    r"(?:通知|意见|办法|规定|决定|方案|通告|公告|批复|函|要点|细则|规划|规则|条例|计划|纲要|指南"
    r"|措施|通报|报告|请示|决议|规程|章程|清单|目录|公报|命令|纪要|答复|复函)$"
)
# A trailing note such as （试行） （2024年修订） （征求意见稿）
_TRAILING_NOTE_RE = re.compile(r"[(\[][^()\[\]]{1,16}[)\]]$")
_NOT_TITLE_END_RE = re.compile(r"[。;,:!?、.]$")
# Site names and column names ("政策文件", "政务公开", "通知公告") are not titles.
_SITE_NAME_RE = re.compile(r"(?:网|网站|门户|首页|频道|专栏|栏目|文件|公开|通知公告|公示公告)$")


def _title_score(line: str) -> int:
    """How much a line looks like a document title: 3 strong, 2 probable, 1 possible, 0 not."""
    compact = _compact(line)
    could_be = (
        4 <= len(compact) <= 150
        and not _NOT_TITLE_END_RE.search(compact)
        and not _ENUMERATION_RE.match(compact)
        and "。" not in compact
        and any(_is_cjk(ch) for ch in compact)
    )
    if not could_be:
        return 0
    if _unit_line(line) or _SITE_NAME_RE.search(compact):
        return 2 if "关于" in compact else 0
    if len(compact) >= 7 and _TITLE_SUFFIX_RE.search(_TRAILING_NOTE_RE.sub("", compact)):
        return 3
    return 2 if "关于" in compact else 1


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _is_clear_body(line: str) -> bool:
    """A line only a body has: a salutation ending with a colon, a sentence, a numbered item."""
    compact = _compact(line)
    if _title_score(line) == 3:
        return False
    return (
        (compact.endswith(":") and len(compact) <= 80)
        or "。" in compact
        or ";" in compact
        or len(compact) >= 150
        or bool(_ENUMERATION_RE.match(compact))
    )


# --------------------------------------------------------------------------------------------
# Page chrome: breadcrumbs, toolbars, share and print links, counters, footers
# --------------------------------------------------------------------------------------------


def _words(*chunks: str) -> frozenset[str]:
    return frozenset(word for chunk in chunks for word in chunk.split())


# A line made only of these words (separated by spaces, | / : 【】 []) is page chrome.
_CHROME_WORDS = _words(
    "字体 字号 大 中 小 默认 放大 缩小 恢复 朗读 听全文 语音播报",
    "收藏 加入收藏 设为首页 返回 返回顶部 返回首页 返回列表 顶部 top",
    "无障碍 长者模式 适老模式 关怀版 繁体 简体 繁體 english 登录 注册 搜索",
    "纠错 我要纠错 保存 复制链接 视力保护色 baidu map",
    "微信 微博 新浪微博 腾讯微博 qq qq空间 qzone 人人网 豆瓣 更多",
)
# Chrome words that only appear after the article: content ends at the first of them.
_TERMINATOR_WORDS = _words(
    "分享 分享到 分享至 分享文章到 分享本文",
    "打印 打印此页 打印本页 打印页面 打印文章 关闭 关闭窗口 关闭本页 关闭页面",
)
_CHROME_WORD_SPLIT_RE = re.compile(r"[\s|/·•:【】\[\]]+")
_BREADCRUMB_RE = re.compile(
    r"^(?:您?(?:当前|现在)(?:所在|的)?位置|您的位置|所在位置|当前页面)[:>]"
    r"|首页[>»›→]|^位置:.*首页"
)
_COUNTER_RE = re.compile(
    r"^(?:浏览次数|浏览量|浏览|访问量|访问次数|点击数|点击量|点击率|阅读次数|阅读量|阅读数|阅读|访问)"
    r":?[0-9]*次?$"
)
_FONT_SIZE_RE = re.compile(r"^(?:字体|字号)(?:大小)?:?[大中小默认|/()\[\]【】]*$")
_SCAN_RE = re.compile(r"^.{0,12}(?:扫一扫|扫描二维码|二维码|扫码|用手机打开).{0,16}$")
_NEIGHBOUR_RE = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇)")
_RELATED_RE = re.compile(
    r"^(?:相关链接|相关文章|相关阅读|相关新闻|相关稿件|相关信息|相关解读|相关附件下载|推荐阅读|热点推荐"
    r"|猜你喜欢|热门文章|热门推荐):?$"
)
_FOOTER_RE = re.compile(
    r"版权所有|copyright|©|icp备|icp证|公网安备|网站标识码|网站识别码|网站地图|联系我们"
    r"|建议使用.{0,20}浏览器|分辨率|技术支持:|主办单位:.*(?:承办|版权|网站|icp)",
    re.IGNORECASE,
)


class _Chrome(Enum):
    NONE = auto()
    CHROME = auto()  # drop the line
    TERMINATOR = auto()  # drop the line; once the body has started, it ends here


def _chrome_kind(line: str) -> _Chrome:
    compact = _compact(line)
    words = [w.lower() for w in _CHROME_WORD_SPLIT_RE.split(_fold(line)) if w]
    if words and all(w in _CHROME_WORDS or w in _TERMINATOR_WORDS for w in words):
        return _Chrome.TERMINATOR if _TERMINATOR_WORDS.intersection(words) else _Chrome.CHROME
    footer = (
        len(compact) <= 80 and not _ENUMERATION_RE.match(compact) and _FOOTER_RE.search(compact)
    )
    if footer or _SCAN_RE.match(compact) or _NEIGHBOUR_RE.match(compact):
        return _Chrome.TERMINATOR
    if _RELATED_RE.match(compact):
        return _Chrome.TERMINATOR
    chrome = (
        _BREADCRUMB_RE.search(compact) or _COUNTER_RE.match(compact) or _FONT_SIZE_RE.match(compact)
    )
    return _Chrome.CHROME if chrome else _Chrome.NONE


# --------------------------------------------------------------------------------------------
# Metadata fields: "发布日期：…", "标　　题：…", "来源: 发布日期:… 字体:"
# --------------------------------------------------------------------------------------------

_FIELD_TITLE = "标题"
_FIELD_UNIT = "发文机关"
_FIELD_DOC_NUMBER = "发文字号"
_FIELD_WRITTEN = "成文日期"
_FIELD_PUBLISHED = "发布日期"
_FIELD_SOURCE = "来源"
_FIELD_MODE = "公开方式"
_FIELD_EDITORIAL = "编辑"
_FIELD_OTHER = "其他"

_FIELD_LABELS = {
    _FIELD_TITLE: "标题 文件标题 文件名称 信息名称",
    _FIELD_UNIT: "发文机关 发文单位 发布机构 发布机关 制发机关 发文部门 成文单位",
    _FIELD_DOC_NUMBER: "发文字号 文号 文件编号",
    _FIELD_WRITTEN: "成文日期 成文时间 印发日期",
    _FIELD_PUBLISHED: "发布日期 发布时间 公开日期 公开时间 日期 时间",
    _FIELD_SOURCE: "来源 信息来源 文章来源 稿件来源 来源单位",
    _FIELD_MODE: "公开方式 公开属性 公开形式 公开类别",
    _FIELD_EDITORIAL: (
        "责任编辑 编辑 审核 审校 校对 作者 发布人 浏览次数 点击数 访问量 阅读次数 浏览量 字体 字号"
    ),
    _FIELD_OTHER: (
        "索引号 主题分类 主题词 有效性 公开范围 组配分类 体裁分类 服务对象 公文种类"
        " 废止日期 失效日期 生成日期 施行日期 实施日期 信息类别 分类 所属机构 有效期"
    ),
}
_CANONICAL_LABEL = {label: key for key, labels in _FIELD_LABELS.items() for label in labels.split()}
# Short labels are common words: only a label when no Chinese character comes right before them.
_SHORT_LABELS = frozenset({"日期", "时间", "来源", "文号", "字号", "编辑", "作者", "分类", "字体"})
# Fields that may follow the body (editor's name, counters, source): taken, and never body text.
_TRAILING_FIELDS = frozenset({_FIELD_SOURCE, _FIELD_PUBLISHED, _FIELD_EDITORIAL})
# A label alone on its line whose value is on the next line (a table copied as text).
_DANGLING_FIELDS = frozenset(
    {_FIELD_TITLE, _FIELD_UNIT, _FIELD_DOC_NUMBER, _FIELD_WRITTEN, _FIELD_PUBLISHED}
)


def _label_pattern(label: str) -> str:
    spaced = r"[ \t\u3000]*".join(re.escape(ch) for ch in label)
    return rf"(?<![\u4e00-\u9fff]){spaced}" if label in _SHORT_LABELS else spaced


_FIELD_LABEL_RE = re.compile(
    r"(?P<label>"
    + "|".join(_label_pattern(label) for label in sorted(_CANONICAL_LABEL, key=len, reverse=True))
    + r")[ \t\u3000]*[:：]"
)
_FIELD_LINE_START_RE = re.compile(r"[\s【\[［]*")
_FIELD_VALUE_STRIP = " \t\u3000|｜【】[]［］"


def _field_line(line: str) -> dict[str, str] | None:
    """The fields of a metadata line (one or several "label: value"), None if it is not one."""
    matches = list(_FIELD_LABEL_RE.finditer(line))
    start = _FIELD_LINE_START_RE.match(line)
    if not matches or matches[0].start() != (start.end() if start else 0):
        return None
    fields: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        key = _CANONICAL_LABEL[_WHITESPACE_RE.sub("", match["label"])]
        value = _WHITESPACE_RE.sub(" ", line[match.end() : end].strip(_FIELD_VALUE_STRIP))
        if value or key not in fields:
            fields[key] = fields.get(key) or value
    return fields


def _dangling_value(key: str, line: str) -> str | None:
    """``line`` as the value of a label left alone on the previous line, if it fits that label."""
    checks = {
        _FIELD_TITLE: lambda: _title_score(line) > 0,
        _FIELD_UNIT: lambda: _unit_line(line) is not None,
        _FIELD_DOC_NUMBER: lambda: _doc_number_line(line) is not None,
        _FIELD_WRITTEN: lambda: _find_date(line) is not None,
        _FIELD_PUBLISHED: lambda: _find_date(line) is not None,
    }
    check = checks.get(key)
    return line if check is not None and check() else None


# --------------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------------


class _Kind(Enum):
    TEXT = auto()
    CHROME = auto()
    TERMINATOR = auto()
    FIELDS = auto()
    DOC_NUMBER = auto()
    DATE = auto()
    DISCLOSURE = auto()
    CONSUMED = auto()  # the value of a dangling label on the line before


@dataclass
class _Line:
    text: str
    kind: _Kind
    fields: dict[str, str] = field(default_factory=dict)
    when: date | None = None
    iso_date: bool = False
    mode: str | None = None
    doc_number: str | None = None


def _classify(text: str) -> _Line:
    mode = _disclosure_line(text)
    if mode is not None:
        return _Line(text, _Kind.DISCLOSURE, mode=mode)
    chrome = _chrome_kind(text)
    if chrome is not _Chrome.NONE:
        return _Line(text, _Kind.TERMINATOR if chrome is _Chrome.TERMINATOR else _Kind.CHROME)
    fields = _field_line(text)
    if fields is not None:
        return _Line(text, _Kind.FIELDS, fields=fields)
    doc_number = _doc_number_line(text)
    if doc_number is not None:
        return _Line(text, _Kind.DOC_NUMBER, doc_number=doc_number)
    dated = _date_line(text)
    if dated is not None:
        return _Line(text, _Kind.DATE, when=dated[0], iso_date=dated[1])
    return _Line(text, _Kind.TEXT)


def _classify_all(texts: Sequence[str]) -> list[_Line]:
    lines = [_classify(text) for text in texts]
    for current, following in itertools.pairwise(lines):
        if current.kind is not _Kind.FIELDS or following.kind is _Kind.CONSUMED:
            continue
        empty = [key for key, value in current.fields.items() if not value]
        if len(current.fields) != 1 or len(empty) != 1 or empty[0] not in _DANGLING_FIELDS:
            continue
        if following.kind in {_Kind.TEXT, _Kind.DATE, _Kind.DOC_NUMBER}:
            value = _dangling_value(empty[0], following.text)
            if value is not None:
                current.fields[empty[0]] = value
                following.kind = _Kind.CONSUMED
    return lines


# --------------------------------------------------------------------------------------------
# Document assembly
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hints:
    """Values an HTML page states in its <meta> tags (政府网站发展指引), preferred over the text."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    fallback_title: str | None = None  # from <title>, used only when nothing else is found


@dataclass
class _Draft:
    fields: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    body: list[str] = field(default_factory=list)
    body_dates: list[tuple[int, date, bool]] = field(default_factory=list)  # (index, date, iso)
    pre_body_dates: list[date] = field(default_factory=list)
    doc_number: str | None = None
    mode: str | None = None
    mode_index: int | None = None  # body length when the disclosure line was met

    def take_fields(self, fields: dict[str, str]) -> None:
        for key, value in fields.items():
            if value and not self.fields.get(key):
                self.fields[key] = value


def _head_end(lines: Sequence[_Line]) -> int:
    """Index of the first line that can only be body text; lines before it are the page head."""
    for index, line in enumerate(lines):
        if line.kind is _Kind.TEXT and _is_clear_body(line.text):
            return index
    return len(lines)


def _locate_title(lines: Sequence[_Line], title: str) -> tuple[int, int] | None:
    """First span of one to three consecutive lines that spell ``title``."""
    wanted = _key(title)
    if not wanted:
        return None
    for start in range(len(lines)):
        joined = ""
        for end in range(start, min(start + 3, len(lines))):
            joined += _key(lines[end].text)
            if joined == wanted:
                return start, end
            if not wanted.startswith(joined) or lines[end].kind is not _Kind.TEXT:
                break
    return None


def _pick_title(lines: Sequence[_Line], head_end: int) -> tuple[str, tuple[int, int]] | None:
    """The most title-like line of the page head (a two-line title is joined)."""
    best: tuple[int, int] | None = None  # (score, index)
    for index in range(head_end):
        if lines[index].kind is not _Kind.TEXT:
            continue
        score = _title_score(lines[index].text)
        if score > 0 and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        return None
    index = best[1]
    text = lines[index].text
    if index > 0 and "关于" not in text and lines[index - 1].kind is _Kind.TEXT:
        previous = lines[index - 1].text
        if re.search(r"(?:关于|印发|转发|批转)$", _compact(previous)) and _title_score(previous):
            return _normalise_title(previous + text), (index - 1, index)
    return _normalise_title(text), (index, index)


def _normalise_title(title: str) -> str:
    return _WHITESPACE_RE.sub(" ", title.replace("\u3000", " ")).strip()


def _body_start(lines: Sequence[_Line], head_end: int) -> int:
    """Where the body starts when no title line was found in the text."""
    markers = [
        index
        for index in range(head_end)
        if lines[index].kind in {_Kind.FIELDS, _Kind.DOC_NUMBER, _Kind.CONSUMED}
    ]
    if markers:
        return markers[-1] + 1
    return head_end if head_end < len(lines) else 0


def _collect_head(draft: _Draft, lines: Sequence[_Line], stop: int) -> None:
    for line in lines[:stop]:
        if line.kind is _Kind.FIELDS:
            draft.take_fields(line.fields)
        elif line.kind is _Kind.DOC_NUMBER and draft.doc_number is None:
            draft.doc_number = line.doc_number
        elif line.kind is _Kind.DISCLOSURE and draft.mode is None:
            draft.mode = line.mode


def _collect_body(draft: _Draft, lines: Sequence[_Line], start: int) -> None:
    title_key = _key(draft.title or "")
    for line in lines[start:]:
        if line.kind in {_Kind.CHROME, _Kind.CONSUMED}:
            continue
        if line.kind is _Kind.TERMINATOR:
            if draft.body:
                return
            continue
        if line.kind is _Kind.DISCLOSURE:
            draft.mode = draft.mode or line.mode
            draft.mode_index = len(draft.body) if draft.mode_index is None else draft.mode_index
            continue
        if not draft.body and _take_pre_body(draft, line, title_key):
            continue
        if draft.body and line.kind is _Kind.FIELDS and set(line.fields) <= _TRAILING_FIELDS:
            draft.take_fields(line.fields)
            continue
        if line.kind is _Kind.DATE and line.when is not None:
            draft.body_dates.append((len(draft.body), line.when, line.iso_date))
        draft.body.append(line.text)


def _take_pre_body(draft: _Draft, line: _Line, title_key: str) -> bool:
    """Handle a line between the title and the first paragraph; True if it is not body text."""
    if line.kind is _Kind.FIELDS:
        draft.take_fields(line.fields)
        return True
    if line.kind is _Kind.DOC_NUMBER:
        draft.doc_number = draft.doc_number or line.doc_number
        return True
    if line.kind is _Kind.DATE and line.iso_date and line.when is not None:
        draft.pre_body_dates.append(line.when)  # "2024-06-05" under a title is its 发布日期
        return True
    return bool(title_key) and _key(line.text) == title_key


def _written_on(draft: _Draft) -> tuple[date | None, int | None]:
    """成文日期 and the body index of its line: the date line closing the main text."""
    explicit = _find_date(draft.fields.get(_FIELD_WRITTEN, ""))
    if explicit is not None:
        return explicit, None
    dates = [(index, found) for index, found, iso in draft.body_dates if not iso]
    dates = dates or [(index, found) for index, found, _ in draft.body_dates]
    if draft.mode_index is not None:
        before = [entry for entry in dates if entry[0] < draft.mode_index]
        if before:
            return before[-1][1], before[-1][0]
    if dates:
        return dates[0][1], dates[0][0]
    return None, None


def _signature_units(body: Sequence[str], date_index: int | None) -> list[str]:
    """Unit names on the lines right above the 成文日期 line (the 署名)."""
    if date_index is None:
        return []
    units: list[str] = []
    index = date_index - 1
    while index >= 0 and len(units) < 6:
        names = _unit_line(body[index])
        if names is None:
            break
        units[:0] = names
        index -= 1
    return units


_TITLE_UNITS_RE = re.compile(r"(?P<units>.+?)(?:关于|印发|转发|批转)")
_NOT_UNIT_SOURCES = frozenset({"本网", "本站", "原创", "转载", "网络", "其他", "无"})
_NOT_UNIT_SOURCE_END_RE = re.compile(r"(?:网|网站|门户|报|新闻|杂志|电视台|广播|客户端)$")


def _title_units(title: str) -> list[str]:
    """Issuing units named before 关于/印发 in the title: "南昌市财政局 南昌市人社局关于…"."""
    match = _TITLE_UNITS_RE.match(_fold(title))
    if match is None:
        return []
    names = _split_units(match["units"])
    return names if names and all(_is_unit(name) for name in names) else []


def _source_units(value: str | None) -> list[str]:
    names = _split_units(value or "")
    if not names or any(
        name in _NOT_UNIT_SOURCES or _NOT_UNIT_SOURCE_END_RE.search(name) for name in names
    ):
        return []
    return names


def _units(
    draft: _Draft, hints: _Hints, written_index: int | None, default: str | None
) -> list[str]:
    candidates: Iterable[list[str]] = (
        _split_units(draft.fields.get(_FIELD_UNIT, "")),
        _title_units(draft.title or ""),
        _signature_units(draft.body, written_index),
        _source_units(hints.source),
        _source_units(draft.fields.get(_FIELD_SOURCE)),
        [default.strip()] if default and default.strip() else [],
    )
    for names in candidates:
        if names:
            return list(dict.fromkeys(names))
    return []


def _doc_number_field(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value and any(ch.isdigit() for ch in value) else None


def _parse_lines(
    texts: Sequence[str], source_name: str, default_unit: str | None, hints: _Hints
) -> ParsedPolicy:
    lines = _classify_all(texts)
    head_end = _head_end(lines)
    draft = _Draft()
    _collect_head(draft, lines, head_end)
    draft.title = _normalise_title(hints.title or draft.fields.get(_FIELD_TITLE, "")) or None
    span = _locate_title(lines, draft.title) if draft.title else None
    if draft.title is None:
        picked = _pick_title(lines, head_end)
        if picked is not None:
            draft.title, span = picked
    start = span[1] + 1 if span else _body_start(lines, head_end)
    _collect_body(draft, lines, start)
    if draft.title is None and hints.fallback_title and _title_score(hints.fallback_title) >= 2:
        draft.title = _normalise_title(hints.fallback_title)
    return _finish(draft, hints, source_name, default_unit)


def _finish(
    draft: _Draft, hints: _Hints, source_name: str, default_unit: str | None
) -> ParsedPolicy:
    problems: list[str] = []
    written_on, written_index = _written_on(draft)
    published_on = (
        _find_date(hints.published or "")
        or _find_date(draft.fields.get(_FIELD_PUBLISHED, ""))
        or (draft.pre_body_dates[0] if draft.pre_body_dates else None)
    )
    units = _units(draft, hints, written_index, default_unit)
    if not draft.title:
        problems.append(_NO_TITLE)
    if not units:
        problems.append(_NO_UNIT)
    if not draft.body:
        problems.append(_NO_BODY)
    if written_on and published_on and published_on < written_on:
        problems.append(
            f"发布日期（{published_on.isoformat()}）早于成文日期（{written_on.isoformat()}）"
        )
    if problems:
        raise PolicyParseError(source_name, problems)
    return ParsedPolicy(
        title=draft.title or "",
        units=units,
        doc_number=draft.doc_number or _doc_number_field(draft.fields.get(_FIELD_DOC_NUMBER)),
        written_on=written_on,
        published_on=published_on,
        disclosure_mode=draft.mode or _disclosure_value(draft.fields.get(_FIELD_MODE, "")),
        body="\n\n".join(draft.body),
        source_name=source_name,
    )


# --------------------------------------------------------------------------------------------
# HTML to text
# --------------------------------------------------------------------------------------------

_DROPPED_TAGS = (
    "script", "style", "noscript", "template", "nav", "iframe", "frame", "form", "button", "select",
    "input", "textarea", "svg", "canvas", "object", "embed", "audio", "video", "map", "dialog",
)  # fmt: skip
_BLOCK_TAGS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "thead", "tbody", "tfoot",
    "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center",
    "address", "figure", "figcaption", "hr", "header", "footer", "aside", "caption", "fieldset",
    "body",
)  # fmt: skip
# class/id words of page chrome: matched inside a word for these ...
_CHROME_ATTR_RE = re.compile(
    r"breadcrumb|crumb|share|print|qrcode|qr-code|qr_code|erweima|footer|nav|menu|toolbar|sidebar"
    r"|copyright|related|fontsize|font-size|font_size|pagination|goback|backtop|gotop|go-top|advert"
)
# ... and only as a whole word (split on space, - and _) for these short ones.
_CHROME_ATTR_WORDS = frozenset(
    {"ewm", "dqwz", "xglj", "xgwz", "top", "prev", "next", "pager", "skip", "search", "login",
     "position", "location", "banner", "ad", "ads", "tools", "foot", "bottom"}
)  # fmt: skip
_ATTR_WORD_SPLIT_RE = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _attr_text(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def _tags(root: Tag, names: str | Sequence[str] | bool) -> list[Tag]:
    found = root.find_all(names) if not isinstance(names, bool) else root.find_all(True)
    return [item for item in found if isinstance(item, Tag)]


def _is_chrome_element(tag: Tag) -> bool:
    if tag.name == "footer":
        return tag.find_parent(["article", "main"]) is None
    if tag.name == "header":  # a site header, unless it belongs to the article or holds its title
        headings = _tags(tag, ["h1", "h2", "h3"])
        return tag.find_parent(["article", "main"]) is None and not any(
            _title_score(heading.get_text()) >= 2 for heading in headings
        )
    if tag.has_attr("hidden") or _HIDDEN_STYLE_RE.search(_attr_text(tag, "style")):
        return True
    attrs = f"{_attr_text(tag, 'class')} {_attr_text(tag, 'id')}".lower().strip()
    if not attrs:
        return False
    if _CHROME_ATTR_RE.search(attrs):
        return True
    return any(word in _CHROME_ATTR_WORDS for word in _ATTR_WORD_SPLIT_RE.split(attrs))


def _content_node(root: Tag) -> Tag | None:
    """The element holding most paragraph text: it and its ancestors are never dropped."""
    scores: dict[int, tuple[Tag, int]] = {}
    for paragraph in _tags(root, ["p", "td", "li", "h1", "h2", "h3"]):
        length = len(paragraph.get_text(strip=True))
        parent = paragraph.parent
        if length >= 10 and isinstance(parent, Tag):
            _, total = scores.get(id(parent), (parent, 0))
            scores[id(parent)] = (parent, total + length)
    if not scores:
        return None
    return max(scores.values(), key=lambda entry: entry[1])[0]


def _drop_chrome(root: Tag) -> None:
    for tag in _tags(root, list(_DROPPED_TAGS)):
        if not tag.decomposed:
            tag.decompose()
    for comment in root.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    content = _content_node(root)
    protected = {id(root)} if content is None else {id(root), id(content)}
    if content is not None:
        protected.update(id(parent) for parent in content.parents)
    for tag in _tags(root, True):
        if not tag.decomposed and id(tag) not in protected and _is_chrome_element(tag):
            tag.decompose()


# A line break in the HTML source between two Chinese characters is dropped, not made a space
# (CSS Text 3 segment-break rule for East Asian wide characters); other breaks become a space.
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_WIDE_BREAK_RE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")
_HTML_SPACE_RE = re.compile(r"[ \t\r\n\f]+")


def _collapse_html_space(text: str) -> str:
    return _HTML_SPACE_RE.sub(" ", _WIDE_BREAK_RE.sub("", text))


def _mark_blocks(root: Tag) -> None:
    for text in list(root.find_all(string=True)):
        if isinstance(text, NavigableString) and text.find_parent(["pre", "textarea"]) is None:
            text.replace_with(_collapse_html_space(str(text)))
    for cell in _tags(root, ["td", "th"]):
        label = _compact(cell.get_text())
        if label in _CANONICAL_LABEL:  # a label cell without its colon: "发文机关" | "国务院"
            cell.append("：")
        cell.append("\t")
    for br in _tags(root, "br"):
        br.replace_with("\n")
    for block in _tags(root, list(_BLOCK_TAGS)):
        block.insert_before("\n")
        block.append("\n")


def _meta_content(soup: BeautifulSoup, name: str) -> str | None:
    for meta in _tags(soup, "meta"):
        if _attr_text(meta, "name").strip().lower() == name.lower():
            content = _attr_text(meta, "content").strip()
            if content:
                return content
    return None


def _page_title(soup: BeautifulSoup) -> str | None:
    title = soup.find("title")
    if not isinstance(title, Tag):
        return None
    first = re.split(r"\s*[_|｜—–-]\s*", title.get_text().strip(), maxsplit=1)[0]
    return first or None


def _html_to_text(html: str) -> tuple[str, _Hints]:
    soup = BeautifulSoup(html, "lxml")
    hints = _Hints(
        title=_meta_content(soup, "ArticleTitle"),
        published=_meta_content(soup, "PubDate"),
        source=_meta_content(soup, "ContentSource"),
        fallback_title=_page_title(soup),
    )
    root = soup.body if isinstance(soup.body, Tag) else soup
    _drop_chrome(root)
    _mark_blocks(root)
    return root.get_text(), hints


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def _check_text(text: str, source_name: str) -> None:
    if not text.strip():
        raise PolicyParseError(source_name, [_EMPTY])
    if _looks_binary(text):
        raise PolicyParseError(source_name, [_BINARY])


def parse_policy_text(
    text: str, *, source_name: str, default_unit: str | None = None
) -> ParsedPolicy:
    """Parse a policy page saved as plain text (e.g. copied from the browser)."""
    _check_text(text, source_name)
    return _parse_lines(_split_lines(text), source_name, default_unit, _Hints())


def parse_policy_html(
    html: str, *, source_name: str, default_unit: str | None = None
) -> ParsedPolicy:
    """Parse a policy page saved as HTML; its ArticleTitle/PubDate/ContentSource meta tags win."""
    _check_text(html, source_name)
    text, hints = _html_to_text(html)
    return _parse_lines(_split_lines(text), source_name, default_unit, hints)


_HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".jhtml", ".asp", ".aspx", ".jsp"})
_HTML_START_RE = re.compile(r"\s*(?:<!doctype\s+html|<html\b|<\?xml|<head\b|<meta\b|<!--)", re.I)
_HTML_TAG_RE = re.compile(r"<(?:html|body|head|div|p|table|span|br)\b[^>]*>", re.IGNORECASE)


def _is_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in _HTML_SUFFIXES or _HTML_START_RE.match(text):
        return True
    if path.suffix.lower() == ".txt":
        return False
    return len(_HTML_TAG_RE.findall(text[:8192])) >= 3


def _decode(data: bytes, source_name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PolicyParseError(source_name, [_UNDECODABLE]) from None
    if b"\x00" in data[:8192]:
        raise PolicyParseError(source_name, [_BINARY])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PolicyParseError(source_name, [_UNDECODABLE])


def parse_policy_file(path: Path, *, default_unit: str | None = None) -> ParsedPolicy:
    """Read a saved page (UTF-8 with or without BOM, else GB18030) and parse it as HTML or text."""
    source_name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        problem = f"无法读取文件（{error.strerror or error}）"
        raise PolicyParseError(source_name, [problem]) from None
    if not data.strip():
        raise PolicyParseError(source_name, [_EMPTY])
    text = _decode(data, source_name)
    if _is_html(path, text):
        return parse_policy_html(text, source_name=source_name, default_unit=default_unit)
    return parse_policy_text(text, source_name=source_name, default_unit=default_unit)
