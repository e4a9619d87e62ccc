import datetime

import factory
from django.utils import timezone

from certificates.codes import new_code
from certificates.models import Certificate
from tests.programs.factories import EnrollmentFactory
from tests.training.factories import CoordinatorFactory


def snapshot_for(enrollment, name="Riley Morgan"):
    return {
        "name": name,
        "credential": enrollment.program.credential_title,
        "program": enrollment.program.title,
        "issuer": "Peerpath Training Collective",
        "coordinator": "Casey Brennan",
        "domains": [
            {"domain": "Advocacy", "training_hours": "10", "practice_hours": "125"},
            {"domain": "Ethical Responsibility", "training_hours": "16", "practice_hours": "125"},
        ],
        "training_hours_total": "26",
        "practice_hours_total": "250",
        "supervision_hours": "25",
        "courses": [{"title": "Ethics and Boundaries for Peer Mentors"}],
    }


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate row as issuing makes it (without going through eligibility)."""

    class Meta:
        model = Certificate

    enrollment = factory.SubFactory(EnrollmentFactory)
    code = factory.LazyFunction(new_code)
    snapshot = factory.LazyAttribute(lambda o: snapshot_for(o.enrollment))
    issued_on = factory.LazyFunction(timezone.localdate)
    expires_on = factory.LazyAttribute(lambda o: o.issued_on + datetime.timedelta(days=730))
    issued_by = factory.SubFactory(CoordinatorFactory)
