"""The admin's policy form (issue 12): the issuing organ pre-filled with the unit, topics grouped
by category, related services as checkboxes grouped by department, attachments uploaded in the
form itself with their public name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel

from gongkai.core.uploads import check_upload
from gongkai.library import attachment_services
from gongkai.organisations.selectors import unit_of_page
from gongkai.servicecatalog.models import ServiceItem


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group (a department), with the group as its legend."""

    template_name = "library/widgets/grouped_checkboxes.html"


def topic_choices() -> list[Any]:
    """主题分类 as <optgroup>s: each category with its subjects; a category without
    subjects is an option itself."""
    from gongkai.library.models import Topic  # local import: library.models imports this module

    topics = list(Topic.objects.select_related("parent").order_by("sort_order", "pk"))
    children: dict[int, list[Any]] = {}
    for topic in topics:
        if topic.parent_id is not None:
            children.setdefault(topic.parent_id, []).append((topic.pk, topic.name))
    choices: list[Any] = [("", "---------")]
    for topic in topics:
        if topic.parent_id is not None:
            continue
        if topic.pk in children:
            choices.append((topic.name, children[topic.pk]))
        else:
            choices.append((topic.pk, topic.name))
    return choices


def service_choices(first_unit: Any = None) -> list[Any]:
    """办事事项 grouped by their 实施机构 (the editor's own unit first)."""
    groups: dict[Any, list[Any]] = {}
    for item in ServiceItem.objects.select_related("organisation").order_by(
        "organisation__path", "name"
    ):
        groups.setdefault(item.organisation, []).append((item.pk, item.name))
    ordered = sorted(groups, key=lambda org: (org != first_unit, org.path))
    return [(org.name, groups[org]) for org in ordered]


class PolicyAttachmentForm(WagtailAdminModelForm):
    """One attachment in one step: the file and the name the public sees (not the file name)."""

    upload = forms.FileField(
        label=_("上传文件"),
        required=False,
        validators=[FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS)],
        help_text=_("选择本地文件上传；已上传的附件可在下方“文件”中更换。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "document" in self.fields:
            self.fields["document"].required = False
        if "title" in self.fields:
            self.fields["title"].required = True
            self.fields["title"].label = _("附件公开名称")
            self.fields["title"].help_text = _("公众看到的名称，如“附件1：申报表”，不用文件名。")
            self.fields["title"].error_messages["required"] = _("请填写附件公开名称。")

    def clean_upload(self) -> Any:
        upload = self.cleaned_data.get("upload")
        if isinstance(upload, UploadedFile):
            check_upload(upload, name=upload.name or "")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("upload") and not data.get("document") and not self.instance.document_id:
            self.add_error("upload", _("请上传附件文件。"))
        return data


class AttachmentInlinePanel(InlinePanel):
    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = PolicyAttachmentForm
        return options


class PolicyPageForm(WagtailAdminPageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit_of_page(self.parent_page) or getattr(self.instance, "organisation", None)
        if "topic" in self.fields:
            self.fields["topic"].widget.choices = topic_choices()
        if "services" in self.fields:
            field = self.fields["services"]
            field.widget = GroupedCheckboxSelectMultiple()
            field.widget.choices = service_choices(self.unit)
            field.help_text = _("勾选与本文件相关的办事事项，按实施机构分组。")
        issuers = self.formsets.get("issuers")
        if issuers is not None and not self.is_bound and not self.instance.pk and self.unit:
            # 发文机关: the unit the document is written in, to start with (a joint issuance
            # adds the other organs).
            issuers.initial_extra = [{"organisation": self.unit.pk}]

    def save(self, commit: bool = True) -> Any:
        attachments = self.formsets.get("attachments")
        if attachments is not None:
            deleted = set(attachments.deleted_forms) if attachments.can_delete else set()
            for sub in attachments.forms:
                upload = sub.cleaned_data.get("upload") if hasattr(sub, "cleaned_data") else None
                if sub in deleted or not upload:
                    continue
                sub.instance.document = attachment_services.attachment_document_create(
                    actor=self.for_user,
                    unit=self.unit,
                    title=sub.cleaned_data.get("title") or upload.name,
                    upload=upload,
                )
        # The page itself is Wagtail's page views' to save (commit=False, then save_revision;
        # a draft of a page not yet live is saved here), under Wagtail's page permissions.
        return super().save(commit=commit)  # write-guard: Wagtail's page editor saves the page
