"""gongkai org add|list — manage the tree of units from the command line."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.organisations.models import Organisation, OrganisationKind
from gongkai.organisations.selectors import find_organisation
from gongkai.provisioning.services import unit_create


class Command(BaseCommand):
    help = "机构管理：org add 新建单位（含其公开栏目），org list 列出机构树。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="新建单位")
        add.add_argument("--name", required=True)
        add.add_argument("--slug", required=True)
        add.add_argument("--kind", required=True, choices=OrganisationKind.values)
        add.add_argument("--parent", help="上级单位的名称或网址标识")
        add.add_argument("--short-name", default="")
        add.add_argument("--credit-code", default="")
        add.add_argument("--org-code", default="")
        sub.add_parser("list", help="列出机构树")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for org in Organisation.get_tree():
                indent = "  " * (org.depth - 1)
                self.stdout.write(f"{indent}{org.name} [{org.slug}] {org.index_code}")
            return
        parent = None
        if options["parent"]:
            parent = find_organisation(options["parent"])
            if parent is None:
                raise CommandError(f"上级单位“{options['parent']}”不存在")
        try:
            org = unit_create(
                actor=None,
                parent=parent,
                name=options["name"],
                slug=options["slug"],
                kind=options["kind"],
                short_name=options["short_name"],
                credit_code=options["credit_code"],
                org_code=options["org_code"],
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(f"已建立 {org.name}（{org.index_code}）")
