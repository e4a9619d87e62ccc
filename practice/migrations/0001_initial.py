# Supervised practice hours moved here from training/ (issue #15): state only,
# the tables keep their names; the content types move, keeping their ids.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import programs.hours
from decimal import Decimal
from django.conf import settings
from functools import partial

from django.db import migrations, models

from training.model_moves import move_content_types

PRACTICE_MODELS = ["hoursentry", "hoursentryevent", "supervisordigest"]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('programs', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HoursEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField()),
                        ('hours', models.DecimalField(decimal_places=2, max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0.25')), django.core.validators.MaxValueValidator(24), programs.hours.validate_quarter_hours])),
                        ('setting', models.CharField(max_length=120)),
                        ('notes', models.TextField(blank=True, max_length=1000)),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Waiting for review'), ('approved', 'Approved'), ('returned', 'Returned to you')], default='draft', max_length=20)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True)),
                        ('review_comment', models.TextField(blank=True)),
                        ('client_info_confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('client_info_confirmed_kinds', models.JSONField(blank=True, default=list)),
                        ('activity_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='entries', to='programs.activitytype')),
                        ('domain', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programs.domain')),
                        ('enrollment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='hours_entries', to='programs.enrollment')),
                        ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'hours entry',
                        'verbose_name_plural': 'hours entries',
                        'db_table': 'training_hoursentry',
                        'ordering': ['-date', '-pk'],
                        'permissions': [('review_hoursentry', 'Can approve or return the hours of their own mentees'), ('reopen_hoursentry', 'Can reopen an approved hours entry')],
                    },
                ),
                migrations.CreateModel(
                    name='HoursEntryEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(choices=[('created', 'Logged'), ('edited', 'Edited'), ('submitted', 'Submitted for review'), ('withdrawn', 'Withdrawn to edit'), ('approved', 'Approved'), ('returned', 'Returned with a comment'), ('reopened', 'Reopened by a coordinator')], max_length=20)),
                        ('at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('from_status', models.CharField(blank=True, max_length=20)),
                        ('to_status', models.CharField(max_length=20)),
                        ('comment', models.TextField(blank=True)),
                        ('snapshot', models.JSONField(default=dict)),
                        ('confirmed_kinds', models.JSONField(blank=True, default=list)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('entry', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='practice.hoursentry')),
                    ],
                    options={
                        'verbose_name': 'hours entry event',
                        'db_table': 'training_hoursentryevent',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SupervisorDigest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sent_on', models.DateField()),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('entry_count', models.PositiveIntegerField()),
                        ('supervisor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'training_supervisordigest',
                        'ordering': ['-sent_on'],
                    },
                ),
                migrations.AddIndex(
                    model_name='hoursentry',
                    index=models.Index(fields=['enrollment', 'date'], name='hours_entry_enrollment_date'),
                ),
                migrations.AddIndex(
                    model_name='hoursentry',
                    index=models.Index(fields=['status', 'submitted_at'], name='hours_entry_status_submitted'),
                ),
                migrations.AddConstraint(
                    model_name='hoursentry',
                    constraint=models.CheckConstraint(condition=models.Q(('hours__gt', 0), ('hours__lte', 24)), name='hours_entry_hours_in_range'),
                ),
                migrations.AddConstraint(
                    model_name='supervisordigest',
                    constraint=models.UniqueConstraint(fields=('supervisor', 'sent_on'), name='one_digest_per_supervisor_per_day'),
                ),
            ],
        ),
        migrations.RunPython(
            partial(move_content_types, models=PRACTICE_MODELS, source="training", target="practice"),
            partial(move_content_types, models=PRACTICE_MODELS, source="practice", target="training"),
        ),
    ]
