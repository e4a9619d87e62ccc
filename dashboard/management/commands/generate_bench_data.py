"""Benchmark data at production volume: `manage.py generate_bench_data`.

Defaults are the volumes issue 8 asks for: 10,000 learners in cohorts with 100
supervisors, 20 courses of 8 lessons, 200,000 practice hours entries in mixed
statuses and 5,000 issued certificates (rows only; no PDFs). Everything lives
in its own program ("Bench program"), so the demo data stays as it is.

Fast on purpose: rows are written with bulk_create in batches, every account
shares one password hash, and no per-row validation or history is written
(hours entries get no HoursEntryEvent rows; nothing the benchmarks read needs
them). Pages are made through Wagtail (add_child, a revision, publish) so the
page tree is real; lesson bodies are small.

Refuses to run twice into the same database with different volumes; with the
same volumes it says the data is already there and changes nothing. Dev and
bench databases only: it writes thousands of accounts.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from certificates.status_lists import LIST_SIZE
from courses.models import (
    CourseDomainCredit,
    CourseIndexPage,
    CoursePage,
    LessonCompletion,
    LessonPage,
    ProgramCourse,
)
from practice.models import HoursEntry
from programs.models import (
    ActivityType,
    Cohort,
    Domain,
    Enrollment,
    Program,
    ProgramDomainRequirement,
    SupervisorAssignment,
)
from training import roles
from training.models import User

PROGRAM_SLUG = "bench-program"
PROGRAM_TITLE = "Bench program"
PASSWORD = "bench-password-2026"
BATCH = 5000
# Generated entries are dated at least this many days ago, so entries logged
# during a benchmark (dated in the last few days) never meet a daily cap.
OLDEST_DAYS, NEWEST_DAYS = 365, 8
STATUS_WEIGHTS = [
    (HoursEntry.Status.APPROVED, 60),
    (HoursEntry.Status.SUBMITTED, 15),
    (HoursEntry.Status.DRAFT, 15),
    (HoursEntry.Status.RETURNED, 10),
]
HOURS_CHOICES = [Decimal(x) for x in ("0.5", "1", "1.5", "2", "2.5", "3", "4")]
FIRST_NAMES = "Alex Jordan Sam Riley Casey Morgan Taylor Jamie Robin Drew Avery Quinn".split()
LAST_NAMES = "Rivera Chen Okafor Novak Haddad Silva Kowalski Brennan Ito Mensah Dube Park".split()
SETTINGS = ["recovery community centre", "phone", "online group", "drop-in centre", "outreach"]


def learner_email(n: int) -> str:
    return f"bench-learner-{n:05d}@peerpath.test"


def supervisor_email(n: int) -> str:
    return f"bench-supervisor-{n:03d}@peerpath.test"


class Command(BaseCommand):
    help = "Make benchmark data (10,000 learners, 200,000 hours entries, …) in its own program."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument("--supervisors", type=int, default=100)
        parser.add_argument("--cohorts", type=int, default=20)
        parser.add_argument("--courses", type=int, default=20)
        parser.add_argument("--lessons", type=int, default=8, help="lessons per course")
        parser.add_argument(
            "--hours", type=int, help="hours entries in all (default 20 a learner: 200,000)"
        )
        parser.add_argument(
            "--certificates", type=int, help="default half the learners, at most 5,000"
        )
        parser.add_argument("--seed", type=int, default=8)

    def handle(self, *args, **options):
        if not settings.DEBUG and "bench" not in settings.SETTINGS_MODULE:
            raise CommandError("Refusing: run this only with development or bench settings.")
        learners = options["learners"]
        if options["hours"] is None:
            options["hours"] = 20 * learners
        if options["certificates"] is None:
            options["certificates"] = min(5_000, learners // 2)
        if min(learners, options["supervisors"], options["cohorts"]) < 1:
            raise CommandError("--learners, --supervisors and --cohorts must be at least 1.")
        if options["certificates"] > learners:
            raise CommandError("--certificates can't be more than --learners.")
        existing = Program.objects.filter(slug=PROGRAM_SLUG).first()
        if existing is not None:
            count = existing.enrollments.count()
            if count == learners:
                self.stdout.write(f"Bench data is already here ({count} learners): nothing to do.")
                return
            raise CommandError(
                f"This database already holds bench data with {count} learners (asked for "
                f"{learners}). Use a fresh database for another volume."
            )
        self.random = random.Random(options["seed"])
        started = time.monotonic()
        with transaction.atomic():
            self.generate(options)
        # Fresh planner statistics: without them PostgreSQL plans the first
        # minutes after a bulk load on guesses (autovacuum catches up later).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Bench data made in {time.monotonic() - started:.0f} s.")

    def step(self, message: str) -> None:
        self.stdout.write(f"  {message}")
        self.stdout.flush()

    # ----------------------------------------------------------------------------

    def generate(self, options):
        rnd = self.random
        today = timezone.localdate()
        coordinator = User.objects.filter(groups__name=roles.COORDINATOR).order_by("pk").first()
        if coordinator is None:
            raise CommandError("No coordinator: run `manage.py seed_demo` first.")

        program = self.make_program()
        courses = self.make_courses(program, options["courses"], options["lessons"])
        lessons = [
            list(LessonPage.objects.child_of(course).order_by("path").only("pk", "title"))
            for course in courses
        ]
        self.step(f"{len(courses)} courses of {options['lessons']} lessons published")

        password = make_password(PASSWORD)  # the one hash every account shares
        supervisors = self.make_users(
            [supervisor_email(n) for n in range(1, options["supervisors"] + 1)],
            password,
            roles.SUPERVISOR,
        )
        self.give_totp(supervisors)
        learners = self.make_users(
            [learner_email(n) for n in range(1, options["learners"] + 1)],
            password,
            roles.LEARNER,
        )
        self.step(f"{len(learners)} learners and {len(supervisors)} supervisors")

        start = today - datetime.timedelta(days=OLDEST_DAYS + 30)
        cohorts = Cohort.objects.bulk_create(
            [
                Cohort(program=program, name=f"Bench cohort {n:02d}", start_date=start)
                for n in range(1, options["cohorts"] + 1)
            ]
        )
        for cohort in cohorts:
            cohort.coordinators.add(coordinator)
        enrolled_at = timezone.make_aware(datetime.datetime.combine(start, datetime.time(10)))
        enrollments = self.bulk(
            Enrollment,
            (
                Enrollment(
                    learner=learner,
                    program=program,
                    cohort=cohorts[n % len(cohorts)],
                    supervisor=supervisors[n % len(supervisors)],
                    enrolled_at=enrolled_at,
                    enrolled_by=coordinator,
                )
                for n, learner in enumerate(learners)
            ),
        )
        self.bulk(
            SupervisorAssignment,
            (
                SupervisorAssignment(
                    enrollment=e,
                    supervisor_id=e.supervisor_id,
                    started_at=enrolled_at,
                    assigned_by=coordinator,
                )
                for e in enrollments
            ),
        )
        self.step(f"{len(enrollments)} enrollments in {len(cohorts)} cohorts")

        # Progress: each learner has worked through the first few lessons, in order.
        flat = [
            (course, lesson)
            for course, course_lessons in zip(courses, lessons, strict=True)
            for lesson in course_lessons
        ]

        def completions():
            for learner in learners:
                for course, lesson in flat[: rnd.randint(0, min(len(flat), 24))]:
                    yield LessonCompletion(
                        learner=learner, lesson=lesson, course=course, lesson_title=lesson.title
                    )

        done = self.bulk(LessonCompletion, completions(), keep=False)
        self.step(f"{done} lesson completions")

        entries = self.make_hours(program, enrollments, supervisors, options["hours"], today)
        self.step(f"{entries} hours entries")

        issued = self.make_certificates(
            program, enrollments[: options["certificates"]], coordinator, today
        )
        self.step(f"{issued} certificates issued (rows only, no PDFs)")

    def make_program(self) -> Program:
        program = Program.objects.create(
            title=PROGRAM_TITLE,
            slug=PROGRAM_SLUG,
            credential_title="Certified Peer Recovery Mentor",
            description="Generated for the benchmarks.",
        )
        domains = {d.slug: d for d in Domain.objects.all()}
        for order, slug in enumerate(
            [
                "advocacy",
                "mentoring-education",
                "recovery-wellness-support",
                "ethical-responsibility",
            ]
        ):
            if slug in domains:
                ProgramDomainRequirement.objects.create(
                    program=program,
                    domain=domains[slug],
                    training_hours_min=Decimal("10"),
                    practice_hours_min=Decimal("125"),
                    sort_order=order,
                )
        for order, (name, counts_as) in enumerate(
            [
                ("One-to-one peer support", ActivityType.CountsAs.PRACTICE),
                ("Group facilitation", ActivityType.CountsAs.PRACTICE),
                ("Advocacy", ActivityType.CountsAs.PRACTICE),
                ("Receiving supervision (individual)", ActivityType.CountsAs.SUPERVISION),
            ]
        ):
            ActivityType.objects.create(
                program=program, name=name, counts_as=counts_as, sort_order=order
            )
        return program

    def make_courses(self, program, how_many: int, lessons_each: int) -> list[CoursePage]:
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            raise CommandError("No course catalogue: run `manage.py setup_site` first.")
        domains = list(Domain.objects.all()[:4])
        courses = []
        for n in range(1, how_many + 1):
            course = CoursePage(
                title=f"Bench course {n:02d}",
                slug=f"bench-course-{n:02d}",
                summary="A generated course for the benchmarks.",
                estimated_minutes=60,
                domain_credits=[
                    CourseDomainCredit(domain=d, hours=Decimal("1"), sort_order=i)
                    for i, d in enumerate(domains)
                ],
            )
            catalogue.add_child(instance=course)
            course.save_revision().publish(skip_permission_checks=True)
            for m in range(1, lessons_each + 1):
                # Small bodies: the lesson page's cost with content size is
                # bench/lesson_page.py's business, not this data set's.
                lesson = LessonPage(
                    title=f"Bench lesson {n:02d}.{m}",
                    slug=f"lesson-{m}",
                    estimated_minutes=10,
                    body=[
                        {"type": "heading", "value": {"text": f"Part {m}", "level": "h2"}},
                        {"type": "rich_text", "value": "<p>Some words about peer support.</p>" * 3},
                        {"type": "key_takeaways", "value": {"takeaways": ["One", "Two"]}},
                    ],
                )
                course.add_child(instance=lesson)
                lesson.save_revision().publish(skip_permission_checks=True)
            ProgramCourse.objects.create(program=program, course=course, sort_order=n)
            courses.append(course)
        return courses

    def make_users(self, emails: list[str], password: str, role: str) -> list[User]:
        rnd = self.random
        users = self.bulk(
            User,
            (
                User(
                    email=email,
                    password=password,
                    first_name=rnd.choice(FIRST_NAMES),
                    last_name=rnd.choice(LAST_NAMES),
                )
                for email in emails
            ),
        )
        group = Group.objects.get(name=role)
        Membership = User.groups.through
        self.bulk(Membership, (Membership(user=u, group=group) for u in users), keep=False)
        self.bulk(
            EmailAddress,
            (EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users),
            keep=False,
        )
        return users

    def give_totp(self, supervisors: list[User]) -> None:
        """Staff must have two-step sign-in to open the admin: copy the demo
        supervisor's TOTP authenticator (the demo's public secret) to each."""
        template = Authenticator.objects.filter(type=Authenticator.Type.TOTP).first()
        if template is None:
            raise CommandError("No TOTP authenticator to copy: run `manage.py seed_demo` first.")
        self.bulk(
            Authenticator,
            (
                Authenticator(user=u, type=Authenticator.Type.TOTP, data=template.data)
                for u in supervisors
            ),
            keep=False,
        )

    def make_hours(self, program, enrollments, supervisors, how_many: int, today) -> int:
        rnd = self.random
        domains = list(program.domain_requirements.values_list("domain_id", flat=True))
        activities = list(ActivityType.objects.filter(program=program))
        statuses = [status for status, weight in STATUS_WEIGHTS for _ in range(weight)]
        now = timezone.now()

        def entries():
            for n in range(how_many):
                enrollment = enrollments[n % len(enrollments)]
                status = rnd.choice(statuses)
                day = today - datetime.timedelta(days=rnd.randint(NEWEST_DAYS, OLDEST_DAYS))
                logged = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
                submitted = status != HoursEntry.Status.DRAFT
                reviewed = status in (HoursEntry.Status.APPROVED, HoursEntry.Status.RETURNED)
                yield HoursEntry(
                    enrollment=enrollment,
                    date=day,
                    hours=rnd.choice(HOURS_CHOICES),
                    domain_id=rnd.choice(domains),
                    activity_type=rnd.choice(activities),
                    setting=rnd.choice(SETTINGS),
                    status=status,
                    created_at=logged,
                    updated_at=now,
                    submitted_at=logged + datetime.timedelta(hours=1) if submitted else None,
                    reviewed_at=logged + datetime.timedelta(days=1) if reviewed else None,
                    reviewed_by_id=enrollment.supervisor_id if reviewed else None,
                    review_comment="Please add the setting."
                    if status == HoursEntry.Status.RETURNED
                    else "",
                )

        return self.bulk(HoursEntry, entries(), keep=False)

    def make_certificates(self, program, enrollments, coordinator, today) -> int:
        now = timezone.now()
        snapshot_base = {
            "credential": program.credential_title,
            "program": program.title,
            "issuer": "Peerpath Training Collective",
            "coordinator": coordinator.get_full_name(),
            "domains": [],
            "training_hours_total": "46",
            "practice_hours_total": "500",
            "supervision_hours": "25",
            "courses": [],
        }
        learners = User.objects.in_bulk([e.learner_id for e in enrollments])
        # Distinct positions in the status lists, drawn here: the field's default
        # (free_status_index) checks only rows already saved, so two rows of one
        # batch could draw the same position (and it costs a query a row).
        taken = set(Certificate.objects.values_list("status_index", flat=True))
        free = (position for position in range(LIST_SIZE) if position not in taken)
        positions = self.random.sample(list(free), len(enrollments))
        count = self.bulk(
            Certificate,
            (
                Certificate(
                    enrollment=e,
                    code=new_code(),
                    snapshot={**snapshot_base, "name": learners[e.learner_id].get_full_name()},
                    issued_at=now,
                    issued_on=today,
                    expires_on=today.replace(year=today.year + 2),
                    issued_by=coordinator,
                    status_index=position,
                )
                for e, position in zip(enrollments, positions, strict=True)
            ),
            keep=False,
        )
        Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(
            status=Enrollment.Status.COMPLETED, ended_at=now
        )
        return count

    def bulk(self, model, rows, *, keep=True):
        """bulk_create in batches; the objects (with primary keys) when `keep`,
        else only how many."""
        kept, batch, count = [], [], 0
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                created = model.objects.bulk_create(batch)
                count += len(created)
                if keep:
                    kept.extend(created)
                batch = []
        if batch:
            created = model.objects.bulk_create(batch)
            count += len(created)
            if keep:
                kept.extend(created)
        return kept if keep else count
