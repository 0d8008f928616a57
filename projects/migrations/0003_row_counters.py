"""The counts pages show, stored on the rows (projects.counters), filled from the rows they count."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from projects.counters import counters_recount

    counters_recount(models=apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_decisions_and_delivery")]

    operations = [
        migrations.AddField(
            model_name="need",
            name="backer_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="need",
            name="comment_count",
            field=models.PositiveIntegerField(default=0, editable=False, help_text="Comments not hidden."),
        ),
        migrations.AddField(
            model_name="idea",
            name="comment_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="project",
            name="member_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="project",
            name="facilitator_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="project",
            name="need_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="decision",
            name="voter_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
