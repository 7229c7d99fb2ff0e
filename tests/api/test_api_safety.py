"""What a client must not be able to do: bad input gets a German 4xx, never a 500; headers, limits, CORS."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from domain.settings import Settings

DIGITAL = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"


def test_stream_rejects_bad_input_before_streaming(client: TestClient) -> None:
    response = client.post("/api/ask/stream", json={"question": "   "})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"detail": "Die Frage ist leer."}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"question": ""}, "leer"),
        ({"question": "x" * 501}, "zu lang"),
        ({"question": DIGITAL, "documents": ["gibt-es-nicht"]}, "Unbekannte Dokument-ID: gibt-es-nicht"),
        ({"question": 42}, "question muss ein Text sein"),
        ({}, "question fehlt"),
        ({"question": DIGITAL, "history": "nein"}, "history muss eine Liste sein"),
        ({"question": DIGITAL, "history": [{"role": "bot", "content": "x"}]}, "history[0].role"),
        ({"question": DIGITAL, "documents": "alle"}, "documents muss eine Liste sein"),
        ({"question": DIGITAL, "dokumente": []}, "dokumente ist kein bekanntes Feld"),
    ],
)
def test_bad_questions_get_a_german_4xx(client: TestClient, body: dict, message: str) -> None:
    response = client.post("/api/ask", json=body)
    assert response.status_code == 422
    assert message in response.json()["detail"]


@pytest.mark.parametrize("route", ["/api/ask", "/api/ask/stream"])
def test_lone_surrogates_are_refused(client: TestClient, route: str) -> None:
    # Valid JSON, but not text the tokenizer can take; it crashed the assistant before the check.
    for raw, field in [
        (b'{"question": "Frage \\ud800"}', "question"),
        (b'{"question": "Und davon?", "history": [{"role": "user", "content": "\\udfff"}]}', "history[0].content"),
    ]:
        response = client.post(route, content=raw, headers={"content-type": "application/json"})
        assert response.status_code == 422
        assert response.json()["detail"] == f"Ungültige Anfrage: {field} enthält ungültige Unicode-Zeichen."


MALFORMED_BODIES = [
    b"",
    b"{",
    b"null",
    b"[]",
    b'"Frage"',
    b"42",
    b'{"question": null}',
    b'{"question": ["a"]}',
    b'{"question": {"text": "a"}}',
    b'{"question": "a", "history": [1, 2]}',
    b'{"question": "a", "history": [{"role": "user"}]}',
    b'{"question": "a", "documents": [1]}',
    b'{"question": "a", "documents": [null]}',
    b'{"question": "\\u0000\\ud800"}',
    b"\xff\xfe\x00garbage",
    b'{"question": "Was plant NRW? ' + "ß".encode("latin-1") + b'"}',
]


@pytest.mark.parametrize("route", ["/api/ask", "/api/ask/stream", "/api/admin/reload"])
@pytest.mark.parametrize("content_type", ["application/json", "text/plain", None])
def test_nothing_a_client_sends_produces_a_500(client: TestClient, route: str, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    for raw in MALFORMED_BODIES:
        response = client.post(route, content=raw, headers=headers)
        assert 400 <= response.status_code < 500, (raw, response.status_code, response.text)
        detail = response.json()["detail"]
        assert isinstance(detail, str) and detail, raw


# -- headers, limits, CORS --------------------------------------------------------------


@pytest.mark.parametrize(
    "request_args",
    [
        ("get", "/", {}),
        ("get", "/static/app.js", {}),
        ("get", "/api/documents", {}),
        ("get", "/gibt-es-nicht", {}),
        ("post", "/api/ask", {"json": {"question": ""}}),
        ("post", "/api/ask/stream", {"json": {"question": DIGITAL}}),
        ("post", "/api/ask", {"content": b"x" * 20000}),
    ],
)
def test_security_headers_on_every_response(client: TestClient, request_args: tuple) -> None:
    method, url, kwargs = request_args
    headers = getattr(client, method)(url, **kwargs).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_body_limit(client: TestClient, settings: Settings) -> None:
    too_big = json.dumps({"question": "x" * settings.max_body_bytes}).encode()
    response = client.post("/api/ask", content=too_big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "zu groß" in response.json()["detail"]

    def chunks():  # no Content-Length: the limit must hold for a chunked body too
        for _ in range(settings.max_body_bytes // 1000 + 2):
            yield b" " * 1000

    chunked = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 413


def test_cors_is_closed_by_default(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": DIGITAL}, headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/ask", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_only_configured_origins(settings: Settings, assistant) -> None:
    configured = settings.model_copy(update={"allowed_origins": ["https://presse.example"]})
    client = TestClient(create_app(configured, assistant=assistant))
    allowed = client.get("/api/documents", headers={"Origin": "https://presse.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://presse.example"
    other = client.get("/api/documents", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in other.headers


def test_unknown_routes_and_methods_answer_in_german(client: TestClient) -> None:
    assert client.get("/api/gibt-es-nicht").json() == {"detail": "Nicht gefunden."}
    wrong_method = client.get("/api/ask")
    assert wrong_method.status_code == 405
    assert wrong_method.json() == {"detail": "Diese Methode ist hier nicht erlaubt."}


def test_openapi_and_offline_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/ask", "/api/ask/stream", "/api/documents", "/api/passages/{passage_id}", "/readyz"):
        assert path in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "http://" not in docs.text and "https://" not in docs.text  # nothing from a CDN


def test_chat_page_loads_nothing_from_outside(client: TestClient) -> None:
    page = client.get("/").text
    assert 'lang="de"' in page and "Neue Unterhaltung" in page and 'href="/zusagen"' in page
    assert "http://" not in page and "https://" not in page
    assert "<script>" not in page and "style=" not in page  # the CSP forbids inline code and styles
    for asset in ("app.js", "app.css", "dom.js", "stream.js", "sources.js", "filter.js"):
        assert client.get(f"/static/{asset}").status_code == 200
    scripts = "".join(client.get(f"/static/{name}").text for name in ("app.js", "sources.js", "filter.js"))
    assert "innerHTML" not in scripts and "insertAdjacentHTML" not in scripts
