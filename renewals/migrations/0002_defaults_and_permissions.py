"""The default renewal rules (IC&RC Peer Recovery: a 2-year cycle, 20 CE hours,
6 in Ethics) for every program certification that exists, and the coordinators'
permissions to edit rules and categories and to look at CE entries."""

from decimal import Decimal

from django.db import migrations

COORDINATOR = [
    "add_renewalrules",
    "change_renewalrules",
    "view_renewalrules",
    "add_cecategory",
    "change_cecategory",
    "view_cecategory",
    "view_ceentry",
]


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("renewals")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordinator"):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="renewals", codename__in=COORDINATOR
            )
        )

    ProgramCertification = apps.get_model("certificates", "ProgramCertification")
    RenewalRules = apps.get_model("renewals", "RenewalRules")
    CECategory = apps.get_model("renewals", "CECategory")
    Requirement = apps.get_model("renewals", "RenewalCategoryRequirement")
    DomainCECategory = apps.get_model("renewals", "DomainCECategory")
    Domain = apps.get_model("programs", "Domain")
    ethics, _ = CECategory.objects.get_or_create(name="Ethics")
    domain = Domain.objects.filter(slug="ethical-responsibility").first()
    for certification in ProgramCertification.objects.all():
        rules = RenewalRules.objects.create(certification=certification)
        Requirement.objects.create(rules=rules, category=ethics, hours=Decimal("6"))
        if domain is not None:
            DomainCECategory.objects.create(rules=rules, domain=domain, category=ethics)


class Migration(migrations.Migration):
    dependencies = [
        ("renewals", "0001_renewal_rules_and_ce_log"),
        ("training", "0005_ic_rc_domains"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
