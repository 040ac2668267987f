// The change feed strip: the newest writes since the page opened, pushed by the `factChanged` subscription over a
// same-origin WebSocket (graphql-transport-ws, through the vendored graphql-ws client); polled every few seconds
// instead when the socket cannot open, fails or closes. The strip's data-mode says which: "live" or "polling".

import "./vendor/graphql-ws.min.js";
import { gql } from "./api.js";
import { h } from "./dom.js";

const CHANGE = "seq at actor kind entityType entityId";
const FEED = `query Feed($since: DateTime, $after: String) { changes(since: $since, after: $after, first: 100) {
  edges { node { ${CHANGE} } } pageInfo { endCursor hasNextPage } } }`;
const LIVE = `subscription Live { factChanged { ${CHANGE} } }`;
const SHOWN = 8;
const EVERY_MS = 2000;

function socketUrl() {
  const url = new URL("graphql", location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

export function startFeed(strip, onChange) {
  const since = new Date().toISOString();
  const seen = new Set();
  let after = null;
  let shown = [];
  let polling = false;
  let client = null;
  const list = h("ol", { class: "feed-items" });
  strip.replaceChildren(h("span", { class: "feed-title" }, "Changes"), list);

  const paint = () => {
    if (!shown.length) {
      list.replaceChildren(h("li", { class: "muted" }, `none since ${since.slice(11, 19)} UTC`));
      return;
    }
    list.replaceChildren(...shown.map((c) => h("li", { class: `change change-${c.kind.toLowerCase()}` },
      `#${c.seq} ${c.kind.toLowerCase()} ${c.entityType} ${c.entityId} by ${c.actor}`)));
  };

  // Changes may come twice (the catch-up read and the socket, or a poll after the socket closed): each seq once.
  const add = (changes) => {
    const fresh = changes.filter((c) => !seen.has(c.seq));
    if (!fresh.length) return;
    fresh.forEach((c) => seen.add(c.seq));
    shown = fresh.concat(shown).sort((a, b) => b.seq - a.seq).slice(0, SHOWN);
    paint();
    onChange?.();
  };

  const catchUp = async () => {
    let more = true;
    while (more) {
      const page = (await gql(FEED, after ? { after } : { since })).changes;
      add(page.edges.map((e) => e.node));
      after = page.pageInfo.endCursor || after;
      more = page.pageInfo.hasNextPage;
    }
  };

  const poll = async () => {
    try {
      await catchUp();
    } catch {
      // A missed poll is retried at the next.
    }
    setTimeout(poll, EVERY_MS);
  };

  const fallBack = () => {
    if (polling) return;
    polling = true;
    strip.dataset.mode = "polling";
    client?.dispose().catch(() => {}); // the socket may be gone already
    poll();
  };

  strip.dataset.mode = "connecting";
  paint();
  const { createClient } = globalThis.graphqlWs || {};
  if (!createClient || !globalThis.WebSocket) {
    fallBack();
    return;
  }
  client = createClient({
    url: socketUrl(),
    retryAttempts: 0,
    on: {
      // Once the socket is up and the subscription sent (the next task), a catch-up read shows what was written
      // since the page opened, before the subscription began; `seen` drops what both bring. The strip is "live"
      // from then on.
      connected: () => {
        setTimeout(() => catchUp().then(() => {
          if (!polling) strip.dataset.mode = "live";
        }, fallBack));
      },
      closed: fallBack,
      error: fallBack,
    },
  });
  client.subscribe({ query: LIVE }, {
    next: (result) => (result.data ? add([result.data.factChanged]) : fallBack()),
    error: fallBack,
    complete: fallBack,
  });
}
