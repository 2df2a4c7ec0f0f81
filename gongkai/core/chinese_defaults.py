"""Chinese names for the objects Wagtail and Django create with English names (docs/i18n.md).

Wagtail's migrations create the root page and root collection ("Root"), the groups "Editors"
and "Moderators" and the workflow and task "Moderators approval"; Django names each
permission "Can add …" in whatever language is active when it is created. All of them are
shown in the admin. After every migrate (and every flush), once the last app has had its
permissions created, they get the Chinese names below. Idempotent.
"""

# write-guard: module — post_migrate gives Wagtail's default rows Chinese names.

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from wagtail.models import Collection, Page, Task, Workflow

ROOT_PAGE_TITLE = "根页面"
ROOT_COLLECTION_NAME = "根集合"
GROUP_NAMES = {"Editors": "编辑人员", "Moderators": "审核人员"}
# Wagtail's stock workflow: Gongkai never uses it (review.services.workflow_ensure switches it
# off once units exist); renamed, it is switched off here too, so that the new name cannot
# hide it from that switch.
STOCK_WORKFLOW_NAMES = {"Moderators approval": "审核人员审批（Wagtail 默认，未启用）"}
STOCK_TASK_NAMES = {"Moderators approval": "审核人员审批"}
PERMISSION_ACTIONS = {"add": "新增", "change": "修改", "delete": "删除", "view": "查看"}
# Permissions that their package declares with an untranslatable English name.
PERMISSION_NAMES = {
    "choose_document": "可选择文档",
    "choose_image": "可选择图片",
}


def _last_app_with_models() -> Any:
    return [c for c in global_apps.get_app_configs() if c.models_module is not None][-1]


def on_post_migrate(sender: Any, **kwargs: Any) -> None:
    if sender is not _last_app_with_models():
        return  # permissions of later apps do not exist yet
    default_objects_translate(using=kwargs.get("using", "default"))


@transaction.atomic
def default_objects_translate(*, using: str = "default") -> None:

    Page.objects.using(using).filter(depth=1, title="Root").update(
        title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE
    )
    Collection.objects.using(using).filter(depth=1, name="Root").update(name=ROOT_COLLECTION_NAME)
    groups = Group.objects.using(using)
    for english, chinese in GROUP_NAMES.items():
        if not groups.filter(name=chinese).exists():
            groups.filter(name=english).update(name=chinese)
    for english, chinese in STOCK_WORKFLOW_NAMES.items():
        Workflow.objects.using(using).filter(name=english).update(name=chinese, active=False)
    for english, chinese in STOCK_TASK_NAMES.items():
        Task.objects.using(using).filter(name=english).update(name=chinese)
    permission_names_translate(using=using)


def permission_names_translate(*, using: str = "default") -> None:
    """Each permission's name in Chinese: 可新增/修改/删除/查看 + the model's name for the
    default permissions, the translated declared name for a model's own."""

    with translation.override(settings.LANGUAGE_CODE):
        for perm in Permission.objects.using(using).select_related("content_type"):
            model = perm.content_type.model_class()
            if model is None:
                continue
            action, _sep, model_name = perm.codename.partition("_")
            if perm.codename in PERMISSION_NAMES:
                name = PERMISSION_NAMES[perm.codename]
            elif action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
                name = f"可{PERMISSION_ACTIONS[action]}{model._meta.verbose_name}"
            else:
                declared = dict(model._meta.permissions).get(perm.codename)
                if declared is None:
                    continue
                name = str(declared)
            name = name[:255]
            if name != perm.name:
                Permission.objects.using(using).filter(pk=perm.pk).update(name=name)
