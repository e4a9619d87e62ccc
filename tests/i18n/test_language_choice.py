"""Which language a page speaks (issue 21): the signed-in person's profile, then
the switcher's cookie, then the browser, then English. No URL changes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.training.factories import LearnerFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SPANISH_SIGN_IN = "Iniciar sesión"
ENGLISH_SIGN_IN = ">Sign in<"


def test_english_by_default(client, site):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="en">' in page.content.decode()
    assert ENGLISH_SIGN_IN in page.content.decode()
    assert page["Content-Language"] == "en"


def test_the_browsers_language_is_used_without_a_prefix_in_the_url(client, site):
    page = client.get("/", headers={"accept-language": "es-US,es;q=0.9,en;q=0.5"})
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert SPANISH_SIGN_IN in html
    assert page["Content-Language"] == "es"
    # Caches must not give one person's language to another.
    assert "Accept-Language" in page["Vary"]
    # The verify form answers where it always did, in Spanish, without a redirect.
    verify = client.get(reverse("certificates:verify_form"), headers={"accept-language": "es"})
    assert verify.status_code == 200
    assert '<html lang="es">' in verify.content.decode()


def test_a_language_the_site_does_not_speak_falls_back_to_english(client, site):
    page = client.get("/", headers={"accept-language": "fr-FR,fr"})
    assert '<html lang="en">' in page.content.decode()


def test_the_switcher_keeps_the_choice_in_a_cookie_for_people_not_signed_in(client, site):
    response = client.post(reverse("choose_language"), {"language": "es", "next": "/courses/"})
    assert response.status_code == 302
    assert response["Location"] == "/courses/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "es" and cookie["samesite"] == "Lax" and cookie["httponly"]
    # The cookie wins over the browser.
    page = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="es">' in page.content.decode()
    # Back to English the same way; the button names the language in its own words.
    assert 'lang="en"' in page.content.decode() and ">English</button>" in page.content.decode()
    client.post(reverse("choose_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_a_signed_in_persons_choice_is_kept_in_their_profile_and_wins(client, site):
    learner = LearnerFactory()
    client.force_login(learner)
    client.post(reverse("choose_language"), {"language": "es", "next": "/dashboard/"})
    learner.refresh_from_db()
    assert learner.language == "es"
    # Another device (no cookie) with an English browser: still Spanish.
    other_device = client.__class__()
    other_device.force_login(learner)
    page = other_device.get("/dashboard/", headers={"accept-language": "en"})
    assert '<html lang="es">' in page.content.decode()


def test_the_profile_wins_over_the_cookie(client, site):
    learner = LearnerFactory(language="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.force_login(learner)
    assert '<html lang="en">' in client.get("/dashboard/").content.decode()


def test_an_unknown_language_changes_nothing_and_says_so(client, site):
    learner = LearnerFactory(language="en")
    client.force_login(learner)
    response = client.post(
        reverse("choose_language"), {"language": "xx", "next": "/dashboard/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/dashboard/"
    assert "That language isn&#x27;t available. Nothing was changed." in response.content.decode()
    learner.refresh_from_db()
    assert learner.language == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    "next_url",
    # The last: text redirect() would have taken for a view name (a 500, found by the fuzz test).
    ["https://elsewhere.example/", "//elsewhere.example/", "", "dashboard", "l\u0301x"],
)
def test_the_switcher_only_sends_people_back_to_this_site(client, site, next_url):
    response = client.post(reverse("choose_language"), {"language": "es", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_switcher_takes_only_posts(client, site):
    assert client.get(reverse("choose_language")).status_code == 405


def test_the_account_page_offers_the_choice(client, site):
    learner = LearnerFactory(language="es")
    client.force_login(learner)
    html = client.get(reverse("account_email")).content.decode()
    assert 'name="language" value="es" checked' in html
    assert '<span lang="en">English</span>' in html


def test_a_page_costs_the_same_queries_in_either_language(client, site):
    english, spanish = LearnerFactory(language="en"), LearnerFactory(language="es")
    counts = []
    for person in (english, spanish):
        client.force_login(person)
        client.get("/dashboard/")  # kept content filled
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def offered_languages(value: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PEERPATH_LANGUAGES"}
    if value is not None:
        env["PEERPATH_LANGUAGES"] = value
    env["DJANGO_SETTINGS_MODULE"] = "training.settings.dev"
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(dict(settings.LANGUAGES))"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_language_is_offered_unless_the_site_says_fewer():
    both = offered_languages(None)
    assert both.stdout.strip() == "{'en': 'English', 'es': 'Español'}", both.stderr
    assert offered_languages("en").stdout.strip() == "{'en': 'English'}"
    for wrong in ("fr", "es"):
        refused = offered_languages(wrong)
        assert refused.returncode != 0
        assert "PEERPATH_LANGUAGES" in refused.stderr


def test_with_english_alone_there_is_no_switcher(client, site, settings):
    settings.LANGUAGES = [("en", "English")]
    html = client.get("/", headers={"accept-language": "es"}).content.decode()
    assert '<html lang="en">' in html
    assert "choose_language" not in html and 'action="/language/"' not in html
    assert client.post(reverse("choose_language"), {"language": "es"}).status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()
