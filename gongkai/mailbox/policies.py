"""Who may see and do what with letters from the public (the one place these decisions are made).

- A unit's letters are handled (分配承办人, 转办, 认定无效, 起草答复, 常见问题) by the staff who
  handle the public's requests to it: its disclosure officers (依申请公开经办, the capability
  ``HANDLE_APPLICATIONS``) and its head (``PUBLISH``) — the same people who answer applications
  (applications.policies.can_handle). No new capability: a letter is the public asking the unit,
  as an application is. The answer itself goes through the unit's review (先审后发) like all its
  content, so its reviewers and head see it in the workflow.
- Letters not yet routed (organisation None) and the mailbox's settings (渠道设置, 来信类别) are
  the city's disclosure office's (市政务公开办: an overseer of a top-level unit, or a superuser:
  organisations.policies.is_city_disclosure_office), which routes them to the answering unit
  ("谁主管谁回应", 国办发〔2016〕61号).
- Overseers (政务公开办) read the letters of the units they oversee, names and contacts masked,
  and act on none of them. Another unit's letter answers 404, as a missing one does.
- Names, contacts and attachments are for the unit that answers the letter (个人信息保护法
  第十条): shown in full to its handling staff only.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.db.models import Q, QuerySet

from gongkai.core.types import User
from gongkai.mailbox.models import OPEN_STATUSES, FaqEntry, Letter, LetterStatus
from gongkai.organisations.models import Membership, Organisation, Role
from gongkai.organisations.policies import (
    ROLE_CAPABILITIES,
    Capability,
    has_capability,
    is_city_disclosure_office,
    organisations_with_capability,
    units_overseen_by,
)

# The capabilities that make a member of a unit one of its letters' handlers.
HANDLING_CAPABILITIES = frozenset({Capability.HANDLE_APPLICATIONS, Capability.PUBLISH})


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_handle_unit(user: User, unit: Organisation) -> bool:
    return any(has_capability(user, unit, c) for c in HANDLING_CAPABILITIES)


def units_handling_letters(user: User) -> QuerySet[Organisation]:
    ids: set[int] = set()
    for capability in HANDLING_CAPABILITIES:
        ids |= set(organisations_with_capability(user, capability).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids).order_by("path"))


def can_route(user: User) -> bool:
    """Routes the letters no unit holds yet (分办) and keeps the mailbox's settings."""
    return is_city_disclosure_office(user)


def can_configure(user: User) -> bool:
    """渠道设置 (response periods) and 来信类别 (routing by category)."""
    return is_city_disclosure_office(user)


def units_seeing_letters(user: User) -> QuerySet[Organisation]:
    """Units whose letters the user may open: those they handle, and those they oversee."""
    ids = set(units_handling_letters(user).values_list("pk", flat=True))
    ids |= set(units_overseen_by(user).values_list("pk", flat=True))
    return cast("QuerySet[Organisation]", Organisation.objects.filter(pk__in=ids))


def visible_letters(user: User) -> QuerySet[Letter]:
    if not _active(user):
        return Letter.objects.none()
    if user.is_superuser:
        return Letter.objects.all()
    condition = Q(organisation__in=units_seeing_letters(user))
    if can_route(user):
        condition |= Q(organisation__isnull=True)
    return Letter.objects.filter(condition)


def can_see_letter(user: User, letter: Letter) -> bool:
    return visible_letters(user).filter(pk=letter.pk).exists()


def sees_mailbox_admin(user: User) -> bool:
    """The menu entry 来信办理 and its list."""
    return _active(user) and (can_route(user) or units_seeing_letters(user).exists())


def can_handle_letter(user: User, letter: Letter) -> bool:
    """Act on a letter held by a unit: its handling staff."""
    return letter.organisation is not None and can_handle_unit(user, letter.organisation)


def sees_personal_data(user: User, letter: Letter) -> bool:
    """Name, phone, e-mail, address and attachments in full: the unit answering the letter."""
    return can_handle_letter(user, letter)


def letters_in_full(user: User, letters: list[Letter]) -> set[int]:
    """Of ``letters``, those whose writer's data the user sees in full (sees_personal_data for
    a whole page of a list at once)."""
    units = set(units_handling_letters(user).values_list("pk", flat=True))
    return {letter.pk for letter in letters if letter.organisation_id in units}


def can_assign(user: User, letter: Letter) -> bool:
    """分办: a letter waiting in the routing queue, by the city's disclosure office."""
    return (
        letter.status == LetterStatus.RECEIVED
        and letter.organisation_id is None
        and can_route(user)
    )


def can_transfer(user: User, letter: Letter) -> bool:
    """转办: the unit holding a letter in hand (not while its answer is under review) hands it
    to the unit responsible ("谁主管谁回应"). Letters of the queue are routed with 分办
    (can_assign); overseers, the city's office included, only read a unit's letters."""
    return letter.status == LetterStatus.ASSIGNED and can_handle_letter(user, letter)


def assign_targets(user: User, letter: Letter) -> QuerySet[Organisation]:
    """Units a queued letter may be routed to (any unit)."""
    units: QuerySet[Organisation] = Organisation.objects.all()
    return units.order_by("path") if can_assign(user, letter) else units.none()


def transfer_targets(user: User, letter: Letter) -> QuerySet[Organisation]:
    """Units a letter may be transferred to: any other unit (the reason is recorded and the
    overseer sees the history). The page offers exactly these; services.letter_transfer accepts
    no other."""
    units: QuerySet[Organisation] = Organisation.objects.all()
    if not can_transfer(user, letter):
        return units.none()
    if letter.organisation_id is not None:
        units = units.exclude(pk=letter.organisation_id)
    return units.order_by("path")


def can_invalidate(user: User, letter: Letter) -> bool:
    """认定无效 (spam, abuse, duplicates, no content): an open letter not under review, by its
    unit's handlers or, while unrouted, the routing office."""
    if letter.status not in (LetterStatus.RECEIVED, LetterStatus.ASSIGNED):
        return False
    if letter.organisation_id is None:
        return can_route(user)
    return can_handle_letter(user, letter)


def can_set_handler(user: User, letter: Letter) -> bool:
    return letter.status in OPEN_STATUSES and can_handle_letter(user, letter)


def assignable_handlers(unit: Organisation) -> QuerySet[AuthUser]:
    """Who may be a letter's 承办人: active members of the unit in a handling role. The page
    offers exactly these; services.letter_handler_set accepts no other."""
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if caps & HANDLING_CAPABILITIES]
    members = Membership.objects.filter(organisation=unit, role__in=roles)
    users = get_user_model().objects.filter(is_active=True, pk__in=members.values("user_id"))
    return users.order_by("username")


def can_answer(user: User, letter: Letter) -> bool:
    """Draft the answer and submit it to the unit's review: an assigned letter of the unit."""
    return letter.status == LetterStatus.ASSIGNED and can_handle_letter(user, letter)


# --- Frequently asked questions ---------------------------------------------------------------


def can_manage_faq(user: User, unit: Organisation) -> bool:
    return can_handle_unit(user, unit)


def visible_faq(user: User) -> QuerySet[FaqEntry]:
    if not _active(user):
        return FaqEntry.objects.none()
    if user.is_superuser:
        return FaqEntry.objects.all()
    return FaqEntry.objects.filter(organisation__in=units_seeing_letters(user))


# --- Reminders ------------------------------------------------------------------------------------


def reminder_recipients(letter: Letter) -> list[AuthUser]:
    """Before the due date: the letter's handler, else the unit's handling staff."""
    if letter.organisation is None:
        return overseers_of(None)
    if letter.handler is not None and letter.handler.is_active:
        return [letter.handler]
    return list(assignable_handlers(letter.organisation))


def overseers_of(unit: Organisation | None) -> list[AuthUser]:
    """The overseeing offices (政务公开办) of a unit, up its tree; of an unrouted letter, the
    city's disclosure office (overseers of top-level units)."""
    if unit is None:
        members = Membership.objects.filter(role=Role.OVERSEER, organisation__depth=1)
    else:
        prefixes = [unit.path[:i] for i in range(4, len(unit.path) + 1, 4)]
        members = Membership.objects.filter(role=Role.OVERSEER, organisation__path__in=prefixes)
    users = get_user_model().objects.filter(is_active=True, pk__in=members.values("user_id"))
    return list(users.order_by("pk"))
