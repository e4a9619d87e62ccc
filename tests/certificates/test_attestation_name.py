"""The signature is the name (issue #16, finding 4): the typed name must be the
name printed on the certificate, case, accents and spaces aside."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from certificates.models import Attestation
from certificates.services import attestation_record

from .scenario import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def rosa(site):
    scenario = Scenario()
    learner = scenario.learner
    learner.first_name, learner.last_name = "Rosa", "Gómez"
    learner.certificate_name = "Rosa María Gómez"
    learner.save()
    return scenario


def test_a_first_name_alone_is_refused_by_the_service(rosa):
    with pytest.raises(ValidationError) as refused:
        attestation_record(learner=rosa.learner, program=rosa.program, typed_name="Rosa")
    message = " ".join(refused.value.message_dict["typed_name"])
    assert "Rosa María Gómez" in message
    assert not Attestation.objects.exists()


@pytest.mark.parametrize(
    "typed", ["rosa maria  gomez", "  ROSA MARÍA GÓMEZ ", "Rosa Mari\u0301a Go\u0301mez"]
)
def test_case_accents_and_spaces_do_not_matter(rosa, typed):
    attestation = attestation_record(learner=rosa.learner, program=rosa.program, typed_name=typed)
    assert attestation.typed_name == " ".join(typed.split())


@pytest.mark.parametrize("typed", ["Rosa Gómez", "Rosa María Gómez Ruiz", "Rosa-María Gómez"])
def test_another_name_is_refused(rosa, typed):
    with pytest.raises(ValidationError):
        attestation_record(learner=rosa.learner, program=rosa.program, typed_name=typed)


def test_the_form_shows_what_to_type_next_to_the_field(client, rosa):
    client.force_login(rosa.learner)
    url = reverse("certificates:ethics", args=[rosa.program.slug])
    response = client.post(url, {"typed_name": "Rosa"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "Rosa María Gómez" in " ".join(form.errors["typed_name"])
    html = response.content.decode()
    field = html[html.index('for="id_typed_name"') : html.index('name="typed_name"')]
    assert "Rosa María Gómez" in field and "errorlist" in field
    assert not Attestation.objects.exists()
    assert client.post(url, {"typed_name": "rosa maria  gomez"}).status_code == 302
    assert Attestation.objects.get().typed_name == "rosa maria gomez"
