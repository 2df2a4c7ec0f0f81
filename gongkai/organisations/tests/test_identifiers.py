"""统一社会信用代码 (GB 32100) and 组织机构代码 (GB 11714) validation."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.organisations.identifiers import (
    org_code_check_char,
    validate_credit_code,
    validate_org_code,
)


def test_valid_credit_code_passes():
    validate_credit_code("91110000600037341L")


@pytest.mark.parametrize(
    "code", ["91110000600037341M", "9111000060003734", "9111000060003734IL", ""]
)
def test_invalid_credit_codes_are_rejected_in_chinese(code):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert "统一社会信用代码" in exc.value.messages[0]


def test_org_code_check_character_follows_gb11714():
    # The organisation code embedded in credit code 91110000600037341L is 60003734-1.
    assert org_code_check_char("60003734") == "1"
    assert org_code_check_char("D2143569") == "X"  # a remainder of 10 is written X
    validate_org_code("60003734-1")
    validate_org_code("600037341")
    with pytest.raises(ValidationError):
        validate_org_code("60003734-2")


def test_plain_numeric_site_codes_are_accepted():
    validate_org_code("000014349")  # the State Council's code in its 索引号
    with pytest.raises(ValidationError):
        validate_org_code("12ab")
