"""The excerpt measure (形式化解读): share of an interpretation copied from its policy."""

import pytest

from gongkai.library import services
from gongkai.library.excerpt import MIN_RUN, measure_excerpt
from gongkai.testing import make_policy

POLICY = (
    "为进一步规范义务教育招生入学工作，保障适龄儿童少年平等接受义务教育的权利，"
    "根据《中华人民共和国义务教育法》等法律法规，结合我市实际，制定本办法。"
    "公办学校严格按照划片范围招生，不得以任何形式的考试、测评选拔学生。"
    "民办学校招生纳入审批地统一管理，与公办学校同步招生。"
)


def test_a_copy_scores_one_and_own_words_score_zero():
    assert measure_excerpt(POLICY, POLICY).ratio == pytest.approx(1.0)
    own = "这份文件主要解决孩子上学要不要考试的问题：公办民办一起报名，谁也不能掐尖。家长只需按住址报名。"
    assert measure_excerpt(own, POLICY).ratio == 0.0


def test_punctuation_and_spacing_do_not_hide_a_copy():
    disguised = POLICY.replace("，", " ").replace("。", "\n")
    assert measure_excerpt(disguised, POLICY).ratio == pytest.approx(1.0)


def test_partial_copy_is_measured_proportionally():
    own = "本解读用通俗的话说明政策出台的原因和家长需要注意的事项，并对比了去年的做法，" * 2
    mixed = own + "公办学校严格按照划片范围招生，不得以任何形式的考试、测评选拔学生。"
    ratio = measure_excerpt(mixed, POLICY).ratio
    assert 0.2 < ratio < 0.5


def test_short_shared_phrases_are_not_copies():
    # Names and set phrases shorter than MIN_RUN characters are shared by any two texts.
    text = "根据《中华人民共和国义务教育法》，我们作出如下说明。"
    assert len("中华人民共和国义务教育法") < MIN_RUN + 1
    assert measure_excerpt(text, POLICY).ratio == 0.0


@pytest.mark.django_db
def test_interpretation_stores_ratio_and_admin_warns(city, client, settings):
    policy = make_policy(city.a, body="".join(f"<p>{s}。</p>" for s in POLICY.split("。") if s))
    copied = services.interpretation_save(
        actor=None,
        unit=city.a,
        policy=policy,
        publish=True,
        title="摘抄式解读",
        facets=[("content", policy.body)],
    )
    genuine = services.interpretation_save(
        actor=None,
        unit=city.a,
        policy=policy,
        publish=True,
        title="实质性解读",
        facets=[
            ("background", "<p>过去一些学校通过考试选拔学生，家长负担重，这次明确禁止。</p>"),
            ("changes", "<p>与去年相比，民办学校不再提前招生。</p>"),
        ],
    )
    assert copied.copied_ratio > settings.GONGKAI["EXCERPT_WARN_RATIO"]
    assert copied.looks_like_excerpt
    assert genuine.copied_ratio < 0.1
    assert not genuine.looks_like_excerpt
    client.force_login(city.users.editor_a)
    response = client.get(f"/admin/pages/{copied.pk}/edit/")
    assert response.status_code == 200
