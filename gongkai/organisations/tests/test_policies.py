"""Role scoping: who may do what for which unit, decided in policies.py and enforced by the
Wagtail admin through the groups derived from memberships."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.organisations import policies, services
from gongkai.organisations.models import Membership, Organisation, OrganisationKind, Role
from gongkai.organisations.policies import Capability, has_capability, organisations_with_capability
from gongkai.testing import make_policy, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_tree_kinds_and_subtree_queries(city):
    assert city.a.get_parent() == city.gov
    assert city.district_dept.get_parent() == city.district
    subtree = Organisation.objects.filter(path__startswith=city.district.path)
    assert set(subtree) == {city.district, city.district_dept}


def test_a_township_cannot_have_children(city):
    town = make_unit("扬子洲镇", parent=city.district, kind=OrganisationKind.TOWNSHIP)
    with pytest.raises(ValidationError, match="不能设立"):
        make_unit("某某村", parent=town)


def test_unit_without_any_code_is_rejected(city):
    with pytest.raises(ValidationError, match="至少填写一项"):
        make_unit("无代码局", parent=city.gov, org_code="")
    assert not Organisation.objects.filter(name="无代码局").exists()


def test_working_roles_reach_only_their_own_unit(city):
    u = city.users
    assert has_capability(u.editor_a, city.a, Capability.DRAFT)
    assert not has_capability(u.editor_a, city.b, Capability.DRAFT)
    assert not has_capability(u.editor_a, city.a, Capability.PUBLISH)
    assert has_capability(u.head_a, city.a, Capability.PUBLISH)
    assert not has_capability(u.head_a, city.b, Capability.PUBLISH)
    assert has_capability(u.officer_a, city.a, Capability.HANDLE_APPLICATIONS)
    assert not has_capability(u.officer_a, city.a, Capability.DRAFT)
    assert not has_capability(u.reviewer_a, city.a, Capability.PUBLISH)


def test_overseers_reach_their_subtree_only(city):
    u = city.users
    assert set(organisations_with_capability(u.city_office, Capability.OVERSEE)) == set(
        Organisation.objects.all()
    )
    district_scope = set(organisations_with_capability(u.district_office, Capability.OVERSEE))
    assert district_scope == {city.district, city.district_dept}
    assert not has_capability(u.district_office, city.a, Capability.OVERSEE)
    # Overseeing is not writing.
    assert not has_capability(u.city_office, city.a, Capability.DRAFT)


def test_new_unit_in_subtree_is_overseen_at_once(city):
    new = make_unit("东湖区财政局", parent=city.district)
    assert has_capability(city.users.district_office, new, Capability.OVERSEE)
    groups = city.users.district_office.groups.filter(organisation_role__organisation=new)
    assert groups.exists()


def test_anonymous_and_inactive_users_have_nothing(city):
    from django.contrib.auth.models import AnonymousUser

    assert not organisations_with_capability(AnonymousUser(), Capability.OVERSEE).exists()
    city.users.head_a.is_active = False
    city.users.head_a.save()
    assert not has_capability(city.users.head_a, city.a, Capability.PUBLISH)


def test_granting_roles_is_limited(city):
    u = city.users
    newcomer = make_user("newcomer")
    # A unit head grants working roles of their own unit only.
    assert policies.can_grant_role(u.head_a, city.a, Role.EDITOR)
    assert not policies.can_grant_role(u.head_a, city.a, Role.UNIT_HEAD)
    assert not policies.can_grant_role(u.head_a, city.b, Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=u.head_a, user=newcomer, organisation=city.b, role=Role.EDITOR
        )
    assert not Membership.objects.filter(user=newcomer).exists()
    # An editor grants nothing.
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=u.editor_a, user=newcomer, organisation=city.a, role=Role.EDITOR
        )
    # The city office grants anything below it.
    services.membership_grant(
        actor=u.city_office, user=newcomer, organisation=city.b, role=Role.UNIT_HEAD
    )
    assert has_capability(newcomer, city.b, Capability.PUBLISH)


def test_revoking_a_role_removes_admin_access(city):
    editor = city.users.editor_a
    assert editor.has_perm("wagtailadmin.access_admin")
    services.membership_revoke(actor=None, membership=editor.memberships.get())
    editor = type(editor).objects.get(pk=editor.pk)
    assert not editor.has_perm("wagtailadmin.access_admin")
    assert not editor.groups.exists()


def test_only_overseers_create_units(city):
    with pytest.raises(PermissionDenied):
        services.organisation_create(
            actor=city.users.head_a,
            parent=city.a,
            name="下属中心",
            slug="xszx",
            kind=OrganisationKind.INSTITUTION,
            org_code="600037341",
        )
    org = services.organisation_create(
        actor=city.users.city_office,
        parent=city.a,
        name="下属中心",
        slug="xszx",
        kind=OrganisationKind.INSTITUTION,
        org_code="600037341",
    )
    assert org.get_parent() == city.a


# --- The admin enforces the same decisions ------------------------------------------------------


def _edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_admin_editor_of_one_unit_cannot_edit_another_units_document(city, client):
    doc_a = make_policy(city.a, title="甲局文件")
    doc_b = make_policy(city.b, title="乙局文件")
    client.force_login(city.users.editor_a)
    assert client.get(_edit_url(doc_a)).status_code == 200
    response = client.get(_edit_url(doc_b))
    assert response.status_code == 404  # as missing (issue 11)


def test_admin_editor_cannot_publish_but_unit_head_can(city):
    doc = make_policy(city.a, publish=False)
    assert not doc.permissions_for_user(city.users.editor_a).can_publish()
    assert doc.permissions_for_user(city.users.editor_a).can_edit()
    assert doc.permissions_for_user(city.users.head_a).can_publish()
    assert not doc.permissions_for_user(city.users.head_b).can_edit()
    assert not doc.permissions_for_user(city.users.city_office).can_edit()
    assert doc.permissions_for_user(city.users.city_office).can_lock()


def test_admin_explorer_lists_only_own_units_pages(city, client):
    make_policy(city.a, title="甲局可见文件")
    make_policy(city.b, title="乙局不可见文件")
    client.force_login(city.users.editor_a)
    response = client.get("/admin/pages/search/?q=文件")
    body = response.content.decode()
    assert response.status_code == 200
    assert "甲局可见文件" in body  # the admin's search finds Chinese (search/admin_backend.py)
    assert "乙局不可见文件" not in body


def test_admin_organisation_list_is_scoped(city, client):
    client.force_login(city.users.head_a)
    body = client.get("/admin/organisations/").content.decode()
    assert "南昌市教育局" in body
    assert "南昌市财政局" not in body
    client.force_login(city.users.district_office)
    body = client.get("/admin/organisations/").content.decode()
    assert "东湖区教育体育局" in body
    assert "南昌市教育局" not in body


def test_admin_unit_head_cannot_edit_another_unit(city, client):
    client.force_login(city.users.head_a)
    assert client.get(f"/admin/organisations/edit/{city.a.pk}/").status_code == 200
    assert client.get(f"/admin/organisations/edit/{city.b.pk}/").status_code == 404
    response = client.post(
        f"/admin/organisations/edit/{city.b.pk}/",
        {"name": "被篡改", "slug": city.b.slug, "kind": city.b.kind, "org_code": city.b.org_code},
    )
    assert response.status_code == 404  # as missing (issue 11)
    city.b.refresh_from_db()
    assert city.b.name == "南昌市财政局"


def test_admin_overseer_creates_unit_with_its_column(city, client):
    client.force_login(city.users.district_office)
    response = client.post(
        "/admin/organisations/new/",
        {
            "parent": city.district.pk,
            "name": "东湖区民政局",
            "short_name": "区民政局",
            "slug": "dh-mzj",
            "kind": OrganisationKind.DEPARTMENT,
            "org_code": "600037341",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="东湖区民政局")
    assert org.get_parent() == city.district
    assert org.home_page is not None and org.home_page.url.endswith("/xxgk/dh-mzj/")


def test_admin_membership_form_refuses_roles_out_of_scope(city, client):
    newcomer = make_user("newcomer2")
    client.force_login(city.users.head_a)
    response = client.post(
        "/admin/memberships/new/",
        {"user": newcomer.pk, "organisation": city.a.pk, "role": Role.UNIT_HEAD},
    )
    assert response.status_code == 200  # form redisplayed with the error
    assert not Membership.objects.filter(user=newcomer).exists()
    response = client.post(
        "/admin/memberships/new/",
        {"user": newcomer.pk, "organisation": city.a.pk, "role": Role.EDITOR},
    )
    assert response.status_code == 302
    assert has_capability(newcomer, city.a, Capability.DRAFT)
