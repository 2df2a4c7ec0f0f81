"""Who may take which review step, and whether a revision may be published (one tested place).

- The automated check's override and 保密审查 belong to the unit's reviewers (Capability.REVIEW),
  签发 to its head (Capability.PUBLISH), an added step to the colleagues it names.
- Nobody acts on a step of an item they wrote: the submitter, and everyone who saved a revision
  of it since it was last published (``谁发布谁负责``: the approver answers for another's text).
- A revision of unit content goes live only when a finished (approved) workflow approved *that*
  revision at every step (一事一审), or inside services.system_publication (imports of documents
  already published elsewhere, recorded in the audit trail with the operator's reason).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wagtail.models import Page, Revision, Task, TaskState, WorkflowState

from gongkai.core.types import User
from gongkai.library.publication import current_system_publication
from gongkai.organisations.models import Organisation
from gongkai.organisations.policies import (
    Capability,
    has_capability,
    is_city_disclosure_office,
    organisations_with_capability,
    units_managed_by,
)
from gongkai.organisations.selectors import unit_of_page

if TYPE_CHECKING:
    from django.db.models import QuerySet


# The one way to find a page's unit (gongkai.organisations.selectors); the name stays for the
# callers that know it as review.policies.unit_of.
unit_of = unit_of_page


def _workflow_state_of(obj: Page | None) -> WorkflowState | None:
    if obj is None or not getattr(obj, "pk", None):
        return None
    return (
        WorkflowState.objects.for_instance(obj)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .order_by("-created_at")
        .first()
    )


def authors_of(workflow_state: WorkflowState) -> set[int]:
    """Users who wrote the item under review: who submitted it, and who saved a revision of it
    since it was last published (since its creation when it never was)."""
    authors: set[int] = set()
    if workflow_state.requested_by_id:
        authors.add(workflow_state.requested_by_id)
    revisions = Revision.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id,
        object_id=workflow_state.object_id,
    )
    obj = workflow_state.content_object
    live_revision = getattr(obj, "live_revision", None) if obj is not None else None
    if live_revision is not None:
        revisions = revisions.filter(created_at__gt=live_revision.created_at)
    revisions = revisions.values_list("user_id", flat=True)
    authors |= {uid for uid in revisions if uid}
    current = workflow_state.current_task_state
    if current is not None and current.revision is not None and current.revision.user_id:
        authors.add(current.revision.user_id)
    return authors


def _step_capability(task: Task) -> Capability | None:
    # local import: review.models imports this module
    from gongkai.review.models import AutomatedCheckTask, ReviewStep, UnitRoleTask

    if isinstance(task, AutomatedCheckTask):
        return Capability.REVIEW
    if isinstance(task, UnitRoleTask):
        return Capability.PUBLISH if task.step == ReviewStep.APPROVAL else Capability.REVIEW
    return None


def holds_step(user: User, unit: Organisation | None, task: Task) -> bool:
    """The user holds the role the step needs for this unit (authorship aside)."""
    # local import: review.models imports this module
    from gongkai.review.models import NamedReviewTask

    if user is None or not user.is_authenticated or not user.is_active or unit is None:
        return False
    if isinstance(task, NamedReviewTask):
        return bool(task.organisation_id == unit.pk and task.reviewers.filter(pk=user.pk).exists())
    capability = _step_capability(task)
    return capability is not None and has_capability(user, unit, capability)


def can_act_on_step(user: User, obj: Page | None, task: Task) -> bool:
    """May ``user`` approve, override or send back ``obj`` at ``task`` (its current step)?"""
    if not holds_step(user, unit_of_page(obj), task):
        return False
    state = _workflow_state_of(obj)
    return state is None or user.pk not in authors_of(state)


def task_states_user_can_moderate(task: Task, user: User) -> QuerySet[TaskState]:
    """In-progress states of ``task`` on items the user may act on (the dashboard's list)."""
    states = TaskState.objects.filter(task=task, status=TaskState.STATUS_IN_PROGRESS)
    wanted = [
        s.pk for s in states.select_related("workflow_state") if _may_moderate_state(user, task, s)
    ]
    moderated: QuerySet[TaskState] = TaskState.objects.filter(pk__in=wanted)
    return moderated


def _may_moderate_state(user: User, task: Task, state: TaskState) -> bool:
    obj = state.workflow_state.content_object
    if obj is None:
        return False
    return holds_step(user, unit_of_page(obj), task) and user.pk not in authors_of(
        state.workflow_state
    )


def open_task_states_for(user: User) -> list[TaskState]:
    """待我审核: the in-progress steps, of any unit's workflow, that ``user`` may take now (the
    role the step needs for the page's unit, and not an author of the item), oldest first."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("workflow_state", "task", "revision")
        .order_by("started_at", "pk")
    )
    return [s for s in states if _may_moderate_state(user, s.task.specific, s)]


def step_actions(
    user: User, obj: Page | None
) -> tuple[TaskState | None, list[tuple[str, Any, bool]]]:
    """The item's current step and the actions ``user`` may take on it there ([] when none:
    another unit's reviewer, the author, a step for another role)."""
    state = _workflow_state_of(obj)
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None, []
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None, []
    return task_state, list(task_state.task.specific.get_actions(obj, user))


# --- Screens -------------------------------------------------------------------------------------

_STAFF_CAPABILITIES = (Capability.DRAFT, Capability.REVIEW, Capability.OVERSEE, Capability.PUBLISH)


def units_seen_by(user: User) -> QuerySet[Organisation]:
    """The units whose review sheets, record and task list the user may read: where they write,
    review, sign or oversee."""
    ids: set[int] = set()
    for capability in _STAFF_CAPABILITIES:
        ids |= set(organisations_with_capability(user, capability).values_list("pk", flat=True))
    units: QuerySet[Organisation] = Organisation.objects.filter(pk__in=ids).order_by("path")
    return units


def can_see_unit(user: User, unit: Organisation | None) -> bool:
    if unit is None:
        return bool(user.is_superuser)
    return any(has_capability(user, unit, c) for c in _STAFF_CAPABILITIES)


def takes_review_steps(user: User) -> bool:
    """Reviewers (审核人) and heads (签发) of some unit, and the named colleagues of a step."""
    # local import: review.models imports this module
    from gongkai.review.models import NamedReviewTask

    if not user.is_authenticated:
        return False
    return (
        organisations_with_capability(user, Capability.REVIEW).exists()
        or organisations_with_capability(user, Capability.PUBLISH).exists()
        or NamedReviewTask.objects.filter(reviewers=user).exists()
    )


def can_redact(user: User, unit: Organisation | None) -> bool:
    """Editors and reviewers of the unit apply the redaction helper."""
    return unit is not None and (
        has_capability(user, unit, Capability.DRAFT)
        or has_capability(user, unit, Capability.REVIEW)
    )


def can_configure_steps(user: User, unit: Organisation | None) -> bool:
    """A unit head (or an overseer of the unit) adds review steps."""
    return unit is not None and has_capability(user, unit, Capability.MANAGE_UNIT)


def can_verify_record(user: User) -> bool:
    """A full verification of the hash chain reads every entry of every unit, and costs as
    much: it belongs to the city's disclosure office (an overseer of a top-level unit) and the
    superusers (GB/T 22239-2019 8.1.4.3 安全审计: the audit record is the auditors' to check)."""
    return is_city_disclosure_office(user)


def can_open_review_screens(user: User, units: QuerySet[Organisation]) -> bool:
    """The review record and the live-content findings open to staff of some unit (``units``:
    units_seen_by) and to superusers."""
    return bool(user.is_superuser) or units.exists()


def sees_every_unit(user: User) -> bool:
    """Superusers read the record of every unit, and of items of no unit."""
    return bool(user.is_authenticated and user.is_superuser)


def units_with_configurable_steps(user: User) -> QuerySet[Organisation]:
    """The units whose review steps the user sets (can_configure_steps), by path."""
    return units_managed_by(user)


def can_accept_live_finding(user: User, unit: Organisation | None) -> bool:
    return unit is not None and has_capability(user, unit, Capability.REVIEW)


# --- Publication ----------------------------------------------------------------------------------


def approved_by_workflow(revision: Revision) -> bool:
    """A finished workflow approved this very revision at each of its steps."""
    states = WorkflowState.objects.filter(
        base_content_type_id=revision.base_content_type_id,
        object_id=revision.object_id,
        status=WorkflowState.STATUS_APPROVED,
    ).order_by("-created_at")
    for state in states[:5]:
        tasks = set(state.workflow.tasks.filter(active=True).values_list("pk", flat=True))
        approved = set(
            TaskState.objects.filter(
                workflow_state=state, revision=revision, status=TaskState.STATUS_APPROVED
            ).values_list("task_id", flat=True)
        )
        if tasks and tasks <= approved:
            return True
    return False


def may_publish(revision: Revision) -> bool:
    return current_system_publication() is not None or approved_by_workflow(revision)


# --- A unit's own checker terms (本单位检查词) -----------------------------------------------------

# The capability that adds, changes and deletes a unit's terms (the admin's permission policy for
# UnitTerm, registered in wagtail_hooks.py, reads the same constant).
TERM_CAPABILITY = Capability.REVIEW


def can_maintain_terms(user: Any, unit: Organisation) -> bool:
    """The unit's reviewers keep its sensitive words and wrong expressions."""
    return has_capability(user, unit, TERM_CAPABILITY)
