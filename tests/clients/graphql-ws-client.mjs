// graphql-ws (the graphql-transport-ws protocol) over one WebSocket: a query, an ingest with the editor's token
// (sent as the upgrade request's Authorization header, as Node's `ws` allows), and factChanged after the feed's
// end, whose events must arrive within WRITE_TO_EVENT_MS of the ingest's answer. Prints {query, mutation, events}.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

import {
  CASUALTY,
  DOCUMENT,
  Events,
  FACT_CHANGED,
  FEED,
  INGEST,
  WRITE_TO_EVENT_MS,
  added,
  fail,
  feedEnd,
  report,
  token,
  url,
} from "./common.mjs";

const headers = { Authorization: `Bearer ${token()}` };

class AuthorizedWebSocket extends WebSocket {
  constructor(address, protocols) {
    super(address, protocols, { headers });
  }
}

const client = createClient({
  url: url("ws://127.0.0.1:8000/graphql"),
  webSocketImpl: AuthorizedWebSocket,
  retryAttempts: 0,
});

async function answer(query, variables) {
  for await (const result of client.iterate({ query, variables })) {
    if (result.errors) {
      throw new Error(JSON.stringify(result.errors));
    }
    return result.data;
  }
  throw new Error("the operation completed without a result");
}

try {
  const query = await answer(CASUALTY);
  const after = await feedEnd((cursor) => answer(FEED, { after: cursor }));
  const events = new Events();
  const stop = client.subscribe(
    { query: FACT_CHANGED, variables: { after } },
    {
      next: (result) => (result.errors ? events.fail(result.errors) : events.add(result.data.factChanged)),
      error: (error) => events.fail(error),
      complete: () => {},
    },
  );
  const mutation = await answer(INGEST, { document: DOCUMENT });
  const heard = await events.first(added(mutation), WRITE_TO_EVENT_MS);
  stop();
  await client.dispose();
  report({ query, mutation, events: heard });
} catch (error) {
  fail(error);
}
