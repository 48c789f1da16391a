/**
 * The server never runs code from the workspace and never touches the network. It runs under a guard
 * (guard/server-guard.cjs) that reports and refuses sockets, HTTP, DNS, fetch, child processes, workers, vm and any
 * require() of a workspace file, in a workspace full of bait: JavaScript named as a dataset source, bibliography and
 * dataset setting, URLs as sources and bibliographies, YAML with JavaScript tags, LaTeX \input and \write18, a
 * package.json with scripts. Every feature is exercised, trusted and untrusted. Run `npm run build` first.
 */
import './guard/env';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../protocol/lspClient';
import { makeWorkspace } from './helpers';

/** A lost notification fails the test instead of hanging CI (waits are on notifications, never on timers). */
const TIMEOUT = Number(process.env.TRIAL_LENS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

const PWNED = 'PWNED';
const EVIL_JS = `require('fs').writeFileSync(require('path').join(__dirname, '${PWNED}'), 'ran');\nmodule.exports = {};\n`;

const BAIT: Record<string, string> = {
  'evil.js': EVIL_JS,
  'trial-lens.config.js': EVIL_JS,
  '.trial-lens.js': EVIL_JS,
  'node_modules/trial-lens-plugin/index.js': EVIL_JS,
  'node_modules/trial-lens-plugin/package.json': '{ "name": "trial-lens-plugin", "main": "index.js" }',
  'package.json': JSON.stringify({ name: 'bait', scripts: { postinstall: 'node evil.js', test: 'node evil.js' }, trialLens: { plugins: ['trial-lens-plugin'] } }),
  '.vscode/settings.json': JSON.stringify({ 'trialLens.datasets': ['evil.js'], 'trialLens.bibliographies': ['evil.js'] }),
  'web.trial-lens.json': JSON.stringify({
    $schema: 'https://example.invalid/dataset.schema.json',
    references: [{ key: 'webref', title: 'T', authors: ['A B'], journal: 'J', year: 2020, doi: '10.1000/xyz' }],
    sources: [
      { id: 'web', reference: 'webref', file: 'https://example.invalid/source.txt' },
      { id: 'script', reference: 'webref', file: 'evil.js' },
    ],
    facts: [],
  }),
  'tags.trial-lens.yaml': "sources:\n  - id: tagged\n    reference: fry2018\n    file: !!js/function \"function () { require('child_process').execSync('touch PWNED') }\"\nfacts: []\n",
  'refs.bib': '@article{fry2018,\n  author = {Fry, Terry J.},\n  title = {CD22-targeted CAR T cells},\n  journal = {Nat Med},\n  year = {2018},\n  url = {https://example.invalid/paper},\n  doi = {10.1038/nm.4441}\n}\n',
  'draft.md':
    '---\nbibliography: [refs.bib, evil.js, "https://example.invalid/refs.bib"]\n---\n\n# Results\n\n' +
    'CD22-CAR T cells produced complete remission in 75% (11/15) of patients [@fry2018] (https://doi.org/10.1038/nm.4441).\n\n' +
    '![figure](https://example.invalid/figure.png) <script src="evil.js"></script> See [the trial](https://clinicaltrials.gov/ct2/show/NCT02315612).\n',
  'draft.tex':
    '\\documentclass{article}\n\\usepackage{evil}\n\\addbibresource{https://example.invalid/x.bib}\n\\bibliography{evil}\n\\begin{document}\n' +
    '\\input{evil}\n\\immediate\\write18{node evil.js}\nComplete remission was obtained in 75\\% (11/15) of patients \\cite{fry2018}.\n\\end{document}\n',
};

function assertNothingRan(client: LspTestClient, root: string): void {
  const refused = client.stderr.join('').split('\n').filter((l) => l.includes('TRIAL-LENS-GUARD'));
  assert.deepEqual(refused, [], 'the server tried to reach the network or run code');
  assert.equal(fs.existsSync(path.join(root, PWNED)), false, 'workspace code ran');
  assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr.join('')}`);
}

const opened = new WeakMap<LspTestClient, Set<string>>();

async function exerciseEverything(client: LspTestClient, root: string): Promise<void> {
  const open = opened.get(client) ?? new Set<string>();
  opened.set(client, open);
  for (const [name, languageId] of [['draft.md', 'markdown'], ['draft.tex', 'latex']] as const) {
    const uri = fileUri(path.join(root, name));
    const text = BAIT[name]!;
    if (!open.has(uri)) {
      await client.open(uri, languageId, text);
      open.add(uri);
    }
    const diagnostics: Diagnostic[] = await client.waitForDiagnostics(uri);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character < lines[line]!.length; character += 7) {
        const position = { line, character };
        await client.request('textDocument/hover', { textDocument: { uri }, position });
        await client.request('textDocument/definition', { textDocument: { uri }, position });
        await client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
      }
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line]!.length } });
    }
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    for (const diagnostic of diagnostics) {
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    }
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.trialLens'] } });
  }
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: Object.keys(BAIT).map((name) => ({ uri: fileUri(path.join(root, name)), type: 2 })) });
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { trialLens: { datasets: ['evil.js'] } } });
  // A round trip after the notifications: their work is done when this answers.
  await client.request('textDocument/documentSymbol', { textDocument: { uri: fileUri(path.join(root, 'draft.md')) } });
}

for (const trusted of [true, false]) {
  describe(`a workspace full of bait, ${trusted ? 'trusted' : 'untrusted'}`, () => {
    let client: LspTestClient;
    let root: string;
    before(async () => {
      root = makeWorkspace(trusted ? 'bait-trusted' : 'bait-untrusted', BAIT);
      process.env.TRIAL_LENS_GUARD_WORKSPACE = root;
      client = await LspTestClient.start({
        pullDiagnostics: !trusted,
        root,
        initializationOptions: {
          workspaceTrusted: trusted,
          settings: { datasets: ['evil.js', 'https://example.invalid/x.trial-lens.json'], bibliographies: ['evil.js', 'https://example.invalid/refs.bib'] },
        },
      });
    });
    after(async () => {
      await client.shutdown();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('every feature answers; nothing reaches the network and no workspace code runs', { timeout: TIMEOUT }, async () => {
      await exerciseEverything(client, root);
      assertNothingRan(client, root);
      if (!trusted) {
        await client.connection.sendNotification('trialLens/trustChanged', { trusted: true });
        await exerciseEverything(client, root);
        assertNothingRan(client, root);
      }
    });
  });
}

test('the guard itself works: a refused call is reported', { timeout: TIMEOUT }, async () => {
  // Without this, a broken guard would make the tests above pass vacuously.
  const { spawnSync } = await import('node:child_process');
  const probe = spawnSync(process.execPath, ['-e', `process.env.TRIAL_LENS_GUARDED_SERVER = '${path.join(__dirname, 'guard', 'probe.cjs').replace(/\\/g, '\\\\')}'; require(${JSON.stringify(path.join(__dirname, 'guard', 'server-guard.cjs'))})`], { encoding: 'utf8' });
  assert.match(probe.stderr, /TRIAL-LENS-GUARD node:https\.get/);
  assert.match(probe.stderr, /TRIAL-LENS-GUARD node:child_process\.execSync/);
});
