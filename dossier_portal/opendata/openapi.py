"""The API's machine-readable description, OpenAPI 3.1, at /api/v1/openapi.json. Its schemas
are JSON Schema 2020-12 (as OpenAPI 3.1's are); a test validates the description and checks
every collection's real answers against them. docs/API.md says the same for people."""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe


def string(description: str = "", **more) -> dict:
    return {"type": "string", **({"description": description} if description else {}), **more}


def array_of(items: dict, description: str = "") -> dict:
    return {
        "type": "array",
        "items": items,
        **({"description": description} if description else {}),
    }


def record(properties: dict, description: str = "") -> dict:
    """An object with exactly these fields, all always present."""
    return {
        "type": "object",
        **({"description": description} if description else {}),
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


URL = string(format="uri")
HTML = string("Sanitised HTML, as the page shows it.")
LINK = record({"label": string(), "url": URL})

COMMON = {
    "slug": string("Its stable name in URLs."),
    "url": string("Its page on the portal.", format="uri"),
    "api_url": string("Itself in the API.", format="uri"),
    "updated_at": string("When it last changed.", format="date-time"),
    "source": string("Where the record comes from: the dossier."),
    "edited_at": {
        "type": ["string", "null"],
        "format": "date-time",
        "description": "When an editor last changed it; null as loaded from the dossier.",
    },
}
NULLABLE_STRING = {"type": ["string", "null"]}

SCHEMAS = {
    "Date": {
        "description": "A date at the precision the dossier gives it, or null when unknown.",
        "oneOf": [
            {"type": "null"},
            record(
                {
                    "date": string("ISO 8601, cut to the precision: 2023, 2023-11, 2023-11-20."),
                    "precision": {"enum": ["day", "month", "year"]},
                }
            ),
        ],
    },
    "Milestone": record(
        {
            "slug": string(),
            "url": string("Its anchor on the measure's page.", format="uri"),
            "date": ref("Date"),
            "title": string(),
            "source_sentence": string("The dossier's sentence that reports it."),
            "updated_at": string(format="date-time"),
        }
    ),
    "Measure": record(
        {
            **COMMON,
            "short_title": string("e.g. CSA Regulation"),
            "title": string("The full title as printed."),
            "aliases": array_of(string(), "Other names the dossier uses."),
            "kind": string("e.g. directive, regulation, proposed-regulation, convention"),
            "issuing_body": {"enum": ["eu", "coe"], "description": "coe: Council of Europe"},
            "reference": string("As printed, e.g. COM(2022) 209 final; may be empty."),
            "celex": string("EUR-Lex CELEX number; may be empty."),
            "date": ref("Date"),
            "status": {"enum": ["in-force", "adopted", "in-negotiation", "replaced", ""]},
            "status_text": string("The status in the dossier's words."),
            "status_as_of": ref("Date"),
            "status_is_reading": {
                "type": "boolean",
                "description": "The status is a reading of the dossier, not its words.",
            },
            "summary_html": HTML,
            "is_proposal": {"type": "boolean"},
            "replaces": array_of(string(), "Slugs of the published measures it replaces."),
            "recasts": array_of(string(), "Slugs of the published measures it recasts."),
            "documents": array_of(LINK, "Links to the measure's text."),
            "milestones": array_of(ref("Milestone"), "In date order."),
        }
    ),
    "Organisation": record(
        {
            **COMMON,
            "name": string(),
            "acronym": string(),
            "kind": string(),
            "described_as": string("How the dossier describes it."),
            "founded": ref("Date"),
            "founded_place": string(),
            "website": string("Its website; may be empty."),
            "description_html": HTML,
            "links": array_of(LINK),
            "people": array_of(record({"slug": string(), "name": string(), "role": string()})),
        }
    ),
    "Person": record(
        {
            **COMMON,
            "name": string(),
            "bio_html": HTML,
            "profile_url": string("A public profile; may be empty."),
            "affiliations": array_of(
                record({"organisation": string("Its slug."), "name": string(), "role": string()})
            ),
        }
    ),
    "Article": record(
        {
            **COMMON,
            "title": string(),
            "kind": {"enum": ["editorial", "article", "interview"]},
            "position": {"type": "integer", "description": "Its place in the dossier."},
            "section_label": string(),
            "standfirst": string(),
            "signature": string(),
            "body_html": HTML,
            "contributors": array_of(
                record(
                    {
                        "slug": string(),
                        "name": string(),
                        "role": {"enum": ["author", "interviewee"]},
                    }
                )
            ),
            "sections": array_of(record({"anchor": string(), "heading": string(), "url": URL})),
            "interview": array_of(
                record(
                    {
                        "anchor": string(),
                        "url": URL,
                        "question": string(),
                        "answers": array_of(
                            record(
                                {
                                    "speaker": NULLABLE_STRING,  # null while a draft
                                    "name": NULLABLE_STRING,
                                    "body_html": HTML,
                                }
                            )
                        ),
                    }
                ),
                "Empty unless an interview.",
            ),
            "note": string(),
            "sources": array_of(LINK),
            "key_figures": array_of(ref("KeyFigure")),
        }
    ),
    "KeyFigure": record(
        {
            "slug": string(),
            "value": string(),
            "label": string(),
            "subject": string(),
            "where": string(),
            "when": string(),
            "according_to": string(),
            "speaker": NULLABLE_STRING,
            "sentence": string("The dossier's sentence it stands in."),
            "url": URL,
        }
    ),
    "Error": record({"error": string()}),
}

# The collections: their path, the schema of a record, and how docs/API.md names them.
COLLECTIONS = {
    "measures": ("Measure", "Measures (laws, proposals, strategies, conventions)"),
    "organisations": ("Organisation", "Organisations"),
    "people": ("Person", "People"),
    "articles": ("Article", "Articles (the editorial, the articles, the interview)"),
}


def page_of(schema: str) -> dict:
    nullable_url = {"type": ["string", "null"], "format": "uri"}
    return record(
        {
            "count": {"type": "integer", "description": "Records in the whole collection."},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "next": nullable_url,
            "previous": nullable_url,
            "results": array_of(ref(schema)),
        }
    )


def error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def paths() -> dict:
    page_parameter = {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "From 1; 50 records a page.",
        "schema": {"type": "integer", "minimum": 1},
    }
    slug_parameter = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
    found = {
        "/": {
            "get": {
                "summary": "The collections, as links",
                "operationId": "index",
                "responses": {
                    "200": json_response(
                        "A link to each collection",
                        record(dict.fromkeys(COLLECTIONS, URL)),
                    )
                },
            }
        }
    }
    for name, (schema, title) in COLLECTIONS.items():
        found[f"/{name}/"] = {
            "get": {
                "summary": title,
                "operationId": f"{name}-collection",
                "parameters": [page_parameter],
                "responses": {
                    "200": json_response(
                        "A page of the collection, in the dossier's order", page_of(schema)
                    ),
                    "400": error_response("page is not a whole number"),
                    "404": error_response("No such page"),
                },
            }
        }
        found[f"/{name}/{{slug}}/"] = {
            "get": {
                "summary": f"One of {name}",
                "operationId": f"{name}-item",
                "parameters": [slug_parameter],
                "responses": {
                    "200": json_response("The record", ref(schema)),
                    "404": error_response("No published record has this slug"),
                },
            }
        }
    return found


def description(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Dossier 1 | 2025 API",
            "version": "1",
            "summary": "The dossier's measures, organisations, people and articles; read-only.",
            "description": "Published content only. Dates are given at the precision the "
            "dossier gives them. See the open data page (/data/) for the CSV, the feed and "
            "the sitemap.",
        },
        "servers": [{"url": server_url}],
        "paths": paths(),
        "components": {"schemas": SCHEMAS},
    }


@require_safe
def openapi_json(request):
    server_url = request.build_absolute_uri(reverse("api:index")).rstrip("/")
    return JsonResponse(description(server_url), json_dumps_params={"ensure_ascii": False})
