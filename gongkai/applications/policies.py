"""Who may see and do what with applications (the one place; tested in tests/test_access.py).

- A case is seen by its unit's disclosure officers (依申请公开经办) and head, and by overseers
  of the unit (their subtree); nobody else among staff. The public sees a case only with its
  number *and* its query code.
- Personal data (ID number, address, phone, e-mail) is shown in full to the case's handler only;
  everyone else sees it masked.
- Handling steps: the unit's disclosure officers and head. A reply is approved by the unit head,
  never by who drafted it; an extension is approved by the unit head (第三十三条第二款: 经政府信息
  公开工作机构负责人同意), which the case's handler requests with a reason; legal review by a
  reviewer (审核人) of the unit, who sees the unit's cases while they are in legal review — and
  only those, personal data masked.
- The applicant sees a letter only if its kind is addressed to the applicant and it has been
  issued (``applicant_may_see_letter``): the case page's list and the download ask the same
  question. A letter to a third party (第三十二条) carries that party's data and is never theirs.
- What a staff form offers is what the server accepts: the choices of a step (handler, target
  unit of a transfer, closing outcome) come from one function here, used by the page that
  offers them and by the service that checks them (GB/T 22239-2019 8.1.4.2 访问控制).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.db.models import Q, QuerySet

from gongkai.applications.models import Application, Attachment, Letter, LetterKind, Status
from gongkai.core.types import User
from gongkai.organisations.models import Membership, Organisation
from gongkai.organisations.policies import (
    ROLE_CAPABILITIES,
    Capability,
    has_capability,
    organisations_with_capability,
)


def units_user_sees(user: User) -> QuerySet[Organisation]:
    ids: set[int] = set()
    for capability in (Capability.HANDLE_APPLICATIONS, Capability.PUBLISH, Capability.OVERSEE):
        ids |= set(organisations_with_capability(user, capability).values_list("pk", flat=True))
    units: QuerySet[Organisation] = Organisation.objects.filter(pk__in=ids)
    return units


def visible_cases(user: User) -> QuerySet[Application]:
    if not user.is_authenticated or not user.is_active:
        return Application.objects.none()
    if user.is_superuser:
        return Application.objects.all()
    in_review = Q(
        status=Status.LEGAL_REVIEW,
        organisation__in=organisations_with_capability(user, Capability.REVIEW),
    )
    return Application.objects.filter(Q(organisation__in=units_user_sees(user)) | in_review)


def can_view(user: User, case: Application) -> bool:
    if any(
        has_capability(user, case.organisation, c)
        for c in (Capability.HANDLE_APPLICATIONS, Capability.PUBLISH, Capability.OVERSEE)
    ):
        return True
    # The unit's reviewer opens a case sent to them for 法律审核, while it is there.
    return case.status == Status.LEGAL_REVIEW and can_legal_review(user, case)


def sees_case_list(user: User) -> bool:
    """Whether the case list (and its menu entry) is the user's: staff who see a unit's cases,
    and reviewers, who find there the cases sent to them for legal review."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(
        user.is_superuser
        or units_user_sees(user).exists()
        or organisations_with_capability(user, Capability.REVIEW).exists()
    )


def can_handle(user: User, case: Application) -> bool:
    return has_capability(user, case.organisation, Capability.HANDLE_APPLICATIONS) or (
        has_capability(user, case.organisation, Capability.PUBLISH)
    )


def units_user_registers_for(user: User) -> QuerySet[Organisation]:
    """The units for which the user may register applications received offline."""
    ids: set[int] = set()
    for capability in (Capability.HANDLE_APPLICATIONS, Capability.PUBLISH):
        ids |= set(organisations_with_capability(user, capability).values_list("pk", flat=True))
    units: QuerySet[Organisation] = Organisation.objects.filter(pk__in=ids).order_by("path")
    return units


def can_register(user: User, unit: Organisation) -> bool:
    return has_capability(user, unit, Capability.HANDLE_APPLICATIONS) or has_capability(
        user, unit, Capability.PUBLISH
    )


def can_approve_extension(user: User, case: Application) -> bool:
    return has_capability(user, case.organisation, Capability.PUBLISH)


def can_legal_review(user: User, case: Application) -> bool:
    return has_capability(user, case.organisation, Capability.REVIEW)


def can_return_reply(user: User, case: Application) -> bool:
    """The head returns a drafted reply to the handler (the one who approves it)."""
    return has_capability(user, case.organisation, Capability.PUBLISH)


def can_approve_reply(user: User, case: Application, letter: Letter | None) -> bool:
    if not has_capability(user, case.organisation, Capability.PUBLISH):
        return False
    return letter is None or letter.drafted_by_id != user.pk


def can_transfer(user: User, case: Application) -> bool:
    """Sending a case filed with the wrong unit to the right one: the unit's handlers, or an
    overseer of both units."""
    return can_handle(user, case) or has_capability(user, case.organisation, Capability.OVERSEE)


def transfer_targets(user: User, case: Application) -> QuerySet[Organisation]:
    """The units a case may be transferred to by this user: those the user oversees, other than
    the case's own (the overseeing office sends a case to the right unit of its subtree; a
    unit's handler alone oversees none and so transfers nowhere). The staff page offers exactly
    these and services.transfer accepts no other."""
    if not can_transfer(user, case):
        none: QuerySet[Organisation] = Organisation.objects.none()
        return none
    overseen = organisations_with_capability(user, Capability.OVERSEE)
    return overseen.exclude(pk=case.organisation_id).order_by("path")


# Roles of a unit whose members handle its cases (依申请公开经办, the unit head).
_HANDLING_CAPABILITIES = frozenset({Capability.HANDLE_APPLICATIONS, Capability.PUBLISH})


def assignable_handlers(case: Application) -> QuerySet[AuthUser]:
    """Who may be made the case's handler (承办人): active members of the case's unit in a role
    that handles applications. The page offers exactly these; services.assign accepts no other
    (not a member of another unit, not a superuser who is no member, not a disabled account)."""
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if caps & _HANDLING_CAPABILITIES]
    members = Membership.objects.filter(organisation_id=case.organisation_id, role__in=roles)
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(pk__in=members.values("user_id")).order_by("username")


# The outcome a case is closed with when it is closed without a reply, by its state: not
# corrected in time (其他处理/1, 条例 第三十条) or fee not paid (其他处理/2, 第四十二条). A case that
# was replied to is closed with its reply's outcome; no other case is closed.
_CLOSING_WITHOUT_REPLY: dict[str, str] = {
    Status.CORRECTION_REQUESTED: "other.no_correction",
    Status.FEE_PENDING: "other.fee_unpaid",
}


def closing_outcome(case: Application) -> str | None:
    """The outcome the case may be closed with now: "" after a reply (it keeps the reply's), the
    one outcome of _CLOSING_WITHOUT_REPLY, or None when the case cannot be closed."""
    if case.status == Status.REPLIED:
        return ""
    return _CLOSING_WITHOUT_REPLY.get(case.status)


# --- Letters and the applicant ----------------------------------------------------------------
# Who each kind of letter is addressed to. Every kind must be listed (a test checks it), so a
# new kind is never shown to the applicant by default.
APPLICANT = "applicant"
THIRD_PARTY = "third_party"
LETTER_ADDRESSEE: dict[str, str] = {
    LetterKind.REPLY: APPLICANT,  # 答复告知书 (第三十六条)
    LetterKind.CORRECTION: APPLICANT,  # 补正通知书 (第三十条)
    LetterKind.EXTENSION: APPLICANT,  # 延期答复告知书 (第三十三条第二款: 告知申请人)
    LetterKind.FEE: APPLICANT,  # 收费通知书 (第四十二条)
    # 征求第三方意见书 (第三十二条): to the third party, with its name, ID number and address.
    LetterKind.THIRD_PARTY: THIRD_PARTY,
}
REPLIED_STATUSES = frozenset({Status.REPLIED, Status.CLOSED})


def applicant_may_see_letter(case: Application, letter: Letter) -> bool:
    """The one rule for the applicant's case page: listed and downloadable alike (GB/T
    22239-2019 8.1.4.2 访问控制; 个人信息保护法 第十条: a third party's data is not the
    applicant's). A letter is the applicant's when it belongs to this case, is addressed to the
    applicant and has been issued (sent); a reply also only once approved and the case replied."""
    if letter.application_id != case.pk or letter.voided:
        return False
    if LETTER_ADDRESSEE.get(letter.kind) != APPLICANT:
        return False
    if not letter.sent:
        return False
    if letter.kind == LetterKind.REPLY and letter.approved_by_id is None:
        return False
    return letter.kind != LetterKind.REPLY or case.status in REPLIED_STATUSES


def applicant_letters(case: Application) -> list[Letter]:
    """The letters of the case the applicant may see, in order (applicant_may_see_letter)."""
    return [letter for letter in case.letters.all() if applicant_may_see_letter(case, letter)]


def applicant_letter(case: Application, letter_id: int) -> Letter | None:
    """The letter ``letter_id`` if the applicant may see it; None when missing or not theirs
    (the caller answers both with the same 404)."""
    letter = case.letters.filter(pk=letter_id).first()
    if letter is None or not applicant_may_see_letter(case, letter):
        return None
    return letter


def applicant_reply_files(case: Application) -> list[Attachment]:
    """The files attached to the reply, for the applicant once the reply is sent: the case
    access (number and query code) authorises them, as it does the reply letter itself."""
    if case.status not in REPLIED_STATUSES:
        return []
    if not any(
        letter.kind == LetterKind.REPLY and applicant_may_see_letter(case, letter)
        for letter in case.letters.all()
    ):
        return []
    return list(case.attachments.filter(from_applicant=False).order_by("uploaded_at", "pk"))


def staff_sees_attachment(user: User, case: Application, attachment: Attachment) -> bool:
    """The applicant's own uploads carry personal data: the handler only. Files attached to the
    reply are part of the decision: everyone who may view the case (the head, the reviewer)."""
    if attachment.application_id != case.pk:
        return False
    if attachment.from_applicant:
        return sees_personal_data(user, case)
    return can_view(user, case)


def staff_letter(user: User, case: Application, letter_id: int) -> Letter | None:
    """A letter of the case for staff who may view the case (every kind and state: drafts and
    the third-party letter are part of the handling); None otherwise."""
    if not can_view(user, case):
        return None
    return case.letters.filter(pk=letter_id).first()


def sees_personal_data(user: User, case: Application) -> bool:
    return bool(user.is_authenticated and case.handler_id == user.pk)


# --- Letter templates and appeal records (the admin's generic screens save through services) ---


def can_edit_letter_templates(user: User, unit: Organisation | None) -> bool:
    """A unit's own wording of its letters: its head (签发). The city's wording (no unit):
    administrators only."""
    if unit is None:
        return bool(user.is_authenticated and user.is_active and user.is_superuser)
    return has_capability(user, unit, Capability.PUBLISH)


def units_for_letter_templates(user: User) -> QuerySet[Organisation]:
    """The units whose letter wording the user may edit (the template form's choices)."""
    return organisations_with_capability(user, Capability.PUBLISH).order_by("path")


def units_for_appeals(user: User) -> QuerySet[Organisation]:
    """The units whose reconsiderations and lawsuits the user records (the appeal form's
    choices, and the cases it may name)."""
    return organisations_with_capability(user, Capability.HANDLE_APPLICATIONS).order_by("path")


def can_record_appeal(user: User, unit: Organisation) -> bool:
    """Recording and editing a reconsideration or lawsuit of a unit: its case handlers."""
    return has_capability(user, unit, Capability.HANDLE_APPLICATIONS)


def can_delete_appeal(user: User, unit: Organisation) -> bool:
    """Deleting an appeal record (it is counted in table 四 of the annual report): the head."""
    return has_capability(user, unit, Capability.PUBLISH)


def sees_applications_menu(user: User) -> bool:
    """The 依申请公开 menu entries other than the case list: staff who see a unit's cases."""
    return bool(user.is_superuser or units_user_sees(user).exists())
