// GraphQL selections built from the schema, so that a fact card can ask for any field a citation supports.

import { named, field } from "./api.js";

const AGENT = "__typename ... on Person { id name { value } } ... on Organization { id name { value } }";
export const CITATION = `{ id quote start end kind note line source { id title }
  attributedTo { ${AGENT} } via { ${AGENT} } }`;
export const ALTERNATIVE = `{ id value rank sources recordedAt recordedBy citations { quote line } }`;
export const HISTORY = `{ field value recordedAt recordedBy closedAt closedBy reason }`;

const LABELS = {
  Participation: "role event { id title { value } date { value } } participant { " + AGENT + " }",
  Membership: "role person { id name { value } } organization { id name { value } }",
};
const LABEL_FIELDS = ["name", "title", "description", "summary", "offence", "plea", "role"];

function isNode(type) {
  return (type.interfaces || []).some((i) => i.name === "Node");
}

function callable(f) {
  return f.args.every((a) => a.type.kind !== "NON_NULL" || a.defaultValue !== null);
}

export function label(schema, typeName) {
  const type = schema.types[typeName];
  if (LABELS[typeName]) return `__typename id ${LABELS[typeName]}`;
  for (const name of LABEL_FIELDS) {
    const f = field(type, name);
    if (!f) continue;
    const inner = schema.types[named(f.type)];
    if (inner.kind === "SCALAR" || inner.kind === "ENUM") return `__typename id ${name}`;
    if (field(inner, "value")) return `__typename id ${name} { value }`;
  }
  return "__typename id";
}

/** The selection set of `typeName`: its scalars, citations, rivals and history in full; other objects to `depth`,
 * and nodes below the top by their label only. */
export function selection(schema, typeName, depth, top = true) {
  const type = schema.types[typeName];
  if (!type || type.kind === "SCALAR" || type.kind === "ENUM") return "";
  if (typeName === "Citation") return CITATION;
  if (typeName === "Alternative") return ALTERNATIVE;
  if (typeName === "FormerValue") return HISTORY;
  if (type.kind === "UNION" || type.kind === "INTERFACE") {
    const parts = type.possibleTypes.map((p) => `... on ${p.name} { ${label(schema, p.name)} }`);
    return `{ __typename ${parts.join(" ")} }`;
  }
  if (!top && isNode(type)) return `{ ${label(schema, typeName)} }`;
  if (depth < 0) return "";
  const parts = [];
  for (const f of type.fields || []) {
    if (!callable(f)) continue;
    const inner = schema.types[named(f.type)];
    if (inner.kind === "SCALAR" || inner.kind === "ENUM") {
      parts.push(f.name);
      continue;
    }
    if (f.name === "history" && !top) continue;
    const sub = selection(schema, inner.name, depth - 1, false);
    if (sub) parts.push(`${f.name} ${sub}`);
  }
  return parts.length ? `{ ${parts.join(" ")} }` : "";
}

/** One fact: the `fieldName` of the node `typeName`, its history and the node's label. */
export function factQuery(schema, typeName, fieldName) {
  const type = schema.types[typeName];
  const f = field(type, fieldName);
  const history = field(type, "history") ? `history ${HISTORY}` : "";
  const labelled = label(schema, typeName);
  let body;
  if (!f || fieldName === "citations") {
    body = selection(schema, typeName, 1, true).slice(1, -1);
  } else {
    const inner = schema.types[named(f.type)];
    const sub = inner.kind === "SCALAR" || inner.kind === "ENUM" ? "" : selection(schema, inner.name, 2, true);
    body = `${labelled} fact: ${fieldName} ${sub} ${history}`;
  }
  return `query Fact($id: ID!) { node(id: $id) { __typename id ... on ${typeName} { ${body} } } }`;
}
