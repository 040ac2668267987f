// The proposals panel, apart from the facts: the proposer's pending proposals for the source, accepted or rejected
// with one click under the editor's token (kept in sessionStorage for this tab only).

import { gql, loadSchema, field } from "./api.js";
import { h } from "./dom.js";

const TOKEN_KEY = "citegraph-desk-token";
const LIST = `query Proposals($source: ID!) { proposals(source: $source, status: PROPOSED, first: 100) {
  edges { node { id kind status confidence quote start end summary gaps facts } } } }`;
const PROPOSE = `mutation Propose($source: ID!) { propose(source: $source) {
  __typename ... on Proposed { created } ... on Rejected { errors { message } } ... on Unauthorized { message } } }`;
const ACCEPT = `mutation Accept($id: ID!, $facts: JSON, $edits: [FactEdit!]) {
  acceptProposal(id: $id, facts: $facts, edits: $edits) {
  __typename ... on ProposalAccepted { proposal { id status } ingested { added } }
  ... on Rejected { errors { message } } ... on Unauthorized { message } } }`;
const REJECT = `mutation Reject($id: ID!, $reason: String) { rejectProposal(id: $id, reason: $reason) {
  __typename ... on ProposalRejected { proposal { id status } }
  ... on Rejected { errors { message } } ... on Unauthorized { message } } }`;

const token = () => sessionStorage.getItem(TOKEN_KEY) || "";

function outcome(result) {
  if (result.__typename === "Rejected") return result.errors.map((e) => e.message).join("; ");
  if (result.__typename === "Unauthorized") return result.message;
  return null;
}

export async function available() {
  const schema = await loadSchema();
  return Boolean(field(schema.query, "proposals"));
}

export async function renderProposals(panel, source, onDecided) {
  const status = h("p", { class: "status", role: "status" });
  const heading = h("h2", {}, "Proposals");
  if (!(await available())) {
    panel.replaceChildren(heading, h("p", { class: "note unavailable" }, "Proposals are not available on this server."));
    return;
  }
  const tokenField = h("input", {
    type: "password", id: "token", autocomplete: "off", value: token(), placeholder: "Editor token",
    oninput: (e) => sessionStorage.setItem(TOKEN_KEY, e.target.value.trim()),
  });
  const list = h("ul", { class: "proposal-list" });
  const say = (text, error = false) => {
    status.textContent = text;
    status.classList.toggle("error", error);
  };
  const refresh = async () => {
    try {
      const items = (await gql(LIST, { source }, token())).proposals.edges.map((edge) => edge.node);
      list.replaceChildren(...(items.length ? items.map(item) : [h("li", { class: "muted" }, "No pending proposals.")]));
    } catch (error) {
      say(`Could not list proposals: ${error.message}`, true);
    }
  };
  const decide = async (query, variables, done) => {
    try {
      const data = await gql(query, variables, token());
      const result = Object.values(data)[0];
      const refused = outcome(result);
      if (refused) return say(refused, true);
      say(done(result));
      await refresh();
      onDecided?.();
    } catch (error) {
      say(error.message, true);
    }
  };
  const item = (p) => {
    // A gap (a null the text cannot give) gets a field of its own; the facts can be edited whole below.
    const gapFields = p.gaps.map((path) =>
      h("input", { type: "text", class: "gap", "data-path": path, "aria-label": `Value for ${path}`, placeholder: path }));
    const original = JSON.stringify(p.facts, null, 2);
    const factsField = h("textarea", { class: "facts", rows: "8", spellcheck: "false", "aria-label": "Facts to write" });
    factsField.value = original;
    const accept = () => {
      const variables = { id: p.id };
      const edits = gapFields.filter((f) => f.value.trim()).map((f) => ({ path: f.dataset.path, value: f.value.trim() }));
      if (edits.length) variables.edits = edits;
      if (factsField.value !== original) {
        try {
          variables.facts = JSON.parse(factsField.value);
        } catch (error) {
          return say(`The facts are not JSON: ${error.message}`, true);
        }
      }
      return decide(ACCEPT, variables, (r) => `Accepted: ${r.ingested?.added ?? 0} added.`);
    };
    return h(
      "li",
      { class: "proposal", "data-id": p.id },
      h("p", {}, h("span", { class: "badge" }, p.kind), ` ${Math.round(p.confidence * 100)}%`),
      h("blockquote", { class: "quote" }, p.quote),
      h("p", {}, p.summary),
      ...(gapFields.length ? [h("div", { class: "gaps" }, h("p", { class: "note" }, "To fill before accepting:"),
        ...gapFields.map((f) => h("label", {}, h("code", {}, f.dataset.path), " ", f)))] : []),
      h("details", { class: "edit" }, h("summary", {}, "Edit facts"), factsField),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "accept", onclick: accept }, "Accept"),
        h("button", { type: "button", class: "reject", onclick: () =>
          decide(REJECT, { id: p.id, reason: "rejected at the desk" }, () => "Rejected.") }, "Reject"),
      ),
    );
  };
  const propose = h("button", { type: "button", class: "propose", onclick: () =>
    decide(PROPOSE, { source }, (r) => `Proposed: ${r.created} new.`) }, "Propose");
  panel.replaceChildren(
    heading,
    h("label", { for: "token" }, "Token "),
    tokenField,
    h("div", { class: "actions" }, propose),
    status,
    list,
  );
  await refresh();
}
