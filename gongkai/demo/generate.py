"""Build the demo city (once): units, staff accounts, services, 500+ policy documents with
interpretations and relations, notices, news and the real seed document.

Deterministic (fixed random seed) so that every newcomer sees the same system.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page

from gongkai.applications import services as cases
from gongkai.demo import content
from gongkai.demo.evaluation import load_evaluation
from gongkai.demo.events import load_events
from gongkai.demo.mailbox import load_mailbox
from gongkai.demo.openweek import load_openweek
from gongkai.demo.opinion import load_opinion
from gongkai.demo.participation import load_participation
from gongkai.demo.units import CITY, UNITS, DemoUnit, credit_code
from gongkai.library import services as library
from gongkai.library.importing.service import find_topic, import_policy_page
from gongkai.library.models import (
    ColumnType,
    DocType,
    Genre,
    InterpretationForm,
    NewsPage,
    NoticePage,
    PolicyDocumentPage,
)
from gongkai.library.publication import system_publication
from gongkai.library.validity import RelationKind
from gongkai.organisations import services as org_services
from gongkai.organisations.models import Organisation, Role
from gongkai.portal.models import (
    HomePage,
    ThematicColumnItem,
    ThematicColumnPage,
    ThematicIndexPage,
)
from gongkai.provisioning import services as provisioning
from gongkai.servicecatalog.models import ServiceItem

SEED_FILE = Path(__file__).resolve().parent / "data" / "nanchang-2024-work-points.txt"
DEMO_PASSWORD = "gongkai-demo"  # demo accounts only; documented in the README

# (username, unit slug, role, description) — listed in the README.
DEMO_STAFF = [
    ("bianji", "jyj", Role.EDITOR, "市教育局 编辑"),
    ("shenhe", "jyj", Role.REVIEWER, "市教育局 审核"),
    ("fuzeren", "jyj", Role.UNIT_HEAD, "市教育局 负责人"),
    ("yishenqing", "jyj", Role.DISCLOSURE_OFFICER, "市教育局 依申请公开经办"),
    ("rsj_bianji", "rsj", Role.EDITOR, "市人社局 编辑"),
    ("rsj_fuzeren", "rsj", Role.UNIT_HEAD, "市人社局 负责人"),
    ("gongkaiban", "nc", Role.OVERSEER, "市政府办公室 政务公开办（全市）"),
    ("dhq_gongkaiban", "dhq", Role.OVERSEER, "东湖区政务公开办（东湖区）"),
    ("szfbgt_fuzeren", "szfbgt", Role.UNIT_HEAD, "市政府办公室 负责人"),
]
TARGET_DOCUMENTS = 520


@dataclass
class DemoStats:
    units: int = 0
    users: int = 0
    services: int = 0
    documents: int = 0
    interpretations: int = 0
    relations: int = 0
    notices: int = 0
    messages: list[str] = field(default_factory=list)


def demo_present() -> bool:
    return Organisation.objects.filter(slug="nc", name=CITY).exists()


def load_demo(
    progress: Callable[[str], None] = lambda _m: None, *, documents: int = TARGET_DOCUMENTS
) -> DemoStats | None:
    """Load the demo data unless it is there already (returns None then)."""
    if demo_present():
        return None

    with system_publication("演示数据（gongkai demo）"):
        return _load(progress, documents)


def _load(progress: Callable[[str], None], documents: int) -> DemoStats:
    rng = random.Random(2024)
    stats = DemoStats()
    with transaction.atomic():
        orgs = _create_units(stats)
        progress(f"机构 {stats.units} 个")
        _create_staff(orgs, stats)
        services = _create_services(orgs, stats)
        progress(f"办事事项 {stats.services} 项")
    _create_documents(
        orgs, services=services, rng=rng, stats=stats, progress=progress, documents=documents
    )
    _thematic_columns(stats)
    _under_review(orgs, stats)
    _applications(orgs, stats)
    load_participation(orgs)
    load_events(orgs)  # 在线访谈: an archived interview and an upcoming press conference
    load_mailbox(orgs)  # issue 15: mailbox categories and letters (public side)
    load_evaluation(orgs.get("jyj"))  # issue 15: one published 政策落实结果评价
    load_opinion(orgs)
    load_openweek(orgs)  # 政府开放周: one upcoming event with a waiting list, one past
    stats.messages.append(
        "意见征集：征集中、已结束、已公布采纳情况各 1 件；重大行政决策 1 项已完成五项法定程序"
    )
    with transaction.atomic():
        page, _created = import_policy_page(
            SEED_FILE, unit_name="南昌市人民政府办公室", topic="综合政务\\政务公开"
        )
        stats.documents += 1
        stats.messages.append(f"已导入真实文件《{page.title}》")
    return stats


@transaction.atomic
def _under_review(orgs: dict[str, Organisation], stats: DemoStats) -> None:
    """Two drafts of 市教育局 waiting in the 先审后发 workflow: one the checker passed (for
    ``shenhe``'s 保密审查), one it stopped (an ID number and a classification marking)."""

    editor = get_user_model().objects.get(username="bianji")
    unit = orgs["jyj"]
    topic = find_topic("科技、教育\\教育")
    drafts = [
        (
            "南昌市教育局关于做好2026年秋季学期中小学开学工作的通知",
            (
                "<p>各县（区）教育局：为做好2026年秋季学期开学工作，确保校园安全稳定，"
                "现就有关事项通知如下。</p><p>一、做好开学准备。二、加强安全管理。</p>"
            ),
        ),
        (
            "南昌市教育局关于公布2026年市级优秀教师名单的通知",
            (
                "<p>机密★1年</p><p>经评审，现将名单公布如下：李明，身份证号360102198507150013，"
                "联系电话13907911234。</p>"
            ),
        ),
    ]
    for title, body in drafts:
        page = library.policy_save(
            actor=editor,
            unit=unit,
            issuers=[unit],
            publish=False,
            title=title,
            doc_type="other",
            topic=topic,
            written_on=dt.date(2026, 9, 1),
            body=body,
        )
        page = Page.objects.get(pk=page.pk).specific
        page.get_workflow().start(page, editor)
    stats.messages.append("审核中：市教育局 2 件（其中 1 件被自动检查拦截）")


@transaction.atomic
def _applications(orgs: dict[str, Organisation], stats: DemoStats) -> None:
    """A few 依申请公开 cases of 市教育局 in different states, for the demo accounts."""

    users = get_user_model().objects
    officer, head = users.get(username="yishenqing"), users.get(username="fuzeren")
    unit = orgs["jyj"]
    today = timezone.localdate()
    people = [
        ("刘芳", "东湖区2025年小学招生划片范围", 2),
        ("陈建国", "本市中小学课后服务收费标准的文件", 12),
        ("南昌某某教育咨询有限公司", "2025年民办学校办学许可证发放名单", 25),
        ("赵丽", "2024年教师招聘考试成绩复核办法", 40),
    ]
    for n, (name, wanted, days_ago) in enumerate(people):
        fields = {
            "applicant_type": "natural" if n != 2 else "commercial",
            "applicant_name": name,
            "id_doc_type": "id_card" if n != 2 else "",
            "id_number": "11010519491231002X" if n != 2 else "",
            "credit_code": "" if n != 2 else "91360102MA35L12342",
            "contact_person": "" if n != 2 else "王经理",
            "phone": "13907911234",
            "description": wanted,
            "delivery_form": "electronic",
            "delivery_way": "online",
        }
        case = cases.register(
            unit,
            fields,
            actor=officer,
            channel="in_person",
            received_on=today - dt.timedelta(days=days_ago),
        ).case
        if n >= 1:
            case = cases.assign(case, actor=officer, handler=officer)
        if n == 3:
            cases.draft_reply(case, actor=officer, outcome_code="disclosed")
            cases.approve_reply(case, actor=head, note="同意")
            cases.mark_replied(case, actor=officer)
    stats.messages.append(f"依申请公开：市教育局 {len(people)} 件（含已答复 1 件）")


THEMES = [
    (
        "稳就业 保民生",
        "wjy",
        "高校毕业生、就业困难人员、退役军人的就业创业政策一站汇集。",
        ["就业", "创业"],
    ),
    (
        "优化营商环境",
        "yshj",
        "惠企政策“快享直达”：融资、技术改造、市场主体登记。",
        ["企业", "营商"],
    ),
    ("义务教育招生入学", "zsrx", "招生政策、划片范围、民办学校招生计划。", ["招生", "幼儿园"]),
]


@transaction.atomic
def _thematic_columns(stats: DemoStats) -> None:
    """专题专栏 on the home page, each gathering the live documents on its theme."""

    home = ThematicIndexPage.objects.child_of(HomePage.objects.get()).get()
    for title, slug, intro, words in THEMES:
        match = Q()
        for word in words:
            match |= Q(title__contains=word)
        docs = PolicyDocumentPage.objects.live().filter(match).order_by("-published_on")[:8]
        if not docs:
            continue
        now = timezone.now()
        column = ThematicColumnPage(
            title=title,
            slug=slug,
            intro=f"<p>{escape(intro)}</p>",
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        column.items = [ThematicColumnItem(document=d, sort_order=i) for i, d in enumerate(docs)]
        home.add_child(instance=column)
        stats.messages.append(f"专题专栏《{title}》：{len(docs)} 件")


def _create_units(stats: DemoStats) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    by_name: dict[str, Organisation] = {}
    for i, unit in enumerate(UNITS, start=1):
        parent = by_name.get(unit.parent) if unit.parent else None
        org = provisioning.unit_create(
            actor=None,
            parent=parent,
            name=unit.name,
            short_name=unit.short,
            slug=unit.slug,
            kind=unit.kind,
            credit_code=credit_code(i * 7919),
            office_name=f"{unit.short}政务公开办公室",
            office_address=f"南昌市红谷滩区卧龙路{999 - i}号",
            office_postcode="330038",
            office_hours="工作日 上午9:00-12:00，下午13:30-17:00",
            office_phone=f"0791-8388{i:04d}",
            office_fax=f"0791-8389{i:04d}",
            office_email=f"gk_{unit.slug.replace('-', '_')}@nc.gov.cn",
        )
        orgs[unit.slug] = org
        by_name[unit.name] = org
        stats.units += 1
    return orgs


def _create_staff(orgs: dict[str, Organisation], stats: DemoStats) -> None:
    users = get_user_model().objects
    if not users.filter(username="admin").exists():
        users.create_superuser("admin", "admin@example.gov.cn", DEMO_PASSWORD)
        stats.users += 1
    for username, slug, role, description in DEMO_STAFF:
        user = users.filter(username=username).first()
        if user is None:
            user = users.create_user(
                username, f"{username}@example.gov.cn", DEMO_PASSWORD, first_name=description
            )
            stats.users += 1
        org_services.membership_grant(actor=None, user=user, organisation=orgs[slug], role=role)


def _create_services(
    orgs: dict[str, Organisation], stats: DemoStats
) -> dict[str, list[ServiceItem]]:
    result: dict[str, list[ServiceItem]] = {}
    for unit in UNITS:
        org = orgs[unit.slug]
        items = []
        for n, (name, kind) in enumerate(content.DOMAINS[unit.domain]["services"], start=1):
            code = f"{org.credit_code[8:17]}-{kind[:2].upper()}-{n:03d}"
            item = ServiceItem.objects.create(
                name=name,
                code=code,
                organisation=org,
                kind=kind,
                url=f"https://jxzwfww.jiangxi.gov.cn/item/{code}",
                summary=f"{unit.short}办理的{name}事项，可网上申请、全程网办。",
            )
            items.append(item)
            stats.services += 1
        result[unit.slug] = items
    return result


def _body(subject: str, unit: str, year: int, rng: random.Random) -> str:
    paras = [rng.choice(content.OPENINGS).format(subject=subject)]
    numerals = "一二三四五六七八九"
    for i, (heading, text) in enumerate(rng.sample(content.SECTIONS, k=rng.randint(3, 6))):
        paras.append(f"{numerals[i]}、{heading}")
        paras.append(text.format(subject=subject, end=year + 2, days=rng.choice([5, 10, 15])))
    paras.append(rng.choice(content.CLOSINGS).format(years=rng.choice([3, 5]), organ=unit))
    return "".join(f"<p>{escape(p)}</p>" for p in paras)


def _doc_number(unit: DemoUnit, year: int, serial: int, doc_type: str) -> str:
    if doc_type == DocType.RULE:
        return f"南昌市人民政府令第{150 + serial}号"
    return f"{unit.abbr}〔{year}〕{serial}号"


def _create_documents(
    orgs: dict[str, Organisation],
    *,
    services: dict[str, list[ServiceItem]],
    rng: random.Random,
    stats: DemoStats,
    progress: Callable[[str], None],
    documents: int,
) -> None:
    issuing_units = [u for u in UNITS if u.kind != "institution"]
    serials: dict[tuple[str, int], int] = {}
    created: list[tuple[DemoUnit, PolicyDocumentPage, str]] = []
    today = dt.date(2026, 11, 20)
    for n in range(documents):
        unit = issuing_units[n % len(issuing_units)]
        org = orgs[unit.slug]
        domain = content.DOMAINS[unit.domain]
        subject = rng.choice(domain["subjects"])
        year = rng.choice([2020, 2021, 2022, 2023, 2024, 2024, 2025, 2025, 2026, 2026])
        written = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        if written > today:
            written = today - dt.timedelta(days=rng.randint(5, 60))
            year = written.year
        published = written + dt.timedelta(days=rng.randint(0, 6))
        roll = rng.random()
        if unit.slug == "nc" and roll < 0.15:
            doc_type = DocType.RULE
        elif roll < 0.35:
            doc_type = DocType.NORMATIVE
        else:
            doc_type = DocType.OTHER
        key = (unit.slug, year)
        serials[key] = serials.get(key, 0) + 1
        issuers = [org]
        if rng.random() < 0.06:
            partner = orgs[
                rng.choice([u.slug for u in issuing_units if u.parent == unit.parent and u != unit])
            ]
            issuers.append(partner)
        title = content.policy_title(
            rng.choice(content.TITLE_FORMS),
            unit="、".join(o.name for o in issuers) if len(issuers) > 1 else org.name,
            year=year,
            subject=subject,
        )
        if doc_type == DocType.RULE:
            title = f"南昌市{subject}规定"
        # Employment policies are what citizens look for most: the demo interprets them all.
        flagship = "就业" in subject
        is_major = flagship or (doc_type != DocType.OTHER and rng.random() < 0.45)
        valid_until = None
        if doc_type == DocType.NORMATIVE:
            valid_until = written.replace(year=written.year + rng.choice([2, 3, 5])) - dt.timedelta(
                days=1
            )
        topic = find_topic(rng.choice(domain["topics"]))
        # The random draw stays (the demo is the same city as before); the services linked are
        # those the subject concerns (issue 12: 就业之家 was linked to a pension registration).
        rng.sample(services[unit.slug], k=min(len(services[unit.slug]), rng.randint(1, 2)))
        related = content.SUBJECT_SERVICES.get(subject, ())
        page = library.policy_save(
            actor=None,
            unit=org,
            issuers=issuers,
            publish=False,
            services=[item for item in services[unit.slug] if item.name in related],
            title=title,
            doc_type=doc_type,
            genre=Genre.ORDER if doc_type == DocType.RULE else Genre.NOTICE,
            doc_number=_doc_number(unit, year, serials[key], doc_type),
            topic=topic,
            written_on=written,
            published_on=published,
            valid_from=published,
            valid_until=valid_until,
            keywords=content.subject_keywords(subject),
            is_major=is_major,
            body=_body(subject, org.name, year, rng),
        )
        interpreted = (
            flagship or (is_major and rng.random() < 0.9) or (not is_major and rng.random() < 0.12)
        )
        if interpreted:
            _interpret(org, page, subject, rng, stats, excerpt=rng.random() < 0.2)
        if not is_major or interpreted:
            page.get_latest_revision().publish()
        stats.documents += 1
        created.append((unit, page, subject))
        if (n + 1) % 100 == 0:
            progress(f"政策文件 {n + 1}/{documents}")
    _relate(created, rng, stats)
    _notices_and_news(orgs, rng, stats)


def _interpret(
    org: Organisation,
    policy: PolicyDocumentPage,
    subject: str,
    rng: random.Random,
    stats: DemoStats,
    *,
    excerpt: bool,
) -> None:
    if excerpt:
        # 形式化解读: the policy's own paragraphs under headings — the measure flags it.
        facets = [("content", policy.body)]
        questions: list[tuple[str, str]] = []
        body = "<p>现将文件主要内容摘录如下。</p>"
    else:
        kinds = rng.sample(list(content.FACETS), k=rng.randint(4, 7))
        facets = [
            (k, f"<p>{escape(content.FACETS[k].format(subject=subject, organ=org.name))}</p>")
            for k in kinds
        ]
        questions = [
            (q, f"<p>{escape(a)}</p>")
            for q, a in rng.sample(content.QUESTIONS, k=rng.randint(1, 3))
        ]
        body = f"<p>近日，{escape(org.name)}印发了《{escape(policy.title)}》。现就有关内容解读如下。</p>"
    library.interpretation_save(
        actor=None,
        unit=org,
        policy=policy,
        publish=True,
        facets=facets,
        questions=questions,
        title=f"《{policy.title}》政策解读",
        form=rng.choice(
            [InterpretationForm.TEXT, InterpretationForm.QA, InterpretationForm.OFFICIAL]
        ),
        interpreter=f"{org.display_short_name}政策解读专员",
        published_on=policy.published_on,
        body=body,
    )
    stats.interpretations += 1


def _relate(
    created: list[tuple[DemoUnit, PolicyDocumentPage, str]], rng: random.Random, stats: DemoStats
) -> None:
    """Newer documents of a unit on the same subject replace, amend or abolish older ones."""
    by_subject: dict[tuple[str, str], list[PolicyDocumentPage]] = {}
    for unit, page, subject in created:
        by_subject.setdefault((unit.slug, subject), []).append(page)
    groups = [docs for docs in by_subject.values() if len(docs) >= 2]
    rng.shuffle(groups)
    kinds = [
        RelationKind.REPLACES,
        RelationKind.REPLACES,
        RelationKind.ABOLISHES,
        RelationKind.AMENDS,
    ]
    if not groups:  # a small demo: the newest document replaces the oldest, whoever issued them
        groups, kinds = [[page for _unit, page, _subject in created]], [RelationKind.REPLACES]
    for docs in groups[:45]:
        ordered = sorted(docs, key=lambda d: (d.written_on, d.pk))
        old = PolicyDocumentPage.objects.get(pk=ordered[0].pk)
        new = PolicyDocumentPage.objects.get(pk=ordered[-1].pk)  # fresh: its live state now
        if old.written_on >= new.written_on or not new.live:
            continue
        latest = new.get_latest_revision_as_object()
        library.policy_save(
            actor=None,
            unit=latest.organisation,
            issuers=latest.units,
            publish=True,
            existing=new,
            relations=[(rng.choice(kinds), old)],
        )
        stats.relations += 1


def _notices_and_news(orgs: dict[str, Organisation], rng: random.Random, stats: DemoStats) -> None:
    for slug, org in orgs.items():
        for model, column, subjects in (
            (NoticePage, ColumnType.NOTICE, content.NOTICE_SUBJECTS),
            (NewsPage, ColumnType.NEWS, content.NEWS_SUBJECTS),
        ):
            parent = library.column_of(org, column)
            for i, subject in enumerate(rng.sample(subjects, k=2)):
                day = dt.date(2026, rng.randint(6, 11), rng.randint(1, 20))
                page = model(
                    title=f"{org.display_short_name}{subject}",
                    slug=f"{day:%Y%m%d}-{i}",
                    published_on=day,
                    body=f"<p>{escape(org.name)}{escape(subject)}。有关事项详见正文。</p>",
                )
                parent.add_child(instance=page)
                page.save_revision().publish()
                stats.notices += 1
        _ = slug
