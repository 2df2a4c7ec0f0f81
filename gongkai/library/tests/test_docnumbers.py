"""发文字号 parsing and validation (GB/T 9704-2012 §7.2.4)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.library.docnumbers import DocNumber, DocNumberError, parse_doc_number
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "organ", "year", "serial"),
    [
        ("洪府办发〔2024〕31号", "洪府办发", 2024, 31),
        ("国发〔2018〕43号", "国发", 2018, 43),
        ("赣府公开办字〔2023〕4号", "赣府公开办字", 2023, 4),
        (" 洪教字〔2026〕 7号 ", "洪教字", 2026, 7),
    ],
)
def test_standard_numbers_parse_into_parts(raw, organ, year, serial):
    assert parse_doc_number(raw) == DocNumber(organ=organ, year=year, serial=serial)


def test_decree_numbers_have_no_year():
    parsed = parse_doc_number("南昌市人民政府令第165号")
    assert parsed.organ == "南昌市人民政府令" and parsed.year is None and parsed.serial == 165
    assert str(parsed) == "南昌市人民政府令第165号"


@pytest.mark.parametrize(
    "raw",
    [
        "洪府办发[2024]31号",
        "洪府办发【2024】31号",
        "洪府办发(2024)31号",
        "洪府办发（2024）31号",
        "洪府办发［2024］31号",
    ],
)
def test_wrong_brackets_are_rejected_with_the_correct_form(raw):
    with pytest.raises(DocNumberError) as exc:
        parse_doc_number(raw)
    assert "六角括号〔〕" in exc.value.message
    assert exc.value.suggestion == "洪府办发〔2024〕31号"
    assert "洪府办发〔2024〕31号" in exc.value.message


@pytest.mark.parametrize(
    ("raw", "expected_in_message"),
    [
        ("洪府办发〔2024〕031号", "不编虚位"),
        ("洪府办发〔24〕31号", "四位"),
        ("洪府办发〔2024〕第31号", "第"),
        ("随便写的", "无法识别"),
        ("", "为空"),
    ],
)
def test_other_malformed_numbers_say_what_is_wrong(raw, expected_in_message):
    with pytest.raises(DocNumberError) as exc:
        parse_doc_number(raw)
    assert expected_in_message in exc.value.message


def test_model_rejects_wrong_brackets_and_mismatched_year(city):
    with pytest.raises(ValidationError) as exc:
        make_policy(city.a, doc_number="洪教字[2026]3号")
    assert "〔〕" in exc.value.message_dict["doc_number"][0]
    with pytest.raises(ValidationError) as exc:
        make_policy(city.a, doc_number="洪教字〔2019〕3号", written_on=dt.date(2026, 3, 2))
    assert "年份" in exc.value.message_dict["doc_number"][0]


def test_model_stores_parsed_parts(city):
    doc = make_policy(city.a, doc_number="洪教字〔2026〕3号")
    assert (doc.doc_organ_code, doc.doc_year, doc.doc_serial) == ("洪教字", 2026, 3)


def test_published_on_may_not_precede_written_on(city):
    with pytest.raises(ValidationError) as exc:
        make_policy(city.a, written_on=dt.date(2026, 3, 2), published_on=dt.date(2026, 3, 1))
    assert "发布日期不能早于成文日期" in exc.value.message_dict["published_on"][0]


def test_non_proactive_documents_need_a_reason(city):
    with pytest.raises(ValidationError) as exc:
        make_policy(city.a, disclosure_mode="on_application", publish=False)
    assert "non_disclosure_reason" in exc.value.message_dict
