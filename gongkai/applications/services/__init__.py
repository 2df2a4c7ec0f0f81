"""Writes of the applications app, one module per concern (callers import from here):

- ``numbers``: 受理编号, query codes, letter numbers (the one allocator);
- ``events``: the case's record (the one event writer);
- ``deadlines``: the deadline engine's results stored on the case;
- ``transitions``: ``move``, the only writer of a case's status (workflow.ACTIONS);
- ``uploads``, ``receipts``: files of a case; the receipt shown once;
- ``intake``: filing online and registering offline applications;
- ``handling``: steps before the reply (assignment, correction, consultation, extension, fee,
  transfer);
- ``reply``: drafting, legal review, approval, return, sending, closing;
- ``letter_context``: what a letter template may say and the drafting of letters;
- ``records``: letter templates, appeals and imports from older systems.

Every step checks permission (policies.py, through workflow.ACTIONS), runs in a transaction and
leaves an ApplicationEvent. Views, the admin, the CLI and the import all come through here.
"""

from gongkai.applications.models import NOTICE_TEMPLATES
from gongkai.applications.selectors import (
    current_reply,
    extension_requested,
    legal_review_passed,
    reply_files,
)
from gongkai.applications.services.deadlines import (
    clock_for,
    compute_deadlines,
    recompute_deadlines,
    recompute_open_cases,
)
from gongkai.applications.services.events import actor_name, log
from gongkai.applications.services.handling import (
    MAX_FEE_PAGES,
    assign,
    end_consultation,
    extend,
    notify_fee,
    receive_correction,
    record_payment,
    refuse_extension,
    request_correction,
    request_extension,
    start_consultation,
    transfer,
)
from gongkai.applications.services.intake import (
    FIRST_RECEIPT_DAY,
    Submitted,
    register,
    submit_online,
)
from gongkai.applications.services.letter_context import (
    draft_letter,
    letter_context,
    letter_template_code,
    template_text,
)
from gongkai.applications.services.numbers import (
    CODE_ALPHABET,
    code_digest,
    find_case,
    letter_number,
    new_query_code,
)
from gongkai.applications.services.receipts import (
    RECEIPT_SECONDS,
    mark_receipt_shown,
    take_pending_receipt,
)
from gongkai.applications.services.records import (
    AppealData,
    ImportedCase,
    ImportSummary,
    appeal_delete,
    appeal_save,
    appeals_import,
    cases_import,
    letter_template_delete,
    letter_template_save,
)
from gongkai.applications.services.reply import (
    DRAFT_DETAILS,
    approve_reply,
    attach_reply_files,
    check_outcome_text,
    close,
    draft_reply,
    legal_review,
    letter_findings,
    mark_replied,
    remove_reply_file,
    return_reply,
    send_to_legal_review,
)
from gongkai.applications.services.transitions import move
from gongkai.applications.services.uploads import (
    ALLOWED_UPLOADS,
    EXTENSIONS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOADS,
    validate_upload,
)

__all__ = [
    "ALLOWED_UPLOADS",
    "CODE_ALPHABET",
    "DRAFT_DETAILS",
    "EXTENSIONS",
    "FIRST_RECEIPT_DAY",
    "MAX_FEE_PAGES",
    "MAX_UPLOADS",
    "MAX_UPLOAD_BYTES",
    "NOTICE_TEMPLATES",
    "RECEIPT_SECONDS",
    "AppealData",
    "ImportSummary",
    "ImportedCase",
    "Submitted",
    "actor_name",
    "appeal_delete",
    "appeal_save",
    "appeals_import",
    "approve_reply",
    "assign",
    "attach_reply_files",
    "cases_import",
    "check_outcome_text",
    "clock_for",
    "close",
    "code_digest",
    "compute_deadlines",
    "current_reply",
    "draft_letter",
    "draft_reply",
    "end_consultation",
    "extend",
    "extension_requested",
    "find_case",
    "legal_review",
    "legal_review_passed",
    "letter_context",
    "letter_findings",
    "letter_number",
    "letter_template_code",
    "letter_template_delete",
    "letter_template_save",
    "log",
    "mark_receipt_shown",
    "mark_replied",
    "move",
    "new_query_code",
    "notify_fee",
    "receive_correction",
    "recompute_deadlines",
    "recompute_open_cases",
    "record_payment",
    "refuse_extension",
    "register",
    "remove_reply_file",
    "reply_files",
    "request_correction",
    "request_extension",
    "return_reply",
    "send_to_legal_review",
    "start_consultation",
    "submit_online",
    "take_pending_receipt",
    "template_text",
    "transfer",
    "validate_upload",
]
