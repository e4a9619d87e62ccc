"""What the learner's dashboard shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from certificates.eligibility import Eligibility, check_many
from certificates.models import CertificationReturn
from courses.progress import CourseProgress
from courses.selectors import progress_for_courses, required_course_links
from programs.models import Enrollment, Program


@dataclass
class ProgramCourses:
    program: Program
    enrollment: Enrollment
    courses: list[CourseProgress]
    certification: Eligibility | None = None
    last_return: CertificationReturn | None = None


def learning_for_dashboard(user) -> list[ProgramCourses]:
    """Each active enrollment with its program's required (published) courses
    and the learner's progress in each, with the certificate checklist: a fixed
    number of queries however many programs, courses or lessons."""
    enrollments = list(
        Enrollment.objects.filter(learner=user, status=Enrollment.Status.ACTIVE)
        .select_related("learner", "program")
        .order_by("enrolled_at")
    )
    if not enrollments:
        return []
    links = required_course_links(e.program_id for e in enrollments)
    courses = list({link.course_id: link.course for link in links}.values())
    progress = progress_for_courses(user, courses)
    # The checklist needs the same progress: hand it over instead of loading it twice.
    checklists = check_many(enrollments, progress={user.pk: progress}, just_loaded=True)
    returns = {
        item.enrollment_id: item
        for item in CertificationReturn.objects.filter(enrollment__in=enrollments).order_by(
            "returned_at"
        )
    }
    return [
        ProgramCourses(
            program=enrollment.program,
            enrollment=enrollment,
            courses=[
                progress[link.course_id]
                for link in links
                if link.program_id == enrollment.program_id
            ],
            # The checklist: what is met and exactly what is still missing.
            certification=checklists[enrollment.pk],
            last_return=returns.get(enrollment.pk),
        )
        for enrollment in enrollments
    ]
