"""Every signed-in request looks its person up by primary key; UserManager.get
does that with one precompiled statement (issue 20). It must give exactly what
the ORM gives, on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import LearnerFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_get_by_pk_gives_what_the_orm_gives():
    learner = LearnerFactory(
        first_name="Rosa",
        last_name="Núñez",
        certificate_name="Rosa María Núñez",
        is_staff=False,
        last_login=timezone.now() - datetime.timedelta(days=2),
    )
    fast = User.objects.get(pk=learner.pk)
    through_orm = User.objects.filter(pk=learner.pk).get()
    for field in User._meta.concrete_fields:
        assert getattr(fast, field.attname) == getattr(through_orm, field.attname), field.name
        assert type(getattr(fast, field.attname)) is type(getattr(through_orm, field.attname))
    assert fast._state.adding is False and fast._state.db == "default"
    # A string id, as a session holds it, finds the same person.
    assert User.objects.get(pk=str(learner.pk)) == learner


def test_get_by_pk_is_one_query(django_assert_num_queries):
    learner = LearnerFactory()
    with django_assert_num_queries(1):
        User.objects.get(pk=learner.pk)


def test_a_missing_or_malformed_id_fails_as_with_the_orm():
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=987654321)
    with pytest.raises(ValueError):
        User.objects.get(pk="not-a-number")
    with pytest.raises(ValueError):
        User.objects.filter(pk="not-a-number").get()


def test_other_lookups_still_use_the_orm():
    learner = LearnerFactory(email="sam@peerpath.test")
    assert User.objects.get(email="sam@peerpath.test") == learner
    assert User.objects.get(pk=learner.pk, is_active=True) == learner
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=learner.pk, is_active=False)


def test_a_signed_in_person_is_found_and_a_deactivated_one_is_signed_out():
    learner = LearnerFactory()
    client = Client()
    client.force_login(learner)
    assert client.get(reverse("dashboard")).status_code == 200
    User.objects.filter(pk=learner.pk).update(is_active=False)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_changed_password_ends_other_sessions():
    learner = LearnerFactory()
    client = Client()
    client.force_login(learner)
    learner.set_password("a-new-long-passphrase-2026")
    learner.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
