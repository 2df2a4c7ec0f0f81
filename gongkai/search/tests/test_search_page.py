"""The search page and the 政策文件库 listing as a citizen reads them (the real HTML): match
tiers and their note, results before the filters, an empty result, the header box."""

import datetime as dt
import re

import pytest

from gongkai.search.query import MATCH_NEAR, MATCH_PHRASE, MATCH_WORDS, search
from gongkai.testing import make_policy

pytestmark = pytest.mark.django_db


def _page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _result_titles(body):
    return re.findall(r'<li class="result">\s*<h3><a href="[^"]*">([^<]+)</a>', body)


@pytest.fixture
def employment(city):
    make_policy(
        city.a,
        title="关于做好高校毕业生就业工作的通知",
        body="<p>落实一次性吸纳就业岗位的补贴。</p>",
        written_on=dt.date(2024, 5, 1),
    )
    make_policy(
        city.a,
        title="关于促进就业的若干措施",
        body="<p>对吸纳就业的企业给予社会保险补贴。</p>",
        written_on=dt.date(2025, 5, 1),
    )
    make_policy(
        city.b,
        title="关于发放采暖补贴的通知",
        body="<p>补贴标准为每户每年500元。</p>",
        written_on=dt.date(2026, 1, 5),
    )


def test_words_typed_without_spaces_find_documents_holding_them_apart(city, client, employment):
    # Nobody writes 就业补贴 verbatim here: two documents hold the words 就业 and 补贴 apart.
    results = search("就业补贴")
    assert results.match == MATCH_WORDS and results.match_words == ["就业", "补贴"]
    assert results.count == 2
    body = _page(client, "/search/", q="就业补贴")
    assert "没有找到包含“就业补贴”原文的文件。以下是包含“就业”“补贴”全部词语的结果。" in body
    assert set(_result_titles(body)) == {
        "关于做好高校毕业生就业工作的通知",
        "关于促进就业的若干措施",
    }
    assert "<mark>就业</mark>" in body and "<mark>补贴</mark>" in body


def test_the_exact_phrase_comes_first_and_the_words_apart_are_offered(city, client, employment):
    make_policy(city.b, title="关于就业补贴申领的通知", body="<p>就业补贴按季度申领。</p>")
    results = search("就业补贴")
    assert results.match == MATCH_PHRASE and results.count == 1  # the substring guarantee
    assert results.broader_query == "就业 补贴" and results.broader_count == 2 + 1
    body = _page(client, "/search/", q="就业补贴")
    assert "以下是包含“就业补贴”的结果（按输入的文字完全匹配）。" in body
    assert _result_titles(body) == ["关于就业补贴申领的通知"]
    assert "另有包含“就业”“补贴”全部词语的文件 3 件" in body
    link = re.search(r'<a href="([^"]+)">查看全部 3 件</a>', body).group(1)
    broader = _page(client, "/search/" + link.replace("&amp;", "&"))
    assert "以下是同时包含“就业”“补贴”的结果" in broader
    assert len(_result_titles(broader)) == 3


def test_near_matches_when_no_document_holds_every_word(city, client, employment):
    for q in ("医保补贴", "社保补贴"):
        results = search(q)
        assert results.match == MATCH_NEAR and results.match_words == ["补贴"], q
        assert results.count == 3
        body = _page(client, "/search/", q=q)
        word = q[:2]
        assert (
            f"没有找到同时包含“{word}”“补贴”的文件。以下是包含“补贴”的结果（只含部分词语）。"
            in body
        )
        assert len(_result_titles(body)) == 3
    make_policy(city.b, title="关于城乡居民医保缴费的通知", body="<p>医保缴费。</p>")
    body = _page(client, "/search/", q="医保补贴")
    assert "也可查看：" in body and "包含“医保”的结果</a>" in body


def test_an_empty_result_is_a_plain_message(city, client, employment):
    body = _page(client, "/search/", q="量子计算")
    assert "没有找到相关内容。请换一个词，或减少筛选条件。" in body
    assert '<li class="result">' not in body and "<ol" not in body
    assert "第 1 / 1 页" not in body and 'class="facets"' not in body


def test_results_come_before_the_filters_and_years_read_newest_first(city, client, employment):
    for url in ("/search/", "/zcwjk/"):
        body = _page(client, url, q="补贴")
        assert body.index('<li class="result">') < body.index('class="facets"'), url
        years = re.findall(r">(20\d\d)（\d+）<", body)
        assert years == ["2026", "2025", "2024"], url
        # The keyword box has a visible label, and the header's box holds the query.
        assert re.search(r'<label for="id_q">[^<]+</label>', body)
        assert re.search(r'id="site-search-q"[^>]*value="补贴"', body), url
        assert "第 1 / 1 页" not in body  # one page: no pager


def test_the_header_box_is_empty_elsewhere(city, client, employment):
    assert re.search(r'id="site-search-q"[^>]*value=""', _page(client, "/search/"))


def test_the_open_api_answers_with_the_same_tiers(city, client, employment):
    from django.core.cache import cache

    cache.clear()  # the API's rate limit counts per address
    body = client.get("/api/v1/policies", {"q": "就业补贴"}).json()
    assert (body["match"], body["match_words"], body["count"]) == ("words", ["就业", "补贴"], 2)
    body = client.get("/api/v1/policies", {"q": "医保补贴"}).json()
    assert (body["match"], body["match_words"], body["count"]) == ("near", ["补贴"], 3)
    body = client.get("/api/v1/policies").json()
    assert (body["match"], body["match_words"]) == (None, [])
