"""Tests for importing policy documents: saved pages (import-policy) and bulk files
(import-policies), through the import service and the management commands."""

from __future__ import annotations

import csv
import datetime as dt
import json
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Revision

from gongkai.core.models import Sequence
from gongkai.library.importing.service import (
    BULK_COLUMNS,
    ImportFailed,
    import_bulk,
    import_policy_page,
)
from gongkai.library.models import (
    DisclosureMode,
    DocType,
    DocumentRelation,
    PolicyDocumentPage,
)
from gongkai.library.validity import RelationKind, Validity
from gongkai.testing import make_unit

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = FIXTURES / "nanchang-2024-work-points.txt"
JOINT = FIXTURES / "joint-notice.html"
SEED_TITLE = "南昌市人民政府办公室关于印发2024年南昌市政务公开工作要点的通知"
JOINT_TITLE = "南昌市财政局 南昌市人力资源和社会保障局关于印发《南昌市就业补助资金管理办法》的通知"
OFFICE = "南昌市人民政府办公室"
HRSS = "南昌市人力资源和社会保障局"
PAGE_CHROME = ("您当前所在位置", "来源:", "字体", "分享", "打印此页", "关闭窗口", "扫一扫", "Baidu")


@pytest.fixture
def office(city: SimpleNamespace) -> Any:
    return make_unit(OFFICE, parent=city.gov, short_name="市政府办公室")


def snapshot() -> tuple[int, int, list[tuple[Any, ...]]]:
    """What an import writes: pages, revisions and the 索引号 counters."""
    counters = list(
        Sequence.objects.filter(scope="policy-index")
        .order_by("pk")
        .values_list("scope", "key", "year", "last_value")
    )
    return PolicyDocumentPage.objects.count(), Revision.objects.count(), counters


def copy_with(tmp_path: Path, source: Path, old: str, new: str, name: str | None = None) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    target = tmp_path / (name or source.name)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


# --- A page saved from a website: the real seed file ------------------------------------------


@pytest.mark.django_db
def test_seed_page_imports_with_its_fields(office: Any) -> None:
    page, created = import_policy_page(SEED)

    assert created is True
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert page.title == SEED_TITLE
    assert page.organisation == office
    assert page.units == [office]
    assert page.published_on == dt.date(2024, 6, 5)
    assert page.written_on == dt.date(2024, 6, 3)
    assert page.disclosure_mode == DisclosureMode.PROACTIVE
    assert page.doc_type == DocType.OTHER
    assert page.topic.name == "其他"
    assert page.live is True
    assert not page.has_unpublished_changes
    assert page.index_number == f"{office.index_code}/2024-00001"


@pytest.mark.django_db
def test_seed_body_is_paragraph_html_without_page_chrome(office: Any) -> None:
    page, _created = import_policy_page(SEED)
    body = PolicyDocumentPage.objects.get(pk=page.pk).body

    assert body.startswith("<p>各县(区)人民政府、开发区管委会,市政府各部门:</p>")
    assert "<p>2024年南昌市政务公开工作要点</p>" in body
    assert "<p>一、深化重点领域信息公开,助力经济社会高质量发展</p>" in body
    assert body.endswith("</p>")
    assert "(十八)加强工作落实和跟踪推进" in body
    assert body.count("<p>") >= 20
    for chrome in (*PAGE_CHROME, SEED_TITLE, "(此件主动公开)"):
        assert chrome not in body, chrome


@pytest.mark.django_db
def test_reimporting_the_same_page_updates_it(office: Any) -> None:
    first, created = import_policy_page(SEED)
    assert created is True
    before = snapshot()

    again, created_again = import_policy_page(SEED)

    assert created_again is False
    assert again.pk == first.pk
    assert PolicyDocumentPage.objects.count() == before[0] == 1
    again = PolicyDocumentPage.objects.get(pk=first.pk)
    assert again.index_number == first.index_number  # the 索引号 is kept, none is used up
    assert snapshot()[2] == before[2]


@pytest.mark.django_db
def test_reimport_with_changed_body_shows_in_the_live_page(office: Any, tmp_path: Path) -> None:
    first, _created = import_policy_page(SEED)
    changed = copy_with(
        tmp_path,
        SEED,
        "请结合实际认真贯彻落实。",
        "请结合实际认真贯彻落实，并于7月底前报送落实情况。",
    )

    page, created = import_policy_page(changed)

    assert created is False
    assert page.pk == first.pk
    live = PolicyDocumentPage.objects.get(pk=first.pk)
    assert live.live is True
    assert "并于7月底前报送落实情况" in live.body
    assert not live.has_unpublished_changes
    assert PolicyDocumentPage.objects.count() == 1


# --- A joint issuance saved as HTML ----------------------------------------------------------------


@pytest.mark.django_db
def test_joint_notice_keeps_both_issuers_in_order(city: SimpleNamespace) -> None:
    hrss = make_unit(HRSS, parent=city.gov, short_name="市人社局")

    page, created = import_policy_page(JOINT)

    assert created is True
    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert page.title == JOINT_TITLE
    assert page.units == [city.b, hrss]  # 南昌市财政局 leads
    assert page.organisation == city.b
    assert page.doc_number == "洪财规〔2024〕3号"
    assert page.written_on == dt.date(2024, 7, 5)
    assert page.published_on == dt.date(2024, 7, 10)
    assert page.live is True
    assert "南昌市就业补助资金管理办法" in page.body
    for chrome in ("无障碍", "上一篇", "版权所有", "_hmt", "浏览次数"):
        assert chrome not in page.body, chrome


@pytest.mark.django_db
def test_joint_notice_with_an_unknown_unit_writes_nothing(city: SimpleNamespace) -> None:
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_policy_page(JOINT)

    assert failure.value.source == "joint-notice.html"
    message = str(failure.value)
    assert "joint-notice.html" in message
    assert HRSS in message
    assert all(p.startswith("joint-notice.html") for p in failure.value.problems)
    assert snapshot() == before


# --- Malformed pages ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "missing"),
    [
        ("empty-page.html", ["未找到标题", "未找到发文机关", "未找到正文"]),
        ("only-chrome.txt", ["未找到标题", "未找到发文机关", "未找到正文"]),
        ("no-title.txt", ["未找到标题"]),
        ("published-before-written.txt", ["发布日期（2024-05-28）早于成文日期（2024-06-03）"]),
    ],
)
def test_malformed_page_is_rejected_and_nothing_written(
    office: Any, city: SimpleNamespace, name: str, missing: list[str]
) -> None:
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_policy_page(FIXTURES / name)

    assert failure.value.source == name
    for problem in missing:
        assert any(name in p and problem in p for p in failure.value.problems), (
            problem,
            failure.value.problems,
        )
    assert snapshot() == before


@pytest.mark.django_db
def test_doc_number_in_wrong_brackets_is_rejected_saying_to_write_hexagonal_ones(
    office: Any, tmp_path: Path
) -> None:
    wrong = copy_with(
        tmp_path,
        SEED,
        "来源: 发布日期:2024-06-05 15:32:00 字体:",
        "来源: 发布日期:2024-06-05 15:32:00 字体:\n\n洪府办发[2024]31号",
        name="wrong-brackets.txt",
    )
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_policy_page(wrong)

    message = str(failure.value)
    assert "wrong-brackets.txt" in message
    assert "洪府办发[2024]31号" in message
    assert "〔〕" in message
    assert "洪府办发〔2024〕31号" in message  # the correction to write
    assert snapshot() == before


@pytest.mark.django_db
def test_doc_number_in_hexagonal_brackets_is_kept(office: Any, tmp_path: Path) -> None:
    right = copy_with(
        tmp_path,
        SEED,
        "来源: 发布日期:2024-06-05 15:32:00 字体:",
        "来源: 发布日期:2024-06-05 15:32:00 字体:\n\n洪府办发〔2024〕31号",
    )

    page, _created = import_policy_page(right)

    page = PolicyDocumentPage.objects.get(pk=page.pk)
    assert page.doc_number == "洪府办发〔2024〕31号"
    assert page.doc_year == 2024
    assert page.doc_serial == 31
    assert page.body.startswith("<p>各县(区)人民政府")  # the number line is not body text


# --- The import-policy command -----------------------------------------------------------------


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_policy_command_imports_then_updates(office: Any) -> None:
    out, _err = run("import_policy", str(SEED))

    assert "已导入" in out
    assert SEED.name in out
    assert f"{office.index_code}/2024-00001" in out
    page = PolicyDocumentPage.objects.get()
    assert page.live

    out_again, _err = run("import_policy", str(SEED))

    assert "已更新" in out_again
    assert "已导入" not in out_again
    assert PolicyDocumentPage.objects.get().pk == page.pk


@pytest.mark.django_db
def test_import_policy_command_options(office: Any) -> None:
    out, _err = run(
        "import_policy", str(SEED), "--topic", "综合政务\\政务公开", "--doc-type", "行政规范性文件"
    )

    assert "已导入" in out
    page = PolicyDocumentPage.objects.get()
    assert page.topic.label == "综合政务\\政务公开"
    assert page.doc_type == DocType.NORMATIVE


@pytest.mark.django_db
def test_import_policy_command_draft_is_not_public(office: Any, client: Any) -> None:
    out, _err = run("import_policy", str(SEED), "--draft")

    assert "已导入" in out
    page = PolicyDocumentPage.objects.get()
    assert page.has_unpublished_changes
    assert page.first_published_at is None
    assert page.live is False
    assert client.get(page.url).status_code == 404


@pytest.mark.django_db
def test_import_policy_command_fails_for_a_bad_file(office: Any) -> None:
    err = StringIO()
    before = snapshot()

    with pytest.raises(CommandError):
        call_command("import_policy", str(FIXTURES / "no-title.txt"), stdout=StringIO(), stderr=err)

    assert "no-title.txt" in err.getvalue()
    assert "未找到标题" in err.getvalue()
    assert snapshot() == before


@pytest.mark.django_db
def test_import_policy_command_with_an_unknown_topic_fails(office: Any) -> None:
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_policy", str(SEED), "--topic", "不存在的分类", stderr=err)

    assert "不存在的分类" in err.getvalue()
    assert not PolicyDocumentPage.objects.exists()


# --- Bulk files --------------------------------------------------------------------------------


def bulk_rows() -> list[dict[str, str]]:
    return [
        {
            "external_id": "EXT-1",
            "title": "南昌市教育局关于规范校外培训机构管理的通知",
            "organs": "南昌市教育局",
            "doc_number": "洪教字〔2022〕5号",
            "doc_type": "行政规范性文件",
            "topic": "科技、教育\\教育",
            "written_on": "2022-03-01",
            "published_on": "2022-03-05",
            "body": "第一段。\n第二段。",
            "relations": "",
        },
        {
            "external_id": "EXT-2",
            "title": "南昌市教育局关于进一步规范校外培训机构管理的通知",
            "organs": "南昌市教育局;南昌市财政局",
            "doc_number": "洪教字〔2024〕9号",
            "doc_type": "行政规范性文件",
            "topic": "科技、教育\\教育",
            "written_on": "2024-04-01",
            "published_on": "2024-04-08",
            "body": "为进一步规范管理，现通知如下。",
            "relations": "替代:EXT-1",
        },
        {
            "external_id": "EXT-3",
            "title": "南昌市财政局关于做好2024年预算公开工作的通知",
            "organs": "南昌市财政局",
            "doc_number": "",
            "doc_type": "其他文件",
            "topic": "财政、金融、审计\\财政",
            "written_on": "2024-02-10",
            "published_on": "",
            "body": "<p>预算公开<b>要求</b>。</p>",
            "relations": "",
        },
    ]


def write_json(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text(json.dumps({"documents": rows}, ensure_ascii=False), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = [c for c in BULK_COLUMNS if any(c in row for row in rows)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


WRITERS = {"json": write_json, "csv": write_csv}


def by_title(title: str) -> PolicyDocumentPage:
    return PolicyDocumentPage.objects.get(title=title)


def test_bulk_rows_use_only_the_documented_columns() -> None:
    for row in bulk_rows():
        assert set(row) <= set(BULK_COLUMNS)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_bulk_file_creates_and_publishes_documents(
    city: SimpleNamespace, tmp_path: Path, fmt: str
) -> None:
    path = WRITERS[fmt](tmp_path / f"export.{fmt}", bulk_rows())

    result = import_bulk(path)

    assert result.source == f"export.{fmt}"
    assert len(result.created) == 3
    assert result.updated == []
    assert PolicyDocumentPage.objects.count() == 3
    old = by_title("南昌市教育局关于规范校外培训机构管理的通知")
    new = by_title("南昌市教育局关于进一步规范校外培训机构管理的通知")
    other = by_title("南昌市财政局关于做好2024年预算公开工作的通知")
    assert all(p.live and p.first_published_at is not None for p in (old, new, other))
    assert not old.has_unpublished_changes
    assert not other.has_unpublished_changes

    assert new.units == [city.a, city.b]
    assert new.organisation == city.a
    assert new.doc_type == DocType.NORMATIVE
    assert new.doc_number == "洪教字〔2024〕9号"
    assert new.topic.label == "科技、教育\\教育"
    assert new.written_on == dt.date(2024, 4, 1)
    assert new.published_on == dt.date(2024, 4, 8)
    assert new.index_number == f"{city.a.index_code}/2024-00001"
    assert old.index_number == f"{city.a.index_code}/2022-00001"
    assert old.body == "<p>第一段。</p><p>第二段。</p>"
    assert other.doc_type == DocType.OTHER
    assert other.organisation == city.b
    assert other.topic.label == "财政、金融、审计\\财政"
    assert "&lt;b&gt;" in other.body  # body_format defaults to text: markup is escaped
    assert other.published_on is not None  # taken from the day of publication
    assert other.validity == Validity.VALID


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_bulk_relation_abolishes_the_replaced_document(
    city: SimpleNamespace, tmp_path: Path, fmt: str
) -> None:
    path = WRITERS[fmt](tmp_path / f"export.{fmt}", bulk_rows())

    import_bulk(path)

    old = by_title("南昌市教育局关于规范校外培训机构管理的通知")
    new = by_title("南昌市教育局关于进一步规范校外培训机构管理的通知")
    assert not new.has_unpublished_changes
    relation = DocumentRelation.objects.get(source=new)  # 替代:EXT-1, live
    assert (relation.kind, relation.target_id) == (RelationKind.REPLACES, old.pk)
    assert old.validity == Validity.ABOLISHED
    assert old.superseded_by_id == new.pk
    assert new.validity == Validity.VALID

    import_bulk(path)  # importing again keeps the relation and its effect

    assert DocumentRelation.objects.filter(source=new, target=old).count() == 1
    assert by_title(old.title).validity == Validity.ABOLISHED


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_bulk_file_with_bad_rows_writes_nothing(
    city: SimpleNamespace, tmp_path: Path, fmt: str
) -> None:
    rows = bulk_rows()
    rows[1]["organs"] = "南昌市不存在局"  # second document: unknown organ
    rows[2]["written_on"] = "2024-02-30"  # third document: not a date
    path = WRITERS[fmt](tmp_path / f"export.{fmt}", rows)
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_bulk(path)

    problems = failure.value.problems
    # CSV counts lines (line 1 is the header); JSON counts documents.
    second, third = ("第3行", "第4行") if fmt == "csv" else ("第2条", "第3条")
    assert any(second in p and "南昌市不存在局" in p for p in problems), problems
    assert any(third in p and "2024-02-30" in p for p in problems), problems
    assert all(p.startswith(f"export.{fmt}") for p in problems)
    assert not any(("第2行" if fmt == "csv" else "第1条") in p for p in problems)
    assert snapshot() == before  # the good first row is not written either


@pytest.mark.django_db
def test_bulk_file_with_a_missing_required_field_names_the_row(
    city: SimpleNamespace, tmp_path: Path
) -> None:
    rows = bulk_rows()
    rows[2]["topic"] = ""
    path = write_csv(tmp_path / "export.csv", rows)
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_bulk(path)

    assert any("第4行" in p and "topic" in p for p in failure.value.problems)
    assert snapshot() == before


@pytest.mark.django_db
def test_bulk_major_policy_without_interpretation_is_not_published(
    city: SimpleNamespace, tmp_path: Path
) -> None:
    rows = bulk_rows()
    rows[2]["is_major"] = "是"  # 三同步: a major policy needs a live interpretation
    path = write_json(tmp_path / "export.json", rows)
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_bulk(path)

    assert any("第3条" in p and "三同步" in p for p in failure.value.problems)
    assert snapshot() == before


@pytest.mark.django_db
def test_bulk_relation_to_an_unknown_document_writes_nothing(
    city: SimpleNamespace, tmp_path: Path
) -> None:
    rows = bulk_rows()
    rows[1]["relations"] = "替代:EXT-404"
    path = write_json(tmp_path / "export.json", rows)
    before = snapshot()

    with pytest.raises(ImportFailed) as failure:
        import_bulk(path)

    assert any("第2条" in p and "EXT-404" in p for p in failure.value.problems)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_bulk_reimport_updates_instead_of_duplicating(
    city: SimpleNamespace, tmp_path: Path, fmt: str
) -> None:
    path = WRITERS[fmt](tmp_path / f"export.{fmt}", bulk_rows())
    first = import_bulk(path)
    pks = sorted(p.pk for p in first.created)
    index_numbers = sorted(PolicyDocumentPage.objects.values_list("index_number", flat=True))

    rows = bulk_rows()
    rows[2]["body"] = "修改后的正文。"
    WRITERS[fmt](path, rows)
    again = import_bulk(path)

    assert again.created == []
    assert sorted(p.pk for p in again.updated) == pks
    assert PolicyDocumentPage.objects.count() == 3
    assert sorted(PolicyDocumentPage.objects.values_list("index_number", flat=True)) == (
        index_numbers
    )
    other = by_title("南昌市财政局关于做好2024年预算公开工作的通知")
    assert other.live and not other.has_unpublished_changes
    assert "修改后的正文。" in other.body


@pytest.mark.django_db
def test_import_policies_command(city: SimpleNamespace, tmp_path: Path) -> None:
    path = write_json(tmp_path / "export.json", bulk_rows())

    out, _err = run("import_policies", str(path))
    assert "新增 3 件" in out

    out_again, _err = run("import_policies", str(path))
    assert "新增 0 件" in out_again
    assert "更新 3 件" in out_again

    rows = bulk_rows()
    rows[0]["doc_type"] = "通知"
    bad = write_json(tmp_path / "bad.json", rows)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_policies", str(bad), stdout=StringIO(), stderr=err)
    assert "bad.json 第1条" in err.getvalue()
    with pytest.raises(CommandError):
        call_command("import_policies", str(tmp_path / "missing.json"))
