"""Writes of enrollment: enrolling (one person or a pasted list), changing supervisor or
cohort, withdrawing.

Every function is keyword-only, runs in one transaction and raises
`ValidationError` with a message meant for the person who asked; when it raises,
nothing has changed. Races are settled by the database (unique constraints and
guarded updates), never by a check that another request could slip past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from programs import selectors
from programs.models import (
    Cohort,
    Enrollment,
    Program,
    SupervisorAssignment,
)
from training import roles
from training.emails import email_send, site_url
from training.languages import language_of

# A paste larger than this is almost certainly a mistake (a whole mailbox export).
BULK_EMAIL_LIMIT = 500

# Log actions (labels registered in wagtail_hooks.py); they show in each record's history.
LOG_ENROLL = "peerpath.enrollment.enroll"
LOG_REACTIVATE = "peerpath.enrollment.reactivate"
LOG_SUPERVISOR_CHANGE = "peerpath.enrollment.supervisor_change"
LOG_COHORT_CHANGE = "peerpath.enrollment.cohort_change"
LOG_WITHDRAW = "peerpath.enrollment.withdraw"


# --- Checks shared by several services ------------------------------------------------


def _already_enrolled(learner, program) -> str:
    return _("%(person)s is already enrolled in %(program)s. Nothing was changed.") % {
        "person": learner,
        "program": program,
    }


def _check_cohort(*, program: Program, cohort: Cohort | None) -> None:
    if cohort is not None and cohort.program_id != program.pk:
        raise ValidationError(
            _("The cohort “%(cohort)s” belongs to another program.") % {"cohort": cohort.name}
        )


def _check_supervisor(*, supervisor, learner=None) -> None:
    if supervisor is None:
        return
    if not supervisor.is_active or not roles.user_has_role(supervisor, roles.SUPERVISOR):
        raise ValidationError(
            _("%(person)s doesn't have the Supervisor role.") % {"person": supervisor}
        )
    if learner is not None and supervisor.pk == learner.pk:
        raise ValidationError(_("A person can't supervise their own enrollment."))


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
            _(
                "Someone else changed this enrollment's supervisor just now. "
                "Reload the page to see the current supervisor."
            )
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
        raise ValidationError(_already_enrolled(learner, program))

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
        raise ValidationError(_already_enrolled(learner, program)) from None
    if supervisor is not None:
        _open_assignment(
            enrollment=enrollment, supervisor=supervisor, assigned_by=enrolled_by, now=now
        )
    _ensure_role(learner, roles.LEARNER)
    log(enrollment, action, user=enrolled_by)
    if notify:
        email_send(
            to=learner.email,
            language=language_of(learner),
            template="programs/emails/enrolled",
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
        raise ValidationError(_("Paste at least one email address."))
    if len(emails) > BULK_EMAIL_LIMIT:
        raise ValidationError(
            _("That's %(count)s addresses; add at most %(limit)s at a time.")
            % {"count": len(emails), "limit": BULK_EMAIL_LIMIT}
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
            _("Only an active enrollment can get a new supervisor. Nothing was changed.")
        )
    current = selectors.current_supervisor(enrollment)
    if (current.pk if current else None) == (supervisor.pk if supervisor else None):
        if supervisor is None:
            raise ValidationError(_("This enrollment has no supervisor. Nothing was changed."))
        raise ValidationError(
            _("%(person)s already supervises this enrollment. Nothing was changed.")
            % {"person": supervisor}
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
        # A whole sentence per status: Spanish agrees the word with "inscripción".
        if enrollment.status == Enrollment.Status.COMPLETED:
            raise ValidationError(_("This enrollment is already completed. Nothing was changed."))
        raise ValidationError(_("This enrollment is already withdrawn. Nothing was changed."))
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
