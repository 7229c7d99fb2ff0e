// An offline API reference rendered from /openapi.json (Swagger UI would need a CDN).

import { clear, el } from "./dom.js";

const METHODS = ["get", "post", "put", "patch", "delete"];

function refName(schema) {
  return schema && schema.$ref ? schema.$ref.split("/").pop() : null;
}

function typeOf(schema, components) {
  if (!schema) return "";
  const name = refName(schema);
  if (name) return name;
  if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s, components)).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return `${typeOf(schema.items, components)}[]`;
  return schema.type || "";
}

function fields(schema, components) {
  const name = refName(schema);
  const resolved = name ? components[name] : schema;
  if (!resolved || !resolved.properties) return null;
  const required = new Set(resolved.required || []);
  const rows = Object.entries(resolved.properties).map(([field, spec]) =>
    el("li", {}, [
      el("code", { text: field }),
      document.createTextNode(`: ${typeOf(spec, components)}${required.has(field) ? " (Pflicht)" : ""}`),
      spec.description ? el("span", { className: "muted", text: ` – ${spec.description}` }) : null,
    ]),
  );
  return el("ul", { className: "fields" }, rows);
}

function operation(path, method, spec, components) {
  const badge = el("span", { className: `method method-${method}`, text: method.toUpperCase() });
  const section = el("section", { className: "operation" }, [
    el("h2", {}, [badge, el("code", { text: ` ${path}` })]),
    spec.summary ? el("p", { className: "summary", text: spec.summary }) : null,
    spec.description ? el("p", { className: "description", text: spec.description }) : null,
  ]);
  const params = spec.parameters || [];
  if (params.length) {
    const rows = params.map((p) => {
      const what = ` (${p.in}): ${typeOf(p.schema, components)}${p.required ? " (Pflicht)" : ""}`;
      return el("li", {}, [el("code", { text: p.name }), document.createTextNode(what)]);
    });
    section.append(el("h3", { text: "Parameter" }), el("ul", { className: "fields" }, rows));
  }
  const body = spec.requestBody && spec.requestBody.content && spec.requestBody.content["application/json"];
  if (body) {
    section.append(el("h3", { text: `Anfrage: ${typeOf(body.schema, components)}` }), fields(body.schema, components));
  }
  const responses = Object.entries(spec.responses || {}).map(([status, response]) => {
    const content = response.content || {};
    const types = Object.entries(content).map(([mime, c]) => (c.schema ? `${mime}: ${typeOf(c.schema, components)}` : mime));
    const what = ` ${response.description || ""}${types.length ? ` – ${types.join(", ")}` : ""}`;
    return el("li", {}, [el("code", { text: status }), document.createTextNode(what)]);
  });
  section.append(el("h3", { text: "Antworten" }), el("ul", { className: "fields" }, responses));
  return section;
}

async function render() {
  const target = document.getElementById("api-operations");
  try {
    const response = await fetch("/openapi.json");
    const api = await response.json();
    const components = (api.components && api.components.schemas) || {};
    document.getElementById("api-description").textContent = api.info.description || "";
    clear(target);
    for (const [path, item] of Object.entries(api.paths)) {
      for (const method of METHODS) {
        if (item[method]) target.append(operation(path, method, item[method], components));
      }
    }
  } catch {
    target.textContent = "Die API-Beschreibung konnte nicht geladen werden.";
  }
}

render();
