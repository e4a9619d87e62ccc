"""Writes of join requests: a person asks to join a program; a coordinator approves or
declines. Same rules as programs/services/enrollment.py.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from programs import selectors
from programs.models import (
    Cohort,
    Enrollment,
    JoinRequest,
    JoinRequestDigest,
    Program,
)
from training.emails import email_send, site_url
from training.languages import language_of

from .enrollment import _lock, enrollment_create

LOG_JOIN_DECLINE = "peerpath.join_request.decline"

LOG_JOIN_APPROVE = "peerpath.join_request.approve"

LOG_JOIN_REQUEST = "peerpath.join_request.create"

DECISION_NOTE_MAX_LENGTH = JoinRequest._meta.get_field("decision_note").max_length

JOIN_REQUEST_MESSAGE_MAX_LENGTH = JoinRequest._meta.get_field("message").max_length

# --- Join requests --------------------------------------------------------------------


@transaction.atomic
def join_request_create(*, person, program: Program, message: str = "") -> JoinRequest:
    """A signed-in person asks to join a program that accepts requests."""
    message = (message or "").strip()
    if not program.accepts_join_requests:
        raise ValidationError(
            _("%(program)s isn't taking requests to join at the moment.") % {"program": program}
        )
    enrollment = selectors.enrollment_of(person=person, program=program)
    if enrollment is not None and enrollment.status != Enrollment.Status.WITHDRAWN:
        raise ValidationError(_("You're already enrolled in %(program)s.") % {"program": program})
    if len(message) > JOIN_REQUEST_MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("Please keep your message under %(limit)s characters (it has %(count)s).")
            % {"limit": JOIN_REQUEST_MESSAGE_MAX_LENGTH, "count": len(message)}
        )
    already = _("You've already asked to join %(program)s. A coordinator will reply by email.") % {
        "program": program
    }
    if JoinRequest.objects.filter(
        person=person, program=program, status=JoinRequest.Status.PENDING
    ).exists():
        raise ValidationError(already)
    join_request = JoinRequest(person=person, program=program, message=message)
    join_request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            join_request.save()
    except IntegrityError:
        raise ValidationError(already) from None
    log(join_request, LOG_JOIN_REQUEST, user=person)
    return join_request


def _already_decided(join_request: JoinRequest) -> str:
    """Whole sentences, one per decision, with or without the date."""
    approved = join_request.status == JoinRequest.Status.APPROVED
    if join_request.decided_at is None:
        if approved:
            return _("This request was already approved. Nothing was changed.")
        return _("This request was already declined. Nothing was changed.")
    date = date_format(join_request.decided_at, _("j F Y"))
    if approved:
        return _("This request was already approved on %(date)s. Nothing was changed.") % {
            "date": date
        }
    return _("This request was already declined on %(date)s. Nothing was changed.") % {"date": date}


def _decide(join_request: JoinRequest, *, status: str, decided_by, note: str = "") -> JoinRequest:
    """Move a pending request to its decision; refuse one that was already decided."""
    locked = _lock(JoinRequest, join_request)
    if locked.status != JoinRequest.Status.PENDING:
        raise ValidationError(_already_decided(locked))
    locked.status = status
    locked.decided_at = timezone.now()
    locked.decided_by = decided_by
    locked.decision_note = note
    locked.full_clean(validate_constraints=False)
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    return locked


@transaction.atomic
def join_request_approve(
    *,
    join_request: JoinRequest,
    decided_by,
    cohort: Cohort | None = None,
    supervisor=None,
) -> Enrollment:
    """Approve a request: enroll the person (optionally in a cohort, with a supervisor)."""
    join_request = _decide(join_request, status=JoinRequest.Status.APPROVED, decided_by=decided_by)
    enrollment = enrollment_create(
        learner=join_request.person,
        program=join_request.program,
        cohort=cohort,
        supervisor=supervisor,
        enrolled_by=decided_by,
        notify=False,
    )
    log(join_request, LOG_JOIN_APPROVE, user=decided_by)
    email_send(
        to=join_request.person.email,
        language=language_of(join_request.person),
        template="programs/emails/join_request_approved",
        context={
            "person": join_request.person,
            "program": join_request.program,
            "cohort": cohort,
            "supervisor": supervisor,
            "dashboard_url": site_url(reverse("dashboard")),
        },
    )
    return enrollment


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, decided_by, note: str = "") -> JoinRequest:
    """Decline a request, with an optional note that the person receives."""
    note = (note or "").strip()
    if len(note) > DECISION_NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Please keep the note under %(limit)s characters (it has %(count)s).")
            % {"limit": DECISION_NOTE_MAX_LENGTH, "count": len(note)}
        )
    join_request = _decide(
        join_request, status=JoinRequest.Status.DECLINED, decided_by=decided_by, note=note
    )
    log(join_request, LOG_JOIN_DECLINE, user=decided_by)
    email_send(
        to=join_request.person.email,
        language=language_of(join_request.person),
        template="programs/emails/join_request_declined",
        context={
            "person": join_request.person,
            "program": join_request.program,
            "note": note,
            "programs_url": site_url(reverse("programs:program_list")),
        },
    )
    return join_request


# --- The coordinators' daily digest ---------------------------------------------------


def join_request_digests_send(*, today: datetime.date | None = None) -> int:
    """Email each coordinator one digest of the join requests made since their last
    digest and still waiting, at most once a day (a JoinRequestDigest row per
    coordinator and day; running this twice sends nothing more), and nothing to a
    coordinator with nothing new. Returns how many digests were sent."""
    today = today or timezone.localdate()
    waiting = list(selectors.pending_join_requests())
    if not waiting:
        return 0
    sent = 0
    for coordinator in selectors.coordinators():
        new = selectors.join_requests_new_for(coordinator, requests=waiting)
        if not new:
            continue
        try:
            with transaction.atomic():
                digest = JoinRequestDigest(
                    coordinator=coordinator, sent_on=today, request_count=len(new)
                )
                digest.full_clean(validate_constraints=False)
                digest.save()
                email_send(
                    to=coordinator.email,
                    language=language_of(coordinator),
                    template="programs/emails/join_request_digest",
                    context={
                        "person": coordinator,
                        "requests": [
                            {
                                "join_request": r,
                                "url": site_url(reverse("programs_joinrequest:edit", args=[r.pk])),
                            }
                            for r in new
                        ],
                        "request_count": len(new),
                        "list_url": site_url(
                            reverse("programs_joinrequest:index") + "?status=pending"
                        ),
                    },
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent
