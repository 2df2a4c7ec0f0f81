"""Personal data (个人信息) in text: ID numbers, mobiles, bank cards, passports, plates, e-mail,
detailed addresses, individual businesses' credit codes, and lists of them (data aggregation).

条例 第十五条: information whose disclosure harms a third party's lawful rights (个人隐私) is not
disclosed. Each detector validates what can be validated (GB 11643 check character, Luhn,
GB 32100) and looks at the words around a number before calling it personal, because
government texts are full of numbers that are not: 发文字号, 索引号, amounts, dates, office
telephones, postal codes and organisations' credit codes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from stdnum import luhn
from stdnum.cn import uscc

from gongkai.checker.findings import Finding
from gongkai.checker.rules import Ruleset
from gongkai.core.masking import mask_keep

# Characters that make a digit run part of a longer code (索引号 2024-00123, 36/0100, v1.2).
_NOT_BEFORE = r"(?<![0-9A-Za-z/\-_.])"
_NOT_AFTER = r"(?![0-9A-Za-z/_])"
_UNIT_AFTER = frozenset("元万亿%‰")  # an amount, not an identifier

_ID18 = re.compile(
    _NOT_BEFORE
    + r"[1-9]\d{5} ?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]) ?\d{3}[\dXx]"
    r"(?![0-9A-Za-z])"
)
_ID15 = re.compile(
    _NOT_BEFORE + r"[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])"
)
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z/\-_.+])(?P<prefix>(?:\+|00)?86[ \-]?|\(\+?86\) ?)?"
    r"(?P<a>1[3-9]\d)(?P<sep>[ \-]?)(?P<b>\d{4})(?P=sep)(?P<c>\d{4})" + r"(?![0-9A-Za-z/_])"
)
_CARD = re.compile(
    _NOT_BEFORE
    + r"(?:\d{16,19}|\d{4}(?: \d{4}){3}(?: \d{1,3})?|\d{4}(?:-\d{4}){3}(?:-\d{1,3})?)"
    + _NOT_AFTER
)
_CREDIT = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_PASSPORT = re.compile(r"(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])")
_PLATE = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s]?"
    r"(?=[A-HJ-NP-Z0-9]{0,5}\d)[A-HJ-NP-Z0-9]{5,6}(?![0-9A-Za-z])"
)
_ADDRESS = re.compile(
    r"(?:\d{1,4}|[一二三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座)"
    r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*单元)?"
    r"(?:\s*\d{1,2}\s*(?:层|楼))?"
    r"(?:\s*\d{1,5}\s*(?:室|号房|房))?"
    r"|\d{1,2}\s*单元\s*\d{1,5}\s*(?:室|号房|房)?"
)
_RESIDENTIAL = re.compile(r"小区|花园|苑|公寓|家园|新村|村|宿舍|大院|社区|庄园|山庄|家属区|住宅")
_OFFICE = re.compile(r"办公|政务|大厦|大楼|中心|会议|机关|服务厅|大厅|写字楼|广场|产业园|园区")

_ID_CONTEXT = re.compile(r"身份证|公民身份|证件号|身份号码")
_CARD_CONTEXT = re.compile(
    r"卡号|银行卡|账号|帐号|账户|帐户|银行|开户|借记卡|信用卡|储蓄卡|银联|收款|转账|汇款|社保卡|工资卡|打款"
)
_ORG_ACCOUNT = re.compile(
    r"户名[：:\s]*[^\n]{0,20}?(?:局|委|办|院|中心|公司|财政|政府|国库|专户|单位|学校|医院|协会)"
)
_PASSPORT_CONTEXT = re.compile(r"护照")
_INDIVIDUAL_BUSINESS = re.compile(r"个体工商户|个体户|经营者")
_GOV_MAIL = re.compile(r"\.gov\.cn$|\.gov$|\.org\.cn$", re.IGNORECASE)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _id_check_ok(digits: str) -> bool:
    """GB 11643 §5.5: ISO 7064 MOD 11-2 over the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17].upper()


def _birth_ok(year: int, month: int, day: int, today: dt.date) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1880, 1, 1) <= born <= today


def _before(text: str, start: int, width: int) -> str:
    """The text before ``start`` on the same line, at most ``width`` characters."""
    window = text[max(0, start - width) : start]
    return window[window.rfind("\n") + 1 :]


def _around(text: str, start: int, end: int, width: int) -> str:
    before = _before(text, start, width)
    after = text[end : end + width]
    cut = after.find("\n")
    return before + "\u0000" + (after if cut < 0 else after[:cut])


class _Claims:
    """Spans already explained by a stronger detector, so that weaker ones skip them."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def taken(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)

    def add(self, start: int, end: int) -> None:
        self.spans.append((start, end))


# Cheap first passes (no look-behind, so the regex engine can skip to candidates): runs of 11
# or more digits, 18-character codes, address words, @. The precise patterns then run only in a
# small window around each candidate.
_DIGIT_RUN = re.compile(r"\d(?:[ \-]?\d){10,}[Xx]?")
_CODE_CANDIDATE = re.compile(r"\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
_ADDRESS_ANCHOR = re.compile(r"号楼|栋|幢|座|单元")
_PLATE_ANCHOR = re.compile(
    r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z]"
)
_AT = re.compile("@")


class _Windows:
    """The text restricted to windows around candidates: finditer() over each, without repeats."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans

    def finditer(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        seen: set[tuple[int, int]] = set()
        out = []
        for lo, hi in self.spans:
            for m in pattern.finditer(self.text, lo, hi):
                if m.span() not in seen:
                    seen.add(m.span())
                    out.append(m)
        return out


def find_personal(text: str, ruleset: Ruleset, today: dt.date) -> list[Finding]:
    """Personal-data findings in ``text`` (digits already normalised to ASCII, same length)."""
    findings: list[Finding] = []
    claims = _Claims()
    n = len(text)
    codes = [(max(0, m.start() - 2), min(n, m.end() + 3)) for m in _CODE_CANDIDATE.finditer(text)]
    if codes:
        _credit_codes(_Windows(text, codes), ruleset, today, findings, claims)
    runs = [(max(0, m.start() - 6), min(n, m.end() + 1)) for m in _DIGIT_RUN.finditer(text)]
    if runs:
        windows = _Windows(text, runs)
        _id_cards(windows, ruleset, today, findings, claims)
        _mobiles(windows, findings, claims)
        _bank_cards(windows, findings, claims)
    if "护照" in text:
        _passports(text, findings, claims)
    plates = [(m.start(), min(n, m.end() + 9)) for m in _PLATE_ANCHOR.finditer(text)]
    if plates:
        _plates(_Windows(text, plates), findings, claims)
    anchors = [
        (max(0, m.start() - 6), min(n, m.end() + 10)) for m in _ADDRESS_ANCHOR.finditer(text)
    ]
    if anchors:
        _addresses(_Windows(text, anchors), findings)
    if "@" in text:
        ats = [(max(0, m.start() - 64), min(n, m.start() + 64)) for m in _AT.finditer(text)]
        _emails(_Windows(text, ats), findings)
    return findings


def _looks_like_id(code: str, ruleset: Ruleset, today: dt.date) -> bool:
    """An all-digit code with an ID's province and birth date is taken for an ID (a mistyped one
    if its check character is wrong): institutions' credit codes do not have a birth date there."""
    return code[:2] in ruleset.provinces and _birth_ok(
        int(code[6:10]), int(code[10:12]), int(code[12:14]), today
    )


def _credit_codes(
    windows: _Windows, ruleset: Ruleset, today: dt.date, findings: list[Finding], claims: _Claims
) -> None:
    text = windows.text
    for m in windows.finditer(_CREDIT):
        code = m.group()
        if not uscc.is_valid(code):
            continue
        if code[:17].isdigit() and _looks_like_id(code, ruleset, today):
            continue
        if text[m.end() : m.end() + 1] in _UNIT_AFTER:
            continue  # an amount
        claims.add(m.start(), m.end())
        if text[m.end() : m.end() + 1] == "/":  # 索引号: the organisation's code, then /year-serial
            continue
        if code.startswith("92") or _INDIVIDUAL_BUSINESS.search(_before(text, m.start(), 20)):
            findings.append(
                Finding(
                    "credit_code",
                    "warn",
                    m.start(),
                    m.end(),
                    code,
                    "个体工商户的统一社会信用代码：与经营者姓名一并公开属于个人信息，请核实公开的必要性，"
                    "必要时隐去经营者姓名。",
                )
            )
        else:
            findings.append(
                Finding(
                    "credit_code",
                    "info",
                    m.start(),
                    m.end(),
                    code,
                    "统一社会信用代码（GB 32100，校验通过）：法人和其他组织的代码可以公开。",
                )
            )


def _id_cards(
    windows: _Windows, ruleset: Ruleset, today: dt.date, findings: list[Finding], claims: _Claims
) -> None:
    text = windows.text
    for m in windows.finditer(_ID18):
        if claims.taken(m.start(), m.end()):
            continue
        raw = m.group()
        digits = raw.replace(" ", "")
        if digits[:2] not in ruleset.provinces or digits[2:4] == "00":
            continue
        if not _birth_ok(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]), today):
            continue
        if text[m.end() : m.end() + 1] in _UNIT_AFTER:
            continue
        claims.add(m.start(), m.end())
        excerpt = mask_keep(raw, 4, 4)
        if _id_check_ok(digits):
            findings.append(
                Finding(
                    "id_card",
                    "block",
                    m.start(),
                    m.end(),
                    excerpt,
                    "居民身份证号码（地址码、出生日期、校验码均有效）：属于个人信息，不得公开"
                    "（《政府信息公开条例》第十五条）。",
                    "删除或隐去号码，如“" + excerpt + "”",
                )
            )
        else:
            findings.append(
                Finding(
                    "id_card",
                    "info",
                    m.start(),
                    m.end(),
                    excerpt,
                    "形似居民身份证号码，但校验码不符：可能是写错的身份证号码，请核实。",
                )
            )
    _id_cards_15(windows, ruleset, today, findings, claims)


def _id_cards_15(
    windows: _Windows, ruleset: Ruleset, today: dt.date, findings: list[Finding], claims: _Claims
) -> None:
    text = windows.text
    for m in windows.finditer(_ID15):
        if claims.taken(m.start(), m.end()):
            continue
        digits = m.group()
        if digits[:2] not in ruleset.provinces or digits[2:4] == "00":
            continue
        if not _birth_ok(1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]), today):
            continue
        context = _before(text, m.start(), 20)
        if "注册号" in context or "执照" in context:
            continue  # the old 15-digit business registration number
        if digits[:4] not in ruleset.cities and not _ID_CONTEXT.search(context):
            continue
        claims.add(m.start(), m.end())
        excerpt = mask_keep(digits, 4, 4)
        findings.append(
            Finding(
                "id_card",
                "block",
                m.start(),
                m.end(),
                excerpt,
                "15位居民身份证号码（旧版）：属于个人信息，不得公开（《政府信息公开条例》第十五条）。",
                "删除或隐去号码，如“" + excerpt + "”",
            )
        )


def _mobiles(windows: _Windows, findings: list[Finding], claims: _Claims) -> None:
    text = windows.text
    for m in windows.finditer(_MOBILE):
        if claims.taken(m.start(), m.end()):
            continue
        if text[m.end() : m.end() + 1] in _UNIT_AFTER:
            continue
        claims.add(m.start(), m.end())
        raw = m.group()
        prefix = m.group("prefix") or ""
        excerpt = prefix + mask_keep(raw[len(prefix) :], 3, 4)
        findings.append(
            Finding(
                "mobile",
                "warn",
                m.start(),
                m.end(),
                excerpt,
                "手机号码：属于个人信息。工作人员的工作联系方式可以公开，群众、当事人的号码不得公开，"
                "请核实。",
                "改用办公电话，或隐去号码，如“" + excerpt + "”",
            )
        )


def _bank_cards(windows: _Windows, findings: list[Finding], claims: _Claims) -> None:
    text = windows.text
    for m in windows.finditer(_CARD):
        if claims.taken(m.start(), m.end()):
            continue
        raw = m.group()
        digits = raw.replace(" ", "").replace("-", "")
        if not 16 <= len(digits) <= 19 or not luhn.is_valid(digits):
            continue
        if text[m.end() : m.end() + 1] in _UNIT_AFTER:
            continue
        before = _before(text, m.start(), 24)
        excerpt = mask_keep(raw, 4, 4)
        if _CARD_CONTEXT.search(before):
            organisation = _ORG_ACCOUNT.search(_around(text, m.start(), m.end(), 40))
            severity, message = (
                ("warn", "单位银行账号（校验通过）：单位账户可以公开，请核实不是个人账户。")
                if organisation
                else (
                    "block",
                    "银行卡号（Luhn 校验通过，上下文为卡号或账号）：属于个人信息，不得公开。",
                )
            )
        elif digits[:2] == "62" or digits[0] == "4" or "51" <= digits[:2] <= "55":
            if len(digits) not in (16, 19):
                continue
            severity, message = "warn", "疑似银行卡号（发卡行标识与 Luhn 校验相符），请核实。"
        else:
            continue
        claims.add(m.start(), m.end())
        findings.append(
            Finding(
                "bank_card",
                severity,
                m.start(),
                m.end(),
                excerpt,
                message,
                "隐去卡号，如“" + excerpt + "”",
            )
        )


def _passports(text: str, findings: list[Finding], claims: _Claims) -> None:
    for m in _PASSPORT.finditer(text):
        if claims.taken(m.start(), m.end()) or not _PASSPORT_CONTEXT.search(
            _before(text, m.start(), 20)
        ):
            continue
        claims.add(m.start(), m.end())
        excerpt = mask_keep(m.group(), 1, 2)
        findings.append(
            Finding(
                "passport",
                "block",
                m.start(),
                m.end(),
                excerpt,
                "护照号码：属于个人信息，不得公开。",
                "删除或隐去号码，如“" + excerpt + "”",
            )
        )


def _plates(windows: _Windows, findings: list[Finding], claims: _Claims) -> None:
    for m in windows.finditer(_PLATE):
        if claims.taken(m.start(), m.end()):
            continue
        excerpt = m.group()[:2] + mask_keep(m.group()[2:], 0, 1)
        findings.append(
            Finding(
                "plate",
                "warn",
                m.start(),
                m.end(),
                excerpt,
                "机动车号牌：与车主相关的个人信息，公开前请核实（如行政处罚公示可隐去部分字符）。",
                "隐去部分字符，如“" + excerpt + "”",
            )
        )


def _emails(windows: _Windows, findings: list[Finding]) -> None:
    for m in windows.finditer(_EMAIL):
        local, _, domain = m.group().partition("@")
        excerpt = local[:1] + "*" * (len(local) - 1) + "@" + domain
        if _GOV_MAIL.search(domain):
            findings.append(
                Finding(
                    "email", "info", m.start(), m.end(), m.group(), "机关单位电子邮箱：可以公开。"
                )
            )
            continue
        findings.append(
            Finding(
                "email",
                "warn",
                m.start(),
                m.end(),
                excerpt,
                "电子邮箱：个人邮箱属于个人信息，请核实是否为单位的公开邮箱。",
                "改用单位公开邮箱，或隐去，如“" + excerpt + "”",
            )
        )


def _addresses(windows: _Windows, findings: list[Finding]) -> None:
    text = windows.text
    for m in windows.finditer(_ADDRESS):
        matched = m.group()
        before = _before(text, m.start(), 16)
        if _OFFICE.search(before) or "会议室" in text[m.start() : m.end() + 2]:
            continue
        residential = _RESIDENTIAL.search(before)
        building_and_room = re.search(r"栋|幢|号楼", matched) and re.search(r"室|房", matched)
        if not residential and "单元" not in matched and not building_and_room:
            continue
        start = m.start() - len(before) + (residential.start() if residential else len(before))
        # extend back over the community name (汉字 before 小区/花园…)
        while start > 0 and start > m.start() - 16 and "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        excerpt = text[start : m.start()] + re.sub(r"\d", "*", matched)
        findings.append(
            Finding(
                "address",
                "warn",
                start,
                m.end(),
                excerpt,
                "详细住址（具体到楼栋、单元或门牌）：属于个人信息，不得公开。",
                "只保留到小区或街道，如“" + text[start : m.start()] + "”",
            )
        )


def aggregation(
    text: str, personal: list[Finding], threshold: int, masker: Callable[[str], str]
) -> Finding | None:
    """Many people's identifiers in one document (数据汇聚): a list of names with ID numbers or
    mobiles. Each line (table row) counts as one record per identifier kind it holds."""
    per_line: dict[int, dict[str, int]] = {}
    spans: dict[int, tuple[int, int]] = {}
    for f in personal:
        if f.kind not in ("id_card", "mobile"):
            continue
        line_start = text.rfind("\n", 0, f.start) + 1
        counts = per_line.setdefault(line_start, {"id_card": 0, "mobile": 0})
        counts[f.kind] += 1
        s, e = spans.get(line_start, (f.start, f.end))
        spans[line_start] = (min(s, f.start), max(e, f.end))
    records = 0
    for line_start, counts in per_line.items():
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if sum(1 for c in line if "\u4e00" <= c <= "\u9fff") >= 2:  # a name or a label
            records += max(counts.values())
    if records < threshold:
        return None
    start = min(s for s, _ in spans.values())
    end = max(e for _, e in spans.values())
    first_line_end = text.find("\n", start)
    sample = masker(text[start : first_line_end if first_line_end >= 0 else end])[:60]
    return Finding(
        "aggregation",
        "block",
        start,
        end,
        sample + ("…" if end > start + len(sample) else ""),
        f"文中有{records}条个人信息记录（姓名与身份证号码或手机号码）：批量公开个人信息有数据汇聚"
        "泄露风险，不得公开。",
        "确需公示的，隐去身份证号码和手机号码的中间位（可用 gongkai check --redact 生成）。",
    )
