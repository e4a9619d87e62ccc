"""Records (enrollments, hours, attempts, certificates...) are no longer in
Wagtail's reference index (training.viewsets.RecordViewSet): remove the rows
kept for them so far, which nothing updates any more."""

from django.db import migrations

RECORDS = [
    ("training", "enrollment"),
    ("training", "invitation"),
    ("training", "joinrequest"),
    ("training", "hoursentry"),
    ("assessments", "attempt"),
    ("assessments", "accommodation"),
    ("certificates", "certificate"),
]


def forget_records(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for app_label, model in RECORDS:
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None:
            ReferenceIndex.objects.filter(base_content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0009_practice_hours_permissions"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the index empty for them; `manage.py rebuild_references_index` refills it.
    operations = [migrations.RunPython(forget_records, migrations.RunPython.noop)]
