"""Project-wide pytest fixtures: a city with two departments and staff in every role."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.organisations.models import OrganisationKind, Role
from gongkai.testing import make_unit, make_user


@pytest.fixture
def city(db):  # noqa: ANN001, ANN201
    gov = make_unit("南昌市人民政府", kind=OrganisationKind.GOVERNMENT, short_name="市政府")
    a = make_unit("南昌市教育局", parent=gov, short_name="市教育局")
    b = make_unit("南昌市财政局", parent=gov, short_name="市财政局")
    district = make_unit("东湖区人民政府", parent=gov, kind=OrganisationKind.GOVERNMENT)
    district_dept = make_unit("东湖区教育体育局", parent=district)
    users = SimpleNamespace(
        editor_a=make_user("editor_a", roles=[(a, Role.EDITOR)]),
        reviewer_a=make_user("reviewer_a", roles=[(a, Role.REVIEWER)]),
        head_a=make_user("head_a", roles=[(a, Role.UNIT_HEAD)]),
        officer_a=make_user("officer_a", roles=[(a, Role.DISCLOSURE_OFFICER)]),
        editor_b=make_user("editor_b", roles=[(b, Role.EDITOR)]),
        head_b=make_user("head_b", roles=[(b, Role.UNIT_HEAD)]),
        city_office=make_user("city_office", roles=[(gov, Role.OVERSEER)]),
        district_office=make_user("district_office", roles=[(district, Role.OVERSEER)]),
    )
    return SimpleNamespace(gov=gov, a=a, b=b, district=district, district_dept=district_dept, users=users)
