"""Formal errors: 发文字号 written wrongly, broken numbering, unbalanced quotes and brackets,
duplicated characters and half-width punctuation in Chinese text.

GB/T 9704-2012 §7.2.4: 发文字号 = 机关代字 + year in 六角括号 〔〕 + serial number (no 第, no leading
zeros) + 号, e.g. 洪府办发〔2024〕31号 (gongkai/library/docnumbers.py validates the field).
GB/T 15834-2011: Chinese text takes full-width punctuation; quotes and book-title marks pair.
"""

from __future__ import annotations

import datetime as dt
import re

import rjieba

from gongkai.checker.findings import Finding
from gongkai.checker.rules import Ruleset
from gongkai.checker.wording import on_word_boundaries

# --- 发文字号 ---------------------------------------------------------------------------------

_DOC_CORE = re.compile(
    r"(?P<open>[\[【(（［〔{])\s*(?P<year>\d{2,4})\s*(?P<close>[\]】)）］〕}])\s*(?P<di>第)?\s*"
    r"(?P<serial>\d{1,5})\s*号"
)
# Words that end the prose before an organ code: 根据洪府办发[2024]31号 -> 洪府办发.
_LEAD_WORDS = (
    "根据", "按照", "依据", "依照", "参照", "对照", "执行", "落实", "印发", "转发", "见", "和",
    "及", "与", "或", "的", "是", "为", "即", "文件", "通知", "意见", "办法", "规定", "精神",
    "要求", "已经", "经", "以", "由", "在", "于",
)  # fmt: skip
_MIN_YEAR = 1949


def _organ_before(text: str, start: int) -> tuple[int, str]:
    i = start
    while i > 0 and start - i < 15 and "\u4e00" <= text[i - 1] <= "\u9fff":
        i -= 1
    organ = text[i:start]
    cut = 0
    for word in _LEAD_WORDS:
        at = organ.rfind(word)
        if at >= 0 and at + len(word) < len(organ):
            cut = max(cut, at + len(word))
    return i + cut, organ[cut:]


def find_doc_numbers(text: str, today: dt.date, written_on: dt.date | None) -> list[Finding]:
    if "号" not in text:
        return []
    findings = []
    for m in _DOC_CORE.finditer(text):
        year, serial = m["year"], m["serial"]
        problems = []
        brackets = m["open"] + m["close"]
        if brackets != "〔〕":
            problems.append(f"年份应使用六角括号〔〕，不能使用“{brackets}”")
        if len(year) != 4:
            problems.append("年份应写全称（四位数字）")
        if m["di"]:
            problems.append("顺序号前不加“第”字")
        if len(serial) > 1 and serial.startswith("0"):
            problems.append("顺序号不编虚位（1不编为01）")
        if len(year) == 4:
            y = int(year)
            if y < _MIN_YEAR:
                problems.append(f"年份{y}早于1949年")
            elif y > today.year:
                problems.append(f"年份{y}晚于今年")
            elif written_on is not None and y > written_on.year:
                problems.append(f"年份{y}晚于成文日期（{written_on.isoformat()}）")
        if not problems:
            continue
        start, organ = _organ_before(text, m.start())
        if not organ:
            continue
        fixed = f"{organ}〔{year}〕{int(serial)}号" if len(year) == 4 else ""
        raw = text[start : m.end()]
        findings.append(
            Finding(
                "doc_number_format",
                "warn",
                start,
                m.end(),
                raw,
                f"发文字号“{raw}”格式错误：{'；'.join(problems)}（GB/T 9704-2012）。",
                fixed if fixed != raw else "",
            )
        )
    return findings


# --- numbering ---------------------------------------------------------------------------------

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_HEADING_BODY = (
    r"[ \t\u3000]*(?:"
    r"(?P<l1>[一二三四五六七八九十]{1,3})、"
    r"|(?P<o2>[（(])(?P<l2>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<l3>\d{1,2})(?P<p3>[.．、])(?!\d)"
    r"|(?P<o4>[（(])(?P<l4>\d{1,2})[）)]"
    r"|(?P<l5>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"
    r")"
)
# A literal line break first lets the regex engine jump from line to line.
_HEADING_FIRST = re.compile(_HEADING_BODY)
_HEADING = re.compile("\n" + _HEADING_BODY)


def _cn_number(s: str) -> int | None:
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, 0) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o if t else None
    return _CN_DIGITS.get(s) if len(s) == 1 else None


def _cn_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _heading_form(level: str, n: int, m: re.Match[str]) -> str:
    if level == "l1":
        return f"{_cn_numeral(n)}、"
    if level == "l2":
        close = "）" if m["o2"] == "（" else ")"
        return f"{m['o2']}{_cn_numeral(n)}{close}"
    if level == "l3":
        return f"{n}{m['p3']}"
    if level == "l4":
        close = "）" if m["o4"] == "（" else ")"
        return f"{m['o4']}{n}{close}"
    return chr(ord("①") + n - 1)


def find_numbering(text: str) -> list[Finding]:
    """Heading numbers must go up by one; starting again at 1 (a new list) is allowed, and so is
    carrying the (一)(二)… series on across 一、二、 sections, as government documents do."""
    findings = []
    last: dict[str, int] = {}
    first = _HEADING_FIRST.match(text)
    for m in ([first] if first else []) + list(_HEADING.finditer(text)):
        level = next(k for k in ("l1", "l2", "l3", "l4", "l5") if m[k] is not None)
        raw = m[level]
        if level in ("l1", "l2"):
            n = _cn_number(raw)
        elif level == "l5":
            n = ord(raw) - ord("①") + 1
        else:
            n = int(raw)
        if n is None or n == 0:
            continue
        previous = last.get(level)
        last[level] = n
        if n == 1 or previous is None or n == previous + 1:
            continue
        got = _heading_form(level, n, m)
        expected = _heading_form(level, previous + 1, m)
        start = m.start() + len(m.group()) - len(m.group().lstrip("\n \t\u3000"))
        findings.append(
            Finding(
                "structure",
                "warn",
                start,
                m.end(),
                got,
                f"编号不连续：“{_heading_form(level, previous, m)}”之后是“{got}”。"
                if n != previous
                else f"编号重复：“{got}”出现两次。",
                expected,
            )
        )
    return findings


# --- paired punctuation --------------------------------------------------------------------------

_PAIRS = {"《": "》", "“": "”", "（": "）", "(": ")", "‘": "’"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_PAIR_CHARS = re.compile(r"[《》“”（）()‘’]")
_SAME = {"(": "（", ")": "）"}  # half- and full-width parentheses pair with each other


def _counts_balance(line: str) -> bool:
    return (
        line.count("《") == line.count("》")
        and line.count("“") == line.count("”")
        and line.count("‘") == line.count("’")
        and line.count("（") + line.count("(") == line.count("）") + line.count(")")
    )


def find_unbalanced(text: str) -> list[Finding]:
    """Per paragraph (line), every 《“（‘ needs its closing mark, and no closing mark is stray.
    Lines whose marks are equal in number are taken as balanced (the exact walk over the marks
    runs only on the others), which keeps this cheap on long texts."""
    findings: list[Finding] = []
    offset = 0
    for line in text.split("\n"):
        if not _counts_balance(line):
            findings += [
                Finding(f.kind, f.severity, f.start + offset, f.end + offset, f.excerpt, f.message)
                for f in _walk_marks(line)
            ]
        offset += len(line) + 1
    return findings


def _walk_marks(text: str) -> list[Finding]:
    findings = []
    stacks: dict[str, list[int]] = {}
    line_end = -1

    def flush() -> None:
        for opener, positions in stacks.items():
            for pos in positions:
                findings.append(
                    _unbalanced(pos, opener, f"“{opener}”没有对应的“{_PAIRS[opener]}”。")
                )
        stacks.clear()

    for m in _PAIR_CHARS.finditer(text):
        pos = m.start()
        if pos > line_end:
            flush()
            line_end = text.find("\n", pos)
            if line_end < 0:
                line_end = len(text)
        ch = m.group()
        if ch in _PAIRS:
            stacks.setdefault(_SAME.get(ch, ch), []).append(pos)
        else:
            opener = _SAME.get(_CLOSERS[ch], _CLOSERS[ch])
            stack = stacks.get(opener)
            if stack:
                stack.pop()
            else:
                findings.append(_unbalanced(pos, ch, f"“{ch}”前面没有对应的“{_CLOSERS[ch]}”。"))
    flush()
    return findings


def _unbalanced(pos: int, ch: str, message: str) -> Finding:
    return Finding("structure", "warn", pos, pos + 1, ch, "标点不成对：" + message)


# --- duplicated characters ------------------------------------------------------------------------

_DOUBLE = re.compile(r"([\u4e00-\u9fff])\1")
# Function words typed twice are the common slip (我们们, 完成了了, 的的). Other characters are not
# reported: doubled characters in place names (西西大道) and words meeting on a character
# (耕地|地力, 市|市场监管局) are far more frequent than typing slips.
_FUNCTION_CHARS = frozenset("的了着过是在和与及对把被将为按于以要也都就还又并而们之其")


def find_duplicates(text: str, ruleset: Ruleset) -> list[Finding]:
    """的的, 了了: a character typed twice. Reduplications (常常, 看看) are in a list; words that
    contain the pair (不了了之, 的的确确) or two words that meet on it (中国|国家) are not errors —
    the segmentation of the few characters around decides."""
    findings = []
    for m in _DOUBLE.finditer(text):
        pair = m.group()
        if pair[0] not in _FUNCTION_CHARS or pair in ruleset.reduplications:
            continue
        start = m.start()
        lo = max(0, start - 6)
        tokens = rjieba.tokenize(text[lo : start + 8])
        first = next(((s, e) for _w, s, e in tokens if s <= start - lo < e), None)
        second = next(((s, e) for _w, s, e in tokens if s <= start + 1 - lo < e), None)
        if first is None or second is None or first == second:
            continue  # one word holds both characters
        single = (first[1] - first[0] == 1, second[1] - second[0] == 1)
        if not any(single):
            continue  # words meeting on the character: 中国|国家, 耕地|地力
        findings.append(
            Finding(
                "structure",
                "warn",
                start,
                start + 2,
                pair,
                f"疑似重复字：“{pair}”。",
                pair[0],
            )
        )
    return findings


# --- repeated words ---------------------------------------------------------------------------------

_REPEATED = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_NUMERALS = frozenset("〇○零一二三四五六七八九十百千万亿两")


def find_repeated_words(text: str, ruleset: Ruleset) -> list[Finding]:
    """工作工作, 实施方案实施方案: a word of two to four characters typed twice. Not reported: the
    reduplicated verbs and adjectives in the list (研究研究, 雪白雪白), a word in quotation marks
    (a quoted utterance), numerals (一二一二), and a repetition that the segmentation of the
    characters around does not cut as two whole words (发展|发展中国家)."""

    findings = []
    for m in _REPEATED.finditer(text):
        word = m.group(1)
        span = m.group()
        if len(set(word)) == 1 or span in ruleset.reduplications or set(word) <= _NUMERALS:
            continue
        start, end = m.start(), m.end()
        line = text[text.rfind("\n", 0, start) + 1 : start]
        if line.count("“") > line.count("”") or line.count("「") > line.count("」"):
            continue
        if not on_word_boundaries(text, start, end):
            continue
        findings.append(
            Finding(
                "structure",
                "warn",
                start,
                end,
                span,
                f"疑似重复词：“{span}”（“{word}”重复了一次）。",
                word,
            )
        )
    return findings


# --- half-width punctuation in Chinese text ---------------------------------------------------------

_HALF = re.compile(r"[\u4e00-\u9fff][,;:?!][\u4e00-\u9fff“‘《（]")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


_HALF_LIMIT = 10


def find_half_width(text: str) -> list[Finding]:
    """Each half-width mark between Chinese characters; a text that uses them throughout gets
    one finding (at the first) instead of hundreds."""
    if not any(mark in text for mark in _FULL):
        return []
    found: list[int] = []
    at = 0
    while (m := _HALF.search(text, at)) is not None:
        found.append(m.start() + 1)
        at = m.start() + 2  # the next mark may follow one character later: 甲,乙,丙
    if len(found) > _HALF_LIMIT:
        first = found[0]
        return [
            Finding(
                "structure",
                "info",
                first,
                first + 1,
                text[first],
                f"全文有{len(found)}处中文之间使用了半角标点（, ; : ? !），应统一改为全角标点"
                "（GB/T 15834）。",
                _FULL[text[first]],
            )
        ]
    return [
        Finding(
            "structure",
            "info",
            pos,
            pos + 1,
            text[pos],
            f"中文文本中使用了半角标点“{text[pos]}”，应使用全角标点（GB/T 15834）。",
            _FULL[text[pos]],
        )
        for pos in found
    ]
