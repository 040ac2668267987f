// Bundles GraphiQL into ../citegraph/graphiql/: the page (index.html) and, in static/, every file it loads, each
// named with a hash of its content, and the licences of every package bundled (LICENSES-<hash>.txt).
// Run by `make graphiql` after `npm ci`; the output is committed, so that serving it needs neither npm nor a network.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

const here = import.meta.dirname;
const target = path.resolve(here, '..', 'citegraph', 'graphiql');
const assets = path.join(target, 'static');
const servedAt = 'graphiql/'; // relative to the page at /graphql: citegraph/graphiql_page.py serves /graphiql/<name>
const resolve = createRequire(import.meta.url).resolve;
// graphiql/style.css embeds the Fira Code and Roboto fonts without their licence; these packages of the same fonts
// (devDependencies, not bundled) carry it.
const embeddedFonts = ['@fontsource/fira-code', '@fontsource/roboto'];
const FONT_NOTE = 'not bundled: the licence of this font, which graphiql/style.css embeds';

rmSync(assets, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const built = await esbuild.build({
  absWorkingDir: here,
  entryPoints: {
    graphiql: 'src/graphiql.jsx',
    'editor.worker': resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
    'json.worker': resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
    'graphql.worker': resolve('monaco-graphql/esm/graphql.worker.js'),
  },
  outdir: assets,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.ttf': 'file' },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const names = {};
for (const file of Object.keys(built.metafile.outputs)) {
  const name = path.basename(file);
  names[name.replace(/-[A-Z0-9]{8}\./, '.')] = servedAt + name;
}

const bundled = packagesIn(Object.keys(built.metafile.inputs));
const fonts = embeddedFonts.map((name) => path.join(here, 'node_modules', name));
const notices = [...bundled.map((folder) => notice(folder)), ...fonts.map((folder) => notice(folder, FONT_NOTE))];
const licences = [...new Set(notices)].join('\n');
const licencesName = `LICENSES-${createHash('sha256').update(licences).digest('hex').slice(0, 8).toUpperCase()}.txt`;
writeFileSync(path.join(assets, licencesName), licences);
names.LICENSES = servedAt + licencesName;

const page = readFileSync(path.join(here, 'src', 'index.html'), 'utf8').replace(/\{\{([^}]+)\}\}/g, (_, key) => {
  if (!(key in names)) throw new Error(`src/index.html names ${key}, which the build did not make`);
  return names[key];
});
writeFileSync(path.join(target, 'index.html'), page);

for (const name of readdirSync(assets).sort()) {
  const bytes = statSync(path.join(assets, name)).size;
  console.log(`${name.padEnd(40)} ${(bytes / 1024).toFixed(0).padStart(6)} KiB`);
}

/** The folders of the npm packages that the bundle's input files come from, sorted by name. */
function packagesIn(inputs) {
  const folders = new Set();
  for (const input of inputs) {
    const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (match) folders.add(path.join(here, match[1]));
  }
  return [...folders].sort((a, b) => a.split('node_modules/').at(-1).localeCompare(b.split('node_modules/').at(-1)));
}

/** A package's name, version, licence and its licence files' text (every LICENSE, NOTICE or ThirdPartyNotices). */
function notice(folder, note = '') {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const { name, version, license, author, repository } = manifest;
  const files = readdirSync(folder).filter((file) => /^(licen[cs]e|copying|notice|thirdpartynotices)/i.test(file));
  const texts = files.map((file) => readFileSync(path.join(folder, file), 'utf8').trim());
  const origin = [author?.name ?? author, repository?.url ?? repository].filter(Boolean).join(', ');
  const missing = `(no licence file in the package; package.json: ${license}, ${origin})`;
  const body = texts.length ? texts.join('\n\n') : missing;
  const heading = `${name} ${version} (${license})${note ? `\n(${note})` : ''}`;
  return `${'='.repeat(100)}\n${heading}\n${'='.repeat(100)}\n\n${body}\n`;
}
