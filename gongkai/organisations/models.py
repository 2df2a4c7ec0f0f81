"""The tree of units that disclose information, and staff memberships with roles."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from gongkai.organisations.identifiers import validate_credit_code, validate_org_code


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("人民政府")
    DEPARTMENT = "department", _("政府工作部门")
    ZONE = "zone", _("开发区管委会")
    TOWNSHIP = "township", _("乡镇")
    STREET = "street", _("街道")
    INSTITUTION = "institution", _("公共企事业单位")


# Which kinds may sit under which. A township or street is the bottom of the tree; a public
# institution may sit under the government or department that supervises it.
ALLOWED_CHILD_KINDS: dict[str, frozenset[str]] = {
    OrganisationKind.GOVERNMENT: frozenset(OrganisationKind.values),
    OrganisationKind.DEPARTMENT: frozenset({OrganisationKind.INSTITUTION}),
    OrganisationKind.ZONE: frozenset(
        {
            OrganisationKind.DEPARTMENT,
            OrganisationKind.TOWNSHIP,
            OrganisationKind.STREET,
            OrganisationKind.INSTITUTION,
        }
    ),
    OrganisationKind.TOWNSHIP: frozenset(),
    OrganisationKind.STREET: frozenset(),
    OrganisationKind.INSTITUTION: frozenset(),
}


class Organisation(MP_Node):
    """一个公开主体：人民政府、部门、乡镇街道或公共企事业单位。

    The materialised path (treebeard) makes "this unit and everything under it" one indexed
    prefix query, which the overseer scoping and the city-wide statistics rely on.
    """

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    slug = models.SlugField(
        _("网址标识"),
        max_length=40,
        unique=True,
        help_text=_("用于网址，如 fgw（发展和改革委员会）。只能包含字母、数字和连字符。"),
    )
    kind = models.CharField(_("类型"), max_length=20, choices=OrganisationKind.choices)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18位，GB 32100。没有时填写机构代码。"),
    )
    org_code = models.CharField(
        _("机构代码"),
        max_length=10,
        blank=True,
        validators=[validate_org_code],
        help_text=_("组织机构代码或网站使用的机构编码，用于索引号。"),
    )
    is_active = models.BooleanField(_("在用"), default=True)

    # 政府信息公开工作机构 contact data, shown in the 公开指南 (条例 第十二条).
    office_name = models.CharField(_("公开工作机构名称"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    office_fax = models.CharField(_("传真"), max_length=40, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)

    # The unit's 政府信息公开 column in the page tree and its file collection: set when the unit's
    # site is created (gongkai.provisioning.services.unit_create); staff permissions attach to them.
    home_page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    node_order_by: ClassVar[list[str]] = ["name"]

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="organisation_unique_credit_code",
            ),
            models.CheckConstraint(
                condition=~models.Q(credit_code="", org_code=""),
                name="organisation_has_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def index_code(self) -> str:
        """The code that opens this unit's 索引号 (`<code>/YYYY-NNNNN`, DOMAIN.md §3)."""
        return self.credit_code or self.org_code

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        super().clean()
        if not self.credit_code and not self.org_code:
            raise ValidationError(_("统一社会信用代码和机构代码至少填写一项（用于生成索引号）。"))


class Role(models.TextChoices):
    """What a member of staff does for a unit. The capabilities of each are in policies.py."""

    EDITOR = "editor", _("编辑（起草）")
    REVIEWER = "reviewer", _("审核")
    DISCLOSURE_OFFICER = "disclosure_officer", _("依申请公开经办")
    UNIT_HEAD = "unit_head", _("单位负责人")
    OVERSEER = "overseer", _("政务公开办（监督本级及下级）")


class Membership(models.Model):
    """A member of staff holds a role for one unit (overseers: for the unit and its subtree)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("用户"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("机构")
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("授权时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("人员角色")
        verbose_name_plural = _("人员角色")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class OrganisationGroup(models.Model):
    """The Wagtail/Django group that carries one role's permissions on one unit's pages.

    Derived data: rebuilt from Membership by services.sync_user_groups; never edited by hand.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="organisation_role")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role"], name="orggroup_unique_role")
        ]

    def __str__(self) -> str:
        return self.group.name
