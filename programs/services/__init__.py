"""Writes of enrollment, invitations and join requests.

One module per concern; callers import them from here."""

from .enrollment import (
    BULK_EMAIL_LIMIT,
    LOG_COHORT_CHANGE,
    LOG_ENROLL,
    LOG_REACTIVATE,
    LOG_SUPERVISOR_CHANGE,
    LOG_WITHDRAW,
    BulkEnrollmentResult,
    enrollment_bulk_create_from_emails,
    enrollment_change_cohort,
    enrollment_change_supervisor,
    enrollment_create,
    enrollment_withdraw,
    parse_email_list,
)
from .invitations import (
    INVITATION_VALID_FOR,
    LOG_INVITATION_ACCEPT,
    LOG_INVITE,
    BulkInvitationResult,
    invitation_accept,
    invitation_bulk_create,
    invitation_create,
)
from .join_requests import (
    DECISION_NOTE_MAX_LENGTH,
    JOIN_REQUEST_MESSAGE_MAX_LENGTH,
    LOG_JOIN_APPROVE,
    LOG_JOIN_DECLINE,
    LOG_JOIN_REQUEST,
    join_request_approve,
    join_request_create,
    join_request_decline,
)

__all__ = [
    "BULK_EMAIL_LIMIT",
    "LOG_ENROLL",
    "LOG_REACTIVATE",
    "LOG_SUPERVISOR_CHANGE",
    "LOG_COHORT_CHANGE",
    "LOG_WITHDRAW",
    "enrollment_create",
    "parse_email_list",
    "BulkEnrollmentResult",
    "enrollment_bulk_create_from_emails",
    "enrollment_change_supervisor",
    "enrollment_change_cohort",
    "enrollment_withdraw",
    "LOG_INVITATION_ACCEPT",
    "LOG_INVITE",
    "INVITATION_VALID_FOR",
    "invitation_create",
    "BulkInvitationResult",
    "invitation_bulk_create",
    "invitation_accept",
    "LOG_JOIN_DECLINE",
    "LOG_JOIN_APPROVE",
    "LOG_JOIN_REQUEST",
    "DECISION_NOTE_MAX_LENGTH",
    "JOIN_REQUEST_MESSAGE_MAX_LENGTH",
    "join_request_create",
    "join_request_approve",
    "join_request_decline",
]
