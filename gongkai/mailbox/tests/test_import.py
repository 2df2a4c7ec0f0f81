"""gongkai mailbox import: a documented CSV, all or nothing, errors by row number in Chinese."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import ModelLogEntry

from gongkai.core.sequences import sequence_next_value
from gongkai.mailbox import import_services
from gongkai.mailbox.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db

HEADER = "number,unit,channel,received_at,answered_at,status,subject,body,name\n"
SAMPLE = Path(__file__).parent / "data" / "letters-sample.csv"


def write(tmp_path: Path, text: str, name: str = "old.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("mailbox", "import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_documented_sample_imports(city: Any) -> None:
    out, _ = run(str(SAMPLE))
    assert "已导入 4 件（已答复 2 件，未答复 1 件，无效 1 件）" in out
    letter = Letter.objects.get(number="XX2025-0001")
    assert letter.imported and letter.organisation == city.a and letter.channel == "consult"
    assert letter.status == LetterStatus.ANSWERED
    assert str(letter.received_on) == "2025-09-29" and str(letter.answered_on) == "2025-10-09"
    # 2025: 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) worked: 9/30, 10/9, 10/10, 10/11, 10/13.
    assert str(letter.due_on) == "2025-10-13"
    assert ModelLogEntry.objects.filter(action=import_services.LETTER_IMPORT).count() == 4
    # Codes, Chinese labels and the unit's name are understood.
    named = Letter.objects.get(number="XX2025-0002")
    assert named.organisation == city.b and named.channel == "complaint"
    assert named.status == LetterStatus.ASSIGNED and named.answered_on is None


def test_serials_come_from_the_counter_of_new_letters(city: Any) -> None:
    run(str(SAMPLE))
    serials = sorted(Letter.objects.filter(year=2025).values_list("serial", flat=True))
    assert serials == [1, 2, 3, 4]  # in order of receipt
    # The next letter written on the website in 2025 would take 5: no collision.
    assert sequence_next_value(scope="mailbox", key="all", year=2025) == 5


def test_any_bad_row_writes_nothing_and_every_error_has_its_row(tmp_path: Path, city: Any) -> None:
    Letter.objects.all().delete()
    path = write(
        tmp_path,
        HEADER
        + f"A-1,{city.a.slug},consult,2026-03-02,2026-03-04,已答复,,,\n"  # line 2: good
        + f"A-2,{city.a.slug},传真,2026-03-02,,办理中,,,\n"  # line 3: unknown channel
        + f"A-1,{city.a.slug},consult,2026-03-02,,办理中,,,\n"  # line 4: duplicate of line 2
        + "A-4,没有这个单位,consult,2026-03-02,,办理中,,,\n"  # line 5: unknown unit
        + f"A-5,{city.a.slug},consult,2026-03-09,2026-03-02,已答复,,,\n"  # line 6: answer before
        + f"A-6,{city.a.slug},consult,2026-03-02,,已答复,,,\n"  # line 7: answered without date
        + f"A-7,{city.a.slug},consult,2026/3/x,,办理中,,,\n",  # line 8: not a date
    )
    with pytest.raises(CommandError) as caught:
        run(str(path))
    assert caught.value.returncode == 2
    assert "共 6 处错误" in str(caught.value)
    err = run_errors(path)
    assert "第3行：渠道“传真”无法识别" in err
    assert "第4行：信件编号“A-1”与第2行重复" in err
    assert "第5行：找不到单位“没有这个单位”" in err
    assert "第6行：答复时间早于来信时间" in err
    assert "第7行：状态为已答复，但没有答复时间" in err
    assert "第8行：来信时间“2026/3/x”不是日期" in err
    assert "第2行" not in err.replace("与第2行", "")
    assert not Letter.objects.exists()


def run_errors(path: Path) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("mailbox", "import", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_an_existing_number_is_refused(tmp_path: Path, city: Any) -> None:
    run(str(SAMPLE))
    before = Letter.objects.count()
    err = run_errors(SAMPLE)
    assert "第2行：信件编号“XX2025-0001”已存在" in err
    assert Letter.objects.count() == before


def test_missing_columns_and_dry_run(tmp_path: Path, city: Any) -> None:
    err = run_errors(write(tmp_path, "number,unit\nA,B\n"))
    assert "缺少列 channel, received_at, answered_at, status" in err
    out, _ = run(str(SAMPLE), "--dry-run")
    assert "检查通过（未写入）：可导入 4 件" in out
    assert not Letter.objects.filter(imported=True).exists()
    # The dry run gave its serials back (rolled back with everything else).
    assert sequence_next_value(scope="mailbox", key="all", year=2025) == 1


def test_gb18030_files_are_read(tmp_path: Path, city: Any) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes(
        (HEADER + f"G-1,{city.a.name},网上咨询,2026-03-02 10:30,,待分办,标题,正文,李四\n").encode(
            "gb18030"
        )
    )
    run(str(path))
    letter = Letter.objects.get(number="G-1")
    assert letter.name == "李四" and letter.status == LetterStatus.RECEIVED


def test_only_the_city_office_imports_through_the_service(city: Any) -> None:
    from django.core.exceptions import PermissionDenied

    rows = import_services.parse_letters(SAMPLE.read_bytes())
    with pytest.raises(PermissionDenied):
        import_services.letters_import(actor=city.users.head_a, rows=rows)
    summary = import_services.letters_import(actor=city.users.city_office, rows=rows)
    assert summary.created == 4
