"""A learner one step from certification, built through the real services."""

import datetime
from decimal import Decimal

from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from assessments.services import attempt_start, attempt_submit
from certificates.models import ProgramCertification
from certificates.services import attestation_record
from courses.models import CourseDomainCredit, LessonCompletion, LessonPage, ProgramCourse
from practice.models import HoursEntry
from tests.assessments.factories import make_course, make_quiz, right_answers
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment, hours_program
from tests.programs.factories import domain
from tests.training.factories import CoordinatorFactory

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ETHICS = "1. I respect the dignity of every person.\n2. I keep what I hear confidential."


class Scenario:
    def __init__(self, course_title="Ethics and Boundaries"):
        self.program = hours_program()
        self.course = make_course(course_title)
        for slug in ("advocacy", "mentoring-education"):
            CourseDomainCredit.objects.create(
                course=self.course, domain=domain(slug), hours=Decimal("2")
            )
        self.lesson = self.course.add_child(
            instance=LessonPage(
                title="Boundaries",
                slug="boundaries",
                body=[{"type": "heading", "value": {"text": "Hello", "level": "h2"}}],
            )
        )
        self.quiz = make_quiz(course=self.course)
        ProgramCourse.objects.create(program=self.program, course=self.course)
        self.enrollment = hours_enrollment(self.program)
        self.learner = self.enrollment.learner
        # The name to be printed, which the code of ethics is signed with.
        self.learner.certificate_name = "Riley Morgan"
        self.learner.save(update_fields=["certificate_name"])
        self.certification = ProgramCertification.objects.create(
            program=self.program, code_of_ethics=ETHICS, validity_months=24
        )

    def complete_lessons(self):
        LessonCompletion.objects.create(
            learner=self.learner, lesson=self.lesson, course=self.course, lesson_title="Boundaries"
        )

    def pass_quiz(self):
        attempt = attempt_start(learner=self.learner, quiz=self.quiz)
        attempt_submit(
            attempt_id=attempt.pk, learner=self.learner, responses=right_answers(attempt)
        )

    def approve(self, days_ago, hours, slug="advocacy", kind="Peer support"):
        return HoursEntryFactory(
            enrollment=self.enrollment,
            date=timezone.localdate() - datetime.timedelta(days=days_ago),
            hours=Decimal(hours),
            domain=domain(slug),
            activity_type=activity(self.program, kind),
            status=HoursEntry.Status.APPROVED,
        )

    def log_all_hours(self):
        self.approve(1, "4", "advocacy")
        self.approve(2, "3", "mentoring-education")
        self.approve(3, "3", "advocacy")
        self.approve(4, "2", "advocacy", kind="Supervision")

    def attest(self):
        attestation_record(learner=self.learner, program=self.program, typed_name="riley  morgan")

    def make_eligible(self):
        self.complete_lessons()
        self.pass_quiz()
        self.log_all_hours()
        self.attest()
        return self


def coordinator_client(client, coordinator=None):
    """Sign `client` in as a coordinator (with TOTP, as the admin asks)."""
    coordinator = coordinator or CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    client.force_login(coordinator)
    return coordinator
