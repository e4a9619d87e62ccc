from django.core.exceptions import ValidationError

from certificates.models import Certificate, CertificateSuspension, NameChangeRequest
from certificates.services import (
    certificate_issue,
    certificate_reinstate,
    certificate_suspend,
    name_change_approve,
    name_change_decline,
    name_change_request,
)
from tests.concurrency import postgresql_races, race
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .scenario import Scenario

pytestmark = postgresql_races


def test_two_coordinators_issuing_at_once_make_one_certificate(site):
    scenario = Scenario().make_eligible()
    coordinators = [CoordinatorFactory(), CoordinatorFactory()]
    results, errors = race(
        [
            lambda c=c: certificate_issue(
                enrollment_id=scenario.enrollment.pk, issued_by=c, name_as_printed="Riley Morgan"
            )
            for c in coordinators
        ]
    )
    assert Certificate.objects.filter(enrollment=scenario.enrollment).count() == 1
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "already issued" in errors[0].messages[0] or "a moment ago" in errors[0].messages[0]


def test_two_coordinators_suspending_at_once_suspend_once(site):
    certificate = CertificateFactory()
    coordinators = [CoordinatorFactory(), CoordinatorFactory()]
    results, errors = race(
        [
            lambda c=c: certificate_suspend(
                certificate_id=certificate.pk, by=c, reason="Ethics review."
            )
            for c in coordinators
        ]
    )
    assert CertificateSuspension.objects.filter(certificate=certificate).count() == 1
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "already suspended" in errors[0].messages[0] or "a moment ago" in errors[0].messages[0]


def test_two_coordinators_reinstating_at_once_reinstate_once(site):
    certificate = CertificateFactory()
    certificate_suspend(certificate_id=certificate.pk, by=CoordinatorFactory(), reason="Review.")
    coordinators = [CoordinatorFactory(), CoordinatorFactory()]
    results, errors = race(
        [
            lambda c=c: certificate_reinstate(certificate_id=certificate.pk, by=c)
            for c in coordinators
        ]
    )
    suspension = CertificateSuspension.objects.get(certificate=certificate)
    assert suspension.ended_at is not None
    assert suspension.reinstated_by in coordinators
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 1 and "is not suspended" in errors[0].messages[0]


def test_two_coordinators_approving_a_name_change_at_once_issue_one_successor(site):
    certificate = CertificateFactory()
    request = name_change_request(
        certificate_id=certificate.pk,
        holder=certificate.enrollment.learner,
        new_name="Jordan Ortiz",
        reason="A new name.",
    )
    coordinators = [CoordinatorFactory(), CoordinatorFactory()]
    results, errors = race(
        [lambda c=c: name_change_approve(request_id=request.pk, by=c) for c in coordinators]
    )
    assert Certificate.objects.filter(enrollment=certificate.enrollment).count() == 2
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 1 and "already approved" in errors[0].messages[0]
    request.refresh_from_db()
    assert request.status == NameChangeRequest.Status.APPROVED
    assert request.successor == next(r for r in results if r is not None)


def test_approving_and_declining_a_name_change_at_once_decide_once(site):
    certificate = CertificateFactory()
    request = name_change_request(
        certificate_id=certificate.pk,
        holder=certificate.enrollment.learner,
        new_name="Jordan Ortiz",
        reason="A new name.",
    )
    one, other = CoordinatorFactory(), CoordinatorFactory()
    results, errors = race(
        [
            lambda: name_change_approve(request_id=request.pk, by=one),
            lambda: name_change_decline(request_id=request.pk, by=other, reason="Not yet."),
        ]
    )
    assert len(errors) == 1 and "already" in errors[0].messages[0]
    request.refresh_from_db()
    successors = Certificate.objects.filter(enrollment=certificate.enrollment).count() - 1
    if request.status == NameChangeRequest.Status.APPROVED:
        assert successors == 1 and request.decline_reason == ""
    else:
        assert request.status == NameChangeRequest.Status.DECLINED and successors == 0


def test_a_holder_asking_twice_at_once_asks_once(site):
    certificate = CertificateFactory()
    holder = certificate.enrollment.learner
    results, errors = race(
        [
            lambda name=name: name_change_request(
                certificate_id=certificate.pk, holder=holder, new_name=name, reason="New name."
            )
            for name in ("Jordan Ortiz", "Jordan A. Ortiz")
        ]
    )
    assert NameChangeRequest.objects.filter(certificate=certificate).count() == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "already asked" in errors[0].messages[0]
