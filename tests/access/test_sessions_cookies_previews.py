"""Previews and cookies.

tests/training/test_sessions_and_caching.py already checks that signed-in pages
are `Cache-Control: private` and that disabling a person ends their sessions;
this file adds Wagtail previews (never cached, always the latest edit) and the
cookie attributes production sends.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.courses.factories import CoursePageFactory, LessonPageFactory, catalogue
from tests.training.factories import PASSWORD, LearnerFactory, TrainerFactory
from tests.training.test_production_settings import shell
from tests.training.test_settings_and_health import production_environment

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


# --- Wagtail previews ------------------------------------------------------------------


@pytest.fixture
def lesson(site):
    course = CoursePageFactory(parent=catalogue(), title="Listening well")
    return LessonPageFactory(parent=course, title="Open questions", slug="open-questions")


@pytest.fixture
def trainer_client(client, site):
    trainer = TrainerFactory()
    TOTP.activate(trainer, TOTP_SECRET)
    client.force_login(trainer)
    return client


def lesson_form(lesson, paragraph: str) -> dict:
    """The lesson's edit form as the editor posts it, with one paragraph of body."""
    return nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "estimated_minutes": 15,
            "body": streamfield([("rich_text", rich_text(f"<p>{paragraph}</p>"))]),
            "comments": inline_formset([]),
        }
    )


def preview(client, lesson, paragraph: str):
    """Post the edit form to the preview view, then load the preview, as the
    editor's preview panel does."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    posted = client.post(url, lesson_form(lesson, paragraph))
    assert posted.status_code == 200, posted.content[:500]
    assert posted.json()["is_valid"] is True, posted.json()
    return client.get(url)


def assert_not_cacheable(response):
    cache_control = response.get("Cache-Control", "")
    directives = {part.strip().split("=")[0] for part in cache_control.split(",") if part.strip()}
    # Only the person who asked may keep it, and only to re-check it.
    assert directives & {"private", "no-store", "no-cache"}, cache_control
    assert "public" not in directives, cache_control
    assert "s-maxage" not in directives, cache_control


def test_a_preview_is_never_cached_and_shows_the_latest_edit(trainer_client, lesson):
    first = preview(trainer_client, lesson, "First draft about open questions.")
    assert first.status_code == 200
    assert "First draft about open questions." in first.content.decode()
    assert_not_cacheable(first)

    second = preview(trainer_client, lesson, "Second draft: ask what, not why.")
    assert second.status_code == 200
    body = second.content.decode()
    assert "Second draft: ask what, not why." in body
    assert "First draft about open questions." not in body
    assert_not_cacheable(second)

    # Previewing changed nothing a learner can see.
    lesson.refresh_from_db()
    assert "draft" not in str(lesson.body).lower()


def test_a_preview_is_not_shown_to_someone_who_cannot_edit(client, trainer_client, lesson):
    preview(trainer_client, lesson, "Unpublished words about boundaries.")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])

    trainer_client.logout()
    anonymous = trainer_client.get(url)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("account_login"))

    trainer_client.force_login(LearnerFactory())
    learner = trainer_client.get(url)
    assert learner.status_code == 403
    assert "Unpublished words about boundaries." not in learner.content.decode()


# --- Cookies in production -------------------------------------------------------------


@pytest.fixture(scope="module")
def production_cookie_settings(tmp_path_factory) -> dict:
    """The cookie settings exactly as training.settings.production computes them."""
    env = production_environment(tmp_path_factory.mktemp("signing"))
    return shell(
        """
        import json
        from django.conf import settings
        names = [
            "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
            "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE",
            "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME",
        ]
        print(json.dumps({name: getattr(settings, name) for name in names}))
        """,
        env,
    )


def test_production_cookie_settings_are_secure_httponly_and_samesite(production_cookie_settings):
    values = production_cookie_settings
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")


def test_signing_in_with_production_cookie_settings_sends_secure_cookies(
    client, site, production_cookie_settings
):
    """The Set-Cookie headers of a real sign-in, with production's cookie values."""
    person = LearnerFactory()
    with override_settings(**production_cookie_settings):
        login_page = client.get(reverse("account_login"))
        response = client.post(
            reverse("account_login"), {"login": person.email, "password": PASSWORD}
        )
    assert response.status_code == 302

    session_cookie = response.cookies[production_cookie_settings["SESSION_COOKIE_NAME"]]
    csrf_cookie = login_page.cookies[production_cookie_settings["CSRF_COOKIE_NAME"]]
    for cookie, samesite in [
        (session_cookie, production_cookie_settings["SESSION_COOKIE_SAMESITE"]),
        (csrf_cookie, production_cookie_settings["CSRF_COOKIE_SAMESITE"]),
    ]:
        header = cookie.OutputString()
        assert cookie["secure"] is True, header
        assert cookie["httponly"] is True, header
        assert cookie["samesite"] == samesite, header
        assert "; Secure" in header and "; HttpOnly" in header, header
        assert f"SameSite={samesite}" in header, header
