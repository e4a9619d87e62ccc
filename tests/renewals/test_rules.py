"""Renewal rules are data: defaults for every certification, edited by coordinators."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.models import ProgramCertification
from renewals.models import CECategory, RenewalRules
from renewals.site_setup import setup_site
from tests.programs.factories import ProgramFactory, domain
from tests.renewals.factories import ETHICS, coordinator_signed_in
from tests.training.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def test_a_new_certification_gets_the_ic_rc_defaults():
    certification = ProgramCertification.objects.create(
        program=ProgramFactory(), code_of_ethics=ETHICS
    )
    rules = certification.renewal_rules
    assert rules.cycle_months == 24
    assert rules.ce_hours_total == Decimal("20")
    assert rules.window_opens_days == 90
    assert rules.grace_days == 90
    assert rules.after_grace == RenewalRules.REAPPLY
    assert [(r.category.name, r.hours) for r in rules.category_requirements.all()] == [
        ("Ethics", Decimal("6"))
    ]
    assert [(r.domain.slug, r.category.name) for r in rules.domain_categories.all()] == [
        ("ethical-responsibility", "Ethics")
    ]


def test_site_setup_fills_in_rules_for_a_certification_without_any_and_is_idempotent():
    certification = ProgramCertification.objects.create(
        program=ProgramFactory(), code_of_ethics=ETHICS
    )
    certification.renewal_rules.delete()
    logged = []
    setup_site(log=logged.append)
    setup_site(log=logged.append)
    assert RenewalRules.objects.filter(certification=certification).count() == 1
    assert len(logged) == 1
    assert CECategory.objects.filter(name="Ethics").count() == 1


def _form(rules, **changes):
    data = {
        "certification": rules.certification_id,
        "cycle_months": "24",
        "ce_hours_total": "20",
        "window_opens_days": "90",
        "grace_days": "90",
        "after_grace": "reapply",
        "audit_percent": "10",
        "after_grace_extra_hours": "0",
        "category_requirements-TOTAL_FORMS": "1",
        "category_requirements-INITIAL_FORMS": "1",
        "category_requirements-MIN_NUM_FORMS": "0",
        "category_requirements-MAX_NUM_FORMS": "1000",
        "domain_categories-TOTAL_FORMS": "1",
        "domain_categories-INITIAL_FORMS": "1",
        "domain_categories-MIN_NUM_FORMS": "0",
        "domain_categories-MAX_NUM_FORMS": "1000",
    }
    requirement = rules.category_requirements.get()
    mapping = rules.domain_categories.get()
    data.update(
        {
            "category_requirements-0-id": str(requirement.pk),
            "category_requirements-0-category": str(requirement.category_id),
            "category_requirements-0-hours": "6",
            "category_requirements-0-ORDER": "1",
            "category_requirements-0-DELETE": "",
            "domain_categories-0-id": str(mapping.pk),
            "domain_categories-0-domain": str(mapping.domain_id),
            "domain_categories-0-category": str(mapping.category_id),
            "domain_categories-0-ORDER": "1",
            "domain_categories-0-DELETE": "",
        }
    )
    data.update(changes)
    return data


@pytest.fixture
def rules(site):
    certification = ProgramCertification.objects.create(
        program=ProgramFactory(), code_of_ethics=ETHICS
    )
    return certification.renewal_rules


def test_a_coordinator_edits_the_rules_in_the_admin(client, rules):
    coordinator_signed_in(client)
    url = reverse("renewal_rules:edit", args=[rules.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _form(
            rules,
            ce_hours_total="30",
            grace_days="60",
            after_grace="longer_ce",
            after_grace_extra_hours="10",
            **{
                "category_requirements-0-hours": "8",
                "domain_categories-0-domain": str(domain("advocacy").pk),
            },
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    rules.refresh_from_db()
    assert (rules.ce_hours_total, rules.grace_days, rules.after_grace_extra_hours) == (
        Decimal("30"),
        60,
        Decimal("10"),
    )
    assert rules.category_requirements.get().hours == Decimal("8")
    assert rules.domain_categories.get().domain.slug == "advocacy"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"category_requirements-0-hours": "25"}, "A category's minimum can't exceed the total."),
        ({"after_grace": "longer_ce"}, "Enter how many extra CE hours are asked for."),
        ({"after_grace_extra_hours": "5"}, "Extra hours only apply with"),
        ({"ce_hours_total": "20.1"}, "Use quarter-hour steps"),
        ({"cycle_months": "0"}, "greater than or equal to 1"),
    ],
)
def test_the_rules_form_refuses_what_makes_no_sense_and_says_why(client, rules, changes, message):
    coordinator_signed_in(client)
    response = client.post(reverse("renewal_rules:edit", args=[rules.pk]), _form(rules, **changes))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    rules.refresh_from_db()
    assert rules.ce_hours_total == Decimal("20")


def test_learners_cannot_reach_the_rules(client, rules):
    client.force_login(LearnerFactory())
    response = client.get(reverse("renewal_rules:edit", args=[rules.pk]))
    assert response.status_code in (302, 403)
    assert RenewalRules.objects.get(pk=rules.pk).ce_hours_total == Decimal("20")
