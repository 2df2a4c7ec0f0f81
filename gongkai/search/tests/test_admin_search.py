"""The admin's search (gongkai/search/admin_backend.py): the page chooser and the pages search
find Chinese text by a part of the title, the 发文字号 or the 索引号."""

import pytest
from wagtail.models import Page

from gongkai.library.models import PolicyDocumentPage
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def policies(city):
    return (
        make_policy(
            city.a, title="关于做好高校毕业生就业工作的通知", doc_number="洪教发〔2026〕7号"
        ),
        make_policy(city.a, title="关于城乡居民医保参保缴费的通知"),
    )


def test_the_page_chooser_finds_a_word_inside_a_title(city, client, policies):
    # Linking an interpretation, curating a 专题专栏, setting 替代/废止: the chooser's search.
    client.force_login(city.users.editor_a)
    response = client.get("/admin/choose-page/search/", {"q": "就业"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "关于做好高校毕业生就业工作的通知" in body
    assert "关于城乡居民医保参保缴费的通知" not in body
    typed = client.get(
        "/admin/choose-page/search/", {"q": "医保 缴费", "page_type": "library.policydocumentpage"}
    ).content.decode()
    assert "关于城乡居民医保参保缴费的通知" in typed and "就业工作" not in typed


def test_the_chooser_finds_a_policy_by_its_numbers(city, client, policies):
    client.force_login(city.users.editor_a)
    employment = PolicyDocumentPage.objects.get(pk=policies[0].pk)
    for q in (
        "洪教发〔2026〕7号",
        "〔2026〕7",
        employment.index_number,
        employment.index_number[-5:],
    ):
        body = client.get("/admin/choose-page/search/", {"q": q}).content.decode()
        assert "关于做好高校毕业生就业工作的通知" in body, q


def test_the_admin_pages_search_finds_chinese(city, client, policies):
    client.force_login(city.users.editor_a)
    response = client.get("/admin/pages/search/", {"q": "毕业生"})
    assert response.status_code == 200
    assert "关于做好高校毕业生就业工作的通知" in response.content.decode()
    assert "关于城乡居民医保参保缴费的通知" not in response.content.decode()


def test_the_search_api_of_pages_answers_with_substrings(city, policies):
    # Page.objects.search, as Wagtail's views call it: traditional characters too, title first.
    assert [p.title for p in Page.objects.search("醫保")] == ["关于城乡居民医保参保缴费的通知"]
    assert Page.objects.search("就业").count() == 1
    assert Page.objects.autocomplete("不存在的词").count() == 0
