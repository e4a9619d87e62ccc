"""Trainers and lead trainers write course content; they have no need to see who
holds a certificate or to download anyone's PDF (privacy by default). They keep
read access to the certification rules, which hold the code of ethics."""

from django.db import migrations


def remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(
        content_type__app_label="certificates", codename="view_certificate"
    )
    for group in Group.objects.filter(name__in=["Trainer", "Lead trainer"]):
        group.permissions.remove(*view)


def restore(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(
        content_type__app_label="certificates", codename="view_certificate"
    )
    for group in Group.objects.filter(name__in=["Trainer", "Lead trainer"]):
        group.permissions.add(*view)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0002_role_permissions")]

    operations = [migrations.RunPython(remove, restore)]
