"""Benchmark of the analysis of mass comments (gongkai/participation/analysis.py), run by hand.

    .venv/bin/python bench/consultation_analysis.py [--n 100000] [--seed 2026] [--format json]

What it does, in one run:

1. Generates one consultation's comments with a planted truth: campaigns (a few template texts,
   each sent by hundreds to thousands of senders with light edits: a changed name, an inserted or
   deleted phrase or sentence, synonyms, punctuation and whitespace changes, some unedited copies),
   exact copy groups (2–20 copies of one text, a few from one sender), near-duplicate pairs (1–3
   characters changed), and diverse individual comments about different clauses and topics
   (停车, 物业, 公交, 营商, 教育, 医疗, 养老, 环保, 垃圾分类, 噪声), built from varied sentences.
2. Writes them to a temporary CSV file and runs ``read_comments_csv`` + ``analyse`` end to end.
3. Prints (and writes to ``bench/results/consultation-analysis.json``) wall time, peak memory (``resource.getrusage``), and the pairwise precision and recall of
   the groups against the planted groups (pairs placed in one group vs pairs planted in one group,
   counted from the sizes of the contingency table's cells, never by enumerating pairs), the
   counts, and the themes; with ``--format json`` one JSON line instead.

The generator (``generate``) is also used, at small scale, by the tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import host  # noqa: E402
from gongkai.participation.analysis import CommentIn, analyse, read_comments_csv  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"

# --- diverse comments ---------------------------------------------------------------------------

PLACES = (
    "我们小区",
    "老城区",
    "新区",
    "学校周边",
    "医院附近",
    "菜市场旁边",
    "地铁站口",
    "工业园区",
    "开发区",
    "城东片区",
    "河西街道",
    "火车站一带",
    "商业街",
    "老旧小区",
    "城乡接合部",
    "高新区",
    "滨江路",
    "南门片区",
    "人民路沿线",
    "体育中心周边",
)
TIMES = (
    "早高峰",
    "晚上",
    "节假日",
    "周末",
    "上下学时段",
    "夜间",
    "雨天",
    "夏天",
    "冬天",
    "每天早上",
    "中午",
    "傍晚",
    "春节前后",
    "开学季",
)
NUMS = ("两", "三", "五", "十", "二十", "半", "一", "四", "六", "八")
WHO = (
    "老人",
    "孩子",
    "上班族",
    "外卖骑手",
    "残疾人",
    "个体工商户",
    "小微企业",
    "新市民",
    "租户",
    "业主",
    "家长",
    "司机",
    "环卫工人",
    "低收入家庭",
)

TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "停车": (
        (
            "{place}停车位太少，{time}经常找不到车位",
            "{place}的车乱停在人行道上，{who}出行很不方便",
            "{place}路边停车收费标准不透明，一小时收{num}块钱不合理",
            "{place}地下车库长期空置，地面却停满了车",
            "充电桩车位被燃油车占用，{time}根本充不上电",
            "{place}僵尸车占着车位{num}年没人管",
            "临时停车{num}分钟就被贴罚单，{who}意见很大",
        ),
        (
            "建议在{place}增设立体停车库",
            "建议推行错时共享停车，把机关单位的车位{time}开放给居民",
            "停车收费应当按时段阶梯计价并公示",
            "希望清理僵尸车，把车位还给居民",
            "可以利用闲置空地建设临时停车场",
            "建议增加充电桩车位并规定超时占用的处理办法",
            "应允许{who}短时免费停车{num}分钟",
        ),
    ),
    "物业": (
        (
            "{place}物业费年年涨，服务却越来越差",
            "物业公司不公开公共收益的账目",
            "{place}电梯经常坏，物业{num}天都修不好",
            "业主委员会成立难，街道不给备案",
            "维修资金申请手续太复杂，{who}等了{num}个月",
            "物业对{place}的垃圾清运不及时，{time}臭味很大",
            "更换物业公司的投票程序没有明确规定",
        ),
        (
            "建议物业每季度公示收支明细",
            "应当明确业主大会线上投票的效力",
            "希望简化维修资金的使用审批",
            "建议对物业服务质量进行第三方评估",
            "物业费调整应当经过业主大会表决",
            "电梯维修应规定{num}天内完成并公示进度",
            "建议街道指导{place}尽快成立业委会",
        ),
    ),
    "公交": (
        (
            "{place}到市区的公交{time}要等{num}十分钟",
            "末班车太早，{who}下夜班回不了家",
            "{place}没有直达医院的公交线路",
            "公交站台没有遮雨棚，{time}等车很辛苦",
            "公交车上{who}的爱心座位经常被占",
            "{place}的公交线路调整没有提前征求意见",
            "地铁和公交换乘距离太远，{who}走不动",
        ),
        (
            "建议开通{place}到市中心的快线",
            "末班车应延长到晚上十一点",
            "希望增加社区微循环公交",
            "建议站台加装电子站牌和座椅",
            "线路调整前应当公示{num}十天听取意见",
            "建议对{who}实行免费乘车",
            "应优化地铁与公交的换乘接驳",
        ),
    ),
    "营商": (
        (
            "{who}办营业执照要跑{num}个部门",
            "企业开办时间虽然缩短，但后续许可还是很慢",
            "政府采购中对{who}设置了不合理的门槛",
            "{place}的执法检查太频繁，影响正常经营",
            "惠企政策太多太散，企业不知道怎么申请",
            "工程款拖欠问题{num}年都没有解决",
            "涉企收费项目不清楚，存在重复收费",
        ),
        (
            "建议推行一业一证改革",
            "应当公开涉企收费目录清单",
            "希望建立惠企政策免申即享机制",
            "建议对轻微违法实行首违不罚",
            "政府部门拖欠企业账款应限期清偿",
            "建议合并对企业的检查，实行综合查一次",
            "应当在制定涉企政策时听取{who}的意见",
        ),
    ),
    "教育": (
        (
            "{place}学位紧张，孩子上学要跨区",
            "课后服务时间太短，{who}接孩子很难",
            "学校作业负担仍然很重，孩子{time}还在写作业",
            "{place}幼儿园收费太高，普惠园名额太少",
            "随迁子女入学材料要求太多",
            "校外培训机构退费难，{who}的钱要不回来",
            "学校体育设施{time}不对外开放",
        ),
        (
            "建议在{place}新建一所公办小学",
            "课后服务应延长到下午六点",
            "希望增加普惠性幼儿园的学位",
            "建议简化随迁子女入学材料，取消不必要的证明",
            "应当建立培训机构预收费监管制度",
            "学校体育场地应在节假日向社区开放",
            "建议严格控制家庭作业总量",
        ),
    ),
    "医疗": (
        (
            "{place}社区卫生服务中心药品种类太少",
            "大医院挂号难，{who}要排{num}个小时",
            "医保异地结算手续复杂",
            "{place}晚上看急诊要跑很远",
            "家庭医生签约后基本没有服务",
            "检查结果在不同医院之间不互认，重复花钱",
        ),
        (
            "建议社区医院配齐常用慢性病药品",
            "希望推广分时段预约挂号",
            "应当简化医保异地备案",
            "建议在{place}设立夜间急诊点",
            "家庭医生签约服务应当有考核",
            "建议推进检查检验结果互认",
        ),
    ),
    "养老": (
        (
            "{place}养老机构床位紧张，排队要{num}年",
            "居家养老服务项目太少，{who}用不上",
            "老旧小区没有电梯，{who}上下楼困难",
            "社区食堂价格偏高，菜品单一",
            "养老护理员待遇低、流动大",
        ),
        (
            "建议加快老旧小区加装电梯",
            "希望在{place}建设嵌入式养老服务站",
            "应当对社区老年食堂给予运营补贴",
            "建议提高养老护理员的工资待遇",
            "居家养老服务应当纳入长期护理保险",
        ),
    ),
    "环保": (
        (
            "{place}的工厂{time}偷排废气，气味刺鼻",
            "河道{time}发黑发臭，治理效果不明显",
            "建筑工地扬尘严重，{who}不敢开窗",
            "{place}餐饮油烟直排，投诉没有回音",
            "环境信息公开不及时",
        ),
        (
            "建议在{place}安装在线监测设备并公开数据",
            "希望河长公示治理进度",
            "工地应当全覆盖围挡并洒水降尘",
            "建议对餐饮油烟净化设施定期检查",
            "应当建立环境投诉办理结果反馈制度",
        ),
    ),
    "垃圾分类": (
        (
            "{place}垃圾分类投放点太远，{who}不方便",
            "分类投放了，清运时却混装在一起",
            "定时定点投放时间太短，上班族赶不上",
            "厨余垃圾桶{time}满了没人清",
        ),
        (
            "建议延长定时投放时间到晚上九点",
            "应当公开垃圾分类清运的去向",
            "希望在{place}增设误时投放点",
            "建议对混装混运的清运单位处罚",
        ),
    ),
    "噪声": (
        (
            "{place}广场舞音响太大，{time}吵得睡不着",
            "夜间施工噪声扰民，投诉后照样施工",
            "{place}的改装车{time}炸街",
            "商铺门口喇叭促销声音很大",
        ),
        (
            "建议规定广场舞的时间和音量上限",
            "夜间施工许可应当公示并告知周边居民",
            "希望在{place}安装噪声抓拍设备",
            "建议明确商铺外放噪声的处罚标准",
        ),
    ),
}
OPENINGS = (
    "",
    "",
    "",
    "",
    "我是{place}的居民。",
    "作为一名{who}，",
    "本人长期住在{place}，",
    "说一点看法：",
    "您好！",
    "关于{clause}，",
    "对{clause}有意见：",
)
CLOSINGS = ("", "", "", "", "谢谢！", "请认真考虑。", "望采纳。", "希望早日落实。", "盼回复。")
CLAUSES = ("", "第一条", "第二条", "第三条", "第五条", "第八条", "第十条", "第十二条", "第十五条")


# Personal details make individual comments individual: a story, an address, an adverb.
WHEN = (
    "上个月",
    "去年冬天",
    "前天",
    "上周三",
    "今年三月",
    "国庆期间",
    "昨天晚上",
    "前几天",
    "去年夏天",
    "春节那几天",
    "上星期",
    "今天早上",
    "三年前",
    "开学第一天",
    "端午节",
    "最近半年",
)
PEOPLE = (
    "我",
    "我和爱人",
    "我家老人",
    "我女儿",
    "邻居老张",
    "我们楼里几户人家",
    "我儿子",
    "同事小李",
    "我母亲",
    "我们单位的人",
    "隔壁王阿姨",
    "我岳父",
    "我爱人",
    "楼下开店的老板",
)
DID = (
    "去办事",
    "打了热线电话",
    "在社区反映过",
    "专门去现场看过",
    "排了很长的队",
    "找过街道",
    "在网上留言",
    "跑了好几趟",
    "写过信",
    "拍了照片",
    "等了一个多小时",
    "跟工作人员吵了一架",
    "问过律师",
    "去派出所问过",
    "给报社打过电话",
    "在业主群里讨论过",
)
RESULT = (
    "到现在也没有答复",
    "对方说不归他们管",
    "结果还是老样子",
    "工作人员态度还可以",
    "说要研究研究",
    "最后不了了之",
    "问题解决了一半",
    "被推来推去",
    "花了不少冤枉钱",
    "耽误了半天工作",
    "孩子差点出事",
    "心里很不是滋味",
    "白跑一趟",
    "说明年再说",
)
ROAD_HEAD = "解放建设人民中山和平新华文化胜利光明幸福长江黄河青年朝阳东风向阳红旗团结友谊五一"
ADVERBS = ("", "", "", "确实", "一直", "长期以来", "这几年", "现在", "真的", "实在", "总是", "又")
ASKS = ("", "", "建议", "我建议", "能不能", "恳请有关部门", "希望政府", "强烈建议", "")


def _story(rng: random.Random) -> str:
    road = rng.choice(ROAD_HEAD[::2]) + rng.choice(ROAD_HEAD[1::2]) + rng.choice("路街巷道")
    return (
        f"{rng.choice(WHEN)}{rng.choice(PEOPLE)}在{road}{rng.randint(1, 300)}号附近"
        f"{rng.choice(DID)}，{rng.choice(RESULT)}"
    )


def _fill(rng: random.Random, pattern: str, clause: str) -> str:
    return pattern.format(
        place=rng.choice(PLACES),
        time=rng.choice(TIMES),
        num=rng.choice(NUMS),
        who=rng.choice(WHO),
        clause=clause or "这个草案",
    )


def diverse_comment(rng: random.Random, topic: str, clause: str) -> str:
    """A varied comment on one topic: an opening, 1–2 problems, 1–2 suggestions, a closing."""
    problems, suggestions = TOPICS[topic]
    parts = [_fill(rng, rng.choice(OPENINGS), clause)]
    stories = [_story(rng) for _ in range(rng.randint(1, 2))]
    for p in rng.sample(problems, rng.randint(1, 2)):
        parts.append(rng.choice(ADVERBS) + _fill(rng, p, clause) + rng.choice("，。；"))
        if stories and rng.random() < 0.6:
            parts.append(stories.pop() + rng.choice("。！"))
    parts.extend(s + "。" for s in stories)
    for s in rng.sample(suggestions, rng.randint(1, 2)):
        parts.append(rng.choice(ASKS) + _fill(rng, s, clause) + rng.choice("。！；"))
    parts.append(rng.choice(CLOSINGS))
    return "".join(parts)


# --- campaigns ----------------------------------------------------------------------------------

CAMPAIGNS = (
    (
        "第三条",
        [
            "我坚决反对草案第三条关于停车收费上调的规定。",
            "老城区的居民大多是退休老人，收入不高，停车费翻倍会给我们带来沉重负担。",
            "草案没有说明收费标准是怎么测算的，也没有召开听证会。",
            "请暂缓实施第三条，先公开成本数据并听取居民意见。",
            "签名：{name}",
        ],
    ),
    (
        "第八条",
        [
            "强烈要求删除第八条中限制电动自行车进入小区的内容。",
            "电动自行车是普通家庭最主要的通勤工具，一刀切禁止进入小区不合理。",
            "应当先建设足够的集中充电设施，再考虑管理措施。",
            "希望政府倾听我们普通市民的声音。",
            "{name}敬上",
        ],
    ),
    (
        "",
        [
            "我们是河西街道的商户，对这个草案有几点共同意见。",
            "一是外摆经营的审批应当简化，改为备案管理；",
            "二是占道经营的罚款标准过高，小本生意承受不起；",
            "三是执法应当先教育后处罚，给商户整改的时间。",
            "恳请采纳。商户{name}",
        ],
    ),
    (
        "第十二条",
        [
            "支持第十二条增加学校周边接送车位的规定，但是数量远远不够。",
            "每天上下学时段学校门口都严重拥堵，孩子们的安全没有保障。",
            "建议把车位数量提高一倍，并且安排交警和志愿者疏导交通。",
            "家长{name}",
        ],
    ),
    (
        "第五条",
        [
            "关于第五条物业服务收费的意见：物业费调价必须经过全体业主表决同意。",
            "现在很多物业公司单方面涨价，业主没有任何话语权。",
            "建议明确规定物业公司每年公开收支账目，接受业主监督。",
            "业主{name}",
        ],
    ),
    (
        "第十条",
        [
            "我们反对第十条把公交线路调整的决定权完全交给运营企业。",
            "线路调整直接影响几万人的出行，应当事先公示并征求沿线居民的意见。",
            "请在条文中写明公示期限不少于三十日。",
            "沿线居民{name}",
        ],
    ),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌林波辉鹏宇浩婷雪梅琳晨欣怡子涵佳"
SYNONYMS = (
    ("坚决", "强烈"),
    ("不合理", "不妥当"),
    ("建议", "希望"),
    ("应当", "应该"),
    ("居民", "市民"),
    ("老人", "老年人"),
    ("严重", "非常"),
    ("意见", "看法"),
    ("普通", "一般"),
    ("直接", "切实"),
    ("规定", "条款"),
    ("请", "恳请"),
    ("公开", "公示"),
    ("孩子们", "学生们"),
    ("沉重", "很大"),
)
PERSONAL = (
    "我家就住在这里二十多年了。",
    "我每天都要接送孙子上学。",
    "我们全家都很关心这件事。",
    "身边很多邻居也是这么想的。",
    "这件事关系到千家万户。",
    "我身体不好，出行全靠这个。",
    "希望领导能够重视。",
    "我已经向社区反映过很多次了。",
    "请不要走过场。",
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def campaign_comment(rng: random.Random, sentences: Sequence[str]) -> str:
    """The campaign text lightly edited: name, synonyms, an added/dropped sentence, punctuation."""
    parts = [s.format(name=_name(rng)) for s in sentences]
    if rng.random() < 0.25:  # about a quarter send the template as it is (name aside)
        return "".join(parts)
    if rng.random() < 0.3 and len(parts) > 3:
        del parts[rng.randrange(1, len(parts) - 1)]
    if rng.random() < 0.5:
        parts.insert(rng.randrange(0, len(parts)), rng.choice(PERSONAL))
    text = "".join(parts)
    for a, b in rng.sample(SYNONYMS, rng.randint(0, 3)):
        text = text.replace(a, b, 1)
    if rng.random() < 0.4:
        text = text.replace("，", rng.choice((",", " ", "，", "、")))
    if rng.random() < 0.3:
        text = text.replace("。", rng.choice(("。\n", "! ", ".", "。。")))
    if rng.random() < 0.2:
        text = " ".join(text)  # spaced out (whitespace is ignored)
    return text


def near_duplicate_of(rng: random.Random, text: str) -> str:
    """``text`` with 1–3 characters replaced, inserted or deleted (not at punctuation)."""
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.5:
            chars[i] = rng.choice(GIVEN)
        elif op < 0.8:
            chars.insert(i, rng.choice(GIVEN))
        elif len(chars) > 10:
            del chars[i]
    return "".join(chars)


# --- the consultation ---------------------------------------------------------------------------


@dataclass
class Generated:
    comments: list[CommentIn]
    truth: list[int]  # planted group per comment; -1: an individual comment
    kinds: dict[int, str]  # planted group → "campaign" | "copies" | "pair"


def generate(n: int, seed: int) -> Generated:
    """``n`` comments: ~40 % campaigns, ~8 % exact copies, ~4 % near-duplicate pairs, the rest
    diverse; shuffled, with sender keys ("" for a tenth of the individual comments)."""
    rng = random.Random(seed)
    rows: list[tuple[str, str, str, int]] = []  # submitter, clause, text, planted group
    kinds: dict[int, str] = {}
    group = 0
    sender = 0

    def new_sender() -> str:
        nonlocal sender
        sender += 1
        return f"p{sender}"

    campaign_total = int(n * 0.40)
    weights = [0.30, 0.22, 0.18, 0.14, 0.10, 0.06]
    for (clause, sentences), w in zip(CAMPAIGNS, weights, strict=True):
        size = max(8, int(campaign_total * w))
        kinds[group] = "campaign"
        for _ in range(size):
            rows.append((new_sender(), clause, campaign_comment(rng, sentences), group))
        group += 1
    topics = list(TOPICS)
    copies_total = int(n * 0.08)
    made = 0
    while made < copies_total:
        size = rng.choice((2, 2, 2, 3, 3, 4, 5, 8, 12, 20))
        clause = rng.choice(CLAUSES)
        text = diverse_comment(rng, rng.choice(topics), clause)
        one = new_sender() if rng.random() < 0.15 else None  # one person sending it again and again
        kinds[group] = "copies"
        for _ in range(size):
            rows.append((one or new_sender(), clause, text, group))
        group += 1
        made += size
    for _ in range(int(n * 0.02)):
        clause = rng.choice(CLAUSES)
        text = diverse_comment(rng, rng.choice(topics), clause)
        kinds[group] = "pair"
        rows.append((new_sender(), clause, text, group))
        rows.append((new_sender(), clause, near_duplicate_of(rng, text), group))
        group += 1
    while len(rows) < n:
        clause = rng.choice(CLAUSES)
        submitter = "" if rng.random() < 0.1 else new_sender()
        rows.append((submitter, clause, diverse_comment(rng, rng.choice(topics), clause), -1))
    rows = rows[:n]
    rng.shuffle(rows)
    comments = [
        CommentIn(id=f"c{i + 1}", submitter=s, clause=c, text=t)
        for i, (s, c, t, _) in enumerate(rows)
    ]
    return Generated(comments, [r[3] for r in rows], kinds)


def to_csv(comments: Sequence[CommentIn]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "submitter", "clause", "text"])
    for c in comments:
        w.writerow([c.id, c.submitter, c.clause, c.text])
    return buf.getvalue()


# --- scoring ------------------------------------------------------------------------------------


def _pairs(k: int) -> int:
    return k * (k - 1) // 2


def pair_scores(
    comments: Sequence[CommentIn], truth: Sequence[int], groups: Sequence[dict]
) -> tuple[float, float]:
    """Pairwise precision and recall of ``groups`` against the planted ``truth``."""
    position = {c.id: i for i, c in enumerate(comments)}
    predicted = [-1] * len(comments)
    for g, group in enumerate(groups):
        for cid in group["members"]:
            predicted[position[cid]] = g
    cells: Counter[tuple[int, int]] = Counter()
    for p, t in zip(predicted, truth, strict=True):
        if p >= 0 and t >= 0:
            cells[(p, t)] += 1
    both = sum(_pairs(k) for k in cells.values())
    pred_pairs = sum(_pairs(len(g["members"])) for g in groups)
    true_pairs = sum(_pairs(k) for k in Counter(t for t in truth if t >= 0).values())
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall


def _cpu() -> float:
    """CPU seconds of this process (user + system): less dependent on the other load than wall time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)

    load_at_start = [round(x, 2) for x in os.getloadavg()]
    t0 = time.perf_counter()
    gen = generate(args.n, args.seed)
    generated = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "comments.csv"
        path.write_text(to_csv(gen.comments), encoding="utf-8-sig")
        stages: list[tuple[str, float]] = []
        cpu_start = _cpu()
        start = time.perf_counter()
        comments = read_comments_csv(path.read_text(encoding="utf-8"))
        stages.append(("read_csv", time.perf_counter() - start))

        def progress(stage: str, done: int, total: int) -> None:
            stages.append((stage, time.perf_counter() - start))

        result = analyse(comments, progress=progress)
        wall = time.perf_counter() - start
        cpu = _cpu() - cpu_start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    precision, recall = pair_scores(gen.comments, gen.truth, result["groups"])
    # The campaigns hold almost all planted pairs; score the small groups on their own as well:
    # the comments outside planted campaigns, with the groups cut down to them.
    outside = [
        (c, t)
        for c, t in zip(gen.comments, gen.truth, strict=True)
        if gen.kinds.get(t) != "campaign"
    ]
    kept = {c.id for c, _ in outside}
    small_groups = [
        {"members": m}
        for g in result["groups"]
        if len(m := [cid for cid in g["members"] if cid in kept]) >= 2
    ]
    small_precision, small_recall = pair_scores(
        [c for c, _ in outside], [t for _, t in outside], small_groups
    )
    kinds = Counter(g["kind"] for g in result["groups"])
    expected_kind = {"campaign": "template", "copies": "identical", "pair": "near_duplicate"}
    kind_of = {cid: g["kind"] for g in result["groups"] for cid in g["members"]}
    planted = [(c.id, gen.kinds[t]) for c, t in zip(gen.comments, gen.truth, strict=True) if t >= 0]
    kind_agreement = {
        k: round(
            sum(kind_of.get(cid) == expected_kind[k] for cid, pk in planted if pk == k)
            / max(1, sum(pk == k for _, pk in planted)),
            4,
        )
        for k in expected_kind
    }
    summary = {
        "n": args.n,
        "seed": args.seed,
        "generate_s": round(generated, 2),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "stages_s": {name: round(t, 2) for name, t in stages},
        "peak_mib": round(peak_mib),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "precision_without_campaigns": round(small_precision, 4),
        "recall_without_campaigns": round(small_recall, 4),
        "comments": result["comments"],
        "submitters": result["submitters"],
        "groups": len(result["groups"]),
        "group_kinds": dict(kinds),
        "planted_groups": Counter(gen.kinds.values()),
        "kind_agreement": kind_agreement,
        "load_average_at_start": load_at_start,
        "themes": [(t["label"], len(t["members"])) for t in result["themes"]],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "consultation-analysis.json").write_text(
        json.dumps({**summary, "host": host()}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    if args.format == "json":
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(f"comments {result['comments']:,}, distinct senders {result['submitters']:,}")
    print(
        f"generate {generated:.1f} s; analysis end to end (CSV + analyse) {wall:.1f} s wall, "
        f"{cpu:.1f} s CPU"
    )
    print("  stages (cumulative s): " + ", ".join(f"{n} {t:.1f}" for n, t in stages))
    print(f"peak memory (ru_maxrss) {peak_mib:.0f} MiB")
    print(
        f"groups {len(result['groups']):,}: {dict(kinds)}; planted {dict(summary['planted_groups'])}"
    )
    print(f"pairwise precision {precision:.4f}, recall {recall:.4f}")
    print(
        f"  outside the planted campaigns: precision {small_precision:.4f}, recall {small_recall:.4f}"
    )
    print(f"share of planted comments given the expected kind: {kind_agreement}")
    print(f"load average at start {load_at_start} (the 2 cores are shared)")
    for label, size in summary["themes"]:
        print(f"  theme {label}: {size:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
