"""Forms of the staff screens of consultations (participation.staff_admin). The choices they
offer are the policies' own sets (units that run consultations, the unit's colleagues); the
services accept no more."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.core.uploads import check_upload
from gongkai.organisations.models import Organisation
from gongkai.participation import services
from gongkai.participation.models import Clause, ConsultationKind, Disposition, OfflineKind

# A draft of several hundred pages is a few MB; anything larger is not a draft.
MAX_DRAFT_BYTES = 20 * 1024 * 1024
DRAFT_EXTENSIONS = (".docx", ".pdf", ".txt")


# Dates a consultation or a meeting can have: records of earlier consultations go back some
# decades; nothing is planned a century ahead (and date arithmetic near 9999 overflows).
EARLIEST_DATE = dt.date(1980, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)


def _in_range(value: dt.date | None) -> dt.date | None:
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("日期须在%(a)s至%(b)s之间。") % {"a": EARLIEST_DATE, "b": LATEST_DATE}
        )
    return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _draft_text(upload: object) -> tuple[str, str]:
    """The text and file name of an uploaded draft; a Chinese ValidationError otherwise."""
    if not isinstance(upload, UploadedFile):
        raise ValidationError(_("请上传草案文件。"))
    name = upload.name or ""
    if not name.lower().endswith(DRAFT_EXTENSIONS):
        raise ValidationError(_("请上传 DOCX、PDF 或 TXT 格式的草案。"))
    if (upload.size or 0) > MAX_DRAFT_BYTES:
        raise ValidationError(_("草案文件不能超过20MB。"))
    check_upload(upload, name=name)
    upload.seek(0)
    return services.draft_text_from_file(upload.read(), name), name


class ConsultationCreateForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("发起单位"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": gettext_lazy("请选择发起单位。"),
            "invalid_choice": gettext_lazy("请选择您所在的单位。"),
        },
    )
    title = forms.CharField(label=gettext_lazy("标题"), max_length=255)
    kind = forms.ChoiceField(label=gettext_lazy("征求意见类别"), choices=ConsultationKind.choices)
    opens_on = forms.DateField(label=gettext_lazy("征求意见开始日期"), widget=DateInput())
    closes_on = forms.DateField(label=gettext_lazy("征求意见截止日期"), widget=DateInput())
    market_related = forms.BooleanField(
        label=gettext_lazy("与市场主体生产经营活动密切相关"),
        required=False,
        help_text=gettext_lazy("《优化营商环境条例》第六十二条：征求意见时间一般不少于30日。"),
    )
    urgent_reason = forms.CharField(
        label=gettext_lazy("缩短征求意见期限的理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("期限少于规定的最短期限时必须填写，并随征求意见一并公布。"),
    )
    explanation = forms.CharField(
        label=gettext_lazy("起草说明"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact = forms.CharField(
        label=gettext_lazy("书面意见提交方式"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("通信地址、电子邮箱、传真或电话等。"),
    )
    draft = forms.FileField(
        label=gettext_lazy("征求意见稿（DOCX、PDF 或 TXT）"),
        help_text=gettext_lazy("按“第X条”或“一、（一）1.”的编号自动拆分为条款。"),
        error_messages={"required": gettext_lazy("请上传草案文件。")},
    )

    def __init__(self, *args: Any, units: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast("forms.ModelChoiceField[Organisation]", self.fields["unit"])
        unit_field.queryset = units.order_by("path")
        self.draft_text = ""
        self.draft_name = ""

    def clean_opens_on(self) -> dt.date | None:
        return _in_range(self.cleaned_data.get("opens_on"))

    def clean_closes_on(self) -> dt.date | None:
        return _in_range(self.cleaned_data.get("closes_on"))

    def clean_draft(self) -> Any:
        upload = self.cleaned_data.get("draft")
        self.draft_text, self.draft_name = _draft_text(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes <= opens:
            self.add_error("closes_on", _("截止日期必须晚于开始日期。"))
        return data


class VersionForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("版本名称"),
        max_length=60,
        initial="修改稿",
        help_text=gettext_lazy("如“修改稿”“第二次征求意见稿”“正式文本”。"),
    )
    final = forms.BooleanField(
        label=gettext_lazy("这是最终文本（用于采纳情况反馈中的逐条对照）"), required=False
    )
    file = forms.FileField(
        label=gettext_lazy("全文文件（DOCX、PDF 或 TXT）"),
        error_messages={"required": gettext_lazy("请上传全文文件。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text = ""
        self.source_name = ""

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        self.text, self.source_name = _draft_text(upload)
        return upload


# "第三条：意见…" / "第三条第二款: 意见…" / "一（二）：意见…": a clause number, a colon, the text.
_NUMBERED_LINE = re.compile(r"^\s*(?P<number>[^：:]{1,30}?)\s*[：:]\s*(?P<text>.+)$")
_LOOKS_NUMBERED = re.compile(r"^(第.{1,10}[条款项章节]|[一二三四五六七八九十百]+[（(]|[（(])")


def parse_offline_comments(
    text: str, clauses: dict[str, Clause]
) -> list[tuple[Clause | None, str]]:
    """One comment a line: ``第三条：意见`` on that clause of the consulted draft, or plain text
    on the whole draft. A line that names a clause the draft does not have is an error, so that
    a typo does not silently count the comment for the whole draft."""
    out: list[tuple[Clause | None, str]] = []
    unknown: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _NUMBERED_LINE.match(line)
        if match:
            number = match.group("number").strip()
            if number in clauses:
                out.append((clauses[number], match.group("text").strip()))
                continue
            if _LOOKS_NUMBERED.match(number):
                unknown.append(number)
                continue
        out.append((None, line))
    if unknown:
        raise ValidationError(
            _(
                "草案中没有以下条款：%(numbers)s。请按条款号书写（如“第三条：”），或去掉条款号作为总体意见。"
            )
            % {"numbers": "、".join(unknown)}
        )
    return out


class OfflineRecordForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("方式"), choices=OfflineKind.choices)
    held_on = forms.DateField(label=gettext_lazy("日期"), widget=DateInput())
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200, required=False)
    participants = forms.CharField(
        label=gettext_lazy("参加人员"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    conclusions = forms.CharField(
        label=gettext_lazy("主要意见和结论"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comments = forms.CharField(
        label=gettext_lazy("收到的意见（每行一条）"),
        required=False,
        max_length=200000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "针对具体条款的，以条款号开头，如“第三条：建议将期限延长至30日”；"
            "不写条款号的作为对草案的总体意见。"
        ),
    )

    def __init__(self, *args: Any, clauses: dict[str, Clause], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clauses = clauses
        self.parsed: list[tuple[Clause | None, str]] = []

    def clean_held_on(self) -> dt.date | None:
        return _in_range(self.cleaned_data.get("held_on"))

    def clean_comments(self) -> str:
        text: str = self.cleaned_data.get("comments", "")
        self.parsed = parse_offline_comments(text, self.clauses)
        return text


DISPOSITION_CHOICES = [(value, label) for value, label in Disposition.choices if value]


def theme_labels(text: str) -> list[str]:
    """Comma-separated labels (，, 、 ; too), each at most 60 characters, without repeats."""
    labels: list[str] = []
    for part in re.split(r"[,，、;；]", text):
        label = part.strip()[:60]
        if label and label not in labels:
            labels.append(label)
    return labels
