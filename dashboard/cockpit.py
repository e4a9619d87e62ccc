"""The coordinator's cockpit on the admin home: reads only.

Every number is counted by the database in a fixed number of queries (nine),
whatever the number of programs, cohorts, learners or entries: no loop over
learners in Python. The stages of the funnel are the database's first pass
over the facts the eligibility check (certificates/eligibility.py) reads:

- *enrolled*: enrollments not withdrawn;
- *courses passed*: a standing recorded completion (`CourseCompletion`) of
  every course the program requires;
- *hours complete*: approved practice and supervision hours reach the
  program's totals and every domain's practice minimum (before the per-entry,
  per-day and per-week caps, as the verification queue's first pass does);
- *eligible*: all that and the current code of ethics signed;
- *certified*: a live certificate (suspended ones included).

Each stage counts everyone who reached it *or a later one*, so a learner
certified before a course was added still counts as having passed the
courses: the funnel never widens. The verification queue checks the caps and
the training hours exactly, so it can hold fewer people than the
"ready for review" number here, never more.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from certificates.models import Attestation, Certificate, ProgramCertification
from courses.models import CourseCompletion, ProgramCourse
from practice.models import HoursEntry
from programs.models import (
    ActivityType,
    Cohort,
    Enrollment,
    Invitation,
    JoinRequest,
    Program,
    ProgramDomainRequirement,
)
from renewals.models import Renewal
from training.sql import connection_for

ZERO = Decimal("0")
EXPIRY_DAYS = 90
SOONEST = 5

# (key, label) in funnel order.
STAGES = (
    ("enrolled", "Enrolled"),
    ("courses", "Courses passed"),
    ("hours", "Hours complete"),
    ("eligible", "Eligible"),
    ("certified", "Certified"),
)
STAGE_KEYS = tuple(key for key, _ in STAGES)


@dataclass
class Funnel:
    enrolled: int = 0
    courses: int = 0
    hours: int = 0
    eligible: int = 0
    certified: int = 0

    def add(self, other: Funnel) -> None:
        for key in STAGE_KEYS:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def stages(self) -> list[tuple[str, str, int]]:
        return [(key, label, getattr(self, key)) for key, label in STAGES]

    def furthest(self) -> list[tuple[str, str, int]]:
        """How many stopped at each stage (reached it, not the next): the
        segments of a cohort's bar. They add up to `enrolled`."""
        values = [getattr(self, key) for key in STAGE_KEYS] + [0]
        return [(key, label, values[i] - values[i + 1]) for i, (key, label) in enumerate(STAGES)]


@dataclass
class CohortProgress:
    name: str
    start_date: datetime.date | None
    funnel: Funnel


@dataclass
class ProgramCockpit:
    program_id: int
    title: str
    funnel: Funnel = field(default_factory=Funnel)
    cohorts: list[CohortProgress] = field(default_factory=list)
    # (domain name, approved practice hours), in the domains' order.
    hours_by_domain: list[tuple[str, Decimal]] = field(default_factory=list)
    median_days_to_certificate: float | None = None
    certified_count: int = 0  # certificates the median is taken over
    expiring: int = 0


@dataclass
class Expiring:
    certificate_id: int
    code: str
    holder: str
    program: str
    expires_on: datetime.date


@dataclass
class Waiting:
    join_requests: int
    invitations: int
    verification: int
    renewals: int


@dataclass
class Cockpit:
    programs: list[ProgramCockpit]
    waiting: Waiting
    expiring_total: int
    expiring_soonest: list[Expiring]
    expiry_days: int = EXPIRY_DAYS


def _ethics_signed(certifications: dict[int, str]) -> Q | Exists:
    """The learner signed the current code of ethics of the enrollment's program."""
    if not certifications:
        return Q(pk__in=[])
    current = Q()
    for program_id, version in certifications.items():
        current |= Q(program_id=program_id, text_version=version)
    return Exists(
        Attestation.objects.filter(
            current, learner=OuterRef("learner"), program=OuterRef("program")
        )
    )


def _stage_flags(certifications: dict[int, str]) -> dict:
    """Per-enrollment conditions, as expressions the database evaluates."""
    approved = Q(status=HoursEntry.Status.APPROVED)
    practice = Q(activity_type__counts_as=ActivityType.CountsAs.PRACTICE)
    supervision = Q(activity_type__counts_as=ActivityType.CountsAs.SUPERVISION)

    def hours_of(condition, **outer):
        total = (
            HoursEntry.objects.filter(approved, condition, **outer)
            .values("enrollment_id")
            .annotate(total=Sum("hours"))
            .values("total")
        )
        return Coalesce(Subquery(total), Value(ZERO))

    course_missing = ProgramCourse.objects.filter(program=OuterRef("program")).filter(
        ~Exists(
            CourseCompletion.objects.filter(
                learner=OuterRef(OuterRef("learner")),
                course=OuterRef("course"),
                superseded_at__isnull=True,
            )
        )
    )
    domain_short = ProgramDomainRequirement.objects.filter(
        program=OuterRef("program"),
        practice_hours_min__gt=hours_of(
            practice, enrollment=OuterRef(OuterRef("pk")), domain=OuterRef("domain")
        ),
    )
    return {
        "certified": Exists(Certificate.objects.live().filter(enrollment=OuterRef("pk"))),
        "closed": Exists(
            Certificate.objects.awaiting_reopening().filter(enrollment=OuterRef("pk"))
        ),
        "courses_ok": ~Exists(course_missing),
        "practice_total": hours_of(practice, enrollment=OuterRef("pk")),
        "supervision_total": hours_of(supervision, enrollment=OuterRef("pk")),
        "domains_ok": ~Exists(domain_short),
        "ethics_ok": _ethics_signed(certifications),
    }


# Each stage: who reached it or a later one, from the per-enrollment flags.
_REACHED = {
    "courses": "certified OR courses_ok",
    "hours": "certified OR (courses_ok AND hours_ok)",
    "eligible": "certified OR (courses_ok AND hours_ok AND ethics_ok)",
    "certified": "certified",
    # The verification queue's first pass: active, ready, not certified, not
    # closed by a revocation awaiting re-opening.
    "queue": "is_active AND courses_ok AND hours_ok AND ethics_ok AND NOT certified AND NOT closed",
}
_FLAGS = ("certified", "closed", "courses_ok", "hours_ok", "ethics_ok", "is_active")


def _funnel_rows(certifications: dict[int, str]) -> list[dict]:
    """One row per program and cohort with the count at each stage: one query.

    The ORM builds the per-enrollment flags (each subquery once per
    enrollment); plain SQL around it groups them, so the database evaluates
    every condition once rather than once per stage that uses it."""
    flags = _stage_flags(certifications)
    hours_ok = (
        Q(practice_total__gte=F("program__practice_hours_required"))
        & Q(supervision_total__gte=F("program__supervision_hours_required"))
        & Q(domains_ok=True)
    )
    inner = (
        Enrollment.objects.exclude(status=Enrollment.Status.WITHDRAWN)
        .annotate(**flags)
        .annotate(
            hours_ok=ExpressionWrapper(hours_ok, output_field=BooleanField()),
            is_active=ExpressionWrapper(
                Q(status=Enrollment.Status.ACTIVE), output_field=BooleanField()
            ),
        )
        .values("program_id", "cohort_id", "cohort__name", "cohort__start_date", *_FLAGS)
        .order_by()
    )
    connection = connection_for(Enrollment)
    sql, params = inner.query.sql_with_params()
    quote = connection.ops.quote_name

    def reached(condition: str) -> str:
        for flag in _FLAGS:
            condition = condition.replace(flag, f"f.{quote(flag)}")
        return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    keys = ("program_id", "cohort_id", "cohort__name", "cohort__start_date")
    group = ", ".join(f"f.{quote(key)}" for key in keys)
    counts = ", ".join(reached(condition) for condition in _REACHED.values())
    query = f"SELECT {group}, COUNT(*), {counts} FROM ({sql}) f GROUP BY {group}"
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    names = (*keys, "enrolled", *_REACHED)
    result = [dict(zip(names, row, strict=True)) for row in rows]
    date_field = Cohort._meta.get_field("start_date")
    for row in result:  # SQLite answers a date in plain SQL as text
        row["cohort__start_date"] = date_field.to_python(row["cohort__start_date"])
    result.sort(
        key=lambda row: (
            row["program_id"],
            row["cohort_id"] is None,
            row["cohort__start_date"] or datetime.date.min,
            row["cohort__name"] or "",
        )
    )
    return result


def _hours_by_domain() -> dict[int, list[tuple[str, Decimal]]]:
    """Approved practice hours per program and domain: one query."""
    rows = (
        HoursEntry.objects.filter(
            status=HoursEntry.Status.APPROVED,
            activity_type__counts_as=ActivityType.CountsAs.PRACTICE,
        )
        .values("enrollment__program_id", "domain__name", "domain__sort_order")
        .annotate(total=Sum("hours"))
        .order_by("enrollment__program_id", "domain__sort_order", "domain__name")
    )
    by_program: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for row in rows:
        by_program[row["enrollment__program_id"]].append((row["domain__name"], row["total"]))
    return by_program


def _days_to_certificate() -> dict[int, list[int]]:
    """Days from enrolling to the first certificate not revoked, per program:
    one query of one row per certified enrollment (two dates each); the
    median is taken in Python, the same on SQLite and PostgreSQL."""
    rows = (
        Enrollment.objects.filter(certificates__isnull=False, certificates__revoked_at__isnull=True)
        .values("pk", "program_id", "enrolled_at")
        .annotate(first=Min("certificates__issued_on"))
        .values_list("program_id", "enrolled_at", "first")
    )
    days: dict[int, list[int]] = defaultdict(list)
    for program_id, enrolled_at, first in rows:
        days[program_id].append(max((first - timezone.localdate(enrolled_at)).days, 0))
    return days


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def _expiring(today: datetime.date):
    return Certificate.objects.live().filter(
        expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=EXPIRY_DAYS)
    )


def coordinator_cockpit(*, today: datetime.date | None = None) -> Cockpit:
    """Everything the coordinator's home shows, in nine queries at any size."""
    today = today or timezone.localdate()
    programs = list(
        Program.objects.order_by("title").values_list(
            "pk", "title", "certification__code_of_ethics"
        )
    )
    certifications = {
        pk: ProgramCertification(code_of_ethics=text).ethics_version
        for pk, _, text in programs
        if text is not None
    }
    by_id = {pk: ProgramCockpit(program_id=pk, title=title) for pk, title, _ in programs}
    verification = 0
    for row in _funnel_rows(certifications):
        program = by_id.get(row["program_id"])
        funnel = Funnel(
            enrolled=row["enrolled"],
            courses=row["courses"],
            hours=row["hours"],
            eligible=row["eligible"],
            certified=row["certified"],
        )
        verification += row["queue"]
        program.funnel.add(funnel)
        program.cohorts.append(
            CohortProgress(
                name=row["cohort__name"] or "No cohort",
                start_date=row["cohort__start_date"],
                funnel=funnel,
            )
        )
    for program_id, hours in _hours_by_domain().items():
        by_id[program_id].hours_by_domain = hours
    for program_id, days in _days_to_certificate().items():
        by_id[program_id].median_days_to_certificate = _median(days)
        by_id[program_id].certified_count = len(days)
    expiring = _expiring(today)
    for row in expiring.values("enrollment__program_id").annotate(n=Count("pk")).order_by():
        by_id[row["enrollment__program_id"]].expiring = row["n"]
    soonest = [
        Expiring(
            certificate_id=c.pk,
            code=c.code,
            holder=c.enrollment.learner.get_full_name() or c.enrollment.learner.email,
            program=c.enrollment.program.title,
            expires_on=c.expires_on,
        )
        for c in expiring.select_related("enrollment__learner", "enrollment__program")
        .only(
            "code",
            "expires_on",
            "enrollment__learner__first_name",
            "enrollment__learner__last_name",
            "enrollment__learner__email",
            "enrollment__program__title",
        )
        .order_by("expires_on", "pk")[:SOONEST]
    ]
    waiting = Waiting(
        join_requests=JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count(),
        invitations=Invitation.objects.filter(
            accepted_at__isnull=True, expires_at__gt=timezone.now()
        ).count(),
        verification=verification,
        renewals=Renewal.objects.filter(status=Renewal.Status.PENDING).count(),
    )
    return Cockpit(
        programs=list(by_id.values()),
        waiting=waiting,
        expiring_total=sum(p.expiring for p in by_id.values()),
        expiring_soonest=soonest,
    )
