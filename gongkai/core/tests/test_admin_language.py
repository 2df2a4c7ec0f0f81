"""No English in the admin (issue 12).

Every admin screen reachable from the URL conf — the list, create and edit screens of every
model (the authorisation matrix's rows, filled with unit A's objects), the create and edit
screen of every page type, the dashboard, the workflow reports, the account pages — is
requested as a superuser and as a unit's editor. The text a person sees on each
(gongkai.core.visible_text: text nodes and shown attributes, scripts and styles left out) may
hold no run of English words outside the documented allow-list. The admin's JavaScript
strings (wagtailConfig.STRINGS and the JavaScript catalogue) must be Chinese too, and the
catalogue complete (gongkai i18n-missing).
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from wagtail.models import Page, get_page_models

from gongkai.core import i18n
from gongkai.core.chinese_defaults import default_objects_translate
from gongkai.core.visible_text import english_on_page, english_runs, visible_texts
from gongkai.organisations.models import Role
from gongkai.security.tests import urlmatrix
from gongkai.security.tests.world import World, build_world
from gongkai.testing import form_data, make_user

# Not screens: the admin API's JSON, files, and the site's own pages.
NOT_SCREENS = ("wagtailadmin_api:",)


def matrix_urls(objects: dict[str, Any]) -> list[str]:
    rows, _uncovered = urlmatrix.rows()
    return [
        row.url_a(objects)
        for row in rows
        if row.pattern.route.startswith("admin/")
        and row.url_a is not None
        and not row.pattern.name.startswith(NOT_SCREENS)
    ]


def page_type_urls() -> list[str]:
    """The create screen of every page type under a page that may hold it, and the edit
    screen of one page of each type."""
    urls = []
    for model in get_page_models():
        if model is Page:
            continue
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        parent_types = model.allowed_parent_page_models()
        parent_content_types = ContentType.objects.get_for_models(*parent_types).values()
        parent = Page.objects.filter(content_type__in=parent_content_types).order_by("path").first()
        if parent is not None:
            urls.append(f"/admin/pages/add/{label}/{parent.pk}/")
        page = model.objects.order_by("path").first()
        if page is not None:
            urls.append(f"/admin/pages/{page.pk}/edit/")
    return urls


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # As after migrate, even when an earlier test flushed the database and the
            # baseline fixture put the root page back.
            default_objects_translate()
            world = build_world()
            world.roles["i18n_superuser"] = get_user_model().objects.create_superuser(
                "i18n_admin", password="pw-Gongkai-2026"
            )
            # A unit's editor without a second factor (the world's editor_a has one).
            world.roles["i18n_editor"] = make_user(
                "i18n_editor", roles=[(world.unit_a, Role.EDITOR)]
            )
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _html(response: Any) -> str | None:
    if response.status_code != 200 or getattr(response, "streaming", False):
        return None
    if "text/html" not in response.get("Content-Type", ""):
        return None
    return response.content.decode()


@pytest.mark.django_db
def test_no_english_on_any_admin_screen(world: World) -> None:
    urls = list(dict.fromkeys([*matrix_urls(world.objects), *page_type_urls()]))
    found: dict[str, list[str]] = {}
    seen = dict.fromkeys(("i18n_superuser", "i18n_editor"), 0)
    for role in ("i18n_superuser", "i18n_editor"):
        client = Client()
        screens = []
        for url in urls:
            client.force_login(world.roles[role])  # an earlier screen may have logged it out
            html = _html(client.get(url))
            if html is None:
                continue
            seen[role] += 1
            screens.append(url)
            for run in english_on_page(html):
                found.setdefault(run, []).append(f"{role} {url}")
        urls = screens  # the editor sees a subset of the superuser's screens
    # The crawl reached the screens (not only redirects to the login or refusals).
    assert seen["i18n_superuser"] > 80 and seen["i18n_editor"] > 25, seen
    report = [f"{run!r}: {', '.join(where[:3])}" for run, where in sorted(found.items())]
    assert not found, "English on admin screens:\n" + "\n".join(report)


@pytest.mark.django_db
def test_no_english_on_public_pages(world: World) -> None:
    """The public site too: every page of the URL conf outside the admin and the API, as
    the public sees it (the world's published pages, the unit's column, search, forms)."""
    rows, _uncovered = urlmatrix.rows()
    urls = [
        row.url_a(world.objects)
        for row in rows
        if row.url_a is not None
        and not row.pattern.route.startswith(("admin/", "django-admin/", "api/"))
    ]
    client = Client()
    found: dict[str, list[str]] = {}
    seen = 0
    for url in dict.fromkeys([*urls, "/", "/search/?q=就业补贴"]):
        html = _html(client.get(url))
        if html is None:
            continue
        seen += 1
        for run in english_on_page(html):
            found.setdefault(run, []).append(url)
    assert seen > 5, seen
    report = [f"{run!r}: {', '.join(where[:3])}" for run, where in sorted(found.items())]
    assert not found, "English on public pages:\n" + "\n".join(report)


@pytest.mark.django_db
def test_the_admin_javascript_strings_are_chinese(world: World) -> None:
    client = Client()
    client.force_login(world.roles["i18n_editor"])
    root = lxml.html.document_fromstring(client.get("/admin/").content.decode())
    config = json.loads(root.get_element_by_id("wagtail-config").text_content())
    english = {
        key: text
        for key, text in config["STRINGS"].items()
        if isinstance(text, str) and english_runs(text)
    }
    assert not english
    catalogue = client.get("/admin/jsi18n/").content.decode()
    for chinese in ("正在自动保存…", "修改已自动保存。", "发生网络错误。", "%(num)s 个错误"):
        assert json.dumps(chinese)[1:-1] in catalogue or chinese in catalogue, chinese


@pytest.mark.django_db
def test_an_empty_page_form_gets_a_chinese_validation_banner(world: World) -> None:
    client = Client()
    client.force_login(world.roles["i18n_editor"])
    url = f"/admin/pages/add/library/policydocumentpage/{world.objects['column'].pk}/"
    data = form_data(client.get(url), form_id="page-edit-form")  # as the browser sends it
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "页面存在校验错误，未能创建。" in html
    assert not english_on_page(html)


def test_default_objects_have_chinese_names(db: Any) -> None:
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, Workflow

    from gongkai.core import chinese_defaults

    assert Page.objects.get(depth=1).title == chinese_defaults.ROOT_PAGE_TITLE
    assert Collection.objects.get(depth=1).name == chinese_defaults.ROOT_COLLECTION_NAME
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Permission.objects.filter(name__startswith="Can ").exists()
    assert Permission.objects.get(codename="access_admin").name == "可访问管理后台"


def test_the_catalogue_is_complete() -> None:
    """What `gongkai i18n-missing` checks: our catalogue has no untranslated or fuzzy entry,
    and every string of Wagtail's and Django's source catalogues has a Chinese translation."""
    assert [str(m) for m in i18n.untranslated_in_catalogue()] == []
    assert [str(m) for m, _e in i18n.untranslated_in_packages()] == []


def test_i18n_missing_and_compile_work_on_a_catalogue(tmp_path: Any, settings: Any) -> None:
    import gettext

    settings.LOCALE_PATHS = [tmp_path]
    po = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "Saved"\nmsgstr "已保存"\n\n'
        '#, fuzzy\nmsgid "Refresh"\nmsgstr "刷新"\n\n'
        'msgid "Never"\nmsgstr ""\n',
        encoding="utf-8",
    )
    missing = [m.msgid for m in i18n.untranslated_in_catalogue()]
    assert missing == ["Refresh", "Never"]
    with pytest.raises(SystemExit) as exit_info:
        call_command("i18n_missing")
    assert exit_info.value.code == 1
    call_command("i18n_compile")
    translations = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))
    assert translations.gettext("Saved") == "已保存"
    assert translations.gettext("Refresh") == "Refresh"  # fuzzy: left out, as msgfmt does


def test_english_is_found_and_the_allow_list_is_respected() -> None:
    html = """<html><head><title>Pages</title><script>var x = "Hello world";</script></head>
    <body><p>已保存</p><p>Saved</p><input placeholder="Search all pages">
    <input type="submit" value="Search"><button value="Add">添加</button>
    <span aria-label="Actions"></span><p>下载 PDF（2 MB），编号 u12、editor_a、JIAJU-0001</p>
    <p>邮件 office@example.gov.cn，网址 https://www.gov.cn/a-b，文件 jiaju-secret.docx</p>
    <p>Ctrl + Alt + m</p><template><p>Add a row</p></template><textarea>title: 答复</textarea>
    <div hidden>None</div><div hidden>Saving</div><iframe>&lt;div&gt;</iframe></body></html>"""
    assert english_on_page(html) == [
        "Pages",
        "Saved",
        "Search all pages",
        "Search",
        "Actions",
        "Add a row",
        "Saving",
    ]
    assert "Hello" not in " ".join(visible_texts(html))
    assert re.search("Add", " ".join(visible_texts(html))) is not None  # from the <template>
