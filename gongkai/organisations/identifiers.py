"""Validation of the codes that identify a unit: 统一社会信用代码 (GB 32100-2015) and the
9-character 组织机构代码 (GB 11714-1997) that older 索引号 use."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

_ORG_CODE = re.compile(r"^[0-9A-Z]{8}-?[0-9X]$")
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def validate_credit_code(value: str) -> None:
    """统一社会信用代码: 18 characters with the weighted MOD 31 check character of GB 32100."""
    try:
        uscc.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("统一社会信用代码“%(code)s”无效：应为18位，且校验位符合GB 32100。"),
            params={"code": value},
            code="invalid_credit_code",
        ) from exc


def org_code_check_char(body: str) -> str:
    """Check character of an 8-character 组织机构代码 body (GB 11714, weighted MOD 11)."""
    total = sum(
        _ORG_CODE_ALPHABET.index(c) * w for c, w in zip(body, _ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_org_code(value: str) -> None:
    """组织机构代码 (9 characters, optional dash before the check character), or a plain
    numeric site code of 9–10 digits such as the 000014349 the State Council uses in 索引号."""
    if re.fullmatch(r"\d{9,10}", value):
        return
    if not _ORG_CODE.fullmatch(value):
        raise ValidationError(
            _("机构代码“%(code)s”格式不正确：应为9位组织机构代码（如 MA1234567 或 12345678-9）。"),
            params={"code": value},
            code="invalid_org_code",
        )
    body, check = value.replace("-", "")[:8], value[-1]
    if org_code_check_char(body) != check:
        raise ValidationError(
            _("组织机构代码“%(code)s”校验位错误。"), params={"code": value}, code="invalid_org_code"
        )
