"""What a real deployment needs in its page tree and settings, created idempotently.

`manage.py setup_site` calls `setup_site()` of every installed app that has a
`site_setup` module, bottom layer first, so later apps (courses, assessments,
certificates) add their own structure without this module importing them.
"""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage

HOME_INTRO = (
    "Peerpath is where peer recovery mentors learn, practise with support, "
    "and earn a certificate employers can trust."
)
HOME_BODY = (
    "<p>Peer recovery mentors bring their own experience of recovery to walk "
    "alongside others. Peerpath offers the training, the supervised practice log "
    "and the certificate that go with that role, in one place.</p>"
)


@transaction.atomic
def setup_site(*, log=print) -> None:
    home = ensure_home_page(log=log)
    ensure_default_site(home, log=log)
    remove_placeholder_page(log=log)


def ensure_home_page(*, log=print) -> HomePage:
    existing = HomePage.objects.first()
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
