"""发文字号 (document numbers): parse and validate.

GB/T 9704-2012 §7.2.4: the 发文字号 is 发文机关代字 + year + serial number; the year is written
in full and enclosed in 六角括号 〔〕; the serial number has no 第 and no leading zeros
(1 not 01) and is followed by 号 — e.g. 国发〔2018〕43号. Rules (规章) are numbered by decree:
南昌市人民政府令第165号. Square or lenticular brackets ([] 【】) and parentheses are the most
common mistakes that inspections catch (DOMAIN.md §3); we reject them and say what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STANDARD = re.compile(
    r"^(?P<organ>[\u4e00-\u9fffA-Za-z]{1,20})〔(?P<year>\d{4})〕(?P<serial>\d{1,5})号$"
)
_DECREE = re.compile(r"^(?P<organ>[\u4e00-\u9fffA-Za-z]{1,30}令)第(?P<serial>\d{1,5})号$")
_WRONG_BRACKETS = re.compile(
    r"^(?P<organ>[\u4e00-\u9fffA-Za-z]{1,20})\s*(?P<open>[\[【(（［{<〈《〔])\s*(?P<year>\d{2,4})\s*"
    r"(?P<close>[\]】)）］}>〉》〕])\s*第?(?P<serial>\d{1,5})\s*号?$"
)


@dataclass(frozen=True)
class DocNumber:
    """A parsed 发文字号. ``year`` is None for decree numbers (…令第N号)."""

    organ: str
    year: int | None
    serial: int

    def __str__(self) -> str:
        if self.year is None:
            return f"{self.organ}第{self.serial}号"
        return f"{self.organ}〔{self.year}〕{self.serial}号"


class DocNumberError(ValueError):
    """The 发文字号 is malformed; ``message`` says, in Chinese, what to write instead."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


def parse_doc_number(raw: str) -> DocNumber:
    """Parse a 发文字号 or raise DocNumberError with a correction where one can be given."""
    text = raw.strip().replace(" ", "").replace("\u3000", "")
    if not text:
        raise DocNumberError("发文字号为空。")
    if m := _STANDARD.fullmatch(text):
        serial = m["serial"]
        if len(serial) > 1 and serial.startswith("0"):
            fixed = f"{m['organ']}〔{m['year']}〕{int(serial)}号"
            raise DocNumberError(
                f"发文字号“{raw}”的顺序号不编虚位（1不编为01），应写作“{fixed}”。", fixed
            )
        return DocNumber(organ=m["organ"], year=int(m["year"]), serial=int(serial))
    if m := _DECREE.fullmatch(text):
        return DocNumber(organ=m["organ"], year=None, serial=int(m["serial"]))
    if m := _WRONG_BRACKETS.fullmatch(text):
        year = m["year"]
        if len(year) != 4:
            raise DocNumberError(
                f"发文字号“{raw}”的年份应写全称（四位数字），并用六角括号〔〕括入，"
                f"例如“{m['organ']}〔20{year[-2:]}〕{int(m['serial'])}号”。"
            )
        fixed = f"{m['organ']}〔{year}〕{int(m['serial'])}号"
        brackets = f"{m['open']}{m['close']}"
        if brackets == "〔〕":
            reason = "顺序号前不加“第”字，并以“号”结尾"
        else:
            reason = f"年份应使用六角括号〔〕，不能使用“{brackets}”"
        raise DocNumberError(f"发文字号“{raw}”格式错误：{reason}。应写作“{fixed}”。", fixed)
    raise DocNumberError(
        f"无法识别发文字号“{raw}”。格式应为“发文机关代字〔年份〕序号号”，如“洪府办发〔2024〕31号”；"
        "规章为“××人民政府令第×号”。"
    )
