// Apollo's persisted query manifest of the operations apollo-persisted.mjs registers (the casualty query and the
// ingest, not UNREGISTERED), for CITEGRAPH_TRUSTED_DOCUMENTS. Each body is the text Apollo Client sends, recorded
// from a client's link chain (the cache adds __typename), and its id the sha256 of that text. Prints the manifest.
import { createHash } from "node:crypto";

import { ApolloClient, ApolloLink, InMemoryCache, gql } from "@apollo/client";
import { print } from "@apollo/client/utilities";
import { of } from "rxjs";

import { CASUALTY, INGEST, fail, report } from "./common.mjs";

const operations = [];
const recording = new ApolloLink((operation) => {
  const body = print(operation.query);
  const type = operation.query.definitions[0].operation;
  operations.push({ id: createHash("sha256").update(body).digest("hex"), body, name: operation.operationName, type });
  return of({ data: null });
});
const client = new ApolloClient({ link: recording, cache: new InMemoryCache() });

try {
  const unanswered = { fetchPolicy: "no-cache", errorPolicy: "all" };
  await client.query({ query: gql(CASUALTY), ...unanswered });
  await client.mutate({ mutation: gql(INGEST), variables: { document: "" }, ...unanswered });
  report({ format: "apollo-persisted-query-manifest", version: 1, operations });
} catch (error) {
  fail(error);
}
