import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Page, Site

from certificates.demo import DEMO_EXPIRING_HOLDER, DEMO_SUSPENDED_HOLDER
from programs.demo import DEMO_ASKING_PERSON, DEMO_READY_LEARNER
from renewals.demo import DEMO_HALFWAY_HOLDER, DEMO_RENEWED_HOLDER
from training import roles
from training.models import HomePage, User

pytestmark = pytest.mark.django_db


def test_roles_exist_and_only_staff_roles_open_the_admin():
    access_admin = Permission.objects.get(codename="access_admin")
    for name in roles.ALL_ROLES:
        group = Group.objects.get(name=name)
        assert (access_admin in group.permissions.all()) == (name in roles.STAFF_ROLES)


def test_setup_site_is_idempotent_and_makes_the_home_page_the_site_root():
    call_command("setup_site", verbosity=0)
    pages, sites = Page.objects.count(), Site.objects.count()
    call_command("setup_site", verbosity=0)
    assert (Page.objects.count(), Site.objects.count()) == (pages, sites)
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    # Wagtail's placeholder "Welcome" page is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page.pk).exists()


def test_home_page_says_what_peerpath_is_and_leads_to_sign_up(client, site):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "peer recovery mentors" in html
    assert 'href="/accounts/signup/"' in html
    assert 'href="/accounts/login/"' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html


def test_pages_load_nothing_from_another_host(client, site):
    html = client.get("/").content.decode() + client.get("/accounts/signup/").content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_seed_demo_is_idempotent_with_one_person_per_role(capsys):
    call_command("setup_site", verbosity=0)
    call_command("seed_demo")
    users = User.objects.count()
    call_command("seed_demo")
    assert User.objects.count() == users
    # Besides one demo account per role, certificates/demo.py and renewals/demo.py
    # add learners who hold demo certificates, and programs/demo.py one ready for
    # a certificate and one asking to join.
    holders = [
        person[0]
        for person in (
            DEMO_SUSPENDED_HOLDER,
            DEMO_EXPIRING_HOLDER,
            DEMO_RENEWED_HOLDER,
            DEMO_HALFWAY_HOLDER,
            DEMO_READY_LEARNER,
            DEMO_ASKING_PERSON,
        )
    ]
    for name in roles.ALL_ROLES:
        assert User.objects.filter(groups__name=name).exclude(email__in=holders).count() == 1
    assert User.objects.filter(email__in=holders, groups__name=roles.LEARNER).count() == 6
    assert User.objects.filter(is_superuser=True).count() == 1
    staff = User.objects.filter(groups__name__in=roles.STAFF_ROLES)
    assert all(
        Authenticator.objects.filter(user=u, type=Authenticator.Type.TOTP).exists() for u in staff
    )
    out = capsys.readouterr().out
    assert "learner@peerpath.test" in out and "coordinator@peerpath.test" in out


def test_user_has_a_name_to_print_on_certificates():
    user = User.objects.create_user(email="Sam@Example.org", password="x", first_name="Sam")
    assert user.email == "Sam@example.org"
    assert user.name_for_certificate == "Sam"
    user.certificate_name = "Samuel O. Okafor"
    assert user.name_for_certificate == "Samuel O. Okafor"
