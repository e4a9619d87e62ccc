"""Give the roles their permissions on the supervised practice log.

Supervisor: review (approve or return) the hours of their own mentees; which
entries are theirs is decided by the enrollment's current supervisor, not by
a permission. Coordinator: see every entry and the cohort report (never the
notes) and reopen an approved entry with a reason.

Django creates model permissions only after all migrations have run, so on a
fresh database they are created here (the same rows Django would create).
"""

from django.db import migrations

PERMISSIONS = {
    "Supervisor": [("review_hoursentry", "Can approve or return the hours of their own mentees")],
    "Coordinator": [
        ("view_hoursentry", "Can view hours entry"),
        ("reopen_hoursentry", "Can reopen an approved hours entry"),
    ],
}


def permission(apps, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="training", model="hoursentry")
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return perm


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, permissions in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for codename, name in permissions:
            group.permissions.add(permission(apps, codename, name))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, permissions in PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="training",
                    codename__in=[codename for codename, _ in permissions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0008_practice_hours"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
