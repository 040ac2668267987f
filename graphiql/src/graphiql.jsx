// GraphiQL as citegraph serves it: every script, style, worker and font comes from the app's own origin.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';

const container = document.getElementById('graphiql');
const workers = container.dataset;

// Monaco's language services run in web workers, which the page names (their URLs carry a content hash).
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const url = { json: workers.jsonWorker, graphql: workers.graphqlWorker }[label] ?? workers.editorWorker;
    return new Worker(new URL(url, document.baseURI));
  },
};

const endpoint = new URL(window.location.href);
endpoint.search = '';
endpoint.hash = '';
const subscriptions = new URL(endpoint);
subscriptions.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

// A query and its variables travel in the page's address (?q=...&variables=...), so a link shares them.
const parameters = new URLSearchParams(window.location.search);

function remember(name, value) {
  if (value) {
    parameters.set(name, value);
  } else {
    parameters.delete(name);
  }
  const search = parameters.toString();
  window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
}

createRoot(container).render(
  <GraphiQL
    fetcher={createGraphiQLFetcher({ url: endpoint.href, subscriptionUrl: subscriptions.href })}
    plugins={[HISTORY_PLUGIN, explorerPlugin()]}
    initialQuery={parameters.get('q') ?? undefined}
    initialVariables={parameters.get('variables') ?? undefined}
    onEditQuery={(query) => remember('q', query)}
    onEditVariables={(variables) => remember('variables', variables)}
    defaultEditorToolsVisibility
    inputValueDeprecation
  />,
);
