"""Invitations: sending, the link page, signing up through it, accepting when signed in."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from programs import services
from programs.adapters import INVITATION_SESSION_KEY
from programs.models import Enrollment, Invitation
from tests.programs.factories import CohortFactory, InvitationFactory, ProgramFactory
from tests.training.factories import (
    CoordinatorFactory,
    LearnerFactory,
    SupervisorFactory,
    UserFactory,
)
from training import roles
from training.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet-harbour-lantern-83"


def sign_up(client, email, first_name="Jo"):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": first_name,
            "last_name": "Rivera",
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def invitation_url(invitation):
    return reverse("programs:invitation", args=[invitation.token])


def expire(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )


# --- Sending ----------------------------------------------------------------------------


def test_an_invitation_is_emailed_with_a_single_use_link(
    site, django_capture_on_commit_callbacks, mailoutbox
):
    cohort = CohortFactory()
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            email="new.person@example.org",
            program=cohort.program,
            cohort=cohort,
            supervisor=SupervisorFactory(),
            invited_by=coordinator,
        )
    assert len(invitation.token) >= 43
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=14)
    (mail,) = mailoutbox
    assert mail.to == ["new.person@example.org"]
    assert cohort.program.title in mail.subject
    assert "Casey Brennan" in mail.body
    assert f"http://testserver/programs/invitations/{invitation.token}/" in mail.body
    assert invitation.token in mail.alternatives[0][0]


def test_a_learner_invitation_needs_a_program():
    with pytest.raises(ValidationError, match="program"):
        services.invitation_create(email="x@example.org", invited_by=CoordinatorFactory())
    assert not Invitation.objects.exists()


def test_someone_with_an_account_is_enrolled_rather_than_invited():
    learner = LearnerFactory()
    with pytest.raises(ValidationError, match="already has an account"):
        services.invitation_create(
            email=learner.email.upper(), program=ProgramFactory(), invited_by=CoordinatorFactory()
        )
    assert not Invitation.objects.exists()


def test_a_second_open_invitation_to_the_same_program_is_refused(mailoutbox):
    first = InvitationFactory()
    with pytest.raises(ValidationError, match="already invited"):
        services.invitation_create(
            email=first.email.upper(), program=first.program, invited_by=CoordinatorFactory()
        )
    assert Invitation.objects.count() == 1
    assert mailoutbox == []


def test_an_expired_invitation_can_be_sent_again():
    first = InvitationFactory()
    expire(first)
    again = services.invitation_create(
        email=first.email, program=first.program, invited_by=CoordinatorFactory()
    )
    assert again.token != first.token


def test_a_supervisor_invitation_is_for_the_role_not_a_program():
    invitation = services.invitation_create(
        email="mentor@example.org",
        role=Invitation.Role.SUPERVISOR,
        program=ProgramFactory(),
        invited_by=CoordinatorFactory(),
    )
    assert invitation.program is None
    supervisor = SupervisorFactory()
    with pytest.raises(ValidationError, match="already has the Supervisor role"):
        services.invitation_create(
            email=supervisor.email, role=Invitation.Role.SUPERVISOR, invited_by=CoordinatorFactory()
        )


def test_bulk_invitations_report_each_refusal_and_send_the_rest():
    program = ProgramFactory()
    learner = LearnerFactory()
    result = services.invitation_bulk_create(
        text=f"one@example.org, {learner.email}\nnonsense",
        program=program,
        invited_by=CoordinatorFactory(),
    )
    assert [i.email for i in result.invited] == ["one@example.org"]
    assert [email for email, _ in result.refused] == ["nonsense", learner.email]


# --- The link page ----------------------------------------------------------------------


def test_the_link_page_leads_an_anonymous_visitor_to_sign_up(client, site):
    invitation = InvitationFactory(email="Invited.Person@example.org")
    response = client.get(invitation_url(invitation))
    assert response.status_code == 200
    page = response.content.decode()
    assert invitation.program.title in page
    assert "/accounts/signup/?email=Invited.Person%40example.org" in page
    assert client.session[INVITATION_SESSION_KEY] == invitation.token
    # Opening the link accepts nothing.
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_unknown_link_gets_a_kind_404(client, site):
    response = client.get(reverse("programs:invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "doesn't work" in response.content.decode()
    assert INVITATION_SESSION_KEY not in client.session


def test_an_expired_link_says_so_and_is_not_remembered(client, site):
    invitation = InvitationFactory()
    expire(invitation)
    response = client.get(invitation_url(invitation))
    assert "expired" in response.content.decode()
    assert INVITATION_SESSION_KEY not in client.session


# --- Signing up through the link -----------------------------------------------------------


def test_signing_up_through_the_link_enrolls_with_cohort_and_supervisor(client, site, mailoutbox):
    cohort = CohortFactory()
    supervisor = SupervisorFactory()
    invitation = InvitationFactory(
        email="Jo.Rivera@example.org", program=cohort.program, cohort=cohort, supervisor=supervisor
    )
    client.get(invitation_url(invitation))
    response = sign_up(client, "jo.rivera@EXAMPLE.org")

    user = User.objects.get(email__iexact="jo.rivera@example.org")
    enrollment = Enrollment.objects.get(learner=user)
    assert (enrollment.program, enrollment.cohort, enrollment.supervisor) == (
        cohort.program,
        cohort,
        supervisor,
    )
    assert enrollment.supervisor_assignments.get().ended_at is None
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    # The link reached their inbox, so the address counts as verified: no
    # confirmation email, and they are signed in straight away.
    assert EmailAddress.objects.get(user=user).verified
    assert not any("confirm" in m.subject.lower() for m in mailoutbox)
    assert int(client.session[SESSION_KEY]) == user.pk
    assert response.status_code == 302
    assert roles.user_has_role(user, roles.LEARNER)
    assert INVITATION_SESSION_KEY not in client.session


def test_signing_up_as_an_invited_supervisor_grants_the_role(client, site):
    invitation = InvitationFactory(role=Invitation.Role.SUPERVISOR, program=None)
    client.get(invitation_url(invitation))
    sign_up(client, invitation.email)
    user = User.objects.get(email=invitation.email)
    assert roles.user_has_role(user, roles.SUPERVISOR)
    assert not Enrollment.objects.filter(learner=user).exists()


def test_signing_up_with_another_address_does_not_apply_the_invitation(client, site, mailoutbox):
    invitation = InvitationFactory()
    client.get(invitation_url(invitation))
    sign_up(client, "someone.else@example.org")
    user = User.objects.get(email="someone.else@example.org")
    assert not Enrollment.objects.filter(learner=user).exists()
    assert not EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    # The usual confirmation email goes out instead.
    assert re.search(r"/accounts/confirm-email/", mailoutbox[-1].body)


def test_an_invitation_that_expires_before_sign_up_is_not_applied(client, site):
    invitation = InvitationFactory()
    client.get(invitation_url(invitation))
    expire(invitation)
    sign_up(client, invitation.email)
    user = User.objects.get(email=invitation.email)
    assert not Enrollment.objects.filter(learner=user).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    response = client.get(reverse("dashboard"))
    assert "expired" in response.content.decode()


# --- Accepting when signed in ------------------------------------------------------------


def test_a_signed_in_person_accepts_with_a_post(client, site):
    person = UserFactory(email="already@example.org")
    invitation = InvitationFactory(email="Already@Example.org")
    client.force_login(person)
    page = client.get(invitation_url(invitation)).content.decode()
    assert "Accept the invitation" in page
    invitation.refresh_from_db()
    assert invitation.accepted_at is None

    response = client.post(invitation_url(invitation))
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert Enrollment.objects.get(learner=person).program == invitation.program
    invitation.refresh_from_db()
    assert invitation.accepted_by == person


def test_a_link_used_twice_is_refused_and_changes_nothing(client, site):
    person = UserFactory()
    invitation = InvitationFactory(email=person.email)
    services.invitation_accept(invitation=invitation, user=person)
    accepted_at = Invitation.objects.get(pk=invitation.pk).accepted_at

    client.force_login(person)
    response = client.post(invitation_url(invitation), follow=True)
    assert "already been used" in response.content.decode()
    assert Enrollment.objects.filter(learner=person).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).accepted_at == accepted_at

    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_accept(invitation=invitation, user=person)


def test_an_expired_link_cannot_be_accepted(client, site):
    person = UserFactory()
    invitation = InvitationFactory(email=person.email)
    expire(invitation)
    client.force_login(person)
    response = client.post(invitation_url(invitation), follow=True)
    assert "expired" in response.content.decode()
    assert not Enrollment.objects.filter(learner=person).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_someone_else_cannot_use_the_link(client, site):
    invitation = InvitationFactory(email="invited@example.org")
    intruder = LearnerFactory()
    client.force_login(intruder)
    page = client.get(invitation_url(invitation)).content.decode()
    assert "different email address" in page
    assert "Accept the invitation" not in page
    response = client.post(invitation_url(invitation), follow=True)
    assert "different email address" in response.content.decode()
    assert not Enrollment.objects.filter(learner=intruder).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_accepting_into_a_program_one_is_already_in_changes_nothing(client, site):
    person = LearnerFactory()
    program = ProgramFactory()
    services.enrollment_create(learner=person, program=program)
    invitation = InvitationFactory(email=person.email, program=program)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.invitation_accept(invitation=invitation, user=person)
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_an_anonymous_post_is_sent_to_sign_in(client, site):
    invitation = InvitationFactory()
    response = client.post(invitation_url(invitation))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
