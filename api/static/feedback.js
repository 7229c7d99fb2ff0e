// Staff review of negative feedback. The admin token is typed in once, kept in sessionStorage and
// sent as a Bearer header to /api/admin/feedback; it never appears in a URL or a cookie.

import { clear, el, pageLabel } from "./dom.js";

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "leitbild.admin-token";
const STATUS_TEXT = { new: "neu", confirmed: "bestätigt", rejected: "verworfen" };

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

async function call(url, options = {}) {
  const response = await fetch(url, {
    ...options,
    headers: { Accept: "application/json", Authorization: `Bearer ${token()}`, ...(options.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `Fehler ${response.status}`);
  return body;
}

function citationItem(citation, wrong) {
  return el("li", { className: wrong ? "feedback-citation wrong" : "feedback-citation" }, [
    el("strong", { text: `[${citation.n}] ` }),
    document.createTextNode(`${citation.title}, ${pageLabel(citation)}: `),
    el("q", { text: citation.quote }),
    ...(wrong ? [el("span", { className: "feedback-wrong", text: " – als falsch gemeldet" })] : []),
  ]);
}

function item(record) {
  const node = el("li", { className: "feedback-item", attrs: { "data-id": record.id, "data-status": record.status } });
  const state = el("span", { className: "feedback-state", text: STATUS_TEXT[record.status] });
  const when = new Date(record.created_at).toLocaleString("de-DE");
  node.append(
    el("p", { className: "feedback-meta" }, [
      document.createTextNode(`#${record.id} · ${when} · Status: `),
      state,
      document.createTextNode(" · "),
      el("a", { text: "Antwort öffnen", attrs: { href: record.permalink, target: "_blank", rel: "noopener" } }),
    ]),
    el("p", { className: "question", text: record.question }),
    el("p", { className: "answer-text", text: record.answer.answer }),
  );
  if (record.comment) {
    node.append(el("p", { className: "feedback-comment" }, [el("strong", { text: "Kommentar: " }), document.createTextNode(record.comment)]));
  }
  if (record.answer.citations.length) {
    node.append(
      el(
        "ol",
        { className: "feedback-citations" },
        record.answer.citations.map((c) => citationItem(c, c.n === record.citation)),
      ),
    );
  }
  const message = el("span", { className: "copy-status", attrs: { role: "status" } });
  const actions = el("div", { className: "answer-actions" });
  for (const [status, label] of [
    ["confirmed", "Bestätigen"],
    ["rejected", "Verwerfen"],
  ]) {
    const button = el("button", { text: label, attrs: { type: "button", "data-action": status } });
    button.addEventListener("click", async () => {
      try {
        const updated = await call(`/api/admin/feedback/${record.id}`, {
          method: "PATCH",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ status }),
        });
        node.dataset.status = updated.status;
        state.textContent = STATUS_TEXT[updated.status];
        message.textContent = `Als ${STATUS_TEXT[updated.status]} markiert.`;
      } catch (error) {
        message.textContent = error.message;
      }
    });
    actions.append(button);
  }
  actions.append(message);
  node.append(actions);
  return node;
}

async function load() {
  $("login-error").textContent = "";
  const status = $("status-filter").value;
  try {
    const records = await call(`/api/admin/feedback?rating=down&status=${encodeURIComponent(status)}`);
    const list = $("feedback-list");
    clear(list);
    for (const record of records) list.append(item(record));
    $("feedback-count").textContent =
      records.length === 1 ? "1 Rückmeldung" : `${records.length} Rückmeldungen`;
  } catch (error) {
    $("login-error").textContent = error.message;
  }
}

function init() {
  $("token").value = token();
  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    load();
  });
  $("status-filter").addEventListener("change", () => token() && load());
  if (token()) load();
  document.documentElement.dataset.ready = "true";
}

init();
