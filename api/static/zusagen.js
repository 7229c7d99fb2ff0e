// The Zusagen page: the commitment catalog from /api/commitments, filtered by section and
// document, searched with the same retrieval as answers, exported as XLSX or CSV exactly as shown.
// The view lives in the URL (?section=…&query=…&document=…), so it can be shared and linked to.

import { clear, el, pageLabel, pdfUrl, serverConfig, shorten } from "./dom.js";

const $ = (id) => document.getElementById(id);
const API = "/api/commitments";
const RETRY_MS = 3000;
const PARENT_CHARS = 160;
const NO_MATCH = "Zu dieser Suche enthalten die Dokumente keine Zusage.";
const NOTHING_SELECTED = "Für diese Auswahl gibt es keine Zusagen.";

const state = {
  byId: new Map(), // every commitment, for the text of a parent that the current view leaves out
  documents: [], // [{id, title}] in catalog order
  applied: new URLSearchParams(), // the filters of the list on screen; the export links export these
  maxQueryChars: Infinity, // from the server's settings; the server checks it too
  request: 0, // a slow answer for an earlier filter must not overwrite a later one
};

// -- filters ------------------------------------------------------------------------------

function fold(text) {
  return text.toLocaleLowerCase("de-DE");
}

function fillSelect(select, values) {
  for (const { value, label } of values) select.append(el("option", { text: label, attrs: { value } }));
}

// A section from a link may be any part of a heading (the API matches substrings): pick the one
// heading it names, or keep it as its own choice so that the view still shows what the link meant.
function chooseSection(wanted) {
  const select = $("section");
  if (!wanted) return;
  const options = [...select.options].slice(1);
  const needle = fold(wanted.trim());
  const exact = options.find((o) => fold(o.value) === needle);
  const partial = options.filter((o) => fold(o.value).includes(needle));
  const match = exact || (partial.length === 1 ? partial[0] : null);
  if (match) {
    select.value = match.value;
    return;
  }
  const own = el("option", { text: `„${wanted}“ (aus dem Link)`, attrs: { value: wanted } });
  select.append(own);
  select.value = wanted;
}

function chooseDocument(wanted) {
  const select = $("document");
  if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
}

function currentFilters() {
  const params = new URLSearchParams();
  const section = $("section").value;
  const documentId = $("document").value;
  const query = $("query").value.trim();
  if (section) params.set("section", section);
  if (documentId) params.append("document", documentId);
  if (query) params.set("query", query);
  return params;
}

// -- rendering ----------------------------------------------------------------------------

function countText(n) {
  return n === 1 ? "1 Zusage" : `${n} Zusagen`;
}

function commitmentItem(record, childrenOf, parentShown) {
  const meta = el("p", { className: "commitment-meta" }, [
    el("span", { className: "commitment-section", text: record.section }),
    document.createTextNode(" · "),
    el("a", {
      className: "commitment-page",
      text: pageLabel(record),
      attrs: {
        href: pdfUrl(record.document, record.page),
        target: "_blank",
        rel: "noopener noreferrer",
        "aria-label": `${pageLabel(record)} im PDF öffnen (neuer Tab)`,
      },
    }),
  ]);
  if (state.documents.length > 1) {
    meta.append(document.createTextNode(" · "), el("span", { className: "commitment-document", text: record.title }));
  }
  const item = el("li", { className: "commitment", attrs: { "data-id": record.id } });
  if (record.parent && !parentShown) {
    // A search may find a sub-item without its parent; say what it belongs to.
    const parent = state.byId.get(record.parent);
    if (parent) {
      item.append(
        el("p", { className: "commitment-parent" }, [
          document.createTextNode("Unterpunkt von: "),
          el("q", { text: shorten(parent.text, PARENT_CHARS) }),
        ]),
      );
    }
  }
  item.append(el("p", { className: "commitment-text", text: record.text }), meta);
  const children = childrenOf.get(record.id) || [];
  if (children.length) {
    const list = el("ol", { className: "commitments commitment-children", attrs: { "aria-label": "Unterpunkte" } });
    for (const child of children) list.append(commitmentItem(child, childrenOf, true));
    item.append(list);
  }
  return item;
}

function render(records, params) {
  const list = $("results");
  clear(list);
  // Nested commitments sit under their parent when the view holds it; the order is otherwise kept
  // (document order, or best first for a search).
  const shown = new Set(records.map((r) => r.id));
  const childrenOf = new Map();
  const top = [];
  for (const record of records) {
    if (record.parent && shown.has(record.parent)) {
      if (!childrenOf.has(record.parent)) childrenOf.set(record.parent, []);
      childrenOf.get(record.parent).push(record);
    } else {
      top.push(record);
    }
  }
  for (const record of top) list.append(commitmentItem(record, childrenOf, false));

  const searching = params.has("query");
  $("count").textContent =
    countText(records.length) + (searching && records.length > 1 ? ", die passendsten zuerst" : "");
  const empty = $("empty");
  empty.textContent = records.length ? "" : searching ? NO_MATCH : NOTHING_SELECTED;
  empty.hidden = records.length > 0;
}

function apply(params) {
  state.applied = params;
  const csv = new URLSearchParams(params);
  csv.set("format", "csv");
  csv.set("dialect", "excel-de");
  $("csv-export").href = `${API}?${csv}`;
  const xlsx = new URLSearchParams(params);
  xlsx.set("format", "xlsx");
  $("xlsx-export").href = `${API}?${xlsx}`;
  const own = params.toString();
  history.replaceState(null, "", own ? `/zusagen?${own}` : "/zusagen");
}

// -- loading ------------------------------------------------------------------------------

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || `Fehler ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

async function show(params) {
  const mine = ++state.request;
  const list = $("results");
  list.setAttribute("aria-busy", "true");
  $("filter-error").textContent = "";
  try {
    const records = await fetchJson(`${API}?${params}`);
    if (mine !== state.request) return;
    render(records, params);
    apply(params);
  } catch (error) {
    if (mine !== state.request) return;
    $("filter-error").textContent = `Die Zusagen konnten nicht geladen werden: ${error.message}`;
  } finally {
    if (mine === state.request) list.setAttribute("aria-busy", "false");
  }
}

function update() {
  const query = $("query").value.trim();
  if (query.length > state.maxQueryChars) {
    $("filter-error").textContent = `Die Suche ist zu lang (${query.length} Zeichen, höchstens ${state.maxQueryChars}).`;
    return;
  }
  show(currentFilters());
}

function buildFilters(records) {
  const sections = [];
  for (const record of records) {
    state.byId.set(record.id, record);
    if (!sections.includes(record.section)) sections.push(record.section);
    if (!state.documents.some((d) => d.id === record.document)) {
      state.documents.push({ id: record.document, title: record.title });
    }
  }
  // Sections in the order the documents print them.
  fillSelect($("section"), sections.map((s) => ({ value: s, label: s })));
  fillSelect($("document"), state.documents.map((d) => ({ value: d.id, label: d.title })));
  $("document-field").hidden = state.documents.length < 2;
}

async function init() {
  const banner = $("service-status");
  let all;
  try {
    all = await fetchJson(API);
  } catch (error) {
    banner.textContent = `Der Assistent ist noch nicht bereit: ${error.message}`;
    banner.hidden = false;
    setTimeout(init, RETRY_MS);
    return;
  }
  banner.hidden = true;
  serverConfig()
    .then((config) => (state.maxQueryChars = config.max_question_chars))
    .catch(() => {});
  buildFilters(all);

  const url = new URLSearchParams(location.search);
  chooseSection(url.get("section"));
  chooseDocument(url.get("document"));
  $("query").value = url.get("query") || "";

  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  $("section").addEventListener("change", update);
  $("document").addEventListener("change", update);
  $("query").addEventListener("input", () => {
    // Emptying the box (or its ✕) shows the unsearched list again without another click.
    if (!$("query").value.trim() && state.applied.has("query")) update();
  });

  const params = currentFilters();
  if (params.toString()) {
    await show(params);
  } else {
    render(all, params);
    apply(params);
    $("results").setAttribute("aria-busy", "false");
  }
  document.documentElement.dataset.ready = "true";
}

init();
