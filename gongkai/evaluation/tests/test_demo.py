"""The demo's evaluation, loaded into the test city: published, with answers, a 座谈会 and the
conclusion 修订完善, shown on the policy's page."""

from __future__ import annotations

import pytest
from django.test import Client

from gongkai.demo.evaluation import SHEETS, load_evaluation
from gongkai.evaluation import selectors
from gongkai.testing import make_policy


@pytest.mark.django_db
def test_demo_evaluation(city):
    policy = make_policy(city.a, title="南昌市中小学课后服务实施办法")
    page = load_evaluation(city.a)
    assert page is not None and page.live and page.policy == policy
    assert page.get_conclusion_display() == "修订完善"
    assert page.responses.count() == len(SHEETS)
    kinds = [r.get_kind_display() for r in selectors.published_records(page)]
    assert kinds == ["座谈会", "实地调研"]
    html = Client().get(policy.url).content.decode()
    assert page.title in html and "评价结论：修订完善" in html
