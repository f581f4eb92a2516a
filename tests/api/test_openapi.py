"""The OpenAPI document is valid OpenAPI, and what the API answers matches it (issue 16)."""

import jsonschema
from openapi_spec_validator import validate

OPENAPI = "/api/v1/openapi.json"


def test_the_openapi_document_is_valid(client, db):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    spec = response.json()
    validate(spec)  # raises on any error
    assert {"/api/v1/stories/", "/api/v1/stories/{slug}/", "/api/v1/sections/"} <= set(
        spec["paths"]
    )
    parameters = spec["paths"]["/api/v1/stories/"]["get"]["parameters"]
    assert {"section", "tag", "author", "since", "until", "q", "cursor", "limit"} == {
        parameter["name"] for parameter in parameters
    }


def test_responses_match_the_documented_schemas(client, make_article, make_image):
    story = make_article(tags=["Ferries"], lead_image=make_image())
    spec = client.get(OPENAPI).json()

    def check(path, url):
        operation = spec["paths"][path]["get"]["responses"]["200"]
        schema = operation["content"]["application/json"]["schema"]
        resolver = {"components": spec["components"], **schema}
        jsonschema.validate(client.get(url).json(), resolver)

    check("/api/v1/stories/", "/api/v1/stories/")
    check("/api/v1/stories/{slug}/", f"/api/v1/stories/{story.slug}/")
    check("/api/v1/authors/", "/api/v1/authors/")
    check("/api/v1/tags/", "/api/v1/tags/")
