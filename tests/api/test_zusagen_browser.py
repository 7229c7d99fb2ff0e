"""The Zusagen page in a real browser: from a cited commitment in the chat to its section,
filtering, searching, the PDF page links, the CSV export of the current view, and a phone's width.

Screenshots land in test-artifacts/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Page, expect

from tests.api.conftest import ARTIFACTS, TIMEOUT_MS, LiveServer, PageProblems

LEITBILD = "industriepolitisches-leitbild-nrw"
DIGITAL = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"
DIGITAL_SECTION = "Für eine digitale Zukunft aller Unternehmen"
INVESTMENT_SECTION = "Für höhere Investitionen"
INTERNET = "schnelles Internet für Gewerbegebiete"
NO_MATCH = "Öffnungszeiten der Schwimmbäder"


def new_page(browser: Browser, **context_args) -> tuple[Page, PageProblems]:
    context = browser.new_context(locale="de-DE", **context_args)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    return page, PageProblems(page)


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_from_a_cited_commitment_to_the_catalog_search_and_csv(browser: Browser, live_server: LiveServer) -> None:
    page, problems = new_page(browser, viewport={"width": 1280, "height": 900})

    # The chat's sources panel leads from a cited commitment to all commitments of its section.
    page.goto(live_server.url + "/")
    page.locator("#question").fill(DIGITAL)
    page.locator("#question").press("Enter")
    first = page.locator("li.turn").first
    expect(first).to_have_attribute("data-state", "done", timeout=30_000)
    first.locator("button.marker").first.click()
    link = page.get_by_role("link", name="Alle Zusagen dieses Abschnitts")
    expect(link).to_be_visible()
    assert query_of(link.get_attribute("href")) == {"section": [DIGITAL_SECTION]}
    page.screenshot(path=ARTIFACTS / "chat-quelle-zusagen.png")
    link.click()
    page.wait_for_url("**/zusagen?section=*")
    expect(page.locator("html[data-ready=true]")).to_have_count(1)
    expect(page.locator("#section")).to_have_value(DIGITAL_SECTION)
    expect(page.locator("#count")).to_have_text("6 Zusagen")
    expect(page.get_by_role("link", name="Zusagen", exact=True)).to_have_attribute("aria-current", "page")
    expect(page.locator("#document-field")).to_be_hidden()  # one document: no document filter

    # Filter by another section: the list, the URL and the export follow.
    page.locator("#section").select_option(label=INVESTMENT_SECTION)
    expect(page.locator("#count")).to_have_text("12 Zusagen")
    expect(page.locator("#results > li.commitment")).to_have_count(12)
    assert query_of(page.url) == {"section": [INVESTMENT_SECTION]}

    # Search within it, by other words than the document uses.
    page.locator("#query").fill(INTERNET)
    page.locator("#query").press("Enter")
    best = page.locator("#results > li.commitment").first
    expect(best.locator(".commitment-text")).to_contain_text("flächendeckend konvergente Gigabitnetze")
    expect(best.locator(".commitment-section")).to_have_text(INVESTMENT_SECTION)
    pdf = best.get_by_role("link", name="S. 20 im PDF öffnen (neuer Tab)")
    expect(pdf).to_have_attribute("href", f"/api/documents/{LEITBILD}/pdf#page=20")
    expect(pdf).to_have_attribute("target", "_blank")
    shown = page.locator("li.commitment").count()
    expect(page.locator("#count")).to_contain_text("Zusage")
    assert query_of(page.url) == {"section": [INVESTMENT_SECTION], "query": [INTERNET]}

    export = page.get_by_role("link", name="Als CSV exportieren")
    href = export.get_attribute("href")
    assert urlsplit(href).path == "/api/commitments"
    assert query_of(href) == {
        "section": [INVESTMENT_SECTION],
        "query": [INTERNET],
        "format": ["csv"],
        "dialect": ["excel-de"],
    }
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-disposition"] == 'attachment; filename="zusagen.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text().removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == shown and rows[0]["text"].startswith("flächendeckend konvergente Gigabitnetze")
    page.screenshot(path=ARTIFACTS / "zusagen-suche.png", full_page=True)

    # A search that finds nothing says so; emptying the box brings the section back.
    page.locator("#query").fill(NO_MATCH)
    page.get_by_role("button", name="Suchen").click()
    expect(page.locator("#empty")).to_have_text("Zu dieser Suche enthalten die Dokumente keine Zusage.")
    expect(page.locator("#count")).to_have_text("0 Zusagen")
    expect(page.locator("li.commitment")).to_have_count(0)
    page.locator("#query").fill("")
    expect(page.locator("#count")).to_have_text("12 Zusagen")
    expect(page.locator("#empty")).to_be_hidden()
    assert query_of(export.get_attribute("href")) == {
        "section": [INVESTMENT_SECTION],
        "format": ["csv"],
        "dialect": ["excel-de"],
    }
    assert problems.messages == []
    page.context.close()


def test_phone_width_keyboard_and_nested_commitments(browser: Browser, live_server: LiveServer) -> None:
    page, problems = new_page(browser, viewport={"width": 375, "height": 740}, is_mobile=True)
    page.goto(live_server.url + "/zusagen?section=fachkr%C3%A4fte")  # any part of the heading, any case
    expect(page.locator("#section")).to_have_value("Für hervorragend ausgebildete Fachkräfte")
    expect(page.locator("#count")).to_have_text("15 Zusagen")

    # Nested commitments sit indented under their parent.
    children = page.locator("li.commitment > ol.commitment-children > li.commitment")
    expect(children).to_have_count(7)
    parent_box = children.first.locator("xpath=../..").bounding_box()
    child_box = children.first.bounding_box()
    assert parent_box and child_box and child_box["x"] > parent_box["x"] + 8
    children.first.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "zusagen-verschachtelt.png")

    for _ in range(10):  # the filters are reachable with Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "query":
            break
    expect(page.locator("#query")).to_be_focused()
    page.keyboard.type("Berufsorientierung")
    page.keyboard.press("Enter")
    expect(page.locator("#count")).not_to_have_text("15 Zusagen")
    expect(page.locator("#results")).to_contain_text("Intensivierung der Berufsorientierung")
    # A sub-item found without its parent names the parent it belongs to.
    found = page.locator("li.commitment", has_text="Intensivierung der Berufsorientierung")
    expect(found.locator(".commitment-parent")).to_contain_text("Agenda zur Stärkung der Beruflichen Bildung")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for selector in ("#section", "#query", "#csv-export", "li.commitment"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375.5, selector
    page.screenshot(path=ARTIFACTS / "zusagen-telefon.png", full_page=True)
    assert problems.messages == []
    page.context.close()
