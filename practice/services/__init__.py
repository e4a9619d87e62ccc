"""Writes of the practice log and its review.

One module per concern; callers import them from here."""

from .entries import (
    ENTRY_FIELDS,
    HOURS_COMMENT_MAX_LENGTH,
    REOPEN_PERMISSION,
    REVIEW_PERMISSION,
    IdentifiersFound,
    hours_entries_submit,
    hours_entry_create,
    hours_entry_delete,
    hours_entry_update,
    hours_entry_withdraw,
)
from .review import (
    ReviewNotAllowed,
    hours_entries_approve,
    hours_entries_return,
    hours_entry_reopen,
    supervisor_digests_send,
)

__all__ = [
    "HOURS_COMMENT_MAX_LENGTH",
    "REVIEW_PERMISSION",
    "REOPEN_PERMISSION",
    "IdentifiersFound",
    "hours_entry_create",
    "ENTRY_FIELDS",
    "hours_entry_update",
    "hours_entry_delete",
    "hours_entries_submit",
    "hours_entry_withdraw",
    "ReviewNotAllowed",
    "hours_entries_approve",
    "hours_entries_return",
    "hours_entry_reopen",
    "supervisor_digests_send",
]
