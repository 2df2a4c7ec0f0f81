"""Who may see and do what with applications (the one place; tested in tests/test_access.py).

- A case is seen by its unit's disclosure officers (依申请公开经办) and head, and by overseers
  of the unit (their subtree); nobody else among staff. The public sees a case only with its
  number *and* its query code.
- Personal data (ID number, address, phone, e-mail) is shown in full to the case's handler only;
  everyone else sees it masked.
- Handling steps: the unit's disclosure officers and head. A reply is approved by the unit head,
  never by who drafted it; an extension is approved by the unit head (第三十三条第二款: 经政府信息
  公开工作机构负责人同意); legal review by a reviewer (审核人) of the unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from gongkai.organisations.policies import Capability, has_capability, organisations_with_capability

if TYPE_CHECKING:
    from gongkai.applications.models import Application, Letter


def units_user_sees(user: Any) -> QuerySet[Any]:
    from gongkai.organisations.models import Organisation

    ids: set[int] = set()
    for capability in (Capability.HANDLE_APPLICATIONS, Capability.PUBLISH, Capability.OVERSEE):
        ids |= set(organisations_with_capability(user, capability).values_list("pk", flat=True))
    return Organisation.objects.filter(pk__in=ids)


def visible_cases(user: Any) -> QuerySet[Application]:
    from gongkai.applications.models import Application

    if not user.is_authenticated or not user.is_active:
        return Application.objects.none()
    if user.is_superuser:
        return Application.objects.all()
    return Application.objects.filter(Q(organisation__in=units_user_sees(user)))


def can_view(user: Any, case: Application) -> bool:
    return any(
        has_capability(user, case.organisation, c)
        for c in (Capability.HANDLE_APPLICATIONS, Capability.PUBLISH, Capability.OVERSEE)
    )


def can_handle(user: Any, case: Application) -> bool:
    return has_capability(user, case.organisation, Capability.HANDLE_APPLICATIONS) or (
        has_capability(user, case.organisation, Capability.PUBLISH)
    )


def units_user_registers_for(user: Any) -> QuerySet[Any]:
    """The units for which the user may register applications received offline."""
    from gongkai.organisations.models import Organisation

    ids: set[int] = set()
    for capability in (Capability.HANDLE_APPLICATIONS, Capability.PUBLISH):
        ids |= set(organisations_with_capability(user, capability).values_list("pk", flat=True))
    return Organisation.objects.filter(pk__in=ids).order_by("path")


def can_register(user: Any, unit: Any) -> bool:
    return has_capability(user, unit, Capability.HANDLE_APPLICATIONS) or has_capability(
        user, unit, Capability.PUBLISH
    )


def can_approve_extension(user: Any, case: Application) -> bool:
    return has_capability(user, case.organisation, Capability.PUBLISH)


def can_legal_review(user: Any, case: Application) -> bool:
    return has_capability(user, case.organisation, Capability.REVIEW)


def can_approve_reply(user: Any, case: Application, letter: Letter | None) -> bool:
    if not has_capability(user, case.organisation, Capability.PUBLISH):
        return False
    return letter is None or letter.drafted_by_id != user.pk


def can_transfer(user: Any, case: Application) -> bool:
    """Sending a case filed with the wrong unit to the right one: the unit's handlers, or an
    overseer of both units."""
    return can_handle(user, case) or has_capability(user, case.organisation, Capability.OVERSEE)


def sees_personal_data(user: Any, case: Application) -> bool:
    return bool(user.is_authenticated and case.handler_id == user.pk)
