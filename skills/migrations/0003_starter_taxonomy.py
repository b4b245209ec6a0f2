"""Load the project's starter taxonomy (skills/starter_taxonomy.py), so that a fresh install is
usable without the ESCO files."""

from django.db import migrations


def load(apps, schema_editor):
    from skills.starter_taxonomy import load_starter_taxonomy

    load_starter_taxonomy(apps.get_model("skills", "SkillConcept"))


class Migration(migrations.Migration):
    dependencies = [("skills", "0002_occupation_pages")]

    # Going back leaves the concepts in place: youths' experiences may already be tagged with them.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
