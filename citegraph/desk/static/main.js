// The desk: routing between a source's text (#/source/<id>, the default) and an entity's page (#/entity/<id>).

import { gql } from "./api.js";
import { closeCard, openCard } from "./card.js";
import { h } from "./dom.js";
import { renderEntity } from "./entity.js";
import { startFeed } from "./feed.js";
import { renderProposals } from "./proposals.js";
import { factsAt, LEGEND, renderText, spansOf } from "./spans.js";

const DEFAULT_SOURCE = "Source:maduro-raid-article";
const SOURCES = `{ sources(first: 100) { edges { node { id title kind publisher } } } }`;
const SOURCE = `query Source($id: ID!, $after: String) { source(id: $id) { id title kind publisher url publishedOn text
  supports(first: 100, after: $after) { totalCount pageInfo { endCursor hasNextPage }
    edges { node { field otherCitations otherSources node { __typename id } citation { id start end kind quote } } } } } }`;

const view = document.getElementById("view");
const picker = document.getElementById("source-picker");
const panel = document.getElementById("proposals");
let current = null;

function sourceId() {
  return sessionStorage.getItem("citegraph-desk-source") || DEFAULT_SOURCE;
}

async function loadSource(id) {
  let after = null;
  let source = null;
  const supports = [];
  do {
    const data = await gql(SOURCE, { id, after });
    source = data.source;
    if (!source) return null;
    supports.push(...source.supports.edges.map((e) => e.node));
    after = source.supports.pageInfo.hasNextPage ? source.supports.pageInfo.endCursor : null;
  } while (after);
  return { source, supports };
}

async function renderSource(id) {
  view.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  const loaded = await loadSource(id);
  if (!loaded) {
    view.replaceChildren(h("p", { class: "error" }, `No source ${id}.`));
    return;
  }
  const { source, supports } = loaded;
  const spans = spansOf(supports);
  const text = h("div", { class: "source-text", id: "source-text" });
  renderText(text, source.text, spans);
  text.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.span");
    if (mark) openCard(factsAt(spans, mark), mark);
  });
  text.addEventListener("keydown", (event) => {
    const mark = event.target.closest("mark.span");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      openCard(factsAt(spans, mark), mark);
    }
  });
  view.replaceChildren(
    h("h2", {}, source.title || source.id),
    h("p", { class: "muted" }, [source.kind, source.publisher, source.publishedOn].filter(Boolean).join(" · "),
      ` · ${supports.length} citations over ${spans.length} spans`),
    h("ul", { class: "legend", "aria-label": "Kinds of fact" },
      LEGEND.map(([kind, label]) => h("li", {}, h("span", { class: `swatch kind-${kind}` }), label))),
    text,
  );
}

async function route() {
  closeCard();
  const [, kind, raw] = location.hash.match(/^#\/(source|entity)\/(.+)$/) || [];
  const id = raw ? decodeURIComponent(raw) : null;
  try {
    if (kind === "entity") {
      current = { kind, id };
      await renderEntity(view, id);
      document.getElementById("entity-title")?.focus();
    } else {
      const source = kind === "source" ? id : sourceId();
      current = { kind: "source", id: source };
      picker.value = source;
      await renderSource(source);
      await renderProposals(panel, source, () => renderSource(source));
    }
  } catch (error) {
    view.replaceChildren(h("p", { class: "error" }, `Could not load: ${error.message}`));
  }
}

async function start() {
  const sources = (await gql(SOURCES)).sources.edges.map((e) => e.node);
  picker.replaceChildren(...sources.map((s) => h("option", { value: s.id }, s.title || s.id)));
  picker.addEventListener("change", () => {
    sessionStorage.setItem("citegraph-desk-source", picker.value);
    location.hash = `#/source/${encodeURIComponent(picker.value)}`;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeCard();
  });
  window.addEventListener("hashchange", route);
  startFeed(document.getElementById("feed"), () => {
    if (current?.kind === "source" && document.getElementById("card").hidden) renderSource(current.id);
  });
  await route();
}

start();
