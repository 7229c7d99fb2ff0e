// Building DOM nodes from data. Text from documents and users only ever goes through
// textContent / text nodes, never innerHTML, so "<script>" in a PDF stays literal text.

export function el(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child) node.append(child);
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
}

export function pdfUrl(documentId, page) {
  return `/api/documents/${encodeURIComponent(documentId)}/pdf#page=${encodeURIComponent(page)}`;
}

export function shorten(text, limit) {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()} …`;
}

// "S. 57": the number printed on the page when the document has one, else the PDF page.
export function pageLabel(record) {
  return `S. ${record.printed_page || record.page}`;
}

export function pageImageUrl(documentId, page, { passage, quote, scale } = {}) {
  const params = new URLSearchParams();
  if (passage) params.set("passage", passage);
  if (quote) params.set("quote", quote);
  if (scale) params.set("scale", String(scale));
  const query = params.toString();
  return `/api/documents/${encodeURIComponent(documentId)}/pages/${encodeURIComponent(page)}.png${query ? `?${query}` : ""}`;
}

// Limits and texts come from the server (GET /api/config), never copied into this code.
let configPromise = null;
export function serverConfig() {
  if (!configPromise) {
    configPromise = fetch("/api/config", { headers: { Accept: "application/json" } }).then((response) => {
      if (!response.ok) throw new Error(`Fehler ${response.status}`);
      return response.json();
    });
    configPromise.catch(() => (configPromise = null)); // try again on the next call
  }
  return configPromise;
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (permissions, older browser): the selection-based copy still works.
    const area = el("textarea", { className: "visually-hidden", attrs: { "aria-hidden": "true" } });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}
