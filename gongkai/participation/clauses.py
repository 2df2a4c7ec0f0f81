"""A draft's text split into the units people comment on, from its own numbering. No Django.

Rules and regulations number their articles 第X条, grouped in 第X章/第X节, and an article's
paragraphs (款) are the lines that follow it; normative documents usually number 一、 （一） 1.
instead. Both are recognised:

- 第X章 / 第X节 lines are headings: they are not commented on but carried as ``heading``.
- 第X条 starts an article (level 1). When an article has more than one paragraph, each
  paragraph is also a clause of its own, 第X条第Y款 (level 2), whose parent is the article.
- Without 第X条, 一、 starts a level-1 item, （一） a level-2 item inside it, and 1. / 1、 a
  level-3 item; a level-2 item's number is prefixed by its parent's (一（二）).
- Text before the first numbered clause (the preamble) is a clause numbered 前言 when present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CN_DIGITS = "〇零一二三四五六七八九十百千两"
_ARTICLE = re.compile(rf"^第([{_CN_DIGITS}\d]+)条[\s　]*")
_HEADING = re.compile(rf"^第([{_CN_DIGITS}\d]+)[章节编][\s　]*")
_ITEM_1 = re.compile(rf"^([{_CN_DIGITS}]+)[、．.][\s　]*")
_ITEM_2 = re.compile(rf"^[（(]([{_CN_DIGITS}]+)[）)][\s　]*")
_ITEM_3 = re.compile(r"^(\d{1,3})[、．.](?!\d)[\s　]*")
_CN_NUM = "零一二三四五六七八九"


@dataclass
class ParsedClause:
    number: str
    text: str
    level: int = 1
    heading: str = ""
    parent: int | None = None  # index into the returned list
    children: list[int] = field(default_factory=list)


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (the numbering of 款)."""
    if n < 10:
        return _CN_NUM[n]
    if n < 20:
        return "十" + (_CN_NUM[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_NUM[n // 10] + "十" + (_CN_NUM[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN_NUM[rest] if rest < 10 else chinese_number(rest))
    if 10 <= rest < 20:
        tail = "一" + chinese_number(rest)
    return _CN_NUM[n // 100] + "百" + tail


def _lines(text: str) -> list[str]:
    out = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip().strip("\u3000").strip()
        if line:
            out.append(line)
    return out


def parse_clauses(text: str) -> list[ParsedClause]:
    lines = _lines(text)
    if any(_ARTICLE.match(line) for line in lines):
        return _articles(lines)
    return _items(lines)


def _articles(lines: list[str]) -> list[ParsedClause]:
    out: list[ParsedClause] = []
    heading = ""
    preamble: list[str] = []
    article: int | None = None
    paragraphs: list[str] = []

    def close() -> None:
        if article is None:
            return
        out[article].text = "\n".join(paragraphs)
        if len(paragraphs) > 1:
            for i, para in enumerate(paragraphs, start=1):
                out.append(
                    ParsedClause(
                        number=f"{out[article].number}第{chinese_number(i)}款",
                        text=para,
                        level=2,
                        heading=heading,
                        parent=article,
                    )
                )
                out[article].children.append(len(out) - 1)

    for line in lines:
        if _HEADING.match(line) and len(line) <= 60:
            close()
            article, paragraphs = None, []
            heading = re.sub(r"\s+", " ", line)
            continue
        m = _ARTICLE.match(line)
        if m:
            close()
            out.append(ParsedClause(number=f"第{m.group(1)}条", text="", heading=heading))
            article = len(out) - 1
            rest = line[m.end() :].strip()
            paragraphs = [rest] if rest else []
            continue
        if article is None:
            if not out:
                preamble.append(line)
            continue
        paragraphs.append(line)
    close()
    return _with_preamble(out, preamble)


def _items(lines: list[str]) -> list[ParsedClause]:
    out: list[ParsedClause] = []
    preamble: list[str] = []
    current: int | None = None
    stack: dict[int, int] = {}  # level → index of the open item at that level

    for line in lines:
        for level, pattern in ((1, _ITEM_1), (2, _ITEM_2), (3, _ITEM_3)):
            m = pattern.match(line)
            if m is None:
                continue
            parent = next((stack[lv] for lv in range(level - 1, 0, -1) if lv in stack), None)
            if level == 1:
                number = f"{m.group(1)}、"
            elif level == 2:
                number = f"（{m.group(1)}）"
            else:
                number = f"{m.group(1)}."
            if parent is not None:
                number = out[parent].number.rstrip("、") + number
            out.append(ParsedClause(number=number, text=line, level=level, parent=parent))
            current = len(out) - 1
            if parent is not None:
                out[parent].children.append(current)
            stack = {lv: i for lv, i in stack.items() if lv < level}
            stack[level] = current
            break
        else:
            if current is None:
                preamble.append(line)
            else:
                out[current].text += "\n" + line
    return _with_preamble(out, preamble)


def _with_preamble(out: list[ParsedClause], preamble: list[str]) -> list[ParsedClause]:
    if not preamble:
        return out
    shifted = [ParsedClause(number="前言", text="\n".join(preamble))]
    for clause in out:
        clause.parent = None if clause.parent is None else clause.parent + 1
        clause.children = [c + 1 for c in clause.children]
        shifted.append(clause)
    return shifted
