"""Program and credential titles, descriptions, domain and activity type names in
the reader's language (issue 21): Spanish fields beside the English ones, read
with training.languages.in_language; the English stands in, marked lang="en",
where no Spanish is written. Coordinators write the Spanish in the admin."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import ActivityType, Domain, Program
from tests.practice.factories import activity, hours_enrollment
from tests.programs.factories import ProgramFactory, domain
from tests.training.factories import CoordinatorFactory, LearnerFactory

pytestmark = pytest.mark.django_db

SPANISH = {"accept-language": "es-US,es;q=0.9"}
ENGLISH = {"accept-language": "en-US,en;q=0.9"}


@pytest.fixture
def program(site):
    return ProgramFactory(
        title="Peer Mentor Track",
        title_es="Mentoría entre Pares",
        credential_title="Certified Peer Mentor",
        credential_title_es="Certificación en Mentoría entre Pares",
        description="Walk alongside others in their recovery.",
        description_es="Acompaña a otras personas en su recuperación.",
        accepts_join_requests=True,
    )


def test_a_spanish_reader_sees_the_spanish_title_credential_and_description(client, program):
    html = client.get(reverse("programs:program_list"), headers=SPANISH).content.decode()
    assert '<html lang="es">' in html
    assert "Mentoría entre Pares" in html
    assert "Certificación en Mentoría entre Pares" in html
    assert "Acompaña a otras personas en su recuperación." in html
    assert "Peer Mentor Track" not in html
    assert "Walk alongside others" not in html
    assert '<span lang="en">' not in html


def test_an_english_reader_sees_the_english(client, program):
    html = client.get(reverse("programs:program_list"), headers=ENGLISH).content.decode()
    assert f'<h2 id="program-{program.pk}">Peer Mentor Track</h2>' in html
    assert "Certified Peer Mentor" in html
    assert "Walk alongside others in their recovery." in html
    assert "Mentoría entre Pares" not in html
    assert '<span lang="en">' not in html


def test_a_spanish_reader_sees_english_written_only_in_english_marked_as_english(client, site):
    program = ProgramFactory(
        title="Harm Reduction Track",
        credential_title="Certified Harm Reduction Mentor",
        accepts_join_requests=True,
    )
    html = client.get(reverse("programs:program_list"), headers=SPANISH).content.decode()
    assert f'<h2 id="program-{program.pk}"><span lang="en">Harm Reduction Track</span></h2>' in html
    assert '<span lang="en">Certified Harm Reduction Mentor</span>' in html
    # In a sentence too: the Spanish around it, the English title marked.
    client.force_login(LearnerFactory())
    form = client.get(
        reverse("programs:join_request_create", args=[program.slug]), headers=SPANISH
    ).content.decode()
    assert '<span lang="en">Harm Reduction Track</span>' in form
    # The page's <title> takes no markup: the bare title there.
    title = form.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Harm Reduction Track" in title and "<span" not in title and "&lt;span" not in title


def test_the_hours_log_and_its_form_name_domains_and_activities_in_the_readers_language(client):
    enrollment = hours_enrollment()
    peer_support = activity(enrollment.program)
    peer_support.name_es = "Apoyo entre pares"
    peer_support.save()
    client.force_login(enrollment.learner)
    slug = enrollment.program.slug

    form_es = client.get(reverse("practice:hours_add", args=[slug]), headers=SPANISH)
    html = form_es.content.decode()
    # The IC&RC domains' Spanish came with the migration.
    assert domain("advocacy").name_es == "Defensa de derechos"
    assert ">Defensa de derechos</option>" in html
    assert ">Apoyo entre pares</option>" in html
    assert ">Advocacy</option>" not in html

    html_en = client.get(
        reverse("practice:hours_add", args=[slug]), headers=ENGLISH
    ).content.decode()
    assert ">Advocacy</option>" in html_en
    assert ">Peer support</option>" in html_en
    assert "Defensa de derechos" not in html_en


def test_the_spanish_costs_no_query(client):
    """The Spanish sits on the same rows as the English: the pages ask the
    database exactly as much in Spanish as in English."""
    enrollment = hours_enrollment()
    program = enrollment.program
    program.title_es, program.accepts_join_requests = "Programa de horas", True
    program.save()
    client.force_login(enrollment.learner)
    pages = [
        reverse("programs:program_list"),
        reverse("practice:hours_log", args=[program.slug]),
        reverse("practice:hours_add", args=[program.slug]),
        reverse("dashboard"),
    ]
    for url in pages:
        client.get(url, headers=ENGLISH)  # warm the per-process caches first
        counts = {}
        for name, headers in (("en", ENGLISH), ("es", SPANISH)):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, headers=headers)
            assert response.status_code == 200, url
            counts[name] = len(queries)
        assert counts["es"] == counts["en"], (url, counts)
    spanish_log = client.get(reverse("practice:hours_log", args=[program.slug]), headers=SPANISH)
    assert "Programa de horas" in spanish_log.content.decode()


# --- Written in the admin ------------------------------------------------------------------


@pytest.fixture
def coordinator_client(client, site):
    user = CoordinatorFactory()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(user)
    return client


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_coordinator_writes_a_programs_spanish_beside_its_english(coordinator_client, site):
    program = ProgramFactory(title="Peer Mentor Track", credential_title="Certified Peer Mentor")
    url = reverse("programs_program:edit", args=[program.pk])
    page = coordinator_client.get(url).content.decode()
    # Each Spanish field right after its English one.
    for english, spanish in (
        ('name="title"', 'name="title_es"'),
        ('name="credential_title"', 'name="credential_title_es"'),
        ('name="description"', 'name="description_es"'),
    ):
        assert page.index(english) < page.index(spanish)
    response = coordinator_client.post(
        url,
        {
            "title": "Peer Mentor Track",
            "title_es": "Mentoría entre Pares",
            "slug": program.slug,
            "credential_title": "Certified Peer Mentor",
            "credential_title_es": "Certificación en Mentoría entre Pares",
            "description": "Our main track.",
            "description_es": "Nuestro programa principal.",
            **management("required_courses", 0),
            "practice_hours_required": "500",
            "supervision_hours_required": "25",
            "max_hours_per_entry": "8",
            "max_hours_per_day": "12",
            "max_hours_per_week": "",
            **management("domain_requirements", 0),
            **management("activity_types", 1),
            "activity_types-0-id": "",
            "activity_types-0-ORDER": "1",
            "activity_types-0-name": "Group facilitation",
            "activity_types-0-name_es": "Facilitación de grupos",
            "activity_types-0-counts_as": ActivityType.CountsAs.PRACTICE,
            "activity_types-0-is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    program = Program.objects.get(pk=program.pk)
    assert program.title_es == "Mentoría entre Pares"
    assert program.credential_title_es == "Certificación en Mentoría entre Pares"
    assert program.description_es == "Nuestro programa principal."
    assert program.activity_types.get().name_es == "Facilitación de grupos"


def test_a_coordinator_writes_a_domains_spanish(coordinator_client):
    advocacy = domain("advocacy")
    index = coordinator_client.get(reverse("programs_domain:index")).content.decode()
    assert "Advocacy" in index and "Defensa de derechos" in index
    response = coordinator_client.post(
        reverse("programs_domain:edit", args=[advocacy.pk]),
        {
            "name": "Advocacy",
            "name_es": "Defensoría",
            "slug": "advocacy",
            "description": "Speaking up with and for peers.",
            "description_es": "Alzar la voz con y por las personas pares.",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    advocacy = Domain.objects.get(pk=advocacy.pk)
    assert (advocacy.name, advocacy.name_es) == ("Advocacy", "Defensoría")
    assert advocacy.description_es == "Alzar la voz con y por las personas pares."
