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
