// The sources panel: opened from an [n] marker, it shows where the quote stands and links the PDF page.

import { clear, el, pdfUrl, shorten } from "./dom.js";

const $ = (id) => document.getElementById(id);
const CONTEXT_CHARS = 280;

let opener = null; // the marker that opened the panel gets the focus back
let request = 0; // a slow answer for an earlier click must not overwrite a later one

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

// Created here rather than in index.html: the link belongs to the panel, not to the chat's markup.
function commitmentsLink() {
  let link = $("source-commitments-link");
  if (!link) {
    link = el("a", {
      text: "Alle Zusagen dieses Handlungsfelds",
      attrs: { id: "source-commitments-link", href: "/zusagen" },
    });
    const wrapper = el("p", { className: "source-commitments" }, [link]);
    wrapper.hidden = true;
    $("source-pdf").closest("p").after(wrapper);
  }
  return link;
}

// Shown when the cited passage is a commitment ("Wir werden: • …"): its Handlungsfeld on the Zusagen page.
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

  $("sources-number").textContent = `[${citation.n}]`;
  $("source-title").textContent = citation.title;
  $("source-section").textContent = citation.section || "—";
  $("source-page").textContent = String(citation.page);
  const link = $("source-pdf");
  link.href = pdfUrl(citation.document, citation.page);
  link.textContent = `PDF auf Seite ${citation.page} öffnen`;
  link.setAttribute("aria-label", `${citation.title}, PDF auf Seite ${citation.page} öffnen (neuer Tab)`);
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
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeSource();
  });
}
