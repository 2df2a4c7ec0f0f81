"""`gongkai`: the one command line for operators.

`gongkai COMMAND [ARGS]` runs one of Gongkai's commands (listed by `gongkai --help`);
`gongkai manage ARGS` reaches any other Django or Wagtail management command. Command names
use hyphens (import-policy); they map to management commands with underscores.
"""

from __future__ import annotations

import os
import sys

# Django and Wagtail commands that operators need, shown alongside ours.
PLATFORM_COMMANDS = {
    "migrate": "建立或升级数据库结构",
    "createsuperuser": "创建超级管理员账号",
    "changepassword": "修改用户密码",
    "runserver": "启动开发服务器",
    "collectstatic": "收集静态文件（生产部署）",
    "publish_scheduled": "发布已到定时发布时间的内容（定时任务）",
    "db_worker": "运行后台任务队列",
    "rebuild_references_index": "重建引用索引（决定哪些文件、图片对公众可见）",
    # Login lockout (django-axes): unlock after repeated failed logins.
    "axes_list_attempts": "列出登录失败记录",
    "axes_reset_username": "解除账号的登录锁定（axes-reset-username 用户名）",
    "axes_reset_ip": "解除网络地址的登录锁定（axes-reset-ip 地址）",
    "axes_reset": "解除全部登录锁定",
}

# Our commands whose CLI name differs from the management command (Django's own ``check`` of
# the configuration stays reachable as ``gongkai manage check``).
ALIASES = {"check": "check_text"}


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    # local import: Django is not set up when this module loads
    import django

    django.setup()


def _our_commands() -> dict[str, str]:
    # local import: Django is not set up when this module loads
    from django.core.management import get_commands, load_command_class

    commands = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("gongkai."):
            cmd = load_command_class(app, name)
            shown = next((a for a, target in ALIASES.items() if target == name), name)
            commands[shown.replace("_", "-")] = (cmd.help or "").strip().splitlines()[0]
    return commands


def print_help() -> None:
    print("用法 / usage: gongkai COMMAND [选项]    （gongkai COMMAND --help 查看命令说明）\n")
    print("Gongkai 命令:")
    for name, text in _our_commands().items():
        print(f"  {name:<22} {text}")
    print("\n平台命令:")
    for name, text in PLATFORM_COMMANDS.items():
        print(f"  {name.replace('_', '-'):<22} {text}")
    print(f"  {'manage ARGS':<22} 运行任意 Django/Wagtail 管理命令")


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    _setup()
    # local import: Django is not set up when this module loads
    from django.core.management import execute_from_command_line

    if not args or args[0] in ("-h", "--help", "help"):
        print_help()
        return
    if args[0] == "manage":
        execute_from_command_line(["gongkai", *args[1:]])
        return
    name = ALIASES.get(args[0], args[0].replace("-", "_"))
    known = {ALIASES.get(n, n.replace("-", "_")) for n in _our_commands()} | set(PLATFORM_COMMANDS)
    if name not in known:
        print(f"未知命令：{args[0]}。运行 gongkai --help 查看所有命令。", file=sys.stderr)
        raise SystemExit(2)
    execute_from_command_line(["gongkai", name, *args[1:]])


if __name__ == "__main__":
    main()
