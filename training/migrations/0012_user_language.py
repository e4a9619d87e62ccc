from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0011_programs_and_practice_moved_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="language",
            field=models.CharField(
                blank=True,
                help_text="The language Peerpath uses with you: pages, emails and new certificates.",
                max_length=8,
                verbose_name="language",
            ),
        ),
    ]
