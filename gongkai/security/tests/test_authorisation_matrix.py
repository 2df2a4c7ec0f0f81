"""The authorisation matrix, generated from the URL conf (issue 11; GB/T 22239-2019 8.1.4.2
访问控制): for every URL pattern, every role of another unit (editor, reviewer, head,
applications handler, the overseer of another subtree) and the anonymous public, a request
naming an object of unit A gets the answer a request naming a missing object gets, shows none
of A's private text, and changes nothing in the database.

- GET and POST are both tried (the test client does not enforce CSRF, so a POST is what a
  CSRF-valid session would send); patterns without parameters are requested with a search for
  A's private text (?q=) and a POST naming A's objects in the usual field names.
- Our own views (gongkai.*) must answer exactly as for a missing object (house rule: missing
  and forbidden give the same answer). Wagtail's and Django's own views answer "forbidden"
  with their permission-denied redirect (or 403) where a missing object gets 404; both count
  as refusals, provided no private text is shown and nothing changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from django.db import connection, transaction
from django.test import Client

from gongkai.security.tests import urlmatrix
from gongkai.security.tests.world import MARKER, World, build_world

ROWS, UNCOVERED = urlmatrix.rows()

# Answers that mean "refused" in Wagtail's and Django's own views (405: Wagtail finds the object
# before it looks at the method; the explorer sends a user back to their own pages).
REFUSALS = {
    "403",
    "404",
    "405",
    "302 /admin/",
    "302 /admin/login/",
    "302 /admin/pages/N/",
    "302 /django-admin/login/",
}

# Tables whose rows a refused request may legitimately touch: the login session and messages,
# and the admin profile Wagtail creates on a user's first admin page.
# Sessions and profiles follow logins; login records (django-axes), rate-limit counters and
# the password-change clock grow with any request, whoever makes it: none is owned data.
UNFINGERPRINTED = {
    "django_session",
    "wagtailusers_userprofile",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "axes_accessattemptexpiration",
    "gongkai_core_ratecounter",
    "accounts_passwordchange",
}


# A POST to a page without parameters names A's objects in the field names our forms use.
POST_FIELDS = {
    "finding": "live_finding",
    "unit": "organisation",
    "organ": "organisation",
    "organisation": "organisation",
    "to_unit": "organisation",
    "page": "page",
    "case": "case",
    "document": "document",
    "image": "image",
    "user": "user",
    "reviewers": "user",
}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Built once per module inside a transaction that is rolled back at the end; each test
    runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def clients(world: World) -> dict[str, Client]:
    out = {}
    for label, user in world.roles.items():
        client = Client()
        if user is not None:
            client.force_login(user)
            client.get("/admin/")  # creates the admin profile once, outside the fingerprint
        out[label] = client
    return out


def fingerprint() -> str:
    """Row counts of every table and the rows of the tables that say who owns what."""
    from django.contrib.auth import get_user_model
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, TaskState, WorkflowState

    from gongkai.applications.models import Application, Letter
    from gongkai.organisations.models import Membership, Organisation
    from gongkai.portal.models import ErrorReport
    from gongkai.review.models import LiveFinding

    tables = sorted(set(connection.introspection.table_names()) - UNFINGERPRINTED)
    # Table names come from the schema itself, quoted by the backend.
    sql = "SELECT " + ", ".join(  # noqa: S608
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})"  # noqa: S608
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = cursor.fetchone()
    rows: list[Any] = [dict(zip(tables, counts, strict=True))]
    for model, fields in (
        (
            Page,
            [
                "title",
                "slug",
                "live",
                "has_unpublished_changes",
                "latest_revision_id",
                "locked",
                "path",
                "owner_id",
            ],
        ),
        (get_document_model(), ["title", "collection_id", "file"]),
        (get_image_model(), ["title", "collection_id", "file"]),
        (Application, ["status", "organisation_id", "handler_id", "current_due_on"]),
        (Letter, ["title", "approved_by_id", "sent"]),
        (Membership, ["user_id", "organisation_id", "role"]),
        (Organisation, ["name", "slug", "office_phone", "is_active"]),
        (ErrorReport, ["status", "note", "organisation_id"]),
        (LiveFinding, ["resolved_at", "resolution"]),
        (WorkflowState, ["status", "current_task_state_id"]),
        (TaskState, ["status", "revision_id"]),
        (get_user_model(), ["username", "is_active", "is_superuser", "email", "password"]),
    ):
        rows.append(list(model.objects.order_by("pk").values_list("pk", *fields)))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def answer(response: Any) -> str:
    if 300 <= response.status_code < 400:
        # The object's own id in a redirect is the same answer (…/pages/N/history/).
        path = re.sub(r"/\d+/", "/N/", urlsplit(response["Location"]).path)
        return f"{response.status_code} {path}"
    return str(response.status_code)


def body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def same_answer(row: urlmatrix.Row, mine: str, missing: str) -> bool:
    if mine == missing:
        return True
    return not row.pattern.is_ours and mine in REFUSALS and missing in REFUSALS


def _params() -> list[Any]:
    out = []
    for row in ROWS:
        marks = [pytest.mark.xfail(reason=row.xfail, strict=False)] if row.xfail else []
        out.append(pytest.param(row, id=row.id, marks=marks))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("row", _params())
def test_other_units_get_the_answer_for_a_missing_object(
    row: urlmatrix.Row, world: World, clients: dict[str, Client]
) -> None:
    objects = world.objects
    assert row.url_a is not None
    url_a = row.url_a(objects)
    url_missing = row.url_missing(objects) if row.url_missing else None
    parameterless = row.extra.get("parameterless", False)
    post_a = {k: str(objects[kind].pk) for k, kind in POST_FIELDS.items()}
    post_missing = dict.fromkeys(POST_FIELDS, str(urlmatrix.MISSING_ID))
    leaks = [t for s in world.secrets for t in (s, json.dumps(s)[1:-1])]
    before = fingerprint()
    problems: list[str] = []
    for role, client in clients.items():
        if world.roles[role] is not None:
            client.force_login(world.roles[role])  # an earlier row may have logged it out
        requests: list[tuple[str, str, dict[str, str], str | None, dict[str, str]]] = []
        if parameterless:
            requests.append(("GET", url_a, {"q": MARKER}, None, {}))
            requests.append(("POST", url_a, post_a, url_a, post_missing))
        else:
            requests.append(("GET", url_a, {}, url_missing, {}))
            requests.append(("POST", url_a, {}, url_missing, {}))
        for method, url, data, other_url, other_data in requests:
            call = client.get if method == "GET" else client.post
            mine = call(url, data)
            # The page may echo the address the visitor typed (the 长辈版 link of every
            # page, the 404 page's too): their own input, not a leak.
            text = body(mine).replace(quote(url, safe=""), "").replace(url, "")
            leaked = [leak for leak in leaks if leak in text]
            if leaked:
                problems.append(f"{role} {method} {url}: shows {leaked[0]!r}")
            if other_url is not None:
                missing = call(other_url, other_data)
                if not same_answer(row, answer(mine), answer(missing)):
                    problems.append(
                        f"{role} {method} {url}: {answer(mine)}, missing object: {answer(missing)}"
                    )
    if fingerprint() != before:
        problems.append("the database changed")
    assert not problems, "\n".join(problems)


def test_every_url_pattern_is_covered() -> None:
    """A new view with a parameter no filler knows fails here: add a filler (urlmatrix) or,
    if it legitimately shows other units' data, an entry in ALLOWED with the reason."""
    assert not UNCOVERED, "\n".join(p.key for p in UNCOVERED)


def test_the_matrix_has_rows_for_the_views_that_matter() -> None:
    ids = {row.id for row in ROWS}
    for name in (
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:revisions_view",
        "wagtaildocs:edit",
        "wagtailimages:edit",
        "applications_admin_detail",
        "applications_admin_letter",
        "applications_admin_attachment",
        "applications:letter",
        "review_sheet",
        "error_reports:edit",
        "memberships:edit",
        "wagtailadmin_choose_page_child",
        "wagtaildocs_chooser:chosen",
    ):
        assert any(i.startswith(name + " ") for i in ids), name
    assert any(i.startswith("wagtail_bulk_action[wagtailcore.page.") for i in ids)


def test_a_parameter_no_filler_knows_is_reported() -> None:
    from django.urls.resolvers import RoutePattern

    route = RoutePattern("admin/widgets/<int:widget_id>/")
    pattern = urlmatrix.Pattern(
        route=str(route), name="widgets:edit", module="gongkai.widgets.views",
        parts=(route,), kwargs=("widget_id",), positional=0,
    )  # fmt: skip
    assert urlmatrix.kinds_for(pattern) is None
