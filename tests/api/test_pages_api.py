"""`GET /api/documents/{id}/pages/{n}.png` on the real Leitbild: the quote marked, errors in German."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.page_marks import quote_pages

pytestmark = pytest.mark.model

LEITBILD = "industriepolitisches-leitbild-nrw"
QUOTE = "durch die Steigerung der Mittel für den „NRW.BANK.Digitalisierungskredit“ unterstützen."


def passage_with(assistant, text: str) -> str:
    return next(p.id for p in assistant.data.passages if text in p.text)


def test_the_page_image_marks_the_quote(client: TestClient, assistant) -> None:
    passage = passage_with(assistant, "NRW.BANK.Digitalisierungskredit")
    url = f"/api/documents/{LEITBILD}/pages/24.png"
    response = client.get(url, params={"passage": passage, "quote": QUOTE})
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG") and int(response.headers["x-marks"]) >= 2
    plain = client.get(url)
    assert plain.headers["x-marks"] == "0" and plain.content != response.content
    marks = client.get(f"/api/documents/{LEITBILD}/pages/24/marks", params={"passage": passage, "quote": QUOTE}).json()
    assert marks["page"] == 24 and 0 < marks["marks"][0]["y"] < 0.2


def test_a_passage_across_a_page_break_is_marked_on_both_pages(client: TestClient, assistant) -> None:
    spanning = next(p for p in assistant.data.passages if len({u.span.page for u in p.units}) > 1)
    pages = quote_pages(spanning)
    assert len(pages) == 2
    for page in pages:
        response = client.get(f"/api/documents/{LEITBILD}/pages/{page}.png", params={"passage": spanning.id})
        assert int(response.headers["x-marks"]) >= 1, page
    assert client.get(f"/api/passages/{spanning.id}").json()["pages"] == pages


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("/api/documents/gibt-es-nicht/pages/1.png", {}, 404, "Unbekannte Dokument-ID: gibt-es-nicht"),
        (f"/api/documents/{LEITBILD}/pages/0.png", {}, 404, "hat keine Seite 0 (Seiten 1 bis 46)"),
        (f"/api/documents/{LEITBILD}/pages/47.png", {}, 404, "hat keine Seite 47"),
        (f"/api/documents/{LEITBILD}/pages/3.png", {"passage": "x:p9"}, 404, "Unbekannte Passage in diesem Dokument"),
        (f"/api/documents/{LEITBILD}/pages/3.png", {"scale": "9"}, 422, "scale"),
        (f"/api/documents/{LEITBILD}/pages/drei.png", {}, 422, "page"),
    ],
)
def test_bad_requests_get_german_messages(
    client: TestClient, path: str, params: dict, status: int, message: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert message in response.json()["detail"]
