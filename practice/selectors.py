"""Reads of supervised practice hours: totals per domain (what counts, after the
program's caps), the learner's log, the supervisors' queues.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from practice.models import HoursEntry, HoursEntryEvent
from programs.hours import (
    PRACTICE,
    SUPERVISION,
    ZERO,
    Caps,
    CreditLine,
    credit,
)
from programs.models import (
    Domain,
    Enrollment,
    Program,
    ProgramDomainRequirement,
)
from training.content_cache import remember
from training.roles import SUPERVISOR, user_has_role

# --- Supervised practice hours -----------------------------------------------------
# `hours_summary` / `hours_summaries` are the one place hours are totalled: the
# learner's dashboard, the coordinator's cohort report and certificate
# eligibility all read them, so they always agree.


@dataclass(frozen=True)
class DomainHours:
    """Practice hours in one domain. "Approved" is what supervisors approved
    (recorded); "creditable" is what counts after the program's caps."""

    domain: Domain
    approved: Decimal
    pending: Decimal
    creditable: Decimal
    required: Decimal  # creditable practice hours the program asks for here
    training_required: Decimal  # met by passed courses (certificates layer)

    @property
    def met(self) -> bool:
        return self.creditable >= self.required

    @property
    def remaining(self) -> Decimal:
        return max(self.required - self.creditable, ZERO)

    @property
    def capped(self) -> bool:
        """Some approved hours here are not creditable (caps)."""
        return self.creditable != self.approved

    @property
    def percent(self) -> int:
        return _percent(self.creditable, self.required)


@dataclass(frozen=True)
class HoursSummary:
    """An enrollment's supervised practice against its program's requirements.

    - practice: hours of activity types that count as practice, per domain
      (`domains`) and in total; approved (recorded), pending (submitted, waiting
      for review) and creditable (approved, after caps: see programs/hours.py);
    - supervision: hours of activity types that count as supervision received;
    - requirements: `practice_required`, `supervision_required`, each domain's
      `required` and `training_required`; `*_met` compare creditable hours to them.
      Training hours themselves come from passed courses, which this layer can't
      see: eligibility (certificates layer) checks `training_required` per domain.
    Drafts and returned entries count nowhere; their numbers are here so a page
    can point the learner to them."""

    enrollment_id: int
    program: Program
    domains: tuple[DomainHours, ...]
    practice_approved: Decimal
    practice_pending: Decimal
    practice_creditable: Decimal
    practice_required: Decimal
    supervision_approved: Decimal
    supervision_pending: Decimal
    supervision_creditable: Decimal
    supervision_required: Decimal
    draft_count: int
    submitted_count: int
    returned_count: int
    approved_count: int

    @property
    def practice_met(self) -> bool:
        return self.practice_creditable >= self.practice_required

    @property
    def supervision_met(self) -> bool:
        return self.supervision_creditable >= self.supervision_required

    @property
    def domains_met(self) -> bool:
        return all(domain.met for domain in self.domains)

    @property
    def requirements_met(self) -> bool:
        """Every practice and supervision requirement met (training hours aside)."""
        return self.practice_met and self.supervision_met and self.domains_met

    @property
    def practice_remaining(self) -> Decimal:
        return max(self.practice_required - self.practice_creditable, ZERO)

    @property
    def supervision_remaining(self) -> Decimal:
        return max(self.supervision_required - self.supervision_creditable, ZERO)

    @property
    def practice_capped(self) -> bool:
        return self.practice_creditable != self.practice_approved

    @property
    def supervision_capped(self) -> bool:
        return self.supervision_creditable != self.supervision_approved

    @property
    def practice_percent(self) -> int:
        return _percent(self.practice_creditable, self.practice_required)

    @property
    def supervision_percent(self) -> int:
        return _percent(self.supervision_creditable, self.supervision_required)

    def domain(self, slug: str) -> DomainHours | None:
        return next((row for row in self.domains if row.domain.slug == slug), None)


def _percent(done: Decimal, required: Decimal) -> int:
    if required <= 0:
        return 100
    return min(100, int(done * 100 / required))


def hours_summary(enrollment: Enrollment, **filters) -> HoursSummary:
    """One enrollment's hours against its program (four queries, whatever the
    number of entries). See `HoursSummary`; `filters` as in `hours_summaries`."""
    return hours_summaries([enrollment], **filters)[enrollment.pk]


def hours_configuration(program_ids) -> tuple[dict, dict, dict]:
    """Programs by id, their domain requirements by program id, and every
    domain by id: three queries, or none while kept with the content
    (training/content_cache.py)."""
    key = tuple(sorted(program_ids))

    def load():
        programs = Program.objects.in_bulk(key)
        requirements: dict[int, list[ProgramDomainRequirement]] = defaultdict(list)
        for requirement in ProgramDomainRequirement.objects.filter(program_id__in=programs):
            requirements[requirement.program_id].append(requirement)
        domains = {domain.pk: domain for domain in Domain.objects.all()}
        return programs, dict(requirements), domains

    return remember(("hours-configuration", key), load)


def hours_summaries(enrollments, *, date_from=None, date_to=None) -> dict[int, HoursSummary]:
    """`HoursSummary` for each enrollment, keyed by enrollment id: four queries
    whatever the number of enrollments or entries. `date_from`/`date_to` limit
    the entries counted to those dated in the range (for reports)."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    programs, requirements, domains = hours_configuration({e.program_id for e in enrollments})
    entries = HoursEntry.objects.filter(enrollment_id__in=[e.pk for e in enrollments])
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    rows_by_enrollment: dict[int, list[dict]] = defaultdict(list)
    for row in entries.values(
        "pk", "enrollment_id", "date", "hours", "domain_id", "status", "activity_type__counts_as"
    ):
        rows_by_enrollment[row["enrollment_id"]].append(row)
    return {
        enrollment.pk: _summarise(
            enrollment.pk,
            programs[enrollment.program_id],
            requirements.get(enrollment.program_id, []),
            domains,
            rows_by_enrollment[enrollment.pk],
        )
        for enrollment in enrollments
    }


def _summarise(enrollment_id, program, requirements, domains, rows) -> HoursSummary:
    Status = HoursEntry.Status
    approved = [row for row in rows if row["status"] == Status.APPROVED]
    credited = credit(
        [
            CreditLine(
                key=row["pk"],
                date=row["date"],
                hours=row["hours"],
                domain_id=row["domain_id"],
                counts_as=row["activity_type__counts_as"],
            )
            for row in approved
        ],
        Caps(
            per_entry=program.max_hours_per_entry,
            per_day=program.max_hours_per_day,
            per_week=program.max_hours_per_week,
        ),
    )

    def total(status, counts_as, domain_id=None) -> Decimal:
        return sum(
            (
                row["hours"]
                for row in rows
                if row["status"] == status
                and row["activity_type__counts_as"] == counts_as
                and (domain_id is None or row["domain_id"] == domain_id)
            ),
            ZERO,
        )

    required_by_domain = {requirement.domain_id: requirement for requirement in requirements}
    domain_ids = set(required_by_domain) | {
        row["domain_id"] for row in rows if row["activity_type__counts_as"] == PRACTICE
    }
    ordered = sorted(
        (domains[pk] for pk in domain_ids), key=lambda domain: (domain.sort_order, domain.name)
    )
    domain_rows = []
    for domain in ordered:
        requirement = required_by_domain.get(domain.pk)
        domain_rows.append(
            DomainHours(
                domain=domain,
                approved=total(Status.APPROVED, PRACTICE, domain.pk),
                pending=total(Status.SUBMITTED, PRACTICE, domain.pk),
                creditable=credited.practice_by_domain.get(domain.pk, ZERO),
                required=requirement.practice_hours_min if requirement else ZERO,
                training_required=requirement.training_hours_min if requirement else ZERO,
            )
        )
    counts = {status: 0 for status in Status.values}
    for row in rows:
        counts[row["status"]] += 1
    return HoursSummary(
        enrollment_id=enrollment_id,
        program=program,
        domains=tuple(domain_rows),
        practice_approved=total(Status.APPROVED, PRACTICE),
        practice_pending=total(Status.SUBMITTED, PRACTICE),
        practice_creditable=credited.practice_total,
        practice_required=program.practice_hours_required,
        supervision_approved=total(Status.APPROVED, SUPERVISION),
        supervision_pending=total(Status.SUBMITTED, SUPERVISION),
        supervision_creditable=credited.supervision_total,
        supervision_required=program.supervision_hours_required,
        draft_count=counts[Status.DRAFT],
        submitted_count=counts[Status.SUBMITTED],
        returned_count=counts[Status.RETURNED],
        approved_count=counts[Status.APPROVED],
    )


def hours_log(enrollment: Enrollment, *, status: str = "", domain_id=None) -> QuerySet[HoursEntry]:
    """A learner's own entries, newest first, optionally by status or domain."""
    entries = HoursEntry.objects.filter(enrollment=enrollment).select_related(
        "domain", "activity_type", "reviewed_by"
    )
    if status:
        entries = entries.filter(status=status)
    if domain_id:
        entries = entries.filter(domain_id=domain_id)
    return entries.order_by("-date", "-pk")


def hours_entry_history(entry: HoursEntry) -> QuerySet[HoursEntryEvent]:
    return HoursEntryEvent.objects.filter(entry=entry).select_related("actor").order_by("at", "pk")


def mentee_hours(supervisor) -> QuerySet[HoursEntry]:
    """Entries of the people `supervisor` supervises now (the enrollment's current
    supervisor), in active enrollments. When a coordinator changes the supervisor,
    the entries move with the enrollment: nothing is copied."""
    return HoursEntry.objects.filter(
        enrollment__supervisor=supervisor, enrollment__status=Enrollment.Status.ACTIVE
    ).select_related("enrollment__learner", "enrollment__program", "domain", "activity_type")


def review_queue(supervisor) -> QuerySet[HoursEntry]:
    """Submitted entries waiting for `supervisor`, the longest-waiting first."""
    return (
        mentee_hours(supervisor)
        .filter(status=HoursEntry.Status.SUBMITTED)
        .order_by("submitted_at", "date", "pk")
    )


def hours_entries_for_staff() -> QuerySet[HoursEntry]:
    """Every entry, for coordinators' listings. Deferring the notes keeps them out
    of memory as well as out of the templates."""
    return HoursEntry.objects.defer("notes").select_related(
        "enrollment__learner",
        "enrollment__program",
        "enrollment__cohort",
        "enrollment__supervisor",
        "domain",
        "activity_type",
        "reviewed_by",
    )


def supervisors_with_waiting_entries():
    """(supervisor id, entries waiting, people, oldest submission) for the digest."""
    return (
        HoursEntry.objects.filter(
            status=HoursEntry.Status.SUBMITTED,
            enrollment__status=Enrollment.Status.ACTIVE,
            enrollment__supervisor__isnull=False,
        )
        .values("enrollment__supervisor")
        .annotate(
            entry_count=Count("pk"),
            people=Count("enrollment", distinct=True),
            oldest=Min("submitted_at"),
        )
        .order_by("enrollment__supervisor")
    )


# --- The supervisor's home (/dashboard/ and the admin home) ---------------------------------

SUPERVISOR_HOME_WAITING_SHOWN = 10


@dataclass(frozen=True)
class WaitingEntry:
    """A submitted entry and how long it has waited for review."""

    entry: HoursEntry
    waited: datetime.timedelta

    @property
    def waiting_label(self) -> str:
        """ "waiting 3 days", "waiting 5 hours", "waiting less than an hour"."""
        days = self.waited.days
        if days >= 1:
            return ngettext("waiting %(count)s day", "waiting %(count)s days", days) % {
                "count": days
            }
        hours = int(self.waited.total_seconds() // 3600)
        if hours >= 1:
            return ngettext("waiting %(count)s hour", "waiting %(count)s hours", hours) % {
                "count": hours
            }
        return gettext("waiting less than an hour")


@dataclass(frozen=True)
class MenteeProgress:
    """One person a supervisor supervises: their hours against the program."""

    enrollment: Enrollment
    summary: HoursSummary


@dataclass(frozen=True)
class SupervisorHome:
    """What waits for a supervisor, and how each of their mentees is doing.
    `waiting` is the longest-waiting `SUPERVISOR_HOME_WAITING_SHOWN` entries;
    `waiting_count` counts them all."""

    waiting_count: int
    waiting: tuple[WaitingEntry, ...]
    mentees: tuple[MenteeProgress, ...]

    @property
    def more_waiting(self) -> int:
        return self.waiting_count - len(self.waiting)


def supervisor_home(supervisor, *, now=None) -> SupervisorHome:
    """The supervisor's home: the people they supervise now (active enrollments
    whose current supervisor they are, as in the review queue) with their hours,
    and the entries waiting for them, the longest-waiting first. A fixed number
    of queries whatever the number of people or entries: the mentees, their
    entries (`hours_summaries`, which also gives the waiting count), the
    programs' requirements (none while cached) and the first waiting entries."""
    mentees = list(
        Enrollment.objects.filter(supervisor=supervisor, status=Enrollment.Status.ACTIVE)
        .exclude(learner=supervisor)
        .select_related("learner", "program")
        .order_by("learner__last_name", "learner__first_name", "learner__email", "pk")
    )
    if not mentees:
        return SupervisorHome(waiting_count=0, waiting=(), mentees=())
    summaries = hours_summaries(mentees)
    waiting_count = sum(summary.submitted_count for summary in summaries.values())
    waiting = []
    if waiting_count:
        now = now or timezone.now()
        entries = (
            HoursEntry.objects.filter(
                enrollment__in=[e.pk for e in mentees], status=HoursEntry.Status.SUBMITTED
            )
            .select_related("domain", "activity_type")
            .order_by("submitted_at", "date", "pk")[:SUPERVISOR_HOME_WAITING_SHOWN]
        )
        by_id = {e.pk: e for e in mentees}
        for entry in entries:
            entry.enrollment = by_id[entry.enrollment_id]  # already loaded: no query each
            waited = now - (entry.submitted_at or now)
            waiting.append(WaitingEntry(entry=entry, waited=max(waited, datetime.timedelta(0))))
    return SupervisorHome(
        waiting_count=waiting_count,
        waiting=tuple(waiting),
        mentees=tuple(MenteeProgress(enrollment=e, summary=summaries[e.pk]) for e in mentees),
    )


def supervisor_home_for(user) -> SupervisorHome | None:
    """`supervisor_home` for someone with the Supervisor role, else None (no
    query for anyone else: roles are read once per request)."""
    if not user_has_role(user, SUPERVISOR):
        return None
    return supervisor_home(user)
