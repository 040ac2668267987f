// A source's text with every cited span marked: segments cut at each span's ends, each underlined once per span
// covering it (outermost first), so that overlapping spans stay readable.

const DATE_FIELDS = new Set(["date", "start", "end", "reportedOn", "time", "publishedOn"]);
const KINDS = {
  Person: "person", PersonRelationship: "person", Membership: "organization",
  Organization: "organization", OrganizationRelationship: "organization", Place: "place",
  Casualty: "count", CasualtyAffiliation: "count", CasualtyComponent: "count", CasualtyRank: "count",
  Event: "event", Participation: "event",
  LegalProceeding: "legal", Charge: "legal", Defendant: "legal", PleaEntry: "legal", Hearing: "legal",
  Judge: "legal", Demand: "legal", DemandTerm: "legal",
};
export const LEGEND = [
  ["person", "Person"], ["organization", "Organization"], ["place", "Place"], ["count", "Count / casualty"],
  ["date", "Date"], ["event", "Event"], ["legal", "Legal"], ["other", "Other"],
];
const MAX_LAYERS = 4;

export function kindOf(support) {
  if (DATE_FIELDS.has(support.field)) return "date";
  return KINDS[support.node?.__typename] || "other";
}

/** The supports grouped by their span (start, end), in the text's order, outer spans first. */
export function spansOf(supports) {
  const byRange = new Map();
  for (const support of supports) {
    const { start, end } = support.citation;
    if (!(end > start)) continue;
    const key = `${start}:${end}`;
    if (!byRange.has(key)) byRange.set(key, { start, end, supports: [], kind: kindOf(support) });
    byRange.get(key).supports.push(support);
  }
  return [...byRange.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** `text` into `container`: plain text and <mark> segments; a segment beginning a span is focusable. */
export function renderText(container, text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) cuts.add(Math.min(s.start, text.length)).add(Math.min(s.end, text.length));
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Set(spans.map((s) => s.start));
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i += 1) {
    const from = points[i];
    const to = points[i + 1];
    const covering = spans.filter((s) => s.start <= from && s.end >= to);
    const piece = text.slice(from, to);
    if (!covering.length) {
      fragment.append(piece);
      continue;
    }
    const mark = document.createElement("mark");
    mark.textContent = piece;
    mark.dataset.start = String(from);
    mark.dataset.end = String(to);
    mark.dataset.kind = covering[0].kind;
    mark.dataset.facts = String(covering.reduce((n, s) => n + s.supports.length, 0));
    mark.className = `span kind-${covering[0].kind}`;
    const layers = covering.slice(0, MAX_LAYERS).map((s, depth) => `0 ${3 * (depth + 1)}px 0 0 var(--${s.kind})`);
    mark.style.boxShadow = layers.join(", ");
    if (covering.length > 1) mark.classList.add("overlap");
    if (starts.has(from)) {
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      const kinds = [...new Set(covering.map((s) => s.kind))].join(", ");
      const whole = spans.find((s) => s.start === from);
      mark.setAttribute("aria-label", `${text.slice(from, whole.end)}: ${mark.dataset.facts} cited fact(s), ${kinds}`);
    }
    fragment.append(mark);
  }
  container.replaceChildren(fragment);
}

/** The supports of every span covering the segment `mark`. */
export function factsAt(spans, mark) {
  const from = Number(mark.dataset.start);
  const to = Number(mark.dataset.end);
  return spans.filter((s) => s.start <= from && s.end >= to).flatMap((s) => s.supports);
}
