"""The analysis of mass comments: groups, honest counts, themes, CSV errors (no database)."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.participation.analysis import (
    AnalysisInputError,
    CommentIn,
    analyse,
    normalise,
    read_comments_csv,
)

T2S = opencc.OpenCC("t2s")
BENCH = Path(__file__).resolve().parents[3] / "bench" / "consultation_analysis.py"


def _bench_module():
    # The generator lives in bench/ (it is the benchmark's); load it by path, bench is no package
    # on the install path.
    spec = importlib.util.spec_from_file_location("consultation_analysis_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def c(cid: str, text: str, submitter: str | None = None, clause: str = "") -> CommentIn:
    return CommentIn(
        id=cid,
        submitter=submitter if submitter is not None else f"u-{cid}",
        clause=clause,
        text=text,
    )


PARKING = [
    "小区停车位太少，晚上下班回来经常找不到停车位，只能把车停在路边。",
    "建议在老城区增设立体停车库，缓解停车难，增加停车位。",
    "路边停车收费标准不透明，停车一小时收五块钱不合理，停车收费应当公示依据。",
    "地下停车库长期空置，地面却停满了车，停车位租金太贵。",
    "充电桩停车位被燃油车占用，电动汽车停车后根本充不上电。",
    "僵尸车占着停车位好几年没人管，建议清理后把停车位还给居民停车。",
    "机关单位的停车场晚上空着，建议错时共享停车，停车位开放给周边居民。",
    "医院门口临时停车十分钟就被贴罚单，停车难问题一直没解决。",
]
EDUCATION = [
    "学校学位紧张，孩子上学要跨区，每天接送孩子花一个多小时。",
    "学校课后服务时间太短，家长下班前没法接孩子，建议延长到六点。",
    "孩子作业负担仍然很重，晚上十点还在写作业，学校应当控制作业总量。",
    "幼儿园收费太高，孩子上普惠性幼儿园的学位太少，建议多建公办学校。",
    "随迁子女入学材料要求太多，孩子上学要开各种证明，希望简化学校入学手续。",
    "校外培训机构退费难，孩子的学费退不回来，应当纳入资金监管。",
    "学校操场节假日不对外开放，孩子们放学后没有地方运动。",
    "学校老师非教学任务太多，影响孩子的教学质量。",
]

CAMPAIGN = (
    "我坚决反对草案第三条关于停车收费上调的规定。老城区的居民大多是退休老人，收入不高，"
    "停车费翻倍会给我们带来沉重负担。请暂缓实施第三条，先公开成本数据并召开听证会。签名：{name}"
)
CAMPAIGN_EDITS = [
    CAMPAIGN.format(name="王伟"),
    CAMPAIGN.format(name="李娜"),
    CAMPAIGN.format(name="张强").replace("坚决", "强烈"),
    CAMPAIGN.format(name="刘洋").replace("，", ","),
    "我家就住在这里二十多年了。" + CAMPAIGN.format(name="陈静"),
    CAMPAIGN.format(name="杨磊").replace("居民", "市民").replace("沉重", "很大"),
    CAMPAIGN.format(name="赵敏").replace("收入不高，", ""),
    CAMPAIGN.format(name="黄丽") + "希望领导能够重视。",
]
# Two sentences swapped, one dropped, a synonym: still the same campaign.
_SENTENCES = CAMPAIGN.format(name="孙涛").split("。")
SWAPPED = "。".join([_SENTENCES[1], _SENTENCES[0], _SENTENCES[3]]).replace("退休老人", "退休职工")


def groups_of(result: dict) -> list[tuple[str, list[str]]]:
    return [(g["kind"], g["members"]) for g in result["groups"]]


def test_normalisation_folds_width_case_spaces_and_punctuation():
    assert normalise("　建议 增加，停车位！ＡＢＣ１２３") == "建议增加停车位abc123"


def test_normalisation_folds_traditional_characters():
    assert normalise("建議增加停車位，醫保報銷。") == normalise("建议增加停车位，医保报销。")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_normalisation_fast_path_equals_nfkc_then_lower_then_strip(text):
    stripped = "".join(
        ch
        for ch in T2S.convert(unicodedata.normalize("NFKC", text)).lower()
        if unicodedata.category(ch)[0] not in "ZPSC"
    )
    assert normalise(text) == stripped


@pytest.mark.parametrize(
    "text", ["e\u0301，\u0301", "\u1100\u1161\u11a8", "㈠①Ⅻ㎡№™", "ＩＳＯ　９００１"]
)
def test_normalisation_of_combining_and_compatibility_characters(text):
    expected = "".join(
        ch
        for ch in T2S.convert(unicodedata.normalize("NFKC", text)).lower()
        if unicodedata.category(ch)[0] not in "ZPSC"
    )
    assert normalise(text) == expected


def test_identical_texts_form_one_group_with_honest_counts():
    text = "建议把小区门口的临时停车时间延长到三十分钟，方便接送老人和孩子。"
    comments = [
        c("a", text, "s1"),
        c("b", text.replace("，", ", ") + "  ", "s2"),  # punctuation and spaces do not count
        c("x", PARKING[1], "s3"),
        c("d", "建议把小区门口的临时停车时间延长到三十分钟．方便接送老人和孩子", "s4"),
    ]
    result = analyse(comments)
    assert groups_of(result) == [("identical", ["a", "b", "d"])]
    assert result["comments"] == 4
    assert result["submitters"] == 4


def test_same_text_sent_three_times_by_one_sender_counts_one_submitter():
    text = "公交末班车太早了，下夜班根本回不了家，建议延长到晚上十一点。"
    comments = [
        c("1", text, "same"),
        c("2", text, "same"),
        c("3", text, "same"),
        c("4", EDUCATION[0], "other"),
    ]
    result = analyse(comments)
    assert result["comments"] == 4
    assert result["submitters"] == 2
    assert groups_of(result) == [("identical", ["1", "2", "3"])]


def test_empty_submitter_counts_each_comment_as_its_own_sender():
    comments = [
        c("1", PARKING[0], ""),
        c("2", PARKING[1], ""),
        c("3", PARKING[2], "k"),
        c("4", PARKING[3], "k"),
    ]
    assert analyse(comments)["submitters"] == 3


def test_near_duplicate_with_one_changed_character():
    original = "物业公司不公开公共收益的账目，建议每季度在小区公告栏公示收支明细。"
    changed = original.replace("季", "月")
    comments = [c("p", original), c("u1", EDUCATION[2]), c("q", changed), c("u2", PARKING[4])]
    assert groups_of(analyse(comments)) == [("near_duplicate", ["p", "q"])]


def test_campaign_of_eight_senders_with_light_edits_is_one_template_group():
    comments = [c(f"t{i}", text, f"sender{i}", "第三条") for i, text in enumerate(CAMPAIGN_EDITS)]
    comments += [c(f"e{i}", text) for i, text in enumerate(EDUCATION[:4])]
    result = analyse(comments)
    assert groups_of(result) == [("template", [f"t{i}" for i in range(8)])]
    assert result["submitters"] == 12


def test_campaign_member_with_swapped_sentences_joins_the_template():
    comments = [c(f"t{i}", text, f"sender{i}") for i, text in enumerate(CAMPAIGN_EDITS)]
    comments.append(c("swapped", SWAPPED, "sender-x"))
    assert groups_of(analyse(comments)) == [("template", [f"t{i}" for i in range(8)] + ["swapped"])]


def test_one_sender_sending_many_variants_is_no_campaign():
    base = "建议在城东片区新建一所公办小学，解决附近两千多名孩子上学远的问题，越快越好。"
    variants = [base.replace("两千", n) for n in ("三千", "四千", "五千", "六千", "七千", "八千")]
    result = analyse([c(f"v{i}", t, "one-person") for i, t in enumerate(variants)])
    assert groups_of(result) == [("near_duplicate", [f"v{i}" for i in range(6)])]
    assert result["submitters"] == 1


def test_few_senders_editing_much_make_no_template():
    # The same lightly edited texts from only two senders are not a campaign; the strictly
    # near-identical ones (a changed name only) still group as near-duplicates.
    comments = [c(f"t{i}", text, f"s{i % 2}") for i, text in enumerate(CAMPAIGN_EDITS[:4])]
    kinds = {kind for kind, _ in groups_of(analyse(comments))}
    assert "template" not in kinds


def test_unrelated_comments_are_not_grouped():
    result = analyse([c(f"c{i}", text) for i, text in enumerate(PARKING + EDUCATION)])
    assert result["groups"] == []
    assert result["submitters"] == 16


def test_short_texts_group_only_when_identical():
    comments = [c("1", "同意。"), c("2", "不同意。"), c("3", "同意！"), c("4", "非常同意")]
    assert groups_of(analyse(comments)) == [("identical", ["1", "3"])]


def test_texts_of_only_punctuation_or_emoji_group_only_with_the_same_symbols():
    comments = [
        c("1", "👍"),
        c("2", "👎"),
        c("3", "👍 "),
        c("4", "？？？？？？？？"),
        c("5", "！！！！！！！！"),
    ]
    assert groups_of(analyse(comments)) == [("identical", ["1", "3"])]


def test_themes_separate_parking_from_education_with_sensible_keywords():
    comments = [c(f"p{i}", t) for i, t in enumerate(PARKING)] + [
        c(f"e{i}", t) for i, t in enumerate(EDUCATION)
    ]
    themes = analyse(comments)["themes"]
    assert len(themes) == 2
    by_member = {m: t for t in themes for m in t["members"]}
    parking = by_member["p0"]
    education = by_member["e0"]
    assert parking is not education
    assert set(parking["members"]) == {f"p{i}" for i in range(8)}
    assert set(education["members"]) == {f"e{i}" for i in range(8)}
    assert {"停车", "车位", "停车位"} & set(parking["keywords"][:3])
    assert {"孩子", "学位", "学校", "作业", "幼儿园"} & set(education["keywords"][:3])
    for theme in themes:
        assert theme["label"] == "、".join(theme["keywords"][:3])
        assert not set(theme["keywords"]) & {"建议", "希望", "应当", "第三条"}


def test_a_campaign_counts_once_in_themes_but_all_its_members_are_listed():
    comments = [c(f"t{i}", text, f"sender{i}", "第三条") for i, text in enumerate(CAMPAIGN_EDITS)]
    comments += [c(f"p{i}", t) for i, t in enumerate(PARKING)]
    comments += [c(f"e{i}", t) for i, t in enumerate(EDUCATION)]
    result = analyse(comments)
    listed = [m for t in result["themes"] for m in t["members"]]
    assert sorted(listed) == sorted(x.id for x in comments)  # each comment in exactly one theme
    parking, education = result["themes"]
    assert parking["members"] == [f"t{i}" for i in range(8)] + [f"p{i}" for i in range(8)]
    assert education["members"] == [f"e{i}" for i in range(8)]
    # Eight copies of the campaign weigh as one comment: the theme is still about parking.
    assert parking["keywords"][:2] == ["停车位", "停车"]


def test_groups_are_sorted_by_size_and_members_by_input_order():
    big = "建议在河西街道新建一所公办小学，解决附近孩子上学远的问题。"
    small = "夜间施工噪声扰民，投诉后照样施工，建议公示夜间施工许可。"
    comments = [
        c("s1", small),
        c("b1", big),
        c("x", PARKING[5]),
        c("b2", big),
        c("s2", small),
        c("b3", big),
    ]
    assert groups_of(analyse(comments)) == [
        ("identical", ["b1", "b2", "b3"]),
        ("identical", ["s1", "s2"]),
    ]


def test_same_input_same_output():
    bench = _bench_module()
    comments = bench.generate(600, 7).comments
    assert analyse(comments) == analyse(list(comments))


def test_empty_input():
    assert analyse([]) == {"comments": 0, "submitters": 0, "groups": [], "themes": []}


def test_progress_reports_stages():
    stages: list[str] = []
    analyse(
        [c(f"p{i}", t) for i, t in enumerate(PARKING)],
        progress=lambda s, done, total: stages.append(s),
    )
    assert stages[0] == "normalise"
    assert stages[-1] == "themes"


def test_planted_groups_of_the_benchmark_generator_are_recovered():
    bench = _bench_module()
    generated = bench.generate(2000, 2026)
    result = analyse(generated.comments)
    precision, recall = bench.pair_scores(generated.comments, generated.truth, result["groups"])
    assert precision >= 0.95
    assert recall >= 0.95
    kinds = {g["kind"] for g in result["groups"]}
    assert kinds == {"identical", "near_duplicate", "template"}


# --- CSV --------------------------------------------------------------------------------------


def test_csv_reads_rows_with_bom_quotes_and_blank_lines():
    text = (
        '\ufeffid,submitter,clause,text\r\n1,张三,第三条,"建议增加车位，\n谢谢"\r\n\r\n2,,,同意\r\n'
    )
    assert read_comments_csv(text) == [
        CommentIn(id="1", submitter="张三", clause="第三条", text="建议增加车位，\n谢谢"),
        CommentIn(id="2", submitter="", clause="", text="同意"),
    ]


def test_csv_column_order_is_free_and_extra_columns_are_ignored():
    text = "text,id,extra,clause,submitter\n你好,7,x,第一条,k\n"
    assert read_comments_csv(text) == [
        CommentIn(id="7", submitter="k", clause="第一条", text="你好")
    ]


def test_csv_errors_name_the_rows():
    text = "id,submitter,clause,text\n1,a,,好\n2,b,,\n,c,,内容\n1,d,,重复\n5,e\n"
    with pytest.raises(AnalysisInputError) as error:
        read_comments_csv(text)
    message = str(error.value)
    assert "第3行：缺少 text 列的内容" in message
    assert "第4行：缺少 id 列的内容" in message
    assert "第5行：id “1” 与第2行重复" in message
    assert "第6行：列数不足" in message
    assert "第2行" not in message.replace("与第2行", "")


def test_csv_without_header_columns_or_empty():
    with pytest.raises(AnalysisInputError, match="第1行：表头缺少列 clause、text"):
        read_comments_csv("id,submitter\n1,a\n")
    with pytest.raises(AnalysisInputError, match="第1行：文件为空"):
        read_comments_csv("")
