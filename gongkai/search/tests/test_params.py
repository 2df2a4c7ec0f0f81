"""Parameters of the search page and 政策文件库 are bounded (issue 11, item 8: a 20-digit organ
or topic was a 500), and queries without a searchable character match nothing (item 10: *, %
or an emoji listed every document)."""

import pytest
from django.test import Client

from gongkai.search.query import search
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db

HUGE = "9" * 20


@pytest.mark.parametrize("path", ["/search/", "/zcwjk/"])
@pytest.mark.parametrize("name", ["organ", "topic"])
def test_ids_beyond_64_bits_are_a_chinese_400(city, client: Client, path: str, name: str) -> None:
    make_policy(city.a, title="关于就业补贴的通知")

    response = client.get(path, {"q": "就业", name: HUGE})

    assert response.status_code == 400
    body = response.content.decode()
    assert "检索条件有误" in body and ("发文机关" if name == "organ" else "主题分类") in body
    assert "<html" in body  # the site's page, not a bare string
    assert client.get(path, {name: "9223372036854775807"}).status_code == 200  # the largest id


@pytest.mark.parametrize("query", ["*", "%", "😀", "**%%", "🇨🇳", "——", "・"])
def test_queries_without_letters_digits_or_chinese_match_nothing(
    city, client: Client, query: str
) -> None:
    make_policy(city.a, title="关于就业补贴的通知")
    assert search("").count == 1

    results = search(query)

    assert results.count == 0 and results.hits == [] and results.unsearchable
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    body = page.content.decode()
    assert "共 0 条结果" in body and "请输入汉字、字母或数字" in body
    assert "关于就业补贴的通知" not in body
    assert "关于就业补贴的通知" not in client.get("/zcwjk/", {"q": query}).content.decode()


def test_symbols_beside_words_do_not_hide_them(city) -> None:
    make_policy(city.a, title="关于就业补贴的通知")
    assert search("*就业%").count == 1
    assert not search("*就业%").unsearchable
