"""两步验证管理：`gongkai otp reset USERNAME` removes a staff member's authenticator devices."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts import services


class Command(BaseCommand):
    help = "两步验证管理：reset 用户名 —— 手机丢失时重置该账号的身份验证器（记入审计日志）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        reset = sub.add_parser("reset", help="删除该账号的全部身份验证器；下次登录时重新设置")
        reset.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为 {username} 的账号。")
        count = services.totp_devices_reset(actor=None, user=user)
        self.stdout.write(
            f"已重置 {username} 的两步验证（删除 {count} 个设备）。该账号下次登录时须重新设置。"
        )
