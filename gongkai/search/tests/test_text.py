"""Normalisation and tokens: the same for documents and queries."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.search import text


def test_normalise_traditional_fullwidth_and_case():
    assert text.normalise("醫保") == "医保"
    assert text.normalise("社會保障") == "社会保障"
    assert text.normalise("ＩＰｖ６改造") == "ipv6改造"
    assert text.normalise("洪府办发〔2024〕31号，") == "洪府办发〔2024〕31号，"  # punctuation kept


def test_bigrams_of_chinese_runs_and_words_of_latin_runs():
    assert text.gram_tokens("就业补贴") == ["就业", "业补", "补贴"]
    assert text.gram_tokens("医，保 2024年ipv6") == [
        "医",
        "",
        "保",
        "",
        "2024",
        "",
        "年",
        "",
        "ipv6",
    ]
    assert text.gram_tokens("了解。解决") == ["了解", "", "解决"]  # a gap: no phrase across
    assert text.query_terms("  就业 补贴 就业 ") == ["就业", "补贴"]


def test_words_are_segmented_for_search():
    words = text.word_tokens(text.normalise("政府信息公开申请办理"))
    assert {"政府", "信息", "公开", "申请"} <= set(words)


@given(st.text(alphabet="就业补贴医保社会保障政府信息公开申请，。 ", min_size=0, max_size=40))
def test_normalising_keeps_length(sample):
    assert len(text.normalise(sample)) == len(sample)
