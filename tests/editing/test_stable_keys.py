"""Every fixture record keeps a key no edit changes, and load_dossier matches on it: renaming a
record's slug (or its CELEX number) leaves it the fixture's record, kept as the editor left it.
Databases from before the keys get the same keys, a renamed record's from its first address."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from articles.models import Article, InterviewAnswer
from dossier_portal.content.models import FixtureProvenance
from dossier_portal.content.stable_keys import give_keys
from organisations.models import Organisation, Person
from tests.support.admin_helpers import delete_as_editor
from timeline.models import DocumentLink, Measure, Milestone

pytestmark = pytest.mark.django_db

DOSSIER_RECORDS = 112


def load(*args) -> str:
    out = StringIO()
    call_command("load_dossier", *args, stdout=out)
    return out.getvalue()


def fixture_models() -> list:
    return [m for m in apps.get_models() if issubclass(m, FixtureProvenance)]


def counts() -> dict:
    return {model._meta.label: model._default_manager.count() for model in fixture_models()}


def all_keys() -> dict:
    return {m._meta.label: dict(m.objects.values_list("pk", "key")) for m in fixture_models()}


@pytest.mark.parametrize(
    ("model", "slug", "listed"),
    [
        (Measure, "csa-regulation", "timeline.measure slug=csa-regulation"),  # with CELEX
        (Measure, "lanzarote-convention", "timeline.measure slug=lanzarote-convention"),
        (Organisation, "eurochild", "organisations.organisation slug=eurochild"),
        (Person, "katrin-lange", "organisations.person slug=katrin-lange"),
        (Article, "interview", "articles.article slug=interview"),
    ],
)
def test_a_renamed_record_is_kept_and_nothing_is_created(dossier, model, slug, listed):
    record = model.objects.get(slug=slug)
    record.slug = f"{slug}-renamed"
    record.save()
    before = counts()

    output = load()

    assert counts() == before
    assert "created" not in output.split("Dossier loaded")[0].replace("0 created", "")
    assert "Dossier loaded: 0 changes" in output
    assert any(
        line.startswith(f"  {listed}") and line.endswith(": kept (changed by an editor)")
        for line in output.splitlines()
    )
    assert model.objects.get(pk=record.pk).slug == f"{slug}-renamed"


def test_a_renamed_measure_with_a_changed_celex_is_still_its_fixtures_record(dossier):
    measure = Measure.objects.get(slug="csa-directive-2011")
    measure.slug, measure.celex = "csa-directive", "32011L0093R(01)"
    measure.save()

    load()
    output = load("--force")

    measure.refresh_from_db()
    assert (measure.slug, measure.celex) == ("csa-directive-2011", "32011L0093")
    assert Measure.objects.count() == 6
    assert "1 replaced" in output


def test_parts_follow_their_renamed_record(dossier):
    Article.objects.filter(slug="interview").update(slug="the-interview")
    Measure.objects.filter(slug="csa-regulation").update(slug="regulation")

    output = load()

    assert "0 changes" in output
    assert InterviewAnswer.objects.count() == 6
    assert Milestone.objects.filter(measure__slug="regulation").exists()


def test_every_record_has_its_own_key_and_an_editor_cannot_change_it(dossier, admin_client):
    for model in fixture_models():
        keys = list(model._default_manager.values_list("key", flat=True))
        assert all(keys), model
        assert len(set(keys)) == len(keys), model
    measure = Measure.objects.get(slug="csa-regulation")
    response = admin_client.get(f"/admin/timeline/measure/{measure.pk}/change/")
    assert 'name="key"' not in response.content.decode()


def test_a_record_made_in_the_admin_gets_the_key_its_values_give():
    organisation = Organisation.objects.create(name="New", slug="new-one", kind="ngo")
    person = Person.objects.create(name="Someone", slug="someone")
    assert organisation.key == "new-one"
    assert person.key == "someone"


def test_the_migration_gives_existing_records_the_fixtures_keys(dossier):
    """Keys rebuilt from the records: a renamed measure's from the redirect its renaming left."""
    measure = Measure.objects.get(slug="csa-regulation")
    measure.slug = "regulation"
    measure.save()
    deleted_link = DocumentLink.objects.filter(measure__slug="csa-directive-recast").first()
    deleted_key = deleted_link.key
    delete_as_editor(deleted_link)
    given = all_keys()
    for model in fixture_models():  # as before the migration, the keys unique all the same
        model._default_manager.update(key=Concat(Value("old-"), Cast("pk", CharField())))

    for app_label in ("organisations", "timeline", "articles"):
        give_keys(apps, app_label)

    assert all_keys() == given
    assert not DocumentLink.objects.filter(key=deleted_key).exists()
    output = load()
    assert "Dossier loaded: 0 changes" in output
    assert "kept deleted" in output


def test_dry_run_lists_what_it_would_do_and_saves_nothing(dossier, tmp_path):
    Measure.objects.filter(slug="csa-regulation").update(status_text="adopted")
    delete_as_editor(Organisation.objects.get(slug="eurochild"))
    Person.objects.filter(slug="katrin-lange").update(name="Katrin")
    before = counts()

    output = load("--dry-run")

    assert counts() == before
    assert "Dry run: nothing was saved." in output
    assert "Would be created: 0" in output
    assert "Would be kept (changed by an editor): 2" in output
    assert "  timeline.measure slug=csa-regulation" in output
    assert "Would be kept deleted (deleted by an editor)" in output
    assert "load_dossier --force would overwrite" in output
    assert "organisations.organisation slug=eurochild" in output.split("--force would")[1]
    assert Person.objects.get(slug="katrin-lange").name == "Katrin"


def test_dry_run_with_force_lists_what_it_would_replace(dossier):
    Measure.objects.filter(slug="csa-regulation").update(status_text="adopted")

    output = load("--dry-run", "--force")

    assert "Would be replaced (changed by an editor, --force): 1" in output
    assert Measure.objects.get(slug="csa-regulation").status_text == "adopted"
