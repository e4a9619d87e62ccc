"""The content review's "Lead trainer approval" step becomes a
`LeadTrainerApprovalTask` (courses/review.py): a group approval task that can
also ask learners to redo a course (issue #16).

The existing task is converted in place: its own row gets the new type's row
and content type, keeping its id, groups and workflows, so reviews in progress
carry on. Unapplied, it is a plain group approval task again."""

import django.db.models.deletion
from django.db import migrations, models

TASK_NAME = "Lead trainer approval"


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def convert(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    LeadTrainerApprovalTask = apps.get_model("courses", "LeadTrainerApprovalTask")
    plain = content_type(apps, "wagtailcore", "groupapprovaltask")
    for task in Task.objects.filter(name=TASK_NAME, content_type=plain):
        # Only the new type's own row: `raw` leaves the task's existing rows as they are.
        LeadTrainerApprovalTask(pk=task.pk).save_base(raw=True)
    Task.objects.filter(name=TASK_NAME, content_type=plain).update(
        content_type=content_type(apps, "courses", "leadtrainerapprovaltask")
    )


def convert_back(apps, schema_editor):
    # The new type's rows go with its table (the reverse of CreateModel, next).
    Task = apps.get_model("wagtailcore", "Task")
    Task.objects.filter(
        content_type=content_type(apps, "courses", "leadtrainerapprovaltask")
    ).update(content_type=content_type(apps, "wagtailcore", "groupapprovaltask"))


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_record_completions_already_earned"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="LeadTrainerApprovalTask",
            fields=[
                (
                    "groupapprovaltask_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.groupapprovaltask",
                    ),
                ),
            ],
            options={
                "verbose_name": "Lead trainer approval task",
                "verbose_name_plural": "Lead trainer approval tasks",
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(convert, convert_back),
    ]
