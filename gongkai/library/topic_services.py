"""Writes to the topic taxonomy (主题分类). The admin screens call these; each checks the actor
(policies.can_maintain_topics), runs in one transaction and leaves an entry in Wagtail's log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.services import record_delete, record_save
from gongkai.core.types import User
from gongkai.library import policies
from gongkai.library.models import Topic


def _check(actor: User, action: str) -> None:
    if not policies.can_maintain_topics(actor, action):
        raise PermissionDenied(_("您没有权限执行此操作。"))


@transaction.atomic
def topic_create(*, actor: User, parent: Topic | None, name: str, sort_order: int = 0) -> Topic:
    _check(actor, "add")
    topic = Topic(parent=parent, name=name, sort_order=sort_order)
    return record_save(topic, actor=actor, created=True)


@transaction.atomic
def topic_update(
    *, actor: User, topic: Topic, parent: Topic | None, name: str, sort_order: int
) -> Topic:
    """``topic`` as stored; the other arguments are its new values."""
    _check(actor, "change")
    topic.parent, topic.name, topic.sort_order = parent, name, sort_order
    return record_save(topic, actor=actor, created=False)


@transaction.atomic
def topic_delete(*, actor: User, topic: Topic) -> None:
    """A topic still used by documents or with sub-topics is protected (the admin's delete view
    refuses it before calling this; the database refuses it here)."""
    _check(actor, "delete")
    record_delete(topic, actor=actor)
