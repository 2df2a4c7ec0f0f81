"""The admin in Chinese in a real browser (issue 12): an editor submits an empty policy form
and sees the validation banner, the field errors and the editor's status texts (autosave,
the save buttons) in Chinese — no run of English words on the screen."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest

from gongkai.core.visible_text import english_runs
from gongkai.e2e.conftest import GONGKAI, LIVE_ENV, shot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "gongkai-demo"  # noqa: S105 - the demo accounts' published password

POLICY_COLUMN = (
    "from gongkai.library.models import ColumnType;"
    "from gongkai.library.services import column_of;"
    "from gongkai.organisations.models import Organisation;"
    "print(column_of(Organisation.objects.get(slug='jyj'), ColumnType.POLICY).pk)"
)


def test_empty_policy_form_shows_chinese_validation(live_site: str, browser: Any) -> None:
    column = subprocess.run(
        [GONGKAI, "manage", "shell", "-c", POLICY_COLUMN],
        env=LIVE_ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    assert column.isdigit(), column
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_site + "/admin/login/")
    page.fill("input[name=username]", "bianji")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert not english_runs(page.locator("body").inner_text())

    page.goto(f"{live_site}/admin/pages/add/library/policydocumentpage/{column}/")
    form = page.locator("#page-edit-form")
    form.wait_for()
    # The footer's main action (保存草稿, or 提交审核 where the column has a workflow).
    with page.expect_navigation():
        form.locator("footer button[type=submit]:visible").first.click()
    banner = page.get_by_text("页面存在校验错误，未能创建。")
    banner.wait_for()
    assert banner.is_visible()
    assert page.get_by_text("必需字段").first.is_visible()  # the title's own error
    shot(page, "admin-language-validation")
    english = english_runs(page.locator("body").inner_text())
    assert not english, english
    context.close()
