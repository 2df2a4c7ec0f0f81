"""Factories and helpers shared by the test suites of every app (not used in production)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html import unescape
from typing import Any

from django.contrib.auth import get_user_model

from gongkai.library import services as library_services
from gongkai.library.models import DocType, PolicyDocumentPage, Topic
from gongkai.organisations import services as org_services
from gongkai.organisations.identifiers import org_code_check_char
from gongkai.organisations.models import Organisation, OrganisationKind

_counter = itertools.count(1)


def next_org_code() -> str:
    """A valid 9-character 组织机构代码 that no other test unit uses."""
    body = f"{next(_counter):08d}"
    return body + org_code_check_char(body)


def make_unit(
    name: str,
    *,
    parent: Organisation | None = None,
    kind: str = OrganisationKind.DEPARTMENT,
    **fields: Any,
) -> Organisation:
    n = next(_counter)
    fields.setdefault("slug", f"u{n}")
    if "credit_code" not in fields:
        fields.setdefault("org_code", next_org_code())
    if parent is None and kind == OrganisationKind.DEPARTMENT:
        kind = OrganisationKind.GOVERNMENT
    return library_services.unit_create(actor=None, parent=parent, name=name, kind=kind, **fields)


def make_user(username: str, *, roles: list[tuple[Organisation, str]] = (), **extra: Any) -> Any:  # type: ignore[assignment]
    user = get_user_model().objects.create_user(
        username=username, password="pw-Gongkai-2026", **extra
    )
    for org, role in roles:
        org_services.membership_grant(actor=None, user=user, organisation=org, role=role)
    return user


def any_topic() -> Topic:
    return Topic.objects.filter(parent__isnull=False).order_by("pk").first()  # type: ignore[return-value]


def make_policy(
    unit: Organisation,
    *,
    title: str = "关于做好示范工作的通知",
    publish: bool = True,
    issuers: list[Organisation] | None = None,
    **fields: Any,
) -> PolicyDocumentPage:
    fields.setdefault("doc_type", DocType.NORMATIVE)
    fields.setdefault("topic", any_topic())
    fields.setdefault("written_on", dt.date(2026, 3, 2))
    fields.setdefault("body", "<p>为进一步做好示范工作，现就有关事项通知如下。</p>")
    return library_services.policy_save(
        actor=None, unit=unit, issuers=issuers or [unit], publish=publish, title=title, **fields
    )


def form_data(response: Any, *, form_id: str) -> dict[str, str]:
    """The fields of an HTML form as a browser would submit them unchanged (inputs, checked
    boxes, textareas, selected options) — to post back an admin form in tests."""
    html = response.content.decode()
    start = html.index(f'id="{form_id}"')
    form = html[start : html.index("</form>", start)]
    data: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or ('type="checkbox"' in tag and "checked" not in tag):
            continue
        if 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = (
            unescape(value.group(1)) if value else ("on" if "checkbox" in tag else "")
        )
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = unescape(body.strip("\n"))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        if selected:
            data[name] = selected.group(1)
    return data
