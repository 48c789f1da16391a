/**
 * The server on hostile documents, over stdio: random and adversarial texts (lone surrogates, NUL, CRLF, BOM, 1 MB
 * single lines, 300 KB of parentheses...) are opened and edited, every request a user's editor sends answers without
 * an error, the process stays up, and a normal hover in a normal document still answers afterwards.
 * Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../protocol/lspClient';
import { HOSTILE_UNITS, anyText, bigText, draftText } from './arbitraries';
import { peakMemoryMb } from '../reliability/helpers';

/** A lost notification fails the test instead of hanging CI (waits are on notifications, never on timers). */
const TIMEOUT = Number(process.env.TRIAL_LENS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

const LANGUAGES = ['markdown', 'latex', 'plaintext'] as const;
const EXT: Record<(typeof LANGUAGES)[number], string> = { markdown: 'md', latex: 'tex', plaintext: 'txt' };
const RUNS = Number(process.env.TRIAL_LENS_SERVER_RUNS ?? 60);
const NORMAL = 'CD22-CAR T cells produced complete remission in 73% (11/15) of patients [@fry2018].\n';

let workspace: string;
const counts = { documents: 0, requests: 0, longestMs: 0, longestWhat: '' };

before(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-hostile-'));
});
after(() => {
  fs.rmSync(workspace, { recursive: true, force: true });
  console.log(`# server properties: ${counts.documents} hostile documents, ${counts.requests} requests, longest ${counts.longestMs.toFixed(0)} ms (${counts.longestWhat})`);
});

/** A position anywhere: inside the text, past a line's end, past the last line. */
function positions(text: string, n: number): Position[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Position[] = [{ line: 0, character: 0 }, { line: lines.length + 3, character: 5 }];
  for (let i = 0; i < n; i++) {
    const line = (i * 7919) % lines.length;
    out.push({ line, character: (i * 104729) % (lines[line].length + 3) });
  }
  return out;
}

async function timedRequest<R>(client: LspTestClient, method: string, params: unknown): Promise<R> {
  const t0 = performance.now();
  const result = await client.request<R>(method, params);
  const ms = performance.now() - t0;
  counts.requests++;
  if (ms > counts.longestMs) {
    counts.longestMs = ms;
    counts.longestWhat = method;
  }
  return result;
}

/** Every feature on the document; a thrown handler would reject here with a ResponseError. */
async function exercise(client: LspTestClient, uri: string, text: string): Promise<void> {
  const textDocument = { uri };
  await timedRequest(client, 'textDocument/documentSymbol', { textDocument });
  for (const position of positions(text, 4)) {
    await timedRequest(client, 'textDocument/hover', { textDocument, position });
    await timedRequest(client, 'textDocument/definition', { textDocument, position });
    await timedRequest(client, 'textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
    await timedRequest(client, 'textDocument/completion', { textDocument, position });
  }
  const end = positions(text, 0)[1];
  await timedRequest(client, 'textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: [], only: ['source.fixAll.trialLens'] } });
}

function assertAlive(client: LspTestClient): void {
  assert.equal(client.process.exitCode, null, `the server exited: ${client.stderr.join('')}`);
  const failures = client.logs.filter((l) => /failed|uncaught|unhandled|TypeError|RangeError/i.test(l));
  assert.deepEqual(failures, [], 'the server logged handler failures');
}

async function normalHoverAnswers(client: LspTestClient, name: string): Promise<void> {
  const uri = fileUri(path.join(workspace, `${name}.md`));
  await client.open(uri, 'markdown', NORMAL);
  await client.waitForDiagnostics(uri);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: NORMAL.indexOf('73%') + 1 } });
  assert.ok(hover, 'a hover on 73% after the hostile documents');
  assert.match((hover.contents as MarkupContent).value, /73|fry|Fry/i);
}

for (const pullDiagnostics of [false, true]) {
  describe(`hostile documents, ${pullDiagnostics ? 'pull' : 'push'} client`, () => {
    let client: LspTestClient;
    before(async () => {
      client = await LspTestClient.start({ pullDiagnostics, root: workspace });
    });
    after(async () => {
      console.log(`# server properties (${pullDiagnostics ? 'pull' : 'push'}): server peak memory ${peakMemoryMb(client.process.pid) ?? '?'} MB`);
      await client.shutdown();
    });

    test('random and adversarial texts open, edit and answer every request', { timeout: TIMEOUT }, async () => {
      const samples = fc.sample(fc.tuple(fc.oneof(anyText, draftText), fc.constantFrom(...LANGUAGES), anyText), { numRuns: RUNS, seed: pullDiagnostics ? 8 : 7 });
      let n = 0;
      for (const [text, languageId, edit] of samples) {
        const uri = fileUri(path.join(workspace, `random-${n++}.${EXT[languageId]}`));
        await client.open(uri, languageId, text);
        await client.waitForDiagnostics(uri);
        await exercise(client, uri, text);
        // An edit with the same hostile content appended, then the document is closed.
        const version = await client.change(uri, text + edit);
        await client.waitForDiagnostics(uri, version);
        await exercise(client, uri, text + edit);
        await client.close(uri);
        counts.documents++;
      }
      assertAlive(client);
      await normalHoverAnswers(client, 'after-random');
      assertAlive(client);
    });

    test('300 KB hostile files and a 1 MB single line: diagnostics come, requests answer, server still answers', { timeout: TIMEOUT }, async () => {
      const big = Object.entries(HOSTILE_UNITS)
        .filter((_, i) => i % (pullDiagnostics ? 2 : 1) === 0)
        .map(([name, unit]) => ({ name, text: bigText(unit, 300 * 1024) }));
      big.push({ name: '1mb-line', text: bigText('CD22 73% (11/15) [@fry2018] \\cite{x} $ // ((( ', 1024 * 1024) });
      let i = 0;
      for (const { name, text } of big) {
        const languageId = LANGUAGES[i++ % 3];
        const uri = fileUri(path.join(workspace, `big-${name}.${EXT[languageId]}`));
        const t0 = performance.now();
        await client.open(uri, languageId, text);
        await client.waitForDiagnostics(uri);
        const ms = performance.now() - t0;
        if (ms > counts.longestMs) {
          counts.longestMs = ms;
          counts.longestWhat = `diagnostics of ${name}`;
        }
        await exercise(client, uri, text);
        await client.close(uri);
        counts.documents++;
      }
      assertAlive(client);
      await normalHoverAnswers(client, 'after-big');
      assertAlive(client);
    });
  });
}
