"""Background tasks of the training layer.

`send_email` is the one way Peerpath sends a person an email outside allauth:
the immediate backend runs it in the request (dev, tests), a django-tasks worker
runs it in production. Arguments must be JSON-serialisable, so callers render
the subject and bodies first (see `training.emails.email_send`).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, subject: str, to: list[str] | str, body: str, html: str | None = None) -> int:
    """Send one plain-text email (with an optional HTML alternative).

    Returns how many messages went out (0 or 1), as Django's mail API does."""
    recipients = [to] if isinstance(to, str) else list(to)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
