# Programs and enrollment moved here from training/ (issue #15). The tables keep
# their names (Meta.db_table), so nothing happens in the database but moving the
# content types: their ids stay, and with them every permission a group holds
# and every admin history entry (wagtailcore_modellogentry) about these rows.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import programs.hours
from decimal import Decimal
from django.conf import settings
from functools import partial

from django.db import migrations, models

from training.model_moves import move_content_types


PROGRAMS_MODELS = [
    "domain",
    "program",
    "cohort",
    "enrollment",
    "supervisorassignment",
    "invitation",
    "joinrequest",
    "programdomainrequirement",
    "activitytype",
]



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("training", "0010_records_leave_the_reference_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Domain',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, unique=True)),
                        ('slug', models.SlugField(max_length=100, unique=True)),
                        ('description', models.TextField(blank=True)),
                        ('sort_order', models.PositiveSmallIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'training_domain',
                        'ordering': ['sort_order', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Program',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, unique=True)),
                        ('slug', models.SlugField(max_length=200, unique=True)),
                        ('credential_title', models.CharField(help_text='As printed on the certificate, e.g. Certified Peer Recovery Mentor.', max_length=200)),
                        ('description', models.TextField(blank=True)),
                        ('accepts_join_requests', models.BooleanField(default=False, help_text='Signed-in people who are not enrolled may ask to join; a coordinator decides.')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('practice_hours_required', models.DecimalField(decimal_places=2, default=Decimal('500'), help_text='Creditable supervised practice hours needed in all domains together.', max_digits=7, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10000), programs.hours.validate_quarter_hours], verbose_name='practice hours required (total)')),
                        ('supervision_hours_required', models.DecimalField(decimal_places=2, default=Decimal('25'), help_text='Hours of supervision the learner must receive from their supervisor.', max_digits=7, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10000), programs.hours.validate_quarter_hours], verbose_name='supervision hours required')),
                        ('max_hours_per_entry', models.DecimalField(decimal_places=2, default=Decimal('8'), help_text='A longer entry is refused when it is logged.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0.25')), django.core.validators.MaxValueValidator(24), programs.hours.validate_quarter_hours], verbose_name='most hours in one entry')),
                        ('max_hours_per_day', models.DecimalField(decimal_places=2, default=Decimal('12'), help_text='Entries that would take a day over this are refused when they are logged (never more than 24, whatever this says). Lowering it later caps the hours credited on such days.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0.25')), django.core.validators.MaxValueValidator(24), programs.hours.validate_quarter_hours], verbose_name='most hours in one day')),
                        ('max_hours_per_week', models.DecimalField(blank=True, decimal_places=2, help_text='Optional. Practice hours beyond this in a week (Monday to Sunday) are kept in the log but not credited.', max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.25')), django.core.validators.MaxValueValidator(168), programs.hours.validate_quarter_hours], verbose_name='most practice hours credited in one week')),
                    ],
                    options={
                        'db_table': 'training_program',
                        'ordering': ['title'],
                    },
                ),
                migrations.CreateModel(
                    name='Cohort',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200)),
                        ('start_date', models.DateField()),
                        ('end_date', models.DateField(blank=True, null=True)),
                        ('coordinators', models.ManyToManyField(blank=True, related_name='coordinated_cohorts', to=settings.AUTH_USER_MODEL)),
                        ('program', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cohorts', to='programs.program')),
                    ],
                    options={
                        'db_table': 'training_cohort',
                        'ordering': ['-start_date', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254)),
                        ('role', models.CharField(choices=[('learner', 'Learner'), ('supervisor', 'Supervisor')], default='learner', max_length=20)),
                        ('token', models.CharField(max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('expires_at', models.DateTimeField()),
                        ('accepted_at', models.DateTimeField(blank=True, null=True)),
                        ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('cohort', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='programs.cohort')),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('supervisor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('program', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='programs.program')),
                    ],
                    options={
                        'db_table': 'training_invitation',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Enrollment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('active', 'Active'), ('completed', 'Completed'), ('withdrawn', 'Withdrawn')], default='active', max_length=20)),
                        ('enrolled_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('ended_at', models.DateTimeField(blank=True, null=True)),
                        ('cohort', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='enrollments', to='programs.cohort')),
                        ('enrolled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('learner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='enrollments', to=settings.AUTH_USER_MODEL)),
                        ('supervisor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='supervised_enrollments', to=settings.AUTH_USER_MODEL)),
                        ('program', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='enrollments', to='programs.program')),
                    ],
                    options={
                        'db_table': 'training_enrollment',
                        'ordering': ['-enrolled_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ActivityType',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('name', models.CharField(max_length=100)),
                        ('counts_as', models.CharField(choices=[('practice', 'Practice hours'), ('supervision', 'Supervision received')], default='practice', max_length=20)),
                        ('is_active', models.BooleanField(default=True, help_text='Untick to stop offering it. Entries already logged keep it.', verbose_name='accepting new entries')),
                        ('program', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='activity_types', to='programs.program')),
                    ],
                    options={
                        'verbose_name': 'activity type',
                        'db_table': 'training_activitytype',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ProgramDomainRequirement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('training_hours_min', models.DecimalField(decimal_places=2, default=Decimal('0'), help_text='Met by the hours that passed courses credit in this domain.', max_digits=7, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10000), programs.hours.validate_quarter_hours], verbose_name='training hours')),
                        ('practice_hours_min', models.DecimalField(decimal_places=2, default=Decimal('0'), help_text='Creditable supervised practice hours needed in this domain.', max_digits=7, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10000), programs.hours.validate_quarter_hours], verbose_name='practice hours')),
                        ('domain', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programs.domain')),
                        ('program', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='domain_requirements', to='programs.program')),
                    ],
                    options={
                        'verbose_name': 'domain requirement',
                        'db_table': 'training_programdomainrequirement',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='SupervisorAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('started_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('ended_at', models.DateTimeField(blank=True, null=True)),
                        ('assigned_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('enrollment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='supervisor_assignments', to='programs.enrollment')),
                        ('supervisor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'training_supervisorassignment',
                        'ordering': ['started_at'],
                    },
                ),
                migrations.CreateModel(
                    name='JoinRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('message', models.TextField(blank=True, max_length=1000)),
                        ('status', models.CharField(choices=[('pending', 'Waiting for a decision'), ('approved', 'Approved'), ('declined', 'Declined')], default='pending', max_length=20)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decision_note', models.TextField(blank=True, max_length=1000)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='join_requests', to=settings.AUTH_USER_MODEL)),
                        ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='join_requests', to='programs.program')),
                    ],
                    options={
                        'db_table': 'training_joinrequest',
                        'ordering': ['created_at'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('person', 'program'), name='one_pending_join_request_per_program')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='enrollment',
                    constraint=models.UniqueConstraint(fields=('learner', 'program'), name='one_enrollment_per_program'),
                ),
                migrations.AddConstraint(
                    model_name='cohort',
                    constraint=models.UniqueConstraint(fields=('program', 'name'), name='unique_cohort_name_per_program'),
                ),
                migrations.AddConstraint(
                    model_name='cohort',
                    constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='cohort_ends_after_it_starts'),
                ),
                migrations.AddConstraint(
                    model_name='activitytype',
                    constraint=models.UniqueConstraint(fields=('program', 'name'), name='unique_activity_type_per_program'),
                ),
                migrations.AddConstraint(
                    model_name='programdomainrequirement',
                    constraint=models.UniqueConstraint(fields=('program', 'domain'), name='one_requirement_per_program_domain'),
                ),
                migrations.AddConstraint(
                    model_name='supervisorassignment',
                    constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('enrollment',), name='one_current_supervisor_per_enrollment'),
                ),
            ],
        ),
        migrations.RunPython(
            partial(move_content_types, models=PROGRAMS_MODELS, source="training", target="programs"),
            partial(move_content_types, models=PROGRAMS_MODELS, source="programs", target="training"),
        ),
    ]
