"""The public page cache: hits for anonymous readers, stale at once after a publication."""

import pytest

from gongkai.library.validity import RelationKind
from gongkai.testing import make_policy, publish_directly

pytestmark = pytest.mark.django_db


def test_second_read_is_a_hit_and_publishing_invalidates(city, client):
    doc = make_policy(city.a, title="原标题")
    first = client.get(doc.url)
    assert first["X-Page-Cache"] == "miss"
    assert client.get(doc.url)["X-Page-Cache"] == "hit"
    doc.title = "新标题"
    publish_directly(doc.save_revision())
    fresh = client.get(doc.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "新标题" in fresh.content.decode()


def test_listings_change_when_another_document_changes_them(city, client):
    old = make_policy(city.a, title="旧办法")
    assert "本文件已废止" not in client.get(old.url).content.decode()
    make_policy(city.a, title="新办法", relations=[(RelationKind.ABOLISHES, old)])
    assert "本文件已废止" in client.get(old.url).content.decode()


def test_conditional_get_gives_304(city, client):
    doc = make_policy(city.a)
    etag = client.get(doc.url)["ETag"]
    assert client.get(doc.url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_staff_and_elder_mode_are_not_served_the_anonymous_copy(city, client):
    doc = make_policy(city.a)
    client.get(doc.url)
    client.cookies["gk_elder"] = "1"
    assert client.get(doc.url)["X-Page-Cache"] == "miss"  # its own copy
    client.force_login(city.users.editor_a)
    assert "X-Page-Cache" not in client.get(doc.url)


def test_search_results_are_cached_per_query_and_follow_publication(city, client):
    make_policy(city.a, title="关于养老服务的通知")
    assert "共 1 条结果" in client.get("/search/", {"q": "养老服务"}).content.decode()
    make_policy(city.b, title="养老服务补贴办法")
    assert "共 2 条结果" in client.get("/search/", {"q": "养老服务"}).content.decode()


def test_version_is_bumped_again_when_the_publication_commits(
    city, client, django_capture_on_commit_callbacks
):
    from gongkai.core.pagecache import content_version

    doc = make_policy(city.a, title="原标题")
    client.get(doc.url)
    with django_capture_on_commit_callbacks() as callbacks:
        doc.title = "新标题"
        publish_directly(doc.save_revision())
        during = content_version()
        # A reader inside the transaction's lifetime may cache the old page under `during`.
    for callback in callbacks:
        callback()
    assert content_version() > during
