"""The annual report computed from a year of known cases, documents and appeals: every cell,
every identity, carry-overs across 1 January, imported cases equal to handled ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from gongkai.applications import services as cases
from gongkai.applications.importing import import_applications
from gongkai.applications.models import Appeal
from gongkai.applications.tests.helpers import registered
from gongkai.reports import compute, services
from gongkai.reports import labels as L
from gongkai.reports.models import AnnualReportPage
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db

D = dt.date
TYPE_FIELDS = {
    "natural": {},
    "commercial": {
        "credit_code": "91360102MA35L12342",
        "contact_person": "王经理",
        "id_number": "",
    },
    "research": {"credit_code": "91360102MA35L12342", "contact_person": "李老师", "id_number": ""},
    "legal_service": {
        "credit_code": "91360102MA35L12342",
        "contact_person": "赵律师",
        "id_number": "",
    },
    "other": {"credit_code": "91360102MA35L12342", "contact_person": "钱某", "id_number": ""},
}

# (applicant type, received, outcome or None, answered on or None)
CASES = [
    ("natural", D(2024, 3, 4), "disclosed", D(2024, 3, 20)),  # all in 2024: not in 2025's report
    ("natural", D(2024, 12, 16), "disclosed", D(2025, 1, 8)),  # carried in, answered
    ("commercial", D(2024, 12, 23), "refused.state_secret", D(2025, 1, 12)),  # carried in, answered
    ("natural", D(2024, 12, 30), None, None),  # carried in, still open: carried out
    ("natural", D(2025, 3, 2), "disclosed", D(2025, 3, 20)),
    ("natural", D(2025, 6, 2), "partial", D(2025, 6, 25)),
    ("research", D(2025, 7, 1), "unavailable.not_held", D(2025, 7, 21)),
    ("other", D(2025, 8, 4), "other.no_correction", None),  # closed without reply
    ("natural", D(2025, 12, 22), None, None),  # open at the end of 2025
    ("legal_service", D(2025, 12, 29), "disclosed", D(2026, 1, 6)),  # answered next year
    ("natural", D(2026, 1, 5), None, None),  # next year's
]


def handle(
    city: Any, applicant_type: str, received: dt.date, outcome: str | None, on: dt.date | None
) -> Any:
    users = city.users
    case = registered(
        city.a,
        users.officer_a,
        received,
        applicant_type=applicant_type,
        **TYPE_FIELDS[applicant_type],
    )
    case = cases.assign(case, actor=users.officer_a, handler=users.officer_a)
    if outcome == "other.no_correction":
        case = cases.request_correction(
            case, actor=users.officer_a, request_text="请补充", on=received + dt.timedelta(days=1)
        )
        return cases.close(
            case,
            actor=users.officer_a,
            outcome_code=outcome,
            on=case.correction_due_on + dt.timedelta(days=3),
        )
    if outcome:
        cases.draft_reply(case, actor=users.officer_a, outcome_code=outcome, on=on)
        cases.approve_reply(case, actor=users.head_a)
        case = cases.mark_replied(case, actor=users.officer_a, on=on)
    return case


@pytest.fixture
def year_of_cases(city: Any) -> Any:
    for row in CASES:
        handle(city, *row)
    return city


def row(**counts: int) -> dict[str, int]:
    names = {"natural": L.NATURAL, "commercial": L.COMMERCIAL, "research": L.RESEARCH,
             "public_interest": L.PUBLIC_INTEREST, "legal_service": L.LEGAL_SERVICE, "other": L.OTHER}  # fmt: skip
    result = dict.fromkeys(L.COLUMNS, 0)
    for key, n in counts.items():
        result[names[key]] = n
    result[L.TOTAL] = sum(counts.values())
    return result


def test_table_3_counts_every_cell(year_of_cases: Any) -> None:
    t3 = compute.compute(year_of_cases.a, 2025)["三"]
    results = t3[L.RESULTS]

    assert t3[L.NEW] == row(natural=3, research=1, legal_service=1, other=1)
    assert t3[L.CARRIED_IN] == row(natural=2, commercial=1)
    assert results["（一）予以公开"] == row(natural=2)
    assert results["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] == row(natural=1)
    assert results["（三）不予公开"]["1.属于国家秘密"] == row(commercial=1)
    assert results["（四）无法提供"]["1.本机关不掌握相关政府信息"] == row(research=1)
    assert results["（六）其他处理"][
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    ] == row(other=1)
    assert results[L.RESULTS_TOTAL] == row(natural=3, commercial=1, research=1, other=1)
    assert t3[L.CARRIED_OUT] == row(natural=2, legal_service=1)
    # Every other outcome cell is zero.
    nonzero = {
        path for path in L.t3_rows() if path[0] == L.RESULTS and any(L.t3_cell(t3, path).values())
    }
    assert len(nonzero) == 6  # five outcome rows and （七）总计


def test_every_identity_holds(year_of_cases: Any) -> None:
    for year in (2024, 2025, 2026):
        t3 = compute.compute(year_of_cases.a, year)["三"]
        for column in L.COLUMNS:
            assert (
                t3[L.NEW][column] + t3[L.CARRIED_IN][column]
                == t3[L.RESULTS][L.RESULTS_TOTAL][column] + t3[L.CARRIED_OUT][column]
            ), (year, column)
            outcome_sum = sum(
                L.t3_cell(t3, (L.RESULTS, g, i) if i else (L.RESULTS, g))[column]
                for g, i in L.result_rows()
            )
            assert outcome_sum == t3[L.RESULTS][L.RESULTS_TOTAL][column]
        for path in L.t3_rows():
            cell = L.t3_cell(t3, path)
            assert cell[L.TOTAL] == sum(cell[c] for c in L.APPLICANT_COLUMNS)
    # Carry-over across 1 January: this year's 二 is last year's 四.
    assert (
        compute.compute(year_of_cases.a, 2026)["三"][L.CARRIED_IN]
        == (compute.compute(year_of_cases.a, 2025)["三"][L.CARRIED_OUT])
    )


def test_a_subtree_adds_up_its_units(year_of_cases: Any) -> None:
    city_total = compute.compute(year_of_cases.gov, 2025, subtree=True)["三"]
    assert city_total[L.NEW] == compute.compute(year_of_cases.a, 2025)["三"][L.NEW]
    assert compute.compute(year_of_cases.gov, 2025)["三"][L.NEW][L.TOTAL] == 0


def test_imported_cases_give_the_same_tables(year_of_cases: Any, tmp_path: Path) -> None:
    lines = ["number,organ,received_on,applicant_type,closed_on,outcome"]
    labels_of = {"natural": "自然人", "commercial": "商业企业", "research": "科研机构", "legal_service": "法律服务机构", "other": "其他"}  # fmt: skip
    from gongkai.applications.outcomes import BY_CODE

    for n, (kind, received, outcome, answered) in enumerate(CASES):
        closed = answered
        if outcome == "other.no_correction":
            closed = year_of_cases.a.applications.get(outcome=outcome).closed_on
        short = BY_CODE[outcome].short if outcome else ""
        lines.append(
            f"H-{n},{year_of_cases.b.name},{received},{labels_of[kind]},{closed or ''},{short}"
        )
    path = tmp_path / "history.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    import_applications(path)

    for year in (2024, 2025, 2026):
        assert (
            compute.compute(year_of_cases.b, year)["三"]
            == compute.compute(year_of_cases.a, year)["三"]
        )


def test_table_2_from_the_library_and_entered_figures(city: Any) -> None:
    make_policy(city.a, title="南昌市教育局规章一", doc_type="rule", written_on=D(2025, 3, 1))
    make_policy(
        city.a, title="南昌市教育局规范性文件一", doc_type="normative", written_on=D(2025, 4, 1)
    )
    make_policy(
        city.a, title="南昌市教育局规范性文件二", doc_type="normative", written_on=D(2023, 4, 1)
    )
    make_policy(
        city.a,
        title="南昌市教育局规范性文件三（2025年废止）",
        doc_type="normative",
        written_on=D(2022, 4, 1),
        abolished_on=D(2025, 9, 1),
    )
    make_policy(
        city.a,
        title="南昌市教育局规范性文件四（2025年到期）",
        doc_type="normative",
        written_on=D(2020, 4, 1),
        valid_until=D(2025, 6, 30),
    )
    make_policy(city.a, title="南昌市教育局其他文件", doc_type="other", written_on=D(2025, 4, 1))
    make_policy(
        city.a,
        title="南昌市教育局2026年规范性文件",
        doc_type="normative",
        written_on=D(2026, 1, 10),
    )
    services.figure_set(
        actor=city.users.head_a,
        organisation=city.a,
        year=2025,
        key="licensing",
        value=1204,
        source="行政审批系统",
    )
    services.figure_set(
        actor=city.users.head_a,
        organisation=city.a,
        year=2025,
        key="fees",
        value="12.35",
        source="财政非税收入系统",
    )
    with pytest.raises(Exception, match="来源"):
        services.figure_set(
            actor=city.users.head_a,
            organisation=city.a,
            year=2025,
            key="penalty",
            value=3,
            source=" ",
        )
    with pytest.raises(Exception, match="整数"):
        services.figure_set(
            actor=city.users.head_a,
            organisation=city.a,
            year=2025,
            key="penalty",
            value="2.5",
            source="执法系统",
        )

    t2 = compute.compute(city.a, 2025)["二"]

    assert t2[L.T2_ITEM_1][L.RULES] == {L.ISSUED: 1, L.ABOLISHED: 0, L.IN_FORCE: 1}
    assert t2[L.T2_ITEM_1][L.NORMATIVE] == {L.ISSUED: 1, L.ABOLISHED: 2, L.IN_FORCE: 2}
    assert t2[L.T2_ITEM_5][L.LICENSING] == {L.DECISIONS: 1204}
    assert t2[L.T2_ITEM_6][L.PENALTY] == {L.DECISIONS: 0}
    assert t2[L.T2_ITEM_8][L.FEES] == {L.FEE_AMOUNT: 12.35}


def test_table_4_from_appeal_records(city: Any) -> None:
    for kind, result in [("reconsideration", "upheld"), ("reconsideration", "corrected"),
                         ("direct_suit", "pending"), ("suit_after_reconsideration", "other")]:  # fmt: skip
        Appeal.objects.create(organisation=city.a, year=2025, kind=kind, result=result)
    Appeal.objects.create(organisation=city.a, year=2024, kind="reconsideration", result="upheld")

    t4 = compute.compute(city.a, 2025)["四"]

    assert t4[L.RECONSIDERATION] == {
        "结果维持": 1,
        "结果纠正": 1,
        "其他结果": 0,
        "尚未审结": 0,
        "总计": 2,
    }
    assert t4[L.DIRECT_SUIT]["尚未审结"] == t4[L.DIRECT_SUIT][L.TOTAL] == 1
    assert t4[L.SUIT_AFTER]["其他结果"] == 1


def test_the_report_page_is_drafted_frozen_and_goes_through_review(
    year_of_cases: Any, client: Any
) -> None:
    from gongkai.testing import review_and_publish

    city = year_of_cases
    page = services.report_draft(actor=city.users.editor_a, organisation=city.a, year=2025)
    assert page.tables["三"] == compute.compute(city.a, 2025)["三"]
    assert "本年新收政府信息公开申请6件" in page.section_1
    assert not page.live
    with pytest.raises(Exception, match="已存在"):
        services.report_draft(actor=city.users.editor_a, organisation=city.a, year=2025)
    with pytest.raises(Exception, match="不能为该单位"):
        services.report_draft(actor=city.users.editor_a, organisation=city.b, year=2025)

    page = review_and_publish(
        page, author=city.users.editor_a, reviewer=city.users.reviewer_a, head=city.users.head_a
    )
    assert page.live
    html = client.get(page.url).content.decode()
    assert "三、本年度办理结果" in html
    column = page.get_parent()
    assert page.title in client.get(column.url).content.decode()
    # A case answered later does not change the published report's tables.
    frozen = AnnualReportPage.objects.get(pk=page.pk).tables
    handle(city, "natural", D(2025, 12, 1), "disclosed", D(2025, 12, 20))
    assert AnnualReportPage.objects.get(pk=page.pk).tables == frozen
    response = client.get(page.url + "download/json/")
    assert response.status_code == 200
    assert response.json()["三"][L.NEW][L.TOTAL] == 6


def test_the_command_line_writes_every_format(year_of_cases: Any, tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from django.conf import settings

    gongkai = str(Path(sys.executable).with_name("gongkai"))
    env = {**__import__("os").environ, "GONGKAI_VAR_DIR": str(settings.VAR_DIR)}
    # The command reads the test database only through Django: run it in-process instead.
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("report", "annual", "--organ", year_of_cases.a.name, "--year", "2025", stdout=out)
    data = json.loads(out.getvalue())
    assert data["organ"] == year_of_cases.a.name
    assert data["三"]["一、本年新收政府信息公开申请数量"]["总计"] == 6
    assert data["三"]["三、本年度办理结果"]["（三）不予公开"]["1.属于国家秘密"]["商业企业"] == 1
    assert set(data["四"]) == {"行政复议", "未经复议直接起诉", "复议后起诉"}
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!")):
        target = tmp_path / f"report.{fmt}"
        call_command(
            "report", "annual", "--organ", year_of_cases.a.name, "--year", "2025",
            "--format", fmt, "--out", str(target), stderr=StringIO(),
        )  # fmt: skip
        assert target.read_bytes().startswith(magic), fmt
    # What we produce validates.
    result = subprocess.run(  # noqa: S603 - our own console script
        [gongkai, "report", "validate", str(tmp_path / "report.html")],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_city_office_checks_every_stored_report(year_of_cases: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    services.report_draft(
        actor=year_of_cases.users.editor_a, organisation=year_of_cases.a, year=2025
    )
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:  # other units have no report yet
        call_command(
            "report", "batch", "--stored", "--year", "2025", "--format", "json", stdout=out
        )
    assert exit_info.value.code == 1
    summary = __import__("json").loads(out.getvalue())
    by_unit = {u["unit"]: u for u in summary["units"]}
    assert by_unit[year_of_cases.a.name]["ok"] is True
    assert by_unit[year_of_cases.b.name]["first_error"] == "尚未编制2025年度报告"


def test_figures_from_other_systems_are_imported_with_their_source(
    city: Any, tmp_path: Path
) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    good = tmp_path / "figures.csv"
    good.write_text(
        "organ,year,key,value,source\n"
        f"{city.a.name},2025,行政许可,1204,行政审批系统\n"
        f"{city.a.name},2025,fees,12.35,财政非税收入系统\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"organ,year,key,value,source\n{city.a.name},2025,行政处罚,2.5,\n", encoding="utf-8"
    )

    call_command("report", "figures", str(good), stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("report", "figures", str(bad), stdout=StringIO(), stderr=StringIO())

    t2 = compute.compute(city.a, 2025)["二"]
    assert t2[L.T2_ITEM_5][L.LICENSING][L.DECISIONS] == 1204
    assert t2[L.T2_ITEM_8][L.FEES][L.FEE_AMOUNT] == 12.35
    assert t2[L.T2_ITEM_6][L.PENALTY][L.DECISIONS] == 0
