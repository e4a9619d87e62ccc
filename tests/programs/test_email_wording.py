"""The cohort's name already says "cohort" ("November 2026 cohort"): the emails and
the invitation page name it once, not "the cohort November 2026 cohort" (issue #19)."""

import pytest
from django.urls import reverse

from programs import services
from tests.programs.factories import CohortFactory, JoinRequestFactory
from tests.training.factories import CoordinatorFactory, LearnerFactory

pytestmark = pytest.mark.django_db

NAME = "November 2026 cohort"


def assert_names_the_cohort_once(text: str) -> None:
    assert NAME in text
    assert f"cohort {NAME}" not in text
    assert f"the {NAME}." in text


def test_the_approval_email_names_the_cohort_once(django_capture_on_commit_callbacks, mailoutbox):
    join_request = JoinRequestFactory()
    cohort = CohortFactory(program=join_request.program, name=NAME)
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_approve(
            join_request=join_request, decided_by=CoordinatorFactory(), cohort=cohort
        )
    (mail,) = mailoutbox
    assert_names_the_cohort_once(mail.body)
    assert_names_the_cohort_once(mail.alternatives[0][0])


def test_the_enrollment_email_names_the_cohort_once(django_capture_on_commit_callbacks, mailoutbox):
    cohort = CohortFactory(name=NAME)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrollment_create(learner=LearnerFactory(), program=cohort.program, cohort=cohort)
    (mail,) = mailoutbox
    assert_names_the_cohort_once(mail.body)
    assert_names_the_cohort_once(mail.alternatives[0][0])


def test_the_invitation_names_the_cohort_once(
    client, site, django_capture_on_commit_callbacks, mailoutbox
):
    cohort = CohortFactory(name=NAME)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            email="sam@example.org",
            program=cohort.program,
            cohort=cohort,
            invited_by=CoordinatorFactory(),
        )
    (mail,) = mailoutbox
    assert_names_the_cohort_once(mail.body)
    assert_names_the_cohort_once(mail.alternatives[0][0])
    page = client.get(reverse("programs:invitation", args=[invitation.token]))
    assert_names_the_cohort_once(page.content.decode())
