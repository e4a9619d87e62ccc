"""/dashboard/ speaks to staff as staff and to learners as learners: staff get
their own opening sentence, are told two-step sign-in is required for them, and
get no reflections download unless they study here too. Someone who is both
sees both. Wagtail's editing bar is for staff only."""

import html

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from tests.practice.factories import hours_enrollment
from tests.training.factories import (
    CoordinatorFactory,
    LearnerFactory,
    SupervisorFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
LEARNER_LEAD = "Your courses, practice hours and certificate will show here"
OPTIONAL = "(optional for learners, recommended)"
REQUIRED = "(required for staff)"
REFLECTIONS = "Download your reflections"
STAFF_LEAD = "Your staff work is in the admin"
USERBAR = "wagtail-userbar"


def staff(factory):
    user = factory()
    TOTP.activate(user, SECRET)
    return user


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.mark.parametrize("factory", [SupervisorFactory, CoordinatorFactory, TrainerFactory])
def test_staff_get_staff_wording(client, site, factory):
    page = dashboard(client, staff(factory))
    assert STAFF_LEAD in page
    assert REQUIRED in page
    for learner_words in (LEARNER_LEAD, OPTIONAL, REFLECTIONS):
        assert learner_words not in page


def test_learners_keep_learner_wording(client, site):
    page = dashboard(client, LearnerFactory())
    for learner_words in (LEARNER_LEAD, OPTIONAL, REFLECTIONS):
        assert learner_words in page
    assert STAFF_LEAD not in page and REQUIRED not in page


def test_staff_who_are_enrolled_see_both(client, site):
    supervisor = staff(SupervisorFactory)
    hours_enrollment(learner=supervisor)
    page = dashboard(client, supervisor)
    assert STAFF_LEAD in page
    assert "Your own courses, practice hours and certificate show below" in page
    assert REFLECTIONS in page  # they study here, so they may have reflections
    assert REQUIRED in page and OPTIONAL not in page  # staff must use it


def test_the_editing_bar_is_hidden_for_learners_and_shown_to_staff(client, site):
    assert USERBAR not in dashboard(client, LearnerFactory())
    assert USERBAR not in client.get("/").content.decode()  # the home page too
    client.force_login(staff(TrainerFactory))
    assert USERBAR in client.get("/").content.decode()
