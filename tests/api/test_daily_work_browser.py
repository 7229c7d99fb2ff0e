"""Daily work in a real browser (Debian's Chromium via Playwright) against the live server: the quote
on the rendered PDF page, a permalink opened elsewhere, feedback from the chat to the staff page to
the gold file, Excel exports that cannot inject formulas, and a foreign Host refused."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from api import cli
from api.page_image import MARK_RGB
from domain.settings import Settings
from eval.gold import load_gold
from tests.api.conftest import ADMIN_TOKEN, ARTIFACTS, CHROMIUM, TIMEOUT_MS, LiveServer, PageProblems
from tests.support.pdfgen import write_one_page_pdf

pytestmark = [pytest.mark.browser, pytest.mark.model]

DIGITAL = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"
INJECTED = '=HYPERLINK("http://evil.example/x","Klick") als Förderaufruf veröffentlichen.'


def new_page(browser: Browser, **context_args) -> tuple[Page, PageProblems]:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900}, **context_args)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    return page, PageProblems(page)


def yellow_pixels(page: Page) -> int:
    """Pixels of the highlighter colour in the visible part of the page image (a screenshot of it)."""
    shot = Image.open(io.BytesIO(page.locator("#page-scroller").screenshot())).convert("RGB")
    pixels = np.asarray(shot, dtype=np.int16)
    mark = np.array([255 * c for c in MARK_RGB])
    return int((np.abs(pixels - mark).max(axis=2) < 24).sum())


def ask(page: Page, question: str) -> None:
    page.locator("#question").fill(question)
    page.locator("#question").press("Enter")
    page.locator("li.turn").last.and_(page.locator("[data-state=done]")).wait_for()


def test_page_image_permalink_and_feedback_round_trip(
    browser: Browser, live_server: LiveServer, service_environment: str, tmp_path: Path, monkeypatch
) -> None:
    page, problems = new_page(browser)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/")
    expect(page.locator("#doc-filter-count")).to_contain_text("alle")
    ask(page, DIGITAL)
    turn = page.locator("li.turn").last
    turn.locator("button.marker", has_text="[3]").click()

    # The cited page, rendered by the server, with the quote marked and in view.
    image = page.locator("#page-scroller img.page-image").first
    expect(image).to_be_visible()
    page.wait_for_function(
        "() => { const i = document.querySelector('#page-scroller img'); return i && i.complete && i.naturalWidth > 0; }"
    )
    assert "/pages/24.png?passage=" in image.get_attribute("src")
    assert "Seite 24" in image.get_attribute("alt")
    expect(page.locator("#page-status")).to_be_empty()
    page.wait_for_function("() => document.querySelector('#page-scroller').dataset.marked === 'true'")
    assert yellow_pixels(page) > 2000, "the marked quote should be visible in the panel"
    expect(page.locator("#source-pdf")).to_have_attribute(
        "href", "/api/documents/industriepolitisches-leitbild-nrw/pdf#page=24"
    )
    width = image.bounding_box()["width"]
    page.locator("#zoom-in").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#zoom-level")).to_have_text("150 %")
    page.wait_for_function(
        "(w) => { const i = document.querySelector('#page-scroller img'); return i.complete && i.getBoundingClientRect().width > w * 1.3; }",
        arg=width,
    )
    page.wait_for_function("() => document.querySelector('#page-scroller').dataset.marked === 'true'")
    assert yellow_pixels(page) > 2000, "after zooming, the marked quote should still be in view"
    page.screenshot(path=ARTIFACTS / "chat-seitenbild.png")

    # "Link kopieren" puts the permalink on the clipboard; a fresh browser context shows the same answer.
    turn.get_by_role("button", name="Link kopieren").click()
    expect(turn.locator(".copy-status")).to_have_text("Link kopiert.")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{live_server.url}/a/")
    answer_text = turn.locator(".answer-text").inner_text()
    other, other_problems = new_page(browser)
    other.goto(link)
    expect(other.locator("#permalink-question")).to_have_text(DIGITAL)
    assert other.locator("#permalink-answer").inner_text().split() == answer_text.split()
    expect(other.locator("#quelle-3")).to_contain_text("NRW.BANK.Digitalisierungskredit")
    other.locator("#quelle-3 summary").click()
    expect(other.locator("#quelle-3 img.page-image")).to_be_visible()
    other.screenshot(path=ARTIFACTS / "permalink.png", full_page=True)
    assert other_problems.messages == []
    other.context.close()

    # Feedback from the chat …
    turn.get_by_role("button", name="nicht hilfreich").click()
    turn.get_by_label("Was stimmt nicht? (optional)").fill("Quelle 2 passt nicht zur Frage")
    turn.get_by_label("Welche Quelle ist falsch? (optional)").select_option("2")
    turn.get_by_role("button", name="Rückmeldung senden").click()
    expect(turn.locator(".feedback-status")).to_have_text("Danke für Ihre Rückmeldung.")
    quote_2 = page.evaluate(
        "JSON.parse(sessionStorage.getItem('leitbild.unterhaltung.v1')).at(-1).answer.citations[1].quote"
    )

    # … to the staff page, which asks for the token …
    staff, staff_problems = new_page(browser)
    staff.goto(live_server.url + "/feedback")
    staff.get_by_label("Admin-Token").fill("falsch")
    staff.get_by_role("button", name="Anzeigen").click()
    expect(staff.locator("#login-error")).to_have_text("Fehlendes oder falsches Admin-Token.")
    staff_problems.messages.clear()  # the browser logs the refused call (401) as an error; that was the point
    staff.get_by_label("Admin-Token").fill(ADMIN_TOKEN)
    staff.get_by_role("button", name="Anzeigen").click()
    item = staff.locator("li.feedback-item", has_text="Quelle 2 passt nicht zur Frage").first
    expect(item).to_contain_text(DIGITAL)
    expect(item.locator(".feedback-citation.wrong")).to_contain_text(quote_2[:40])
    item.get_by_role("button", name="Bestätigen").click()
    expect(item).to_have_attribute("data-status", "confirmed")
    staff.screenshot(path=ARTIFACTS / "feedback-pruefen.png", full_page=True)
    assert staff_problems.messages == []
    staff.context.close()

    # … to a gold-set candidate that the eval can run.
    monkeypatch.setattr(cli, "get_settings", Settings)
    target = tmp_path / "kandidaten.yaml"
    assert cli.main(["feedback", "export", "--gold", str(target)]) == 0
    entry = next(g for g in load_gold(target) if g.question == DIGITAL and g.wrong)
    assert entry.wrong[0].quote == quote_2
    assert problems.messages == []
    page.context.close()


@pytest.fixture(scope="module")
def injected_server(tmp_path_factory: pytest.TempPathFactory, ingest, settings: Settings) -> Iterator[LiveServer]:
    from api.app import create_app
    from assistant import Assistant

    root = tmp_path_factory.mktemp("injection")
    pdf = write_one_page_pdf(
        root / "docs" / "zusagen-test.pdf",
        title="Testprogramm",
        heading="Für sichere Netze",
        lines=[
            "Die Landesregierung stärkt die Netze im ganzen Land.",
            "Wir werden:",
            f"• {INJECTED}",
            "• die Breitbandförderung für Gewerbegebiete verdoppeln.",
            "• @SUMME(A1) in allen Kreisen prüfen lassen.",
        ],
    )
    ingest([pdf], root / "index")
    configured = settings.model_copy(update={"index_dir": root / "index"})
    with LiveServer(create_app(configured, assistant=Assistant(configured))) as server:
        server.index_dir = root / "index"
        yield server


def test_exports_open_in_excel_and_never_run_a_formula(
    browser: Browser, live_server: LiveServer, injected_server: LiveServer, capsys
) -> None:
    # The Leitbild's catalog as XLSX from the Zusagen page: all 136 commitments with their links.
    page, problems = new_page(browser, accept_downloads=True)
    page.goto(live_server.url + "/zusagen")
    expect(page.locator("#count")).to_have_text("136 Zusagen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Als Excel-Datei (XLSX)").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 137 and rows[0][-1] == "link"
    assert rows[1][-1].startswith(f"{live_server.url}/api/documents/industriepolitisches-leitbild-nrw/pdf#page=")
    page.context.close()

    # A commitment that reads like a formula comes out as text, in CSV and XLSX, over HTTP and in the CLI.
    page, problems = new_page(browser, accept_downloads=True)
    page.goto(injected_server.url + "/zusagen")
    expect(page.locator("#count")).to_have_text("3 Zusagen")
    expect(page.locator("li.commitment").first).to_contain_text(INJECTED)  # shown as written on screen
    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV exportieren").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    cells = [r["text"] for r in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")]
    assert cells[0] == "'" + INJECTED and cells[2].startswith("'@SUMME")
    with page.expect_download() as download:
        page.get_by_role("link", name="Als Excel-Datei (XLSX)").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    column = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert column[0].value == "'" + INJECTED and column[0].data_type == "s"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert problems.messages == []
    page.context.close()

    assert cli.main(["--index", str(injected_server.index_dir), "commitments", "--format", "csv"]) == 0
    printed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert printed[0]["text"] == "'" + INJECTED


def test_a_foreign_host_name_is_refused(browser: Browser, live_server: LiveServer) -> None:
    # A DNS-rebinding page: its own name resolves to this machine's loopback address.
    rebinding = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP evil.example 127.0.0.1"],
    )
    try:
        page = rebinding.new_page()
        response = page.goto(f"http://evil.example:{live_server.port}/")
        assert response.status == 400
        assert "Unbekannter Host „evil.example" in page.content()
        assert page.goto(f"http://127.0.0.1:{live_server.port}/healthz").status == 200
    finally:
        rebinding.close()
