import pytest
from django.urls import reverse

from tests.training.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def test_pages_for_signed_in_people_are_private(client, site):
    client.force_login(LearnerFactory())
    for url in ["/", reverse("dashboard"), reverse("programs:program_list")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url


def test_anonymous_pages_are_not_marked_private(client, site):
    response = client.get("/")
    assert "private" not in response.get("Cache-Control", "")


def test_disabling_a_person_ends_their_sessions(client, site):
    person = LearnerFactory()
    client.force_login(person)
    assert client.get(reverse("dashboard")).status_code == 200
    person.is_active = False
    person.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
