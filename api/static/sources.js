// The sources panel: opened from an [n] marker, it shows where the quote stands — as text, and on
// the PDF page itself (rendered by the server, the quote marked) — and links the PDF page.

import { clear, el, pageImageUrl, pageLabel, pdfUrl, serverConfig, shorten } from "./dom.js";

const $ = (id) => document.getElementById(id);
const CONTEXT_CHARS = 280;
const ZOOMS = [1, 1.5, 2, 3];
// The server's render scale at 100 % and its limit (GET /api/config); zooming asks for a sharper image.
const scales = { base: null, max: null }; // until known, the server's default scale is used
serverConfig()
  .then((config) => {
    scales.base = config.page_scale_default;
    scales.max = config.page_scale_max;
  })
  .catch(() => {});

let opener = null; // the marker that opened the panel gets the focus back
let request = 0; // a slow answer for an earlier click must not overwrite a later one
const view = { citation: null, pages: [], zoom: 0, marks: new Map() };

function showPassage(passage, quote) {
  const box = $("source-passage");
  clear(box);
  const span = passage.highlight;
  if (span) {
    box.append(
      document.createTextNode(passage.text.slice(0, span.start)),
      el("mark", { text: passage.text.slice(span.start, span.end) }),
      document.createTextNode(passage.text.slice(span.end)),
    );
  } else {
    // The quote could not be placed in the passage text: show it on its own, then the passage.
    box.append(el("mark", { text: quote }), el("br"), document.createTextNode(passage.text));
  }
  $("source-before").textContent = passage.before ? `… ${shorten(passage.before.text, CONTEXT_CHARS)}` : "";
  $("source-after").textContent = passage.after ? `${shorten(passage.after.text, CONTEXT_CHARS)} …` : "";
}

// -- the page image -----------------------------------------------------------------------

function scrollToMark() {
  const scroller = $("page-scroller");
  const first = scroller.querySelector("img.page-image");
  if (!first || !first.complete) return;
  const page = view.pages[0];
  const mark = (view.marks.get(page) || [])[0];
  if (!mark) return;
  const top = first.offsetTop + mark.y * first.clientHeight;
  const left = first.offsetLeft + mark.x * first.clientWidth;
  scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 4);
  scroller.scrollLeft = Math.max(0, left - 16);
  scroller.dataset.marked = "true"; // for people nothing changes; tests wait for it
}

async function loadMarks(citation, page, mine) {
  const params = new URLSearchParams({ passage: citation.passage_id, quote: citation.quote });
  const url = `/api/documents/${encodeURIComponent(citation.document)}/pages/${page}/marks?${params}`;
  try {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok || mine !== request) return;
    const body = await response.json();
    view.marks.set(page, body.marks);
    if (page === view.pages[0]) {
      $("page-status").textContent = body.marks.length ? "" : "Das Zitat konnte auf dem Seitenbild nicht markiert werden.";
      scrollToMark();
    }
  } catch {
    // the image is still shown; only the scrolling to the mark is lost
  }
}

function renderPages(mine) {
  const citation = view.citation;
  const scroller = $("page-scroller");
  clear(scroller);
  delete scroller.dataset.marked;
  const zoom = ZOOMS[view.zoom];
  $("zoom-level").textContent = `${Math.round(zoom * 100)} %`;
  $("zoom-out").disabled = view.zoom === 0;
  $("zoom-in").disabled = view.zoom === ZOOMS.length - 1;
  const scale = scales.base ? Math.min(scales.max, scales.base * zoom) : undefined;
  for (const page of view.pages) {
    const image = el("img", {
      className: "page-image",
      attrs: {
        src: pageImageUrl(citation.document, page, { passage: citation.passage_id, quote: citation.quote, scale }),
        alt: `PDF-Seite ${page} von „${citation.title}“, das Zitat [${citation.n}] gelb markiert`,
        "data-page": page,
      },
    });
    image.style.width = `${zoom * 100}%`;
    image.addEventListener("load", () => {
      if (mine === request && page === view.pages[0]) scrollToMark();
    });
    image.addEventListener("error", () => {
      if (mine === request) $("page-status").textContent = "Das Seitenbild konnte nicht geladen werden.";
    });
    scroller.append(image);
  }
}

function showPages(pages, mine) {
  view.pages = pages;
  view.marks = new Map();
  $("page-status").textContent = "";
  renderPages(mine);
  for (const page of pages) loadMarks(view.citation, page, mine);
}

function zoomBy(step) {
  const next = Math.min(ZOOMS.length - 1, Math.max(0, view.zoom + step));
  if (next === view.zoom || !view.citation) return;
  view.zoom = next;
  renderPages(request);
}

// -- commitments link ---------------------------------------------------------------------

// Created here rather than in index.html: the link belongs to the panel, not to the chat's markup.
function commitmentsLink() {
  let link = $("source-commitments-link");
  if (!link) {
    link = el("a", {
      text: "Alle Zusagen dieses Abschnitts",
      attrs: { id: "source-commitments-link", href: "/zusagen" },
    });
    const wrapper = el("p", { className: "source-commitments" }, [link]);
    wrapper.hidden = true;
    $("source-pdf").closest("p").after(wrapper);
  }
  return link;
}

// Shown when the cited passage is a commitment ("Wir werden: • …"): its section on the Zusagen page.
function showCommitmentsLink(passage) {
  const link = commitmentsLink();
  const shown = Boolean(passage && passage.commitment_id && passage.section);
  link.parentElement.hidden = !shown;
  link.href = shown ? `/zusagen?section=${encodeURIComponent(passage.section)}` : "/zusagen";
}

export async function openSource(citation, marker) {
  const panel = $("sources");
  if (opener && opener !== marker) opener.setAttribute("aria-expanded", "false");
  opener = marker;
  marker.setAttribute("aria-expanded", "true");

  const label = pageLabel(citation);
  $("sources-number").textContent = `[${citation.n}]`;
  $("source-title").textContent = citation.title;
  $("source-section").textContent = citation.section || "—";
  $("source-page").textContent = label;
  const link = $("source-pdf");
  link.href = pdfUrl(citation.document, citation.page);
  link.textContent = `PDF auf ${label} öffnen`;
  link.setAttribute("aria-label", `${citation.title}, PDF auf ${label} öffnen (neuer Tab)`);
  const box = $("source-passage");
  clear(box);
  box.append(el("mark", { text: citation.quote }));
  $("source-before").textContent = "";
  $("source-after").textContent = "";
  $("source-status").textContent = "Passage wird geladen …";
  showCommitmentsLink(null);

  panel.hidden = false;
  document.body.classList.add("sources-open");
  // The panel is sticky (fixed on phones) and already in view; scrolling to it would lose the answer.
  $("sources-heading").focus({ preventScroll: true });

  const mine = ++request;
  view.citation = citation;
  showPages([citation.page], mine);
  const url = `/api/passages/${encodeURIComponent(citation.passage_id)}?quote=${encodeURIComponent(citation.quote)}`;
  try {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (mine !== request) return;
    if (!response.ok) {
      $("source-status").textContent = "Die Passage ist im aktuellen Index nicht mehr vorhanden; gezeigt wird das Zitat.";
      return;
    }
    const passage = await response.json();
    showPassage(passage, citation.quote);
    showCommitmentsLink(passage);
    $("source-status").textContent = "";
    // A quote that runs onto the next page is shown, and marked, on both.
    const pages = passage.pages && passage.pages.length ? passage.pages : [citation.page];
    if (pages.join() !== String(citation.page)) showPages(pages, mine);
  } catch {
    if (mine === request) $("source-status").textContent = "Die Passage konnte nicht geladen werden.";
  }
}

export function closeSource() {
  const panel = $("sources");
  if (panel.hidden) return;
  panel.hidden = true;
  document.body.classList.remove("sources-open");
  if (opener) {
    opener.setAttribute("aria-expanded", "false");
    if (opener.isConnected) opener.focus();
  }
  opener = null;
}

export function initSources() {
  $("sources-close").addEventListener("click", closeSource);
  $("zoom-in").addEventListener("click", () => zoomBy(1));
  $("zoom-out").addEventListener("click", () => zoomBy(-1));
  $("page-scroller").addEventListener("keydown", (event) => {
    if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      zoomBy(1);
    } else if (event.key === "-") {
      event.preventDefault();
      zoomBy(-1);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeSource();
  });
}
