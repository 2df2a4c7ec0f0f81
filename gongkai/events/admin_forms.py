"""Forms of the staff screens (在线访谈 in the Wagtail admin). Plain forms: every write goes
through events.services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.events.models import Event, EventGuest, EventKind, PreQuestion, validate_video_url
from gongkai.events.services import MAX_ENTRY_CHARS, EventData
from gongkai.library.models import InterpretationPage, PolicyDocumentPage
from gongkai.organisations.models import Organisation

OFFERED = 200  # policies offered at once; the search box narrows the list


class _Local(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def offered_policies(query: str, chosen: list[int]) -> QuerySet[PolicyDocumentPage]:
    pages = PolicyDocumentPage.objects.live()
    if query:
        pages = pages.filter(Q(title__icontains=query) | Q(pk__in=chosen))
    ids = list(pages.order_by("-first_published_at").values_list("pk", flat=True)[:OFFERED])
    pages = PolicyDocumentPage.objects.filter(pk__in=[*ids, *chosen]).live()
    return cast("QuerySet[PolicyDocumentPage]", pages.order_by("title"))


def offered_interpretations(query: str, chosen: list[int]) -> QuerySet[InterpretationPage]:
    pages = InterpretationPage.objects.live()
    if query:
        pages = pages.filter(Q(title__icontains=query) | Q(pk__in=chosen))
    ids = list(pages.order_by("-first_published_at").values_list("pk", flat=True)[:OFFERED])
    found = InterpretationPage.objects.filter(pk__in=[*ids, *chosen]).live()
    return cast("QuerySet[InterpretationPage]", found.order_by("title"))


class EventForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("主办单位"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("类别"), choices=EventKind.choices)
    title = forms.CharField(label=_("标题"), max_length=200)
    summary = forms.CharField(
        label=_("简介"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=_Local())
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=_Local())
    video_url = forms.CharField(
        label=_("视频地址"),
        required=False,
        max_length=500,
        validators=[validate_video_url],
        help_text=_("以 http:// 或 https:// 开头的视频或直播地址，可不填。"),
    )
    policies = forms.ModelMultipleChoiceField(
        label=_("解读的政策文件"),
        required=False,
        queryset=PolicyDocumentPage.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("按住 Ctrl（苹果电脑为 ⌘ 键）可多选；列表太长时先用上方“查找政策”缩小范围。"),
    )
    interpretations = forms.ModelMultipleChoiceField(
        label=_("相关政策解读"),
        required=False,
        queryset=InterpretationPage.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Organisation],
        event: Event | None = None,
        query: str = "",
        **kwargs: Any,
    ) -> None:
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "unit": event.organisation_id,
                "kind": event.kind,
                "title": event.title,
                "summary": event.summary,
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "video_url": event.video_url,
                "policies": list(event.policies.values_list("pk", flat=True)),
                "interpretations": list(event.interpretations.values_list("pk", flat=True)),
            }
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if event is not None:
            del self.fields["unit"]  # an event stays with its unit
        chosen_p = list(event.policies.values_list("pk", flat=True)) if event else []
        chosen_i = list(event.interpretations.values_list("pk", flat=True)) if event else []
        self.fields["policies"].queryset = offered_policies(query, chosen_p)  # type: ignore[attr-defined]
        self.fields["interpretations"].queryset = offered_interpretations(query, chosen_i)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("结束时间须晚于开始时间。"))
        return data

    def event_data(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            video_url=data["video_url"],
            policies=tuple(data["policies"]),
            interpretations=tuple(data["interpretations"]),
        )


class GuestForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=60)
    post = forms.CharField(label=_("职务"), max_length=100, required=False)
    unit = forms.CharField(label=_("单位"), max_length=100, required=False)
    order = forms.IntegerField(label=_("排序"), min_value=0, max_value=32767, initial=0)


class EntryForm(forms.Form):
    """The live console: who speaks and what; optionally the accepted question answered."""

    speaker = forms.ChoiceField(label=_("发言人"))
    text = forms.CharField(
        label=_("内容"), max_length=MAX_ENTRY_CHARS, widget=forms.Textarea(attrs={"rows": 4})
    )
    question = forms.ChoiceField(label=_("回答的网友提问"), required=False)

    def __init__(
        self,
        *args: Any,
        guests: list[EventGuest],
        questions: list[PreQuestion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.guests = {f"g{g.pk}": g for g in guests}
        self.questions = {str(q.pk): q for q in questions}
        self.fields["speaker"].choices = [  # type: ignore[attr-defined]
            ("主持人", _("主持人")),
            *[(key, f"{g.name}（{g.unit}{g.post}）") for key, g in self.guests.items()],
            ("网友", _("网友")),
        ]
        self.fields["question"].choices = [  # type: ignore[attr-defined]
            ("", _("（不针对网友提问）")),
            *[(key, (q.public_text or q.text)[:40]) for key, q in self.questions.items()],
        ]

    def guest(self) -> EventGuest | None:
        return self.guests.get(self.cleaned_data["speaker"])

    def chosen_question(self) -> PreQuestion | None:
        return self.questions.get(self.cleaned_data.get("question") or "")


class EntryEditForm(forms.Form):
    text = forms.CharField(
        label=_("更正后的内容"),
        max_length=MAX_ENTRY_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
