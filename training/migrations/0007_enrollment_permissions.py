"""Give the roles their permissions on programs and enrollment.

Coordinator manages programs, cohorts, enrollments, invitations and join
requests. Nothing here is deleted through the admin except invitations (a
pending invitation deleted is simply withdrawn); enrollments are withdrawn,
join requests declined, and programs and cohorts keep their history.
Supervisors and trainers may look at programs and cohorts.

Django creates model permissions only after all migrations have run, so on a
fresh database they are created here (the same rows Django would create).
"""

from django.db import migrations

COORDINATOR = {
    "program": ["add", "change", "view"],
    "cohort": ["add", "change", "view"],
    "enrollment": ["add", "change", "view"],
    "invitation": ["add", "change", "view", "delete"],
    # Join requests are made by learners on the public site; coordinators decide.
    "joinrequest": ["change", "view"],
}
READERS = {"program": ["view"], "cohort": ["view"]}
ROLE_PERMISSIONS = {
    "Coordinator": COORDINATOR,
    "Supervisor": READERS,
    "Trainer": READERS,
    "Lead trainer": READERS,
}
VERBOSE = {
    "program": "program",
    "cohort": "cohort",
    "enrollment": "enrollment",
    "invitation": "invitation",
    "joinrequest": "join request",
}


def permission(apps, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="training", model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {VERBOSE[model]}"},
    )
    return perm


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, models in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(permission(apps, model, action))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, models in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for model, actions in models.items():
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="training",
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0006_crisissupportsettings"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
