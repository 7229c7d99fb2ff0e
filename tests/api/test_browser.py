"""The web chat in a real browser: Debian's Chromium driven by Playwright, against the real server.

Screenshots land in test-artifacts/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from domain.settings import Settings
from tests.api.conftest import ARTIFACTS, TIMEOUT_MS, XSS_IMG, XSS_SCRIPT, LiveServer, PageProblems

DIGITAL = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"
FOLLOW_UP = "Und welche davon betreffen auch das Handwerk?"
UNANSWERABLE = "Wie hoch ist der Mindestlohn für Friseure in Bayern im Jahr 2031?"


def open_chat(browser: Browser, url: str, **context_args) -> tuple[Page, PageProblems]:
    context = browser.new_context(locale="de-DE", **context_args)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems = PageProblems(page)
    page.goto(url + "/")
    expect(page.locator("#doc-filter-count")).to_contain_text("alle")
    return page, problems


def ask(page: Page, question: str, turn_index: int) -> None:
    page.locator("#question").fill(question)
    page.locator("#question").press("Enter")
    page.locator(f"li.turn >> nth={turn_index}").and_(page.locator("[data-state=done]")).wait_for()


def test_ask_stream_sources_and_follow_up(browser: Browser, live_server: LiveServer) -> None:
    page, problems = open_chat(browser, live_server.url, viewport={"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    # Slow the line down so the answer visibly arrives in pieces.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": 4000, "uploadThroughput": 100_000},
    )
    page.locator("#question").fill(DIGITAL)
    page.locator("#question").press("Enter")
    first = page.locator("li.turn").first
    expect(first).to_have_attribute("data-state", "streaming")
    partial = first.locator(".answer-text").inner_text()
    expect(first).to_have_attribute("data-state", "done", timeout=30_000)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    final = first.locator(".answer-text").inner_text()
    assert 0 < len(partial) < len(final), "the answer should have been shown before it was complete"
    assert int(first.get_attribute("data-deltas")) > 5
    expect(page.locator("#conversation")).to_have_attribute("aria-busy", "false")
    expect(page.locator("#question")).to_be_focused()

    markers = first.locator("button.marker")
    assert markers.count() >= 3
    marker = first.locator("button.marker", has_text="[3]")
    marker.click()
    panel = page.locator("#sources")
    expect(panel).to_be_visible()
    expect(page.locator("#sources-heading")).to_be_focused()
    expect(page.locator("#source-title")).to_have_text(
        "Industriepolitisches Leitbild der Landesregierung Nordrhein-Westfalen"
    )
    expect(page.locator("#source-section")).to_have_text("Für eine digitale Zukunft aller Unternehmen")
    expect(page.locator("#source-page")).to_have_text("S. 24")
    highlighted = page.locator("#source-passage mark")
    expect(highlighted).to_contain_text("NRW.BANK.Digitalisierungskredit")
    expect(page.locator("#source-before")).not_to_be_empty()
    link = page.locator("#source-pdf")
    expect(link).to_have_attribute("href", "/api/documents/industriepolitisches-leitbild-nrw/pdf#page=24")
    expect(link).to_have_attribute("target", "_blank")
    page.screenshot(path=ARTIFACTS / "chat-quelle.png")
    with page.context.expect_page() as opened:
        link.click()
    pdf_tab = opened.value
    pdf_tab.wait_for_load_state()
    assert pdf_tab.url == live_server.url + "/api/documents/industriepolitisches-leitbild-nrw/pdf#page=24"
    pdf_tab.close()

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(marker).to_be_focused()

    first.get_by_role("button", name="Antwort kopieren").click()
    expect(first.locator(".copy-status")).to_have_text("Antwort mit Quellen kopiert.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(final.split("\n")[0]) and "\nQuellen:\n[1] Industriepolitisches Leitbild" in copied
    assert "/api/documents/industriepolitisches-leitbild-nrw/pdf#page=24" in copied

    ask(page, FOLLOW_UP, 1)
    second = page.locator("li.turn").nth(1)
    expect(second.locator(".answer-text")).to_contain_text("NRW.BANK.Digitalisierungskredit")
    second.locator("button.marker").first.click()
    expect(page.locator("#source-passage mark")).to_contain_text("Handwerk")
    expect(page.locator("#source-page")).to_have_text("S. 24")
    page.screenshot(path=ARTIFACTS / "chat-anschlussfrage.png")

    # The conversation survives a reload of the page, markers included.
    page.reload()
    expect(page.locator("li.turn")).to_have_count(2)
    page.locator("li.turn").nth(1).locator("button.marker").first.click()
    expect(page.locator("#source-passage mark")).to_contain_text("Handwerk")

    page.get_by_role("button", name="Neue Unterhaltung").click()
    expect(page.locator("li.turn")).to_have_count(0)
    expect(panel).to_be_hidden()
    expect(page.locator("#question")).to_be_focused()
    page.reload()
    expect(page.locator("li.turn")).to_have_count(0)
    assert problems.messages == []
    page.context.close()


def test_keyboard_phone_width_and_abstention(browser: Browser, live_server: LiveServer) -> None:
    page, problems = open_chat(browser, live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True)

    for _ in range(10):  # the question box is reachable with Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "question":
            break
    expect(page.locator("#question")).to_be_focused()
    page.keyboard.type("Erste Zeile")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("zweite Zeile")
    assert page.locator("#question").input_value() == "Erste Zeile\nzweite Zeile"
    expect(page.locator("li.turn")).to_have_count(0)

    page.locator("#question").fill("")
    page.keyboard.press("Enter")
    expect(page.locator("#form-error")).to_have_text("Bitte eine Frage eingeben.")

    ask(page, UNANSWERABLE, 0)
    note = page.locator("li.turn").first.locator(".abstain-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Versuchen Sie andere Begriffe")

    ask(page, DIGITAL, 1)
    marker = page.locator("li.turn").nth(1).locator("button.marker").first
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#sources")).to_be_visible()
    expect(page.locator("#sources-heading")).to_be_focused()
    box = page.locator("#sources").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375.5
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=ARTIFACTS / "chat-telefon.png")
    page.keyboard.press("Escape")
    expect(marker).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert problems.messages == []
    page.context.close()


def test_document_filter_nav_and_offline_api_docs(browser: Browser, live_server: LiveServer) -> None:
    page, problems = open_chat(browser, live_server.url, viewport={"width": 1024, "height": 768})
    expect(page.get_by_role("link", name="Zusagen")).to_have_attribute("href", "/zusagen")
    page.locator("#doc-filter summary").click()
    checkbox = page.get_by_label("Industriepolitisches Leitbild der Landesregierung Nordrhein-Westfalen")
    expect(checkbox).to_be_checked()
    checkbox.uncheck()
    expect(page.locator("#doc-filter-count")).to_have_text("(0 von 1)")
    page.locator("#question").fill(DIGITAL)
    page.locator("#question").press("Enter")
    expect(page.locator("#form-error")).to_have_text("Bitte mindestens ein Dokument auswählen.")
    expect(page.locator("#question")).to_have_value(DIGITAL)  # nothing typed is lost
    page.reload()  # the choice is kept for this tab
    expect(page.locator("#doc-filter-count")).to_have_text("(0 von 1)")
    page.locator("#doc-filter summary").click()
    checkbox.check()
    ask(page, DIGITAL, 0)
    expect(page.locator("li.turn").first.locator("button.marker").first).to_be_visible()

    page.goto(live_server.url + "/docs")
    expect(page.locator("section.operation h2", has_text="/api/ask/stream")).to_be_visible()
    expect(page.locator("#api-description")).to_contain_text("Zitierende Antworten")
    assert problems.messages == []
    page.context.close()


@pytest.fixture(scope="module")
def xss_server(xss_index: Path, settings: Settings) -> Iterator[LiveServer]:
    from api.app import create_app
    from assistant import Assistant

    xss_settings = settings.model_copy(update={"index_dir": xss_index})
    with LiveServer(create_app(xss_settings, assistant=Assistant(xss_settings))) as server:
        yield server


def test_html_in_documents_and_questions_stays_text(browser: Browser, xss_server: LiveServer) -> None:
    page, problems = open_chat(browser, xss_server.url, viewport={"width": 1280, "height": 900})
    expect(page.locator("#doc-filter-list label")).to_contain_text(f"Testbericht {XSS_IMG}")

    ask(page, "Mit wie viel Geld fördert die Landesregierung das Wasserstofflabor in Bielefeld?", 0)
    answer = page.locator("li.turn").first.locator(".answer-text")
    expect(answer).to_contain_text(XSS_SCRIPT)
    expect(answer).to_contain_text(XSS_IMG)
    page.locator("li.turn").first.locator("button.marker").first.click()
    expect(page.locator("#source-title")).to_have_text(f"Testbericht {XSS_IMG}")
    expect(page.locator("#source-passage mark")).to_contain_text(XSS_SCRIPT)

    question = f"Was steht über {XSS_IMG} im Bericht?"
    ask(page, question, 1)
    expect(page.locator("li.turn").nth(1).locator(".question")).to_have_text(question)
    page.screenshot(path=ARTIFACTS / "chat-xss.png")

    page.wait_for_timeout(300)  # give an injected onerror handler the time it would need
    assert page.evaluate("typeof window.__xss") == "undefined"
    # The only images are the server-rendered page images, whose alt text is set as a property.
    assert page.locator("main img, aside img:not(.page-image)").count() == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # only our module
    assert problems.messages == []
    page.context.close()
