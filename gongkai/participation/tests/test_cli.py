"""gongkai consultation create, as an operator runs it."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.participation.models import ConsultationPage
from gongkai.testing import real_docx

DRAFT = "第一条 为了规范停车管理，制定本办法。\n第二条 本办法自2027年1月1日起施行。\n"


@pytest.mark.django_db
def test_create_prints_the_json_of_the_spec(tmp_path, city):
    out = io.StringIO()
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    call_command(
        "consultation",
        "create",
        "--organ",
        city.a.slug,
        "--title",
        "停车管理办法征求意见",
        "--kind",
        "normative",
        "--opens",
        "2026-12-04",
        "--closes",
        "2026-12-31",
        "--draft",
        str(path),
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert set(data) == {
        "id",
        "status",
        "opens_on",
        "closes_on",
        "earliest_close",
        "urgent_reason",
        "clauses",
    }
    assert data["status"] == "draft" and data["urgent_reason"] == ""
    assert data["opens_on"] == "2026-12-04" and data["closes_on"] == "2026-12-31"
    assert data["clauses"] == [
        {"number": "第一条", "text": "为了规范停车管理，制定本办法。"},
        {"number": "第二条", "text": "本办法自2027年1月1日起施行。"},
    ]
    page = ConsultationPage.objects.get(pk=data["id"])
    assert not page.live and page.organisation == city.a
    # 7 working days from Friday 2026-12-04 on the calendar in the database.
    assert data["earliest_close"] == "2026-12-15"


@pytest.mark.django_db
def test_a_refused_period_exits_2_with_the_earliest_date(tmp_path, city):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    args = [
        "consultation",
        "create",
        "--organ",
        city.a.slug,
        "--title",
        "规章草案",
        "--kind",
        "regulation",
        "--opens",
        "2026-11-02",
        "--closes",
        "2026-11-20",
        "--draft",
        str(path),
    ]
    with pytest.raises(CommandError) as refused:
        call_command(*args)
    assert refused.value.returncode == 2
    assert "2026-12-02" in str(refused.value)
    assert not ConsultationPage.objects.exists()
    out = io.StringIO()
    call_command(*args, "--urgent-reason", "上级要求限期出台", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["urgent_reason"] == "上级要求限期出台" and data["earliest_close"] == "2026-12-02"


@pytest.mark.django_db
def test_create_from_a_word_draft(tmp_path, city):
    path = tmp_path / "draft.docx"
    path.write_bytes(real_docx("第一条 为了规范停车管理，制定本办法。"))
    out = io.StringIO()
    call_command(
        "consultation",
        "create",
        "--organ",
        city.a.slug,
        "--title",
        "Word 草案",
        "--kind",
        "other",
        "--opens",
        "2026-12-04",
        "--closes",
        "2026-12-10",
        "--draft",
        str(path),
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert {"number": "第一条", "text": "为了规范停车管理，制定本办法。"} in data["clauses"]
    assert data["earliest_close"] is None


@pytest.mark.django_db
def test_bad_input_is_a_clear_error(tmp_path, city):
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    base = ["consultation", "create", "--title", "t", "--kind", "other", "--draft", str(path)]
    with pytest.raises(CommandError, match="不存在"):
        call_command(
            *base, "--organ", "no-such-unit", "--opens", "2026-12-04", "--closes", "2026-12-10"
        )
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(*base, "--organ", city.a.slug, "--opens", "12/04", "--closes", "2026-12-10")
    with pytest.raises(CommandError, match="晚于"):
        call_command(
            *base, "--organ", city.a.slug, "--opens", "2026-12-04", "--closes", "2026-12-04"
        )
    with pytest.raises(CommandError, match="无法读取"):
        call_command(
            "consultation",
            "create",
            "--organ",
            city.a.slug,
            "--title",
            "t",
            "--kind",
            "other",
            "--opens",
            "2026-12-04",
            "--closes",
            "2026-12-10",
            "--draft",
            str(tmp_path / "none.txt"),
        )


def test_analyse_prints_the_groups_as_json(tmp_path):
    rows = ["id,submitter,clause,text"]
    same = "建议在小区内增设临时停车位，方便老人和残疾人出行。"
    rows += [f"a{i},s{i},第六条,{same}" for i in range(3)]
    rows += ["b1,t1,第八条,物业公司应当每半年公布一次停车收益的收支情况，接受业主监督。"]
    path = tmp_path / "comments.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    out = io.StringIO()
    call_command("consultation", "analyse", str(path), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["comments"] == 4 and data["submitters"] == 4
    assert {"kind": "identical", "members": ["a0", "a1", "a2"]} in data["groups"]


def test_analyse_names_the_bad_rows(tmp_path):
    path = tmp_path / "comments.csv"
    path.write_text("id,submitter,clause,text\n1,s,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行"):
        call_command("consultation", "analyse", str(path))
