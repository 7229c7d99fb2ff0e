"""The Host allow-list, German 400s for bodies that are not JSON in UTF-8, and an OpenAPI document
that says what the server sends for every error (no model needed: these answer before any route)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import host_allowed
from domain.settings import Settings


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    root = tmp_path_factory.mktemp("bare")
    # No lifespan (no `with`): no index is loaded, the middleware and errors still answer.
    settings = Settings(index_dir=root / "leer", database_url=f"sqlite:///{root / 'a.sqlite3'}", allowed_hosts=[])
    return TestClient(create_app(settings), base_url="http://127.0.0.1:8000")


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8000", True),
        ("localhost", True),
        ("LOCALHOST.:8000", True),
        ("[::1]:8000", True),
        ("leitbild.nrw.example", True),
        ("intern.nrw.example:443", True),
        ("evil.example", False),
        ("127.0.0.1.evil.example", False),
        ("nrw.example.evil", False),
        ("", False),
        (None, False),
    ],
)
def test_host_names(host: str | None, allowed: bool) -> None:
    names = ("127.0.0.1", "localhost", "::1", "leitbild.nrw.example", "*.nrw.example")
    assert host_allowed(host, names) is allowed


def test_a_foreign_host_is_refused_with_a_german_400(bare: TestClient) -> None:
    assert bare.get("/healthz").status_code == 200
    for path in ("/healthz", "/", "/api/ask", "/openapi.json"):
        response = bare.get(path, headers={"Host": "evil.example"})
        assert response.status_code == 400, path
        assert response.json()["detail"].startswith("Unbekannter Host „evil.example“")
        assert response.headers["x-content-type-options"] == "nosniff"


def test_configured_hosts_are_answered(tmp_path) -> None:
    settings = Settings(
        index_dir=tmp_path / "leer", database_url=f"sqlite:///{tmp_path / 'a.sqlite3'}", allowed_hosts=["*.nrw.example"]
    )
    client = TestClient(create_app(settings), base_url="http://leitbild.nrw.example")
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ('{"question": "Förderung"}'.encode("latin-1"), "application/json; charset=latin-1", "kein gültiges UTF-8"),
        (b"\xff\xfe\xfa", "application/json", "kein gültiges UTF-8"),
        (b"[" * 8000 + b"]" * 8000, "application/json", "zu tief verschachtelt"),
    ],
)
def test_unreadable_bodies_get_a_german_400(bare: TestClient, body: bytes, content_type: str, message: str) -> None:
    response = bare.post("/api/ask", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_openapi_documents_the_error_shapes_the_server_sends(bare: TestClient) -> None:
    document = bare.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert schemas["ValidationErrorOut"]["properties"]["detail"]["type"] == "string"
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert "400" in responses, (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                ref = responses["422"]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ValidationErrorOut"), (method, path)
    passage = document["paths"]["/api/passages/{passage_id}"]["get"]["responses"]
    assert "422" in passage
    feedback = document["paths"]["/api/answers/{answer_id}/feedback"]["post"]
    assert "201" in feedback["responses"] and "413" in feedback["responses"]


def test_a_405_lists_every_method_of_the_path(bare: TestClient) -> None:
    # /healthz is served by a GET and a HEAD route; Starlette alone would name only one of them.
    response = bare.request("OPTIONS", "/healthz")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
    assert response.json()["detail"] == "Diese Methode ist hier nicht erlaubt."
    assert bare.delete("/api/ask").headers["allow"] == "POST"
