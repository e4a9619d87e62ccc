"""A certificate's language (issue 21): fixed at issue from the holder's
profile, bilingual when the program says so, kept by every later render of
the same certificate whatever the language of the request; /verify/ shows
its claims as the PDF prints them, with labels in the visitor's language."""

import datetime
import html
import re
import subprocess
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import certificate_render
from certificates.services import (
    certificate_issue,
    certificate_revoke,
    name_change_approve,
    name_change_request,
    printed_claims,
)
from programs.models import Domain
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .scenario import Scenario, coordinator_client

pytestmark = pytest.mark.django_db

SPANISH_MONTHS = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
).split()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def page_text(response) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def spanish_day(day: datetime.date) -> str:
    return f"{day.day} de {SPANISH_MONTHS[day.month - 1]} de {day.year}"


def issue(*, language: str, bilingual: bool = False) -> Certificate:
    """Issued by an English-speaking coordinator, from an English request,
    to a holder whose profile says `language`; rendered at once."""
    scenario = Scenario().make_eligible()
    scenario.learner.language = language
    scenario.learner.save(update_fields=["language"])
    scenario.certification.bilingual_certificates = bilingual
    scenario.certification.save()
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan", language="en")
    with translation.override("en"):
        certificate = certificate_issue(
            enrollment_id=scenario.enrollment.pk,
            issued_by=coordinator,
            name_as_printed="Rosa María Gómez",
        )
        return certificate_render(certificate_id=certificate.pk)


def test_a_spanish_holders_certificate_is_printed_in_spanish(site):
    certificate = issue(language="es")
    assert (certificate.language, certificate.bilingual) == ("es", False)
    pdf = read(certificate.pdf)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"].get("/Lang") == "es"
    text = pdf_text(pdf)
    for words in ("Se certifica que", "Horas por área", "Cursos completados", "Fechas"):
        assert words in text
    # Written through a helper (certificates/rendering.py _hours): in the catalogue all the same.
    assert "Supervisión recibida:" in text and "Supervision received" not in text
    assert f"Emitido el {spanish_day(certificate.issued_on)}" in text
    assert f"Válido hasta el {spanish_day(certificate.expires_on)}" in text
    assert "Coordinación del programa, Peerpath Training Collective" in text
    assert "Número de certificado" in text and certificate.code in text
    assert "This certifies that" not in text and "Valid until" not in text
    # The claims the program has no Spanish for print as they are, and the
    # English the JSON and the credential read is unchanged.
    assert "Rosa María Gómez" in text
    assert certificate.snapshot["coordinator_role"] == "Program coordinator"
    assert certificate.snapshot["coordinator_role_es"] == "Coordinación del programa"


def test_a_bilingual_program_prints_each_label_in_both_languages(site):
    certificate = issue(language="es", bilingual=True)
    assert (certificate.language, certificate.bilingual) == ("es", True)
    pdf = read(certificate.pdf)
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    text = pdf_text(pdf)
    assert "Se certifica que" in text and "This certifies that" in text
    assert "Horas por área / Hours by domain" in text
    assert "Fechas / Dates" in text
    assert f"Emitido el {spanish_day(certificate.issued_on)}" in text
    assert f"Issued {certificate.issued_on:%-d %B %Y}" in text
    assert "Número de certificado" in text and "Certificate number" in text


def test_an_english_holder_gets_the_english_certificate_even_from_a_bilingual_program(site):
    certificate = issue(language="en", bilingual=True)
    assert (certificate.language, certificate.bilingual) == ("en", False)
    text = pdf_text(read(certificate.pdf))
    assert "This certifies that" in text
    assert f"Issued {certificate.issued_on:%-d %B %Y}" in text
    assert "Se certifica" not in text and " / " not in text
    assert "Program coordinator, Peerpath Training Collective" in text
    assert "coordinator_role_es" not in certificate.snapshot


def test_a_language_the_site_does_not_offer_prints_in_english(site, settings):
    settings.LANGUAGES = [("en", "English")]
    certificate = issue(language="es")
    assert certificate.language == "en"
    assert "This certifies that" in pdf_text(read(certificate.pdf))


def test_a_marked_copy_keeps_the_certificates_language_whoever_asks(client, site):
    """The copy marked REVOKED is made long after issue, in a request: the
    holder has switched to English since; it is still printed in Spanish."""
    certificate = issue(language="es")
    holder = certificate.enrollment.learner
    holder.language = "en"
    holder.save(update_fields=["language"])
    certificate_revoke(
        certificate_id=certificate.pk, revoked_by=CoordinatorFactory(), reason="Test"
    )
    client.force_login(holder)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Se certifica que" in text and "This certifies that" not in text
    assert f"Válido hasta el {spanish_day(certificate.expires_on)}" in text
    # The evidence file is still the one issued.
    certificate.refresh_from_db()
    assert certificate.revoked_pdf and certificate.language == "es"


def test_an_english_certificate_stays_english_when_a_spanish_request_remakes_it(client, site):
    certificate = issue(language="en")
    holder = certificate.enrollment.learner
    holder.language = "es"
    holder.save(update_fields=["language"])
    certificate_revoke(
        certificate_id=certificate.pk, revoked_by=CoordinatorFactory(), reason="Test"
    )
    client.force_login(holder)
    response = client.get(
        reverse("certificates:download", args=[certificate.code]),
        headers={"accept-language": "es"},
    )
    assert response.status_code == 200
    assert response["Content-Language"] == "es"  # the request was Spanish
    text = pdf_text(response.content)
    assert "This certifies that" in text and "Se certifica" not in text


def test_a_spanish_pdf_is_still_recognised_when_checked_on_verify(client, site):
    """certificates.pdf_check reads the number from the PDF's Subject, which
    stays "Certificate …" in every language."""
    certificate = issue(language="es", bilingual=True)
    response = client.post(
        reverse("certificates:verify_form"),
        {"pdf": SimpleUploadedFile("c.pdf", read(certificate.pdf), "application/pdf")},
    )
    assert response.status_code == 200
    assert f"This is exactly the PDF issued for certificate {certificate.code}" in page_text(
        response
    )
    info = PdfReader(BytesIO(read(certificate.pdf))).metadata
    assert info["/Subject"] == f"Certificate {certificate.code}"


def test_a_successor_is_printed_in_the_holders_language_when_it_is_issued(client, site):
    certificate = issue(language="es")
    holder = certificate.enrollment.learner
    holder.language = "en"
    holder.save(update_fields=["language"])
    request = name_change_request(
        certificate_id=certificate.pk, holder=holder, new_name="Rosa Gómez", reason="Married"
    )
    successor = name_change_approve(request_id=request.pk, by=CoordinatorFactory())
    assert successor.language == "en"
    rendered = certificate_render(certificate_id=successor.pk)
    assert "This certifies that" in pdf_text(read(rendered.pdf))
    # The predecessor was printed, and stays, in Spanish.
    certificate.refresh_from_db()
    assert certificate.language == "es"


def test_the_claims_are_kept_in_the_certificates_language_where_written(site):
    """The program's and domains' Spanish (title_es, credential_title_es,
    name_es: training.languages.in_language) is kept beside the English the
    JSON reads; a claim with no Spanish is left to print in English."""
    certificate = CertificateFactory()
    program = certificate.enrollment.program
    program.title_es = "Programa de mentoría"
    program.credential_title_es = "Mentoría de recuperación certificada"
    advocacy = Domain(name="Advocacy")
    advocacy.name_es = "Defensa de derechos"
    snapshot = dict(certificate.snapshot, coordinator_role="Program coordinator")
    printed = printed_claims(
        snapshot, program=program, language="es", domains={"Advocacy": advocacy}
    )
    assert printed["program"] == program.title
    assert printed["program_es"] == "Programa de mentoría"
    assert printed["credential_es"] == "Mentoría de recuperación certificada"
    assert printed["domains"][0]["domain_es"] == "Defensa de derechos"
    assert "domain_es" not in printed["domains"][1]  # no Spanish written: the English
    assert printed["coordinator_role_es"] == "Coordinación del programa"
    assert printed_claims(snapshot, program=program, language="en") == snapshot
    # A program renamed since: its new Spanish is not put beside the old English.
    renamed = dict(snapshot, program="An older title")
    assert "program_es" not in printed_claims(renamed, program=program, language="es")


def spanish_certificate() -> Certificate:
    certificate = CertificateFactory(language="es")
    snapshot = certificate.snapshot
    snapshot["credential_es"] = "Mentoría de recuperación certificada"
    snapshot["program_es"] = "Programa de mentoría"
    snapshot["coordinator_role"] = "Program coordinator"
    snapshot["coordinator_role_es"] = "Coordinación del programa"
    snapshot["domains"][0]["domain_es"] = "Defensa de derechos"
    certificate.save(update_fields=["snapshot"])
    return certificate


def test_verify_in_english_shows_a_spanish_certificates_claims_as_printed(client, site):
    certificate = spanish_certificate()
    response = client.get(
        reverse("certificates:verify", args=[certificate.code]),
        headers={"accept-language": "en"},
    )
    body = response.content.decode()
    assert '<html lang="en">' in body
    # Labels in the visitor's language.
    for label in ("Credential", "Program", "Valid until", "Hours by domain", "Signed by"):
        assert f">{label}<" in body
    # Claims in the certificate's language, marked.
    assert '<dd lang="es">Mentoría de recuperación certificada</dd>' in body
    assert '<dd lang="es">Programa de mentoría</dd>' in body
    assert '<dd lang="es">Riley Morgan</dd>' in body
    assert f'<dd lang="es">{spanish_day(certificate.expires_on)}</dd>' in body
    assert '<td lang="es">Defensa de derechos</td>' in body
    assert "<td>Ethical Responsibility</td>" in body  # no Spanish: English, on an English page
    assert '<span lang="es">Coordinación del programa</span>' in body
    # The JSON is never translated.
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    assert data["credential"] == certificate.enrollment.program.credential_title
    assert data["hours"]["by_domain"][0]["domain"] == "Advocacy"
    assert data["signer"]["role"] == "Program coordinator"


def test_verify_in_spanish_marks_the_english_claims_of_a_spanish_certificate(client, site):
    certificate = spanish_certificate()
    body = client.get(
        reverse("certificates:verify", args=[certificate.code]),
        headers={"accept-language": "es"},
    ).content.decode()
    assert '<html lang="es">' in body
    assert "<dd>Mentoría de recuperación certificada</dd>" in body
    assert f"<dd>{spanish_day(certificate.expires_on)}</dd>" in body
    assert '<td lang="en">Ethical Responsibility</td>' in body
    assert '<li lang="en">Ethics and Boundaries for Peer Mentors</li>' in body


def test_verify_in_spanish_shows_an_english_certificates_claims_in_english(client, site):
    certificate = CertificateFactory()
    body = client.get(
        reverse("certificates:verify", args=[certificate.code]),
        headers={"accept-language": "es"},
    ).content.decode()
    assert f'<dd lang="en">{certificate.expires_on:%-d %B %Y}</dd>' in body
    assert f'<dd lang="en">{certificate.enrollment.program.credential_title}</dd>' in body


def test_the_issue_confirmation_says_the_language_it_will_print_in(client, site):
    scenario = Scenario().make_eligible()
    scenario.learner.language = "es"
    scenario.learner.save(update_fields=["language"])
    coordinator_client(client, CoordinatorFactory(language="en"))
    response = client.post(
        reverse("certificates_admin_review", args=[scenario.enrollment.pk]),
        {"action": "issue", "name_as_printed": "Riley Morgan"},
    )
    assert response.status_code == 200
    assert "Printed in" in page_text(response) and "Spanish" in page_text(response)
