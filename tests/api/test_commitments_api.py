"""`GET /api/commitments`: the commitment catalog as JSON and CSV, on the real index."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from api.formats import COMMITMENT_FIELDS

LEITBILD = "industriepolitisches-leitbild-nrw"
LEITBILD_TITLE = "Industriepolitisches Leitbild der Landesregierung Nordrhein-Westfalen"
INTERNET = "schnelles Internet für Gewerbegebiete"
DIGITAL = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"
NO_MATCH = "Öffnungszeiten der Schwimmbäder"


def get_json(client: TestClient, **params) -> list[dict]:
    response = client.get("/api/commitments", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def csv_records(text: str) -> list[dict]:
    """CSV rows typed back as in the JSON: numbers as numbers, an empty parent or printed page as null."""
    rows = list(csv.DictReader(io.StringIO(text)))
    return [
        {k: v for k, v in r.items() if k != "link"}
        | {"page": int(r["page"]), "position": int(r["position"]), "parent": r["parent"] or None}
        | {"printed_page": r["printed_page"] or None}
        for r in rows
    ]


def test_all_commitments_with_their_fields(client: TestClient, assistant) -> None:
    records = get_json(client)
    assert len(records) == 136
    assert len({r["id"] for r in records}) == 136
    assert all(list(r) == list(COMMITMENT_FIELDS) for r in records)
    # The same records, in the same order, as `leitbild commitments --format json`.
    assert [r["id"] for r in records] == [c.id for c in assistant.commitments()]
    first = records[0]
    assert first["document"] == LEITBILD and first["title"] == LEITBILD_TITLE
    assert first["parent"] is None and first["position"] == 1
    nested = [r for r in records if r["parent"]]
    assert len(nested) == 7
    ids = {r["id"] for r in records}
    assert all(r["parent"] in ids for r in nested)


def test_section_filter(client: TestClient) -> None:
    records = get_json(client, section="Investitionen")
    assert len(records) == 12
    assert {r["section"] for r in records} == {"Für höhere Investitionen"}
    assert get_json(client, section="INVESTITIONEN") == records  # case does not matter
    gigabit = next(r for r in records if "Gigabitnetze" in r["text"])
    assert gigabit["page"] == 20 and gigabit["text"].endswith("alle Gewerbegebiete bis 2022 anschließen.")


def test_query_finds_a_commitment_worded_differently(client: TestClient) -> None:
    records = get_json(client, query=INTERNET)
    assert records and records[0]["text"].startswith("flächendeckend konvergente Gigabitnetze")
    assert len(records) < 136
    # Filters and search combine; an empty query is no query.
    assert get_json(client, query=INTERNET, section="Investitionen")[0]["id"] == records[0]["id"]
    elsewhere = get_json(client, query=INTERNET, section="Rohstoff")
    assert all(r["section"] == "Für eine zukunftssichere Rohstoffversorgung" for r in elsewhere)
    assert len(get_json(client, query="  ", section="Investitionen")) == 12


@pytest.mark.parametrize("query", [NO_MATCH, "?", "– …"])
def test_a_search_without_support_finds_nothing(client: TestClient, query: str) -> None:
    assert get_json(client, query=query) == []


def test_control_characters_alone_are_no_search(client: TestClient) -> None:
    assert len(get_json(client, query="\x00\x01", section="Investitionen")) == 12


def test_document_filter(client: TestClient) -> None:
    assert len(get_json(client, document=LEITBILD)) == 136
    assert len(get_json(client, document=[LEITBILD, LEITBILD], section="Investitionen")) == 12
    assert len(get_json(client, document="")) == 136  # an empty form field filters nothing


@pytest.mark.parametrize("params", [{}, {"section": "Investitionen"}, {"query": INTERNET}, {"query": NO_MATCH}])
def test_csv_round_trip_equals_the_json(client: TestClient, params: dict) -> None:
    response = client.get("/api/commitments", params={**params, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="zusagen.csv"'
    assert response.text.split("\n", 1)[0] == ",".join([*COMMITMENT_FIELDS, "link"])  # downloads link the page
    assert csv_records(response.text) == get_json(client, **params)
    assert get_json(client, format="json", **params) == get_json(client, **params)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"document": "gibt-es-nicht"}, "Unbekannte Dokument-ID: gibt-es-nicht"),
        ({"document": [LEITBILD, "gibt-es-nicht"], "format": "csv"}, "Unbekannte Dokument-ID: gibt-es-nicht"),
        ({"query": "x" * 501}, "Die Suche ist zu lang (501 Zeichen, erlaubt sind höchstens 500)."),
        ({"query": "Gigabit " * 2000}, "Die Suche ist zu lang"),
        ({"format": "xml"}, "format muss einer dieser Werte sein: 'json', 'csv' oder 'xlsx'"),
        ({"format": ""}, "format muss einer dieser Werte sein"),
        ({"section": "x" * 301}, "section ist zu lang (höchstens 300 Zeichen)"),
        ({"document": ["x"] * 101}, "document hat zu viele Einträge (höchstens 100)"),
    ],
)
def test_bad_input_gets_a_german_4xx(client: TestClient, params: dict, message: str) -> None:
    response = client.get("/api/commitments", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert message in response.json()["detail"]


def test_nothing_in_the_url_produces_a_500(client: TestClient) -> None:
    for raw in [
        "query=%ED%A0%80",
        "section=%ED%A0%80",
        "query=%FF%FE",
        "document=%00",
        "format=json&format=csv",
        "query=" + "%C3%96" * 300,
        "section=%25",
        "query[]=a",
        "document=..%2F..%2Fpyproject.toml",
    ]:
        response = client.get(f"/api/commitments?{raw}")
        assert response.status_code < 500, (raw, response.text)
        assert response.headers["content-type"] in ("application/json", "text/csv; charset=utf-8"), raw


def test_security_headers_and_no_caching(client: TestClient) -> None:
    for params in ({}, {"format": "csv"}, {"format": "xml"}):
        headers = client.get("/api/commitments", params=params).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store"


def test_passage_names_its_commitment(client: TestClient) -> None:
    answer = client.post("/api/ask", json={"question": DIGITAL}).json()
    citation = answer["citations"][0]
    passage = client.get(f"/api/passages/{citation['passage_id']}").json()
    commitment_id = passage["commitment_id"]
    commitment = next(r for r in get_json(client, section=passage["section"]) if r["id"] == commitment_id)
    assert commitment["section"] == passage["section"] == citation["section"]
    assert commitment["text"] in passage["text"] and commitment["page"] == passage["page"]
    # A passage that is no commitment says so with null; older clients simply ignore the field.
    plain = client.get(f"/api/passages/{LEITBILD}:p0001").json()
    assert "commitment_id" in plain and plain["commitment_id"] is None


def test_openapi_and_the_zusagen_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/commitments"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"query", "section", "document", "format", "dialect"}
    assert "commitment_id" in spec["components"]["schemas"]["PassageOut"]["properties"]
    page = client.get("/zusagen")
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert client.head("/zusagen").status_code == 200
    text = page.text
    assert 'lang="de"' in text and "Alle Abschnitte" in text and "Als CSV exportieren" in text
    assert "http://" not in text and "https://" not in text
    assert "<script>" not in text and "style=" not in text  # the CSP forbids inline code and styles
    script = client.get("/static/zusagen.js")
    assert script.status_code == 200
    assert "innerHTML" not in script.text and "insertAdjacentHTML" not in script.text
    assert "http://" not in script.text and "https://" not in script.text
