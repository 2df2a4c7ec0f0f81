"""Deterministic generator of realistic Chinese policy documents for the search benchmark.

Each document is made from its own random stream (seeded by the corpus seed and its number),
so document ``n`` is the same whatever the corpus size. Titles follow the demo's forms
(gongkai/demo/content.py); bodies of 500–3,000 characters are built from government prose with
headings, names, places, companies, amounts, dates, percentages, laws and other documents
cited with their 发文字号, so that the text has common words (政府, 工作) and rare strings
(a person's name, a company, a village). No ASCII upper case, no full-width digits and no
traditional characters are generated, so the stored text is its own normalised form.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass, field

from gongkai.demo import content
from gongkai.demo.units import UNITS, DemoUnit

TODAY = dt.date(2026, 11, 20)
_FIELDS: dict[str, tuple[str, ...]] = {}  # template -> its slot names
YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2022, 2023, 2023, 2024, 2024, 2025, 2025, 2026]
INTERPRETATION_SHARE = 0.10

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力永健世广志义兴良海山仁波宁"
    "贵福生龙元全胜学祥才发武新利清飞彬富顺子昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会"
    "思群豪心邦承乐绍功松善厚庆民友裕河哲江浩亮政谦奇固之翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽"
    "晨辰士以家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
)
PLACE_CHARS = (
    "东西南北青红金银石桥湖塘港湾岭岗坪田溪洲渡桃李梅荷柳松竹枫杨沙泉龙凤鹤云霞丰裕安宁和平兴隆"
    "昌盛新旧上下前后高长白黄绿"
)
DISTRICTS = [
    "东湖区",
    "西湖区",
    "青云谱区",
    "青山湖区",
    "新建区",
    "红谷滩区",
    "南昌县",
    "进贤县",
    "安义县",
    "南昌经济技术开发区",
    "南昌高新技术产业开发区",
    "湾里管理局",
]
PLACE_KINDS = ["街道", "镇", "乡", "村", "社区", "工业园", "片区"]
ROAD_KINDS = ["路", "大道", "街", "巷"]
INDUSTRIES = [
    "科技",
    "新材料",
    "电子",
    "医药",
    "食品",
    "物流",
    "建设工程",
    "环保科技",
    "信息技术",
    "汽车零部件",
    "生物科技",
    "光电",
    "纺织服装",
    "农业开发",
    "智能装备",
    "文化传媒",
]
PROJECTS = [
    "污水处理厂提标改造",
    "保障性租赁住房",
    "智慧停车",
    "中小学校扩容",
    "地下综合管廊",
    "农贸市场改造",
    "口袋公园",
    "道路提升改造",
    "老旧小区改造",
    "社区嵌入式服务设施",
    "高标准农田建设",
    "雨污分流改造",
    "养老服务中心",
    "乡镇卫生院提升",
    "公共充电桩",
    "城市更新",
]
LAWS = [
    "中华人民共和国政府信息公开条例",
    "中华人民共和国行政许可法",
    "中华人民共和国预算法",
    "优化营商环境条例",
    "社会救助暂行办法",
    "中华人民共和国教育法",
    "中华人民共和国就业促进法",
    "中华人民共和国社会保险法",
    "中华人民共和国土地管理法",
    "中华人民共和国环境保护法",
    "中华人民共和国安全生产法",
    "中华人民共和国食品安全法",
    "中华人民共和国行政处罚法",
    "重大行政决策程序暂行条例",
    "江西省行政规范性文件管理办法",
    "江西省政府信息公开规定",
    "医疗保障基金使用监督管理条例",
    "保障农民工工资支付条例",
]
HEADINGS = [
    "总体要求",
    "基本原则",
    "主要目标",
    "重点任务",
    "适用范围",
    "申请条件",
    "补贴标准",
    "办理程序",
    "职责分工",
    "资金管理",
    "保障措施",
    "监督管理",
    "工作安排",
    "有关要求",
    "附则",
]
POSTS = ["局长", "副局长", "主任", "副主任", "科长", "副科长", "一级主任科员", "工作专班负责人"]
MATERIALS = [
    "营业执照复印件",
    "申请表",
    "银行账户信息",
    "劳动合同",
    "社会保险缴费证明",
    "承诺书",
    "项目可行性研究报告",
    "不动产权证书",
    "户口簿",
    "居住证",
    "学历证书",
    "审计报告",
]
VERBS = ["新增", "完成", "办理", "发放", "核查", "培训", "受理", "审核", "帮扶", "走访"]
MEASURES = ["户", "人", "家", "件", "个", "项", "人次", "宗"]

# Sentences: {slots} are filled by _fill. Each domain adds the demo's sections and its subjects.
SENTENCES = [
    "各地各部门要把{subject}作为一项重要政治任务，主要负责同志亲自抓，分管负责同志具体抓，确保各项工作落到实处。",
    "截至{year}年{month}月底，全市累计{verb}{count}{measure}，同比增长{pct}%。",
    "{year}年，市财政共安排专项资金{amount}万元，用于支持{subject}，惠及{count}{measure}。",
    "由{unit}牵头，{unit2}配合，建立{subject}工作联席会议制度，每季度召开一次会议，研究解决重大问题。",
    "{person}同志任{unit}{post}，负责统筹协调有关工作，联系电话：{phone}。",
    "对{company}等{count}家企业给予一次性奖励，每家奖励{amount}万元。",
    "选择{place}作为试点，于{date}前完成{project}项目前期工作。",
    "根据《{law}》和《{ref_title}》（{ref_number}）有关规定，结合本市实际，制定本细则。",
    "申请人应当提交{material}、{material2}及其他相关证明材料，对材料的真实性负责。",
    "请各单位于{date}前将工作开展情况报送{unit}，电子版发送至{email}。",
    "{place}{project}项目总投资{big}亿元，计划于{year2}年建成投入使用。",
    "全年共受理政府信息公开申请{count}件，办结率{pct}%，未发生因公开不当引发的行政复议和行政诉讼案件。",
    "严格落实首问负责、一次性告知和限时办结制度，群众满意率达到{pct}%以上。",
    "{person}、{person2}等{count}名同志被评为{year}年度先进个人，予以通报表扬。",
    "加快推进{road}、{road2}沿线{project}工程，{date}前实现完工。",
    "经核查，{company}在{place}的{project}项目存在未批先建问题，已责令限期整改。",
    "原《{ref_title}》（{ref_number}）同时废止。",
    "符合条件的，按照每人每月{small}元的标准发放补贴，补贴期限最长不超过{months}个月。",
    "各县（区）要建立健全台账，实行销号管理，做到底数清、情况明。",
    "坚持问题导向和目标导向相结合，统筹发展和安全，稳步推进{subject}。",
    "进一步压缩办理时限，承诺时限由{days2}个工作日压缩至{days}个工作日。",
    "依托江西政务服务网、赣服通和{place}便民服务中心，推行网上办、掌上办、就近办。",
    "{unit}要会同有关部门加强对{subject}执行情况的跟踪评估，适时提出修改完善意见。",
    "对在{subject}中做出突出成绩的单位和个人，按照有关规定给予表彰奖励。",
    "建立常态化督查机制，对工作推进不力的单位进行通报，情节严重的依规依纪追究责任。",
    "加强政策宣传解读，通过政府网站、政务新媒体等渠道及时回应社会关切。",
    "{place}共排查各类隐患{count}处，已整改{count2}处，整改率{pct}%。",
    "本市户籍居民以及在本市连续缴纳社会保险满{months}个月的常住人口均可申请。",
    "落实“放管服”改革要求，取消{count2}项证明材料，实现“最多跑一次”。",
    "{date}，{unit}在{place}召开现场推进会，{person}同志出席会议并讲话。",
]
OPENINGS = [
    *content.OPENINGS,
    "为贯彻落实《{law}》，加快推进{subject}，经研究，现就有关事项通知如下：",
    "根据{organ}工作部署，为切实做好{subject}工作，提出如下意见。",
    "{year}年以来，在市委、市政府的坚强领导下，全市{subject}取得明显成效，但仍存在一些短板和不足。",
]
CLOSINGS = [
    *content.CLOSINGS,
    "本实施意见由{organ}负责解释，自{date}起施行。",
    "执行中遇到的问题，请及时向{organ}反映。",
    "附件：1.{short}申请表 2.{short}工作责任分工表",
]
TITLE_FORMS = [
    *content.TITLE_FORMS,
    "{organ}关于{year}年度{subject}情况的通报",
    "{organ}关于公布{year}年{subject}名单的公告",
    "{organ}关于开展{subject}专项行动的通知",
    "{organ}关于同意{place}{project}项目的批复",
    "{organ}关于调整{subject}有关政策的通知",
]


@dataclass
class Doc:
    number: int
    kind: str  # policy | interpretation
    unit: DemoUnit
    issuers: list[DemoUnit]
    domain: str
    topic_label: str
    title: str
    body: str  # the indexed body: text, then metadata (as indexing._policy_text does)
    doc_type: str
    validity: str
    written_on: dt.date
    published_on: dt.date
    doc_number: str
    index_serial: int
    rare: list[str] = field(default_factory=list)  # CJK strings filled into slots (for queries)

    @property
    def year(self) -> int:
        return self.written_on.year


@dataclass
class _Ctx:
    """What the sentences of one document share."""

    rng: random.Random
    domain: dict
    year: int
    issuer_names: str
    subject: str
    rare: list[str]


def issuing_units() -> list[DemoUnit]:
    return [u for u in UNITS if u.kind != "institution"]


class Generator:
    def __init__(self, seed: int = 2026) -> None:
        self.seed = seed
        self.units = issuing_units()
        self.serials: dict[tuple[str, int], int] = {}

    # --- pieces ---------------------------------------------------------------------------------

    def _person(self, rng: random.Random, rare: list[str]) -> str:
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice([1, 2, 2])))
        rare.append(name)
        return name

    def _place(self, rng: random.Random, rare: list[str]) -> str:
        name = rng.choice(DISTRICTS) + "".join(rng.choices(PLACE_CHARS, k=2))
        name += rng.choice(PLACE_KINDS)
        rare.append(name)
        return name

    def _company(self, rng: random.Random, rare: list[str]) -> str:
        name = rng.choice(["江西", "南昌", "南昌市"]) + "".join(
            rng.choices(PLACE_CHARS + GIVEN, k=2)
        )
        name += rng.choice(INDUSTRIES) + rng.choice(["有限公司", "股份有限公司", "集团有限公司"])
        rare.append(name)
        return name

    def _road(self, rng: random.Random, rare: list[str]) -> str:
        name = "".join(rng.choices(PLACE_CHARS, k=2)) + rng.choice(ROAD_KINDS)
        rare.append(name)
        return name

    def _date(self, rng: random.Random, year: int) -> str:
        return f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"

    def _ref(self, rng: random.Random, year: int) -> tuple[str, str]:
        unit = rng.choice(self.units)
        subject = rng.choice(content.DOMAINS[unit.domain]["subjects"])
        ref_year = rng.randint(max(2010, year - 8), year)
        title = rng.choice(content.TITLE_FORMS).format(
            organ=unit.name, year=ref_year, subject=subject
        )
        return title, f"{unit.abbr}〔{ref_year}〕{rng.randint(1, 160)}号"

    def _slots(
        self,
        rng: random.Random,
        names: tuple[str, ...],
        doc_year: int,
        issuer_names: str,
        subject: str,
    ) -> tuple[dict[str, object], list[str]]:
        """Values for the named slots only (so that ``rare`` holds what is in the text)."""
        rare: list[str] = []
        makers = {
            "subject": lambda: subject,
            "organ": lambda: issuer_names,
            "short": lambda: subject[:8],
            "end": lambda: doc_year + 2,
            "year": lambda: rng.randint(max(2016, doc_year - 3), doc_year),
            "year2": lambda: doc_year + rng.randint(1, 3),
            "years": lambda: rng.choice([3, 5]),
            "month": lambda: rng.randint(1, 12),
            "date": lambda: self._date(rng, doc_year),
            "verb": lambda: rng.choice(VERBS),
            "count": lambda: rng.randint(3, 9800),
            "count2": lambda: rng.randint(1, 300),
            "measure": lambda: rng.choice(MEASURES),
            "pct": lambda: f"{rng.uniform(1, 99):.1f}",
            "amount": lambda: f"{rng.uniform(5, 50000):.2f}".rstrip("0").rstrip("."),
            "big": lambda: f"{rng.uniform(0.3, 120):.1f}",
            "small": lambda: rng.choice([200, 300, 500, 800, 1000, 1200, 1500, 2000]),
            "months": lambda: rng.choice([3, 6, 12, 24, 36]),
            "days": lambda: rng.choice([3, 5, 7, 10, 15]),
            "days2": lambda: rng.choice([20, 30, 45, 60]),
            "unit": lambda: rng.choice(self.units).name,
            "unit2": lambda: rng.choice(self.units).name,
            "post": lambda: rng.choice(POSTS),
            "person": lambda: self._person(rng, rare),
            "person2": lambda: self._person(rng, rare),
            "phone": lambda: f"0791-8{rng.randint(1000000, 9999999)}",
            "email": lambda: f"gk{rng.randint(100, 999)}@nc.gov.cn",
            "company": lambda: self._company(rng, rare),
            "place": lambda: self._place(rng, rare),
            "project": lambda: rng.choice(PROJECTS),
            "road": lambda: self._road(rng, rare),
            "road2": lambda: self._road(rng, rare),
            "law": lambda: rng.choice(LAWS),
            "material": lambda: rng.choice(MATERIALS),
            "material2": lambda: rng.choice(MATERIALS),
        }
        slots: dict[str, object] = {}
        for name in names:
            if name in ("ref_title", "ref_number"):
                if "ref_title" not in slots:
                    slots["ref_title"], slots["ref_number"] = self._ref(rng, doc_year)
            else:
                slots[name] = makers[name]()
        return slots, rare

    def _fill(self, ctx: _Ctx, template: str, subject: str | None = None) -> str:
        names = _FIELDS.get(template)
        if names is None:
            names = _FIELDS[template] = tuple(
                dict.fromkeys(f for _, f, _, _ in string.Formatter().parse(template) if f)
            )
        slots, filled = self._slots(
            ctx.rng, names, ctx.year, ctx.issuer_names, subject or ctx.subject
        )
        ctx.rare.extend(filled)
        return template.format(**slots)

    def _sentence(self, ctx: _Ctx) -> str:
        rng = ctx.rng
        roll = rng.random()
        if roll < 0.25:
            template = rng.choice(content.SECTIONS)[1]
        elif roll < 0.32:
            template = rng.choice(list(content.FACETS.values()))
        else:
            template = rng.choice(SENTENCES)
        # Another subject of the same domain now and then: documents cite related work.
        subject = rng.choice(ctx.domain["subjects"]) if rng.random() < 0.3 else None
        return self._fill(ctx, template, subject)

    def _body(self, ctx: _Ctx, length: int) -> str:
        rng = ctx.rng
        numerals = "一二三四五六七八九十"
        parts = [self._fill(ctx, rng.choice(OPENINGS))]
        size = len(parts[0])
        headings = rng.sample(HEADINGS, k=len(numerals))
        section = 0
        while size < length - 60:
            if section < len(numerals) and (section == 0 or rng.random() < 0.3):
                heading = f"\n{numerals[section]}、{headings[section]}\n"
                parts.append(heading)
                size += len(heading)
                section += 1
            sentence = self._sentence(ctx)
            parts.append(sentence)
            size += len(sentence)
        closing = self._fill(ctx, rng.choice(CLOSINGS))
        parts.append(f"\n{closing}\n{ctx.issuer_names}\n{self._date(rng, ctx.year)}")
        return "".join(parts)

    # --- documents ------------------------------------------------------------------------------

    def document(self, n: int) -> Doc:
        rng = random.Random(f"{self.seed}-{n}")
        unit = self.units[rng.randrange(len(self.units))]
        domain = content.DOMAINS[unit.domain]
        subject = rng.choice(domain["subjects"])
        year = rng.choice(YEARS)
        written = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        if written > TODAY:
            written = TODAY - dt.timedelta(days=rng.randint(5, 300))
        published = written + dt.timedelta(days=rng.randint(0, 10))
        issuers = [unit]
        if rng.random() < 0.06:
            issuers.append(rng.choice([u for u in self.units if u is not unit]))
        rare: list[str] = []
        issuer_names = "、".join(u.name for u in issuers)
        doc_type, validity = self._type_and_validity(rng, unit, written)
        key = (unit.slug, written.year)
        self.serials[key] = self.serials.get(key, 0) + 1
        serial = rng.randint(1, 300)
        doc_number = (
            f"南昌市人民政府令第{120 + serial % 80}号"
            if doc_type == "rule"
            else f"{unit.abbr}〔{written.year}〕{serial}号"
        )
        if doc_type == "rule":
            title = f"南昌市{subject.replace('办法', '')}{rng.choice(['规定', '办法', '实施办法'])}"
        else:
            form = rng.choice(TITLE_FORMS)
            title = form.format(
                organ=issuer_names,
                year=written.year,
                subject=subject,
                place=self._place(rng, rare),
                project=rng.choice(PROJECTS),
            )
        length = self._length(rng)
        ctx = _Ctx(rng, domain, written.year, issuer_names, subject, rare)
        body = self._body(ctx, length)
        kind = "policy"
        if rng.random() < INTERPRETATION_SHARE:
            kind, doc_type, validity = "interpretation", "", "valid"
            title = f"《{title}》政策解读"
        topic_label = rng.choice(domain["topics"])
        keywords = " ".join(subject.replace("“", "").replace("”", "")[:8].split())
        meta = [doc_number, keywords, topic_label, *(u.name for u in issuers)]
        if kind == "interpretation":
            meta = [topic_label, unit.name]
        return Doc(
            number=n,
            kind=kind,
            unit=unit,
            issuers=issuers,
            domain=unit.domain,
            topic_label=topic_label,
            title=title,
            body=body + "\n" + " ".join(meta),
            doc_type=doc_type,
            validity=validity,
            written_on=written,
            published_on=published,
            doc_number=doc_number if kind == "policy" else "",
            index_serial=self.serials[key],
            rare=rare,
        )

    @staticmethod
    def _length(rng: random.Random) -> int:
        """500–3,000 characters, more short documents than long ones."""
        return int(500 + 2500 * rng.random() ** 1.6)

    @staticmethod
    def _type_and_validity(rng: random.Random, unit: DemoUnit, written: dt.date) -> tuple[str, str]:
        roll = rng.random()
        if unit.slug == "nc" and roll < 0.2:
            doc_type = "rule"
        elif roll < 0.35:
            doc_type = "normative"
        else:
            doc_type = "other"
        validity = "valid"
        if doc_type == "normative":
            until = written.replace(year=written.year + rng.choice([2, 3, 5]))
            validity = "expired" if until < TODAY else "valid"
        elif written.year < 2020 and rng.random() < 0.15:
            validity = "expired"
        if rng.random() < 0.05:
            validity = "abolished"
        return doc_type, validity
