"""Create the five roles as groups. Staff roles may open the Wagtail admin.

Later migrations (one per app) add each role's permissions for that app.
"""

from django.db import migrations

ROLES = ["Learner", "Trainer", "Lead trainer", "Supervisor", "Coordinator"]
ADMIN_ROLES = ["Trainer", "Lead trainer", "Supervisor", "Coordinator"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            group.permissions.add(access_admin)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0002_home_page"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
