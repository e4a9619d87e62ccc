# Program and Enrollment moved from training/ to programs/ with their tables:
# the foreign keys change in the state only.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0004_revoked_pdf'),
        ('programs', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='attestation',
                    name='program',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programs.program'),
                ),
                migrations.AlterField(
                    model_name='certificate',
                    name='enrollment',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='certificates', to='programs.enrollment'),
                ),
                migrations.AlterField(
                    model_name='certificationreturn',
                    name='enrollment',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='certification_returns', to='programs.enrollment'),
                ),
                migrations.AlterField(
                    model_name='programcertification',
                    name='program',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='certification', to='programs.program'),
                ),
            ],
        ),
    ]
