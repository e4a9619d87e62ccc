"""Trainers and lead trainers may translate pages (issue 21): wagtail-localize's
"Translate this page" asks for this permission. Where the translation goes
is decided by the page permissions on each language's catalogue (setup_site)."""

from django.db import migrations

ROLES = ["Trainer", "Lead trainer"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ):
        for group in Group.objects.filter(name__in=ROLES):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_lead_trainer_approval_task"),
        ("training", "0003_roles"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
