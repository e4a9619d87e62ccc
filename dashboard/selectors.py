"""What the learner's dashboard shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from certificates.eligibility import Eligibility, check_many
from certificates.models import Certificate, CertificationReturn
from courses.progress import CourseProgress
from courses.selectors import progress_for_courses, required_course_links
from programs.models import Enrollment, Program
from renewals.selectors import RenewalProgress, renewal_progress
from training.sql import KeptQuery


@dataclass
class ProgramCourses:
    program: Program
    enrollment: Enrollment
    courses: list[CourseProgress]
    certification: Eligibility | None = None
    last_return: CertificationReturn | None = None
    # The latest revoked certificate, with its re-opening if any, when there is
    # no live one: the dashboard says it was revoked, when, and who to ask.
    revoked: Certificate | None = None
    contacts: list = field(default_factory=list)
    # For a holder: their CE hours against the renewal rules (renewals.selectors).
    renewal: RenewalProgress | None = None

    @property
    def case_closed(self) -> bool:
        """Revoked and not re-opened: no checklist, no "a coordinator will issue"."""
        return self.revoked is not None and not hasattr(self.revoked, "reopening")


def learning_for_dashboard(user) -> list[ProgramCourses]:
    """Each active enrollment with its program's required (published) courses
    and the learner's progress in each, with the certificate checklist: a fixed
    number of queries however many programs, courses or lessons, plus five for
    each live certificate's renewal progress (a holder has one or two)."""
    enrollments = _active_enrollments.all(learner=user.pk)
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
    revoked = _revoked_with_contacts(
        [e for e in enrollments if checklists[e.pk].live_certificate is None]
    )
    programs = [
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
            last_return=_still_relevant(returns.get(enrollment.pk), revoked.get(enrollment.pk)),
            revoked=revoked.get(enrollment.pk, (None, []))[0],
            contacts=revoked.get(enrollment.pk, (None, []))[1],
        )
        for enrollment in enrollments
    ]
    for item in programs:
        live = item.certification.live_certificate if item.certification else None
        if live is not None:
            live.enrollment = item.enrollment  # read already: no query for it
            item.renewal = renewal_progress(live)
    return programs


def _active_enrollments_of(learner):
    latest_revoked = (
        Certificate.objects.filter(enrollment=OuterRef("pk"), revoked_at__isnull=False)
        .order_by("-revoked_at")
        .values("pk")[:1]
    )
    return (
        Enrollment.objects.filter(learner_id=learner, status=Enrollment.Status.ACTIVE)
        .select_related("learner", "program")
        .annotate(latest_revoked_id=Subquery(latest_revoked))
        .order_by("enrolled_at")
    )


# Every dashboard asks this first (training/sql.py).
_active_enrollments = KeptQuery(_active_enrollments_of, learner=int)


def _still_relevant(last_return, revoked):
    """A coordinator's note from before a certificate that was later revoked is
    history, not something to do now."""
    if last_return is None or revoked is None:
        return last_return
    return last_return if last_return.returned_at > revoked[0].issued_at else None


def _revoked_with_contacts(enrollments) -> dict:
    """Enrollment id → (its latest revoked certificate with any re-opening, the
    cohort's coordinators) for those with one; no query when none has."""
    ids = [e.latest_revoked_id for e in enrollments if e.latest_revoked_id]
    if not ids:
        return {}
    certificates = Certificate.objects.filter(pk__in=ids).select_related(
        "reopening", "enrollment__cohort"
    )
    found = {}
    for certificate in certificates.prefetch_related("enrollment__cohort__coordinators"):
        cohort = certificate.enrollment.cohort
        coordinators = list(cohort.coordinators.all()) if cohort else []
        found[certificate.enrollment_id] = (certificate, coordinators)
    return found
