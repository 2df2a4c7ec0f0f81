"""The demo city's public-opinion register (政务舆情回应, 国办发〔2016〕61号): a major incident
answered on time (authoritative information within 5 h, a press conference within 24 h), a
general one answered late, and one still open. The city's disclosure office (``gongkaiban``)
registers and assigns them; the units' editors record the responses, which show on /zwyq/.

Everything goes through opinion.services. Times are relative to now, so the demo stays
meaningful whenever it is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.opinion import services
from gongkai.opinion.models import Incident
from gongkai.organisations.models import Organisation

UNIT_SLUGS = ("nc", "jyj", "rsj")


@dataclass
class OpinionDemo:
    on_time: Incident
    late: Incident
    open: Incident


def load_opinion(orgs: dict[str, Organisation] | None = None) -> OpinionDemo:
    if orgs is None:
        orgs = {o.slug: o for o in Organisation.objects.filter(slug__in=UNIT_SLUGS)}
    users = get_user_model().objects.in_bulk(
        ["gongkaiban", "bianji", "rsj_bianji"], field_name="username"
    )
    # The demo's accounts; absent (a test city) the system acts for them.
    office, jyj_editor = users.get("gongkaiban"), users.get("bianji")
    rsj_editor = users.get("rsj_bianji")
    now = timezone.now().replace(second=0, microsecond=0)

    def at(days: float, hours: float = 0) -> dt.datetime:
        return now - dt.timedelta(days=days) + dt.timedelta(hours=hours)

    with transaction.atomic():
        seen = at(4)
        on_time = services.incident_register(
            actor=office,
            office=orgs["nc"],
            source="social",
            link="https://weibo.example.com/nc/food-2026",
            first_seen_at=seen,
            summary="网络流传某小学学生午餐后集体身体不适的视频，转发量较大。",
            level="major",
            matter="学校食品安全",
            unit=orgs["jyj"],
            reason="中小学校园食品安全由市教育局会同市场监管部门主管，按“谁主管谁回应”由市教育局回应。",
        )
        services.response_record(
            actor=jyj_editor,
            incident=on_time,
            kind="authoritative",
            published_at=seen + dt.timedelta(hours=3),
            title="市教育局关于某小学学生午餐后身体不适情况的通报",
            url="https://jyj.nc.example.gov.cn/tzgg/tb-food.html",
        )
        services.response_record(
            actor=jyj_editor,
            incident=on_time,
            kind="press_conference",
            published_at=seen + dt.timedelta(hours=20),
            title="校园食品安全专项检查新闻发布会",
            url="https://jyj.nc.example.gov.cn/xwfbh/food.html",
        )

        seen = at(6)
        late = services.incident_register(
            actor=office,
            office=orgs["nc"],
            source="hotline",
            first_seen_at=seen,
            summary="12345热线集中反映社保缴费系统月初无法登录。",
            level="general",
            matter="社保缴费系统故障",
            unit=orgs["rsj"],
            reason="社会保险经办系统由市人社局主管。",
        )
        services.response_record(
            actor=rsj_editor,
            incident=late,
            kind="briefing",
            published_at=seen + dt.timedelta(hours=60),
            title="关于社保缴费系统升级期间办理渠道的说明",
            url="https://rsj.nc.example.gov.cn/tzgg/jfxt.html",
        )

        open_ = services.incident_register(
            actor=office,
            office=orgs["nc"],
            source="media",
            link="https://news.example.com/nc/school-bus",
            first_seen_at=at(0, -6),
            summary="本地媒体报道部分校车接送时间过早，家长反映强烈。",
            level="large",
            matter="校车接送时间",
            unit=orgs["jyj"],
            reason="校车管理属市教育局职责。",
        )
    return OpinionDemo(on_time=on_time, late=late, open=open_)
