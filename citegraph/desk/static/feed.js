// The change feed strip: the newest writes since the page opened, polled every few seconds.

import { gql } from "./api.js";
import { h } from "./dom.js";

const FEED = `query Feed($since: DateTime, $after: String) { changes(since: $since, after: $after, first: 100) {
  edges { cursor node { seq at actor kind entityType entityId } } pageInfo { endCursor hasNextPage } } }`;
const SHOWN = 8;
const EVERY_MS = 2000;

export function startFeed(strip, onChange) {
  const since = new Date().toISOString();
  let after = null;
  let shown = [];
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
  const poll = async () => {
    try {
      let more = true;
      let fresh = [];
      while (more) {
        const page = (await gql(FEED, after ? { after } : { since })).changes;
        fresh = fresh.concat(page.edges.map((e) => e.node));
        after = page.pageInfo.endCursor || after;
        more = page.pageInfo.hasNextPage;
      }
      if (fresh.length) {
        shown = fresh.reverse().concat(shown).slice(0, SHOWN);
        paint();
        onChange?.();
      }
    } catch {
      // A missed poll is retried at the next.
    }
    setTimeout(poll, EVERY_MS);
  };
  paint();
  poll();
}
