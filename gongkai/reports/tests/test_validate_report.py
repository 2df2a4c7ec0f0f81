"""The consistency rules (勾稽关系) on parsed reports: a consistent report passes; every planted
error is found, at the right cells, and nothing else; across years; the old layout; the CLI."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gongkai.reports import labels as L
from gongkai.reports.validation.parse import LAYOUT_2019, parse_file, parse_report
from gongkai.reports.validation.validate import PREVIOUS, validate, validate_directory

FIXTURES = Path(__file__).parent / "fixtures"
G4 = "（四）无法提供"
NOT_HELD = "1.本机关不掌握相关政府信息"
TOTAL_ROW = (L.RESULTS, L.RESULTS_TOTAL)


def summary(result: Any) -> list[tuple[str, str, tuple[str, ...], Any, Any]]:
    return [
        (f.level, f.rule, f.cells[0] if f.cells else (), f.expected, f.found) for f in result.errors
    ]


@pytest.mark.parametrize(
    "name",
    [
        "consistent_2024.html",
        "consistent_2024.txt",
        "consistent_2024_lines.txt",
        "typos_2024.html",
        "consistent_2024.json",
        "previous_2023.txt",
    ],
)
def test_consistent_reports_pass(name: str) -> None:
    result = validate(parse_file(FIXTURES / name))
    assert result.ok
    assert result.errors == []


def test_consistent_pair_of_years_passes() -> None:
    result = validate(
        parse_file(FIXTURES / "consistent_2024.html"), parse_file(FIXTURES / "previous_2023.txt")
    )
    assert result.ok
    assert result.errors == []


def test_every_planted_error_is_found_and_nothing_else() -> None:
    result = validate(
        parse_file(FIXTURES / "planted_2024.html"), parse_file(FIXTURES / "previous_2023.txt")
    )
    assert not result.ok
    assert summary(result) == [
        # （七）总计 of 自然人 printed 42 (the outcomes add up to 41; 一+二 = 43, 四 = 2) …
        ("error", "t3.balance", ("三", L.NEW, L.NATURAL), 43, 44),
        ("error", "t3.results_total", ("三", *TOTAL_ROW, L.NATURAL), 41, 42),
        # … the 总计 column of “1.本机关不掌握相关政府信息” printed 11 instead of 10, so the 总计
        # column's outcomes add up to 51 …
        ("error", "t3.results_total", ("三", *TOTAL_ROW, L.TOTAL), 51, 50),
        ("error", "t3.column_total", ("三", L.RESULTS, G4, NOT_HELD, L.TOTAL), 10, 11),
        # … and the （七）总计 row's six columns (with 42) add up to 51, not its 50.
        ("error", "t3.column_total", ("三", *TOTAL_ROW, L.TOTAL), 51, 50),
        # 复议后起诉: 总计 1, its four results 0.
        ("error", "t4.group_total", ("四", L.SUIT_AFTER, L.TOTAL), 0, 1),
        # 上年结转 of 商业企业 is 2, last year's 结转下年度 was 1 (and so the 总计 column).
        ("error", "prev.carried_over", ("三", L.CARRIED_IN, L.COMMERCIAL), 1, 2),
        ("error", "prev.carried_over", ("三", L.CARRIED_IN, L.TOTAL), 4, 5),
        # 行政规范性文件: 14 + 2 − 1 = 15 in force, 16 printed: a warning (a convention).
        ("warn", "prev.in_force", ("二", L.T2_ITEM_1, L.NORMATIVE, L.IN_FORCE), 15, 16),
    ]
    messages = [f.message for f in result.errors]
    assert messages[0] == "自然人列：一+二=43，（七）总计+四=44"
    assert messages[1] == "自然人列：（一）至（六）各项之和=41，（七）总计=42"
    assert (
        messages[3]
        == "“（四）无法提供 1.本机关不掌握相关政府信息”行：自然人至其他六列之和=10，总计列=11"
    )
    assert messages[5] == "复议后起诉：结果维持+结果纠正+其他结果+尚未审结=0，总计=1"
    assert messages[6] == (
        "商业企业列：本年“二、上年结转政府信息公开申请数量”=2，上年报告“四、结转下年度继续办理”=1"
    )
    assert (
        messages[8]
        == "行政规范性文件：上年现行有效件数14+本年制发件数2−本年废止件数1=15，本年现行有效件数=16"
    )
    # Every cell a rule names; the previous year's cells are marked.
    balance = result.errors[0]
    assert balance.cells == (
        ("三", L.NEW, L.NATURAL),
        ("三", L.CARRIED_IN, L.NATURAL),
        ("三", *TOTAL_ROW, L.NATURAL),
        ("三", L.CARRIED_OUT, L.NATURAL),
    )
    assert len(result.errors[1].cells) == 1 + 21  # （七）总计 and the 21 outcome rows
    assert result.errors[6].cells[1] == (PREVIOUS, "三", L.CARRIED_OUT, L.COMMERCIAL)
    assert result.errors[3].where == (
        "第2个表格第16行“1.本机关不掌握相关政府信息”行“总计”列（原文：11）",
    )


def test_without_the_previous_year_only_the_tables_own_rules_run() -> None:
    result = validate(parse_file(FIXTURES / "planted_2024.html"))
    assert {f.rule for f in result.errors} == {
        "t3.balance",
        "t3.results_total",
        "t3.column_total",
        "t4.group_total",
    }


def test_in_force_convention_alone_is_only_a_warning() -> None:
    current = parse_file(FIXTURES / "consistent_2024.json")
    current.tables["二"][L.T2_ITEM_1][L.RULES][L.IN_FORCE] = 3
    result = validate(current, parse_file(FIXTURES / "previous_2023.txt"))
    assert result.ok
    assert summary(result) == [
        ("warn", "prev.in_force", ("二", L.T2_ITEM_1, L.RULES, L.IN_FORCE), 0, 3)
    ]


def test_computed_data_is_validated_as_is() -> None:
    data = json.loads((FIXTURES / "consistent_2024.json").read_text())
    assert validate(data).ok
    broken = copy.deepcopy(data)
    broken["四"][L.RECONSIDERATION]["结果纠正"] = 1
    assert summary(validate(broken)) == [
        ("error", "t4.group_total", ("四", L.RECONSIDERATION, L.TOTAL), 3, 2)
    ]


def test_printed_group_subtotals_are_checked() -> None:
    html = (FIXTURES / "consistent_2024.html").read_text()
    # A site that prints （三）不予公开 as its own row with a subtotal (not in the format).
    html = html.replace(
        '<td rowspan="8"><p>（三）不予公开</p></td><td><p>1.属于国家秘密</p></td>',
        '<td colspan="2"><p>（三）不予公开</p></td>'
        + "".join(f"<td>{v}</td>" for v in (4, 1, 0, 0, 0, 0, 6))
        + '</tr><tr><td rowspan="8"></td><td><p>1.属于国家秘密</p></td>',
    )
    result = validate(parse_report(html, "r.html"))
    # 自然人 under （三）: 1 + 1 + 2 + 1 = 5, the printed subtotal says 4.
    assert summary(result) == [
        ("error", "t3.group_subtotal", ("三", L.RESULTS, "（三）不予公开", "小计", L.NATURAL), 5, 4)
    ]
    assert result.errors[0].message == "自然人列：“（三）不予公开”行=4，其下各项之和=5"


def test_old_layout_is_reported_and_still_checked() -> None:
    result = validate(parse_file(FIXTURES / "old_2019.html"))
    assert result.layout == LAYOUT_2019
    assert result.ok
    html = (FIXTURES / "old_2019.html").read_text()
    # Break （六）其他处理 (a single row in 2019): 自然人 2 instead of 1.
    html = html.replace(
        "<p>（六）其他处理</p></td><td>1</td>", "<p>（六）其他处理</p></td><td>2</td>"
    )
    result = validate(parse_report(html, "old.html"))
    assert result.layout == LAYOUT_2019
    assert summary(result) == [
        ("error", "t3.results_total", ("三", *TOTAL_ROW, L.NATURAL), 42, 41),
        ("error", "t3.column_total", ("三", L.RESULTS, "（六）其他处理", L.TOTAL), 2, 1),
    ]


def test_old_and_new_layouts_across_years() -> None:
    """A 2021-format report after a 2019-format one: 结转 is checked, 现行有效件数 cannot be."""
    old = parse_file(FIXTURES / "old_2019.html")
    old.year = 2023
    result = validate(parse_file(FIXTURES / "consistent_2024.html"), old)
    assert [(f.level, f.rule) for f in result.errors] == [
        ("error", "prev.carried_over"),  # 自然人: 3 carried in, 2 carried out in the old one
        ("error", "prev.carried_over"),  # 商业企业
        ("error", "prev.carried_over"),  # 法律服务机构
        ("error", "prev.carried_over"),  # 总计
        ("info", "prev.in_force"),
    ]


def test_parse_problems_are_errors_and_silence_the_rules_they_touch() -> None:
    text = (FIXTURES / "consistent_2024.txt").read_text()
    text = text.replace("（七）总计 41 7 1 0 1 0 50", "（七）总计 41 7 1 0 1 50")
    result = validate(parse_report(text, "r.txt"))
    assert not result.ok
    assert [f.rule for f in result.errors] == ["parse.columns"]


# --- CLI ------------------------------------------------------------------------------------------

GONGKAI = str(Path(sys.executable).parent / "gongkai")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    return subprocess.run(  # noqa: S603 -- our own command
        [GONGKAI, "report", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_cli_exit_codes() -> None:
    ok = run("validate", str(FIXTURES / "consistent_2024.html"))
    assert ok.returncode == 0, ok.stderr
    assert "勾稽关系相符" in ok.stdout

    bad = run(
        "validate",
        str(FIXTURES / "planted_2024.html"),
        "--previous",
        str(FIXTURES / "previous_2023.txt"),
        "--format",
        "json",
    )
    assert bad.returncode == 1, bad.stderr
    payload = json.loads(bad.stdout)
    assert payload["ok"] is False
    assert payload["layout"] == "2021"
    assert set(payload["tables"]) == {"二", "三", "四"}
    assert payload["errors"][0] == {
        "rule": "t3.balance",
        "level": "error",
        "cells": [
            ["三", L.NEW, L.NATURAL],
            ["三", L.CARRIED_IN, L.NATURAL],
            ["三", L.RESULTS, L.RESULTS_TOTAL, L.NATURAL],
            ["三", L.CARRIED_OUT, L.NATURAL],
        ],
        "expected": 43,
        "found": 44,
        "message": "自然人列：一+二=43，（七）总计+四=44",
        "where": payload["errors"][0]["where"],
    }

    missing = run("validate", str(FIXTURES / "no-such-report.html"))
    assert missing.returncode == 2
    assert "无法读取文件" in missing.stderr

    no_table = run("validate", str(FIXTURES / "no_table.txt"))
    assert no_table.returncode == 2
    assert "未找到年度报告的表格" in no_table.stderr


def test_cli_text_output_names_cells_as_printed_and_the_old_layout() -> None:
    planted = run("validate", str(FIXTURES / "planted_2024.html"))
    assert planted.returncode == 1
    assert "[错误] t3.balance  自然人列：一+二=43，（七）总计+四=44" in planted.stdout
    assert "第2个表格第27行“（七）总计”行“自然人”列（原文：42）" in planted.stdout
    assert "共 6 项错误" in planted.stdout

    old = run("validate", str(FIXTURES / "old_2019.html"))
    assert old.returncode == 0
    assert "2021年以前的格式" in old.stdout


def test_validate_json_output_is_accepted_as_input(tmp_path: Path) -> None:
    out = run("validate", str(FIXTURES / "old_2019.html"), "--format", "json")
    saved = tmp_path / "old.json"
    saved.write_text(out.stdout)
    again = parse_file(saved)
    assert again.layout == LAYOUT_2019
    assert validate(again).ok


# --- Batch ----------------------------------------------------------------------------------------


def batch_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "2024"
    folder.mkdir()
    for name in ("consistent_2024.html", "planted_2024.html", "old_2019.html"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "unit-b.txt").write_text(
        (FIXTURES / "consistent_2024.txt")
        .read_text()
        .replace("临川市生态环境局2024年", "临川市交通运输局2024年")
    )
    (folder / "empty.txt").write_text("附件：年度报告（扫描件）")
    (folder / "notes.md").write_text("not a report")
    return folder


def test_batch_summary(tmp_path: Path) -> None:
    entries = validate_directory(batch_dir(tmp_path), year=2024)
    got = [(e.file, e.unit, e.status, e.errors) for e in entries]
    assert got == [
        ("consistent_2024.html", "临川市生态环境局", "ok", 0),
        ("empty.txt", "empty", "unusable", 1),
        ("old_2019.html", "临川县人民政府办公室", "errors", 1),  # the year is not 2024
        ("planted_2024.html", "临川市生态环境局", "errors", 6),
        ("unit-b.txt", "临川市交通运输局", "ok", 0),
    ]
    assert entries[2].first_error == "报告标题的年度为2019年，不是2024年。"
    assert entries[3].first_error == "自然人列：一+二=43，（七）总计+四=44"


def test_batch_with_previous_year_directory(tmp_path: Path) -> None:
    folder = batch_dir(tmp_path)
    before = tmp_path / "2023"
    before.mkdir()
    (before / "a.txt").write_bytes((FIXTURES / "previous_2023.txt").read_bytes())
    entries = {e.file: e for e in validate_directory(folder, year=2024, previous_directory=before)}
    assert entries["consistent_2024.html"].ok
    assert entries["planted_2024.html"].errors == 8  # the two carried-over errors too
    assert entries["planted_2024.html"].warnings == 1


def test_batch_cli(tmp_path: Path) -> None:
    folder = batch_dir(tmp_path)
    text = run("batch", str(folder), "--year", "2024")
    assert text.returncode == 1
    assert "临川市交通运输局（unit-b.txt）：通过" in text.stdout
    assert "合计：5 个单位，通过 2，有错误 2，无法读取 1；错误共 8 项。" in text.stdout

    csv_out = run("batch", str(folder), "--year", "2024", "--format", "csv")
    lines = csv_out.stdout.splitlines()
    assert lines[0] == "单位,文件,结果,格式,错误数,提醒数,首个错误"
    assert lines[1] == "临川市生态环境局,consistent_2024.html,通过,2021,0,0,"

    data = json.loads(run("batch", str(folder), "--year", "2024", "--format", "json").stdout)
    assert data["totals"] == {"units": 5, "ok": 2, "errors": 2, "unusable": 1, "error_count": 8}

    good = tmp_path / "good"
    good.mkdir()
    (good / "a.html").write_bytes((FIXTURES / "consistent_2024.html").read_bytes())
    assert run("batch", str(good), "--year", "2024").returncode == 0
    assert run("batch", str(tmp_path / "nothing"), "--year", "2024").returncode == 2
    (tmp_path / "void").mkdir()
    assert run("batch", str(tmp_path / "void"), "--year", "2024").returncode == 2


def test_annual_is_dispatched_to_its_module() -> None:
    result = run("annual", "--help")
    assert result.returncode == 0
    assert "--organ" in result.stdout
