// The document filter: one checkbox per ingested document (from /api/documents), kept per browser tab.

import { clear, el } from "./dom.js";

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = "leitbild.dokumentfilter.v1";
const RETRY_MS = 3000;

let documents = [];

function storedSelection() {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
    return Array.isArray(value) ? new Set(value) : null;
  } catch {
    return null;
  }
}

function checkboxes() {
  return [...$("doc-filter-list").querySelectorAll("input[type=checkbox]")];
}

function updateCount() {
  const boxes = checkboxes();
  const checked = boxes.filter((box) => box.checked).length;
  $("doc-filter-count").textContent =
    checked === boxes.length ? `(alle ${boxes.length})` : `(${checked} von ${boxes.length})`;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(boxes.filter((b) => b.checked).map((b) => b.value)));
}

function render() {
  const list = $("doc-filter-list");
  const chosen = storedSelection();
  clear(list);
  documents.forEach((doc, i) => {
    const id = `doc-${i}`;
    const box = el("input", { attrs: { type: "checkbox", id, value: doc.id } });
    box.checked = !chosen || chosen.has(doc.id);
    box.addEventListener("change", updateCount);
    const label = el("label", { attrs: { for: id } }, [
      document.createTextNode(doc.title),
      el("span", { className: "muted", text: ` (${doc.pages} Seiten)` }),
    ]);
    list.append(el("div", { className: "doc-option" }, [box, label]));
  });
  updateCount();
}

export async function loadDocuments() {
  const banner = $("service-status");
  try {
    const response = await fetch("/api/documents", { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || `Fehler ${response.status}`);
    documents = body;
    banner.hidden = true;
    render();
  } catch (error) {
    banner.textContent = `Der Assistent ist noch nicht bereit: ${error.message}`;
    banner.hidden = false;
    setTimeout(loadDocuments, RETRY_MS);
  }
}

// null means "all documents": the request then carries no filter at all.
export function selectedDocuments() {
  const boxes = checkboxes();
  const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
  return chosen.length === boxes.length ? null : chosen;
}
