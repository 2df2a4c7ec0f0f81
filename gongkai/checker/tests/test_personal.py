"""Personal data: each kind found where it is, and not found in the numbers of government prose."""

from __future__ import annotations

import random

import pytest

from gongkai.checker import check_text, redact
from gongkai.checker.tests import factories as make


def kinds(text: str, kind: str) -> list[tuple[str, int, int, str]]:
    return [(f.severity, f.start, f.end, f.excerpt) for f in check_text(text) if f.kind == kind]


rng = random.Random(4)


def test_id_card_18_digits_is_blocked_with_masked_excerpt():
    text = "申请人张三，身份证号码11010519491231002X，现住南昌。"
    assert kinds(text, "id_card") == [("block", 11, 29, "1101**********002X")]


@pytest.mark.parametrize("number", [make.id_number(rng) for _ in range(20)])
def test_generated_ids_are_found(number):
    assert [k[0] for k in kinds(f"号码：{number}。", "id_card")] == ["block"]


def test_id_card_with_wrong_check_character_is_info_only():
    number = make.id_number(random.Random(7), valid=False)
    assert [k[0] for k in kinds(f"号码{number}", "id_card")] == ["info"]


def test_old_15_digit_id_card():
    assert kinds("身份证 110105491231002", "id_card") == [("block", 4, 19, "1101*******1002")]


def test_numbers_that_are_not_ids():
    text = (
        "索引号：11360100MB1234567X/2024-00123，金额360102199001011234元，"
        "日期20240603，邮编330038，出生日期不存在的号码110105194913310021。"
    )
    assert kinds(text, "id_card") == []


def test_mobile_in_all_spellings():
    text = "电话13800138000、138 0013 8000、138-0013-8000、+86 13912345678。"
    found = kinds(text, "mobile")
    assert [k[3] for k in found] == [
        "138****8000",
        "138 **** 8000",
        "138-****-8000",
        "+86 139****5678",
    ]
    assert {k[0] for k in found} == {"warn"}


def test_landlines_and_long_numbers_are_not_mobiles():
    text = "咨询电话：0791-86123456，传真0791－83881234，文号13800138000123，金额13800138000元。"
    assert kinds(text, "mobile") == []


def test_bank_card_with_context_is_blocked():
    card = make.bank_card(random.Random(1), spaced=True)
    text = f"请将补贴发放至银行卡号：{card}。"
    assert [(k[0], k[1], k[2]) for k in kinds(text, "bank_card")] == [("block", 12, 12 + len(card))]
    assert kinds(text, "bank_card")[0][3].startswith(card[:4])


def test_bank_card_without_context_is_warn_or_nothing():
    card = make.bank_card(random.Random(2), length=19)
    assert [k[0] for k in kinds(f"编号{card}已登记", "bank_card")] == ["warn"]
    not_luhn = make.bank_card(random.Random(2), length=19, valid=False)
    assert kinds(f"银行账号{not_luhn}", "bank_card") == []


def test_organisation_account_is_warn():
    card = make.bank_card(random.Random(3))
    text = f"户名：南昌市财政局非税收入专户 开户银行：中国银行 账号：{card}"
    assert [k[0] for k in kinds(text, "bank_card")] == ["warn"]


def test_credit_codes_are_info_and_individual_business_is_warn():
    r = random.Random(5)
    company, individual = make.credit_code(r), make.credit_code(r, "92")
    text = f"某公司（{company}）已办结。\n个体工商户经营者王五（{individual}）"
    assert [k[0] for k in kinds(text, "credit_code")] == ["info", "warn"]
    assert kinds(text, "id_card") == [] and kinds(text, "bank_card") == []


def test_email_address_passport_plate():
    text = "邮箱zhangsan@163.com，xxgk@nc.gov.cn；住址：丽景花园3栋2单元502室；护照号码E12345678；车牌赣A12345。"
    found = {f.kind: f for f in reversed(check_text(text))}
    assert found["email"].excerpt == "z*******@163.com"
    assert found["address"].excerpt.endswith("*栋*单元***室")
    assert found["passport"].severity == "block"
    assert found["plate"].excerpt == "赣A****5"
    assert [f.severity for f in check_text(text) if f.kind == "email"] == ["warn", "info"]


def test_not_personal_addresses_and_passports():
    text = "办公地点：市政务服务中心3号楼305室。报名编号E12345678。赣ICP备05004419号。"
    found = {f.kind for f in check_text(text)}
    assert not found & {"address", "passport", "plate"}


def test_aggregation_of_five_records_is_blocked():
    r = random.Random(9)
    rows = "\n".join(
        f"{name}\t{make.id_number(r)}\t{make.mobile(r)}"
        for name in ("赵一", "钱二", "孙三", "李四", "周五")
    )
    findings = check_text("低保对象名单\n" + rows)
    agg = [f for f in findings if f.kind == "aggregation"]
    assert len(agg) == 1 and agg[0].severity == "block"
    assert "5条" in agg[0].message
    four = "\n".join(f"{name} {make.mobile(r)}" for name in ("赵一", "钱二", "孙三", "李四"))
    assert not [f for f in check_text(four) if f.kind == "aggregation"]


def test_redact_masks_in_place():
    text = "张三 11010519491231002X 13812345678 银行卡号6222021234567890120"
    masked = redact(text)
    assert len(masked) == len(text)
    assert "1101**********002X" in masked and "138****5678" in masked
    assert "11010519491231002X" not in masked


def test_full_width_digits_are_read():
    text = "身份证１１０１０５１９４９１２３１００２Ｘ"
    assert kinds(text, "id_card") == [("block", 3, 21, "1101**********002X")]
