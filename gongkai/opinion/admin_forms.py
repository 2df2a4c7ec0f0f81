"""Forms of the staff screens of the public-opinion register. They parse and bound input; the
rules (who may, what is allowed) are the services'."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from gongkai.opinion.models import CONFIGURABLE_LEVELS, Level, ResponseKind, Source, http_url
from gongkai.organisations.models import Organisation

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _when(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, input_formats=DATETIME_FORMATS, widget=DateTimeLocal(), help_text=help_text
    )


class HttpURLField(forms.URLField):
    """A web address: http or https only (Django's own accepts ftp too)."""

    default_validators = [http_url]
    default_error_messages = {"invalid": http_url.message}


def _link(label: StrOrPromise, required: bool, help_text: StrOrPromise = "") -> HttpURLField:
    return HttpURLField(
        label=label, required=required, max_length=500, assume_scheme="https", help_text=help_text
    )


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Model) -> str:
        return str(getattr(obj, "name", obj))


class IncidentForm(forms.Form):
    office = UnitChoice(label=_("登记机关"), queryset=Organisation.objects.none())
    source = forms.ChoiceField(label=_("来源"), choices=Source.choices)
    link = _link(
        _("舆情链接"), required=False, help_text=_("首次发现舆情的网页地址（http/https）。")
    )
    first_seen_at = _when(_("首次发现时间"), _("回应时限自此时起计算（国办发〔2016〕61号）。"))
    level = forms.ChoiceField(label=_("舆情级别"), choices=Level.choices)
    matter = forms.CharField(label=_("涉及事项"), max_length=200)
    summary = forms.CharField(label=_("舆情摘要"), max_length=4000, widget=forms.Textarea)
    unit = UnitChoice(
        label=_("回应责任单位"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("谁主管谁回应：由主管该事项的单位回应。可稍后确定。"),
    )
    reason = forms.CharField(
        label=_("确定理由"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如：该事项属于该单位法定职责。"),
    )

    def __init__(
        self, *args: Any, offices: QuerySet[Organisation], units: QuerySet[Organisation], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if offices.count() == 1:
            self.fields["office"].initial = offices.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("unit") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("请说明确定责任单位的理由（谁主管谁回应）。"))
        return data


class AssignForm(forms.Form):
    unit = UnitChoice(label=_("回应责任单位"), queryset=Organisation.objects.none())
    reason = forms.CharField(
        label=_("确定理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


def live_page_at(path: str) -> Page | None:
    """The live page of the default site at ``path`` (a path or a full address of our site)."""
    path = urlsplit(path).path if "://" in path else path
    if not path.startswith("/") or any(ord(ch) < 32 for ch in path):
        return None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + path.strip("/") + "/" if path.strip("/") else ""
    if not url_path:
        return None
    return Page.objects.live().filter(url_path=url_path).first()


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(label=_("回应方式"), choices=ResponseKind.choices)
    published_at = _when(_("发布时间"))
    title = forms.CharField(label=_("标题"), max_length=200)
    url = _link(_("发布网址"), required=False, help_text=_("回应发布的网页地址（http/https）。"))
    page_path = forms.CharField(
        label=_("本站页面地址"),
        required=False,
        max_length=500,
        help_text=_(
            "回应发布在本站时，填写该页面的地址，例如 /xxgk/jyj/fdzdgknr/tzgg/20261207/；"
            "发布网址与本站页面至少填一项。"
        ),
    )
    public = forms.BooleanField(label=_("在舆情回应栏目公开"), required=False, initial=True)

    def clean_page_path(self) -> str:
        value = str(self.cleaned_data.get("page_path") or "").strip()
        self.page = live_page_at(value) if value else None
        if value and self.page is None:
            raise forms.ValidationError(_("本站没有这个已发布的页面。"))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.pop("page_path", None)
        data["page"] = getattr(self, "page", None)
        if not data.get("url") and not data.get("page") and not self.errors:
            self.add_error("url", _("请填写回应的发布网址或选择本站页面。"))
        return data


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("关闭理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodsForm(forms.Form):
    """The hours of the configurable levels (较大, 一般)."""

    def __init__(self, *args: Any, current: dict[str, int], **kw: Any) -> None:
        super().__init__(*args, **kw)
        for level in CONFIGURABLE_LEVELS:
            self.fields[level] = forms.IntegerField(
                label=_("%(level)s舆情回应时限（小时）") % {"level": Level(level).label},
                min_value=1,
                max_value=720,
                initial=current[level],
            )
