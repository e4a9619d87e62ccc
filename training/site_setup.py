"""What a real deployment needs in its page tree and settings, created idempotently.

`manage.py setup_site` calls `setup_site()` of every installed app that has a
`site_setup` module, bottom layer first, so later apps (courses, assessments,
certificates) add their own structure without this module importing them.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage
from .services import page_translation_import

HOME_INTRO = (
    "Peerpath is where peer recovery mentors learn, practise with support, "
    "and earn a certificate employers can trust."
)
HOME_BODY = (
    "<p>Peer recovery mentors bring their own experience of recovery to walk "
    "alongside others. Peerpath offers the training, the supervised practice log "
    "and the certificate that go with that role, in one place.</p>"
)


# The home page in the other languages offered (settings.PEERPATH_TRANSLATED_LANGUAGES),
# translated as a trainer would (wagtail-localize); trainers edit them afterwards.
HOME_WORDS = {
    "es": {
        "title": "Formación para mentores de recuperación entre pares",
        "intro": (
            "Peerpath es donde los mentores de recuperación entre pares aprenden, practican "
            "con apoyo y obtienen un certificado en el que los empleadores pueden confiar."
        ),
        "body": (
            "<p>Los mentores de recuperación entre pares ponen su propia experiencia de "
            "recuperación al servicio de otras personas y las acompañan en su camino. Peerpath "
            "reúne en un solo lugar la formación, el registro de práctica supervisada y el "
            "certificado que ese papel necesita.</p>"
        ),
    },
}


@transaction.atomic
def setup_site(*, log=print) -> None:
    home = ensure_home_page(log=log)
    ensure_default_site(home, log=log)
    remove_placeholder_page(log=log)
    for language in settings.PEERPATH_TRANSLATED_LANGUAGES:
        ensure_page_translation(home, language, HOME_WORDS.get(language), log=log)


def ensure_page_translation(page: Page, language: str, words: dict | None, *, user=None, log=print):
    """`page` in `language`: translated from `words` the first time (by
    `user`, for the page's history), left to the trainers after. Without
    words, a note: trainers translate it in the admin (Translate, in the
    page's menu). setup_site and the demo both translate through this."""
    existing = page.get_translations().filter(locale__language_code=language).first()
    if existing is not None:
        return existing
    if not words:
        log(f"Translate “{page.title}” into {language} in the admin to offer its courses there.")
        return None
    translated = page_translation_import(page=page, language=language, words=words, user=user)
    log(f"Translated “{page.title}” into {language}: “{translated.title}”.")
    return translated


def ensure_home_page(*, log=print) -> HomePage:
    existing = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if existing:
        return existing
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Peer recovery mentor training",
            slug="peerpath",
            intro=HOME_INTRO,
            body=HOME_BODY,
        )
    )
    log("Created the home page.")
    return home


def remove_placeholder_page(*, log=print) -> None:
    """Wagtail's first migration leaves a plain "Welcome" page at the top of the
    tree; once our home page is the site root it serves no one."""
    placeholder = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page"
    )
    if placeholder.exists():
        placeholder.delete()
        log("Removed Wagtail's placeholder page.")


def ensure_default_site(home: HomePage, *, log=print) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Peerpath",
        )
        log("Created the default site.")
    elif site.root_page_id != home.pk or site.site_name != "Peerpath":
        site.root_page = home
        site.site_name = "Peerpath"
        site.save()
        log("Pointed the default site at the home page.")
    return site
