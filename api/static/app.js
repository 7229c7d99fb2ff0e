// The web chat: ask, stream the answer in, keep the conversation in this browser tab.

import { clear, copyText, el, pageLabel, pdfUrl, serverConfig } from "./dom.js";
import { feedbackForm } from "./feedback_form.js";
import { loadDocuments, selectedDocuments } from "./filter.js";
import { closeSource, initSources, openSource } from "./sources.js";
import { AskError, streamAnswer } from "./stream.js";

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = "leitbild.unterhaltung.v1";
// Follow-ups only need the last exchange; two keep the request far below the body limit.
const HISTORY_EXCHANGES = 2;
const HISTORY_ANSWER_CHARS = 1500; // a client choice, well under the server's max_turn_chars

const state = { turns: [], controller: null, config: null };

// -- storage ------------------------------------------------------------------------------

function loadTurns() {
  try {
    const turns = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "[]");
    if (!Array.isArray(turns)) return [];
    return turns.filter((t) => t && typeof t.question === "string" && (t.status === "done" || t.status === "error"));
  } catch {
    return [];
  }
}

function saveTurns() {
  const finished = state.turns.filter((t) => t.status === "done" || t.status === "error");
  const slim = finished.map(({ question, status, answer, error, feedback }) => ({
    question,
    status,
    answer,
    error,
    feedback,
  }));
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(slim));
  } catch {
    // storage full or disabled: the conversation still works, it just is not kept
  }
}

function history() {
  const done = state.turns.filter((t) => t.status === "done" && t.answer).slice(-HISTORY_EXCHANGES);
  const limit = Math.min(HISTORY_ANSWER_CHARS, state.config ? state.config.max_turn_chars : HISTORY_ANSWER_CHARS);
  return done.flatMap((t) => [
    { role: "user", content: t.question },
    { role: "assistant", content: t.answer.answer.slice(0, limit) },
  ]);
}

// -- rendering ----------------------------------------------------------------------------

function renderAnswerText(node, text, citations) {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  clear(node);
  for (const part of text.split(/(\[\d+\])/)) {
    const citation = /^\[\d+\]$/.test(part) ? byNumber.get(Number(part.slice(1, -1))) : undefined;
    if (!citation) {
      if (part) node.append(document.createTextNode(part));
      continue;
    }
    const marker = el("button", {
      className: "marker",
      text: part,
      attrs: {
        type: "button",
        "aria-label": `Quelle ${citation.n}: ${citation.title}, ${pageLabel(citation)}`,
        "aria-controls": "sources",
        "aria-expanded": "false",
      },
    });
    marker.addEventListener("click", () => openSource(citation, marker));
    node.append(marker);
  }
}

function plainText(turn) {
  const answer = turn.answer;
  if (answer.abstained || !answer.citations.length) return answer.answer;
  const sources = answer.citations.map((c) => {
    const where = `${c.title}, ${pageLabel(c)}${c.section ? ` – ${c.section}` : ""}`;
    return `[${c.n}] ${where}\n    „${c.quote}“\n    ${location.origin}${pdfUrl(c.document, c.page)}`;
  });
  const link = answer.permalink ? `\n\nDauerhafter Link: ${location.origin}${answer.permalink}` : "";
  return `${answer.answer}\n\nQuellen:\n${sources.join("\n")}${link}`;
}

async function copyAndSay(text, status, message) {
  await copyText(text);
  status.textContent = message;
  setTimeout(() => (status.textContent = ""), 4000);
}

function answerActions(turn) {
  const status = el("span", { className: "copy-status", attrs: { role: "status" } });
  const copy = el("button", { className: "copy", text: "Antwort kopieren", attrs: { type: "button" } });
  copy.addEventListener("click", () => copyAndSay(plainText(turn), status, "Antwort mit Quellen kopiert."));
  const actions = el("div", { className: "answer-actions" }, [copy]);
  const { id, permalink } = turn.answer;
  if (permalink) {
    const link = el("button", { className: "copy-link", text: "Link kopieren", attrs: { type: "button" } });
    link.addEventListener("click", () => copyAndSay(`${location.origin}${permalink}`, status, "Link kopiert."));
    const open = el("a", { className: "permalink-link", text: "Als Seite öffnen", attrs: { href: permalink } });
    actions.append(link, open);
  }
  if (id && turn.answer.citations.length) {
    const base = `/api/answers/${encodeURIComponent(id)}/sources`;
    actions.append(
      el("a", { className: "export-link", text: "Quellen als Excel", attrs: { href: `${base}?format=xlsx`, download: "" } }),
      el("a", {
        className: "export-link",
        text: "Quellen als CSV",
        attrs: { href: `${base}?format=csv&dialect=excel-de`, download: "" },
      }),
    );
  }
  actions.append(status);
  return actions;
}

function renderTurn(turn) {
  const item = turn.node || el("li", { className: "turn" });
  turn.node = item;
  item.dataset.state = turn.status;
  item.dataset.deltas = String(turn.deltas || 0);
  clear(item);
  item.append(el("p", { className: "question", text: turn.question }, []));
  const body = el("div", { className: "answer" });
  const text = el("p", { className: "answer-text" });
  if (turn.answer) {
    renderAnswerText(text, turn.answer.answer, turn.answer.citations);
  } else if (turn.text) {
    renderAnswerText(text, turn.text, turn.citations || []);
  } else if (turn.status === "pending") {
    text.append(el("span", { className: "muted", text: "Antwort wird erstellt …" }));
  }
  body.append(text);
  if (turn.answer && turn.answer.abstained) {
    const hint = "Versuchen Sie andere Begriffe oder prüfen Sie die Dokumentauswahl.";
    body.append(
      el("p", { className: "abstain-note", attrs: { role: "note" } }, [
        el("strong", { text: "Hinweis: " }),
        document.createTextNode(hint),
      ]),
    );
  }
  if (turn.status === "error") {
    body.append(el("p", { className: "turn-error", text: turn.error, attrs: { role: "alert" } }));
  }
  if (turn.status === "done" && turn.answer) {
    body.append(answerActions(turn));
    if (turn.answer.id) body.append(feedbackForm(turn, state.config, saveTurns));
  }
  item.append(body);
  return item;
}

function renderAll() {
  const list = $("conversation");
  clear(list);
  for (const turn of state.turns) {
    turn.node = null;
    list.append(renderTurn(turn));
  }
}

// -- asking -------------------------------------------------------------------------------

function showFormError(message) {
  $("form-error").textContent = message;
}

async function ask(question, documents) {
  const body = { question, history: history() };
  if (documents) body.documents = documents;
  const turn = { question, status: "pending", text: "", citations: [], deltas: 0 };
  state.turns.push(turn);
  $("conversation").append(renderTurn(turn));
  turn.node.scrollIntoView({ block: "nearest" });
  const controller = new AbortController();
  state.controller = controller;
  $("conversation").setAttribute("aria-busy", "true");
  $("send").disabled = true;
  try {
    await streamAnswer(body, (event) => onEvent(turn, event), controller.signal);
  } catch (error) {
    if (error.name === "AbortError") return;
    turn.status = "error";
    turn.error = error instanceof AskError ? error.message : "Unerwarteter Fehler beim Lesen der Antwort.";
  } finally {
    if (state.controller === controller) {
      state.controller = null;
      $("conversation").setAttribute("aria-busy", "false");
      $("send").disabled = false;
    }
  }
  renderTurn(turn);
  saveTurns();
  // The question at the top of the window, the answer below it, clear of the sticky form.
  turn.node.scrollIntoView({ block: "start" });
}

function onEvent(turn, { name, data }) {
  if (name === "delta") {
    turn.text += data.text;
    turn.deltas += 1;
    turn.status = "streaming";
  } else if (name === "citation") {
    turn.citations.push(data);
  } else if (name === "done") {
    turn.answer = data;
    turn.status = "done";
  } else if (name === "error") {
    turn.status = "error";
    turn.error = data.detail;
  }
  renderTurn(turn);
}

function submit(event) {
  event.preventDefault();
  const box = $("question");
  const question = box.value.trim();
  showFormError("");
  if (!question) return showFormError("Bitte eine Frage eingeben.");
  // Without the server's limit (not loaded yet) the server checks it and answers in German.
  const limit = state.config ? state.config.max_question_chars : Infinity;
  if (question.length > limit) {
    return showFormError(`Die Frage ist zu lang (${question.length} Zeichen, höchstens ${limit}).`);
  }
  const documents = selectedDocuments();
  if (documents && !documents.length) return showFormError("Bitte mindestens ein Dokument auswählen.");
  if (state.controller) return; // one question at a time
  box.value = "";
  box.focus();
  ask(question, documents);
}

function newConversation() {
  if (state.controller) state.controller.abort();
  state.controller = null;
  state.turns = [];
  sessionStorage.removeItem(STORAGE_KEY);
  closeSource();
  renderAll();
  $("conversation").setAttribute("aria-busy", "false");
  $("send").disabled = false;
  showFormError("");
  $("question").focus();
}

function init() {
  state.turns = loadTurns();
  renderAll();
  if (state.turns.length) state.turns[state.turns.length - 1].node.scrollIntoView({ block: "start" });
  initSources();
  $("ask-form").addEventListener("submit", submit);
  $("question").addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter adds a line; never while an input method is composing a word.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("ask-form").requestSubmit();
    }
  });
  $("new-conversation").addEventListener("click", newConversation);
  serverConfig()
    .then((config) => {
      state.config = config;
    })
    .catch(() => {});
  loadDocuments();
  document.documentElement.dataset.ready = "true";
}

init();
