"""Wording: sensitive words, common wrong expressions (错别字、不规范用语) and facts that go stale
(leaders' titles outside their period in office, institutions' names used after a renaming).

Inspections fail a whole website for one serious wording error (国办秘函〔2019〕19号: 严重表述
错误, e.g. 领导小姐, 攻府, wrong leader titles — DOMAIN.md §5).

Chinese has no spaces, so "whole word" means: the match starts and ends on a boundary of the
segmentation (rjieba) of the sentence around it. Only the few characters around a match are
segmented, so a clean text costs one Aho-Corasick pass per list.
"""

from __future__ import annotations

import datetime as dt
import re

import rjieba

from gongkai.checker.findings import Finding
from gongkai.checker.rules import Haystack, Ruleset

_WINDOW = 8


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not cut out of a longer word by the segmentation."""
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    cuts = set()
    for _word, s, e in rjieba.tokenize(text[lo:hi]):
        cuts.add(lo + s)
        cuts.add(lo + e)
    return start in cuts and end in cuts


def find_sensitive(haystack: Haystack, ruleset: Ruleset) -> list[Finding]:
    text = haystack.text
    findings = []
    for term, start, end in ruleset.find_sensitive(haystack):
        if any(_is_cjk(c) for c in term) and not on_word_boundaries(text, start, end):
            continue
        findings.append(
            Finding(
                "sensitive_word",
                ruleset.sensitive_words[term],
                start,
                end,
                term,
                f"敏感词“{term}”：请核实上下文，确认不是网站被篡改植入的内容，也不是不宜公开的表述。",
            )
        )
    return findings


def find_wrong_expressions(haystack: Haystack, ruleset: Ruleset) -> list[Finding]:
    text = haystack.text
    findings = []
    for wrong, start, end in ruleset.find_wrong(haystack):
        # Two-character forms can straddle two words (叫做|为人民服务): require word boundaries.
        if len(wrong) <= 2 and not on_word_boundaries(text, start, end):
            continue
        correct = ruleset.wrong_expressions[wrong]
        findings.append(
            Finding(
                "wrong_expression",
                "warn",
                start,
                end,
                wrong,
                f"表述错误：“{wrong}”应为“{correct}”。",
                correct,
            )
        )
    return findings


def find_stale_facts(haystack: Haystack, ruleset: Ruleset, day: dt.date) -> list[Finding]:
    return _leaders(haystack, ruleset, day) + _renamings(haystack, ruleset, day)


def _title_positions(window: str, title: str) -> list[int]:
    found = []
    at = window.find(title)
    while at >= 0:
        # 市长 is not 副市长: a 副 before the title makes it another title.
        if title.startswith("副") or at == 0 or window[at - 1] != "副":
            found.append(at)
        at = window.find(title, at + 1)
    return found


def _leaders(haystack: Haystack, ruleset: Ruleset, day: dt.date) -> list[Finding]:
    text = haystack.text
    findings = []
    for name, start, end in ruleset.find_leader_names(haystack):
        lo = start - len(_line_before(text, start, 14))
        after = text[end : end + 8].split("\n", 1)[0]
        window = text[lo:start] + "\u0000" * (end - start) + after
        entries = [leader for leader in ruleset.leaders if leader.name == name]
        matched = []
        for leader in entries:
            for at in _title_positions(window, leader.title):
                before_title = window[max(0, at - 2) : at]
                if "原" in before_title or "前" in before_title or "时任" in window[:at]:
                    continue
                matched.append((leader, lo + at))
        if not matched or any(leader.holds_on(day) for leader, _ in matched):
            continue
        leader, title_start = matched[0]
        current = next((e for e in entries if e.holds_on(day)), None)
        period = f"{leader.start.isoformat()}至{leader.end.isoformat() if leader.end else '今'}"
        span_start = min(start, title_start)
        span_end = max(end, title_start + len(leader.title))
        findings.append(
            Finding(
                "wrong_expression",
                "warn",
                span_start,
                span_end,
                text[span_start:span_end],
                f"职务称呼与任职时间不符：{name}任“{leader.title}”为{period}，"
                f"文件日期{day.isoformat()}不在任期内。",
                f"{name}当时的职务为“{current.title}”" if current else "",
            )
        )
    return findings


def _line_before(text: str, start: int, width: int) -> str:
    window = text[max(0, start - width) : start]
    return window[window.rfind("\n") + 1 :]


def _renamings(haystack: Haystack, ruleset: Ruleset, day: dt.date) -> list[Finding]:
    text = haystack.text
    findings = []
    by_old = {r.old: r for r in ruleset.renamings}
    for old, start, end in ruleset.find_renamed(haystack):
        renaming = by_old[old]
        if day < renaming.date:
            continue
        before = _line_before(text, start, 40)
        if before[-1:] in ("原", "前") or before.endswith("时任"):
            continue
        if text[end : end + 1] in ("令", "门") or text[end : end + 2] == "关于":
            continue  # a decree or document of the old institution, or 国土资源部门
        if before.rfind("《") > before.rfind("》"):
            continue  # inside a cited title
        findings.append(
            Finding(
                "wrong_expression",
                "warn",
                start,
                end,
                old,
                f"机构名称已变更：“{old}”自{renaming.date.isoformat()}起为“{renaming.new}”，"
                "文件日期在此之后。",
                renaming.new,
            )
        )
    return findings


# --- 截止 for 截至 ------------------------------------------------------------------------------------

# 截止 (to end, intransitive: 报名于5月31日截止, 截止日期) takes no object; "up to a date" is 截至
# (截至2024年12月31日). 截止于/截止时间/截止日期 are correct and not matched.
_CUTOFF = re.compile(
    r"截止(到|至)?[ \u3000]*(?=(?:\d{4}|[〇○零一二三四五六七八九]{4})[ \u3000]*年"
    r"|\d{1,2}[ \u3000]*月[ \u3000]*\d{1,2}[ \u3000]*日|\d{4}[-./]\d{1,2}[-./]\d{1,2})"
)


def find_cutoff_dates(text: str) -> list[Finding]:
    if "截止" not in text:
        return []
    findings = []
    for m in _CUTOFF.finditer(text):
        wrong = m.group().rstrip(" \u3000")
        findings.append(
            Finding(
                "wrong_expression",
                "warn",
                m.start(),
                m.start() + len(wrong),
                wrong,
                f"表述错误：“{wrong}”后接时间点表示“到某时为止”，应为“截至”"
                "（“截止”不带宾语，如“于12月31日截止”“截止日期”）。",
                "截至",
            )
        )
    return findings
