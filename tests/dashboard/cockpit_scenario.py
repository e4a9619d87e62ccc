"""A small, realistic picture for the coordinator's cockpit, built with the
factories and the certificates scenario (real services where they matter).

Program "Peer Recovery Mentor" (the certificates scenario, one course):
- Riley (cohort "Spring"): eligible, waiting in the verification queue;
- Sam (cohort "Spring"): certified 60 days after enrolling, expiring in 30 days,
  with a renewal waiting;
- Jo (cohort "Autumn"): course passed, 1 approved practice hour, 2 waiting;
- Ash (cohort "Autumn"): just enrolled;
- Lee (cohort "Autumn"): withdrawn (not counted).
Program "Family Peer Support": one certified learner, 10 days to certificate.
Waiting: one join request, one open invitation (an expired and an accepted
one do not count).

Expected funnel of the first program: enrolled 4, courses passed 3, hours
complete 2, eligible 2, certified 1.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from courses.models import CourseCompletion
from practice.models import HoursEntry
from programs.models import Enrollment
from renewals.models import Renewal
from tests.certificates.factories import CertificateFactory
from tests.certificates.scenario import Scenario
from tests.practice.factories import HoursEntryFactory, activity
from tests.programs.factories import (
    CohortFactory,
    EnrollmentFactory,
    InvitationFactory,
    JoinRequestFactory,
    ProgramFactory,
    domain,
)
from tests.training.factories import LearnerFactory


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


class CockpitScenario:
    def __init__(self, title: str = "Peer Recovery Mentor", course_title="Ethics and Boundaries"):
        today = timezone.localdate()
        base = Scenario(course_title)
        self.base = base
        self.program = base.program
        self.program.title = title
        self.program.save(update_fields=["title"])
        spring = base.enrollment.cohort
        spring.name = "Spring"
        spring.save(update_fields=["name"])
        base.make_eligible()

        sam = EnrollmentFactory(
            cohort=spring,
            learner=LearnerFactory(first_name="Sam", last_name="Okafor"),
            enrolled_at=days_ago(100),
        )
        self.sam_certificate = CertificateFactory(
            enrollment=sam,
            issued_on=today - datetime.timedelta(days=40),
            expires_on=today + datetime.timedelta(days=30),
        )
        Renewal.objects.create(certificate=self.sam_certificate)

        autumn = CohortFactory(
            program=self.program, name="Autumn", start_date=today - datetime.timedelta(days=10)
        )
        jo = EnrollmentFactory(cohort=autumn, learner=LearnerFactory(first_name="Jo"))
        CourseCompletion.objects.create(
            learner=jo.learner,
            course=base.course,
            course_title=base.course.title,
            completed_at=days_ago(5),
        )
        HoursEntryFactory(
            enrollment=jo,
            hours=Decimal("1"),
            domain=domain("advocacy"),
            activity_type=activity(self.program),
            status=HoursEntry.Status.APPROVED,
        )
        HoursEntryFactory(enrollment=jo, hours=Decimal("2"), status=HoursEntry.Status.SUBMITTED)
        EnrollmentFactory(cohort=autumn, learner=LearnerFactory(first_name="Ash"))
        EnrollmentFactory(
            cohort=autumn,
            learner=LearnerFactory(first_name="Lee"),
            status=Enrollment.Status.WITHDRAWN,
        )

        family_title = "Family Peer Support"
        if title != "Peer Recovery Mentor":
            family_title += f" ({title})"
        family = ProgramFactory(title=family_title)
        CertificateFactory(
            enrollment=EnrollmentFactory(
                cohort=CohortFactory(program=family, name="Winter"), enrolled_at=days_ago(50)
            ),
            issued_on=today - datetime.timedelta(days=40),
        )
        self.family = family

        JoinRequestFactory(program=self.program)
        InvitationFactory(program=self.program)
        InvitationFactory(program=self.program, expires_at=days_ago(1))
        InvitationFactory(program=self.program, accepted_at=days_ago(2))
