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


def test_postgresql_vector_keeps_every_position_inside_its_limits():
    import random
    import re

    from gongkai.search import store

    rng = random.Random(3)
    # (length, alphabet, segment length): the last two repeat each gram too often for 16,000.
    cases = (
        (100, "就业补贴", 16000),
        (20000, "就业补贴医保社会保障", 16000),
        (40000, "政务公", 16000),
    )
    cases += ((30000, "政务", 1000), (20000, "政", 256))
    for length, alphabet, seg in cases:
        normalised = "".join(rng.choice(alphabet) for _ in range(length))
        literal, segments = store.pg_vector(normalised)
        used = store.pg_segment_length(normalised)
        assert used <= seg
        step = used - store.PG_OVERLAP
        # The last gram starts at length - 4: the segment that starts at or before it.
        assert segments == (1 if length <= used else (length - 4) // step + 1)
        lexemes = re.findall(r"'([^']+)':([\d,]+)", literal)
        grams: dict[str, int] = {}
        for lexeme, positions in lexemes:
            numbers = [int(p) for p in positions.split(",")]
            assert len(numbers) <= store.PG_MAX_POSITIONS
            assert max(numbers) <= store.PG_MAX_POSITION
            gram, _mark, segment = lexeme.partition(store.SEGMENT_MARK)
            if len(gram) == 4 and gram[0] >= "\u3400":  # placed where it stands in its segment
                for p in numbers:
                    offset = p - 1 + int(segment or 0) * step
                    assert normalised[offset : offset + 4] == gram
                grams[gram] = grams.get(gram, 0) + len(numbers)
        # Every occurrence is kept (an occurrence in the overlap of two segments, twice).
        for gram, n in grams.items():
            assert n >= len(re.findall(f"(?={gram})", normalised))


def test_postgresql_vector_marks_the_title():
    from gongkai.search import store

    literal, segments = store.pg_vector("关于就业补贴的通知\n正文", title="关于就业补贴的通知")
    lexemes = set(literal.split())
    assert segments == 1
    assert {"'ㄊ关于就业':1", "'ㄊ业补贴的':4", "'ㄊ就业':1"} <= lexemes
    assert {"'关于就业':1", "'补贴的通':5", "'的通知':1", "'正文':1"} <= lexemes
    assert "'知正文':1" not in lexemes and "'通知正':1" not in lexemes  # not across the line
    assert store.pg_term("就业补贴的通知", 2) == (
        "('就业补贴' <3> '贴的通知') | ('就业补贴ㄙ1' <3> '贴的通知ㄙ1')"
    )
    assert store.pg_term("就业补贴", 1, store.TITLE_MARK) == "'ㄊ就业补贴'"
