"""Public search: recall of a substring scan, ranking, filters, counts, traditional queries,
and an index that follows publishing."""

import datetime as dt
import random

import pytest

from gongkai.library import services
from gongkai.library.models import PolicyDocumentPage, Topic
from gongkai.library.validity import RelationKind
from gongkai.search import query as search_query
from gongkai.search import text
from gongkai.search.models import SearchDocument
from gongkai.search.query import Filters, search
from gongkai.testing import make_policy, publish_directly

pytestmark = pytest.mark.django_db


def _exact(query, *args, **kwargs):
    """The index's own semantics: every term a substring, no broader tiers."""
    return search(query, *args, fallback=False, **kwargs)


def _titles(results):
    return [h.title for h in results.hits]


def test_two_character_words_and_names_are_found(city):
    make_policy(city.a, title="关于做好高校毕业生就业工作的通知", body="<p>落实就业补贴政策。</p>")
    make_policy(
        city.a, title="关于城乡居民医保参保缴费的通知", body="<p>医保缴费标准为每人每年380元。</p>"
    )
    make_policy(city.b, title="关于社保卡发放的通知", body="<p>请联系张伟同志领取。</p>")
    assert _titles(search("就业")) == ["关于做好高校毕业生就业工作的通知"]
    assert _titles(search("医保")) == ["关于城乡居民医保参保缴费的通知"]
    assert _titles(search("社保")) == ["关于社保卡发放的通知"]
    assert _titles(search("张伟")) == ["关于社保卡发放的通知"]


def test_strings_across_segmenter_boundaries_are_found(city):
    # jieba cuts 和平安 … oddly; a substring that spans two words must still be found.
    make_policy(city.a, title="关于平安校园建设的通知", body="<p>推进学校和平安全教育。</p>")
    assert _titles(_exact("和平安")) == ["关于平安校园建设的通知"]
    assert _titles(_exact("校和平")) == ["关于平安校园建设的通知"]
    assert _exact("平安全校").count == 0  # not a substring anywhere


def test_recall_equals_a_substring_scan(city):
    rng = random.Random(7)
    vocabulary = "就业补贴医保社会保障政府信息公开申请办理教育招生入学住房公积金提取养老服务"
    bodies = [
        "".join(rng.choice(vocabulary) for _ in range(rng.randint(30, 80))) for _ in range(25)
    ]
    for n, body in enumerate(bodies):
        make_policy(city.a, title=f"测试文件{n:02d}号", body=f"<p>{body}</p>")
    for _ in range(40):
        body = rng.choice(bodies)
        start = rng.randrange(len(body) - 8)
        query = body[start : start + rng.choice([2, 3, 4, 8])]
        expected = {f"测试文件{n:02d}号" for n, b in enumerate(bodies) if query in b}
        got = search(query, page_size=100)
        assert set(_titles(got)) == expected, query
        assert got.count == len(expected)


def test_a_phrase_never_matches_across_a_run_boundary(city):
    # One run ends with the character the next one begins with: the bigrams 了解 | 解决 stand
    # side by side in the stream, but 了解决 is not in the text.
    make_policy(city.a, title="关于了解。解决问题的通知", body="<p>请先了解 解决办法，再说明。</p>")
    make_policy(
        city.b,
        title="关于学习的通知",
        body="<p>要了解ipv6ipv6改造，2024 2025年。开展。情况说明，开展x情况。</p>",
    )
    for query in ["了解决", "解决问题的", "解办法", "先了解解决", "了解", "再说明", "开展情况"]:
        expected = {t for t, b in _indexed_texts() if query in b}
        got = _exact(query, page_size=100)
        assert set(_titles(got)) == expected, query
        assert got.count == len(expected), query
    assert _exact("了解决").count == 0  # in the title and in the body
    assert _exact("开展情况").count == 0  # PostgreSQL: 开展 <2> 情况 never spans a gap
    assert _exact("解决问题").count == 1
    assert _exact("ipv6ipv6").count == 1  # a letter-and-digit run is one token
    assert _exact("2024 2025").count == 1  # two terms, each a run
    assert _exact("20242025").count == 0
    make_policy(city.a, title="关于了解决策的通知", body="<p>正文。</p>")
    assert _titles(_exact("了解决")) == ["关于了解决策的通知"]


def _indexed_texts():
    return [(d.title, text.normalise(d.text)) for d in SearchDocument.objects.all()]


def test_traditional_query_gives_the_same_results_and_says_so(city):
    make_policy(city.a, title="关于医保报销的通知", body="<p>医疗保障。</p>")
    simplified, traditional = search("医保"), search("醫保")
    assert _titles(traditional) == _titles(simplified) == ["关于医保报销的通知"]
    assert traditional.did_you_mean == "医保"
    assert simplified.did_you_mean is None


def test_title_matches_rank_first_then_valid_then_recent(city):
    body_only = make_policy(
        city.a,
        title="关于一般事项的通知",
        body="<p>涉及养老服务。</p>",
        written_on=dt.date(2026, 5, 1),
    )
    old_title = make_policy(city.a, title="养老服务补贴办法", written_on=dt.date(2020, 1, 1))
    new_title = make_policy(city.a, title="养老服务机构管理办法", written_on=dt.date(2025, 1, 1))
    abolished = make_policy(city.a, title="养老服务旧办法", written_on=dt.date(2026, 1, 1))
    make_policy(city.a, title="废止决定", relations=[(RelationKind.ABOLISHES, abolished)])
    ranked = _titles(search("养老服务"))
    assert ranked == [new_title.title, old_title.title, abolished.title, body_only.title]
    hit = next(h for h in search("养老服务").hits if h.title == abolished.title)
    assert hit.validity == "abolished"


@pytest.mark.parametrize("head", [200, 2, 5])  # PostgreSQL: matches read before the words
def test_pages_across_ranking_tiers_follow_one_order(city, monkeypatch, head):
    monkeypatch.setattr(search_query, "PG_HEAD", head)
    for n in range(7):  # tier 0, 1 and 2, dates and validity mixed
        day = dt.date(2020 + n % 4, 1 + n, 1)
        make_policy(city.a, title=f"养老服务文件{n}", written_on=day)
        make_policy(city.b, title=f"社会文件{n}", body="<p>推进养老服务。</p>", written_on=day)
        make_policy(city.a, title=f"其他文件{n}", body="<p>做好养老服务业。</p>", written_on=day)
        # jieba: 赡养 / 老 / 服务 — 养老 is not a word here (tier 2)
        make_policy(city.a, title=f"赡养文件{n}", body="<p>赡养老服务对象。</p>", written_on=day)
    everything = search("养老服务", page_size=100)
    assert everything.count == 28
    assert {h.title[:2] for h in everything.hits[21:]} == {"赡养"}
    assert [h.title for h in everything.hits[:7]] == [
        f"养老服务文件{n}" for n in range(6, -1, -1)
    ]  # title tier first, then (all published today) the later page first
    for size in (1, 3, 5, 8):
        pages = [search("养老服务", page=p, page_size=size) for p in range(1, 29 // size + 2)]
        assert [h.title for r in pages for h in r.hits] == _titles(everything), size
    narrowed = search("养老服务 文件", Filters(unit=city.b.pk), page=2, page_size=4)
    assert narrowed.count == 7
    assert _titles(narrowed) == [f"社会文件{n}" for n in (2, 1, 0)]


def test_filters_and_counts_per_filter_value(city):
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("pk")[:2])
    make_policy(
        city.a,
        title="教育文件一",
        body="<p>招生入学。</p>",
        topic=topics[0],
        doc_type="normative",
        written_on=dt.date(2025, 3, 1),
    )
    make_policy(
        city.a,
        title="教育文件二",
        body="<p>招生入学。</p>",
        topic=topics[1],
        doc_type="other",
        written_on=dt.date(2026, 3, 1),
    )
    make_policy(
        city.b,
        title="财政文件",
        body="<p>招生入学经费。</p>",
        topic=topics[1],
        doc_type="other",
        written_on=dt.date(2026, 3, 1),
    )
    assert search("招生入学").count == 3
    assert _titles(search("招生入学", Filters(unit=city.b.pk))) == ["财政文件"]
    assert search("招生入学", Filters(year=2026)).count == 2
    assert search("招生入学", Filters(doc_type="normative")).count == 1
    assert search("招生入学", Filters(topic=topics[1].pk)).count == 2
    assert search("招生入学", Filters(topic=topics[0].parent_id)).count >= 1  # a topic group
    facets = search("招生入学", Filters(year=2026), with_facets=True).facets
    assert dict(facets["organ"]) == {city.a.pk: 1, city.b.pk: 1}
    assert dict(facets["year"]) == {2025: 1, 2026: 2}  # its own filter is not applied to it
    assert dict(facets["doc_type"]) == {"other": 2}


def test_snippets_are_highlighted_and_escaped(city):
    make_policy(
        city.a,
        title="关于<b>标签</b>的通知",
        body="<p>前文很长很长。这里是就业补贴的说明，x&lt;y。</p>",
    )
    hit = search("就业补贴").hits[0]
    assert "<mark>就业补贴</mark>" in hit.snippet
    assert "<b>" not in hit.snippet and "&lt;" in hit.snippet


def test_index_follows_publish_edit_unpublish_and_delete(city):
    doc = make_policy(city.a, title="关于老旧小区改造的通知", publish=False)
    assert search("老旧小区").count == 0  # a draft is not public
    publish_directly(doc.get_latest_revision())
    assert search("老旧小区").count == 1
    doc = PolicyDocumentPage.objects.get(pk=doc.pk)
    doc.title = "关于城中村改造的通知"
    publish_directly(doc.save_revision())
    assert search("老旧小区").count == 0 and search("城中村").count == 1
    doc.unpublish()
    assert search("城中村").count == 0
    publish_directly(doc.get_latest_revision())
    PolicyDocumentPage.objects.get(pk=doc.pk).delete()
    assert search("城中村").count == 0
    assert not SearchDocument.objects.filter(page_id=doc.pk).exists()


def test_validity_change_by_another_document_reaches_the_index(city):
    old = make_policy(city.a, title="公积金提取旧办法")
    make_policy(city.a, title="公积金提取新办法", relations=[(RelationKind.REPLACES, old)])
    hits = {h.title: h.validity for h in search("公积金提取").hits}
    assert hits == {"公积金提取新办法": "valid", "公积金提取旧办法": "abolished"}


def test_interpretations_are_searchable_only_with_their_policy(city):
    policy = make_policy(city.a, title="关于学生资助的通知", publish=False)
    services.interpretation_save(
        actor=None,
        unit=city.a,
        policy=policy,
        publish=True,
        title="学生资助政策解读",
        questions=[("家庭困难学生怎样申请助学金？", "<p>向学校提出申请。</p>")],
    )
    interp = Filters(kind="interpretation")
    assert search("助学金", interp).count == 0  # its policy is not live yet
    publish_directly(policy.get_latest_revision())
    assert _titles(search("助学金", interp)) == ["学生资助政策解读"]
    assert search("助学金").count == 0  # policies only, by default


def test_not_disclosed_and_on_application_documents(city):
    make_policy(
        city.a,
        title="依申请公开的批复",
        disclosure_mode="on_application",
        non_disclosure_reason="specific_group",
        body="<p>秘密正文内容。</p>",
    )
    assert search("依申请公开的批复").count == 1  # metadata is public
    assert search("秘密正文内容").count == 0  # the body is not


def test_single_character_queries(city):
    make_policy(city.a, title="关于做好防汛工作的通知", body="<p>汛期。</p>")
    assert _titles(search("汛")) == ["关于做好防汛工作的通知"]


def test_empty_query_lists_filtered_documents_newest_first(city):
    make_policy(city.a, title="甲", written_on=dt.date(2024, 1, 1))
    make_policy(city.a, title="乙", written_on=dt.date(2026, 1, 1))
    assert _titles(search("", Filters(unit=city.a.pk))) == ["乙", "甲"]


def test_tokens_never_break_the_query_syntax(city):
    make_policy(city.a, title='关于"引号"和*星号*的通知')
    for query in ['"引号"', "*", "AND OR NOT", "（）", "'; DROP TABLE x; --", "NEAR(a b)"]:
        search(query)  # no syntax error on either database
    assert text.query_terms("AND OR") == ["and", "or"]


def test_search_page_and_library_list_with_filters(city, client):
    make_policy(
        city.a,
        title="关于就业补贴的通知",
        body="<p>就业补贴标准。</p>",
        written_on=dt.date(2025, 2, 1),
    )
    make_policy(
        city.b, title="关于就业见习的通知", body="<p>就业见习。</p>", written_on=dt.date(2026, 2, 1)
    )
    response = client.get("/search/", {"q": "就业"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "共 2 条结果" in body and "<mark>就业</mark>" in body
    assert "南昌市财政局（1）" in body  # a filter value with its count
    filtered = client.get("/search/", {"q": "就业", "organ": city.b.pk}).content.decode()
    assert "关于就业见习的通知" in filtered and "关于就业补贴的通知" not in filtered
    library = client.get("/zcwjk/", {"year": 2025}).content.decode()
    assert "关于就业补贴的通知" in library and "关于就业见习的通知" not in library
    assert client.get("/search/", {"year": "abc"}).status_code == 400
    assert client.get("/zcwjk/", {"page": 999}).status_code == 200  # past the end: last page
    assert "已按简体" in client.get("/search/", {"q": "就業"}).content.decode()


def test_long_texts_and_often_repeated_grams_keep_every_match(city):
    # PostgreSQL keeps at most 256 positions of a lexeme, none beyond 16,383: a long text is
    # cut into overlapping segments (store.pg_vector). Texts made of three characters repeat
    # every four-character gram hundreds of times; the 30,000-character ones need segments.
    rng = random.Random(11)
    bodies = ["".join(rng.choice("政务公") for _ in range(n)) for n in (30000, 17000, 900)]
    ordinary = "".join(rng.choice("就业补贴医保社会保障政府信息公开申请办理") for _ in range(20000))
    bodies.append(ordinary + "最低生活保障审核确认办法" + "政" * 70)
    for n, body in enumerate(bodies):
        make_policy(city.a, title=f"长文件{n}号", body=f"<p>{body}</p>")
    queries = ["最低生活保障审核确认办法", "政" * 65, "政" * 70 + "务", "公公公政务务"]
    for _ in range(30):
        body = rng.choice(bodies)
        start = rng.randrange(len(body) - 80)
        queries.append(body[start : start + rng.choice([2, 3, 4, 5, 8, 13, 64, 70])])
    for q in queries:
        expected = {f"长文件{n}号" for n, b in enumerate(bodies) if q in b}
        got = _exact(q, page_size=100)
        assert set(_titles(got)) == expected, q
        assert got.count == len(expected), q
    # Two terms, one near the beginning of a long text and one at its end.
    two = f"{ordinary[:6]} 审核确认办法"
    assert _titles(_exact(two)) == ["长文件3号"]


def _skip_without_rum():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's index layout")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if not cursor.fetchone():
            pytest.skip("postgresql-15-rum is not installed (CI installs it)")


def _grams_index() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_tsv_grams'")
        return cursor.fetchone()[0]


def test_postgresql_index_keeps_positions_where_rum_is_installed(city):
    _skip_without_rum()
    assert "USING rum (grams)" in _grams_index()
    make_policy(city.a, title="关于最低生活保障审核确认的通知", body="<p>审核确认办法。</p>")
    assert search("最低生活保障审核确认").count == 1


def test_search_rebuild_moves_the_index_to_rum_once_installed(city):
    from django.db import connection

    from gongkai.search import indexing

    _skip_without_rum()
    with connection.cursor() as cursor:  # as built where the extension was missing
        cursor.execute("DROP INDEX search_tsv_grams")
        cursor.execute("CREATE INDEX search_tsv_grams ON search_tsv USING gin (grams)")
    make_policy(city.a, title="关于最低生活保障审核确认的通知", body="<p>审核确认办法。</p>")
    assert search("最低生活保障审核确认").count == 1
    indexing.rebuild()
    assert "USING rum (grams)" in _grams_index()
    assert search("最低生活保障审核确认").count == 1
