"""The admin's document and image forms (WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE): the same content check as every other upload
(gongkai.core.uploads), and the 公开发布 mark, set through `media_release` with an audit entry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from gongkai.core import policies
from gongkai.core.services import media_release
from gongkai.core.uploads import check_upload

RELEASE_HELP = _(
    "勾选后，即使没有已发布的页面使用该文件，公众也可以访问。未勾选时，文件仅在被已发布的公开页面引用期间对公众开放。"
)


class _ReleaseMixin(forms.ModelForm):
    user: Any = None

    def _init_release(self) -> None:
        if self.user is None:
            return  # not the admin: nobody to hold responsible for a release
        self.fields["released"] = forms.BooleanField(
            label=_("公开发布（不依赖页面）"), required=False, help_text=RELEASE_HELP
        )
        if self.instance.pk:
            self.fields["released"].initial = policies.is_released(self.instance)

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        # Only a new upload is checked; the stored file was checked when it came in.
        if isinstance(file, UploadedFile):
            check_upload(file, name=file.name or "")
        return file

    def _save_m2m(self) -> None:
        super()._save_m2m()  # type: ignore[misc]
        if "released" in self.fields and "released" in self.changed_data:
            media_release(
                actor=self.user,
                obj=self.instance,
                public=bool(self.cleaned_data.get("released")),
            )


class DocumentForm(_ReleaseMixin, BaseDocumentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        self._init_release()


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with our content check first: Wagtail trusts the header and
    lets Pillow's error through (a 500) when a "PNG" is something else."""

    def to_python(self, data: Any) -> Any:
        if isinstance(data, UploadedFile):
            check_upload(data, name=data.name or "")
        return super().to_python(data)


class ImageForm(_ReleaseMixin, BaseImageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.user = kwargs.get("user")
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailImageField):
            # Keep the field Wagtail configured (size limits, help text); only the check is added.
            self.fields["file"].__class__ = CheckedImageField
        self._init_release()
