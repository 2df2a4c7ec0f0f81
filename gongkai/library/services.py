"""Writes for the policy library: units' columns, documents, interpretations, validity.

Admin edits go through Wagtail's page actions; the rules those must respect live here
(publication_problems) and are enforced on every publishing path by wagtail_hooks.py and the
page classes' publish(). The CLI, importers and demo data create content through the
functions below, which produce the same revisions and log entries as the admin.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Required, TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents.models import Document
from wagtail.models import Page

from gongkai.library import policies
from gongkai.library.models import (
    ColumnPage,
    ColumnType,
    DisclosureGuidePage,
    DisclosureIndexPage,
    DisclosureMode,
    DisclosureSystemPage,
    DocumentRelation,
    InterpretationFacet,
    InterpretationPage,
    InterpretationQuestion,
    PolicyDocumentPage,
    PolicyIssuer,
    StatutoryContentPage,
    Topic,
    UnitPage,
)
from gongkai.library.publication import system_publication
from gongkai.library.signals import validity_changed
from gongkai.library.validity import ENDING_KINDS, Act, derive_validity
from gongkai.organisations.models import Organisation

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Column slugs follow the pinyin initials that Chinese government sites commonly use.
STATUTORY_COLUMNS: list[tuple[str, str, str]] = [
    (ColumnType.POLICY, "政策文件", "zcwj"),
    (ColumnType.INTERPRETATION, "政策解读", "zcjd"),
    (ColumnType.NOTICE, "通知公告", "tzgg"),
    (ColumnType.NEWS, "工作动态", "gzdt"),
]


# --- Units' columns -------------------------------------------------------------------------------


@transaction.atomic
def unit_columns_ensure(org: Organisation, disclosure_index: DisclosureIndexPage) -> UnitPage:
    """Create (once) the unit's 政府信息公开 column under ``disclosure_index``: its guide,
    system, 法定主动公开内容 columns and the annual-report column. Creating a whole unit (with
    its collection, groups and the site around it) is provisioning.services.unit_create."""
    unit = UnitPage.objects.filter(organisation=org).first()
    if unit is not None:
        return unit
    unit = _add_live(disclosure_index, UnitPage(title=org.name, slug=org.slug, organisation=org))
    # The column page is the unit's home page from now on: the pages added under it find
    # their unit through it (organisations.selectors.unit_of_page).
    org.home_page = unit
    org.save(update_fields=["home_page"])
    _add_live(
        unit,
        DisclosureGuidePage(title="政府信息公开指南", slug="gkzn", body=_default_guide_body(org)),
    )
    _add_live(unit, DisclosureSystemPage(title="政府信息公开制度", slug="gkzd", body=""))
    statutory = _add_live(unit, StatutoryContentPage(title="法定主动公开内容", slug="fdzdgknr"))
    for column, title, slug in STATUTORY_COLUMNS:
        _add_live(statutory, ColumnPage(title=title, slug=slug, column=column))
    _add_live(
        unit, ColumnPage(title="政府信息公开年报", slug="gknb", column=ColumnType.ANNUAL_REPORT)
    )
    # Only 意见征集 at creation; the issue-15 columns come when first published into, so that a
    # unit does not show empty columns (an inspection counts those, DOMAIN.md §5).
    consultation_column_ensure(unit)
    return unit


# Columns a unit gets when it first needs them (and new units at creation): type, title, slug.
ON_DEMAND_COLUMNS: dict[str, tuple[str, str]] = {
    ColumnType.CONSULTATION: ("意见征集", "yjzj"),  # issue 14
    ColumnType.LETTERS: ("来信选登", "lxxd"),  # issue 15: answered letters (gongkai.mailbox)
    ColumnType.EVALUATION: ("政策评价", "zcpj"),  # issue 15: 政策落实结果评价
}


def column_ensure(unit: UnitPage, column_type: str) -> ColumnPage:
    """The unit's column of ``column_type`` (one of ON_DEMAND_COLUMNS), created live the first
    time something is published into it."""
    column = ColumnPage.objects.child_of(unit).filter(column=column_type).first()
    if column is not None:
        return column
    title, slug = ON_DEMAND_COLUMNS[column_type]
    return _add_live(unit, ColumnPage(title=title, slug=slug, column=column_type))


def consultation_column_ensure(unit: UnitPage) -> ColumnPage:
    """The unit's 意见征集 column (issue 14)."""
    return column_ensure(unit, ColumnType.CONSULTATION)


def _add_live(parent: Page, page: Page) -> Page:
    """Add a structural page, live from the start. Structural pages begin without a revision;
    their first edit in the admin creates one, as for any page."""
    now = timezone.now()
    page.live, page.first_published_at, page.last_published_at = True, now, now
    with system_publication("单位政府信息公开栏目初建（系统）"):
        parent.add_child(instance=page)
    return page


def _default_guide_body(org: Organisation) -> str:
    return (
        f"<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，"
        f"编制{escape(org.name)}政府信息公开指南。</p>"
        "<p>一、主动公开：本机关主动公开的政府信息通过本网站“法定主动公开内容”栏目发布。</p>"
        "<p>二、依申请公开：公民、法人或者其他组织可以向本机关申请获取相关政府信息，"
        "申请时须提供身份证明、联系方式、所需政府信息的名称或文号等特征描述，"
        "以及获取信息的方式和途径。本机关收到申请后，能够当场答复的当场答复；"
        "不能当场答复的，自收到申请之日起20个工作日内予以答复（条例第三十三条）。</p>"
        "<p>三、公开工作机构的名称、地址、办公时间、联系电话、传真和电子邮箱见下方。</p>"
    )


def column_of(org: Organisation, column: str) -> ColumnPage:
    unit = org.unit_page
    return ColumnPage.objects.descendant_of(unit).get(column=column)


# --- Publication rules ----------------------------------------------------------------------------


def publication_problems(page: Page) -> list[str]:
    """Why this page (the content about to go live) may not be published; empty if it may."""
    problems: list[str] = []
    specific = page.specific if type(page) is Page else page
    if isinstance(specific, PolicyDocumentPage):
        if specific.disclosure_mode == DisclosureMode.NOT_DISCLOSED:
            problems.append(_("公开方式为“不予公开”的文件不能在网站发布（条例第十四至十六条）。"))
        if specific.is_major and specific.pk and not _has_live_interpretation(specific):
            problems.append(
                _(
                    "重大政策须与政策解读同步发布（三同步，国办发〔2016〕80号）："
                    "请先发布本文件的政策解读（解读在文件发布前不会公开显示）。"
                )
            )
        if specific.is_major and not specific.pk:
            problems.append(_("重大政策须先保存草稿并关联政策解读后方可发布（三同步）。"))
    if isinstance(specific, InterpretationPage) and specific.policy_id is None:
        problems.append(_("政策解读必须关联所解读的政策文件。"))
    return problems


def _has_live_interpretation(policy: PolicyDocumentPage) -> bool:
    return InterpretationPage.objects.filter(policy=policy, live=True).exists()


def check_publishable(page: Page) -> None:
    problems = publication_problems(page)
    if problems:
        raise ValidationError(problems)


# --- Validity ---------------------------------------------------------------------------------


def _acts_on(document: PolicyDocumentPage) -> list[Act]:
    rows = (
        DocumentRelation.objects.filter(target=document, source__live=True, kind__in=ENDING_KINDS)
        .select_related("source")
        .order_by("pk")
    )
    acts = []
    for rel in rows:
        src = rel.source
        effective = rel.effective_on or src.valid_from or src.published_on or timezone.localdate()
        acts.append(
            Act(kind=rel.kind, source_id=src.pk, source_title=src.title, effective_on=effective)
        )
    return acts


def apply_derived_validity(document: PolicyDocumentPage, *, today: dt.date | None = None) -> bool:
    """Recompute the document's 有效性 and store it if it changed. Returns whether it changed."""
    derived = derive_validity(
        today=today or timezone.localdate(),
        valid_until=document.valid_until,
        abolished_on=document.abolished_on,
        abolition_note=document.abolition_note,
        acts=_acts_on(document),
    )
    current = (
        document.validity,
        document.validity_changed_on,
        document.validity_reason,
        document.superseded_by_id,
    )
    wanted = (derived.validity, derived.changed_on, derived.reason, derived.superseded_by_id)
    if current == wanted:
        return False
    document.validity, document.validity_changed_on = derived.validity, derived.changed_on
    document.validity_reason, document.superseded_by_id = derived.reason, derived.superseded_by_id
    # A plain UPDATE: validity is derived state, not content, so it gets no revision of its own,
    # and any later publish of an older revision recomputes it in save().
    PolicyDocumentPage.objects.filter(pk=document.pk).update(
        validity=derived.validity,
        validity_changed_on=derived.changed_on,
        validity_reason=derived.reason,
        superseded_by_id=derived.superseded_by_id,
    )

    validity_changed.send(sender=PolicyDocumentPage, document=document)
    return True


def refresh_validity_around(source: PolicyDocumentPage) -> int:
    """After ``source`` was published, unpublished or deleted: recompute every document it acts
    on now or acted on before (those it superseded). Returns how many changed."""
    ids = set(DocumentRelation.objects.filter(source=source).values_list("target_id", flat=True))
    ids |= set(PolicyDocumentPage.objects.filter(superseded_by=source).values_list("pk", flat=True))
    ids.discard(source.pk)
    changed = 0
    for doc in PolicyDocumentPage.objects.filter(pk__in=ids):
        changed += apply_derived_validity(doc)
    return changed


def refresh_all_validity(*, today: dt.date | None = None) -> int:
    """Daily: documents whose validity period ended or whose abolition date arrived."""
    changed = 0
    for doc in PolicyDocumentPage.objects.all().iterator():
        changed += apply_derived_validity(doc, today=today)
    return changed


# --- Creating content from code (import, demo data, CLI) ---------------------------------------


def unique_child_slug(parent: Page, base: str, *, fallback: str = "doc") -> str:
    """A slug from ``base`` that no child of ``parent`` has yet (``base-2``, ``base-3``...):
    every app that adds pages to a column names them with it."""
    base = slugify(base, allow_unicode=True)[:60] or fallback
    slug, n = base, 2
    while Page.objects.child_of(parent).filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


DEFAULT_PUBLISH_REASON = "导入已在其他渠道公开的文件（命令行/批量导入）"


def _publish_outside_workflow(revision: Any, actor: User | None, reason: str) -> None:
    """The services publish directly only for imports (documents already public elsewhere) and
    the CLI; the review record says so, with the reason (library.publication.system_publication).
    Content written in Gongkai is published by the 先审后发 workflow."""
    with system_publication(reason or DEFAULT_PUBLISH_REASON, actor):
        revision.publish(user=actor, skip_permission_checks=True)


class PolicyFields(TypedDict, total=False):
    """The metadata a policy document is saved with (``policy_save``'s keyword arguments); the
    derived fields (索引号, 有效性, the parsed 发文字号) are the model's and the services' own.
    A new document needs a title (the model's validation says so); an update may omit it."""

    title: str
    slug: str
    body: str
    published_on: dt.date | None
    written_on: dt.date
    topic: Topic | None
    doc_type: str
    genre: str
    doc_number: str
    keywords: str
    is_major: bool
    disclosure_mode: str
    non_disclosure_reason: str
    disclosure_scope: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    abolished_on: dt.date | None
    abolition_note: str
    import_key: str
    search_description: str


class InterpretationFields(TypedDict, total=False):
    """The fields an interpretation is saved with (``interpretation_save``)."""

    title: Required[str]
    slug: str
    body: str
    published_on: dt.date | None
    form: str
    interpreter: str
    video: Document | None
    video_url: str


def _check_save(actor: User | None, unit: Organisation, publish: bool, refusal: str) -> None:
    """A person drafts where they may; publishing from a service (``publish=True``) is for the
    system alone (imports of documents already public elsewhere, the demo city): a person's
    content is published by the 先审后发 workflow (条例第十七条, 保密审查 before publication)."""
    if publish and not policies.may_publish_outside_review(actor):
        raise PermissionDenied(
            _("发布须经审核（先审后发）：请保存草稿并提交审核，经单位负责人签发后发布。")
        )
    if actor is not None and not policies.can_draft_in(actor, unit):
        raise PermissionDenied(refusal)


@transaction.atomic
def policy_save(
    *,
    actor: User | None,
    unit: Organisation,
    issuers: list[Organisation],
    publish: bool,
    existing: PolicyDocumentPage | None = None,
    services: list[Any] | None = None,
    relations: list[tuple[str, PolicyDocumentPage]] | None = None,
    publish_reason: str = "",
    **fields: Unpack[PolicyFields],
) -> PolicyDocumentPage:
    """Create (or update ``existing``) a policy document in ``unit``'s 政策文件 column."""
    _check_save(actor, unit, publish, _("您没有权限在该单位编辑政策文件。"))
    page = existing.get_latest_revision_as_object() if existing else PolicyDocumentPage()
    for name, value in fields.items():
        setattr(page, name, value)
    page.issuers = [PolicyIssuer(organisation=o, sort_order=i) for i, o in enumerate(issuers)]
    if relations is not None:
        page.relations = [
            DocumentRelation(kind=kind, target=target, sort_order=i)
            for i, (kind, target) in enumerate(relations)
        ]
    if existing is None:
        column = column_of(unit, ColumnType.POLICY)
        # The 索引号 is allocated first so that the address can carry it: …/zcwj/2026-00012/
        index_number = page.ensure_index_number(unit.pk)
        page.slug = unique_child_slug(column, fields.get("slug") or index_number.rsplit("/", 1)[-1])
        page.owner = actor
        page.live = False  # a draft until its revision is published (Page.live defaults to True)
        page.full_clean(exclude=["path", "depth", "numchild", "slug", "url_path"])
        column.add_child(instance=page)
    else:
        page.full_clean()
    if services is not None:
        page.services.set(services)
    revision = page.save_revision(user=actor, log_action=True)
    if publish:
        check_publishable(page)
        _publish_outside_workflow(revision, actor, publish_reason)
    return PolicyDocumentPage.objects.get(pk=page.pk)


@transaction.atomic
def interpretation_save(
    *,
    actor: User | None,
    unit: Organisation,
    policy: PolicyDocumentPage,
    publish: bool,
    facets: list[tuple[str, str]] = (),  # type: ignore[assignment]
    questions: list[tuple[str, str]] = (),  # type: ignore[assignment]
    publish_reason: str = "",
    **fields: Unpack[InterpretationFields],
) -> InterpretationPage:

    _check_save(actor, unit, publish, _("您没有权限在该单位编辑政策解读。"))
    column = column_of(unit, ColumnType.INTERPRETATION)
    page = InterpretationPage(policy=policy, **fields)
    page.slug = unique_child_slug(column, f"jd-{policy.slug}")
    page.owner = actor
    page.live = False
    page.facets = [
        InterpretationFacet(kind=k, text=t, sort_order=i) for i, (k, t) in enumerate(facets)
    ]
    page.questions = [
        InterpretationQuestion(question=q, answer=a, sort_order=i)
        for i, (q, a) in enumerate(questions)
    ]
    column.add_child(instance=page)
    revision = page.save_revision(user=actor, log_action=True)
    if publish:
        check_publishable(page)
        _publish_outside_workflow(revision, actor, publish_reason)
    return InterpretationPage.objects.get(pk=page.pk)


@transaction.atomic
def interpretation_draft_from(*, actor: Any, policy: PolicyDocumentPage) -> InterpretationPage:
    """三同步 is one job: the interpretation draft of a policy, created from it — in the policy's
    unit, linked to it, titled 《…》解读, the unit as interpreter (谁起草、谁解读). An existing
    draft of the policy's interpretation is returned instead of a second one."""

    unit = policy.organisation
    if unit is None or not policies.can_draft_in(actor, unit):
        raise PermissionDenied(_("您没有权限在该单位起草政策解读。"))
    existing = InterpretationPage.objects.filter(policy=policy).order_by("pk").first()
    if existing is not None:
        return existing
    title = policy.get_latest_revision_as_object().title if policy.pk else policy.title
    return interpretation_save(
        actor=actor,
        unit=unit,
        policy=policy,
        publish=False,
        title=f"《{title}》解读"[:255],
        interpreter=unit.name[:100],
    )
