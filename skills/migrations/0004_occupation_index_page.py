"""Create the "Métiers" page (the occupation list) under the home page, at /metiers/."""

from django.db import migrations

SLUG = "metiers"
INTRO = (
    "Des métiers expliqués simplement : ce qu'on y fait au quotidien et les compétences "
    "qu'il faut. Connecte-toi pour voir celles que tu as déjà."
)
# Wagtail's tree (django-treebeard): each level adds 4 characters in base 36.
STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _segment(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP, "0")


def create_occupation_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("cms.HomePage")
    OccupationIndexPage = apps.get_model("skills.OccupationIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or OccupationIndexPage.objects.exists():
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    if children.filter(slug=SLUG).exists():
        return
    last_child = children.order_by("-path").first()
    position = int(last_child.path[-STEP:], len(ALPHABET)) + 1 if last_child else 1
    page_type, _ = ContentType.objects.get_or_create(
        app_label="skills", model="occupationindexpage"
    )
    OccupationIndexPage.objects.create(
        title="Métiers",
        draft_title="Métiers",
        slug=SLUG,
        content_type=page_type,
        path=home.path + _segment(position),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{SLUG}/",
        locale_id=home.locale_id,
        intro=INTRO,
        live=True,
        show_in_menus=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


def remove_occupation_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    OccupationIndexPage = apps.get_model("skills.OccupationIndexPage")
    for index in OccupationIndexPage.objects.filter(slug=SLUG):
        parent_path = index.path[:-STEP]
        # The occupation pages below it go too (the tree lives in paths, not foreign keys).
        Page.objects.filter(path__startswith=index.path).delete()
        parent = Page.objects.get(path=parent_path)
        parent.numchild = Page.objects.filter(
            path__startswith=parent_path, depth=parent.depth + 1
        ).count()
        parent.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_create_home_page"),
        ("skills", "0003_starter_taxonomy"),
    ]

    operations = [migrations.RunPython(create_occupation_index, remove_occupation_index)]
