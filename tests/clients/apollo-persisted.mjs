// Apollo Client 4 with its PersistedQueryLink (sha256 from Node's crypto) over HttpLink: a registered query twice,
// from two clients (the second finds the query persisted by the first), an ingest with the editor's token, and an
// operation no manifest registers. `node apollo-persisted.mjs URL [get]`: with `get`, hashed queries go by GET as
// useGETForHashedQueries sends them. Prints {answers, requests}: each operation's data or error code, and every
// HTTP request the link sent (its method, and whether it carried the query text and a hash).
import { createHash } from "node:crypto";

import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";

import { CASUALTY, DOCUMENT, INGEST, UNREGISTERED, fail, report, token, url } from "./common.mjs";

const uri = url("http://127.0.0.1:8000/graphql");
const useGETForHashedQueries = process.argv[3] === "get";
const requests = [];

async function recordingFetch(input, init) {
  const sent = new URL(String(input));
  const body = init.body ? JSON.parse(init.body) : Object.fromEntries(sent.searchParams);
  const extensions = typeof body.extensions === "string" ? JSON.parse(body.extensions) : body.extensions;
  requests.push({ method: init.method, query: "query" in body, hash: extensions?.persistedQuery?.sha256Hash ?? null });
  return fetch(input, init);
}

function client() {
  const sha256 = (text) => createHash("sha256").update(text).digest("hex");
  const http = new HttpLink({ uri, headers: { Authorization: `Bearer ${token()}` }, fetch: recordingFetch });
  const link = new PersistedQueryLink({ sha256, useGETForHashedQueries }).concat(http);
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

// An operation's data, or the code of its first error (a GraphQL error's, or a refusal's in a 4xx body).
async function answer(run) {
  try {
    return { data: (await run()).data };
  } catch (error) {
    const errors = error.errors ?? (error.bodyText ? JSON.parse(error.bodyText).errors : []);
    return { error: errors[0]?.extensions?.code ?? error.message };
  }
}

try {
  const answers = [];
  for (const each of [client(), client()]) {
    answers.push(await answer(() => each.query({ query: gql(CASUALTY), fetchPolicy: "network-only" })));
  }
  const writer = client();
  answers.push(await answer(() => writer.mutate({ mutation: gql(INGEST), variables: { document: DOCUMENT } })));
  answers.push(await answer(() => writer.query({ query: gql(UNREGISTERED), fetchPolicy: "network-only" })));
  report({ answers, requests });
} catch (error) {
  fail(error);
}
