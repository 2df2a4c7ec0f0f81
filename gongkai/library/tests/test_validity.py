"""有效性 follows the documents that act on a document (replace, amend, abolish), manual
abolition and the end of the validity period; the original shows it (国办发〔2017〕47号)."""

import datetime as dt

import pytest

from gongkai.library import services
from gongkai.library.models import PolicyDocumentPage
from gongkai.library.validity import Act, RelationKind, Validity, derive_validity
from gongkai.testing import make_policy, publish_directly

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)


def test_derivation_precedence():
    act = Act(
        kind=RelationKind.ABOLISHES,
        source_id=7,
        source_title="新办法",
        effective_on=dt.date(2026, 1, 1),
    )
    amend = Act(
        kind=RelationKind.AMENDS,
        source_id=8,
        source_title="修改决定",
        effective_on=dt.date(2026, 1, 1),
    )
    future = Act(
        kind=RelationKind.REPLACES,
        source_id=9,
        source_title="将来办法",
        effective_on=dt.date(2027, 1, 1),
    )
    base = {"today": TODAY, "valid_until": None, "abolished_on": None, "abolition_note": ""}
    assert derive_validity(**base, acts=[]).validity == Validity.VALID
    assert derive_validity(**base, acts=[amend]).validity == Validity.VALID
    assert derive_validity(**base, acts=[future]).validity == Validity.VALID
    got = derive_validity(**base, acts=[act, amend])
    assert (got.validity, got.changed_on, got.superseded_by_id) == (
        Validity.ABOLISHED,
        dt.date(2026, 1, 1),
        7,
    )
    assert got.reason == "已被《新办法》废止"
    expired = derive_validity(**{**base, "valid_until": dt.date(2026, 11, 24)}, acts=[])
    assert (expired.validity, expired.changed_on) == (Validity.EXPIRED, TODAY)
    not_yet = derive_validity(**{**base, "valid_until": TODAY}, acts=[])
    assert not_yet.validity == Validity.VALID  # valid through the last day of the period
    manual = derive_validity(
        **{**base, "abolished_on": dt.date(2026, 6, 1), "abolition_note": "被省政府文件废止"},
        acts=[],
    )
    assert (manual.validity, manual.reason) == (Validity.ABOLISHED, "被省政府文件废止")


@pytest.mark.parametrize("kind", [RelationKind.ABOLISHES, RelationKind.REPLACES])
def test_publishing_an_abolishing_document_updates_the_old_one(city, kind):
    old = make_policy(city.a, title="旧办法", written_on=dt.date(2024, 3, 1))
    new = make_policy(city.a, title="新办法", publish=False, relations=[(kind, old)])
    old.refresh_from_db()
    assert old.validity == Validity.VALID  # a draft acts on nothing
    publish_directly(new.get_latest_revision())
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED
    assert old.superseded_by_id == new.pk
    assert "新办法" in old.validity_reason


def test_documents_of_another_unit_can_be_abolished_too(city):
    old = make_policy(city.b, title="财政旧办法", written_on=dt.date(2024, 3, 1))
    make_policy(city.a, title="联合新办法", relations=[(RelationKind.ABOLISHES, old)])
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED


def test_unpublishing_or_deleting_the_abolishing_document_restores_validity(city):
    old = make_policy(city.a, title="旧办法", written_on=dt.date(2024, 3, 1))
    new = make_policy(city.a, title="新办法", relations=[(RelationKind.REPLACES, old)])
    new.unpublish()
    old.refresh_from_db()
    assert old.validity == Validity.VALID and old.superseded_by_id is None
    publish_directly(new.get_latest_revision())
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED
    PolicyDocumentPage.objects.get(pk=new.pk).delete()
    old.refresh_from_db()
    assert old.validity == Validity.VALID


def test_republishing_an_old_revision_does_not_revive_an_abolished_document(city):
    old = make_policy(city.a, title="旧办法", written_on=dt.date(2024, 3, 1))
    stale_revision = old.get_latest_revision()
    make_policy(city.a, title="新办法", relations=[(RelationKind.ABOLISHES, old)])
    publish_directly(stale_revision)
    old.refresh_from_db()
    assert old.validity == Validity.ABOLISHED


def test_amendment_is_shown_on_the_amended_document(city, client):
    old = make_policy(city.a, title="被修改的办法", written_on=dt.date(2024, 3, 1))
    make_policy(city.a, title="修改决定", relations=[(RelationKind.AMENDS, old)])
    old.refresh_from_db()
    assert old.validity == Validity.VALID
    body = client.get(old.url).content.decode()
    assert "已被" in body and "修改决定" in body


def test_abolished_document_page_shows_banner_with_link(city, client):
    old = make_policy(city.a, title="旧办法", written_on=dt.date(2024, 3, 1))
    new = make_policy(city.a, title="新办法", relations=[(RelationKind.REPLACES, old)])
    old.refresh_from_db()
    body = client.get(old.url).content.decode()
    assert "本文件已废止" in body
    assert f'href="{new.url}"' in body


def test_expiry_is_applied_by_the_daily_refresh(city):
    doc = make_policy(city.a, written_on=dt.date(2024, 3, 1), valid_until=dt.date(2026, 3, 1))
    doc.refresh_from_db()
    assert doc.validity == Validity.EXPIRED  # already past when saved
    later = make_policy(
        city.a, title="到期文件", written_on=dt.date(2025, 3, 1), valid_until=dt.date(2030, 1, 1)
    )
    assert services.refresh_all_validity(today=dt.date(2029, 12, 31)) == 0
    assert services.refresh_all_validity(today=dt.date(2030, 1, 2)) >= 1
    later.refresh_from_db()
    assert later.validity == Validity.EXPIRED and later.validity_changed_on == dt.date(2030, 1, 2)
