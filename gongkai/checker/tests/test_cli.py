"""`gongkai check` through the installed console script, as an operator runs it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx

from gongkai.checker.tests.pdfs import make_pdf

SEED = Path("/work/shared/seed/nanchang-2024-work-points.txt")
GONGKAI = Path(sys.executable).parent / "gongkai"
ID_NUMBER = "11010519491231002X"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(  # noqa: S603 — our own console script
        [str(GONGKAI), "check", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_seed_document_passes_with_exit_0():
    result = run(str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert not [f for f in findings if f["severity"] == "block"]


def test_planted_problems_are_caught_with_exact_offsets(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    assert "(洪府办发〔2024〕31号)" in seed
    text = "机密★5年\n" + seed.replace("(洪府办发〔2024〕31号)", "(洪府办发[2024]31号)").replace(
        "结合我市实际，制定本工作要点。",
        f"结合我市实际，制定本工作要点。联系人张三，身份证号码{ID_NUMBER}。",
    ).replace(
        "结合我市实际,制定本工作要点。",
        f"结合我市实际,制定本工作要点。联系人张三,身份证号码{ID_NUMBER}。",
    )
    assert ID_NUMBER in text
    path = tmp_path / "planted.txt"
    path.write_text(text, encoding="utf-8")

    result = run(str(path), "--format", "json", "--written-on", "2024-06-03")

    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    by_kind = {}
    for f in findings:
        by_kind.setdefault(f["kind"], []).append(f)
    id_at = text.index(ID_NUMBER)
    assert by_kind["id_card"] == [
        {
            "kind": "id_card",
            "severity": "block",
            "start": id_at,
            "end": id_at + 18,
            "excerpt": "1101**********002X",
            "message": by_kind["id_card"][0]["message"],
            "suggestion": "删除或隐去号码，如“1101**********002X”",
        }
    ]
    assert [
        (f["severity"], f["start"], f["end"], f["excerpt"]) for f in by_kind["secret_marking"]
    ] == [("block", 0, 5, "机密★5年")]
    number_at = text.index("洪府办发[2024]31号")
    assert [(f["start"], f["end"], f["suggestion"]) for f in by_kind["doc_number_format"]] == [
        (number_at, number_at + len("洪府办发[2024]31号"), "洪府办发〔2024〕31号")
    ]
    for f in findings:
        if f["kind"] not in ("id_card", "aggregation"):
            assert text[f["start"] : f["end"]] == f["excerpt"]


def test_text_output_and_stdin():
    result = run("-", stdin="截止目前，做为牵头单位。".encode())
    assert result.returncode == 0
    assert "截至目前" in result.stdout and "作为" in result.stdout
    assert "表述错误" in result.stdout and "wrong_expression" not in result.stdout
    assert "共 2 项" in result.stdout


def test_docx_input(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于某事项的通知")
    document.add_paragraph(f"申请人身份证号码{ID_NUMBER}")
    path = tmp_path / "a.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    result = run(str(path), "--format", "json")
    assert result.returncode == 1
    assert [f["kind"] for f in json.loads(result.stdout)["findings"]] == ["id_card"]


def test_pdf_input(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(make_pdf(["关于某事项的通知", "秘密★1年"]))
    result = run(str(path), "--format", "json")
    assert result.returncode == 1
    assert [(f["kind"], f["excerpt"]) for f in json.loads(result.stdout)["findings"]] == [
        ("secret_marking", "秘密★1年")
    ]


def test_unusable_input_exits_2_with_chinese_message(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([]))
    result = run(str(scan))
    assert result.returncode == 2
    assert "无文字层，可能是扫描件" in result.stderr
    missing = run(str(tmp_path / "none.txt"))
    assert missing.returncode == 2 and "无法读取文件" in missing.stderr


def test_redact_and_rules_file(tmp_path):
    source = tmp_path / "list.txt"
    source.write_text(f"张三 {ID_NUMBER} 13812345678\n", encoding="utf-8")
    redacted = run(str(source), "--redact")
    assert redacted.returncode == 0
    assert redacted.stdout == "张三 1101**********002X 138****5678\n"
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"sensitive_words": [["张三", "block"]]}), encoding="utf-8")
    result = run(str(tmp_path / "list.txt"), "--rules", str(rules), "--format", "json")
    kinds = {(f["kind"], f["severity"]) for f in json.loads(result.stdout)["findings"]}
    assert ("sensitive_word", "block") in kinds
    bad = tmp_path / "bad.txt"
    bad.write_text("词语\n", encoding="utf-8")
    assert run(str(source), "--rules", str(bad)).returncode == 2
