"""The four IC&RC Peer Recovery domains, as data a program can add to."""

from django.db import migrations

DOMAINS = [
    ("Advocacy", "advocacy"),
    ("Mentoring and Education", "mentoring-education"),
    ("Recovery and Wellness Support", "recovery-wellness-support"),
    ("Ethical Responsibility", "ethical-responsibility"),
]


def create_domains(apps, schema_editor):
    Domain = apps.get_model("training", "Domain")
    for order, (name, slug) in enumerate(DOMAINS):
        Domain.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def remove_domains(apps, schema_editor):
    apps.get_model("training", "Domain").objects.filter(slug__in=[s for _, s in DOMAINS]).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0004_programs_and_enrollment")]

    operations = [migrations.RunPython(create_domains, remove_domains)]
