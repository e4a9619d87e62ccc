"""Trainers, lead trainers and coordinators see quiz attempts and grant accommodations."""

from django.db import migrations

VIEWERS = ["Trainer", "Lead trainer", "Coordinator"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure ours exist now.
    config = apps.get_app_config("assessments")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = ["view_attempt", "add_accommodation", "change_accommodation", "view_accommodation"]
    permissions = Permission.objects.filter(
        content_type__app_label="assessments", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=VIEWERS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="assessments")
    for group in Group.objects.filter(name__in=VIEWERS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_quizzes_attempts_accommodations"),
        ("training", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
