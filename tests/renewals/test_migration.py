"""Migration renewals/0002 gives certifications that existed the default rules,
and coordinators their permissions."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from certificates.models import ProgramCertification
from renewals.models import RenewalRules
from tests.programs.factories import ProgramFactory
from tests.renewals.factories import ETHICS
from training import roles


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_certifications_get_the_default_rules_by_migration(site):
    certification = ProgramCertification.objects.create(
        program=ProgramFactory(), code_of_ethics=ETHICS
    )
    try:
        migrate([("renewals", "0001_renewal_rules_and_ce_log")])
        # As a database from before this app: no rules, no categories.
        with connection.cursor() as cursor:
            for table in (
                "renewals_domaincecategory",
                "renewals_renewalcategoryrequirement",
                "renewals_renewalrules",
                "renewals_cecategory",
            ):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        migrate([("renewals", "0002_defaults_and_permissions")])
        rules_then = RenewalRules.objects.filter(certification=certification).values_list(
            "cycle_months", flat=True
        )
        assert list(rules_then) == [24]
    finally:
        # Back to the latest schema, whatever migrations came after 0002.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())

    rules = RenewalRules.objects.get(certification=certification)
    assert (rules.cycle_months, rules.ce_hours_total, rules.grace_days) == (24, Decimal("20"), 90)
    assert [(r.category.name, r.hours) for r in rules.category_requirements.all()] == [
        ("Ethics", Decimal("6"))
    ]
    assert [r.domain.slug for r in rules.domain_categories.all()] == ["ethical-responsibility"]
    coordinators = Group.objects.get(name=roles.COORDINATOR)
    assert coordinators.permissions.filter(codename="change_renewalrules").exists()
    assert coordinators.permissions.filter(codename="view_ceentry").exists()
    # renewals/0003: they decide renewals in the queue.
    assert coordinators.permissions.filter(codename="change_renewal").exists()
