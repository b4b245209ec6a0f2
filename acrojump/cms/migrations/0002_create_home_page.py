"""Create the site's home page and its guide list, replacing Wagtail's default welcome page."""

from django.db import migrations

HOME_INTRO = (
    "Tu as aidé à la banque alimentaire, entraîné des enfants au club, gardé tes petits "
    "frères, fait des petits boulots ? Ce sont des compétences. AcroJump t'aide à les "
    "nommer, à les faire confirmer par des adultes qui t'ont vu faire, et à être trouvé "
    "par des recruteurs."
)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("cms.HomePage")
    GuideIndexPage = apps.get_model("cms.GuideIndexPage")

    if HomePage.objects.exists():
        return
    # Wagtail's own migrations create a default welcome page at depth 2: remove it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    locale, _ = Locale.objects.get_or_create(language_code="fr")

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    home = HomePage.objects.create(
        title="AcroJump",
        draft_title="AcroJump",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        intro=HOME_INTRO,
        live=True,
    )
    guides_type, _ = ContentType.objects.get_or_create(model="guideindexpage", app_label="cms")
    GuideIndexPage.objects.create(
        title="Guides",
        draft_title="Guides",
        slug="guides",
        content_type=guides_type,
        path=f"{home.path}0001",
        depth=3,
        numchild=0,
        url_path="/home/guides/",
        locale=locale,
        intro="Des conseils simples pour te présenter, trouver un stage ou préparer un entretien.",
        live=True,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page_id=home.id, is_default_site=True)


def remove_home_page(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
