"""A world of objects of every kind owned by unit A (南昌市教育局), for the authorisation
matrix: staff of unit B and of another subtree must get, for each of them, the answer they
get for an object that does not exist. Every private text carries MARKER, so that a leak of
it into any response is found."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, UploadedFile, Workflow

from gongkai.organisations.models import Membership, Organisation, OrganisationGroup, Role
from gongkai.testing import make_policy, make_user, submit_for_review

MARKER = "甲局机密"  # in every private title, name and text of unit A
FILE_MARKER = "jiaju-secret"  # in every private file name of unit A


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class World:
    unit_a: Organisation
    unit_b: Organisation
    objects: dict[str, Any] = field(default_factory=dict)  # kind -> object of unit A
    roles: dict[str, Any] = field(default_factory=dict)  # role label -> user (None: anonymous)
    secrets: list[str] = field(default_factory=list)  # A's private texts, to look for


def build_world() -> World:
    from gongkai.applications import services as cases
    from gongkai.applications.models import Appeal, Attachment, LetterKind, LetterTemplate
    from gongkai.applications.tests.helpers import registered
    from gongkai.library.models import ColumnType
    from gongkai.library.services import column_of
    from gongkai.portal.models import ErrorReport
    from gongkai.reports.models import ReportFigure
    from gongkai.reports.services import report_draft
    from gongkai.review.models import LiveFinding, UnitTerm
    from gongkai.review.services import unit_add_step
    from gongkai.servicecatalog.models import ServiceItem

    users = get_user_model().objects.in_bulk(
        ["editor_a", "reviewer_a", "head_a", "officer_a", "editor_b", "head_b", "district_office"],
        field_name="username",
    )
    unit_a = Membership.objects.get(user=users["editor_a"]).organisation
    unit_b = Membership.objects.get(user=users["editor_b"]).organisation
    world = World(unit_a=unit_a, unit_b=unit_b)
    o = world.objects

    # Unit A's review road with a step of its own (a workflow and a task owned by A).
    # A step's name (法制审核) is no secret: Wagtail's task chooser lists every task by name.
    o["task"] = unit_add_step(
        unit=unit_a, name="法制审核", reviewers=[users["reviewer_a"]], actor=users["head_a"]
    )
    o["workflow"] = Workflow.objects.get(workflow_tasks__task=o["task"])

    column = column_of(unit_a, ColumnType.POLICY)
    o["column"] = column
    page = make_policy(unit_a, title=f"{MARKER}草稿文件", publish=False)
    page.save_revision(user=users["editor_a"])
    submit_for_review(page, users["editor_a"])
    o["page"] = Page.objects.get(pk=page.pk).specific
    o["revision"] = o["page"].latest_revision
    o["workflow_state"] = o["page"].current_workflow_state
    o["task_state"] = o["page"].current_workflow_task_state
    o["report"] = report_draft(actor=users["head_a"], organisation=unit_a, year=2025)

    o["document"] = get_document_model().objects.create(
        title=f"{MARKER}内部文件",
        file=ContentFile(b"%PDF-1.4 private", name=f"{FILE_MARKER}-doc.pdf"),
        collection_id=unit_a.collection_id,
        uploaded_by_user=users["editor_a"],
    )
    # Tags are labels, not private text: Wagtail's document listing offers every tag in use as
    # a filter (a known limit, in the report), so A's tag carries no marker.
    o["document"].tags.add("招生")
    o["image"] = get_image_model().objects.create(
        title=f"{MARKER}内部图片",
        file=ContentFile(_png(), name=f"{FILE_MARKER}-image.png"),
        collection_id=unit_a.collection_id,
        uploaded_by_user=users["editor_a"],
    )
    o["collection"] = unit_a.collection
    o["uploaded_file"] = UploadedFile.objects.create(
        file=ContentFile(b"%PDF-1.4 upload", name=f"{FILE_MARKER}-upload.pdf"),
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        uploaded_by_user=users["editor_a"],
    )
    o["editing_session"] = EditingSession.objects.create(
        user=users["editor_a"],
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )

    case = registered(
        unit_a, users["officer_a"], dt.date(2026, 3, 2), applicant_name=f"{MARKER}申请人"
    )
    o["case"] = case
    o["letter"] = cases.draft_letter(
        case,
        LetterKind.CORRECTION,
        actor=users["officer_a"],
        extra={"correction_items": "请补充", "deadline": dt.date(2026, 3, 20)},
    )
    o["attachment"] = Attachment.objects.create(
        application=case,
        file=ContentFile(b"%PDF-1.4 id card", name=f"{FILE_MARKER}-attachment.pdf"),
        original_name=f"{FILE_MARKER}-attachment.pdf",
        content_type="application/pdf",
        size=16,
    )
    o["appeal"] = Appeal.objects.create(
        organisation=unit_a,
        application=case,
        year=2025,
        kind="reconsideration",
        result="upheld",
        lesson=f"{MARKER}教训",
    )
    o["letter_template"] = LetterTemplate.objects.create(
        organisation=unit_a, code="reply.public", text=f"{MARKER}模板"
    )
    o["report_figure"] = ReportFigure.objects.create(
        organisation=unit_a, year=2025, key="licensing", value=3, source=f"{MARKER}来源"
    )
    o["error_report"] = ErrorReport.objects.create(
        category="other", description=f"{MARKER}纠错", page_url="/", organisation=unit_a
    )
    o["live_finding"] = LiveFinding.objects.create(
        page=page,
        organisation=unit_a,
        kind="personal",
        severity="block",
        excerpt=f"{MARKER}摘录",
        message=f"{MARKER}说明",
    )
    o["unit_term"] = UnitTerm.objects.create(
        organisation=unit_a, kind="sensitive", term=f"{MARKER}词"
    )
    # Service items are public data (listed with policies): no marker, only the owner matters.
    o["service_item"] = ServiceItem.objects.create(
        organisation=unit_a,
        name="教师资格认定",
        code="JIAJU-0001",
        kind="licensing",
        url="https://zwfw.example.gov.cn/jiaju-0001",
    )
    # A's consultation (a draft under review) and a comment on it with the sender's details.
    from gongkai.participation import decision_services
    from gongkai.participation import services as participation
    from gongkai.participation.models import Comment

    o["consultation"] = participation.consultation_create(
        actor=users["editor_a"],
        unit=unit_a,
        title=f"{MARKER}征求意见稿",
        kind="other",
        opens_on=dt.date(2026, 3, 2),
        closes_on=dt.date(2026, 3, 20),
        draft_text="第一条 为规范管理，制定本办法。\n第二条 本办法自发布之日起施行。",
    )
    o["comment"] = Comment.objects.create(
        consultation=o["consultation"],
        text=f"{MARKER}意见内容",
        public_text=f"{MARKER}意见内容",
        name=f"{MARKER}张三",
        contact="13907911234",
        submitter_key="world",
    )
    # A major decision of A's (重大行政决策): its catalogue is not published, so the public
    # pages (/zdjc/) answer 404 for it as for a missing one, and other units' staff too.
    o["decision_catalogue"] = decision_services.catalogue_save(
        actor=None, government=unit_a, year=2026, note=f"{MARKER}目录说明"
    )
    o["decision"] = decision_services.decision_save(
        actor=None,
        catalogue=o["decision_catalogue"],
        title=f"{MARKER}决策事项",
        lead_unit=unit_a,
        participation_waiver_reason=f"{MARKER}理由",
    )
    decision_services.procedure_record(
        actor=None,
        decision=o["decision"],
        kind="legality",
        held_on=dt.date(2026, 3, 2),
        summary=f"{MARKER}审查意见",
    )
    # 在线访谈 (issue 15): A's event, not yet published (the public and other units: 404), with a
    # question carrying the sender's contact.
    # local import: as the other objects here, built once the app registry is ready
    from gongkai.events import services as events

    start = dt.datetime(2030, 5, 1, 9, 0, tzinfo=dt.UTC)
    o["event"] = events.event_save(
        actor=users["editor_a"],
        unit=unit_a,
        data=events.EventData(
            kind="interview",
            title=f"{MARKER}在线访谈",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
        ),
    )
    o["event"].questions.create(
        text=f"{MARKER}网友问题", name=f"{MARKER}李四", contact="13907911234", submitter_key="w"
    )

    # --- issue 15, mailbox: a letter written to A through the public service, with the
    # writer's details; a file of it, an unpublished FAQ entry of A and a category.
    from gongkai.mailbox import intake_services
    from gongkai.mailbox.models import Category, FaqEntry, LetterAttachment

    o["mailbox_letter"], _code = intake_services.letter_submit(
        channel="consult",
        unit=unit_a,
        category=None,
        subject=f"{MARKER}来信标题",
        body=f"{MARKER}来信内容",
        name=f"{MARKER}写信人",
        phone="13907914321",
        email="",
        address=f"{MARKER}地址",
        consent_publish=True,
        attachments=[],
        token="",
        submitter_key="world",
    )
    o["mailbox_attachment"] = LetterAttachment.objects.create(
        letter=o["mailbox_letter"],
        file=ContentFile(b"%PDF-1.4 letter", name=f"{FILE_MARKER}-letter.pdf"),
        name=f"{FILE_MARKER}-letter.pdf",
        size=15,
    )
    o["faq_entry"] = FaqEntry.objects.create(
        organisation=unit_a, question=f"{MARKER}常见问题", answer=f"{MARKER}答复", published=False
    )
    o["mailbox_category"] = Category.objects.create(name="教育招生", default_unit=unit_a)
    # --- issue 15 (evaluation): A's policy evaluation, a draft, of a policy A published (the
    # policy is public: no marker). Its staff screens answer other units 404.
    from gongkai.evaluation import services as evaluation_services

    o["evaluation"] = evaluation_services.evaluation_create(
        actor=users["editor_a"],
        unit=unit_a,
        policy=make_policy(unit_a, title="甲局已公开的政策"),
        title=f"{MARKER}政策评价",
        method=f"{MARKER}评价方式",
    )
    # 政务舆情 (opinion): an incident the city's office assigned to A, with a response A keeps
    # internal (not on /zwyq/). Other units and the district's office must get 404 for it.
    from gongkai.opinion import services as opinion

    o["incident"] = opinion.incident_register(
        actor=None,
        office=unit_a.get_parent(),
        source="social",
        link="https://weibo.example.com/jiaju",
        first_seen_at=timezone.now() - dt.timedelta(hours=2),
        summary=f"{MARKER}舆情摘要",
        level="major",
        matter=f"{MARKER}舆情事项",
        unit=unit_a,
        reason=f"{MARKER}分办理由",
    )
    opinion.response_record(
        actor=None,
        incident=o["incident"],
        kind="other",
        published_at=timezone.now() - dt.timedelta(hours=1),
        title=f"{MARKER}内部回应",
        url="https://jiaju.example.gov.cn/internal",
        public=False,
    )
    # 政府开放周: A's draft event (not public: /kfz/<pk>/ answers 404 as for a missing one) and a
    # registration on it with the person's details.
    from gongkai.openweek import services as openweek
    from gongkai.openweek.models import Registration

    starts = timezone.make_aware(dt.datetime(2030, 5, 10, 9, 0))
    o["open_event"] = openweek.event_save(
        actor=users["editor_a"],
        unit=unit_a,
        fields=openweek.EventFields(
            title=f"{MARKER}开放日",
            description=f"{MARKER}活动介绍",
            venue=f"{MARKER}会议室",
            address="",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
            capacity=10,
            registration_opens_at=starts - dt.timedelta(days=20),
            registration_closes_at=starts - dt.timedelta(days=1),
            needs_id=False,
        ),
    )
    o["open_registration"] = Registration.objects.create(
        event=o["open_event"],
        number="KFWORLD-0001",
        serial=1,
        name=f"{MARKER}报名人",
        phone="13907915678",
        status="confirmed",
        checkin_code="WORLD1",
        query_digest="world",
    )
    o["membership"] = Membership.objects.get(user=users["editor_a"], organisation=unit_a)
    o["organisation"] = unit_a
    o["user"] = users["editor_a"]
    o["group"] = Group.objects.get(
        pk=OrganisationGroup.objects.get(organisation=unit_a, role=Role.EDITOR).group_id
    )
    # Reference data without an owner, and the page content type (Django admin's shortcut).
    from wagtail.models import Site

    from gongkai.testing import any_topic
    from gongkai.workdays.models import CalendarDay, CalendarYear

    o["site"] = Site.objects.get(is_default_site=True)
    o["topic"] = any_topic()
    o["calendar_day"] = CalendarDay.objects.order_by("pk").first()
    o["calendar_year"] = CalendarYear.objects.order_by("pk").first()
    o["tag"] = o["document"].tags.first()
    o["page_content_type"] = ContentType.objects.get_for_model(type(o["page"]))
    o["redirect"] = Redirect.objects.create(old_path="/jiaju-old", redirect_page=page)
    # A's editor's second factor: its key and QR code are secrets of that person alone.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    o["totp_device"] = TOTPDevice.objects.create(
        user=users["editor_a"], name=f"{MARKER}手机", confirmed=True
    )

    # --- mailbox statistics (issue 15, mbstats) ---------------------------------------------
    # A letter to A unanswered for months: the inspection view (/admin/letter-stats/) lists it
    # by number and subject as a veto item (单项否决) to A's staff and the city's office only.
    from gongkai.mailbox.models import Channel as LetterChannel
    from gongkai.mailbox.models import Letter as MailboxLetter
    from gongkai.mailbox.models import LetterStatus

    o["mailbox_veto_letter"] = MailboxLetter.objects.create(
        organisation=unit_a,
        received_by=unit_a,
        channel=LetterChannel.CONSULT,
        year=2026,
        serial=990001,
        number="WORLD-VETO-1",
        subject=f"{MARKER}来信标题",
        body=f"{MARKER}来信内容",
        name=f"{MARKER}李四",
        received_on=dt.date(2026, 1, 5),
        due_on=dt.date(2026, 1, 12),
        status=LetterStatus.ASSIGNED,
    )
    # --- end mailbox statistics ---------------------------------------------------------------

    roles = {
        "editor_b": users["editor_b"],
        "reviewer_b": make_user("reviewer_b", roles=[(unit_b, Role.REVIEWER)]),
        "head_b": users["head_b"],
        "officer_b": make_user("officer_b", roles=[(unit_b, Role.DISCLOSURE_OFFICER)]),
        # An overseer (政务公开办) of another subtree: the district's, which does not hold A.
        "district_office": users["district_office"],
        "anonymous": None,
    }
    world.roles = roles
    world.secrets = _secrets(o)
    return world


def _secrets(objects: dict[str, Any]) -> list[str]:
    """Every private text of unit A in the world (a search for MARKER echoes MARKER itself)."""
    from django.db.models import CharField, TextField
    from django.db.models.fields.files import FileField

    found: set[str] = set()
    for obj in objects.values():
        for f in obj._meta.concrete_fields:
            if isinstance(f, (CharField, TextField, FileField)):
                text = str(getattr(obj, f.attname) or "")
                if (MARKER in text and text != MARKER) or FILE_MARKER in text:
                    found.add(text.rsplit("/", 1)[-1])
    return sorted(found)
