# Program and Domain moved from training/ to programs/ with their tables: the
# foreign keys change in the state only.

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0001_initial'),
        ('programs', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='coursedomaincredit',
                    name='domain',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programs.domain'),
                ),
                migrations.AlterField(
                    model_name='programcourse',
                    name='program',
                    field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='required_courses', to='programs.program'),
                ),
            ],
        ),
    ]
