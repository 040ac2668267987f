// The fact card: every fact a point of the text supports, each with its value, citations, disputes and history.

import { gql, loadSchema } from "./api.js";
import { h, entityHref } from "./dom.js";
import { factQuery } from "./selections.js";
import { kindOf } from "./spans.js";
import { citationsView, disputeView, historyView, nameOf, valueOf } from "./values.js";

const card = () => document.getElementById("card");
let opener = null;

export function closeCard() {
  const el = card();
  if (el.hidden) return;
  el.hidden = true;
  el.replaceChildren();
  if (opener && document.contains(opener)) opener.focus();
  opener = null;
}

async function factSection(support) {
  const node = support.node;
  if (!node) return h("section", { class: "fact" }, h("p", { class: "muted" }, "A fact no longer stored."));
  const schema = await loadSchema();
  const data = await gql(factQuery(schema, node.__typename, support.field), { id: node.id });
  const found = data.node;
  const own = support.field === "citations";
  const fact = own ? found : found.fact;
  return h(
    "section",
    { class: `fact kind-${kindOf(support)}` },
    h(
      "h3",
      {},
      h("span", { class: `swatch kind-${kindOf(support)}` }),
      `${node.__typename} · ${support.field} · `,
      h("a", { href: entityHref(node.id), class: "entity-link" }, nameOf(found) || node.id),
    ),
    h("p", { class: "value" }, h("strong", {}, "Value: "), own ? nameOf(found) : valueOf(fact)),
    h("h4", {}, "Citations"),
    citationsView(fact?.citations),
    disputeView(own ? null : fact),
    h("details", { class: "history-block" }, h("summary", {}, "History"), historyView(found.history, own ? null : support.field)),
  );
}

/** Opens the card on `supports`, the facts covering the point `from` was clicked (or entered) at. */
export async function openCard(supports, from) {
  opener = from;
  const el = card();
  const title = h("h2", { id: "card-title" }, `${supports.length} cited fact(s) here`);
  const close = h("button", { type: "button", class: "close", onclick: closeCard, "aria-label": "Close the fact card" }, "×");
  const body = h("div", { class: "card-body" }, h("p", { class: "muted" }, "Loading…"));
  el.replaceChildren(h("div", { class: "card-head" }, title, close), body);
  el.hidden = false;
  close.focus();
  try {
    const sections = await Promise.all(supports.map(factSection));
    body.replaceChildren(...sections);
  } catch (error) {
    body.replaceChildren(h("p", { class: "error" }, `Could not load the facts: ${error.message}`));
  }
}
