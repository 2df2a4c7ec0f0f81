"""重大政策解读率 per unit, for overseers only."""

import pytest

from gongkai.library import selectors, services
from gongkai.testing import make_policy, publish_directly

pytestmark = pytest.mark.django_db


def _major_with_interpretation(unit, title):
    policy = make_policy(unit, title=title, is_major=True, publish=False)
    services.interpretation_save(
        actor=None,
        unit=unit,
        policy=policy,
        publish=True,
        title=f"{title}解读",
        facets=[("background", "<p>背景。</p>")],
    )
    publish_directly(policy.get_latest_revision())
    return policy


def test_rates_count_live_major_policies_with_live_interpretations(city):
    _major_with_interpretation(city.a, "甲重大一")
    _major_with_interpretation(city.a, "甲重大二")
    make_policy(city.a, title="甲重大草稿", is_major=True, publish=False)  # not live: not counted
    make_policy(city.a, title="甲一般文件")  # not major: not counted
    rates = {r.organisation.pk: r for r in selectors.interpretation_rates(city.users.city_office)}
    assert (rates[city.a.pk].major_policies, rates[city.a.pk].interpreted) == (2, 2)
    assert rates[city.a.pk].rate == 1.0
    assert rates[city.b.pk].rate is None  # no major policy: no rate rather than 0 %


def test_an_interpretation_withdrawn_later_lowers_the_rate(city):
    policy = _major_with_interpretation(city.a, "甲重大")
    policy.interpretations.get().unpublish()
    rates = {r.organisation.pk: r for r in selectors.interpretation_rates(city.users.city_office)}
    assert (rates[city.a.pk].major_policies, rates[city.a.pk].interpreted) == (1, 0)
    assert rates[city.a.pk].rate == 0.0


def test_overseers_see_only_their_subtree(city):
    units = {r.organisation for r in selectors.interpretation_rates(city.users.district_office)}
    assert units == {city.district, city.district_dept}
    assert selectors.interpretation_rates(city.users.editor_a) == []


def test_report_page_is_for_overseers(city, client):
    _major_with_interpretation(city.a, "甲重大")
    client.force_login(city.users.city_office)
    response = client.get("/admin/reports/interpretation-rate/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "南昌市教育局" in body and "100%" in body
    client.force_login(city.users.head_a)
    assert client.get("/admin/reports/interpretation-rate/").status_code in (302, 403)
    client.force_login(city.users.district_office)
    body = client.get("/admin/reports/interpretation-rate/").content.decode()
    assert "南昌市教育局" not in body and "东湖区教育体育局" in body
