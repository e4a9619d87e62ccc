"""Has this enrollment met every requirement of its program?

`check(enrollment)` is the one place that answers it; the learner's checklist,
the coordinator's queue and issuing all call it. It reads the layers below:
courses (lessons done), assessments (quiz passed), the credited training hours
of passed courses, supervised hours (`practice.selectors.hours_summary`, after
caps) and the code of ethics attestation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from assessments.models import Attempt, QuizPage
from courses.models import CourseDomainCredit, CoursePage, LessonCompletion
from courses.selectors import progress_for_learners, required_course_links
from practice.selectors import HoursSummary, hours_summaries
from programs.hours import format_hours
from programs.models import Enrollment
from training.content_cache import remember

from .models import Attestation, Certificate, ProgramCertification

ZERO = Decimal("0")


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    met: bool
    # What is still missing, in words a learner understands ("" when met).
    missing: str = ""


@dataclass(frozen=True)
class CourseResult:
    course: CoursePage
    lessons_done: int
    lessons_total: int
    has_quiz: bool
    best_score: Decimal | None
    passed: bool
    passed_at: object  # datetime of the passing attempt (or last lesson), or None


@dataclass(frozen=True)
class Eligibility:
    enrollment: Enrollment
    requirements: tuple[Requirement, ...]
    courses: tuple[CourseResult, ...]
    training_hours: dict  # domain id -> Decimal credited by passed courses
    hours: HoursSummary
    certification: ProgramCertification | None
    attestation: Attestation | None
    live_certificate: Certificate | None

    @property
    def requirements_met(self) -> bool:
        return all(requirement.met for requirement in self.requirements)

    @property
    def eligible(self) -> bool:
        """Every requirement met, the enrollment active and no live certificate yet."""
        return (
            self.requirements_met
            and self.enrollment.status == Enrollment.Status.ACTIVE
            and self.live_certificate is None
        )

    @property
    def missing(self) -> list[str]:
        return [r.missing for r in self.requirements if not r.met]


def _count(amount: Decimal, word: str) -> str:
    """2 → "2 practice hours", 1 → "1 practice hour"."""
    return f"{format_hours(amount)} {word}{'' if amount == 1 else 's'}"


def _plural(amount: Decimal, word: str) -> str:
    """What is still missing: 1 → "1 more practice hour"."""
    return _count(amount, f"more {word}")


def _course_results(
    enrollments: list[Enrollment], progress: dict | None = None
) -> dict[int, list[CourseResult]]:
    """Course results for several enrollments in a fixed number of queries.
    `progress` (learner id → course id → CourseProgress), when the caller has
    it already, saves loading it again."""
    links = required_course_links({e.program_id for e in enrollments})
    courses = list({link.course_id: link.course for link in links}.values())
    if not courses:
        return {e.pk: [] for e in enrollments}
    quizzes = remember(("course-quizzes", tuple(c.pk for c in courses)), lambda: _quizzes(courses))
    learner_ids = {e.learner_id for e in enrollments}
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(
        learner_id__in=learner_ids,
        quiz_id__in=[pk for ids in quizzes.values() for pk in ids],
        status=Attempt.Status.GRADED,
    ).only("learner_id", "quiz_id", "score", "passed", "submitted_at"):
        attempts[(attempt.learner_id, attempt.quiz_id)].append(attempt)
    last_lesson_done = {
        (row["learner_id"], row["course_id"]): row["completed_at"]
        for row in LessonCompletion.objects.filter(learner_id__in=learner_ids, course__in=courses)
        .values("learner_id", "course_id", "completed_at")
        .order_by("completed_at")
    }
    given = progress or {}
    if any(course.pk not in given.get(e.learner_id, {}) for e in enrollments for course in courses):
        given = progress_for_learners(learner_ids, courses)
    progress_by_learner = given
    results: dict[int, list[CourseResult]] = {}
    for enrollment in enrollments:
        rows = []
        for link in links:
            if link.program_id != enrollment.program_id:
                continue
            course = link.course
            lessons = progress_by_learner[enrollment.learner_id][course.pk]
            quiz_ids = quizzes.get(course.path, [])
            graded = [a for q in quiz_ids for a in attempts[(enrollment.learner_id, q)]]
            passing = sorted((a for a in graded if a.passed), key=lambda a: a.submitted_at)
            passed = (lessons.total > 0 and lessons.finished) and (bool(passing) or not quiz_ids)
            passed_at = None
            if passed:
                moments = [
                    m for m in (last_lesson_done.get((enrollment.learner_id, course.pk)),) if m
                ]
                if passing:
                    moments.append(passing[0].submitted_at)
                passed_at = max(moments) if moments else None
            rows.append(
                CourseResult(
                    course=course,
                    lessons_done=lessons.done,
                    lessons_total=lessons.total,
                    has_quiz=bool(quiz_ids),
                    best_score=max((a.score for a in graded), default=None),
                    passed=passed,
                    passed_at=passed_at,
                )
            )
        results[enrollment.pk] = rows
    return results


def _quizzes(courses: list[CoursePage]) -> dict[str, list[int]]:
    """Ids of each course's published quizzes, keyed by the course's tree path."""
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    quizzes: dict[str, list[int]] = defaultdict(list)
    for quiz in QuizPage.objects.live().filter(children).only("pk", "path"):
        quizzes[quiz.path[: -QuizPage.steplen]].append(quiz.pk)
    return dict(quizzes)


def _course_credits(course_ids: tuple[int, ...]) -> dict[int, list[CourseDomainCredit]]:
    credits = defaultdict(list)
    for credit in CourseDomainCredit.objects.filter(course_id__in=course_ids).only(
        "course_id", "domain_id", "hours"
    ):
        credits[credit.course_id].append(credit)
    return dict(credits)


def _credited_training_hours(results: dict[int, list[CourseResult]]) -> dict[int, dict]:
    # Every required course's credits, not only the passed ones: the key is then
    # the same for everyone in a program, instead of one per set of passed courses.
    course_ids = tuple(sorted({r.course.pk for rows in results.values() for r in rows}))
    credits = remember(("course-credits", course_ids), lambda: _course_credits(course_ids))
    totals = {}
    for enrollment_id, rows in results.items():
        per_domain: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for row in rows:
            if row.passed:
                for credit in credits.get(row.course.pk, []):
                    per_domain[credit.domain_id] += credit.hours
        totals[enrollment_id] = dict(per_domain)
    return totals


def check(enrollment: Enrollment) -> Eligibility:
    """Eligibility of one enrollment (see `check_many`)."""
    return check_many([enrollment])[enrollment.pk]


def check_many(
    enrollments, *, progress: dict | None = None, just_loaded: bool = False
) -> dict[int, Eligibility]:
    """Eligibility of several enrollments at once, keyed by enrollment id, in a
    fixed number of queries however many enrollments, courses or entries.
    The enrollments are read again with their learner and program, unless the
    caller has `just_loaded` them so in this request (the dashboard). `progress`
    (learner id → course id → CourseProgress, as
    `courses.selectors.progress_for_learners` gives) skips loading it again."""
    if just_loaded:
        enrollments = list(enrollments)
    else:
        ids = [e.pk for e in enrollments]
        enrollments = list(
            Enrollment.objects.filter(pk__in=ids).select_related("learner", "program")
        )
    if not enrollments:
        return {}
    courses = _course_results(enrollments, progress)
    training = _credited_training_hours(courses)
    hours = hours_summaries(enrollments)
    program_ids = tuple(sorted({e.program_id for e in enrollments}))
    certifications = remember(
        ("certifications", program_ids),
        lambda: {
            c.program_id: c for c in ProgramCertification.objects.filter(program__in=program_ids)
        },
    )
    attestations = {
        (a.learner_id, a.program_id, a.text_version): a
        for a in Attestation.objects.filter(
            learner__in={e.learner_id for e in enrollments},
            program__in={e.program_id for e in enrollments},
        )
    }
    live = {
        c.enrollment_id: c for c in Certificate.objects.live().filter(enrollment__in=enrollments)
    }
    results = {}
    for enrollment in enrollments:
        certification = certifications.get(enrollment.program_id)
        attestation = None
        if certification is not None:
            attestation = attestations.get(
                (enrollment.learner_id, enrollment.program_id, certification.ethics_version)
            )
        results[enrollment.pk] = Eligibility(
            enrollment=enrollment,
            requirements=tuple(
                _requirements(
                    courses[enrollment.pk],
                    training[enrollment.pk],
                    hours[enrollment.pk],
                    certification,
                    attestation,
                )
            ),
            courses=tuple(courses[enrollment.pk]),
            training_hours=training[enrollment.pk],
            hours=hours[enrollment.pk],
            certification=certification,
            attestation=attestation,
            live_certificate=live.get(enrollment.pk),
        )
    return results


def _requirements(results, training, hours, certification, attestation) -> list[Requirement]:
    requirements: list[Requirement] = []
    for result in results:
        title = result.course.title
        if result.passed:
            requirements.append(Requirement(f"course:{result.course.pk}", f"Pass {title}", True))
            continue
        if result.lessons_done < result.lessons_total or result.lessons_total == 0:
            left = result.lessons_total - result.lessons_done
            missing = f"Finish {left} more lesson{'s' if left != 1 else ''} of {title}"
        else:
            missing = f"Pass the quiz of {title}"
        requirements.append(
            Requirement(f"course:{result.course.pk}", f"Pass {title}", False, missing)
        )
    for row in hours.domains:
        if row.training_required > 0:
            credited = training.get(row.domain.pk, ZERO)
            short = row.training_required - credited
            requirements.append(
                Requirement(
                    f"training:{row.domain.slug}",
                    f"{_count(row.training_required, 'training hour')} in {row.domain.name}",
                    short <= 0,
                    ""
                    if short <= 0
                    else f"{_plural(short, 'training hour')} in {row.domain.name} "
                    "(from passing courses)",
                )
            )
    for row in hours.domains:
        if row.required > 0:
            requirements.append(
                Requirement(
                    f"practice:{row.domain.slug}",
                    f"{_count(row.required, 'practice hour')} in {row.domain.name}",
                    row.met,
                    ""
                    if row.met
                    else f"{_plural(row.remaining, 'practice hour')} in {row.domain.name}",
                )
            )
    if hours.practice_required > 0:
        requirements.append(
            Requirement(
                "practice:total",
                f"{_count(hours.practice_required, 'practice hour')} in total",
                hours.practice_met,
                ""
                if hours.practice_met
                else f"{_plural(hours.practice_remaining, 'practice hour')} in total",
            )
        )
    if hours.supervision_required > 0:
        requirements.append(
            Requirement(
                "supervision",
                f"{_count(hours.supervision_required, 'hour')} of supervision received",
                hours.supervision_met,
                ""
                if hours.supervision_met
                else f"{_plural(hours.supervision_remaining, 'hour')} of supervision received",
            )
        )

    if certification is None or not certification.code_of_ethics.strip():
        requirements.append(
            Requirement(
                "ethics",
                "Attest to the code of ethics",
                False,
                "The program's code of ethics is not published yet (a coordinator adds it)",
            )
        )
    else:
        requirements.append(
            Requirement(
                "ethics",
                "Attest to the code of ethics",
                attestation is not None,
                "" if attestation else "Read the code of ethics and sign it with your name",
            )
        )
    return requirements
