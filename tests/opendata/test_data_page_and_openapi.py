"""Open data that readers can find: the /data/ page, linked from every page's footer, and the
API's OpenAPI 3.1 description, validated by openapi-spec-validator and checked against what
the API really answers, record by record, on the real dossier."""

import re

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

COLLECTIONS = ["measures", "organisations", "people", "articles"]


@pytest.fixture
def description(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def conforms(description: dict, schema: dict, answer) -> None:
    """`answer` is valid against `schema`, whose references point into the description."""
    root = {**schema, "components": description["components"]}
    errors = list(Draft202012Validator(root).iter_errors(answer))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def response_schema(description: dict, path: str, status: int) -> dict:
    responses = description["paths"][path]["get"]["responses"]
    return responses[str(status)]["content"]["application/json"]["schema"]


def test_the_description_is_valid_openapi_3_1(description):
    validate(description)  # raises on any error
    assert description["openapi"].startswith("3.1")
    assert description["servers"] == [{"url": "http://testserver/api/v1"}]


def test_every_real_answer_matches_the_description(client, dossier, description):
    index = client.get("/api/v1/").json()
    conforms(description, response_schema(description, "/", 200), index)
    checked = in_all = 0
    for name in COLLECTIONS:
        page = client.get(f"/api/v1/{name}/").json()
        conforms(description, response_schema(description, f"/{name}/", 200), page)
        assert page["results"], name
        in_all += page["count"]
        for record in page["results"]:
            answer = client.get(record["api_url"].removeprefix("http://testserver"))
            assert answer.status_code == 200
            conforms(
                description, response_schema(description, f"/{name}/{{slug}}/", 200), answer.json()
            )
            checked += 1
        not_a_number = client.get(f"/api/v1/{name}/?page=x")
        assert not_a_number.status_code == 400
        conforms(description, response_schema(description, f"/{name}/", 400), not_a_number.json())
        unknown = client.get(f"/api/v1/{name}/no-such-slug/")
        assert unknown.status_code == 404
        conforms(
            description, response_schema(description, f"/{name}/{{slug}}/", 404), unknown.json()
        )
    assert checked == in_all  # every published record of the dossier (each on page 1)


def test_the_description_names_every_api_address_and_no_other(description):
    assert set(description["paths"]) == {
        "/",
        *(f"/{name}/" for name in COLLECTIONS),
        *(f"/{name}/{{slug}}/" for name in COLLECTIONS),
    }


def test_the_open_data_page_is_linked_from_every_page_and_shows_how_to_use_each_format(
    client, dossier
):
    for url in ["/", "/articles/introduction/", "/timeline/", "/help/"]:
        assert '<a href="/data/">Open data</a>' in client.get(url).content.decode(), url
    html = client.get("/data/").content.decode()
    for address in ["/api/v1/", "/api/v1/openapi.json", "/timeline.csv", "/feed/", "/sitemap.xml"]:
        assert f'href="{address}"' in html, address
    assert "curl http://testserver/api/v1/measures/csa-regulation/" in html
    assert "curl -o timeline.csv http://testserver/timeline.csv" in html
    for field in ["short_title", "status_as_of", "date_precision", "measure_title", "updated_at"]:
        assert f"<code>{field}</code>" in html, field
    assert re.search(r'<h2 id="licence">Licence</h2>\s*<p>The dossier states no licence', html)
