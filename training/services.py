"""Writes of the training layer: enrollment, supervisors, invitations, join requests, hours.

Every function is keyword-only, runs in one transaction and raises
`ValidationError` with a message meant for the person who asked; when it raises,
nothing has changed. Races are settled by the database (unique constraints and
guarded updates), never by a check that another request could slip past.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.log_actions import log

from . import identifiers, roles, selectors
from .hours import ABSOLUTE_DAY_LIMIT, format_hours, is_quarter_hours
from .ids import plain_id
from .models import (
    Cohort,
    Enrollment,
    HoursEntry,
    HoursEntryEvent,
    Invitation,
    JoinRequest,
    Program,
    SupervisorAssignment,
    SupervisorDigest,
)
from .tasks import send_email

INVITATION_VALID_FOR = datetime.timedelta(days=14)
JOIN_REQUEST_MESSAGE_MAX_LENGTH = JoinRequest._meta.get_field("message").max_length
DECISION_NOTE_MAX_LENGTH = JoinRequest._meta.get_field("decision_note").max_length
# A paste larger than this is almost certainly a mistake (a whole mailbox export).
BULK_EMAIL_LIMIT = 500

# Log actions (labels registered in wagtail_hooks.py); they show in each record's history.
LOG_ENROLL = "peerpath.enrollment.enroll"
LOG_REACTIVATE = "peerpath.enrollment.reactivate"
LOG_SUPERVISOR_CHANGE = "peerpath.enrollment.supervisor_change"
LOG_COHORT_CHANGE = "peerpath.enrollment.cohort_change"
LOG_WITHDRAW = "peerpath.enrollment.withdraw"
LOG_INVITE = "peerpath.invitation.create"
LOG_INVITATION_ACCEPT = "peerpath.invitation.accept"
LOG_JOIN_REQUEST = "peerpath.join_request.create"
LOG_JOIN_APPROVE = "peerpath.join_request.approve"
LOG_JOIN_DECLINE = "peerpath.join_request.decline"


# --- Email ------------------------------------------------------------------------


def site_url(path: str) -> str:
    """An absolute link for an email (emails have no request to build one from)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def email_send(*, to: str, template: str, context: dict) -> None:
    """Render training/emails/<template>{_subject.txt,.txt,.html} and send it once the
    surrounding transaction commits, so nobody is told about a change that rolled back."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    subject = render_to_string(f"training/emails/{template}_subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    body = render_to_string(f"training/emails/{template}.txt", context)
    html = render_to_string(f"training/emails/{template}.html", context)
    transaction.on_commit(
        partial(send_email.enqueue, subject=subject, to=[to], body=body, html=html)
    )


# --- Checks shared by several services ------------------------------------------------


def _check_cohort(*, program: Program, cohort: Cohort | None) -> None:
    if cohort is not None and cohort.program_id != program.pk:
        raise ValidationError(f"The cohort “{cohort.name}” belongs to another program.")


def _check_supervisor(*, supervisor, learner=None) -> None:
    if supervisor is None:
        return
    if not supervisor.is_active or not roles.user_has_role(supervisor, roles.SUPERVISOR):
        raise ValidationError(f"{supervisor} doesn't have the Supervisor role.")
    if learner is not None and supervisor.pk == learner.pk:
        raise ValidationError("A person can't supervise their own enrollment.")


def _ensure_role(user, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))
    # roles.role_names caches on the user object; forget it now that it changed.
    user.__dict__.pop("_peerpath_role_names", None)


def _lock(model, instance):
    """Re-read a row under a lock so two people acting at once queue up."""
    return model.objects.select_for_update().get(pk=instance.pk)


# --- Enrollment ---------------------------------------------------------------------


def _open_assignment(*, enrollment: Enrollment, supervisor, assigned_by, now) -> None:
    assignment = SupervisorAssignment(
        enrollment=enrollment, supervisor=supervisor, started_at=now, assigned_by=assigned_by
    )
    assignment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        # Someone else opened an assignment between our read and our write.
        raise ValidationError(
            "Someone else changed this enrollment's supervisor just now. "
            "Reload the page to see the current supervisor."
        ) from None


@transaction.atomic
def enrollment_create(
    *,
    learner,
    program: Program,
    cohort: Cohort | None = None,
    supervisor=None,
    enrolled_by=None,
    notify: bool = True,
) -> Enrollment:
    """Enroll a person in a program (and cohort), optionally with a supervisor.

    A withdrawn enrollment in the same program is reactivated rather than
    duplicated (one enrollment per person and program)."""
    _check_cohort(program=program, cohort=cohort)
    _check_supervisor(supervisor=supervisor, learner=learner)
    now = timezone.now()
    existing = Enrollment.objects.select_for_update().filter(learner=learner, program=program)
    enrollment = existing.first()
    if enrollment is not None and enrollment.status != Enrollment.Status.WITHDRAWN:
        raise ValidationError(f"{learner} is already enrolled in {program}. Nothing was changed.")

    action = LOG_ENROLL
    if enrollment is not None:
        action = LOG_REACTIVATE
        SupervisorAssignment.objects.filter(enrollment=enrollment, ended_at__isnull=True).update(
            ended_at=now
        )
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.ended_at = None
        enrollment.cohort = cohort
        enrollment.supervisor = supervisor
        enrollment.enrolled_at = now
        enrollment.enrolled_by = enrolled_by
    else:
        enrollment = Enrollment(
            learner=learner,
            program=program,
            cohort=cohort,
            supervisor=supervisor,
            enrolled_at=now,
            enrolled_by=enrolled_by,
        )
    # The one-per-program constraint is checked above and enforced by the
    # database below, where a race turns into the same clear message.
    enrollment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError:
        raise ValidationError(
            f"{learner} is already enrolled in {program}. Nothing was changed."
        ) from None
    if supervisor is not None:
        _open_assignment(
            enrollment=enrollment, supervisor=supervisor, assigned_by=enrolled_by, now=now
        )
    _ensure_role(learner, roles.LEARNER)
    log(enrollment, action, user=enrolled_by)
    if notify:
        email_send(
            to=learner.email,
            template="enrolled",
            context={
                "person": learner,
                "program": program,
                "cohort": cohort,
                "supervisor": supervisor,
                "dashboard_url": site_url(reverse("dashboard")),
            },
        )
    return enrollment


def parse_email_list(text: str) -> tuple[list[str], list[str]]:
    """Split pasted addresses into (valid addresses, entries that aren't addresses).

    Addresses may come one a line, or separated by commas, semicolons or spaces;
    "Name <address>" (as copied from a mail program) is accepted. Duplicates are
    dropped, ignoring case; the order is kept."""
    valid: list[str] = []
    invalid: list[str] = []
    seen: set[str] = set()
    for piece in re.split(r"[\n,;]+", text or ""):
        piece = piece.strip()
        if not piece:
            continue
        bracketed = re.search(r"<([^<>]+)>", piece)
        if bracketed:
            candidates = [bracketed.group(1).strip()]
        elif all("@" in word for word in piece.split()):
            candidates = piece.split()
        else:
            candidates = [piece]
        for candidate in candidates:
            try:
                validate_email(candidate)
            except ValidationError:
                invalid.append(piece)
                continue
            if candidate.lower() not in seen:
                seen.add(candidate.lower())
                valid.append(candidate)
    return valid, invalid


@dataclass
class BulkEnrollmentResult:
    enrolled: list = field(default_factory=list)  # Enrollment
    already_enrolled: list = field(default_factory=list)  # Enrollment
    no_account: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


@transaction.atomic
def enrollment_bulk_create_from_emails(
    *,
    text: str,
    program: Program,
    cohort: Cohort | None = None,
    supervisor=None,
    enrolled_by=None,
) -> BulkEnrollmentResult:
    """Enroll every pasted address that has an account; report the rest."""
    emails, invalid = parse_email_list(text)
    if not emails and not invalid:
        raise ValidationError("Paste at least one email address.")
    if len(emails) > BULK_EMAIL_LIMIT:
        raise ValidationError(
            f"That's {len(emails)} addresses; add at most {BULK_EMAIL_LIMIT} at a time."
        )
    _check_cohort(program=program, cohort=cohort)
    _check_supervisor(supervisor=supervisor)
    result = BulkEnrollmentResult(invalid=invalid)
    people = selectors.users_by_email(emails)
    existing = {
        enrollment.learner_id: enrollment
        for enrollment in Enrollment.objects.filter(
            program=program, learner__in=list(people.values())
        ).select_related("learner", "cohort")
    }
    for email in emails:
        person = people.get(email.lower())
        if person is None:
            result.no_account.append(email)
            continue
        current = existing.get(person.pk)
        if current is not None and current.status != Enrollment.Status.WITHDRAWN:
            result.already_enrolled.append(current)
            continue
        result.enrolled.append(
            enrollment_create(
                learner=person,
                program=program,
                cohort=cohort,
                # A supervisor pasting their own address is enrolled without themselves.
                supervisor=supervisor if supervisor and supervisor.pk != person.pk else None,
                enrolled_by=enrolled_by,
            )
        )
    return result


@transaction.atomic
def enrollment_change_supervisor(*, enrollment: Enrollment, supervisor, changed_by) -> Enrollment:
    """Close the current supervisor assignment and open a new one (or none).

    Earlier assignments are kept with their dates and who made them."""
    enrollment = _lock(Enrollment, enrollment)
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(
            "Only an active enrollment can get a new supervisor. Nothing was changed."
        )
    current = selectors.current_supervisor(enrollment)
    if (current.pk if current else None) == (supervisor.pk if supervisor else None):
        if supervisor is None:
            raise ValidationError("This enrollment has no supervisor. Nothing was changed.")
        raise ValidationError(
            f"{supervisor} already supervises this enrollment. Nothing was changed."
        )
    _check_supervisor(supervisor=supervisor, learner=enrollment.learner)
    now = timezone.now()
    SupervisorAssignment.objects.filter(enrollment=enrollment, ended_at__isnull=True).update(
        ended_at=now
    )
    if supervisor is not None:
        _open_assignment(
            enrollment=enrollment, supervisor=supervisor, assigned_by=changed_by, now=now
        )
    enrollment.supervisor = supervisor
    enrollment.full_clean(validate_constraints=False)
    enrollment.save(update_fields=["supervisor"])
    log(
        enrollment,
        LOG_SUPERVISOR_CHANGE,
        user=changed_by,
        data={
            "from": str(current) if current else None,
            "to": str(supervisor) if supervisor else None,
        },
    )
    return enrollment


@transaction.atomic
def enrollment_change_cohort(
    *, enrollment: Enrollment, cohort: Cohort | None, changed_by
) -> Enrollment:
    enrollment = _lock(Enrollment, enrollment)
    _check_cohort(program=enrollment.program, cohort=cohort)
    if enrollment.cohort_id == (cohort.pk if cohort else None):
        return enrollment
    enrollment.cohort = cohort
    enrollment.full_clean(validate_constraints=False)
    enrollment.save(update_fields=["cohort"])
    log(
        enrollment, LOG_COHORT_CHANGE, user=changed_by, data={"to": str(cohort) if cohort else None}
    )
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, withdrawn_by) -> Enrollment:
    """End an active enrollment. Its record (and supervisor history) stays."""
    enrollment = _lock(Enrollment, enrollment)
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(
            f"This enrollment is already {enrollment.get_status_display().lower()}. "
            "Nothing was changed."
        )
    now = timezone.now()
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.ended_at = now
    enrollment.full_clean(validate_constraints=False)
    enrollment.save(update_fields=["status", "ended_at"])
    SupervisorAssignment.objects.filter(enrollment=enrollment, ended_at__isnull=True).update(
        ended_at=now
    )
    log(enrollment, LOG_WITHDRAW, user=withdrawn_by)
    return enrollment


# --- Invitations ---------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    email: str,
    role: str = Invitation.Role.LEARNER,
    program: Program | None = None,
    cohort: Cohort | None = None,
    supervisor=None,
    invited_by,
    valid_for: datetime.timedelta = INVITATION_VALID_FOR,
) -> Invitation:
    """Invite someone by email: to a program as a learner, or to the Supervisor role.

    The email carries a single-use link that expires after `valid_for`."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(f"“{email}” isn't an email address.") from None
    if role == Invitation.Role.LEARNER:
        if program is None:
            raise ValidationError("Choose the program to invite a learner to.")
        _check_cohort(program=program, cohort=cohort)
        _check_supervisor(supervisor=supervisor)
        if selectors.users_by_email([email]):
            raise ValidationError(
                f"{email} already has an account: enroll them directly instead of inviting them."
            )
    elif role == Invitation.Role.SUPERVISOR:
        # Supervisors are invited to the role, not to a program.
        program, cohort, supervisor = None, None, None
        existing = selectors.users_by_email([email]).get(email.lower())
        if existing is not None and roles.user_has_role(existing, roles.SUPERVISOR):
            raise ValidationError(f"{email} already has the Supervisor role.")
    else:
        raise ValidationError("Choose whether you invite a learner or a supervisor.")
    already = selectors.open_invitation_for(email=email, role=role, program=program)
    if already is not None:
        raise ValidationError(
            f"{email} was already invited on {date_format(already.created_at, 'j F Y')}; "
            f"that invitation is open until {date_format(already.expires_at, 'j F Y')}."
        )
    now = timezone.now()
    invitation = Invitation(
        email=email,
        role=role,
        program=program,
        cohort=cohort,
        supervisor=supervisor,
        token=secrets.token_urlsafe(32),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + valid_for,
    )
    invitation.full_clean()
    invitation.save()
    log(invitation, LOG_INVITE, user=invited_by)
    email_send(
        to=email,
        template=f"invitation_{role}",
        context={
            "invitation": invitation,
            "invited_by": invited_by,
            "link": site_url(reverse("training:invitation", args=[invitation.token])),
        },
    )
    return invitation


@dataclass
class BulkInvitationResult:
    invited: list = field(default_factory=list)  # Invitation
    refused: list[tuple[str, str]] = field(default_factory=list)  # (email, why)


def invitation_bulk_create(
    *,
    text: str,
    role: str = Invitation.Role.LEARNER,
    program: Program | None = None,
    cohort: Cohort | None = None,
    supervisor=None,
    invited_by,
) -> BulkInvitationResult:
    """Invite each pasted address; one refusal doesn't stop the others.

    Each invitation is its own transaction: an email that went out stays valid."""
    emails, invalid = parse_email_list(text)
    if not emails and not invalid:
        raise ValidationError("Enter at least one email address.")
    if len(emails) > BULK_EMAIL_LIMIT:
        raise ValidationError(
            f"That's {len(emails)} addresses; invite at most {BULK_EMAIL_LIMIT} at a time."
        )
    result = BulkInvitationResult()
    result.refused.extend((entry, "This isn't an email address.") for entry in invalid)
    for email in emails:
        try:
            result.invited.append(
                invitation_create(
                    email=email,
                    role=role,
                    program=program,
                    cohort=cohort,
                    supervisor=supervisor,
                    invited_by=invited_by,
                )
            )
        except ValidationError as error:
            result.refused.append((email, " ".join(error.messages)))
    return result


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Enrollment | None:
    """Apply an invitation to the account whose address it was sent to.

    Learner invitations enroll (returning the enrollment); supervisor
    invitations grant the Supervisor role (returning None)."""
    invitation = _lock(Invitation, invitation)
    if invitation.accepted_at is not None:
        raise ValidationError(
            "This invitation has already been used. If that was you, sign in to continue."
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            f"This invitation expired on {date_format(invitation.expires_at, 'j F Y')}. "
            "Ask your coordinator to send you a new one."
        )
    if not selectors.invitation_matches_user(invitation, user):
        raise ValidationError(
            "This invitation was sent to a different email address than the one on your "
            "account. Sign in with the invited address, or ask your coordinator for a new "
            "invitation."
        )
    now = timezone.now()
    # Guarded update: of two simultaneous acceptances exactly one changes the row.
    if not Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=now, accepted_by=user
    ):
        raise ValidationError("This invitation has already been used.")
    enrollment = None
    if invitation.role == Invitation.Role.SUPERVISOR:
        _ensure_role(user, roles.SUPERVISOR)
    else:
        supervisor = invitation.supervisor
        if supervisor is not None and (
            supervisor.pk == user.pk or not roles.user_has_role(supervisor, roles.SUPERVISOR)
        ):
            # The supervisor lost the role since the invitation: enroll without
            # one rather than refuse the person; a coordinator assigns another.
            supervisor = None
        enrollment = enrollment_create(
            learner=user,
            program=invitation.program,
            cohort=invitation.cohort,
            supervisor=supervisor,
            enrolled_by=invitation.invited_by,
            notify=False,
        )
    invitation.refresh_from_db()
    log(invitation, LOG_INVITATION_ACCEPT, user=user)
    return enrollment


# --- Join requests --------------------------------------------------------------------


@transaction.atomic
def join_request_create(*, person, program: Program, message: str = "") -> JoinRequest:
    """A signed-in person asks to join a program that accepts requests."""
    message = (message or "").strip()
    if not program.accepts_join_requests:
        raise ValidationError(f"{program} isn't taking requests to join at the moment.")
    enrollment = selectors.enrollment_of(person=person, program=program)
    if enrollment is not None and enrollment.status != Enrollment.Status.WITHDRAWN:
        raise ValidationError(f"You're already enrolled in {program}.")
    if len(message) > JOIN_REQUEST_MESSAGE_MAX_LENGTH:
        raise ValidationError(
            f"Please keep your message under {JOIN_REQUEST_MESSAGE_MAX_LENGTH} characters "
            f"(it has {len(message)})."
        )
    already = f"You've already asked to join {program}. A coordinator will reply by email."
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


def _decide(join_request: JoinRequest, *, status: str, decided_by, note: str = "") -> JoinRequest:
    """Move a pending request to its decision; refuse one that was already decided."""
    locked = _lock(JoinRequest, join_request)
    if locked.status != JoinRequest.Status.PENDING:
        raise ValidationError(
            f"This request was already {locked.get_status_display().lower()}"
            + (f" on {date_format(locked.decided_at, 'j F Y')}" if locked.decided_at else "")
            + ". Nothing was changed."
        )
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
        template="join_request_approved",
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
            f"Please keep the note under {DECISION_NOTE_MAX_LENGTH} characters "
            f"(it has {len(note)})."
        )
    join_request = _decide(
        join_request, status=JoinRequest.Status.DECLINED, decided_by=decided_by, note=note
    )
    log(join_request, LOG_JOIN_DECLINE, user=decided_by)
    email_send(
        to=join_request.person.email,
        template="join_request_declined",
        context={
            "person": join_request.person,
            "program": join_request.program,
            "note": note,
            "programs_url": site_url(reverse("training:program_list")),
        },
    )
    return join_request


# --- Supervised practice hours ----------------------------------------------------------
# The learner logs, edits, submits and withdraws; the enrollment's current
# supervisor approves or returns; a coordinator may reopen an approved entry.
# Each step is an HoursEntryEvent holding the values before it, so the history
# answers "who, when, what it was, why" and approved values are never lost.

HOURS_COMMENT_MAX_LENGTH = 1000
REVIEW_PERMISSION = "training.review_hoursentry"
REOPEN_PERMISSION = "training.reopen_hoursentry"


class IdentifiersFound(ValidationError):
    """The notes or setting look like they hold client identifiers, and the learner
    hasn't confirmed they don't. Carries the findings so the form can show them."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            "Your entry may identify someone you supported: "
            + "; ".join(identifiers.describe(findings))
            + ". Please rewrite it without names, contact details, dates of birth, "
            "addresses or record numbers, or confirm that it holds no client information.",
            code="identifiers",
        )


def _hours(value) -> str:
    return format_hours(value)


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _describe_entry(entry: HoursEntry) -> str:
    return f"{entry.enrollment.learner}'s {_hours(entry.hours)} h on {_day(entry.date)}"


def _record(entry, action, *, actor, from_status="", comment="", snapshot=None, confirmed=()):
    event = HoursEntryEvent(
        entry=entry,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=entry.status,
        comment=comment,
        snapshot=snapshot if snapshot is not None else entry.snapshot(),
        confirmed_kinds=list(confirmed),
    )
    # The entry was just saved and the actor is the signed-in person: checking
    # that both exist would be two queries per entry (approving 50 at once: 100).
    event.full_clean(exclude=["entry", "actor"])
    event.save()
    return event


def _check_entry_values(
    *,
    enrollment: Enrollment,
    date,
    hours,
    domain,
    activity_type,
    setting: str,
    notes: str,
    entry: HoursEntry | None = None,
) -> None:
    """Every rule an entry's values must meet, all reported at once (by field)."""
    program = enrollment.program
    errors: dict[str, list[str]] = {}

    def refuse(field_name, message):
        errors.setdefault(field_name, []).append(message)

    today = timezone.localdate()
    enrolled_on = timezone.localdate(enrollment.enrolled_at)
    if date is None:
        refuse("date", "Enter the date you did this.")
    elif date > today:
        refuse(
            "date", "The date can't be in the future. Log hours on or after the day you did them."
        )
    elif date < enrolled_on:
        refuse(
            "date",
            f"This is before you enrolled in {program} (on {_day(enrolled_on)}). Only hours "
            "from your enrollment onwards count.",
        )

    try:
        hours = Decimal(hours) if hours is not None else None
    except (ArithmeticError, TypeError, ValueError):
        hours = None
        refuse("hours", "Enter the hours as a number, for example 1.5.")
    if hours is not None and not hours.is_finite():
        hours = None
        refuse("hours", "Enter the hours as a number, for example 1.5.")
    day_limit = min(program.max_hours_per_day, ABSOLUTE_DAY_LIMIT)
    if hours is None:
        errors.setdefault("hours", ["Enter the hours you spent."])
    elif hours <= 0:
        refuse("hours", "Enter more than zero hours.")
    elif not is_quarter_hours(hours):
        refuse(
            "hours",
            "Use quarter-hour steps: for example 0.25 (15 minutes), 0.5, 0.75 or 1.",
        )
    elif hours > min(program.max_hours_per_entry, ABSOLUTE_DAY_LIMIT):
        most = min(program.max_hours_per_entry, ABSOLUTE_DAY_LIMIT)
        refuse(
            "hours",
            f"One entry can have at most {_hours(most)} hours in this program. Split a "
            "longer stretch into separate entries.",
        )
    elif date is not None and "date" not in errors:
        others = HoursEntry.objects.filter(enrollment=enrollment, date=date)
        if entry is not None:
            others = others.exclude(pk=entry.pk)
        logged = sum(others.values_list("hours", flat=True), Decimal("0"))
        if logged + hours > day_limit:
            refuse(
                "hours",
                f"You've already logged {_hours(logged)} hours on {_day(date)}. With this "
                f"entry that day would have {_hours(logged + hours)}, more than the "
                f"{_hours(day_limit)} hours a day this program accepts.",
            )

    if activity_type is None:
        refuse("activity_type", "Choose the kind of activity.")
    elif activity_type.program_id != program.pk:
        refuse("activity_type", f"Choose one of the activity types of {program}.")
    elif (
        not activity_type.is_active and getattr(entry, "activity_type_id", None) != activity_type.pk
    ):
        refuse(
            "activity_type",
            f"{program} no longer accepts “{activity_type.name}”. Choose another activity type.",
        )

    if domain is None:
        refuse("domain", "Choose the domain this work belongs to.")
    elif domain.pk not in {known.pk for known in selectors.program_domain_list(program)}:
        refuse("domain", f"{program} doesn't count hours in {domain}. Choose one of its domains.")

    setting_max = HoursEntry._meta.get_field("setting").max_length
    if not (setting or "").strip():
        refuse("setting", "Say where this took place, for example “recovery community centre”.")
    elif len(setting) > setting_max:
        refuse("setting", f"Please keep the setting under {setting_max} characters.")

    if len(notes or "") > HoursEntry.NOTES_MAX_LENGTH:
        refuse(
            "notes",
            f"Please keep notes under {HoursEntry.NOTES_MAX_LENGTH:,} characters "
            f"(these have {len(notes):,}).",
        )
    if errors:
        raise ValidationError(errors)


def _check_no_identifiers(*, setting: str, notes: str, confirmed: bool) -> list[str]:
    """Refuse likely identifiers unless the learner confirmed there are none;
    return the kinds they confirmed (recorded with the entry)."""
    findings = identifiers.find_identifiers(setting or "") + identifiers.find_identifiers(
        notes or ""
    )
    if findings and not confirmed:
        raise IdentifiersFound(findings)
    return sorted({finding.kind for finding in findings})


def _own_active_enrollment(enrollment: Enrollment, learner) -> Enrollment:
    enrollment = _lock(Enrollment, enrollment)
    if enrollment.learner_id != learner.pk:
        raise ValidationError("You can only log hours in your own enrollment.")
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(
            f"Your enrollment in {enrollment.program} isn't active, so hours can't be "
            "changed. Nothing was saved."
        )
    return enrollment


def _locked_own_entry(entry: HoursEntry, learner) -> HoursEntry:
    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("enrollment__program", "domain", "activity_type")
        .get(pk=entry.pk)
    )
    if entry.enrollment.learner_id != learner.pk:
        raise ValidationError("You can only change your own hours.")
    return entry


def _refuse_locked(entry: HoursEntry, doing: str) -> None:
    if entry.status == HoursEntry.Status.APPROVED:
        raise ValidationError(
            f"This entry is approved and locked, so it can't be {doing}. If something in it "
            "is wrong, ask your coordinator to reopen it. Nothing was changed."
        )
    if entry.status == HoursEntry.Status.SUBMITTED:
        raise ValidationError(
            f"This entry is waiting for review, so it can't be {doing}. Withdraw it first. "
            "Nothing was changed."
        )


@transaction.atomic
def hours_entry_create(
    *,
    enrollment: Enrollment,
    learner,
    date,
    hours,
    domain,
    activity_type,
    setting: str,
    notes: str = "",
    confirm_no_client_info: bool = False,
) -> HoursEntry:
    """Log a draft entry. Raises `IdentifiersFound` when the text looks like it
    identifies someone and the learner hasn't confirmed it doesn't."""
    # Locking the enrollment queues two entries for the same day, so the daily
    # limit can't be passed by saving twice at once.
    enrollment = _own_active_enrollment(enrollment, learner)
    setting, notes = (setting or "").strip(), (notes or "").strip()
    _check_entry_values(
        enrollment=enrollment,
        date=date,
        hours=hours,
        domain=domain,
        activity_type=activity_type,
        setting=setting,
        notes=notes,
    )
    confirmed = _check_no_identifiers(
        setting=setting, notes=notes, confirmed=confirm_no_client_info
    )
    now = timezone.now()
    entry = HoursEntry(
        enrollment=enrollment,
        date=date,
        hours=Decimal(hours),
        domain=domain,
        activity_type=activity_type,
        setting=setting,
        notes=notes,
        created_at=now,
        updated_at=now,
        client_info_confirmed_at=now if confirmed else None,
        client_info_confirmed_kinds=confirmed,
    )
    entry.full_clean()
    entry.save()
    _record(entry, HoursEntryEvent.Action.CREATED, actor=learner, confirmed=confirmed)
    return entry


ENTRY_FIELDS = ("date", "hours", "domain", "activity_type", "setting", "notes")


@transaction.atomic
def hours_entry_update(
    *,
    entry: HoursEntry,
    learner,
    date,
    hours,
    domain,
    activity_type,
    setting: str,
    notes: str = "",
    confirm_no_client_info: bool = False,
) -> HoursEntry:
    """Change a draft or returned entry. Submitted entries must be withdrawn first;
    approved ones are locked."""
    _own_active_enrollment(entry.enrollment, learner)
    entry = _locked_own_entry(entry, learner)
    _refuse_locked(entry, "edited")
    setting, notes = (setting or "").strip(), (notes or "").strip()
    _check_entry_values(
        enrollment=entry.enrollment,
        date=date,
        hours=hours,
        domain=domain,
        activity_type=activity_type,
        setting=setting,
        notes=notes,
        entry=entry,
    )
    confirmed = _check_no_identifiers(
        setting=setting, notes=notes, confirmed=confirm_no_client_info
    )
    before = entry.snapshot()
    new_values = {
        "date": date,
        "hours": Decimal(hours),
        "domain": domain,
        "activity_type": activity_type,
        "setting": setting,
        "notes": notes,
    }
    if all(getattr(entry, name) == value for name, value in new_values.items()):
        return entry
    for name, value in new_values.items():
        setattr(entry, name, value)
    now = timezone.now()
    entry.updated_at = now
    entry.client_info_confirmed_at = now if confirmed else None
    entry.client_info_confirmed_kinds = confirmed
    entry.full_clean()
    entry.save()
    _record(
        entry,
        HoursEntryEvent.Action.EDITED,
        actor=learner,
        from_status=entry.status,
        snapshot=before,
        confirmed=confirmed,
    )
    return entry


@transaction.atomic
def hours_entry_delete(*, entry: HoursEntry, learner) -> None:
    """Delete a draft that was never submitted (anything a supervisor has seen stays)."""
    _own_active_enrollment(entry.enrollment, learner)
    entry = _locked_own_entry(entry, learner)
    _refuse_locked(entry, "deleted")
    if not entry.is_deletable:
        raise ValidationError(
            "This entry has been reviewed before, so it stays in your log. You can edit it "
            "and submit it again. Nothing was changed."
        )
    entry.delete()


def _chosen_ids(values, *, refusal: str) -> list[int]:
    """The posted entry ids, or a refusal if any of them is not an id at all."""
    ids = {plain_id(value) for value in values}
    if None in ids:
        raise ValidationError(refusal)
    return sorted(ids)


@transaction.atomic
def hours_entries_submit(*, entry_ids, learner) -> list[HoursEntry]:
    """Send drafts and returned entries to the supervisor, all or none."""
    ids = _chosen_ids(
        entry_ids, refusal="Some of the chosen entries aren't in your log. Nothing was submitted."
    )
    if not ids:
        raise ValidationError("Choose at least one entry to submit.")
    entries = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, enrollment__learner=learner)
        .select_related("enrollment__program", "domain", "activity_type")
        .order_by("pk")
    )
    if len(entries) != len(ids):
        raise ValidationError(
            "Some of the chosen entries aren't in your log. Nothing was submitted."
        )
    problems = []
    for entry in entries:
        enrollment = entry.enrollment
        if enrollment.status != Enrollment.Status.ACTIVE:
            problems.append(
                f"Your enrollment in {enrollment.program} isn't active, so its hours can't "
                "be submitted."
            )
        elif enrollment.supervisor_id is None:
            problems.append(
                f"You don't have a supervisor in {enrollment.program} yet; your coordinator "
                "will assign one. Your entries stay saved as drafts."
            )
        elif entry.status == HoursEntry.Status.SUBMITTED:
            problems.append(f"The entry of {_day(entry.date)} is already waiting for review.")
        elif entry.status == HoursEntry.Status.APPROVED:
            problems.append(f"The entry of {_day(entry.date)} is already approved.")
    if problems:
        raise ValidationError(
            sorted(set(problems), key=problems.index) + ["Nothing was submitted."]
        )
    now = timezone.now()
    for entry in entries:
        before, from_status = entry.snapshot(), entry.status
        entry.status = HoursEntry.Status.SUBMITTED
        entry.submitted_at = now
        entry.save(update_fields=["status", "submitted_at"])
        _record(
            entry,
            HoursEntryEvent.Action.SUBMITTED,
            actor=learner,
            from_status=from_status,
            snapshot=before,
        )
    return entries


@transaction.atomic
def hours_entry_withdraw(*, entry: HoursEntry, learner) -> HoursEntry:
    """Take a submitted entry back to edit it; it becomes a draft again."""
    entry = _locked_own_entry(entry, learner)
    if entry.status != HoursEntry.Status.SUBMITTED:
        if entry.status == HoursEntry.Status.APPROVED:
            raise ValidationError(
                "This entry is already approved and locked; it can't be withdrawn. "
                "Nothing was changed."
            )
        raise ValidationError(
            "Only an entry waiting for review can be withdrawn. Nothing was changed."
        )
    before = entry.snapshot()
    entry.status = HoursEntry.Status.DRAFT
    entry.save(update_fields=["status"])
    _record(
        entry,
        HoursEntryEvent.Action.WITHDRAWN,
        actor=learner,
        from_status=HoursEntry.Status.SUBMITTED,
        snapshot=before,
    )
    return entry


class ReviewNotAllowed(ValidationError):
    """Some of the entries are not the reviewer's to decide (their own, or not
    their mentee's): a refusal (403), not a conflict."""


def _locked_for_review(entry_ids, reviewer) -> list[HoursEntry]:
    """Lock the chosen entries and their enrollments (the supervisor check must
    not race a change of supervisor), then refuse anything the reviewer may not
    review. All checks are made before anything changes."""
    ids = _chosen_ids(
        entry_ids, refusal="Some of the chosen entries no longer exist. Nothing was changed."
    )
    if not ids:
        raise ValidationError("Choose at least one entry.")
    locked_ids = list(
        HoursEntry.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "enrollment_id")
    )
    if len(locked_ids) != len(ids):
        raise ValidationError("Some of the chosen entries no longer exist. Nothing was changed.")
    list(
        Enrollment.objects.select_for_update()
        .filter(pk__in={enrollment_id for _, enrollment_id in locked_ids})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    entries = list(
        HoursEntry.objects.filter(pk__in=ids)
        .select_related(
            "enrollment__learner", "enrollment__program", "domain", "activity_type", "reviewed_by"
        )
        .order_by("pk")
    )
    if not reviewer.has_perm(REVIEW_PERMISSION):
        raise ReviewNotAllowed(
            "Only supervisors review hours, and only those of the people they supervise. "
            "Nothing was changed."
        )
    problems = []
    not_theirs = False
    for entry in entries:
        enrollment = entry.enrollment
        described = _describe_entry(entry)
        if enrollment.learner_id == reviewer.pk:
            not_theirs = True
            problems.append(
                f"You can't review your own hours ({_hours(entry.hours)} h on {_day(entry.date)})."
            )
        elif enrollment.supervisor_id != reviewer.pk:
            not_theirs = True
            problems.append(
                f"You don't supervise {enrollment.learner} in {enrollment.program}, so you "
                f"can't review {described}."
            )
        elif enrollment.status != Enrollment.Status.ACTIVE:
            problems.append(
                f"{enrollment.learner}'s enrollment in {enrollment.program} isn't active, "
                f"so {described} can't be reviewed."
            )
        elif entry.status == HoursEntry.Status.APPROVED:
            by = f" by {entry.reviewed_by}" if entry.reviewed_by else ""
            when = f" on {_day(timezone.localdate(entry.reviewed_at))}" if entry.reviewed_at else ""
            problems.append(f"{described} was already approved{by}{when}.")
        elif entry.status != HoursEntry.Status.SUBMITTED:
            problems.append(
                f"{described} isn't waiting for review any more "
                f"({entry.get_status_display().lower()})."
            )
    if problems:
        refusal = ReviewNotAllowed if not_theirs else ValidationError
        raise refusal(problems + ["Nothing was changed."])
    return entries


def _decide_hours(entries, *, status, reviewer, comment, action) -> None:
    now = timezone.now()
    for entry in entries:
        before = entry.snapshot()
        # Guarded update: whatever happens, a submitted entry is decided once.
        changed = HoursEntry.objects.filter(pk=entry.pk, status=HoursEntry.Status.SUBMITTED).update(
            status=status, reviewed_at=now, reviewed_by=reviewer, review_comment=comment
        )
        if changed != 1:
            raise ValidationError(
                "Someone else reviewed these entries just now. Reload the page. "
                "Nothing was changed."
            )
        entry.status, entry.reviewed_at, entry.reviewed_by = status, now, reviewer
        entry.review_comment = comment
        _record(
            entry,
            action,
            actor=reviewer,
            from_status=HoursEntry.Status.SUBMITTED,
            comment=comment,
            snapshot=before,
        )


def _email_learners(entries, *, template, reviewer, comment="") -> None:
    by_learner = defaultdict(list)
    for entry in entries:
        by_learner[entry.enrollment.learner_id].append(entry)
    for learner_entries in by_learner.values():
        enrollment = learner_entries[0].enrollment
        email_send(
            to=enrollment.learner.email,
            template=template,
            context={
                "person": enrollment.learner,
                "program": enrollment.program,
                "entries": sorted(learner_entries, key=lambda entry: (entry.date, entry.pk)),
                "reviewer": reviewer,
                "comment": comment,
                "log_url": site_url(reverse("training:hours_log", args=[enrollment.program.slug])),
            },
        )


@transaction.atomic
def hours_entries_approve(*, entry_ids, supervisor) -> list[HoursEntry]:
    """Approve submitted entries of the supervisor's own mentees, all or none.

    Rows are locked first, so of two approvals at once one waits and then finds
    the entry already approved."""
    entries = _locked_for_review(entry_ids, supervisor)
    _decide_hours(
        entries,
        status=HoursEntry.Status.APPROVED,
        reviewer=supervisor,
        comment="",
        action=HoursEntryEvent.Action.APPROVED,
    )
    _email_learners(entries, template="hours_approved", reviewer=supervisor)
    return entries


def _clean_comment(comment: str, *, what: str) -> str:
    # Views pass the posted text as it came: drop NUL characters, which nobody
    # types and PostgreSQL cannot store.
    comment = (comment or "").replace("\x00", "").strip()
    if not comment:
        raise ValidationError(f"Write {what}. Nothing was changed.")
    if len(comment) > HOURS_COMMENT_MAX_LENGTH:
        raise ValidationError(
            f"Please keep it under {HOURS_COMMENT_MAX_LENGTH:,} characters "
            f"(it has {len(comment):,}). Nothing was changed."
        )
    return comment


@transaction.atomic
def hours_entries_return(*, entry_ids, supervisor, comment: str) -> list[HoursEntry]:
    """Send submitted entries back to the learner with a comment saying what to change."""
    comment = _clean_comment(comment, what="a comment saying what the learner should change")
    entries = _locked_for_review(entry_ids, supervisor)
    _decide_hours(
        entries,
        status=HoursEntry.Status.RETURNED,
        reviewer=supervisor,
        comment=comment,
        action=HoursEntryEvent.Action.RETURNED,
    )
    _email_learners(entries, template="hours_returned", reviewer=supervisor, comment=comment)
    return entries


@transaction.atomic
def hours_entry_reopen(*, entry: HoursEntry, coordinator, reason: str) -> HoursEntry:
    """Reopen an approved entry: it goes back to the learner as returned, with the
    reason; the approved values stay in its history."""
    if not coordinator.has_perm(REOPEN_PERMISSION):
        raise ValidationError("Only a coordinator can reopen approved hours. Nothing was changed.")
    reason = _clean_comment(reason, what="the reason for reopening this entry")
    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("enrollment__learner", "enrollment__program", "domain", "activity_type")
        .get(pk=entry.pk)
    )
    if entry.status != HoursEntry.Status.APPROVED:
        raise ValidationError(
            f"Only approved entries can be reopened; this one is "
            f"{entry.get_status_display().lower()}. Nothing was changed."
        )
    before = entry.snapshot()
    now = timezone.now()
    entry.status = HoursEntry.Status.RETURNED
    entry.reviewed_at = now
    entry.reviewed_by = coordinator
    entry.review_comment = reason
    entry.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"])
    _record(
        entry,
        HoursEntryEvent.Action.REOPENED,
        actor=coordinator,
        from_status=HoursEntry.Status.APPROVED,
        comment=reason,
        snapshot=before,
    )
    _email_learners([entry], template="hours_reopened", reviewer=coordinator, comment=reason)
    return entry


def supervisor_digests_send(*, today: datetime.date | None = None) -> int:
    """Email each supervisor with entries waiting for review one digest, at most
    once a day (a SupervisorDigest row per supervisor and day; running this
    twice sends nothing more). Returns how many digests were sent."""
    today = today or timezone.localdate()
    rows = list(selectors.supervisors_with_waiting_entries())
    people = get_user_model().objects.in_bulk([row["enrollment__supervisor"] for row in rows])
    sent = 0
    for row in rows:
        supervisor = people[row["enrollment__supervisor"]]
        if not supervisor.is_active:
            continue
        try:
            with transaction.atomic():
                digest = SupervisorDigest(
                    supervisor=supervisor, sent_on=today, entry_count=row["entry_count"]
                )
                digest.full_clean(validate_constraints=False)
                digest.save()
                email_send(
                    to=supervisor.email,
                    template="hours_digest",
                    context={
                        "person": supervisor,
                        "entry_count": row["entry_count"],
                        "people": row["people"],
                        "oldest": row["oldest"],
                        "queue_url": site_url(reverse("hours_review:index")),
                    },
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent
