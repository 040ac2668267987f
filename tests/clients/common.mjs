// What the client scripts share: the operations they send, the fact document they ingest, and how they read
// their arguments and print their results (one JSON object on stdout; on failure a message on stderr, exit 1).

export const CASUALTY = `query Casualty {
  casualty(id: "Casualty:total-killed") { id count { low high wording citations { quote } } }
}`;

export const INGEST = `mutation Ingest($document: String!) {
  ingest(document: $document) {
    __typename
    ... on Ingested { added unchanged }
    ... on Unauthorized { message }
    ... on Rejected { errors { __typename message } }
  }
}`;

export const UNREGISTERED = `query Unregistered {
  sources(first: 1) { totalCount }
}`;

export const FEED = `query Feed($after: String) {
  changes(first: 100, after: $after) { pageInfo { endCursor hasNextPage } }
}`;

export const FACT_CHANGED = `subscription FactChanged($after: String) {
  factChanged(after: $after) { actor kind entityType entityId }
}`;

export const DOCUMENT = `
sources:
  - id: desk-note
    kind: OTHER
    title: Desk note
    text: "The example desk confirmed that Ana Ruiz chairs the example committee."
default_source: desk-note
persons:
  - id: ana-ruiz
    name: {value: Ana Ruiz, cite: Ana Ruiz}
`;

export const WRITE_TO_EVENT_MS = 1000;
// How soon after a write's answer its events must reach a subscriber (issue 14).

// The rows an ingest added; an answer other than Ingested is a failure, reported with what it says.
export function added(mutation) {
  if (mutation.ingest.__typename !== "Ingested") {
    throw new Error(`the ingest was not stored: ${JSON.stringify(mutation.ingest)}`);
  }
  return mutation.ingest.added;
}

export function url(example) {
  const given = process.argv[2];
  if (!given) {
    fail(new Error(`usage: node ${process.argv[1]} ${example} (token in CITEGRAPH_TOKEN)`));
  }
  return given;
}

export function token() {
  const given = process.env.CITEGRAPH_TOKEN;
  if (!given) {
    fail(new Error("CITEGRAPH_TOKEN must hold an editor's token (citegraph token create --role editor)"));
  }
  return given;
}

// The change feed's last cursor, paged to as a client catching up does: a subscription after it misses nothing.
// `page(after)` answers FEED.
export async function feedEnd(page) {
  let after = null;
  for (;;) {
    const { pageInfo } = (await page(after)).changes;
    after = pageInfo.endCursor ?? after;
    if (!pageInfo.hasNextPage) {
      return after;
    }
  }
}

// Subscription events as they arrive; `first(count, ms)` waits at most `ms` for the first `count` of them.
export class Events {
  constructor() {
    this.received = [];
    this.waiting = null;
  }

  add(event) {
    this.received.push(event);
    this.waiting?.();
  }

  fail(error) {
    this.error = error;
    this.waiting?.();
  }

  first(count, ms) {
    return new Promise((resolve, reject) => {
      const late = () => reject(new Error(`${this.received.length} of ${count} events within ${ms} ms`));
      const timer = setTimeout(late, ms);
      this.waiting = () => {
        if (this.error !== undefined) {
          clearTimeout(timer);
          reject(this.error);
        } else if (this.received.length >= count) {
          clearTimeout(timer);
          resolve(this.received.slice(0, count));
        }
      };
      this.waiting();
    });
  }
}

export function report(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

export function fail(error) {
  process.stderr.write(`${error?.stack ?? JSON.stringify(error)}\n`);
  process.exit(1);
}
