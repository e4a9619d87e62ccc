"""The coordinator's cockpit on the admin home: reads only.

Every number is counted by the database in a fixed number of queries (eight),
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
"ready for the verification queue" number here, never more.

The per-program figures (the funnel query and the days to a certificate, the
costly part: at 10,000 learners the funnel query reads 120,000 approved
entries) are kept in the cache for COCKPIT_FIGURES_SECONDS (two minutes by
default) and the page says when they were counted; what waits, the
expiring certificates and the programs themselves are read on every visit.
"""

from __future__ import annotations

import datetime
import hashlib
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from certificates.models import Attestation, CaseReopening, Certificate, ProgramCertification
from courses.models import CourseCompletion, ProgramCourse
from practice.models import HoursEntry
from programs.models import (
    ActivityType,
    Cohort,
    Domain,
    Enrollment,
    Invitation,
    JoinRequest,
    Program,
    ProgramDomainRequirement,
)
from renewals.models import Renewal
from training.content_cache import remember
from training.languages import base_language, in_language
from training.sql import column, connection_for, table

ZERO = Decimal("0")
EXPIRY_DAYS = 90
SOONEST = 5

# (key, label) in funnel order.
STAGES = (
    ("enrolled", gettext_lazy("Enrolled")),
    ("courses", gettext_lazy("Courses passed")),
    ("hours", gettext_lazy("Hours complete")),
    ("eligible", gettext_lazy("Eligible")),
    ("certified", gettext_lazy("Certified")),
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
    # When the per-program figures were counted (they may come from the cache).
    counted_at: datetime.datetime | None = None
    expiry_days: int = EXPIRY_DAYS


@dataclass
class _Figures:
    """The costly per-program numbers, as kept in the cache."""

    funnel_rows: list[dict]
    hours_by_domain: dict[int, list[tuple[str, Decimal]]]
    days_to_certificate: dict[int, list[int]]
    counted_at: datetime.datetime


class _Names:
    """Quoted table and column names, taken from the models (training/sql.py)."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, model, field: str | None = None) -> str:
        if field is None:
            return table(self.connection, model)
        return column(self.connection, model, field)


def _funnel_sql(connection, certifications: dict[int, str]) -> tuple[str, list]:
    """The funnel query: per-enrollment facts as sets built once each (grouped
    or distinct; the approved hours are read once, by enrollment and domain),
    joined to the enrollments, then counted per program and cohort. Set-based
    on purpose: with correlated subqueries per enrollment PostgreSQL expected a
    costly plan and spent seconds compiling it (JIT) for a query that ran in
    milliseconds (bench/RESULTS.md). Hand-written (training/sql.py's way,
    names from the models) because the ORM has no common table expressions."""
    n = _Names(connection)
    E, H, A = Enrollment, HoursEntry, ActivityType
    enrollment, program, cohort = n(E), n(Program), n(Cohort)
    hours, activity = n(H), n(A)
    requirement, link, completion = (
        n(ProgramDomainRequirement),
        n(ProgramCourse),
        n(CourseCompletion),
    )
    certificate, reopening, attestation = n(Certificate), n(CaseReopening), n(Attestation)
    params: list = []

    def p(value) -> str:
        params.append(value)
        return "%s"

    # Fragments with parameters are functions, called where they stand in the
    # f-string below, so the parameters are added in the order of their %s.
    def approved_hours() -> str:
        return (
            f"FROM {hours} h JOIN {activity} a ON a.{n(A, 'id')} = h.{n(H, 'activity_type')}"
            f" JOIN {enrollment} he ON he.{n(E, 'id')} = h.{n(H, 'enrollment')}"
            f" WHERE h.{n(H, 'status')} = {p(H.Status.APPROVED)}"
        )

    def hours_as(kind) -> str:
        return f"CASE WHEN a.{n(A, 'counts_as')} = {p(kind)} THEN h.{n(H, 'hours')} ELSE 0 END"

    def signed() -> str:
        current = [
            f"(t.{n(Attestation, 'program')} = {p(pk)}"
            f" AND t.{n(Attestation, 'text_version')} = {p(version)})"
            for pk, version in sorted(certifications.items())
        ]
        return " OR ".join(current) or "1 = 0"

    practice, supervision = A.CountsAs.PRACTICE, A.CountsAs.SUPERVISION
    sql = f"""
    WITH by_domain AS (
        SELECT h.{n(H, "enrollment")} AS enrollment_id, he.{n(E, "program")} AS program_id,
            h.{n(H, "domain")} AS domain_id,
            SUM({hours_as(practice)}) AS practice,
            SUM({hours_as(supervision)}) AS supervision
        {approved_hours()}
        GROUP BY h.{n(H, "enrollment")}, he.{n(E, "program")}, h.{n(H, "domain")}
    ), totals AS (
        SELECT enrollment_id, SUM(practice) AS practice, SUM(supervision) AS supervision
        FROM by_domain GROUP BY enrollment_id
    ), short AS (
        SELECT DISTINCT e.{n(E, "id")} AS enrollment_id
        FROM {enrollment} e
        JOIN {requirement} r ON r.{n(ProgramDomainRequirement, "program")} = e.{n(E, "program")}
        LEFT JOIN by_domain d ON d.enrollment_id = e.{n(E, "id")}
            AND d.domain_id = r.{n(ProgramDomainRequirement, "domain")}
        WHERE r.{n(ProgramDomainRequirement, "practice_hours_min")} > COALESCE(d.practice, 0)
    ), missing AS (
        SELECT DISTINCT e.{n(E, "id")} AS enrollment_id
        FROM {enrollment} e
        JOIN {link} l ON l.{n(ProgramCourse, "program")} = e.{n(E, "program")}
        LEFT JOIN {completion} c ON c.{n(CourseCompletion, "learner")} = e.{n(E, "learner")}
            AND c.{n(CourseCompletion, "course")} = l.{n(ProgramCourse, "course")}
            AND c.{n(CourseCompletion, "superseded_at")} IS NULL
        WHERE c.{n(CourseCompletion, "id")} IS NULL
    ), live AS (
        SELECT DISTINCT {n(Certificate, "enrollment")} AS enrollment_id FROM {certificate}
        WHERE {n(Certificate, "revoked_at")} IS NULL AND {n(Certificate, "superseded_at")} IS NULL
    ), closed AS (
        SELECT DISTINCT c.{n(Certificate, "enrollment")} AS enrollment_id
        FROM {certificate} c
        LEFT JOIN {reopening} o ON o.{n(CaseReopening, "certificate")} = c.{n(Certificate, "id")}
        WHERE c.{n(Certificate, "revoked_at")} IS NOT NULL AND o.{n(CaseReopening, "id")} IS NULL
    ), signed AS (
        SELECT DISTINCT t.{n(Attestation, "learner")} AS learner_id,
            t.{n(Attestation, "program")} AS program_id
        FROM {attestation} t WHERE {signed()}
    ), flags AS (
        SELECT e.{n(E, "program")} AS program_id, e.{n(E, "cohort")} AS cohort_id,
            CASE WHEN e.{n(E, "status")} = {p(E.Status.ACTIVE)} THEN 1 ELSE 0 END AS is_active,
            CASE WHEN live.enrollment_id IS NULL THEN 0 ELSE 1 END AS certified,
            CASE WHEN closed.enrollment_id IS NULL THEN 0 ELSE 1 END AS closed,
            CASE WHEN missing.enrollment_id IS NULL THEN 1 ELSE 0 END AS courses_ok,
            CASE WHEN short.enrollment_id IS NULL
                AND COALESCE(totals.practice, 0) >= pr.{n(Program, "practice_hours_required")}
                AND COALESCE(totals.supervision, 0) >= pr.{n(Program, "supervision_hours_required")}
                THEN 1 ELSE 0 END AS hours_ok,
            CASE WHEN signed.learner_id IS NULL THEN 0 ELSE 1 END AS ethics_ok
        FROM {enrollment} e
        JOIN {program} pr ON pr.{n(Program, "id")} = e.{n(E, "program")}
        LEFT JOIN totals ON totals.enrollment_id = e.{n(E, "id")}
        LEFT JOIN short ON short.enrollment_id = e.{n(E, "id")}
        LEFT JOIN missing ON missing.enrollment_id = e.{n(E, "id")}
        LEFT JOIN live ON live.enrollment_id = e.{n(E, "id")}
        LEFT JOIN closed ON closed.enrollment_id = e.{n(E, "id")}
        LEFT JOIN signed ON signed.learner_id = e.{n(E, "learner")}
            AND signed.program_id = e.{n(E, "program")}
        WHERE e.{n(E, "status")} <> {p(E.Status.WITHDRAWN)}
    )
    SELECT {p(FUNNEL)}, f.program_id, f.cohort_id, co.{n(Cohort, "name")},
        co.{n(Cohort, "start_date")}, NULL,
        COUNT(*), {", ".join(f"SUM(CASE WHEN {c} THEN 1 ELSE 0 END)" for c in _REACHED.values())},
        NULL
    FROM flags f LEFT JOIN {cohort} co ON co.{n(Cohort, "id")} = f.cohort_id
    GROUP BY f.program_id, f.cohort_id, co.{n(Cohort, "name")}, co.{n(Cohort, "start_date")}
    UNION ALL
    SELECT {p(HOURS)}, d.program_id, d.domain_id, dm.{n(Domain, "name")}, NULL,
        dm.{n(Domain, "sort_order")}, {", ".join(["NULL"] * (len(_REACHED) + 1))},
        SUM(d.practice)
    FROM by_domain d
    JOIN {n(Domain)} dm ON dm.{n(Domain, "id")} = d.domain_id
    GROUP BY d.program_id, d.domain_id, dm.{n(Domain, "name")}, dm.{n(Domain, "sort_order")}
    HAVING SUM(d.practice) > 0
    """
    return sql, params


# Each stage: who reached it or a later one, from the per-enrollment flags (0 or 1).
_REACHED = {
    "courses": "f.certified = 1 OR f.courses_ok = 1",
    "hours": "f.certified = 1 OR (f.courses_ok = 1 AND f.hours_ok = 1)",
    "eligible": "f.certified = 1 OR (f.courses_ok = 1 AND f.hours_ok = 1 AND f.ethics_ok = 1)",
    "certified": "f.certified = 1",
    # The verification queue's first pass: active, ready, not certified, not
    # closed by a revocation awaiting re-opening.
    "queue": "f.is_active = 1 AND f.courses_ok = 1 AND f.hours_ok = 1 AND f.ethics_ok = 1"
    " AND f.certified = 0 AND f.closed = 0",
}


# The two kinds of row the cockpit query answers with.
FUNNEL, HOURS = "funnel", "hours"


def _funnel_rows(certifications: dict[int, str]) -> tuple[list[dict], dict]:
    """One query: a row per program and cohort with the count at each stage,
    and a row per program and domain with the approved practice hours (from
    the same reading of the hours entries)."""
    connection = connection_for(Enrollment)
    sql, params = _funnel_sql(connection, certifications)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    keys = ("program_id", "cohort_id", "cohort__name", "cohort__start_date")
    names = (*keys, "enrolled", *_REACHED)
    funnel = []
    domains = []
    for kind, program_id, group_id, name, start_date, sort_order, *numbers in rows:
        if kind == HOURS:
            hours = Decimal(str(numbers[-1]))  # SQLite sums to int or float
            domains.append((program_id, sort_order, name, hours))
        else:
            funnel.append(
                dict(
                    zip(names, (program_id, group_id, name, start_date, *numbers[:-1]), strict=True)
                )
            )
    date_field = Cohort._meta.get_field("start_date")
    for row in funnel:  # SQLite answers a date in plain SQL as text
        row["cohort__start_date"] = date_field.to_python(row["cohort__start_date"])
    funnel.sort(
        key=lambda row: (
            row["program_id"],
            row["cohort_id"] is None,
            row["cohort__start_date"] or datetime.date.min,
            row["cohort__name"] or "",
        )
    )
    by_program: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for program_id, _, name, hours in sorted(domains, key=lambda d: d[:3]):
        by_program[program_id].append((name, hours))
    return funnel, by_program


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


def _figures(certifications: dict[int, str]) -> _Figures:
    """The per-program figures, from the cache when counted in the last
    COCKPIT_FIGURES_SECONDS (0: counted on every visit). The key names the
    code-of-ethics versions, so a new version is counted at once."""
    seconds = settings.COCKPIT_FIGURES_SECONDS
    versions = repr(sorted(certifications.items())).encode()
    key = "cockpit:figures:v1:" + hashlib.sha256(versions).hexdigest()[:16]
    figures = cache.get(key) if seconds else None
    if figures is None:
        funnel_rows, hours_by_domain = _funnel_rows(certifications)
        figures = _Figures(funnel_rows, hours_by_domain, _days_to_certificate(), timezone.now())
        if seconds:
            cache.set(key, figures, seconds)
    return figures


def _domain_names() -> dict[str, str]:
    """Domain names (the English, as the kept figures carry them) in the
    reader's language: none to look up in English, else kept with the content
    (a domain's save bumps the content version, programs/apps.py)."""
    language = base_language()
    if language == "en":
        return {}
    return remember(
        ("domain-names", language),
        lambda: {
            domain.name: in_language(domain, "name", language) for domain in Domain.objects.all()
        },
    )


def coordinator_cockpit(*, today: datetime.date | None = None) -> Cockpit:
    """Everything the coordinator's home shows, in eight queries at any size
    (six while the per-program figures are in the cache)."""
    today = today or timezone.localdate()
    programs = list(
        Program.objects.order_by("title").values_list(
            "pk", "title", "title_es", "certification__code_of_ethics"
        )
    )
    certifications = {
        pk: ProgramCertification(code_of_ethics=text).ethics_version
        for pk, _, _, text in programs
        if text is not None
    }
    by_id = {
        pk: ProgramCockpit(
            program_id=pk, title=in_language({"title": title, "title_es": title_es}, "title")
        )
        for pk, title, title_es, _ in programs
    }
    verification = 0
    figures = _figures(certifications)
    for row in figures.funnel_rows:
        program = by_id.get(row["program_id"])
        if program is None:  # deleted since the figures were counted
            continue
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
                name=row["cohort__name"] or gettext("No cohort"),
                start_date=row["cohort__start_date"],
                funnel=funnel,
            )
        )
    names = _domain_names()
    for program_id, hours in figures.hours_by_domain.items():
        if program_id in by_id:
            by_id[program_id].hours_by_domain = [
                (names.get(name, name), domain_hours) for name, domain_hours in hours
            ]
    for program_id, days in figures.days_to_certificate.items():
        if program_id in by_id:
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
            program=in_language(c.enrollment.program, "title"),
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
            "enrollment__program__title_es",
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
        counted_at=figures.counted_at,
    )
