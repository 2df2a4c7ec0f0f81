"""The demo's vocabulary reads right (issue 12): no title with a repeated word, 主题词 that are
whole words, services linked by what the document is about."""

from __future__ import annotations

import rjieba

from gongkai.checker import check_text
from gongkai.demo import content

UNITS = ["南昌市人力资源和社会保障局", "南昌市教育局、南昌市财政局", "东湖区人民政府"]


def all_titles() -> list[str]:
    return [
        content.policy_title(form, unit=unit, year=2025, subject=subject)
        for domain in content.DOMAINS.values()
        for subject in domain["subjects"]
        for form in content.TITLE_FORMS
        for unit in UNITS
    ]


def test_no_demo_title_has_a_repeated_word_or_other_finding() -> None:
    titles = all_titles()
    assert len(titles) > 500
    assert "南昌市人力资源和社会保障局关于做好根治欠薪工作的通知" in titles
    flagged = {
        t: [(f.kind, f.excerpt) for f in check_text(t) if f.severity in ("block", "warn")]
        for t in titles
    }
    assert {t: f for t, f in flagged.items() if f} == {}


def test_the_old_title_form_is_caught_by_the_checker() -> None:
    old = "南昌市人力资源和社会保障局关于做好根治欠薪工作工作的通知"
    assert [(f.kind, f.excerpt, f.suggestion) for f in check_text(old)] == [
        ("structure", "工作工作", "工作")
    ]


def test_keywords_are_whole_words_of_the_subject() -> None:
    for domain in content.DOMAINS.values():
        for subject in domain["subjects"]:
            keywords = content.subject_keywords(subject).split()
            assert keywords, subject
            cuts = {0, len(subject)}
            for _word, start, end in rjieba.tokenize(subject):
                cuts |= {start, end}
            for word in keywords:
                start = subject.find(word)
                assert start >= 0, (subject, word)
                quoted = subject[start - 1 : start] == "“"
                assert quoted or {start, start + len(word)} <= cuts, (subject, word)
    assert content.subject_keywords("高校毕业生就业创业扶持") == "高校 毕业生 就业 创业"
    assert content.subject_keywords("“5+2就业之家”建设") == "5+2就业之家"


def test_services_are_linked_by_meaning() -> None:
    for domain in content.DOMAINS.values():
        names = {name for name, _kind in domain["services"]}
        for subject in domain["subjects"]:
            assert set(content.SUBJECT_SERVICES.get(subject, ())) <= names, subject
    known = {s for d in content.DOMAINS.values() for s in d["subjects"]}
    assert set(content.SUBJECT_SERVICES) <= known
    jobs = content.SUBJECT_SERVICES["“5+2就业之家”建设"]
    assert jobs and not any("养老" in name for name in jobs)
    assert content.SUBJECT_SERVICES["城乡居民基本养老保险实施办法"] == ("城乡居民养老保险参保登记",)
