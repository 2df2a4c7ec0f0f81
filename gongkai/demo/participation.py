"""The demo city's public participation (issue 14): an open, a closed and a result-published
consultation, and the city government's catalogue of major decisions with one decision taken
through all five statutory procedures (国务院令第713号).

Everything goes through participation.services (drafts, comments, moderation, tags, offline
records, feedback, decisions); pages are published as the rest of the demo publishes them
(a system publication). Dates are relative to today, so the demo stays valid whenever it is
loaded: the open consultation is open today, the others closed in the past within the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.core.types import User
from gongkai.library.publication import system_publication
from gongkai.organisations.models import Organisation
from gongkai.participation import decision_services, services
from gongkai.participation.models import (
    Clause,
    Comment,
    ConsultationFeedbackPage,
    ConsultationKind,
    ConsultationPage,
    Disposition,
    MajorDecision,
    OfflineKind,
    ProcedureKind,
    Question,
    QuestionKind,
)

REASON = "演示数据"
UNIT_SLUGS = ("nc", "zjj", "jyj", "jtj", "sthjj")

# --- Texts ---------------------------------------------------------------------------------------

PARKING_TITLE = "南昌市住宅小区停车管理办法（征求意见稿）"
PARKING_DRAFT = """\
第一条 为了规范住宅小区停车秩序，合理利用停车资源，维护业主的合法权益，根据《中华人民共和国民法典》《物业管理条例》《江西省物业管理条例》等法律法规，结合本市实际，制定本办法。
第二条 本市行政区域内住宅小区规划用于停放汽车的车位、车库（以下统称车位）的配置、使用和管理，适用本办法。
第三条 市住房和城乡建设主管部门负责全市住宅小区停车管理的指导和监督。
县（区）住房和城乡建设主管部门、街道办事处（乡镇人民政府）按照各自职责，做好辖区内住宅小区停车管理的具体工作。
公安机关交通管理、城市管理、发展改革（价格）、消防救援等部门按照各自职责做好相关工作。
第四条 建设单位应当按照规划配建车位，并在房屋销售现场显著位置公示车位的数量、位置、配置比例和处分方式。
规划用于停放汽车的车位，应当首先满足本小区业主的需要。在满足本小区业主需要之前，建设单位不得将车位出售、附赠或者出租给本小区业主以外的单位或者个人。
第五条 占用业主共有的道路或者其他场地用于停放汽车的车位，属于业主共有。
前款车位的设置、调整和收费，由业主依法共同决定，不得占用、堵塞消防车通道、应急通道和人行通道。
第六条 住宅小区内车位不能满足业主需要的，经业主大会决定，可以在共有部分增设临时车位，并优先保障老年人、残疾人等特殊群体的停车需要。
第七条 物业服务人应当建立车辆出入登记和车位使用管理制度，维护小区内停车秩序。
对占用消防车通道、应急通道停放车辆的，物业服务人应当及时劝阻；劝阻无效的，应当向消防救援机构或者公安机关报告。
物业服务人不得以停车管理为由限制业主车辆正常出入。
第八条 住宅小区停车服务收费实行市场调节价的，物业服务人应当与业主协商确定收费标准，并在小区显著位置公示收费项目、标准和依据。
利用业主共有部分停车取得的收益，在扣除合理成本之后，属于业主共有，并应当每半年公布一次收支情况。
第九条 鼓励住宅小区在保障业主停车需要的前提下，通过错时共享等方式向社会开放车位。
新建住宅小区配建的车位应当全部建设充电设施或者预留建设安装条件；既有住宅小区具备条件的，应当支持业主安装充电设施。
第十条 违反本办法规定的，由有关部门依照相关法律、法规的规定予以处理。
第十一条 本办法自2027年7月1日起施行，有效期五年。
"""
PARKING_EXPLANATION = (
    "一、起草背景：近年来本市机动车保有量快速增长，住宅小区停车位供需矛盾突出，"
    "车位出售、出租和停车收费纠纷多发，占用消防车通道停车的问题时有发生。\n"
    "二、起草依据：《中华人民共和国民法典》第二百七十五条、第二百七十六条，"
    "《物业管理条例》《江西省物业管理条例》等。\n"
    "三、主要内容：明确部门职责；规定车位首先满足业主需要；规范共有车位的设置和收益；"
    "要求物业服务人维护停车秩序和消防通道畅通；鼓励车位错时共享和充电设施建设。"
)
PARKING_CONTACT = (
    "电子邮箱：zjj_tcgl@nc.gov.cn\n"
    "通信地址：南昌市红谷滩区卧龙路988号 南昌市住房和城乡建设局物业管理处（邮编330038），"
    "请在信封上注明“停车管理办法意见”\n"
    "联系电话：0791-83880012（工作日 9:00-12:00，13:30-17:00）"
)
PARKING_QUESTIONS = [
    (
        QuestionKind.SINGLE,
        "您的身份是？",
        True,
        "小区业主\n租户\n物业服务企业从业人员\n其他",
        None,
        "",
    ),
    (QuestionKind.SINGLE, "您所在小区的停车位是否够用？", True, "够用\n基本够用\n不够用", None, ""),
    (
        QuestionKind.MULTIPLE,
        "您认为哪些措施可以缓解小区停车难？",
        False,
        "在共有部分增设临时车位\n周边单位车位错时共享\n建设立体停车库\n限制外来车辆进入",
        2,
        "不够用",
    ),
    (QuestionKind.SCALE, "您对本办法征求意见稿的总体评价（1分最低，5分最高）", False, "", None, ""),
]
# (clause number or "" for the whole draft, text, name, contact, consent)
PARKING_COMMENTS = [
    (
        "第四条第二款",
        "建议明确“首先满足本小区业主需要”的判断标准，例如业主提出购买或者承租申请后多长时间内未满足的，才可以向外出租。",
        "刘先生",
        "",
        True,
    ),
    (
        "第四条第二款",
        "车位只租不售的情况下租金不断上涨，建议规定租金调整的幅度和频次。",
        "",
        "",
        True,
    ),
    (
        "第五条第二款",
        "共有车位的收费应当由业主大会决定，但很多老小区没有成立业主大会，建议规定由居委会组织业主表决。",
        "王女士",
        "",
        True,
    ),
    (
        "第六条",
        "赞成优先保障老年人、残疾人停车，建议把有新生儿和孕妇的家庭也纳入优先范围。",
        "",
        "",
        True,
    ),
    (
        "第七条第二款",
        "消防通道被占用的情况非常普遍，物业劝阻基本无效，建议明确物业可以直接联系拖车。我的电话13907912345，可以联系我反映具体小区情况。",
        "陈建华",
        "13907912345",
        True,
    ),
    (
        "第七条第三款",
        "有的物业对未交停车费的业主车辆不抬杆，建议写明禁止以此方式催缴物业费。",
        "",
        "",
        True,
    ),
    (
        "第八条第一款",
        "建议公示收费标准的同时公示物业服务人的成本构成，否则业主无法判断收费是否合理。",
        "",
        "",
        False,
    ),
    (
        "第八条第二款",
        "共有部分停车收益每半年公布一次是好的，建议同时明确收益的使用须经业主大会同意。",
        "赵先生",
        "",
        True,
    ),
    (
        "第九条第一款",
        "错时共享很好，但外来车辆进入小区会带来安全隐患，建议明确物业的登记责任。",
        "",
        "",
        True,
    ),
    (
        "第九条第二款",
        "老小区安装充电桩难，物业经常以电力容量不足为由拒绝，建议规定物业不得无正当理由阻挠。",
        "新能源车主",
        "",
        True,
    ),
    ("第十条", "法律责任一条过于笼统，建议列明具体违法情形和对应的处理部门。", "", "", True),
    ("第十一条", "建议给既有小区留出一年的过渡期。", "", "", False),
    ("", "总体支持出台本办法，希望尽快施行。", "市民", "", True),
    (
        "第三条第二款",
        "街道办事处在停车纠纷调处中的职责不明确，建议增加街道牵头调解的内容。",
        "",
        "",
        True,
    ),
    (
        "",
        "专业代办车位产权证、低价转让车位，欢迎咨询，加微信有优惠。",
        "",
        "",
        True,
    ),  # held below: advertising, off-topic
    ("第五条第一款", "建议明确地下人防车位的归属和使用方式。", "", "", True),  # left pending
    ("第八条第一款", "停车费涨价必须经过业主同意。", "", "", True),  # left pending
]
PARKING_HOLD = "广告信息，与本草案无关"

AFTERSCHOOL_TITLE = "南昌市中小学课后服务管理办法（征求意见稿）"
AFTERSCHOOL_DRAFT = """\
第一条 为了规范中小学课后服务，切实减轻学生过重作业负担和校外培训负担，解决家长按时接送学生困难，根据国家和江西省有关规定，结合本市实际，制定本办法。
第二条 本办法所称课后服务，是指义务教育阶段学校在每天正常课后时间，为有需要的学生提供的看护、作业辅导和兴趣活动等服务。
第三条 课后服务遵循学生自愿、家长申请、学校组织、政府支持的原则，不得强制或者变相强制学生参加。
第四条 学校应当制定课后服务实施方案，每学期开学前向家长公布服务内容、时间安排和报名方式。
课后服务结束时间原则上不早于当地正常下班时间；对有特殊需要的学生，学校应当提供延时托管服务。
第五条 课后服务可以采取财政补贴、服务性收费或者代收费等方式保障经费。
实行服务性收费的，收费标准由县（区）发展改革部门会同教育、财政部门确定，每生每学期不超过600元。
家庭经济困难学生免收课后服务费用。
第六条 学校可以聘请退休教师、具备资质的社会专业人员或者志愿者参与课后服务，但不得引进校外培训机构开展学科类培训。
第七条 教育行政部门应当将课后服务开展情况纳入学校办学质量评价，并定期开展家长满意度调查。
第八条 本办法自2026年9月1日起施行。
"""
AFTERSCHOOL_EXPLANATION = (
    "为落实国家关于进一步减轻义务教育阶段学生作业负担和校外培训负担的要求，市教育局在调研各县（区）"
    "课后服务开展情况的基础上起草了本办法，重点规范服务内容、收费标准和人员管理。"
)
AFTERSCHOOL_CONTACT = (
    "电子邮箱：jyj_khfw@nc.gov.cn\n"
    "通信地址：南昌市红谷滩区卧龙路996号 南昌市教育局基础教育处（邮编330038）"
)
# The campaign (one text lightly edited by many parents) on 第五条第二款.
CAMPAIGN = "课后服务收费标准过高，{a}每生每学期600元的上限{b}，建议降低到每生每学期{c}元以内，{d}。"
CAMPAIGN_PARTS = [
    ("", "太高了", "300", "减轻家长负担"),
    ("我认为", "太高了", "300", "减轻家长负担"),
    ("", "偏高", "300", "减轻家长的负担"),
    ("", "太高了", "400", "减轻家长负担"),
    ("作为家长，", "太高了", "300", "切实减轻家长负担"),
    ("", "明显偏高", "300", "减轻家长负担"),
    ("", "太高了", "300", "减轻家庭负担"),
    ("强烈呼吁：", "太高了", "300", "减轻家长负担"),
    ("", "太高了", "350", "减轻家长负担"),
    ("", "过高", "300", "减轻家长负担"),
    ("", "太高了", "300", "真正减轻家长负担"),
    ("家长意见：", "太高了", "300", "减轻家长负担"),
]
AFTERSCHOOL_COMMENTS = [
    (
        "第三条",
        "实际执行中有的学校要求全班报名，建议明确对变相强制的举报渠道。",
        Disposition.ADOPTED,
    ),
    ("第三条", "建议写明家长可以随时申请退出课后服务并按比例退费。", Disposition.ADOPTED),
    ("第四条第一款", "建议实施方案公布后留出一周时间供家长咨询。", Disposition.PARTLY),
    ("第四条第二款", "双职工家庭下班晚，建议延时托管到晚上七点。", Disposition.PARTLY),
    ("第四条第二款", "延时托管应当配备晚餐或者点心。", Disposition.NOT_ADOPTED),
    ("第四条第二款", "课后服务结束时间太晚，低年级孩子太累，建议分年级确定。", Disposition.PARTLY),
    ("第五条第一款", "建议以财政补贴为主，尽量不向家长收费。", Disposition.PARTLY),
    ("第五条第三款", "建议把低保边缘家庭和多子女家庭也列入减免范围。", Disposition.ADOPTED),
    ("第五条第三款", "困难学生认定程序要简便，不要让孩子在班上被区别对待。", Disposition.ADOPTED),
    ("第六条", "建议明确聘请人员的背景审查要求，无犯罪记录证明必不可少。", Disposition.ADOPTED),
    ("第六条", "应当允许引进优质体育、艺术机构开展非学科类活动。", Disposition.ADOPTED),
    ("第六条", "参与课后服务的教师应当给予合理报酬，不能变成义务加班。", Disposition.PARTLY),
    ("第七条", "满意度调查结果应当向家长公开。", Disposition.ADOPTED),
    ("第七条", "建议把课后服务纳入教师绩效考核。", Disposition.NOT_ADOPTED),
    ("第二条", "建议课后服务也覆盖寒暑假托管。", Disposition.NOT_ADOPTED),
    ("第二条", "服务内容应当以自主作业和阅读为主，不要变相上新课。", Disposition.ADOPTED),
    ("第八条", "施行日期太近，学校来不及准备，建议推迟到下学期。", Disposition.NOT_ADOPTED),
    ("", "总体赞成，建议在各县（区）试点一年后再全面推开。", Disposition.NOT_ADOPTED),
    ("", "希望办法出台后公布各学校课后服务的具体安排。", Disposition.ADOPTED),
    ("第一条", "建议在依据中列明具体文件名称。", Disposition.ADOPTED),
    ("第四条第一款", "报名方式应当同时提供线上和线下两种。", Disposition.ADOPTED),
    ("第五条第二款", "收费标准应当分城区和农村分别确定。", Disposition.PARTLY),
    ("第六条", "志愿者参与课后服务需要有培训和保险。", Disposition.PARTLY),
    ("第七条", "教育部门应当每年公布课后服务经费使用情况。", Disposition.ADOPTED),
    ("第三条", "建议规定学校不得把是否参加课后服务与评优评先挂钩。", Disposition.ADOPTED),
    ("第五条第一款", "代收费的项目和标准应当事先征得家长同意。", Disposition.PARTLY),
]
AFTERSCHOOL_SYMPOSIUM = [
    ("第五条第二款", "家长代表普遍认为收费上限偏高，希望财政加大补贴力度。"),
    ("第六条", "校长代表提出，聘请校外专业人员的经费来源应当明确。"),
    ("第四条第二款", "教师代表建议实行弹性离校，教师轮流值守。"),
]

TRANSIT_TITLE = "南昌市中心城区公共交通线网优化和票价优惠方案（征求意见稿）"
TRANSIT_DRAFT = """\
为方便市民出行，提高公共交通分担率，结合地铁线网建设进展，制定本方案。
一、总体目标
到2027年底，中心城区公交站点500米覆盖率达到100%，公交与地铁换乘距离一般不超过200米。
二、线网优化
（一）调整与地铁线路重复度超过70%的公交线路12条，新增接驳地铁站点的社区微循环线路15条。
（二）在红谷滩、青山湖等片区开通夜间公交线路，运营时间延长至23:00。
三、票价优惠
（一）乘坐公交后90分钟内换乘地铁或者公交的，换乘票价优惠1元。
（二）65周岁以上老年人、残疾人、现役军人免费乘坐公交。
（三）学生使用学生卡乘坐公交，票价五折。
四、保障措施
（一）市财政对票价优惠造成的政策性亏损给予补贴。
（二）市交通运输局会同有关部门建立公交服务质量考核制度，考核结果向社会公布。
"""
TRANSIT_FINAL = """\
为方便市民出行，提高公共交通分担率，结合地铁线网建设进展，制定本方案。
一、总体目标
到2027年底，中心城区公交站点500米覆盖率达到100%，公交与地铁换乘距离一般不超过200米。
二、线网优化
（一）调整与地铁线路重复度超过70%的公交线路12条，新增接驳地铁站点的社区微循环线路18条，线路调整前向沿线居民公示不少于15日。
（二）在红谷滩、青山湖、西湖等片区开通夜间公交线路，运营时间延长至23:30。
三、票价优惠
（一）乘坐公交后120分钟内换乘地铁或者公交的，换乘票价优惠1元。
（二）65周岁以上老年人、残疾人、现役军人免费乘坐公交。
（三）中小学生和全日制高校学生使用学生卡乘坐公交，票价五折。
四、保障措施
（一）市财政对票价优惠造成的政策性亏损给予补贴。
（二）市交通运输局会同有关部门建立公交服务质量考核制度，考核结果向社会公布。
"""
TRANSIT_EXPLANATION = (
    "本方案列入市人民政府本年度重大行政决策事项目录，依照《重大行政决策程序暂行条例》"
    "向社会公开征求意见，征求意见期限不少于30日。"
)
TRANSIT_CONTACT = "电子邮箱：jtj_gjc@nc.gov.cn\n联系电话：0791-83880013"
TRANSIT_COMMENTS = [
    ("二（一）", "微循环线路太少，老城区很多小区离公交站超过一公里。", Disposition.ADOPTED),
    ("二（一）", "调整线路前应当征求沿线居民意见。", Disposition.ADOPTED),
    ("二（一）", "不要撤销212路，很多老人靠它去医院。", Disposition.NOT_ADOPTED),
    ("二（二）", "夜班车希望延长到23:30，地铁末班车到站后还要换乘。", Disposition.ADOPTED),
    ("二（二）", "西湖区也需要夜间公交。", Disposition.ADOPTED),
    ("三（一）", "换乘优惠时间90分钟不够，早高峰堵车，建议120分钟。", Disposition.ADOPTED),
    ("三（一）", "换乘优惠应当扩大到2元。", Disposition.NOT_ADOPTED),
    ("三（二）", "建议60周岁以上老年人也免费。", Disposition.NOT_ADOPTED),
    ("三（三）", "大学生也应当享受学生票价。", Disposition.ADOPTED),
    ("三（三）", "学生卡办理手续太复杂，建议可以线上办理。", Disposition.PARTLY),
    ("四（二）", "考核结果应当每季度公布一次。", Disposition.PARTLY),
    ("", "支持方案，希望尽快实施。", Disposition.ADOPTED),
]
TRANSIT_REASONS = {
    Disposition.ADOPTED: "已在方案中采纳，相应条款已修改。",
    Disposition.PARTLY: "部分采纳：在现有财力和运力条件下作了调整，其余内容将在实施细则中研究。",
    Disposition.NOT_ADOPTED: "未采纳：超出本方案调整范围或者财政难以承受，已作解释说明。",
}

DECISIONS = [
    # (title, lead unit slug, summary, planned time)
    (
        TRANSIT_TITLE.removesuffix("（征求意见稿）"),
        "jtj",
        "优化中心城区公交线网，实行公交地铁换乘优惠和特殊群体免费乘车。",
        "上半年",
    ),
    (
        "南昌市中心城区老旧小区改造三年行动计划（2027—2029年）",
        "zjj",
        "对2000年底前建成的老旧小区实施基础类、完善类和提升类改造。",
        "第四季度",
    ),
    (
        "南昌市赣江水环境综合治理实施方案",
        "sthjj",
        "实施入河排污口整治、城镇污水管网提质增效和岸线生态修复。",
        "第三季度",
    ),
]


@dataclass
class ParticipationDemo:
    open: ConsultationPage
    closed: ConsultationPage
    result: ConsultationPage
    decision: MajorDecision


# --- Helpers -------------------------------------------------------------------------------------


def _publish(page: ConsultationPage | ConsultationFeedbackPage) -> None:
    revision = page.get_latest_revision()
    if revision is None:
        raise RuntimeError(f"page {page.pk} has no revision to publish")
    revision.publish()


def _clauses(page: ConsultationPage) -> dict[str, Clause]:
    version = page.consulted_version()
    if version is None:
        raise RuntimeError(f"consultation {page.pk} has no draft")
    return {c.number: c for c in version.clauses.all()}


def _comment(
    page: ConsultationPage,
    clauses: dict[str, Clause],
    *,
    n: int,
    number: str,
    text: str,
    day: dt.date,
    name: str = "",
    contact: str = "",
    consent: bool = True,
) -> Comment:
    comment = services.comment_submit(
        consultation=page,
        text=text,
        key=services.submitter_key(contact=contact, client=f"demo:{page.pk}:{n}"),
        clause=clauses[number] if number else None,
        name=name,
        contact=contact,
        consent_publish=consent,
        today=day,
    ).comment
    # Received on the day given (the services stamp the moment of the call).
    comment.created_at = timezone.make_aware(
        dt.datetime.combine(day, dt.time(9 + n % 10, (n * 7) % 60))
    )
    return comment


def _stamp(comments: list[Comment]) -> None:
    Comment.objects.bulk_update(comments, ["created_at"])


def _consultation(
    unit: Organisation,
    *,
    title: str,
    kind: str,
    opens_on: dt.date,
    draft: str,
    explanation: str,
    contact: str,
    extra_days: int = 0,
    decision: MajorDecision | None = None,
) -> ConsultationPage:
    earliest = services.earliest_close_for(kind=kind, opens_on=opens_on) or opens_on
    return services.consultation_create(
        actor=None,
        unit=unit,
        title=title,
        kind=kind,
        opens_on=opens_on,
        closes_on=earliest + dt.timedelta(days=extra_days),
        draft_text=draft,
        source_name=f"{title}.docx",
        explanation=explanation,
        contact=contact,
        body=(
            f"<p>为广泛听取社会各界意见，现将《{title.removesuffix('（征求意见稿）')}》"
            "全文公布，公开征求意见。可以在本页逐条提出意见，也可以通过下列方式提交书面意见。</p>"
        ),
        decision=decision,
    )


def _days(start: dt.date, end: dt.date, n: int, count: int) -> dt.date:
    """The n-th of ``count`` days spread over [start, end]."""
    span = max((end - start).days, 0)
    return start + dt.timedelta(days=span * n // max(count - 1, 1))


# --- The four consultations and the decision -----------------------------------------------------


def _open(unit: Organisation, moderator: User, today: dt.date) -> ConsultationPage:
    page = _consultation(
        unit,
        title=PARKING_TITLE,
        kind=ConsultationKind.NORMATIVE,
        opens_on=today - dt.timedelta(days=5),
        draft=PARKING_DRAFT,
        explanation=PARKING_EXPLANATION,
        contact=PARKING_CONTACT,
        extra_days=14,
    )
    page.questions = [
        Question(
            kind=kind,
            text=text,
            required=required,
            options=options,
            show_if_number=show_if_number,
            show_if_answer=show_if_answer,
            sort_order=i,
        )
        for i, (kind, text, required, options, show_if_number, show_if_answer) in enumerate(
            PARKING_QUESTIONS
        )
    ]
    page.save_revision()
    _publish(page)
    page = ConsultationPage.objects.get(pk=page.pk)
    clauses = _clauses(page)
    comments = [
        _comment(
            page,
            clauses,
            n=n,
            number=number,
            text=text,
            day=_days(page.opens_on, today, n, len(PARKING_COMMENTS)),
            name=name,
            contact=contact,
            consent=consent,
        )
        for n, (number, text, name, contact, consent) in enumerate(PARKING_COMMENTS)
    ]
    _stamp(comments)
    advert, pending = comments[-3], comments[-2:]
    for comment in comments:
        if comment is advert:
            services.comment_moderate(
                actor=moderator, comment=comment, accept=False, reason=PARKING_HOLD
            )
        elif comment not in pending:
            services.comment_moderate(actor=moderator, comment=comment, accept=True)
    return page


def _closed(unit: Organisation, moderator: User, today: dt.date) -> ConsultationPage:
    page = _consultation(
        unit,
        title=AFTERSCHOOL_TITLE,
        kind=ConsultationKind.NORMATIVE,
        opens_on=today - dt.timedelta(days=45),
        draft=AFTERSCHOOL_DRAFT,
        explanation=AFTERSCHOOL_EXPLANATION,
        contact=AFTERSCHOOL_CONTACT,
        extra_days=7,
    )
    _publish(page)
    page = ConsultationPage.objects.get(pk=page.pk)
    clauses = _clauses(page)
    total = len(AFTERSCHOOL_COMMENTS) + len(CAMPAIGN_PARTS)
    comments: list[tuple[Comment, str]] = []
    for n, (number, text, disposition) in enumerate(AFTERSCHOOL_COMMENTS):
        day = _days(page.opens_on, page.closes_on, n, total)
        comment = _comment(
            page, clauses, n=n, number=number, text=text, day=day, consent=n % 4 != 3
        )
        comments.append((comment, disposition))
    for i, (a, b, c, d) in enumerate(CAMPAIGN_PARTS):
        n = len(AFTERSCHOOL_COMMENTS) + i
        # The campaign arrives within two days, near the end of the period.
        day = page.closes_on - dt.timedelta(days=i % 2 + 1)
        text = CAMPAIGN.format(a=a, b=b, c=c, d=d)
        comment = _comment(page, clauses, n=n, number="第五条第二款", text=text, day=day)
        comments.append((comment, Disposition.PARTLY))
    _stamp([c for c, _d in comments])
    services.comments_moderate(
        actor=moderator, consultation=page, ids=[c.pk for c, _d in comments], accept=True
    )
    for comment, tag in comments:
        themes = ["收费"] if "费" in comment.text else []
        services.comment_tag(
            actor=moderator,
            comment=comment,
            disposition=tag,
            themes=themes or None,
        )
    services.offline_record_save(
        actor=moderator,
        consultation=page,
        kind=OfflineKind.SYMPOSIUM,
        held_on=page.opens_on + dt.timedelta(days=6),
        place="南昌市教育局三楼会议室",
        participants="家长代表8名、中小学校长4名、教师代表3名、市人大代表1名",
        conclusions="与会代表总体赞成出台本办法，对收费标准、人员聘请和延时托管提出了意见。",
        comments=[(clauses[number], text) for number, text in AFTERSCHOOL_SYMPOSIUM],
    )
    return page


def _result(
    unit: Organisation, moderator: User, today: dt.date, decision: MajorDecision
) -> ConsultationPage:
    page = _consultation(
        unit,
        title=TRANSIT_TITLE,
        kind=ConsultationKind.MAJOR_DECISION,
        opens_on=today - dt.timedelta(days=120),
        draft=TRANSIT_DRAFT,
        explanation=TRANSIT_EXPLANATION,
        contact=TRANSIT_CONTACT,
        decision=decision,
    )
    _publish(page)
    page = ConsultationPage.objects.get(pk=page.pk)
    clauses = _clauses(page)
    comments = [
        (
            _comment(
                page,
                clauses,
                n=n,
                number=number,
                text=text,
                day=_days(page.opens_on, page.closes_on, n, len(TRANSIT_COMMENTS)),
            ),
            disposition,
        )
        for n, (number, text, disposition) in enumerate(TRANSIT_COMMENTS)
    ]
    _stamp([c for c, _d in comments])
    services.comments_moderate(
        actor=moderator, consultation=page, ids=[c.pk for c, _d in comments], accept=True
    )
    for disposition in (Disposition.ADOPTED, Disposition.PARTLY, Disposition.NOT_ADOPTED):
        services.comments_disposition(
            actor=moderator,
            consultation=page,
            ids=[c.pk for c, d in comments if d == disposition],
            disposition=disposition,
        )
    services.offline_record_save(
        actor=moderator,
        consultation=page,
        kind=OfflineKind.HEARING,
        held_on=page.opens_on + dt.timedelta(days=14),
        place="南昌市交通运输局一楼会议室",
        participants="市民代表9名、公交企业代表2名、人大代表和政协委员各1名",
        conclusions="多数代表赞成方案，建议延长换乘优惠时间、扩大学生优惠范围。",
        comments=[(clauses["三（一）"], "建议换乘优惠时间延长到120分钟。")],
    )
    final = services.version_add(
        actor=None, consultation=page, text=TRANSIT_FINAL, label="最终文本", final=True
    )
    feedback = services.feedback_draft(actor=None, consultation=page, final_version=final)
    draft = feedback.get_latest_revision_as_object()
    rows = list(draft.rows.all())
    for row in rows:
        row.reason_adopted = TRANSIT_REASONS[Disposition.ADOPTED] if row.adopted else ""
        row.reason_partly = TRANSIT_REASONS[Disposition.PARTLY] if row.partly_adopted else ""
        row.reason_not = TRANSIT_REASONS[Disposition.NOT_ADOPTED] if row.not_adopted else ""
    draft.rows = rows
    draft.body = (
        f"<p>{page.opens_on:%Y年%m月%d日}至{page.closes_on:%Y年%m月%d日}，"
        "我局就本方案向社会公开征求意见，并召开听证会。现将意见采纳情况反馈如下。</p>"
    )
    draft.published_on = page.closes_on + dt.timedelta(days=20)
    draft.save_revision()
    _publish(draft)
    return ConsultationPage.objects.get(pk=page.pk)


def _decisions(
    orgs: dict[str, Organisation], today: dt.date
) -> tuple[MajorDecision, list[MajorDecision]]:
    catalogue = decision_services.catalogue_save(
        actor=None,
        government=orgs["nc"],
        year=today.year,
        note="经市委同意，现将本年度市人民政府重大行政决策事项目录予以公布。",
    )
    decisions = [
        decision_services.decision_save(
            actor=None,
            catalogue=catalogue,
            title=title,
            lead_unit=orgs[lead],
            summary=summary,
            planned_time=f"{today.year}年{planned}",
            order=i,
        )
        for i, (title, lead, summary, planned) in enumerate(DECISIONS, start=1)
    ]
    published = min(today, today.replace(month=1, day=1) + dt.timedelta(days=30))
    decision_services.catalogue_publish(actor=None, catalogue=catalogue, on=published)
    return decisions[0], decisions[1:]


def _decide(
    decision: MajorDecision, consultation: ConsultationPage, others: list[MajorDecision]
) -> None:
    closes = consultation.closes_on
    received = consultation.comments.count()
    steps = [
        (
            ProcedureKind.PUBLIC_PARTICIPATION,
            consultation.opens_on,
            (
                f"{consultation.opens_on:%Y年%m月%d日}至{closes:%Y年%m月%d日}"
                f"在市政府门户网站公开征求意见，召开听证会1场，共收到意见{received}条，"
                "采纳情况已向社会反馈。"
            ),
            consultation.full_url or "",
        ),
        (
            ProcedureKind.EXPERT,
            closes + dt.timedelta(days=5),
            "组织交通规划、财政、公共管理领域专家5名进行论证，专家认为方案总体可行。",
            "",
        ),
        (
            ProcedureKind.RISK,
            closes + dt.timedelta(days=9),
            "委托第三方机构开展社会稳定风险评估，评估等级为低风险。",
            "",
        ),
        (
            ProcedureKind.LEGALITY,
            closes + dt.timedelta(days=14),
            "市司法局进行合法性审查，出具合法性审查意见书，认为方案内容合法。",
            "",
        ),
        (
            ProcedureKind.COLLECTIVE,
            closes + dt.timedelta(days=21),
            "市人民政府常务会议审议通过。",
            "",
        ),
    ]
    for kind, held_on, summary, link in steps:
        decision_services.procedure_record(
            actor=None, decision=decision, kind=kind, held_on=held_on, summary=summary, link=link
        )
    decision_services.decision_decide(
        actor=None,
        decision=decision,
        decided_on=closes + dt.timedelta(days=21),
        outcome="同意实施，由市交通运输局会同市财政局组织实施。",
    )
    # The second decision is under way: its experts have met.
    decision_services.procedure_record(
        actor=None,
        decision=others[0],
        kind=ProcedureKind.EXPERT,
        held_on=closes + dt.timedelta(days=30),
        summary="召开专家论证会，对改造范围和资金筹措方式进行论证。",
    )


def load_participation(
    orgs: dict[str, Organisation] | None = None, *, moderator: User | None = None
) -> ParticipationDemo:
    """Add the consultations and the major decisions to a loaded demo city. ``orgs`` maps the
    demo's slugs nc, zjj, jyj, jtj and sthjj to units (default: the demo's own); the
    ``moderator`` (default: the demo's admin) moderates and tags the comments."""
    if orgs is None:
        orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=UNIT_SLUGS)}
    if moderator is None:
        moderator = get_user_model().objects.get(username="admin")
    today = timezone.localdate()
    with system_publication(REASON), transaction.atomic():
        decision, others = _decisions(orgs, today)
        result = _result(orgs["jtj"], moderator, today, decision)
        _decide(MajorDecision.objects.get(pk=decision.pk), result, others)
        closed = _closed(orgs["jyj"], moderator, today)
        open_ = _open(orgs["zjj"], moderator, today)
    return ParticipationDemo(open=open_, closed=closed, result=result, decision=decision)
