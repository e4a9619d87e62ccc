"""What the learner's dashboard shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from courses.models import ProgramCourse
from courses.selectors import CourseProgress, progress_for_courses
from training.models import Enrollment, Program


@dataclass
class ProgramCourses:
    program: Program
    enrollment: Enrollment
    courses: list[CourseProgress]


def learning_for_dashboard(user) -> list[ProgramCourses]:
    """Each active enrollment with its program's required (published) courses
    and the learner's progress in each: four queries however many programs,
    courses or lessons."""
    enrollments = list(
        Enrollment.objects.filter(learner=user, status=Enrollment.Status.ACTIVE)
        .select_related("program")
        .order_by("enrolled_at")
    )
    if not enrollments:
        return []
    links = list(
        ProgramCourse.objects.filter(
            program__in=[e.program_id for e in enrollments], course__live=True
        )
        .select_related("course")
        .order_by("program_id", "sort_order", "pk")
    )
    courses = list({link.course_id: link.course for link in links}.values())
    progress = progress_for_courses(user, courses)
    return [
        ProgramCourses(
            program=enrollment.program,
            enrollment=enrollment,
            courses=[
                progress[link.course_id]
                for link in links
                if link.program_id == enrollment.program_id
            ],
        )
        for enrollment in enrollments
    ]
