"""gongkai consultation create|analyse — consultations on drafts (意见征集) from the command line.

``create`` drafts a consultation from a Word, PDF or text draft through the same service as the
admin: the page is a draft until the unit's review approves it (先审后发). A period shorter than
the minimum (DOMAIN.md §9) without ``--urgent-reason`` exits 2 with the earliest lawful closing
date. ``analyse`` groups a CSV of comments (``id,submitter,clause,text``) into identical,
near-duplicate and campaign-template groups and themes (docs/participation.md).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.organisations.selectors import find_organisation
from gongkai.participation import services
from gongkai.participation.models import ConsultationKind
from gongkai.participation.periods import check_period
from gongkai.workdays.calendar import DatabaseCalendar

EXIT_REFUSED = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{value}") from exc


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from exc


class Command(BaseCommand):
    help = "意见征集：consultation create 从草案文件发起征求意见，consultation analyse 分析意见。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="从 Word/PDF/文本草案发起意见征集（草稿，经审核后发布）"
        )
        create.add_argument("--organ", required=True, help="单位的网址标识或名称")
        create.add_argument("--title", required=True)
        create.add_argument("--kind", required=True, choices=ConsultationKind.values)
        create.add_argument("--opens", required=True, help="开始日期 YYYY-MM-DD")
        create.add_argument("--closes", required=True, help="截止日期 YYYY-MM-DD")
        create.add_argument("--draft", required=True, help="征求意见稿文件（.docx .pdf .txt）")
        create.add_argument("--market-related", action="store_true", help="与市场主体密切相关")
        create.add_argument("--urgent-reason", default="", help="缩短征求意见期限的理由")
        create.add_argument("--explanation", default="", help="起草说明")
        create.add_argument("--contact", default="", help="书面意见提交方式")
        create.add_argument("--format", choices=["text", "json"], default="text")
        analyse = sub.add_parser("analyse", help="分析意见：相同、近似、模板意见分组和主题")
        analyse.add_argument("comments", help="CSV 文件（列：id,submitter,clause,text）")
        analyse.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self._create(options)
        else:
            self._analyse(options)

    def _create(self, options: dict[str, Any]) -> None:
        unit = find_organisation(options["organ"])
        if unit is None:
            raise CommandError(f"单位“{options['organ']}”不存在")
        opens_on, closes_on = _date(options["opens"]), _date(options["closes"])
        path = options["draft"]
        try:
            text = services.draft_text_from_file(_read(path), Path(path).name)
            page = services.consultation_create(
                actor=None,
                unit=unit,
                title=options["title"],
                kind=options["kind"],
                opens_on=opens_on,
                closes_on=closes_on,
                draft_text=text,
                source_name=Path(path).name,
                market_related=options["market_related"],
                urgent_reason=options["urgent_reason"],
                explanation=options["explanation"],
                contact=options["contact"],
            )
        except services.PeriodRefused as exc:
            raise CommandError(exc.messages[0], returncode=EXIT_REFUSED) from exc
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        earliest = check_period(
            page.kind,
            page.opens_on,
            page.closes_on,
            DatabaseCalendar(),
            market_related=page.market_related,
        ).earliest_close
        version = page.consulted_version()
        clauses = list(version.clauses.order_by("order")) if version else []
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "id": page.pk,
                        "status": "draft",
                        "opens_on": page.opens_on.isoformat(),
                        "closes_on": page.closes_on.isoformat(),
                        "earliest_close": earliest.isoformat() if earliest else None,
                        "urgent_reason": page.urgent_reason,
                        "clauses": [{"number": c.number, "text": c.text} for c in clauses],
                    },
                    ensure_ascii=False,
                )
            )
            return
        self.stdout.write(
            f"已建立意见征集草稿（编号 {page.pk}）：{page.title}，{len(clauses)} 个条款；"
            "请在管理后台提交审核，审核通过后发布。"
        )
        if earliest and page.closes_on < earliest:
            self.stdout.write(
                f"征求意见期限已缩短（最短期限应至 {earliest}），理由将随征求意见公布。"
            )

    def _analyse(self, options: dict[str, Any]) -> None:
        # local import: the analysis loads rjieba and scikit-learn, which no other command needs
        from gongkai.participation.analysis import AnalysisInputError, analyse, read_comments_csv

        raw = _read(options["comments"])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError("CSV 文件须为 UTF-8 编码") from exc
        try:
            comments = read_comments_csv(text)
        except AnalysisInputError as exc:
            raise CommandError(str(exc)) from exc

        def progress(stage: str, done: int, total: int) -> None:
            if options["format"] != "json" and total:
                sys.stderr.write(f"\r{stage} {done}/{total}")
                if done >= total:
                    sys.stderr.write("\n")

        result = analyse(comments, progress=progress)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(
            f"意见 {result['comments']} 条，提交人 {result['submitters']} 个，"
            f"分组 {len(result['groups'])} 个，主题 {len(result['themes'])} 个。"
        )
        labels = {"identical": "相同", "near_duplicate": "近似", "template": "模板"}
        for group in result["groups"][:20]:
            self.stdout.write(
                f"  {labels.get(group['kind'], group['kind'])}：{len(group['members'])} 条"
            )
        for theme in result["themes"]:
            self.stdout.write(
                f"  主题「{theme['label']}」：{len(theme['members'])} 条（{'、'.join(theme['keywords'])}）"
            )
