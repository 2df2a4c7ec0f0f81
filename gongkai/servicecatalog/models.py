"""Service items (办事事项) of the online service hall, linked from policies."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ServiceKind(models.TextChoices):
    """Types of 政务服务事项 (国办发〔2018〕45号 catalogue categories)."""

    LICENSING = "licensing", _("行政许可")
    BENEFIT = "benefit", _("行政给付")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ServiceItem(index.Indexed, models.Model):
    """办事事项: what a citizen or enterprise does to act on a policy, and where to do it."""

    name = models.CharField(_("事项名称"), max_length=200)
    code = models.CharField(
        _("事项编码"), max_length=60, unique=True, help_text=_("政务服务事项编码（实施编码）。")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="service_items",
        verbose_name=_("实施机构"),
    )
    kind = models.CharField(_("事项类型"), max_length=20, choices=ServiceKind.choices)
    url = models.URLField(_("网上办理地址"), help_text=_("网上办事大厅中该事项的办理页面。"))
    summary = models.TextField(_("简要说明"), blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    panels: ClassVar[list[Any]] = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("organisation"),
        FieldPanel("kind"),
        FieldPanel("url"),
        FieldPanel("summary"),
        FieldPanel("is_active"),
    ]
    search_fields: ClassVar[list[Any]] = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("organisation"),
        # The admin listing searches within the user's units' items (a pk__in filter).
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("办事事项")
        verbose_name_plural = _("办事事项")
        ordering: ClassVar[list[str]] = ["organisation", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"
