"""The demo city: `gongkai load-demo` (gongkai.demo.generate.load_demo) builds it once.

Loading the demo is the slowest thing the suite does, so it is loaded once for this module,
inside a transaction that is rolled back when the module is done; each test runs in its own
savepoint inside it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from io import StringIO
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from gongkai.demo.generate import DEMO_PASSWORD, DEMO_STAFF, load_demo
from gongkai.demo.units import CITY, UNITS
from gongkai.library.models import (
    DisclosureMode,
    DocumentRelation,
    InterpretationPage,
    NewsPage,
    NoticePage,
    PolicyDocumentPage,
)
from gongkai.library.validity import Validity
from gongkai.organisations.models import Membership, Organisation, OrganisationGroup
from gongkai.organisations.models import OrganisationKind as Kind
from gongkai.servicecatalog.models import ServiceItem

DOCUMENTS = 30
SEED_TITLE = "南昌市人民政府办公室关于印发2024年南昌市政务公开工作要点的通知"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def counts() -> dict[str, int]:
    models = (
        Organisation, Membership, ServiceItem, PolicyDocumentPage, InterpretationPage,
        DocumentRelation, NoticePage, NewsPage, get_user_model(),
    )  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[SimpleNamespace]:
    """The demo loaded by `load-demo --documents 30` into the test database.

    The test database already holds the small city of conftest.py, whose units carry some of
    the demo's names (names are unique); they are renamed for this module, as the demo is
    meant for a fresh installation.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        demo_names = {unit.name for unit in UNITS}
        for org in Organisation.objects.filter(name__in=demo_names):
            Organisation.objects.filter(pk=org.pk).update(name=f"{org.name}（测试）")
        before = counts()
        out = StringIO()
        call_command("load_demo", "--documents", str(DOCUMENTS), stdout=out)
        yield SimpleNamespace(output=out.getvalue(), before=before)
        transaction.set_rollback(True)


def demo_units() -> Any:
    return Organisation.objects.filter(slug__in=[unit.slug for unit in UNITS])


def summary_number(output: str, label: str, unit: str) -> int:
    match = re.search(rf"{label} (\d+) {unit}", output)
    assert match is not None, (label, output)
    return int(match.group(1))


@pytest.mark.django_db
def test_command_prints_a_summary_that_matches_the_data(demo: SimpleNamespace) -> None:
    out, before = demo.output, demo.before

    assert "演示数据已载入" in out
    assert summary_number(out, "机构", "个") == len(UNITS) == demo_units().count()
    assert summary_number(out, "政策文件", "件") == DOCUMENTS + 1  # and the real seed file
    live = PolicyDocumentPage.objects.live().count() - before["PolicyDocumentPage"]
    assert live == DOCUMENTS + 1
    # Two drafts wait in review for the reviewer's account, one stopped by the checker.
    waiting = PolicyDocumentPage.objects.filter(live=False, organisation__slug="jyj")
    assert waiting.count() == 2
    assert {p.current_workflow_task.name for p in waiting} == {"自动检查", "保密审查"}
    assert summary_number(out, "办事事项", "项") == ServiceItem.objects.count()
    assert summary_number(out, "解读", "篇") == InterpretationPage.objects.count()
    assert summary_number(out, "文件关系", "条") == DocumentRelation.objects.count()
    notices = NoticePage.objects.count() + NewsPage.objects.count()
    assert summary_number(out, "通知与动态", "篇") == notices
    assert f"已导入真实文件《{SEED_TITLE}》" in out


@pytest.mark.django_db
def test_units_form_a_city_with_departments_and_districts(demo: SimpleNamespace) -> None:
    city = Organisation.objects.get(slug="nc")
    assert city.name == CITY
    assert city.kind == Kind.GOVERNMENT
    assert city.is_root()

    departments = demo_units().filter(kind=Kind.DEPARTMENT, path__startswith=city.path)
    districts = demo_units().filter(kind=Kind.GOVERNMENT, depth=city.depth + 1)
    assert departments.filter(depth=city.depth + 1).count() >= 12  # the city's own departments
    assert districts.count() == 3
    for district in districts:
        assert district.name.endswith("区人民政府")
        assert district.get_children().filter(kind=Kind.DEPARTMENT).exists()
        assert district.get_children().filter(kind__in=[Kind.STREET, Kind.TOWNSHIP]).exists()
    for unit in demo_units():
        assert unit.index_code  # every unit can number its documents
        assert unit.unit_page.live
        assert unit.office_phone


@pytest.mark.django_db
def test_demo_staff_have_their_roles(demo: SimpleNamespace) -> None:
    users = get_user_model().objects
    admin = users.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD)
    for username, slug, role, _description in DEMO_STAFF:
        user = users.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        unit = Organisation.objects.get(slug=slug)
        assert Membership.objects.filter(user=user, organisation=unit, role=role).exists()
        group = OrganisationGroup.objects.get(organisation=unit, role=role).group
        assert group in user.groups.all(), username


@pytest.mark.django_db
def test_services_belong_to_units(demo: SimpleNamespace) -> None:
    services = ServiceItem.objects.filter(organisation__in=demo_units())
    assert services.count() >= len(UNITS)
    assert all(item.url.startswith("https://") for item in services)
    assert PolicyDocumentPage.objects.filter(services__isnull=False).exists()


@pytest.mark.django_db
def test_real_seed_document_is_imported_with_its_fields(demo: SimpleNamespace) -> None:
    office = Organisation.objects.get(name="南昌市人民政府办公室")

    seed = PolicyDocumentPage.objects.get(title=SEED_TITLE)

    assert seed.live
    assert seed.organisation == office
    assert seed.units == [office]
    assert seed.published_on == dt.date(2024, 6, 5)
    assert seed.written_on == dt.date(2024, 6, 3)
    assert seed.disclosure_mode == DisclosureMode.PROACTIVE
    assert seed.topic.label == "综合政务\\政务公开"
    assert seed.index_number.startswith(f"{office.index_code}/2024-")
    assert "各县(区)人民政府、开发区管委会,市政府各部门:" in seed.body
    assert "打印此页" not in seed.body


@pytest.mark.django_db
def test_documents_are_published_with_interpretations(demo: SimpleNamespace) -> None:
    live = PolicyDocumentPage.objects.live()
    assert live.count() >= DOCUMENTS // 2
    assert all(doc.index_number for doc in PolicyDocumentPage.objects.all())
    interpretations = InterpretationPage.objects.live().filter(policy__live=True)
    assert interpretations.exists()
    # 三同步: no major policy is live without a live interpretation.
    for policy in live.filter(is_major=True):
        assert policy.interpretations.live().exists(), policy.title


@pytest.mark.django_db
def test_some_documents_are_abolished(demo: SimpleNamespace) -> None:
    abolished = PolicyDocumentPage.objects.live().filter(validity=Validity.ABOLISHED)
    assert abolished.exists()
    assert all(doc.superseded_by_id or doc.abolished_on for doc in abolished)


@pytest.mark.django_db
def test_loading_again_does_nothing(demo: SimpleNamespace) -> None:
    before = counts()

    assert load_demo(documents=DOCUMENTS) is None

    assert counts() == before
    out = StringIO()
    call_command("load_demo", "--documents", "20", stdout=out)
    assert "已存在" in out.getvalue()
    assert counts() == before


@pytest.mark.django_db
def test_the_demo_documents_pass_the_checker_and_link_services_by_meaning(
    demo: SimpleNamespace,
) -> None:
    """Issue 12: a title with 工作工作, a cut-off 主题词, 就业之家 linked to a pension
    registration. The checker now reads every demo title and body as a reviewer would."""
    from gongkai.checker import check_text
    from gongkai.demo import content
    from gongkai.review.services import page_text

    demo_policies = PolicyDocumentPage.objects.filter(organisation__in=demo_units()).exclude(
        title=SEED_TITLE
    )
    assert demo_policies.count() >= DOCUMENTS
    subjects = [s for d in content.DOMAINS.values() for s in d["subjects"]]
    for policy in demo_policies.prefetch_related("services"):
        findings = [
            (f.kind, f.excerpt)
            for f in check_text(page_text(policy), written_on=policy.written_on)
            if f.severity in ("block", "warn") and f.kind in ("structure", "wrong_expression")
        ]
        assert findings == [], policy.title
        subject = next((s for s in subjects if s in policy.title), None)
        if subject is None:
            continue  # the drafts under review
        wanted = set(content.SUBJECT_SERVICES.get(subject, ()))
        assert {s.name for s in policy.services.all()} <= wanted, policy.title
        for word in policy.keywords.split():
            assert word in subject, (policy.title, policy.keywords)
