"""The admin under our CSP: no inline start-up script reaches the browser; each one Wagtail
writes becomes a marker that core/admin-init.js starts (gongkai/accounts/csp.py). The browser
side (an inline panel's "add" button works) is gongkai/e2e/test_csp.py."""

import html
import json
import re

import pytest

from gongkai.accounts.csp import inline_inits_to_markers
from gongkai.library.models import ColumnType
from gongkai.library.services import column_of

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
MARKER = re.compile(r'<div hidden data-gk-init="([^"]+)"( data-gk-new)? data-gk-args="([^"]*)"')


def test_a_chooser_script_becomes_a_marker_with_the_same_arguments():
    out = inline_inits_to_markers(
        'x<script>new PageChooser("id_link", {"modalUrl": "/admin/choose-page/", "q": "a\\"<b"});</script>y'
    )
    assert "<script>" not in out
    name, new, args = MARKER.search(out).groups()
    assert (name, bool(new)) == ("PageChooser", True)
    assert json.loads(html.unescape(args)) == [
        "id_link",
        {"modalUrl": "/admin/choose-page/", "q": 'a"<b'},
    ]
    assert out.startswith("x") and out.endswith("y")


@pytest.mark.parametrize(
    "script",
    [
        "<script>alert(1);</script>",  # not a chooser: left to the CSP, which refuses it
        "<script>new PageChooser(document.cookie);</script>",  # not JSON
        "<script>new evilChooser({});</script>",  # lower-case: not a constructor we start
    ],
)
def test_other_inline_scripts_are_left_for_the_policy_to_refuse(script):
    assert inline_inits_to_markers(script) == script


@pytest.mark.django_db
def test_the_policy_editor_has_no_inline_script_only_markers(city, client):
    client.force_login(city.users.editor_a)
    column = column_of(city.a, ColumnType.POLICY)
    response = client.get(f"/admin/pages/add/library/policydocumentpage/{column.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert not INLINE_SCRIPT.findall(content), INLINE_SCRIPT.findall(content)
    names = {m.group(1) for m in MARKER.finditer(content)}
    assert "InlinePanel" in names and "initDateChooser" in names, names
    for m in MARKER.finditer(content):
        assert isinstance(json.loads(html.unescape(m.group(3))), list)
    assert "core/admin-init.js" in content


def test_the_rewritten_page_declares_its_new_length():
    """CommonMiddleware sets Content-Length before the rewrite runs: the header must follow the
    body, or the browser cuts the page short (a chooser on our own admin screens, issue 15)."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from gongkai.accounts.csp import SiteCSPMiddleware

    body = 'a<script>new PageChooser("id_page", {"modalUrl": "/admin/choose-page/"});</script>b'
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Length"] = str(len(response.content))
    before = len(response.content)
    out = SiteCSPMiddleware(lambda request: response).process_response(
        RequestFactory().get("/admin/opinion/"), response
    )
    assert len(out.content) != before
    assert out["Content-Length"] == str(len(out.content))
