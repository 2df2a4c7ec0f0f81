"""The demo city's 政府开放周 (issue 15): an upcoming open day of 市教育局 with seats taken and
a waiting list (one cancellation already moved the first waiting person up), and a past open
day of 市生态环境局 with attendance, feedback and its public summary.

Everything goes through openweek.services. Dates are relative to now, so the demo stays valid
whenever it is loaded; the past event's registrations, check-ins and feedback are given the
times they would have had (the services take ``now``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.core.types import User
from gongkai.openweek import services
from gongkai.openweek.models import OpenEvent
from gongkai.openweek.validators import with_check_digit
from gongkai.organisations.models import Organisation

NAMES = ("王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴刚", "徐丽")


@dataclass(frozen=True)
class OpenWeekDemo:
    upcoming: OpenEvent
    past: OpenEvent


def _phone(n: int) -> str:
    return f"1390791{n:04d}"


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def load_openweek(
    orgs: dict[str, Organisation] | None = None, *, actor: User | None = None
) -> OpenWeekDemo:
    """Add the open days to a loaded demo city: ``orgs`` maps the demo's slugs jyj and sthjj
    to units (default: the demo's own); ``actor`` (default: the demo's admin) organises."""
    if orgs is None:
        orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=("jyj", "sthjj"))}
    admin = actor or get_user_model().objects.get(username="admin")
    now = timezone.now()
    today = timezone.localdate()

    # Upcoming: registration open now, 6 seats, 9 sign-ups, one cancelled -> 6 confirmed, 2 waiting.
    day = today + dt.timedelta(days=10)
    upcoming = services.event_save(
        actor=admin,
        unit=orgs["jyj"],
        fields=services.EventFields(
            title="走进市教育局：招生考试服务开放日",
            description=(
                "参观市招生考试服务大厅和中小学学位申请受理窗口，听取今年义务教育招生政策解读，"
                "与业务处室负责同志面对面交流。活动约2小时，请提前15分钟到达。"
            ),
            venue="南昌市教育局一楼招生考试服务大厅",
            address="南昌市红谷滩区卧龙路999号",
            starts_at=_at(day, 9),
            ends_at=_at(day, 11),
            capacity=6,
            registration_opens_at=now - dt.timedelta(days=3),
            registration_closes_at=_at(day - dt.timedelta(days=1), 17),
            needs_id=False,
        ),
    )
    upcoming = services.event_publish(actor=admin, event=upcoming)
    signed = [
        services.register(event=upcoming, name=NAMES[n], phone=_phone(n), key="demo")
        for n in range(9)
    ]
    services.registration_cancel(number=signed[1].registration.number, code=signed[1].code)

    # Past: 8 seats taken, 7 came, 5 rated; the summary is public. ID numbers were needed.
    day = today - dt.timedelta(days=20)
    opens = _at(day - dt.timedelta(days=14), 9)
    past = services.event_save(
        actor=admin,
        unit=orgs["sthjj"],
        fields=services.EventFields(
            title="生态环境监测站开放日",
            description="参观空气质量自动监测站和水质实验室，了解监测数据的采集和发布。",
            venue="南昌市生态环境监测站",
            address="南昌市青山湖区北京东路1号",
            starts_at=_at(day, 14),
            ends_at=_at(day, 16),
            capacity=8,
            registration_opens_at=opens,
            registration_closes_at=_at(day - dt.timedelta(days=1), 17),
            needs_id=True,
        ),
        now=opens,
    )
    past = services.event_publish(actor=admin, event=past)
    came = []
    for n in range(8):
        result = services.register(
            event=past,
            name=NAMES[n + 2],
            phone=_phone(50 + n),
            id_number=with_check_digit(f"36010219800101{n + 10:03d}"),
            key="demo",
            now=opens + dt.timedelta(hours=n + 1),
        )
        if n < 7:
            services.check_in(
                actor=admin,
                event=past,
                code=result.registration.checkin_code,
                now=_at(day, 14) - dt.timedelta(minutes=10 - n),
            )
            came.append(result)
    remarks = (
        (5, "第一次看到监测数据是怎么来的，讲解很清楚。"),
        (5, "希望多组织这样的活动，带孩子来很有收获。"),
        (4, "实验室参观时间稍短，建议延长。"),
        (4, ""),
        (3, "停车不方便，建议在通知中写明公交线路。"),
    )
    after = _at(day, 17)
    for result, (rating, text) in zip(came, remarks, strict=False):
        services.feedback_submit(
            number=result.registration.number, code=result.code, rating=rating, text=text, now=after
        )
    services.summary_save(
        actor=admin,
        event=past,
        summary=(
            "本次开放日共有7位市民参加。市民参观了空气质量自动监测站和水质实验室，"
            "监测站技术人员介绍了监测数据的采集、审核和发布流程，并现场解答了关于"
            "空气质量指数和饮用水水源水质的问题。\n"
            "市民提出的延长实验室参观时间、在活动通知中写明交通线路等建议，"
            "将在下一次开放日中改进。"
        ),
        publish=True,
        now=after,
    )
    return OpenWeekDemo(upcoming=upcoming, past=past)
