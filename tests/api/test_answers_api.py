"""Stored answers over HTTP on the real index: ids and permalinks, the stored JSON and page,
feedback and its staff review, exports of an answer's sources."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import update

from api.models import StoredAnswer
from tests.api.conftest import ADMIN_TOKEN

pytestmark = pytest.mark.model

DIGITAL = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture(scope="module")
def asked(client: TestClient) -> dict:
    response = client.post("/api/ask", json={"question": DIGITAL})
    assert response.status_code == 200, response.text
    return response.json()


def test_every_answer_gets_its_own_unguessable_permalink(client: TestClient, asked: dict) -> None:
    again = client.post("/api/ask", json={"question": DIGITAL}).json()  # served from the answer cache
    assert asked["id"] and again["id"] and asked["id"] != again["id"]
    assert asked["permalink"] == f"/a/{asked['id']}" and len(asked["id"]) >= 22
    assert {k: v for k, v in asked.items() if k not in ("id", "permalink")} == {
        k: v for k, v in again.items() if k not in ("id", "permalink")
    }


def test_the_stream_done_event_carries_id_and_permalink(client: TestClient) -> None:
    with client.stream("POST", "/api/ask/stream", json={"question": DIGITAL}) as response:
        text = "".join(response.iter_text())
    done = json.loads(text.split("event: done\ndata: ")[1].split("\n")[0])
    assert done["permalink"] == f"/a/{done['id']}"
    assert client.get(f"/api/answers/{done['id']}").json()["answer"]["answer"] == done["answer"]


def test_the_stored_json_is_the_answer_as_given(client: TestClient, asked: dict, assistant) -> None:
    stored = client.get(f"/api/answers/{asked['id']}").json()
    assert stored["answer"] == asked
    assert stored["question"] == DIGITAL and stored["history"] == [] and stored["documents"] is None
    assert stored["index_version"] == stored["current_index_version"] == assistant.index_version
    assert stored["index_changed"] is False and stored["changed_documents"] == []
    assert set(stored["document_hashes"]) == {d.id for d in assistant.documents()}
    missing = client.get("/api/answers/gibt-es-nicht")
    assert missing.status_code == 404 and missing.json()["detail"] == "Keine gespeicherte Antwort mit dieser ID."


def test_the_permalink_page_shows_the_answer_and_notes_a_changed_index(client: TestClient, app, asked: dict) -> None:
    page = client.get(asked["permalink"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert DIGITAL in html and "NRW.BANK.Digitalisierungskredit" in html
    assert 'href="#quelle-3"' in html and 'id="quelle-3"' in html
    assert "/pages/24.png?passage=" in html and "Link kopieren" in html
    assert "neu eingelesen" not in html
    archive = app.state.archive.archive
    with archive.engine.begin() as connection:
        connection.execute(update(StoredAnswer).where(StoredAnswer.id == asked["id"]).values(index_version="v-alt"))
    try:
        assert "neu eingelesen" in client.get(asked["permalink"]).text
        assert client.get(f"/api/answers/{asked['id']}").json()["index_changed"] is True
    finally:
        with archive.engine.begin() as connection:
            version = app.state.runtime.require().index_version
            connection.execute(update(StoredAnswer).where(StoredAnswer.id == asked["id"]).values(index_version=version))
    assert client.get("/a/gibt-es-nicht").status_code == 404


def test_feedback_and_its_review(client: TestClient, asked: dict) -> None:
    url = f"/api/answers/{asked['id']}/feedback"
    created = client.post(url, json={"rating": "down", "comment": "Quelle 2 passt nicht", "citation": 2})
    assert created.status_code == 201, created.text
    item = created.json()
    assert (item["rating"], item["citation"], item["status"]) == ("down", 2, "new")
    assert client.post(url, json={"rating": "up"}).status_code == 201

    wrong_number = client.post(url, json={"rating": "down", "citation": 99})
    assert wrong_number.status_code == 422 and "keine Quelle [99]" in wrong_number.json()["detail"]
    flag = client.post(url, json={"rating": "down", "citation": True})  # JSON true is no source number
    assert flag.status_code == 422 and flag.json()["errors"][0]["field"] == "citation"
    assert "muss eine ganze Zahl sein" in flag.json()["detail"]
    zero = client.post(url, json={"rating": "down", "citation": 0})
    assert zero.status_code == 422 and "muss mindestens 1 sein" in zero.json()["detail"]
    bad = client.post(url, json={"rating": "vielleicht"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "rating"
    assert client.post("/api/answers/gibt-es-nicht/feedback", json={"rating": "up"}).status_code == 404

    assert client.get("/api/admin/feedback").status_code == 401
    listed = client.get("/api/admin/feedback", headers=ADMIN).json()
    mine = next(f for f in listed if f["id"] == item["id"])
    assert all(f["rating"] == "down" for f in listed)
    assert mine["question"] == DIGITAL and mine["answer"]["citations"] == asked["citations"]
    reviewed = client.patch(f"/api/admin/feedback/{item['id']}", json={"status": "confirmed"}, headers=ADMIN)
    assert reviewed.status_code == 200 and reviewed.json()["status"] == "confirmed"
    confirmed = client.get("/api/admin/feedback", params={"status": "confirmed"}, headers=ADMIN).json()
    assert item["id"] in [f["id"] for f in confirmed]
    assert client.patch("/api/admin/feedback/999999", json={"status": "rejected"}, headers=ADMIN).status_code == 404


def test_an_answers_sources_export_for_excel(client: TestClient, asked: dict) -> None:
    base = f"/api/answers/{asked['id']}/sources"
    response = client.get(base, params={"format": "csv", "dialect": "excel-de"})
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    raw = response.content.decode("utf-8")
    assert raw.startswith("\ufeffn;title;document;page;printed_page;section;quote;passage_id;link\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.removeprefix("\ufeff")), delimiter=";"))
    assert [int(r["n"]) for r in rows] == [c["n"] for c in asked["citations"]]
    assert rows[2]["link"] == "http://testserver/api/documents/industriepolitisches-leitbild-nrw/pdf#page=24"

    book = load_workbook(io.BytesIO(client.get(base, params={"format": "xlsx"}).content))
    values = list(book.active.iter_rows(values_only=True))
    assert values[0][:4] == ("n", "title", "document", "page") and len(values) == len(asked["citations"]) + 1
    assert client.get(base).json()[0]["quote"] == asked["citations"][0]["quote"]
