// How facts read on the page: values, citations, rivals, ranges and history.

import { h, entityHref } from "./dom.js";

export function nameOf(node) {
  if (!node || typeof node !== "object") return "";
  for (const key of ["name", "title", "description", "summary", "offence", "plea"]) {
    const v = node[key];
    if (v && typeof v === "object" && "value" in v) return String(v.value);
    if (typeof v === "string") return v;
  }
  if (node.event?.title) return `${node.role || ""} in ${node.event.title.value}`.trim();
  if (node.organization?.name) return `${node.role || ""} of ${node.organization.name.value}`.trim();
  if (node.role) return node.role;
  return node.id || node.__typename || "";
}

export function nodeLink(node) {
  if (!node) return "—";
  return h("a", { href: entityHref(node.id), class: "entity-link" }, nameOf(node) || node.id);
}

function plain(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** low–high, or the one bound given (`open` naming a missing high bound where the reader needs it). */
function bounds(low, high, open = null) {
  if (low === high || high === null || high === undefined) return open && low !== high ? `${plain(low)}–${open}` : plain(low);
  if (low === null || low === undefined) return plain(high);
  return `${plain(low)}–${plain(high)}`;
}

/** A cited value as text or links: counts with their wording, dates with their end, terms by label, nodes linked. */
export function valueOf(fact) {
  if (fact === null || fact === undefined) return "—";
  if (Array.isArray(fact)) return h("span", {}, ...fact.flatMap((f, i) => (i ? [", ", valueOf(f)] : [valueOf(f)])));
  if (typeof fact !== "object") return plain(fact);
  if ("low" in fact || "high" in fact) {
    const both = bounds(fact.low, fact.high);
    return `${(fact.wording || "").toLowerCase().replace("_", " ")} ${both}`.trim();
  }
  if ("min" in fact || "max" in fact) return `${plain(fact.min)}–${plain(fact.max)}`;
  if (fact.term) return `${fact.term.label} (${fact.value})`;
  if ("value" in fact) {
    const v = fact.value;
    if (v && typeof v === "object" && v.id) return nodeLink(v);
    return fact.end ? `${plain(v)} – ${plain(fact.end)}` : plain(v);
  }
  if (fact.id) return nodeLink(fact);
  return plain(fact);
}

function agentName(agent) {
  return agent ? nameOf(agent) : null;
}

export function citationView(c) {
  const by = agentName(c.attributedTo);
  const via = agentName(c.via);
  return h(
    "li",
    { class: "citation" },
    h("blockquote", { class: "quote" }, c.quote),
    h("p", { class: "line" }, c.line),
    h(
      "p",
      { class: "attribution" },
      c.kind === "INFERRED" ? "Inferred" : "Quoted",
      by ? ` · said by ${by}` : "",
      via ? ` · via ${via}` : "",
      c.start !== undefined ? ` · chars ${c.start}–${c.end}` : "",
      c.note ? ` · ${c.note}` : "",
    ),
  );
}

export function citationsView(citations) {
  if (!citations || !citations.length) return h("p", { class: "muted" }, "No citations.");
  return h("ul", { class: "citations" }, citations.map(citationView));
}

function rangeView(fact) {
  const r = fact.range;
  if (!r) return null;
  const text = "low" in r ? bounds(r.low, r.high, "no upper bound") : `${plain(r.start)} – ${plain(r.end ?? "open")}`;
  return h("p", { class: "range" }, `Range over the sources: ${text}`);
}

/** A rival's stored value (the row's columns, e.g. count_low) as the card shows the value it rivals. */
function rivalValue(value) {
  if (!value || typeof value !== "object") return plain(value);
  if ("count_low" in value || "count_high" in value) {
    return valueOf({ low: value.count_low, high: value.count_high, wording: value.count_wording });
  }
  const entries = Object.entries(value);
  if (entries.length === 1) return plain(entries[0][1]);
  return entries.map(([k, v]) => `${k.replace(/_/g, " ")}: ${plain(v)}`).join(", ");
}

/** Disputes side by side: the value held, then every rival, each with its rank, sources and citations. */
export function disputeView(fact) {
  if (!fact || typeof fact !== "object" || Array.isArray(fact)) return null;
  const rivals = fact.alternatives || [];
  const flags = [
    fact.disputed ? h("span", { class: "badge disputed" }, "Disputed") : null,
    fact.contested ? h("span", { class: "badge contested" }, "Contested") : null,
  ];
  if (!rivals.length && !fact.disputed && !fact.contested && !fact.range) return null;
  return h(
    "section",
    { class: "dispute" },
    h("h4", {}, "Disputes ", ...flags),
    rangeView(fact),
    rivals.length
      ? h(
          "div",
          { class: "rivals" },
          h(
            "div",
            { class: "rival held" },
            h("p", { class: "rival-value" }, valueOf(fact)),
            h("p", { class: "muted" }, `held · ${fact.sources} source(s)`),
            h("ul", { class: "citations" }, (fact.citations || []).map((c) => h("li", {}, h("q", {}, c.quote), " ", c.line))),
          ),
          rivals.map((a) =>
            h(
              "div",
              { class: `rival rank-${a.rank.toLowerCase()}` },
              h("p", { class: "rival-value" }, rivalValue(a.value)),
              h("p", { class: "muted" }, `${a.rank.toLowerCase()} · ${a.sources} source(s)`),
              h("ul", { class: "citations" }, a.citations.map((c) => h("li", {}, h("q", {}, c.quote), " ", c.line))),
            ),
          ),
        )
      : null,
  );
}

export function historyView(history, fieldName) {
  const rows = (history || []).filter((r) => !fieldName || r.field === fieldName);
  if (!rows.length) return h("p", { class: "muted" }, "No earlier values.");
  return h(
    "table",
    { class: "history" },
    h("thead", {}, h("tr", {}, ["Field", "Value", "Recorded", "Closed", "Reason"].map((t) => h("th", {}, t)))),
    h(
      "tbody",
      {},
      rows.map((r) =>
        h(
          "tr",
          {},
          h("td", {}, r.field),
          h("td", {}, plain(r.value)),
          h("td", {}, `${r.recordedAt} by ${r.recordedBy}`),
          h("td", {}, `${r.closedAt} by ${r.closedBy}`),
          h("td", {}, r.reason),
        ),
      ),
    ),
  );
}
