"""The HTTP API through FastAPI's TestClient, on the real index with the real model."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.highlight import find_quote
from api.routes_ask import pieces
from domain.settings import Settings
from tests.support import corpus

LEITBILD = "industriepolitisches-leitbild-nrw"
DIGITAL = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"
FOLLOW_UP = "Und welche davon betreffen auch das Handwerk?"
UNANSWERABLE = "Wie hoch ist der Mindestlohn für Friseure in Bayern im Jahr 2031?"


def parse_sse(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.split("\n"))
        events.append((lines["event"], json.loads(lines["data"])))
    return events


# -- answers --------------------------------------------------------------------------------


def test_ask_returns_the_cli_json(client: TestClient, assistant) -> None:
    response = client.post("/api/ask", json={"question": DIGITAL})
    assert response.status_code == 200
    body = response.json()
    # `leitbild ask --json` prints exactly Answer.to_dict(); the API adds the stored answer's id and link.
    stored = {"id": body["id"], "permalink": f"/a/{body['id']}"}
    assert body == assistant.ask(DIGITAL).to_dict() | stored
    assert not body["abstained"]
    assert {c["page"] for c in body["citations"]} >= {23, 24}
    assert set(body["citations"][0]) == corpus.CITATION_FIELDS


def test_follow_up_is_answered_in_the_context_of_the_history(client: TestClient) -> None:
    first = client.post("/api/ask", json={"question": DIGITAL}).json()
    history = [{"role": "user", "content": DIGITAL}, {"role": "assistant", "content": first["answer"]}]
    response = client.post("/api/ask", json={"question": FOLLOW_UP, "history": history})
    assert response.status_code == 200
    body = response.json()
    assert not body["abstained"]
    assert "NRW.BANK.Digitalisierungskredit" in body["answer"]
    assert any("Handwerk" in c["quote"] and c["page"] == 24 for c in body["citations"])


def test_abstention_is_marked(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": UNANSWERABLE}).json()
    assert body["abstained"] is True
    assert body["citations"] == []


def test_document_filter_is_applied(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": DIGITAL, "documents": [LEITBILD]}).json()
    assert body["citations"] and all(c["document"] == LEITBILD for c in body["citations"])


def test_stream_sends_pieces_citations_and_the_complete_answer(client: TestClient) -> None:
    expected = client.post("/api/ask", json={"question": DIGITAL}).json()
    response = client.post("/api/ask/stream", json={"question": DIGITAL})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names[-1] == "done" and names.count("done") == 1 and "error" not in names
    deltas = [data["text"] for name, data in events if name == "delta"]
    assert len(deltas) > 5, "the answer should arrive in several pieces"
    assert "".join(deltas) == expected["answer"]
    assert [data for name, data in events if name == "citation"] == expected["citations"]
    done = events[-1][1]
    assert done["id"] != expected["id"]  # every answer is stored on its own
    assert {**done, "id": None, "permalink": None} == {**expected, "id": None, "permalink": None}
    # A citation never arrives before the piece that shows its marker.
    seen = ""
    for name, data in events:
        if name == "delta":
            seen += data["text"]
        elif name == "citation":
            assert f"[{data['n']}]" in seen


# -- documents and passages ---------------------------------------------------------------


def test_documents_list(client: TestClient) -> None:
    documents = client.get("/api/documents").json()
    leitbild = next(d for d in documents if d["id"] == LEITBILD)
    assert leitbild == {
        "id": LEITBILD,
        "title": "Industriepolitisches Leitbild der Landesregierung Nordrhein-Westfalen",
        "pages": 46,
        "passages": leitbild["passages"],
    }
    assert leitbild["passages"] > 100


def test_pdf_is_served_inline_and_unknown_ids_get_404(client: TestClient) -> None:
    response = client.get(f"/api/documents/{LEITBILD}/pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.content.startswith(b"%PDF")
    missing = client.get("/api/documents/gibt-es-nicht/pdf")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Unbekannte Dokument-ID: gibt-es-nicht"}
    traversal = client.get("/api/documents/..%2F..%2Fpyproject.toml/pdf")
    assert traversal.status_code == 404


def test_passage_with_neighbours_and_highlight(client: TestClient) -> None:
    answer = client.post("/api/ask", json={"question": DIGITAL}).json()
    citation = next(c for c in answer["citations"] if "Handwerk" in c["quote"])
    response = client.get(f"/api/passages/{citation['passage_id']}", params={"quote": citation["quote"]})
    assert response.status_code == 200
    passage = response.json()
    assert passage["document"] == LEITBILD and passage["page"] == 24
    assert passage["section"] == citation["section"] == passage["section_path"][-1]
    span = passage["highlight"]
    assert passage["text"][span["start"] : span["end"]] == citation["quote"]
    assert passage["before"]["id"] != passage["id"] and passage["before"]["text"]
    assert passage["after"]["text"]
    assert client.get(f"/api/passages/{citation['passage_id']}").json()["highlight"] is None


def test_unknown_passage_is_404(client: TestClient) -> None:
    response = client.get(f"/api/passages/{LEITBILD}:p9999")
    assert response.status_code == 404
    assert response.json()["detail"] == f"Unbekannte Passage: {LEITBILD}:p9999"


# -- operations ----------------------------------------------------------------------------


def test_health_and_readiness(client: TestClient, assistant) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.head("/healthz").status_code == 200 and client.head("/").status_code == 200
    ready = client.get("/readyz").json()
    assert ready == {"status": "ready", "index_version": assistant.index_version, "documents": 1, "worker": os.getpid()}


def test_without_an_index_the_service_is_alive_but_not_ready(tmp_path: Path) -> None:
    app = create_app(Settings(index_dir=tmp_path / "leer"))
    with TestClient(app) as client:  # runs the lifespan, which tries to load the index
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["detail"]
        ask = client.post("/api/ask", json={"question": DIGITAL})
        assert ask.status_code == 503 and ask.json()["detail"] == ready.json()["detail"]
        assert client.get("/").status_code == 200


# -- admin --------------------------------------------------------------------------------


def test_admin_reload_needs_a_configured_token(settings: Settings, assistant) -> None:
    client = TestClient(create_app(settings.model_copy(update={"admin_token": None}), assistant=assistant))
    response = client.post("/api/admin/reload", headers={"Authorization": "Bearer irgendwas"})
    assert response.status_code == 403


def test_admin_reload_switches_to_a_new_index_version(tmp_path: Path, settings: Settings, ingest, xss_index) -> None:
    from assistant import Assistant

    index_dir = tmp_path / "index"
    shutil.copytree(xss_index, index_dir)
    configured = settings.model_copy(update={"index_dir": index_dir, "admin_token": "geheim-123"})
    client = TestClient(create_app(configured, assistant=Assistant(configured)))
    assert client.post("/api/admin/reload").status_code == 401
    assert client.post("/api/admin/reload", headers={"Authorization": "Bearer falsch"}).status_code == 401
    auth = {"Authorization": "Bearer geheim-123"}
    unchanged = client.post("/api/admin/reload", headers=auth).json()
    assert unchanged["reloaded"] is False

    extra = corpus.harbour_pdf(tmp_path / "docs")
    ingest([extra], index_dir)
    assert len(client.get("/api/documents").json()) == 1  # nothing changes before the reload
    reloaded = client.post("/api/admin/reload", headers=auth).json()
    assert reloaded["reloaded"] is True and reloaded["index_version"] != unchanged["index_version"]
    assert {d["id"] for d in client.get("/api/documents").json()} == {"xss-bericht", "hafen"}
    answer = client.post("/api/ask", json={"question": "Was baut der Hafen Duisburg bis 2030?"}).json()
    assert any(c["document"] == "hafen" for c in answer["citations"])


# -- helpers --------------------------------------------------------------------------------


def test_pieces_rejoin_exactly_and_keep_markers_whole() -> None:
    text = "Das Dokument nennt:\n\n– „eine sehr lange Maßnahme mit vielen Wörtern darin“ (S. 24) [12]\n– kurz [3]"
    parts = pieces(text)
    assert "".join(parts) == text
    assert all(len(p) <= 40 for p in parts)
    assert sum(p.count("[12]") for p in parts) == 1 and sum(p.count("[3]") for p in parts) == 1


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("Vorher. Die Maßnahme wirkt. Nachher.", "Die Maßnahme wirkt.", "Die Maßnahme wirkt."),
        ("Wir werden die Digi-\ntalisierung   stärken. Mehr.", "die Digitalisierung stärken.", None),
        ("Die Straße endet. Weiter.", "die strasse endet.", "Die Straße endet."),
        ("Nichts davon.", "Etwas anderes", "∅"),
        ("Text", "  ", "∅"),
    ],
)
def test_find_quote(text: str, quote: str, expected: str | None) -> None:
    span = find_quote(text, quote)
    if expected == "∅":
        assert span is None
    elif expected is None:
        assert span is not None and text[span[0] : span[1]] == "die Digi-\ntalisierung   stärken."
    else:
        assert span is not None and text[span[0] : span[1]] == expected
