"""Seed the "Get help" page with support services whose every fact has a public source.

Each entry's `source_url` is the public page that confirms it:
- 116 111: the European Commission's news "Two new European free helpline numbers for children
  and adults" (116 111 reserved EU-wide as a free number for child helplines, for children who
  want someone to listen to them). Child Helpline International's "15 years of 116 111" confirms
  it is answered in most EU countries, not all (23 of 27 in 2022).
- 112: the European Commission's "112 Day raises awareness on EU emergency number" (the same
  emergency number anywhere in the EU).
- INHOPE: INHOPE's "Hotline Development Guide" (member hotlines let the public report, anonymously,
  online material they suspect may be illegal; hotlines operate in all EU member states).

Editors maintain these records in the admin; this migration only adds them where they are missing,
and unapplying it removes nothing (an editor may have revised them since).
"""

from django.db import migrations

RESOURCES = [
    {
        "slug": "116-111-child-helplines",
        "name": "116 111: child helplines",
        "description": (
            "The number reserved across the EU for child helplines: children and young people "
            "can call it free of charge to talk to someone about worries and problems that "
            "affect them. It is answered in most EU countries, not yet in all of them."
        ),
        "phone": "116 111",
        "url": "https://childhelplineinternational.org/15-years-of-116111/",
        "region": "EU-wide",
        "source_url": "https://ec.europa.eu/digital-single-market/news/two-new-european-free-helpline-numbers-children-and-adults",
    },
    {
        "slug": "112-emergency-number",
        "name": "112: emergency number",
        "description": (
            "If someone is in immediate danger, call 112. It is the same emergency number "
            "anywhere in the EU."
        ),
        "phone": "112",
        "url": "",
        "region": "EU-wide",
        "source_url": "https://digital-strategy.ec.europa.eu/en/news/112-day-raises-awareness-eu-emergency-number",
    },
    {
        "slug": "inhope-hotlines",
        "name": "INHOPE hotlines: report child sexual abuse material",
        "description": (
            "If you come across material online that you think shows the sexual abuse of a "
            "child, you can report it, anonymously, to a hotline of the INHOPE network. "
            "Trained analysts check each report and act to have illegal content removed. "
            "There is a hotline in every EU member state."
        ),
        "phone": "",
        "url": "https://www.inhope.org/EN",
        "region": "EU-wide",
        "source_url": "https://www.inhope.org/EN/hotline-guide",
    },
]


def add_resources(apps, schema_editor):
    HelpResource = apps.get_model("organisations", "HelpResource")
    for position, fields in enumerate(RESOURCES):
        HelpResource.objects.get_or_create(
            slug=fields["slug"],
            defaults={**fields, "position": position, "is_published": True},
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_fixture_provenance")]

    operations = [migrations.RunPython(add_resources, migrations.RunPython.noop)]
