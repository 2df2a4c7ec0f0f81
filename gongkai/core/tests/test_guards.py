"""Guards: the schema matches the models, and the operator's command line works."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.organisations.models import Membership, Organisation, OrganisationGroup, Role
from gongkai.testing import next_org_code

GONGKAI = Path(sys.executable).with_name("gongkai")
OUR_COMMANDS = ("import-policy", "import-policies", "load-demo", "org", "role", "refresh-validity")


@pytest.mark.django_db
def test_no_missing_migrations() -> None:
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())

    assert "No changes detected" in out.getvalue()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(GONGKAI)] if GONGKAI.exists() else [sys.executable, "-m", "gongkai.cli"]
    env = {**os.environ, "GONGKAI_VAR_DIR": str(settings.VAR_DIR)}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the CLI must find its settings by itself
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [*command, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_cli_help_lists_our_commands() -> None:
    result = run_cli("--help")

    assert result.returncode == 0, result.stderr
    assert "Gongkai 命令" in result.stdout
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    for name in OUR_COMMANDS:
        assert name in listed, name
    assert "migrate" in listed  # platform commands are listed too


def test_cli_rejects_an_unknown_command_in_chinese() -> None:
    result = run_cli("no-such-command")

    assert result.returncode == 2
    assert "未知命令" in result.stderr
    assert "no-such-command" in result.stderr
    assert "gongkai --help" in result.stderr


def test_cli_runs_a_command_by_its_hyphenated_name() -> None:
    result = run_cli("import-policy", "--help")

    assert result.returncode == 0, result.stderr
    assert "--organ" in result.stdout
    assert "--draft" in result.stdout


# --- org and role on the command line ------------------------------------------------------------


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_org_list_shows_the_tree(city: SimpleNamespace) -> None:
    lines = run("org", "list").splitlines()

    def line_of(unit: object) -> str:
        return next(line for line in lines if line.strip().startswith(f"{unit.name} "))  # type: ignore[attr-defined]

    gov = line_of(city.gov)
    assert not gov.startswith(" ")
    assert f"[{city.gov.slug}]" in gov
    assert city.gov.index_code in gov
    assert line_of(city.a).startswith("  ") and not line_of(city.a).startswith("    ")
    assert line_of(city.district_dept).startswith("    ")  # a department of the district
    assert lines.index(line_of(city.district)) < lines.index(line_of(city.district_dept))


@pytest.mark.django_db
def test_org_add_creates_a_unit_with_its_column(city: SimpleNamespace) -> None:
    code = next_org_code()

    out = run(
        "org", "add", "--name", "南昌市审计局", "--slug", "sjj", "--kind", "department",
        "--parent", city.gov.slug, "--org-code", code,
    )  # fmt: skip

    assert "已建立 南昌市审计局" in out
    unit = Organisation.objects.get(slug="sjj")
    assert unit.get_parent() == city.gov
    assert unit.unit_page.live
    assert f"南昌市审计局 [sjj] {code}" in run("org", "list")


@pytest.mark.django_db
def test_org_add_refuses_bad_input(city: SimpleNamespace) -> None:
    with pytest.raises(CommandError, match="不存在"):
        run("org", "add", "--name", "某单位", "--slug", "x1", "--kind", "department",
            "--parent", "不存在的单位", "--org-code", next_org_code())  # fmt: skip
    with pytest.raises(CommandError, match="校验位"):
        run("org", "add", "--name", "某单位", "--slug", "x1", "--kind", "department",
            "--parent", city.gov.slug, "--org-code", "MA0000009")  # fmt: skip
    assert not Organisation.objects.filter(slug="x1").exists()


@pytest.mark.django_db
def test_role_grant_and_revoke(city: SimpleNamespace) -> None:
    user = city.users.editor_b  # an editor of 财政局, nothing in 教育局
    group = OrganisationGroup.objects.get(organisation=city.a, role=Role.REVIEWER).group
    assert group not in user.groups.all()

    out = run("role", "grant", user.username, city.a.name, Role.REVIEWER)

    assert "已授予" in out
    assert Membership.objects.filter(user=user, organisation=city.a, role=Role.REVIEWER).exists()
    assert group in user.groups.all()
    assert f"{user.username}\t{city.a.name}\t" in run("role", "list")

    out = run("role", "revoke", user.username, city.a.slug, Role.REVIEWER)

    assert "已撤销" in out
    assert not Membership.objects.filter(
        user=user, organisation=city.a, role=Role.REVIEWER
    ).exists()
    assert group not in user.groups.all()
    # The user's other role is untouched.
    own = OrganisationGroup.objects.get(organisation=city.b, role=Role.EDITOR).group
    assert own in user.groups.all()


@pytest.mark.django_db
def test_role_command_errors(city: SimpleNamespace) -> None:
    with pytest.raises(CommandError, match="不存在"):
        run("role", "grant", "nobody", city.a.name, Role.EDITOR)
    with pytest.raises(CommandError, match="不存在"):
        run("role", "grant", city.users.editor_a.username, "不存在的单位", Role.EDITOR)
    with pytest.raises(CommandError):
        run("role", "revoke", city.users.editor_b.username, city.a.name, Role.UNIT_HEAD)
