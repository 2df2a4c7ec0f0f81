"""The one way to find a page's unit (organisations.selectors.unit_of_page): content pages,
the unit's structural pages below its column, an unsaved page, the site's own pages."""

import pytest
from wagtail.models import Page

from gongkai.organisations.selectors import unit_of_page
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


def test_content_page_belongs_to_its_unit_also_as_a_plain_page(city):
    policy = make_policy(city.a)
    assert unit_of_page(policy) == city.a
    assert unit_of_page(Page.objects.get(pk=policy.pk)) == city.a


def test_structural_pages_below_the_column_belong_to_the_unit(city):
    column = Page.objects.get(pk=city.a.home_page_id)
    assert unit_of_page(column) == city.a
    for child in column.get_descendants():
        assert unit_of_page(child) == city.a


def test_site_pages_and_nothing_have_no_unit(city):
    assert unit_of_page(None) is None
    assert unit_of_page(Page.objects.get(depth=2)) is None
    assert unit_of_page(Page(title="未保存")) is None
