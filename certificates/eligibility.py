"""Has this enrollment met every requirement of its program?

`check(enrollment)` is the one place that answers it; the learner's checklist,
the coordinator's queue and issuing all call it. It reads the layers below:
courses (recorded completions; lessons done), assessments (quiz passed), the
training hours recorded with each completed course, supervised hours
(`practice.selectors.hours_summary`, after caps) and the code of ethics
attestation. A course finished and not yet recorded is recorded when this
reads it (see `_course_results`): credit is recorded, not recomputed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.models import Attempt, QuizPage
from courses.models import CourseCompletion, CoursePage
from courses.progress import build_progress
from courses.selectors import progress_for_learners, required_course_links
from courses.services import FinishedCourse, QuizPass, course_completions_record
from practice.selectors import HoursSummary, hours_summaries
from programs.hours import format_hours
from programs.models import Enrollment
from training.content_cache import remember
from training.languages import in_language
from training.page_translations import title_in_reader_language

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
    passed_at: object  # datetime the course was completed (as recorded), or None
    # The recorded completion the pass rests on (its hours are what count).
    completion: CourseCompletion | None = None


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


def _n(amount: Decimal) -> int:
    """The count ngettext chooses a form by: the amount when whole; a fraction
    ("1.5 hours") reads as a plural in English and Spanish."""
    return int(amount) if amount == int(amount) else 2


def _course_results(
    enrollments: list[Enrollment], progress: dict | None = None
) -> dict[int, list[CourseResult]]:
    """Course results for several enrollments in a fixed number of queries.
    `progress` (learner id → course id → CourseProgress), when the caller has
    it already, saves loading it again; courses recorded complete here are
    updated in it, so the caller shows them complete too.

    A recorded completion (courses.models.CourseCompletion) counts whatever
    changed since. A course finished and not yet recorded is recorded now
    (courses.services.course_completions_record): courses cannot see quizzes,
    so this is where a passed quiz turns into a recorded completion."""
    links = required_course_links({e.program_id for e in enrollments})
    courses = list({link.course_id: link.course for link in links}.values())
    if not courses:
        return {e.pk: [] for e in enrollments}
    quizzes = remember(("course-quizzes", tuple(c.pk for c in courses)), lambda: _quizzes(courses))
    learner_ids = {e.learner_id for e in enrollments}
    attempts = defaultdict(list)
    quiz_ids_all = [pk for ids in quizzes.values() for pk in ids]
    if quiz_ids_all:
        for attempt in Attempt.objects.filter(
            learner_id__in=learner_ids, quiz_id__in=quiz_ids_all, status=Attempt.Status.GRADED
        ).only("learner_id", "quiz_id", "quiz_title", "score", "passed", "submitted_at"):
            attempts[(attempt.learner_id, attempt.quiz_id)].append(attempt)
    given = progress if progress is not None else {}
    missing = [
        course
        for course in courses
        if any(course.pk not in given.get(e.learner_id, {}) for e in enrollments)
    ]
    if missing:  # read only the courses the caller's progress lacks
        for learner_id, by_course in progress_for_learners(learner_ids, missing).items():
            given.setdefault(learner_id, {}).update(by_course)
    to_record: dict[tuple[int, int], FinishedCourse] = {}
    for enrollment in enrollments:
        for course in courses:
            lessons = given[enrollment.learner_id][course.pk]
            if lessons.completed:
                continue
            graded = _graded(attempts, enrollment.learner_id, quizzes.get(course.path, []))
            finished = _finished_now(
                enrollment.learner_id, lessons, graded, has_quiz=course.path in quizzes
            )
            if finished is not None:
                to_record[(enrollment.learner_id, course.pk)] = finished
    if to_record:
        recorded = course_completions_record(finished=list(to_record.values()))
        for (learner_id, course_id), completion in recorded.items():
            before = given[learner_id][course_id]
            given[learner_id][course_id] = build_progress(
                before.course,
                [status.lesson for status in before.lessons],
                {status.lesson.pk for status in before.lessons if status.done},
                completion=completion,
                last_done_at=before.last_done_at,
            )
    results: dict[int, list[CourseResult]] = {}
    for enrollment in enrollments:
        rows = []
        for link in links:
            if link.program_id != enrollment.program_id:
                continue
            course = link.course
            lessons = given[enrollment.learner_id][course.pk]
            quiz_ids = quizzes.get(course.path, [])
            graded = _graded(attempts, enrollment.learner_id, quiz_ids)
            completion = lessons.completion if lessons.completed else None
            rows.append(
                CourseResult(
                    course=course,
                    lessons_done=lessons.done,
                    lessons_total=lessons.total,
                    has_quiz=bool(quiz_ids),
                    best_score=max((a.score for a in graded), default=None),
                    passed=completion is not None,
                    passed_at=completion.completed_at if completion is not None else None,
                    completion=completion,
                )
            )
        results[enrollment.pk] = rows
    return results


def _graded(attempts, learner_id: int, quiz_ids: list[int]) -> list[Attempt]:
    return [a for q in quiz_ids for a in attempts[(learner_id, q)]]


def _finished_now(
    learner_id: int, progress, graded: list[Attempt], *, has_quiz: bool
) -> FinishedCourse | None:
    """Has the learner finished the course, not yet recorded? Every lesson done
    and, for a course with a quiz, a passing attempt (after the last redo
    request, if any). A lesson first published after that moment (the pass,
    or the last lesson done for a course without a quiz) and not done is not
    asked: it came after they had finished, and shows as new since then."""
    passing = sorted(
        (
            a
            for a in graded
            if a.passed
            and (progress.redo_asked_at is None or a.submitted_at > progress.redo_asked_at)
        ),
        key=lambda a: a.submitted_at,
    )
    if has_quiz and not passing:
        return None
    moment = passing[0].submitted_at if passing else progress.last_done_at
    if moment is None:
        return None
    required = [
        status
        for status in progress.lessons
        if status.done
        or status.lesson.first_published_at is None
        or status.lesson.first_published_at <= moment
    ]
    if not required or not all(status.done for status in required):
        return None
    quiz = None
    if passing:
        first = passing[0]
        quiz = QuizPass(
            attempt_id=first.pk,
            title=first.quiz_title,
            score=first.score,
            submitted_at=first.submitted_at,
        )
    moments = [m for m in (progress.last_done_at, quiz and quiz.submitted_at) if m]
    return FinishedCourse(
        learner_id=learner_id,
        progress=replace(progress, lessons=required),
        finished_at=max(moments),
        quiz=quiz,
    )


def _quizzes(courses: list[CoursePage]) -> dict[str, list[int]]:
    """Ids of each course's published quizzes, keyed by the course's tree path."""
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    quizzes: dict[str, list[int]] = defaultdict(list)
    for quiz in QuizPage.objects.live().filter(children).only("pk", "path"):
        quizzes[quiz.path[: -QuizPage.steplen]].append(quiz.pk)
    return dict(quizzes)


def _credited_training_hours(results: dict[int, list[CourseResult]]) -> dict[int, dict]:
    """Training hours per domain: those recorded with each completed course,
    whatever the course credits now (no query)."""
    totals = {}
    for enrollment_id, rows in results.items():
        per_domain: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for row in rows:
            if row.completion is not None:
                for domain_id, hours in row.completion.hours_by_domain().items():
                    per_domain[domain_id] += hours
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
        c.enrollment_id: c
        for c in Certificate.objects.live().with_suspension().filter(enrollment__in=enrollments)
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
    """The checklist's lines, in the active language (the reader's page)."""
    requirements: list[Requirement] = []
    for result in results:
        # The course as the reader reads it (its translation's title where there is one).
        title, _language = title_in_reader_language(result.course)
        label = _("Pass %(course)s") % {"course": title}
        if result.passed:
            requirements.append(Requirement(f"course:{result.course.pk}", label, True))
            continue
        if result.lessons_done < result.lessons_total or result.lessons_total == 0:
            left = result.lessons_total - result.lessons_done
            missing = ngettext(
                "Finish %(count)s more lesson of %(course)s",
                "Finish %(count)s more lessons of %(course)s",
                left,
            ) % {"count": left, "course": title}
        else:
            missing = _("Pass the quiz of %(course)s") % {"course": title}
        requirements.append(Requirement(f"course:{result.course.pk}", label, False, missing))
    for row in hours.domains:
        if row.training_required > 0:
            credited = training.get(row.domain.pk, ZERO)
            short = row.training_required - credited
            domain = in_language(row.domain, "name")
            requirements.append(
                Requirement(
                    f"training:{row.domain.slug}",
                    ngettext(
                        "%(hours)s training hour in %(domain)s",
                        "%(hours)s training hours in %(domain)s",
                        _n(row.training_required),
                    )
                    % {"hours": format_hours(row.training_required), "domain": domain},
                    short <= 0,
                    ""
                    if short <= 0
                    else ngettext(
                        "%(hours)s more training hour in %(domain)s (from passing courses)",
                        "%(hours)s more training hours in %(domain)s (from passing courses)",
                        _n(short),
                    )
                    % {"hours": format_hours(short), "domain": domain},
                )
            )
    for row in hours.domains:
        if row.required > 0:
            domain = in_language(row.domain, "name")
            requirements.append(
                Requirement(
                    f"practice:{row.domain.slug}",
                    ngettext(
                        "%(hours)s practice hour in %(domain)s",
                        "%(hours)s practice hours in %(domain)s",
                        _n(row.required),
                    )
                    % {"hours": format_hours(row.required), "domain": domain},
                    row.met,
                    ""
                    if row.met
                    else ngettext(
                        "%(hours)s more practice hour in %(domain)s",
                        "%(hours)s more practice hours in %(domain)s",
                        _n(row.remaining),
                    )
                    % {"hours": format_hours(row.remaining), "domain": domain},
                )
            )
    if hours.practice_required > 0:
        requirements.append(
            Requirement(
                "practice:total",
                ngettext(
                    "%(hours)s practice hour in total",
                    "%(hours)s practice hours in total",
                    _n(hours.practice_required),
                )
                % {"hours": format_hours(hours.practice_required)},
                hours.practice_met,
                ""
                if hours.practice_met
                else ngettext(
                    "%(hours)s more practice hour in total",
                    "%(hours)s more practice hours in total",
                    _n(hours.practice_remaining),
                )
                % {"hours": format_hours(hours.practice_remaining)},
            )
        )
    if hours.supervision_required > 0:
        requirements.append(
            Requirement(
                "supervision",
                ngettext(
                    "%(hours)s hour of supervision received",
                    "%(hours)s hours of supervision received",
                    _n(hours.supervision_required),
                )
                % {"hours": format_hours(hours.supervision_required)},
                hours.supervision_met,
                ""
                if hours.supervision_met
                else ngettext(
                    "%(hours)s more hour of supervision received",
                    "%(hours)s more hours of supervision received",
                    _n(hours.supervision_remaining),
                )
                % {"hours": format_hours(hours.supervision_remaining)},
            )
        )

    if certification is None or not certification.code_of_ethics.strip():
        requirements.append(
            Requirement(
                "ethics",
                _("Attest to the code of ethics"),
                False,
                _("The program's code of ethics is not published yet (a coordinator adds it)"),
            )
        )
    else:
        requirements.append(
            Requirement(
                "ethics",
                _("Attest to the code of ethics"),
                attestation is not None,
                "" if attestation else _("Read the code of ethics and sign it with your name"),
            )
        )
    return requirements
