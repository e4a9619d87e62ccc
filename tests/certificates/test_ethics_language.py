"""The code of ethics in Spanish (issue 21): read in the page's language where
it is written, in English (marked so) where it is not. The English is the
code of record: its version, which attestations name, never depends on the
Spanish, so writing or correcting the Spanish asks nobody to sign again."""

import pytest
from django.urls import reverse
from django.utils import translation

from certificates import eligibility
from certificates.demo import CODE_OF_ETHICS, CODE_OF_ETHICS_ES
from certificates.models import Attestation, ProgramCertification, text_version
from certificates.services import current_attestation

from .scenario import ETHICS, Scenario

pytestmark = pytest.mark.django_db

SPANISH = "1. Respeto la dignidad de cada persona.\n2. Guardo la confidencialidad."


@pytest.fixture
def scenario(site):
    return Scenario()


def ethics_page(client, scenario, language: str) -> str:
    scenario.learner.language = language
    scenario.learner.save(update_fields=["language"])
    client.force_login(scenario.learner)
    response = client.get(reverse("certificates:ethics", args=[scenario.program.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_spanish_page_shows_the_spanish_code_where_it_is_written(client, scenario):
    scenario.certification.code_of_ethics_es = SPANISH
    scenario.certification.save()
    page = ethics_page(client, scenario, "es")
    assert "Respeto la dignidad de cada persona." in page
    assert "I respect the dignity" not in page
    assert 'class="card ethics-text" aria-label="El código de ética">' in page
    assert "Esta es una traducción." in page


def test_a_spanish_page_shows_the_english_marked_when_there_is_no_spanish(client, scenario):
    page = ethics_page(client, scenario, "es")
    assert "I respect the dignity of every person." in page
    assert 'aria-label="El código de ética" lang="en">' in page
    assert "Esta es una traducción." not in page


def test_an_english_page_shows_the_english_whatever_spanish_there_is(client, scenario):
    scenario.certification.code_of_ethics_es = SPANISH
    scenario.certification.save()
    page = ethics_page(client, scenario, "en")
    assert "I respect the dignity of every person." in page
    assert "Respeto la dignidad" not in page


def test_the_version_is_the_englishs_alone(scenario):
    certification = scenario.certification
    before = certification.ethics_version
    assert before == text_version(ETHICS)
    scenario.complete_lessons()
    scenario.attest()
    certification.code_of_ethics_es = SPANISH
    certification.save()
    certification.refresh_from_db()
    assert certification.ethics_version == before
    # Signed before the Spanish was written, still the current signature.
    assert current_attestation(learner=scenario.learner, program=scenario.program) is not None
    certification.code_of_ethics_es = SPANISH + "\n3. Una corrección."
    certification.save()
    assert current_attestation(learner=scenario.learner, program=scenario.program) is not None


def test_signing_on_a_spanish_page_signs_the_version_of_record(client, scenario):
    scenario.certification.code_of_ethics_es = SPANISH
    scenario.certification.save()
    ethics_page(client, scenario, "es")
    response = client.post(
        reverse("certificates:ethics", args=[scenario.program.slug]),
        {"typed_name": "Riley Morgan"},
    )
    assert response.status_code == 302
    attestation = Attestation.objects.get(learner=scenario.learner)
    assert attestation.text_version == text_version(ETHICS)


def test_a_wrong_name_is_refused_in_the_page_language(client, scenario):
    ethics_page(client, scenario, "es")
    response = client.post(
        reverse("certificates:ethics", args=[scenario.program.slug]),
        {"typed_name": "Someone Else"},
    )
    assert "Ese no es el nombre impreso en tu certificado." in response.content.decode()


def test_the_checklist_reads_in_the_readers_language(scenario):
    enrollment = scenario.enrollment
    with translation.override("es"):
        lines = {r.key: r for r in eligibility.check(enrollment).requirements}
    assert lines["ethics"].label == "Firma el código de ética"
    assert lines["ethics"].missing == "Lee el código de ética y fírmalo con tu nombre"
    assert lines["practice:total"].label.endswith("horas de práctica en total")
    with translation.override("en"):
        lines = {r.key: r for r in eligibility.check(enrollment).requirements}
    assert lines["ethics"].label == "Attest to the code of ethics"


def test_the_demo_code_has_its_spanish(site):
    assert CODE_OF_ETHICS_ES.count("\n") == CODE_OF_ETHICS.count("\n")
    certification = ProgramCertification(code_of_ethics=CODE_OF_ETHICS)
    version = certification.ethics_version
    certification.code_of_ethics_es = CODE_OF_ETHICS_ES
    assert certification.ethics_version == version
