"""Writes to a unit's own checker terms (本单位检查词). The admin screens call these; each checks
the actor (policies.can_maintain_terms, on the term's unit before and after), runs in one
transaction and leaves an entry in Wagtail's log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core.services import record_delete, record_save
from gongkai.core.types import User
from gongkai.organisations.models import Organisation
from gongkai.review import policies
from gongkai.review.models import UnitTerm


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("您没有权限执行此操作。"))


@transaction.atomic
def unit_term_create(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    term: str,
    correction: str = "",
    note: str = "",
) -> UnitTerm:
    _check(policies.can_maintain_terms(actor, organisation))
    entry = UnitTerm(
        organisation=organisation, kind=kind, term=term, correction=correction, note=note
    )
    return record_save(entry, actor=actor, created=True)


@transaction.atomic
def unit_term_update(
    *,
    actor: User,
    entry: UnitTerm,
    organisation: Organisation,
    kind: str,
    term: str,
    correction: str,
    note: str,
) -> UnitTerm:
    """``entry`` as stored; the other arguments are its new values."""
    _check(policies.can_maintain_terms(actor, entry.organisation))
    if organisation.pk != entry.organisation_id:
        _check(policies.can_maintain_terms(actor, organisation))
    entry.organisation, entry.kind, entry.term = organisation, kind, term
    entry.correction, entry.note = correction, note
    return record_save(entry, actor=actor, created=False)


@transaction.atomic
def unit_term_delete(*, actor: User, entry: UnitTerm) -> None:
    _check(policies.can_maintain_terms(actor, entry.organisation))
    record_delete(entry, actor=actor)
