// An entity's page: its facts (every cited field, with citations and disputes) and a timeline of its events.

import { gql, loadSchema, named, isCited } from "./api.js";
import { h, entityHref } from "./dom.js";
import { selection } from "./selections.js";
import { citationsView, disputeView, historyView, nameOf, nodeLink, valueOf } from "./values.js";

const TIMELINE = `query Timeline($filter: EventFilter) { events(filter: $filter, orderBy: DATE_ASC, first: 100) {
  edges { node { id title { value } date { value end } kind { value term { label } } place { value { id name { value } } } } } } }`;

function timelineFilter(typename, id) {
  if (typename === "Person" || typename === "Organization") return { participant: id };
  if (typename === "Place") return { place: id };
  if (typename === "Event") return { parent: id };
  return null;
}

function factRow(schema, type, name, value) {
  const f = type.fields.find((x) => x.name === name);
  const inner = schema.types[named(f.type)];
  if (!isCited(inner) || value === null || value === undefined) return null;
  const items = Array.isArray(value) ? value : [value];
  if (!items.length) return null;
  return h(
    "section",
    { class: "fact" },
    h("h3", {}, name),
    items.map((item) =>
      h(
        "div",
        { class: "entity-fact" },
        h("p", { class: "value" }, item.citations ? valueOf(item) : nodeLink(item)),
        item.citations ? citationsView(item.citations) : null,
        item.citations ? disputeView(item) : null,
      ),
    ),
  );
}

function timeline(events) {
  if (!events.length) return h("p", { class: "muted" }, "No events.");
  return h(
    "ol",
    { class: "timeline" },
    events.map((e) =>
      h(
        "li",
        {},
        h("time", {}, e.date ? `${e.date.value}${e.date.end ? ` – ${e.date.end}` : ""}` : "undated"),
        " ",
        nodeLink(e),
        e.kind?.term ? h("span", { class: "muted" }, ` · ${e.kind.term.label}`) : null,
        e.place?.value ? h("span", { class: "muted" }, " · ", nodeLink(e.place.value)) : null,
      ),
    ),
  );
}

export async function renderEntity(view, id) {
  view.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  const schema = await loadSchema();
  const probe = await gql("query ($id: ID!) { node(id: $id) { __typename id } }", { id });
  if (!probe.node) {
    view.replaceChildren(h("p", { class: "error" }, `Nothing is stored under ${id}.`));
    return;
  }
  const typename = probe.node.__typename;
  const type = schema.types[typename];
  const query = `query Entity($id: ID!) { node(id: $id) { __typename id ... on ${typename} ${selection(schema, typename, 2)} } }`;
  const node = (await gql(query, { id })).node;
  const filter = timelineFilter(typename, id);
  const events = filter ? (await gql(TIMELINE, { filter })).events.edges.map((e) => e.node) : [];
  const facts = type.fields.map((f) => factRow(schema, type, f.name, node[f.name])).filter(Boolean);
  view.replaceChildren(
    h(
      "article",
      { class: "entity" },
      h("p", {}, h("a", { href: "#/" }, "← Back to the source")),
      h("h2", { id: "entity-title" }, `${typename}: ${nameOf(node) || id}`),
      h("p", { class: "muted" }, id),
      h("h3", { class: "section-title" }, "Timeline"),
      filter ? timeline(events) : h("p", { class: "muted" }, "No timeline for this kind of object."),
      h("h3", { class: "section-title" }, "Facts"),
      facts.length ? facts : h("p", { class: "muted" }, "No cited facts."),
      node.citations ? citationsView(node.citations) : null,
      h("details", { class: "history-block" }, h("summary", {}, "History"), historyView(node.history, null)),
    ),
  );
  view.querySelector("h2")?.setAttribute("tabindex", "-1");
}

export { entityHref };
