"""/search/: what a reader finds, where a hit links to, and what bad input gets."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import InterviewAnswer, InterviewQuestion
from tests.support.factories import (
    make_article,
    make_measure,
    make_milestone,
    make_organisation,
    make_person,
)

pytestmark = pytest.mark.django_db


def hit_links(response) -> list[str]:
    return re.findall(r'<h2><a href="([^"]+)">', response.content.decode())


def search(client, **params):
    return client.get("/search/", params)


def test_a_hit_in_an_article_links_to_its_heading_with_the_words_highlighted(client):
    article = make_article(
        slug="why-it-matters",
        body="Opening words.\n\n## Grooming online\n\nPerpetrators groom children in chats.",
    )
    response = search(client, q="grooming")
    assert hit_links(response) == [f"/articles/{article.slug}/#grooming-online"]
    assert "<mark>groom</mark> children" in response.content.decode()


def test_every_type_is_found_and_linked_to_its_page(client):
    measure = make_measure(slug="csa-regulation", short_title="CSA Regulation")
    make_milestone(measure, slug="council-position", title="Council adopts its position")
    organisation = make_organisation(slug="ecpat", name="ECPAT International")
    person = make_person(slug="jane-doe", name="Jane Doe", bio="Works at ECPAT International.")
    assert hit_links(search(client, q="CSA Regulation"))[0] == "/timeline/csa-regulation/"
    assert hit_links(search(client, q="Council position")) == [
        "/timeline/csa-regulation/#council-position"
    ]
    assert hit_links(search(client, q="ECPAT")) == [
        organisation.get_absolute_url(),
        person.get_absolute_url(),
    ]


def test_an_interview_answer_links_to_its_question(client):
    article = make_article(slug="interview", body="")
    speaker = make_person(name="Kim Speaker")
    question = InterviewQuestion.objects.create(
        article=article, position=1, text="What changed?", anchor="what-changed"
    )
    InterviewAnswer.objects.create(
        question=question, position=1, speaker=speaker, body="Encryption changed everything."
    )
    response = search(client, q="encryption")
    assert hit_links(response) == ["/articles/interview/#what-changed"]
    assert "<mark>Encryption</mark> changed everything" in response.content.decode()


def test_drafts_are_never_found(client):
    make_measure(short_title="Hidden draft measure", is_published=False)
    draft_article = make_article(body="## Hidden draft\n\nHidden text.", is_published=False)
    make_milestone(make_measure(is_published=False), title="Hidden milestone")
    make_milestone(make_measure(), title="Hidden milestone draft", is_published=False)
    make_organisation(name="Hidden organisation", is_published=False)
    make_person(name="Hidden person", is_published=False)
    assert draft_article.sections.exists()
    response = search(client, q="hidden")
    assert response.status_code == 200
    assert hit_links(response) == []
    assert "Nothing in the dossier matches" in response.content.decode()


def test_english_stemming_and_accents(client):
    measure = make_measure(title="Protection of children against sexual exploitation")
    organisation = make_organisation(name="Fondation Enfance Protégée")
    assert hit_links(search(client, q="protecting children")) == [measure.get_absolute_url()]
    assert hit_links(search(client, q="protegee")) == [organisation.get_absolute_url()]


def test_an_exclusion_after_a_run_of_dashes_still_excludes(client):
    make_measure(short_title="Grooming directive")
    make_measure(short_title="Grooming by AI")
    assert len(hit_links(search(client, q="grooming " + "-" * 40 + "AI"))) == 1


def test_websearch_syntax_phrases_or_and_exclusion(client):
    day = make_measure(short_title="European Day", title="A European Day on abuse")
    other = make_measure(short_title="Other", title="A day of European action")
    ai = make_measure(short_title="AI", title="CSAM made by AI")
    csam = make_measure(short_title="Detection", title="Detection of CSAM")
    assert hit_links(search(client, q='"European Day"')) == [day.get_absolute_url()]
    assert set(hit_links(search(client, q="European day"))) == {
        day.get_absolute_url(),
        other.get_absolute_url(),
    }
    assert hit_links(search(client, q="CSAM -AI")) == [csam.get_absolute_url()]
    assert set(hit_links(search(client, q="detection OR AI"))) == {
        ai.get_absolute_url(),
        csam.get_absolute_url(),
    }


def test_an_exclusion_does_not_flatten_the_ranking(client):
    # Unranked, hits would come in title order: "A strategy" first.
    mention = make_measure(short_title="A strategy", summary="It also mentions grooming once.")
    titled = make_measure(short_title="Grooming directive")
    make_measure(short_title="Grooming by AI")
    assert hit_links(search(client, q="grooming -AI")) == [
        titled.get_absolute_url(),
        mention.get_absolute_url(),
    ]


def test_title_hits_rank_above_passing_mentions(client):
    mention = make_measure(short_title="Strategy", summary="It also mentions grooming once.")
    titled = make_measure(short_title="Grooming directive")
    assert hit_links(search(client, q="grooming")) == [
        titled.get_absolute_url(),
        mention.get_absolute_url(),
    ]


def test_a_misspelling_gets_a_did_you_mean_that_finds_something(client):
    make_measure(short_title="Lanzarote Convention", title="Council of Europe Convention")
    response = search(client, q="Lanzarotte")
    page = response.content.decode()
    assert "Nothing in the dossier matches" in page
    assert 'Did you mean <a href="?q=Lanzarote">Lanzarote</a>?' in page
    assert "Did you mean" not in search(client, q="Lanzarote").content.decode()


def test_no_did_you_mean_when_no_spelling_finds_anything(client):
    make_measure(short_title="Lanzarote Convention")
    assert "Did you mean" not in search(client, q="xyzzy").content.decode()


def test_results_can_be_narrowed_to_one_type_with_counts(client):
    measure = make_measure(short_title="Europol mandate")
    make_organisation(name="Europol")
    response = search(client, q="Europol", type="measure")
    page = response.content.decode()
    assert hit_links(response) == [measure.get_absolute_url()]
    assert "Everything (2)" in page
    assert "Measures (1)" in page
    assert "Organisations (1)" in page


def test_results_are_paginated_with_the_query_kept(client):
    for n in range(23):
        make_measure(short_title=f"Safety measure {n:02}")
    first = search(client, q="safety")
    assert len(hit_links(first)) == 20
    assert "?q=safety&amp;page=2" in first.content.decode()
    second = search(client, q="safety", page="2")
    assert len(hit_links(second)) == 3
    assert set(hit_links(first)).isdisjoint(hit_links(second))
    assert len(hit_links(search(client, q="safety", page="abc"))) == 20
    assert len(hit_links(search(client, q="safety", page="999"))) == 3


def test_snippets_are_escaped(client):
    make_article(body='## Heading\n\nA <b onclick="x()">bold</b> claim & a "quote" on filters.')
    page = search(client, q="filters").content.decode()
    assert "onclick" not in page
    assert "&amp; a &quot;quote&quot; on <mark>filters</mark>" in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"unbalanced',
        "-",
        "OR OR",
        "!!! & | ( ) :* <->",
        "the",
        "'; DROP TABLE timeline_measure; --",
        "\u202e\ufffd",
        # Postgres's websearch parser fails on more than 32 "-" with no word to exclude.
        "-" * 33,
        "abuse " + "-" * 150,
        "- " * 100,
        "-(" * 100,
        "(-" * 100,
    ],
)
def test_odd_queries_get_a_clear_page(client, query):
    make_measure()
    response = search(client, q=query)
    assert response.status_code == 200
    assert b"Search the dossier" in response.content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "a" * 10_000}, "at most 200 characters"),
        ({"q": "abuse\x00material"}, "Null characters are not allowed"),
        ({"q": "abuse", "type": "secret"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_the_form_with_its_error_and_a_400(client, params, message):
    response = search(client, **params)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "\x00" not in page


def queries_to_search(client, query: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert search(client, q=query).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_hits(client):
    make_article(body="## Online safety\n\nText.")
    search(client, q="warm up")  # the first request of a test reads what later ones cache
    few_hits, misspelt_few = (queries_to_search(client, q) for q in ("online", "onlime"))
    for n in range(30):
        measure = make_measure(short_title=f"Online safety {n}")
        make_milestone(measure, title=f"Online safety step {n}")
        make_article(body=f"## Online safety {n}\n\nText.")
    many_hits, misspelt_many = (queries_to_search(client, q) for q in ("online", "onlime"))
    assert many_hits == few_hits
    assert misspelt_many == misspelt_few
    # The counts and the page come in one query and their snippets in one more; a miss has no
    # snippets, but reads the names most like its words and checks that the correction finds
    # something. Whatever the site-wide middleware reads comes on top.
    assert misspelt_many - many_hits == 1


def test_the_counts_and_the_page_come_from_one_full_text_query(client):
    for n in range(30):
        make_measure(short_title=f"Online safety {n}")
    with CaptureQueriesContext(connection) as queries:
        page = search(client, q="online", page="2").content.decode()
    assert "Measures (30)" in page
    assert len(re.findall(r'<li class="search-hit"', page)) == 10
    # The Get help page's few services are matched in one more query of their own.
    over_the_dossier = [q for q in queries if "@@" in q["sql"] and "helpresource" not in q["sql"]]
    assert len(over_the_dossier) == 1


@pytest.fixture
def ranked_per_kind(monkeypatch):
    """A cut small enough to reach in a test (it is 500 on the site)."""
    monkeypatch.setattr("dossier_portal.site.search.RANKED_PER_KIND", 3)
    return 3


def test_a_search_matching_very_many_records_ranks_the_first_of_each_type(client, ranked_per_kind):
    for n in range(5):
        make_measure(short_title=f"Grooming measure {n}")
    make_organisation(name="Grooming helpline")
    response = search(client, q="grooming")
    page = response.content.decode()
    assert len(hit_links(response)) == 4  # three measures and the organisation
    assert "Everything (4+)" in page
    assert "Measures (3+)" in page
    assert "Organisations (1)" in page
    assert "4+ results for “grooming”" in page
    assert "the first 3 of each type are ranked here" in page


def test_pages_past_the_cut_fall_back_to_the_last_one(client, ranked_per_kind):
    for n in range(5):
        make_measure(short_title=f"Grooming measure {n}")
    response = search(client, q="grooming", type="measure", page="99999999999999999999999")
    assert response.status_code == 200
    assert len(hit_links(response)) == 3


def test_a_search_under_the_cut_says_nothing_about_it(client, ranked_per_kind):
    for n in range(3):
        make_measure(short_title=f"Grooming measure {n}")
    page = search(client, q="grooming").content.decode()
    assert "Measures (3)" in page
    assert "3 results for “grooming”" in page
    assert "ranked here" not in page


def test_the_gin_index_can_answer_a_search():
    make_measure(short_title="Indexed")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM timeline_measure WHERE search_vector @@ "
            "websearch_to_tsquery('english_unaccent', 'indexed')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "measure_search_idx" in plan


def test_the_dossier_answers_what_readers_ask(client, dossier):
    lanzarotte = search(client, q="Lanzarotte").content.decode()
    assert 'Did you mean <a href="?q=Lanzarote">Lanzarote</a>?' in lanzarotte
    assert hit_links(search(client, q="Lanzarote"))[0] == "/timeline/lanzarote-convention/"
    chat_control = hit_links(search(client, q="chat control"))
    assert "/timeline/csa-regulation/" in chat_control
    assert any(link.startswith("/articles/introduction/#") for link in chat_control)
    assert hit_links(search(client, q="CSAM -AI"))
    european_day = search(client, q='"European Day"').content.decode()
    assert "<mark>European</mark> <mark>Day</mark>" in european_day
