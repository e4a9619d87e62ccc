"""The site's email sender: every app's emails go out through email_send."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def site_url(path: str) -> str:
    """An absolute link for an email (emails have no request to build one from)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def email_send(*, to: str, template: str, context: dict, language: str | None) -> None:
    """Render the templates `<template>_subject.txt`, `<template>.txt` and
    `<template>.html` (`template` names them whole, e.g. "programs/emails/enrolled":
    each app keeps its emails under its own name) in `language`, and send the
    email once the surrounding transaction commits, so nobody is told about a
    change that rolled back.

    `language` is the recipient's, never the language of whatever request or
    task happens to send it: `training.languages.language_of(person)` for
    someone with an account; for someone without one (an invitation), the
    language of the request that sends it (`translation.get_language()`; None,
    as where translations are deactivated: LANGUAGE_CODE)."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    transaction.on_commit(
        partial(send_email.enqueue, subject=subject, to=[to], body=body, html=html)
    )
