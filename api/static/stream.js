// POST a question to /api/ask/stream and hand each server-sent event to a callback.
// EventSource only does GET, so the stream is read from fetch() and split by hand.

export class AskError extends Error {}

function parseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  if (!data.length) return null;
  try {
    return { name, data: JSON.parse(data.join("\n")) };
  } catch {
    return null;
  }
}

async function errorDetail(response) {
  try {
    const body = await response.json();
    if (body && typeof body.detail === "string") return body.detail;
  } catch {
    // not JSON: fall through to the status line
  }
  if (response.status === 413) return "Die Anfrage ist zu groß.";
  return `Der Dienst antwortete mit Fehler ${response.status}.`;
}

export async function streamAnswer(body, onEvent, signal) {
  let response;
  try {
    response = await fetch("/api/ask/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new AskError("Der Dienst ist nicht erreichbar. Läuft der Server noch?");
  }
  if (!response.ok || !response.body) throw new AskError(await errorDetail(response));

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let finished = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event) {
        if (event.name === "done" || event.name === "error") finished = true;
        onEvent(event);
      }
      end = buffer.indexOf("\n\n");
    }
  }
  if (!finished) throw new AskError("Die Verbindung wurde unterbrochen, bevor die Antwort vollständig war.");
}
