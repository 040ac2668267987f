// Apollo Client 4: HttpLink for the query and the ingest (the editor's token in the Authorization header), and
// GraphQLWsLink (graphql-ws) for factChanged after the feed's end, whose events must arrive within
// WRITE_TO_EVENT_MS of the ingest's answer. Prints {query, mutation, events}.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { isSubscriptionOperation } from "@apollo/client/utilities";
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

const uri = url("http://127.0.0.1:8000/graphql");
const websocket = createClient({ url: uri.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
const link = ApolloLink.split(
  ({ query }) => isSubscriptionOperation(query),
  new GraphQLWsLink(websocket),
  new HttpLink({ uri, headers: { Authorization: `Bearer ${token()}` } }),
);
const client = new ApolloClient({ link, cache: new InMemoryCache() });

try {
  const query = (await client.query({ query: gql(CASUALTY), fetchPolicy: "network-only" })).data;
  const page = async (cursor) =>
    (await client.query({ query: gql(FEED), variables: { after: cursor }, fetchPolicy: "no-cache" })).data;
  const after = await feedEnd(page);
  const events = new Events();
  const subscription = client.subscribe({ query: gql(FACT_CHANGED), variables: { after } }).subscribe({
    next: (result) => (result.error ? events.fail(result.error) : events.add(result.data.factChanged)),
    error: (error) => events.fail(error),
  });
  const mutation = (await client.mutate({ mutation: gql(INGEST), variables: { document: DOCUMENT } })).data;
  const heard = await events.first(added(mutation), WRITE_TO_EVENT_MS);
  subscription.unsubscribe();
  await websocket.dispose();
  report({ query, mutation, events: heard });
} catch (error) {
  fail(error);
}
