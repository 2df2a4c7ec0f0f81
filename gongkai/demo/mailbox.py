"""The demo city's mailbox, public side (issue 15): a few letter categories with the unit that
answers them, and letters written by citizens through the public service
(mailbox.intake_services.letter_submit) in the past weeks — to a chosen unit, routed by
category, and left for the disclosure office to route — so that the staff side has a queue.
The oldest letters of units are answered through the staff service (the reply page goes
through publication as the review's last step would publish it), rated by their writers, and one
answer becomes a 常见问题 entry; the rest stay in the queue.

Dates are relative to today, and letters are submitted oldest first so that their numbers
follow the order of receipt. Personal data is made up; one letter carries a phone number in its
text, which the publication must mask.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.utils import timezone

from gongkai.library.publication import system_publication
from gongkai.mailbox import intake_services, services
from gongkai.mailbox.models import Category, Channel, Letter, LetterReplyPage, Satisfaction
from gongkai.organisations.models import Organisation
from gongkai.workdays.calendar import DatabaseCalendar
from gongkai.workdays.deadlines import add_workdays

UNIT_SLUGS = ("nc", "zjj", "jyj", "jtj", "sthjj")

# Category name → the demo unit that answers it (None: the disclosure office routes).
CATEGORIES: list[tuple[str, str | None]] = [
    ("教育", "jyj"),
    ("交通出行", "jtj"),
    ("生态环境", "sthjj"),
    ("住房建设", "zjj"),
    ("其他", None),
]

# (days ago, channel, unit slug or "", category, subject, body, name, phone, consent)
LETTERS: list[tuple[int, str, str, str, str, str, str, str, bool]] = [
    (
        40,
        Channel.CONSULT,
        "jyj",
        "教育",
        "小学入学报名需要哪些材料",
        "孩子今年满六周岁，户籍在东湖区，请问小学入学报名需要准备哪些材料？",
        "王丽",
        "13807910001",
        True,
    ),
    (
        30,
        Channel.COMPLAINT,
        "",
        "交通出行",
        "公交站台遮雨棚损坏",
        "八一大道青山路口公交站台的遮雨棚破损多日，下雨时候车乘客无处避雨，请尽快修复。",
        "李明",
        "13807910002",
        True,
    ),
    (
        21,
        Channel.LEADER,
        "nc",
        "其他",
        "建议增加社区养老服务点",
        "我家老人今年八十岁，我的电话13807910003，建议在老旧小区增设社区养老服务点。",
        "张华",
        "13807910003",
        True,
    ),
    (
        14,
        Channel.CONSULT,
        "",
        "住房建设",
        "公租房申请条件咨询",
        "请问外地户籍在南昌工作满几年可以申请公租房？需要缴纳社保多长时间？",
        "陈静",
        "13807910004",
        True,
    ),
    (
        9,
        Channel.COMPLAINT,
        "",
        "生态环境",
        "夜间施工噪声扰民",
        "红谷滩某工地连续一周夜间施工到凌晨，噪声很大，影响附近居民休息。",
        "刘强",
        "13807910005",
        False,
    ),
    (
        6,
        Channel.CONSULT,
        "",
        "其他",
        "办理居住证的地点",
        "请问办理居住证应该去哪里，需要提前预约吗？",
        "赵敏",
        "13807910006",
        True,
    ),
    (
        3,
        Channel.CONSULT,
        "jtj",
        "交通出行",
        "地铁末班车时间能否延长",
        "下班较晚，建议地铁1号线周五末班车时间延长半小时。",
        "孙伟",
        "13807910007",
        True,
    ),
    (
        1,
        Channel.LEADER,
        "",
        "教育",
        "建议中小学延时服务更灵活",
        "建议学校课后延时服务允许家长按需选择时段，不要一律到晚上七点。",
        "周芳",
        "13807910008",
        True,
    ),
]


@dataclass
class MailboxDemo:
    categories: list[Category]
    letters: list[Letter]


def _categories(orgs: dict[str, Organisation]) -> list[Category]:
    rows = []
    for order, (name, slug) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            name=name, defaults={"default_unit": orgs.get(slug) if slug else None, "order": order}
        )
        rows.append(category)
    return rows


def load_mailbox(
    orgs: dict[str, Organisation] | None = None, *, answerer: AuthUser | None = None
) -> MailboxDemo:
    """Add the categories and the letters to a loaded demo city. ``orgs`` maps the demo's slugs
    nc, zjj, jyj, jtj and sthjj to units (default: the demo's own); ``answerer`` (default: the
    demo's admin) answers the letters of ANSWERS."""
    if orgs is None:
        orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=UNIT_SLUGS)}
    now = timezone.now()
    with transaction.atomic():
        categories = {c.name: c for c in _categories(orgs)}
        letters = []
        for days, channel, slug, category, subject, body, name, phone, consent in LETTERS:
            letter, _code = intake_services.letter_submit(
                channel=channel,
                unit=orgs.get(slug) if slug else None,
                category=categories[category],
                subject=subject,
                body=body,
                name=name,
                phone=phone,
                email="",
                address="",
                consent_publish=consent,
                attachments=[],
                token="",
                submitter_key=f"demo-{phone}",
                now=now - dt.timedelta(days=days),
            )
            letters.append(letter)
        _answer_oldest(letters, answerer or get_user_model().objects.get(username="admin"))
    return MailboxDemo(categories=list(categories.values()), letters=letters)


ANSWERS = {
    "小学入学报名需要哪些材料": (
        (
            "您好！适龄儿童小学入学报名需准备：户口簿、房屋产权证明或租赁备案证明、儿童预防接种证。"
            "具体报名时间以各区教育局公告为准。感谢您的来信。"
        ),
        Satisfaction.SATISFIED,
        "答复清楚，谢谢。",
    ),
    "公交站台遮雨棚损坏": (
        "您好！经核实，该站台遮雨棚已于来信后第三个工作日修复。感谢您对城市公共设施的关心。",
        Satisfaction.BASIC,
        "",
    ),
}
REASON = "演示数据：来信答复已审核（系统）"


def _answer_oldest(letters: list[Letter], admin: AuthUser) -> None:
    """Answer the letters of ANSWERS through the staff service, publish their reply pages (as the
    review's last step does) and let the writers rate them; answers are dated a few working days
    after receipt, within the period, as a unit that answers on time would."""
    calendar = DatabaseCalendar()
    for letter in letters:
        if letter.subject not in ANSWERS or letter.organisation is None:
            continue
        text, satisfaction, comment = ANSWERS[letter.subject]
        page = services.answer_draft(actor=admin, letter=letter, answer_text=text, publish=True)
        with system_publication(REASON):
            revision = LetterReplyPage.objects.get(pk=page.pk).get_latest_revision()
            if revision is not None:
                revision.publish()
        answered_on = add_workdays(calendar, letter.received_on, 3)
        # The demo's history: answered three working days after receipt (demo data may write).
        Letter.objects.filter(pk=letter.pk).update(
            answered_on=answered_on,
            answered_at=timezone.make_aware(dt.datetime.combine(answered_on, dt.time(16, 30))),
        )
        letter.refresh_from_db()
        intake_services.letter_rate(letter=letter, satisfaction=satisfaction, comment=comment)
        if satisfaction == Satisfaction.SATISFIED and letter.organisation is not None:
            services.faq_save(
                actor=admin,
                unit=letter.organisation,
                question=letter.public_subject or letter.subject,
                answer=text,
                source=letter,
            )
