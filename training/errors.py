"""Turning a refusal (a ValidationError raised by a service) into what a person reads."""

from django.core.exceptions import ValidationError


def message_of(error: ValidationError) -> str:
    """Every message of `error` as one sentence-like string, in order, joined by a
    space: for a flash message, a JSON answer or a refusal page. Messages given
    per field (`ValidationError({"field": ...})`) are included without their
    field names; a form shows those next to their fields with `form.add_error`."""
    return " ".join(error.messages)
