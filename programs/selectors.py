"""Reads of programs and enrollment: who is enrolled where, with which supervisor,
invitations, join requests, and the program's domains and activity types.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from programs.models import (
    ActivityType,
    Cohort,
    Domain,
    Enrollment,
    Invitation,
    JoinRequest,
    JoinRequestDigest,
    Program,
    ProgramDomainRequirement,
    SupervisorAssignment,
)
from training import roles
from training.content_cache import remember
from training.sql import KeptQuery, column, connection_for, first_column, table

# --- Programs -------------------------------------------------------------------


def programs_accepting_requests() -> QuerySet[Program]:
    """Programs a signed-in person may ask to join (the public /programs/ page)."""
    return Program.objects.filter(accepts_join_requests=True).order_by("title")


def program_join_states(*, person, programs) -> dict[int, str]:
    """For each program id, where `person` stands: "enrolled", "pending" or absent.

    Two queries whatever the number of programs."""
    if not person.is_authenticated:
        return {}
    program_ids = [program.pk for program in programs]
    states: dict[int, str] = {}
    for program_id in JoinRequest.objects.filter(
        person=person, program_id__in=program_ids, status=JoinRequest.Status.PENDING
    ).values_list("program_id", flat=True):
        states[program_id] = "pending"
    for program_id in (
        Enrollment.objects.filter(learner=person, program_id__in=program_ids)
        .exclude(status=Enrollment.Status.WITHDRAWN)
        .values_list("program_id", flat=True)
    ):
        states[program_id] = "enrolled"
    return states


def cohorts_of(program: Program) -> QuerySet[Cohort]:
    return Cohort.objects.filter(program=program).order_by("-start_date", "name")


def the_open_cohort(program: Program, *, today: datetime.date | None = None) -> Cohort | None:
    """The program's one open cohort (not ended: `Cohort.is_open_on`), or None when
    it has none or several (then a coordinator has to choose)."""
    today = today or timezone.localdate()
    open_ones = list(
        Cohort.objects.filter(program=program)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("pk")[:2]
    )
    return open_ones[0] if len(open_ones) == 1 else None


def programs_with_counts() -> QuerySet[Program]:
    """Programs for the admin listing, with active learners and open requests counted."""
    return Program.objects.annotate(
        active_learner_count=Count(
            "enrollments", filter=Q(enrollments__status=Enrollment.Status.ACTIVE), distinct=True
        ),
        pending_request_count=Count(
            "join_requests",
            filter=Q(join_requests__status=JoinRequest.Status.PENDING),
            distinct=True,
        ),
    )


# --- Enrollments ------------------------------------------------------------------


def active_enrollments_for(user) -> QuerySet[Enrollment]:
    """The programs a person is currently working through."""
    return (
        Enrollment.objects.filter(learner=user, status=Enrollment.Status.ACTIVE)
        .select_related("program", "cohort", "supervisor")
        .order_by("program__title")
    )


def enrollment_of(*, person, program: Program) -> Enrollment | None:
    """A person's enrollment in a program, whatever its status, or None."""
    return Enrollment.objects.filter(learner=person, program=program).first()


def mentees_of(supervisor) -> QuerySet[Enrollment]:
    """Active enrollments a supervisor currently supervises."""
    return (
        Enrollment.objects.filter(supervisor=supervisor, status=Enrollment.Status.ACTIVE)
        .select_related("learner", "program", "cohort")
        .order_by("learner__last_name", "learner__first_name", "learner__email")
    )


def current_supervisor(enrollment: Enrollment):
    """Who supervises this enrollment now (the open assignment), or None."""
    assignment = (
        SupervisorAssignment.objects.filter(enrollment=enrollment, ended_at__isnull=True)
        .select_related("supervisor")
        .first()
    )
    return assignment.supervisor if assignment else None


def supervisor_history(enrollment: Enrollment) -> QuerySet[SupervisorAssignment]:
    """Every supervisor an enrollment has had, oldest first, with who assigned them."""
    return (
        SupervisorAssignment.objects.filter(enrollment=enrollment)
        .select_related("supervisor", "assigned_by")
        .order_by("started_at", "pk")
    )


def supervisors() -> QuerySet:
    """People who may be assigned as a supervisor: active accounts with the Supervisor role."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.SUPERVISOR, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def coordinators() -> QuerySet:
    return (
        get_user_model()
        .objects.filter(groups__name=roles.COORDINATOR, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def users_by_email(emails: list[str]) -> dict[str, object]:
    """Accounts for the given addresses, keyed by lower-cased email (one query)."""
    wanted = {email.lower() for email in emails}
    if not wanted:
        return {}
    people = (
        get_user_model().objects.annotate(email_lower=Lower("email")).filter(email_lower__in=wanted)
    )
    return {user.email.lower(): user for user in people}


# --- Invitations --------------------------------------------------------------------


class InvitationState:
    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"


def invitation_state(invitation: Invitation, *, now=None) -> str:
    if invitation.accepted_at:
        return InvitationState.ACCEPTED
    if invitation.expires_at <= (now or timezone.now()):
        return InvitationState.EXPIRED
    return InvitationState.PENDING


def invitation_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.filter(token=token)
        .select_related("program", "cohort", "supervisor")
        .first()
    )


def invitation_matches_user(invitation: Invitation, user) -> bool:
    """Was the invitation sent to this account's address (or a verified second one)?"""
    if not user.is_authenticated:
        return False
    if (user.email or "").lower() == invitation.email.lower():
        return True

    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


def open_invitation_for(*, email: str, role: str, program: Program | None) -> Invitation | None:
    """A pending, unexpired invitation of the same address to the same thing."""
    return Invitation.objects.filter(
        email__iexact=email,
        role=role,
        program=program,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).first()


# --- Join requests ------------------------------------------------------------------


def join_requests_of(person) -> QuerySet[JoinRequest]:
    """A person's own requests, newest first. Nobody else's are ever in here."""
    return (
        JoinRequest.objects.filter(person=person)
        .select_related("program")
        .order_by("-created_at", "-pk")
    )


# A declined request stays on the person's dashboard this long after the answer.
DECLINED_SHOWN_FOR = datetime.timedelta(days=60)


@dataclass(frozen=True)
class DashboardJoinRequests:
    """What the dashboard says about a person's requests to join: each pending
    request, and the latest answer of a program that declined them."""

    requests: list[JoinRequest]

    @property
    def pending(self) -> bool:
        return any(r.status == JoinRequest.Status.PENDING for r in self.requests)

    def __bool__(self) -> bool:
        return bool(self.requests)


def join_requests_for_dashboard(person) -> DashboardJoinRequests:
    """Pending requests, and a declined one answered in the last
    DECLINED_SHOWN_FOR, unless the person has asked that program again since or is
    enrolled in it (an approved request shows as the program itself). Only the
    person's own requests. One query for the many with none to show (every
    dashboard asks; `_shown_join_request_ids`), a second to load those shown."""
    if not person.is_authenticated:
        return DashboardJoinRequests([])
    ids = _shown_join_request_ids(person.pk, timezone.now() - DECLINED_SHOWN_FOR)
    if not ids:
        return DashboardJoinRequests([])
    rows = (
        JoinRequest.objects.filter(pk__in=ids)
        .select_related("program")
        .order_by("-created_at", "-pk")
    )
    latest: dict[int, JoinRequest] = {}
    for row in rows:
        latest.setdefault(row.program_id, row)  # newest first: a later request wins
    # Waiting ones first (sorted() keeps the newest-first order within each).
    return DashboardJoinRequests(
        sorted(latest.values(), key=lambda r: r.status != JoinRequest.Status.PENDING)
    )


def _shown_join_request_ids(person_id: int, declined_since: datetime.datetime) -> list[int]:
    # Plain SQL (training/sql.py): every dashboard asks this, nearly always to
    # find nothing, and building it through the ORM (an OR and a NOT EXISTS)
    # took longer than the database took to answer it (bench/RESULTS.md).
    db = connection_for(JoinRequest)
    query = (
        f"SELECT r.{column(db, JoinRequest, 'id')} FROM {table(db, JoinRequest)} r"
        f" WHERE r.{column(db, JoinRequest, 'person')} = %s"
        f" AND (r.{column(db, JoinRequest, 'status')} = %s"
        f" OR (r.{column(db, JoinRequest, 'status')} = %s"
        f" AND r.{column(db, JoinRequest, 'decided_at')} >= %s))"
        f" AND NOT EXISTS (SELECT 1 FROM {table(db, Enrollment)} e"
        f" WHERE e.{column(db, Enrollment, 'learner')} = %s"
        f" AND e.{column(db, Enrollment, 'program')} = r.{column(db, JoinRequest, 'program')}"
        f" AND e.{column(db, Enrollment, 'status')} IN (%s, %s))"
    )
    params = [
        person_id,
        JoinRequest.Status.PENDING.value,
        JoinRequest.Status.DECLINED.value,
        db.ops.adapt_datetimefield_value(declined_since),
        person_id,
        Enrollment.Status.ACTIVE.value,
        Enrollment.Status.COMPLETED.value,
    ]
    return first_column(db, query, params)


def pending_join_requests() -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(status=JoinRequest.Status.PENDING)
        .select_related("person", "program")
        .order_by("created_at", "pk")
    )


def program_domains(program: Program) -> QuerySet[Domain]:
    """The domains a program counts hours in: those it sets requirements for, or
    every domain when it sets none."""
    required = Domain.objects.filter(
        pk__in=ProgramDomainRequirement.objects.filter(program=program).values("domain_id")
    )
    return required if required.exists() else Domain.objects.all()


def program_domain_list(program: Program) -> list[Domain]:
    """`program_domains` as a list, kept with the content (training/content_cache.py):
    the hours pages and every entry logged ask for it."""
    return remember(("program-domains", program.pk), lambda: list(program_domains(program)))


def activity_types_for(program: Program, *, keep=None) -> list[ActivityType]:
    """The activity types a learner may choose now (plus `keep`, the one an entry
    being edited already has, even if the program stopped offering it), kept
    with the content."""
    every = remember(
        ("activity-types", program.pk),
        lambda: list(ActivityType.objects.filter(program=program).order_by("sort_order", "name")),
    )
    keep_id = keep.pk if keep is not None else None
    return [kind for kind in every if kind.is_active or kind.pk == keep_id]


def learner_enrollment(*, learner, program_slug: str) -> Enrollment | None:
    """A person's own enrollment in the program with this slug, or None."""
    found = _enrollment_in_program.all(learner=learner.pk, program_slug=program_slug)
    return found[0] if found else None


# Every page of a learner's hours asks this (training/sql.py).
_enrollment_in_program = KeptQuery(
    lambda learner, program_slug: (
        Enrollment.objects.filter(learner_id=learner, program__slug=program_slug)
        .select_related("program", "cohort", "supervisor")
        .order_by("pk")[:1]
    ),
    learner=int,
    program_slug=str,
)


# --- The coordinators' digest of new join requests ------------------------------------


def join_requests_new_for(coordinator, *, requests: list[JoinRequest]) -> list[JoinRequest]:
    """Of the pending `requests`, those made since the coordinator's last digest
    (all of them before the first)."""
    last = (
        JoinRequestDigest.objects.filter(coordinator=coordinator)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    return [r for r in requests if last is None or r.created_at > last]
