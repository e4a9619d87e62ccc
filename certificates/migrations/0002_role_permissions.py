"""Coordinators issue and revoke certificates and edit certification rules;
trainers and lead trainers may look at issued certificates."""

from django.db import migrations

COORDINATOR = [
    "add_certificate",
    "change_certificate",
    "view_certificate",
    "add_programcertification",
    "change_programcertification",
    "view_programcertification",
    "view_attestation",
]
VIEWERS = ["view_certificate", "view_programcertification"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("certificates")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return Permission.objects.filter(
            content_type__app_label="certificates", codename__in=codenames
        )

    for group in Group.objects.filter(name="Coordinator"):
        group.permissions.add(*permissions(COORDINATOR))
    for group in Group.objects.filter(name__in=["Trainer", "Lead trainer"]):
        group.permissions.add(*permissions(VIEWERS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    certificate_permissions = Permission.objects.filter(content_type__app_label="certificates")
    for group in Group.objects.filter(name__in=["Coordinator", "Trainer", "Lead trainer"]):
        group.permissions.remove(*certificate_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_certificates"),
        ("training", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
