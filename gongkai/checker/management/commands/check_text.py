"""gongkai check PATH|- — check a text, HTML, DOCX or PDF file before publication."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongkai.checker.engine import RulesError, check_text, default_ruleset, load_ruleset, redact
from gongkai.checker.extract import UnusableInput, extract_text
from gongkai.checker.findings import kind_label

EXIT_CLEAN, EXIT_BLOCKED, EXIT_UNUSABLE = 0, 1, 2
_LABELS = {"block": "阻断", "warn": "警告", "info": "提示"}


class Command(BaseCommand):
    help = (
        "检查文件内容（TXT、HTML、DOCX、PDF）：个人信息、密级标志、敏感词、错误表述、发文字号和格式。"
        "有“阻断”项时退出码为 1，无法读取为 2。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="要检查的文件；“-” 从标准输入读取")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
        parser.add_argument(
            "--rules",
            action="append",
            type=Path,
            default=[],
            metavar="FILE",
            help="追加规则文件（可多次使用；格式见 docs/checker.md）",
        )
        parser.add_argument(
            "--written-on", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="成文日期"
        )
        parser.add_argument("--redact", action="store_true", help="输出隐去个人信息后的文本")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            if path == "-":
                data, name = sys.stdin.buffer.read(), "-"
            else:
                data, name = Path(path).read_bytes(), path
            text = extract_text(data, name)
            ruleset = load_ruleset(options["rules"]) if options["rules"] else default_ruleset()
        except (UnusableInput, RulesError) as exc:
            self.stderr.write(f"无法检查：{exc}")
            raise SystemExit(EXIT_UNUSABLE) from None
        except OSError as exc:
            self.stderr.write(f"无法读取文件 {path}：{exc.strerror}")
            raise SystemExit(EXIT_UNUSABLE) from None

        if options["redact"]:
            self.stdout.write(redact(text, ruleset=ruleset), ending="")
            return
        findings = check_text(text, ruleset=ruleset, written_on=options["written_on"])
        if options["format"] == "json":
            payload = {"findings": [f.as_dict() for f in findings]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for f in findings:
                line = f"{f.start}-{f.end} [{_LABELS[f.severity]}] {kind_label(f.kind)} “{f.excerpt}” {f.message}"
                if f.suggestion:
                    line += f" 建议：{f.suggestion}"
                self.stdout.write(line)
            counts = {s: sum(1 for f in findings if f.severity == s) for s in _LABELS}
            self.stdout.write(
                f"共 {len(findings)} 项：阻断 {counts['block']}，警告 {counts['warn']}，提示 {counts['info']}。"
            )
        if any(f.severity == "block" for f in findings):
            raise SystemExit(EXIT_BLOCKED)
