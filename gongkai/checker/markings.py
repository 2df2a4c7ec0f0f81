"""Classification markings and handling notes (密级标志、知悉范围、“内部资料”等) — a text that carries
one must not be published.

Markings are recognised by where they stand, not by the words alone: prose such as
“防止泄露国家秘密、工作秘密” or “保护个人隐私和商业秘密” uses the same words and is no finding.
A marking is a term (1) followed by ★ with or without a period (机密★5年, 秘密★长期), (2) after
“密级：”, (3) in brackets (【内部资料】, （工作秘密）), or (4) on a line made only of markings
(“内部资料  注意保存”, a lone “机密” at the head of a document); several markings may share
one pair of brackets (【内部资料 注意保存】) and a marking may be typed with spaces between its
characters (内 部 资 料). 《保守国家秘密法》: information
classified as a state secret may not be published on the internet; 条例 第十四条: classified
information is not disclosed.
"""

from __future__ import annotations

import re

from gongkai.checker.findings import Finding

_TERM_LIST = [
    "绝密",
    "机密",
    "秘密",
    "工作秘密",
    "内部资料",
    "内部使用",
    "内部参考",
    "内部文件",
    "内部材料",
    "注意保存",
    "不宜公开",
    "此件不公开",
    "此件不予公开",
    "不对外公开",
    "严禁外传",
]
# A marking may be typed with spaces between its characters (内 部 资 料, 机　密).
_SP = "[ \t\u3000]*"
_TERMS = "|".join(_SP.join(term) for term in _TERM_LIST)
_PERIOD = r"(?:\d{1,2}\s*年(?:\s*\d{1,2}\s*个月)?|\d{1,2}\s*个月|长期|[一二三四五六七八九十]{1,3}年|\d{4}年\d{1,2}月\d{1,2}日)"
_STAR = re.compile(rf"(?:{_TERMS})\s*[★☆]\s*{_PERIOD}?")
_LEVEL = re.compile(rf"密\s*级\s*[：:]\s*(?:{_TERMS}|内部)(?:\s*[★☆]\s*{_PERIOD}?)?")
# One or more markings inside one pair of brackets: 【内部资料】, 【内部资料 注意保存】,
# [ 机密 ], （内部资料　注意保存）.
_ONE_MARKING = rf"(?:{_TERMS})(?:\s*[★☆]\s*{_PERIOD}?)?"
_BRACKETED = re.compile(
    rf"[【\[（(〔［<〈]\s*{_ONE_MARKING}(?:[\s·、,，;；]*{_ONE_MARKING})*\s*[】\]）)〕］>〉]"
)
_MARKING_LINE_BODY = rf"[ \t\u3000]*(?:(?:{_TERMS})(?:[ \t\u3000]*[★☆]?[ \t\u3000]*{_PERIOD})?[ \t\u3000·、,，;；]*)+(?=\n|$)"
# A literal line break first lets the regex engine jump from line to line.
_MARKING_FIRST_LINE = re.compile(_MARKING_LINE_BODY)
_MARKING_LINE = re.compile("\n" + _MARKING_LINE_BODY)
_ON_REQUEST = re.compile(r"[（(]\s*此件依申请公开\s*[）)]")
# Every marking contains one of these; plain `in` tests skip the regular expressions for most texts.
_KEYS = ("密", "内部", "注意保存", "不宜公开", "不公开", "不对外公开", "严禁外传", "依申请公开")


def find_markings(text: str) -> list[Finding]:
    if not any(key in text for key in _KEYS):
        compact = text.replace(" ", "").replace("\u3000", "")  # 内 部 资 料
        if compact == text or not any(key in compact for key in _KEYS):
            return []
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        marking = text[start:end].strip()
        findings.append(
            Finding(
                "secret_marking",
                "block",
                start,
                end,
                marking,
                f"密级或内部标志“{marking}”：标有密级、工作秘密或“内部”字样的信息不得公开发布"
                "（《保守国家秘密法》《政府信息公开条例》第十四条）。",
                "撤下该内容并按保密规定处理；确属已解密或误标的，由定密单位出具意见、删除标志后再审核发布。",
            )
        )

    patterns = [_LEVEL, _BRACKETED]
    if "★" in text or "☆" in text:
        patterns.append(_STAR)
    for pattern in patterns:
        for m in pattern.finditer(text):
            add(m.start(), m.end())
    first = _MARKING_FIRST_LINE.match(text)
    for m in ([first] if first else []) + list(_MARKING_LINE.finditer(text)):
        stripped = m.group().strip("\n \t\u3000·、,，;；")
        start = m.start() + m.group().index(stripped)
        add(start, start + len(stripped))
    if "依申请公开" not in text:
        return findings
    for m in _ON_REQUEST.finditer(text):
        findings.append(
            Finding(
                "secret_marking",
                "warn",
                m.start(),
                m.end(),
                m.group(),
                "公开属性为“依申请公开”：此类文件不主动公开，在网站发布前请核实公开属性。",
                "核实后改为“（此件主动公开）”，或不在网站发布",
            )
        )
    return findings
