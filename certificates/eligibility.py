"""Has this enrollment met every requirement of its program?

`check(enrollment)` is the one place that answers it; the learner's checklist,
the coordinator's queue and issuing all call it. It reads the layers below:
courses (lessons done), assessments (quiz passed), the credited training hours
of passed courses, supervised hours (`training.selectors.hours_summary`, after
caps) and the code of ethics attestation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from assessments.models import Attempt, QuizPage
from courses.models import CourseDomainCredit, CoursePage, LessonCompletion
from courses.selectors import progress_for_courses
from training.hours import format_hours
from training.models import Enrollment
from training.selectors import HoursSummary, hours_summary

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


def _plural(amount: Decimal, word: str) -> str:
    return f"{format_hours(amount)} more {word}{'' if amount == 1 else 's'}"


def course_results(enrollment: Enrollment) -> list[CourseResult]:
    learner = enrollment.learner
    courses = [
        link.course
        for link in enrollment.program.required_courses.select_related("course").order_by(
            "sort_order", "pk"
        )
    ]
    if not courses:
        return []
    progress = progress_for_courses(learner, courses)
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    quizzes: dict[str, list[int]] = defaultdict(list)
    for quiz in QuizPage.objects.live().filter(children).only("pk", "path"):
        quizzes[quiz.path[: -QuizPage.steplen]].append(quiz.pk)
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(
        learner=learner,
        quiz_id__in=[pk for ids in quizzes.values() for pk in ids],
        status=Attempt.Status.GRADED,
    ).only("quiz_id", "score", "passed", "submitted_at"):
        attempts[attempt.quiz_id].append(attempt)
    last_lesson_done = {
        row["course_id"]: row["completed_at"]
        for row in LessonCompletion.objects.filter(learner=learner, course__in=courses)
        .values("course_id", "completed_at")
        .order_by("completed_at")
    }
    results = []
    for course in courses:
        lessons = progress[course.pk]
        quiz_ids = quizzes.get(course.path, [])
        graded = [a for quiz_id in quiz_ids for a in attempts[quiz_id]]
        passing = sorted((a for a in graded if a.passed), key=lambda a: a.submitted_at)
        lessons_done = lessons.total > 0 and lessons.finished
        quiz_passed = bool(passing) if quiz_ids else True
        passed = lessons_done and quiz_passed
        passed_at = None
        if passed:
            moments = [m for m in (last_lesson_done.get(course.pk),) if m]
            if passing:
                moments.append(passing[0].submitted_at)
            passed_at = max(moments) if moments else None
        results.append(
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
    return results


def credited_training_hours(results: list[CourseResult]) -> dict[int, Decimal]:
    passed_ids = [r.course.pk for r in results if r.passed]
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for credit in CourseDomainCredit.objects.filter(course_id__in=passed_ids).only(
        "domain_id", "hours"
    ):
        totals[credit.domain_id] += credit.hours
    return dict(totals)


def check(enrollment: Enrollment) -> Eligibility:
    enrollment = Enrollment.objects.select_related("learner", "program").get(pk=enrollment.pk)
    requirements: list[Requirement] = []
    results = course_results(enrollment)
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

    training = credited_training_hours(results)
    hours = hours_summary(enrollment)
    for row in hours.domains:
        if row.training_required > 0:
            credited = training.get(row.domain.pk, ZERO)
            short = row.training_required - credited
            requirements.append(
                Requirement(
                    f"training:{row.domain.slug}",
                    f"{format_hours(row.training_required)} training hours in {row.domain.name}",
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
                    f"{format_hours(row.required)} practice hours in {row.domain.name}",
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
                f"{format_hours(hours.practice_required)} practice hours in total",
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
                f"{format_hours(hours.supervision_required)} hours of supervision received",
                hours.supervision_met,
                ""
                if hours.supervision_met
                else f"{_plural(hours.supervision_remaining, 'hour')} of supervision received",
            )
        )

    certification = ProgramCertification.objects.filter(program=enrollment.program).first()
    attestation = None
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
        attestation = Attestation.objects.filter(
            learner=enrollment.learner,
            program=enrollment.program,
            text_version=certification.ethics_version,
        ).first()
        requirements.append(
            Requirement(
                "ethics",
                "Attest to the code of ethics",
                attestation is not None,
                "" if attestation else "Read the code of ethics and sign it with your name",
            )
        )
    live = Certificate.objects.live().filter(enrollment=enrollment).first()
    return Eligibility(
        enrollment=enrollment,
        requirements=tuple(requirements),
        courses=tuple(results),
        training_hours=training,
        hours=hours,
        certification=certification,
        attestation=attestation,
        live_certificate=live,
    )
