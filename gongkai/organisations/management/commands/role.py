"""gongkai role grant|revoke|list — give staff their roles for units."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.organisations import services
from gongkai.organisations.models import Membership, Role
from gongkai.organisations.selectors import find_organisation


class Command(BaseCommand):
    help = "人员角色：role grant/revoke 用户 单位 角色，role list 列出。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("grant", "revoke"):
            p = sub.add_parser(name)
            p.add_argument("username")
            p.add_argument("organisation", help="单位名称、简称、网址标识或代码")
            p.add_argument("role", choices=Role.values)
        sub.add_parser("list")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            for m in Membership.objects.select_related("user", "organisation").order_by(
                "organisation__path", "user__username"
            ):
                self.stdout.write(
                    f"{m.user.get_username()}\t{m.organisation.name}\t{m.get_role_display()}"
                )
            return
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"用户“{options['username']}”不存在")
        org = find_organisation(options["organisation"])
        if org is None:
            raise CommandError(f"单位“{options['organisation']}”不存在")
        if options["action"] == "grant":
            services.membership_grant(actor=None, user=user, organisation=org, role=options["role"])
            self.stdout.write(f"已授予 {user} 在 {org} 的角色 {Role(options['role']).label}")
        else:
            found = Membership.objects.filter(
                user=user, organisation=org, role=options["role"]
            ).first()
            if found is None:
                raise CommandError("该用户没有此角色")
            services.membership_revoke(actor=None, membership=found)
            self.stdout.write("已撤销")
