"""The admin screens of units' records list and open only the user's units' records."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gongkai.applications.models import Appeal, LetterTemplate
from gongkai.reports.models import ReportFigure
from gongkai.review.models import UnitTerm

pytestmark = pytest.mark.django_db


def records(city: Any) -> dict[str, tuple[Any, Any]]:
    def both(make: Any) -> tuple[Any, Any]:
        return make(city.a, "甲单位项"), make(city.b, "乙单位项")

    return {
        "checker-terms": both(
            lambda o, t: UnitTerm.objects.create(organisation=o, kind="sensitive", term=t)
        ),
        "letter-templates": both(
            lambda o, t: LetterTemplate.objects.create(
                organisation=o, code="disclosed", text=f"title: {t}"
            )
        ),
        "report-figures": both(
            lambda o, t: ReportFigure.objects.create(
                organisation=o, year=2025, key="licensing", value=1, source=t
            )
        ),
        "appeals": both(
            lambda o, t: Appeal.objects.create(
                organisation=o, year=2025, kind="reconsideration", result="upheld", lesson=t
            )
        ),
    }


@pytest.mark.parametrize("url", ["checker-terms", "letter-templates", "report-figures"])
def test_a_unit_head_sees_and_edits_their_units_records_only(
    client: Client, city: Any, url: str
) -> None:
    mine, theirs = records(city)[url]
    client.force_login(city.users.head_a)

    listing = client.get(f"/admin/{url}/")

    assert listing.status_code == 200
    assert client.get(f"/admin/{url}/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/{url}/edit/{theirs.pk}/").status_code == 404  # as missing (issue 11)
    assert f"/admin/{url}/edit/{theirs.pk}/" not in listing.content.decode()


def test_appeals_belong_to_the_disclosure_officers(client: Client, city: Any) -> None:
    mine, theirs = records(city)["appeals"]
    client.force_login(city.users.officer_a)
    assert client.get(f"/admin/appeals/edit/{mine.pk}/").status_code == 200
    assert (
        client.get(f"/admin/appeals/edit/{theirs.pk}/").status_code == 404
    )  # as missing (issue 11)
