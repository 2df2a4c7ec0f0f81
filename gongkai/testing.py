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
from gongkai.provisioning import services as provisioning_services

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
    return provisioning_services.unit_create(
        actor=None, parent=parent, name=name, kind=kind, **fields
    )


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


def publish_directly(revision: Any) -> Any:
    """Publish a revision of unit content outside the review workflow, as an import does (the
    review record notes it); for tests whose subject is not the review itself."""
    from gongkai.library.publication import system_publication

    with system_publication("测试：直接发布"):
        return revision.publish()


def submit_for_review(page: Any, user: Any) -> Any:
    """Start the page's 先审后发 workflow as ``user`` would with "提交审核"."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page.pk).specific
    return page.get_workflow().start(page, user)


def take_step(page: Any, user: Any, action: str = "approve", comment: str = "") -> None:
    """``user`` takes ``action`` on the page's current review step, as in the admin."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_task_state
    if state is None:
        raise LookupError("the page is not under review")
    state.task.specific.on_action(state.specific, user, action, comment=comment)


def review_and_publish(page: Any, *, author: Any, reviewer: Any, head: Any) -> Any:
    """The whole road: submitted by the author, passed by the checker, 保密审查 by the
    reviewer, 签发 by the unit head. Returns the page, now live."""
    from wagtail.models import Page

    submit_for_review(page, author)
    take_step(page, reviewer, "approve", "无涉密、无个人信息")
    take_step(page, head, "approve", "同意发布")
    return Page.objects.get(pk=page.pk).specific


def real_pdf(text: str = "测试") -> bytes:
    """A real one-page PDF (pypdf), for upload tests that must pass the content check."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def real_docx(text: str = "关于做好示范工作的通知") -> bytes:
    """A real DOCX (python-docx)."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def real_image(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    """A real image (Pillow) in ``fmt`` (PNG, JPEG)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def page_without_path(response: Any, path: str | None = None) -> bytes:
    """A page's bytes with the requested address taken out. The site's pages, the 404 page
    among them, link to the 长辈版 of their own address: that is the visitor's input, so two
    answers are "the same" when they are equal but for it."""
    from urllib.parse import quote

    path = path if path is not None else response.wsgi_request.get_full_path()
    return bytes(response.content).replace(quote(path, safe="").encode(), b"<path>")
