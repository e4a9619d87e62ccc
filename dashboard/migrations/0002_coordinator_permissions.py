"""Coordinators see closure requests and confirm erasure."""

from django.db import migrations

COORDINATOR = ["add_accountclosure", "change_accountclosure", "view_accountclosure"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("dashboard")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="dashboard", codename__in=COORDINATOR
    )
    for group in Group.objects.filter(name="Coordinator"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="dashboard")
    for group in Group.objects.filter(name="Coordinator"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_account_closure"),
        ("training", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
