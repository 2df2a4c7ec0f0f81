"""``gongkai report annual``: a unit's annual report computed from Gongkai's records now."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from gongkai.organisations.selectors import find_organisation
from gongkai.reports import compute, export

FORMATS = ("json", "html", "docx", "pdf", "xlsx")


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--organ", required=True, help="单位名称、简称或统一社会信用代码")
    parser.add_argument("--year", required=True, type=int, help="报告年度")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument(
        "--out", type=Path, help="输出文件（docx/pdf/xlsx 必须指定，或重定向标准输出）"
    )
    parser.add_argument("--subtree", action="store_true", help="含下级单位（全市/全区汇总）")


def run(options: dict[str, Any], stdout: OutputWrapper, stderr: OutputWrapper) -> None:
    unit = find_organisation(options["organ"])
    if unit is None:
        raise CommandError(f"找不到单位：{options['organ']}")
    year, subtree = options["year"], options.get("subtree", False)
    if not 2008 <= year <= 2100:
        raise CommandError(f"年度不正确：{year}")
    document = compute.computed_document(unit, year, subtree=subtree)
    body = export.render(document, options["format"])
    out: Path | None = options.get("out")
    if out is not None:
        out.write_bytes(body)
        stderr.write(f"已写入 {out}（{len(body)} 字节）")
    elif options["format"] in ("json", "html"):
        stdout.write(body.decode())
    else:
        sys.stdout.buffer.write(body)
