// Under each answer: "hilfreich" / "nicht hilfreich", for the latter an optional comment and which
// source is wrong. Sent to POST /api/answers/<id>/feedback; the team reviews it on /feedback.

import { el } from "./dom.js";

let counter = 0;

async function send(answerId, body) {
  const response = await fetch(`/api/answers/${encodeURIComponent(answerId)}/feedback`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const detail = await response
      .json()
      .then((b) => b.detail)
      .catch(() => null);
    throw new Error(detail || `Fehler ${response.status}`);
  }
}

export function feedbackForm(turn, config, saved) {
  const id = ++counter;
  const box = el("div", { className: "feedback", attrs: { role: "group", "aria-label": "Rückmeldung zur Antwort" } });
  const status = el("p", { className: "feedback-status", attrs: { role: "status" } });
  if (turn.feedback) {
    status.textContent = "Danke für Ihre Rückmeldung.";
    box.append(status);
    return box;
  }
  const up = el("button", { className: "feedback-up", text: "hilfreich", attrs: { type: "button" } });
  const down = el("button", {
    className: "feedback-down",
    text: "nicht hilfreich",
    attrs: { type: "button", "aria-expanded": "false", "aria-controls": `feedback-form-${id}` },
  });
  const buttons = el("div", { className: "feedback-buttons" }, [
    el("span", { className: "muted", text: "War die Antwort hilfreich?" }),
    up,
    down,
  ]);

  const comment = el("textarea", {
    attrs: { id: `feedback-comment-${id}`, rows: "2", maxlength: config ? String(config.max_comment_chars) : null },
  });
  const which = el("select", { attrs: { id: `feedback-citation-${id}` } }, [
    el("option", { text: "keine bestimmte", attrs: { value: "" } }),
    ...turn.answer.citations.map((c) => el("option", { text: `[${c.n}] ${c.title}`, attrs: { value: String(c.n) } })),
  ]);
  const submit = el("button", { className: "primary", text: "Rückmeldung senden", attrs: { type: "submit" } });
  const form = el("form", { className: "feedback-form", attrs: { id: `feedback-form-${id}` } }, [
    el("label", { text: "Was stimmt nicht? (optional)", attrs: { for: `feedback-comment-${id}` } }),
    comment,
    ...(turn.answer.citations.length
      ? [el("label", { text: "Welche Quelle ist falsch? (optional)", attrs: { for: `feedback-citation-${id}` } }), which]
      : []),
    submit,
  ]);
  form.hidden = true;

  async function deliver(body) {
    up.disabled = down.disabled = submit.disabled = true;
    try {
      await send(turn.answer.id, body);
      turn.feedback = body.rating;
      saved();
      buttons.remove();
      form.remove();
      status.textContent = "Danke für Ihre Rückmeldung.";
    } catch (error) {
      status.textContent = `Die Rückmeldung konnte nicht gesendet werden: ${error.message}`;
      up.disabled = down.disabled = submit.disabled = false;
    }
  }

  up.addEventListener("click", () => deliver({ rating: "up" }));
  down.addEventListener("click", () => {
    form.hidden = !form.hidden;
    down.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) comment.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { rating: "down" };
    if (comment.value.trim()) body.comment = comment.value.trim();
    if (which.value) body.citation = Number(which.value);
    deliver(body);
  });
  box.append(buttons, form, status);
  return box;
}
