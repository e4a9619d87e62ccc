"""Each certificate gets a random position in the status lists (issue #18):
added empty, filled for the certificates that exist, then given its default."""

import secrets

import django.db.models
from django.db import migrations

import certificates.models

LIST_SIZE = 131_072


def assign_positions(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    taken = set(
        Certificate.objects.filter(status_index__isnull=False).values_list(
            "status_index", flat=True
        )
    )
    for certificate in Certificate.objects.filter(status_index__isnull=True).only("pk"):
        index = secrets.randbelow(LIST_SIZE)
        while index in taken:
            index = secrets.randbelow(LIST_SIZE)
        taken.add(index)
        Certificate.objects.filter(pk=certificate.pk).update(status_index=index)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0009_name_change")]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="status_index",
            field=django.db.models.PositiveIntegerField(
                blank=True, editable=False, null=True, unique=True
            ),
        ),
        migrations.RunPython(assign_positions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="status_index",
            field=django.db.models.PositiveIntegerField(
                blank=True,
                default=certificates.models.free_status_index,
                editable=False,
                null=True,
                unique=True,
            ),
        ),
    ]
