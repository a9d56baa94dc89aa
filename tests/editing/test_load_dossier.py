"""load_dossier: loads by natural key, changes nothing the second time, never overwrites an
editor's change unless forced, and loads all or nothing."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, InterviewAnswer, KeyFigure
from dossier_portal.content.crosslinks import render_texts_linking_to
from dossier_portal.content.fixture_loading import digest
from organisations.models import Organisation
from tests.support.admin_helpers import delete_as_editor
from timeline.models import Measure, Milestone

pytestmark = pytest.mark.django_db

DOSSIER_RECORDS = 112


def load(*args) -> str:
    out = StringIO()
    call_command("load_dossier", *args, stdout=out)
    return out.getvalue()


def test_first_run_creates_every_record_and_shows_progress_per_file():
    output = load()
    assert "Loading organisations.json (33 records)\n  33 created\n" in output
    assert "Loading articles.json (55 records)\n  55 created\n" in output
    assert f"Dossier loaded: {DOSSIER_RECORDS} changes" in output


def test_second_run_reports_no_changes(dossier):
    output = load()
    assert f"Dossier loaded: 0 changes ({DOSSIER_RECORDS} records)." in output
    assert "created" not in output


def test_an_editors_change_is_kept_and_listed(dossier):
    measure = Measure.objects.get(slug="csa-regulation")
    measure.status_text = "adopted"
    measure.save()

    output = load()

    measure.refresh_from_db()
    assert measure.status_text == "adopted"
    assert "Kept 1 record as an editor left it" in output
    assert "timeline.measure slug=csa-regulation" in output
    assert "Dossier loaded: 0 changes" in output


def test_an_editors_change_to_an_interview_answer_is_kept(dossier):
    answer = InterviewAnswer.objects.get(question__anchor="current-challenges", position=1)
    answer.body = "Corrected by an editor."
    answer.save()

    load()

    answer.refresh_from_db()
    assert answer.body == "Corrected by an editor."


def test_force_replaces_an_editors_change(dossier):
    Organisation.objects.filter(slug="eurochild").update(described_as="edited")

    output = load("--force")

    assert Organisation.objects.get(slug="eurochild").described_as == ("non-partisan organisation")
    assert "1 replaced" in output


def test_a_changed_fixture_updates_a_record_no_editor_touched(dossier, tmp_path):
    records = fixture_records("timeline.json")
    measure = next(r for r in records if r["fields"].get("slug") == "csa-regulation")
    measure["fields"]["status_text"] = "adopted"
    path = write_fixture(tmp_path, records)

    output = load(str(path))

    assert Measure.objects.get(slug="csa-regulation").status_text == "adopted"
    assert "1 updated" in output


def test_text_is_linked_again_when_a_load_changes_what_it_names(dossier, tmp_path):
    observatory_page = 'href="/organisations/observatory/"'
    assert observatory_page in Article.objects.get(slug="editorial").body_html
    records = fixture_records("organisations.json")
    observatory = next(r for r in records if r["fields"].get("slug") == "observatory")
    observatory["fields"]["aliases"] = ""  # "the Observatory’s project lead" no longer links

    output = load(str(write_fixture(tmp_path, records)))

    assert observatory_page not in Article.objects.get(slug="editorial").body_html
    assert "Links refreshed in 9 texts" in output  # 3 articles, 6 answers


def test_a_bad_record_leaves_the_database_as_it_was_and_is_named(tmp_path):
    records = fixture_records("organisations.json")
    records.insert(
        3,
        {
            "model": "organisations.organisation",
            "fields": {"key": "x", "slug": "broken", "name": "Broken", "kind": "no-such-kind"},
        },
    )
    path = write_fixture(tmp_path, records)

    with pytest.raises(CommandError) as error:
        load(str(path))

    assert "record 4 (organisations.organisation slug=broken)" in str(error.value)
    assert "no-such-kind" in str(error.value)
    assert not Organisation.objects.exists()


def test_a_record_pointing_at_a_missing_record_is_named(dossier, tmp_path):
    records = [
        {
            "model": "articles.source",
            "fields": {
                "key": "x",
                "article": ["no-such-article"],
                "label": "x",
                "url": "https://x.org/",
            },
        }
    ]
    before = Article.objects.count()

    with pytest.raises(CommandError, match=r"record 1 \(articles.source article=\['no-such"):
        load(str(write_fixture(tmp_path, records)))

    assert Article.objects.count() == before


def fixture_records(name: str) -> list[dict]:
    from dossier_portal.content.management.commands.load_dossier import FIXTURE_DIR

    return json.loads((FIXTURE_DIR / name).read_text(encoding="utf-8"))


def write_fixture(folder, records) -> str:
    path = folder / "fixture.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_a_record_an_editor_deleted_stays_deleted_with_its_parts(dossier):
    delete_as_editor(Measure.objects.get(slug="csa-directive-recast"))  # and its milestones

    output = load()

    assert not Measure.objects.filter(slug="csa-directive-recast").exists()
    assert not Milestone.objects.filter(slug="council-position").exists()
    assert "timeline.measure slug=csa-directive-recast: kept deleted" in output
    assert "Dossier loaded: 0 changes" in output


def test_force_brings_back_what_an_editor_deleted(dossier):
    delete_as_editor(Organisation.objects.get(slug="eurochild"))  # and its links and roles

    load("--force")

    eurochild = Organisation.objects.get(slug="eurochild")
    assert eurochild.links.count() == 4
    assert eurochild.affiliations.get().person.slug == "fabiola-bas-palomares"


def test_records_as_loaded_carry_no_edit_date_and_an_editors_change_does(dossier):
    measure = Measure.objects.get(slug="csa-regulation")
    assert measure.edited_at is None
    measure.status_text = "adopted"
    measure.save()
    measure.refresh_from_db()
    assert measure.edited_at is not None

    load("--force")  # the dossier's version again: no editor's change left to date

    measure.refresh_from_db()
    assert (measure.status_text, measure.edited_at) == ("in negotiation", None)


def test_a_fixture_field_added_later_is_loaded_into_a_record_no_editor_changed(dossier):
    """A record loaded before the fixtures named a field holds the field's default and the
    digest of the other fields: it is still the loader's own and is brought up to date."""
    figure = KeyFigure.objects.get(slug="ai-csam-increase")
    fields = next(
        r["fields"]
        for r in fixture_records("articles.json")
        if r["fields"].get("slug") == figure.slug
    )
    added = {"subject": "", "according_to": "", "speaker": None, "paragraph": ""}
    before = {name: value for name, value in fields.items() if name not in added}
    KeyFigure.objects.filter(pk=figure.pk).update(
        **{name if name != "speaker" else "speaker_id": v for name, v in added.items()},
        fixture_digest=digest(before, KeyFigure),
    )

    output = load()

    figure.refresh_from_db()
    assert figure.according_to == "The Internet Watch Foundation"
    assert "Kept" not in output


@pytest.mark.parametrize(
    ("model", "key", "field", "value"),
    [
        (Milestone, "csa-regulation/parliament-agreement", "stage", "parliament-position"),
        (Measure, "csa-regulation", "procedure", "2022/0155(COD)"),
    ],
)
def test_a_procedure_number_and_a_stage_reach_a_database_loaded_before_them(
    dossier, model, key, field, value
):
    """The measure's fixture names its issuing body with the default value, European Union: the
    loader still tells the added field from an editor's change."""
    records = fixture_records("timeline.json")
    fields = next(r["fields"] for r in records if r["fields"]["key"] == key)
    before = {name: v for name, v in fields.items() if name != field}
    model.objects.filter(key=key).update(**{field: ""}, fixture_digest=digest(before, model))

    output = load()

    assert getattr(model.objects.get(key=key), field) == value
    assert "Kept" not in output


def test_re_rendering_text_is_not_an_editors_change(dossier):
    article = Article.objects.get(slug="introduction")
    measure = Measure.objects.get(slug="csa-regulation")
    # As renaming the measure it links to renders the text again once the rename commits.
    assert render_texts_linking_to({("timeline.measure", measure.pk)}) > 0
    rendered = Article.objects.get(pk=article.pk)
    assert rendered.edited_at is None
    assert rendered.updated_at == article.updated_at, "not saved: only its HTML is derived again"
