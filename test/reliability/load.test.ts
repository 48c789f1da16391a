/**
 * Load: 200 documents opened at once over stdio, then rapid edits across all of them (full and incremental changes,
 * sent without waiting). After the final edit, the last diagnostics each document received are for its final version
 * and equal a fresh analysis of its final text: no stale diagnostics survive. Both a push client and a pull client.
 * Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../server/src/core/analyze';
import { applyPolicy } from '../../server/src/core/check/policy';
import { DEFAULT_SETTINGS } from '../../server/src/shared/settings';
import type { DocumentFormat } from '../../server/src/core/types';
import { fileUri, LspTestClient } from '../protocol/lspClient';
import { contextFor } from '../unit/helpers/pipeline';
import { draftText } from '../property/arbitraries';
import { messageOf, peakMemoryMb } from './helpers';

/** A lost notification fails the test instead of hanging CI (waits are on notifications, never on timers). */
const TIMEOUT = Number(process.env.TRIAL_LENS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

const DOCUMENTS = Number(process.env.TRIAL_LENS_LOAD_DOCUMENTS ?? 200);
const ROUNDS = 5;
const LANGUAGES: Array<[string, string, DocumentFormat]> = [
  ['markdown', 'md', 'markdown'],
  ['latex', 'tex', 'latex'],
  ['plaintext', 'txt', 'plaintext'],
];
const ctx = contextFor();

interface Doc {
  uri: string;
  languageId: string;
  format: DocumentFormat;
  doc: TextDocument;
}

/** What a fresh analysis of the text says, as the server would report it (code, range, message). */
function expected(d: Doc): string[] {
  const analysis = analyzeDocument(d.doc.getText(), d.format, ctx);
  return applyPolicy(analysis.findings, DEFAULT_SETTINGS)
    .map((f) => key(f.code, d.doc.positionAt(f.span.start), d.doc.positionAt(f.span.end), f.message))
    .sort();
}

function key(code: unknown, start: { line: number; character: number }, end: { line: number; character: number }, message: string): string {
  return `${String(code)} ${start.line}:${start.character}-${end.line}:${end.character} ${message}`;
}

function actual(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => key(d.code, d.range.start, d.range.end, messageOf(d))).sort();
}

const edits = fc.sample(fc.tuple(draftText, fc.nat(), fc.nat(), fc.boolean()), { numRuns: DOCUMENTS * ROUNDS, seed: 200 });

/** Sends one edit without waiting: a whole-text replacement or an incremental insert/delete, as editors do. */
async function edit(client: LspTestClient, d: Doc, round: number, index: number): Promise<void> {
  const [insert, at, cut, full] = edits[round * DOCUMENTS + index]!;
  const text = d.doc.getText();
  const version = d.doc.version + 1;
  if (full) {
    const next = insert;
    d.doc = TextDocument.update(d.doc, [{ text: next }], version);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: [{ text: next }] });
    return;
  }
  // Keep surrogate pairs and CRLFs whole, as an editor would.
  let start = at % (text.length + 1);
  while (start > 0 && start < text.length && (/[\uDC00-\uDFFF]/.test(text[start]!) || (text[start] === '\n' && text[start - 1] === '\r'))) start--;
  let end = Math.min(text.length, start + (cut % 30));
  while (end < text.length && (/[\uDC00-\uDFFF]/.test(text[end]!) || (text[end] === '\n' && text[end - 1] === '\r'))) end++;
  const range = { start: d.doc.positionAt(start), end: d.doc.positionAt(end) };
  const newText = insert.slice(0, 120);
  d.doc = TextDocument.update(d.doc, [{ range, text: newText }], version);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version }, contentChanges: [{ range, text: newText }] });
}

for (const pullDiagnostics of [false, true]) {
  describe(`${DOCUMENTS} documents with rapid edits, ${pullDiagnostics ? 'pull' : 'push'} client`, () => {
    let client: LspTestClient;
    let workspace: string;
    before(async () => {
      workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-load-'));
      client = await LspTestClient.start({ pullDiagnostics, root: workspace });
    });
    after(async () => {
      const memory = peakMemoryMb(client.process.pid);
      console.log(`# load (${pullDiagnostics ? 'pull' : 'push'}): ${DOCUMENTS} documents x ${ROUNDS} rounds of edits; server peak memory ${memory ?? '?'} MB`);
      await client.shutdown();
      fs.rmSync(workspace, { recursive: true, force: true });
    });

    test('the diagnostics left after the final edit are for the final version and match a fresh analysis', { timeout: TIMEOUT }, async () => {
      const docs: Doc[] = [];
      const t0 = performance.now();
      // All documents at once, no waiting in between.
      const opening = edits.slice(0, DOCUMENTS).map(async ([text], i) => {
        const [languageId, ext, format] = LANGUAGES[i % LANGUAGES.length]!;
        const uri = fileUri(path.join(workspace, `doc-${i}.${ext}`));
        const d: Doc = { uri, languageId, format, doc: TextDocument.create(uri, languageId, 1, text) };
        docs.push(d);
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      });
      await Promise.all(opening);
      // Rapid edits across all of them, interleaved, without waiting for any diagnostics.
      for (let round = 1; round < ROUNDS; round++) {
        await Promise.all(docs.map((d, i) => edit(client, d, round, i)));
      }
      // Every document: the final version's diagnostics.
      const finals = new Map<string, Diagnostic[]>();
      for (const d of docs) finals.set(d.uri, await client.waitForDiagnostics(d.uri, d.doc.version));
      const settled = performance.now() - t0;

      // A round trip per document after that: anything the server still had queued has arrived by now.
      for (const d of docs) await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: d.uri } });

      let compared = 0;
      for (const d of docs) {
        let last: Diagnostic[];
        if (pullDiagnostics) last = await client.waitForDiagnostics(d.uri);
        else {
          const published = client.published.get(d.uri) ?? [];
          assert.ok(published.length > 0, `${d.uri}: no diagnostics published`);
          const final = published[published.length - 1]!;
          assert.equal(final.version, d.doc.version, `${d.uri}: the last diagnostics are for version ${final.version}, not the final ${d.doc.version}`);
          // Versions only move forward: no older version's diagnostics arrive after a newer one's.
          const versions = published.map((p) => p.version ?? 0);
          assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `${d.uri}: diagnostics out of order ${versions.join(',')}`);
          last = final.diagnostics;
          assert.deepEqual(actual(finals.get(d.uri)!), actual(last));
        }
        assert.deepEqual(actual(last), expected(d), `${d.uri}: diagnostics differ from a fresh analysis of the final text`);
        compared++;
      }
      assert.equal(compared, DOCUMENTS);
      console.log(`# load (${pullDiagnostics ? 'pull' : 'push'}): all ${DOCUMENTS} documents settled ${settled.toFixed(0)} ms after the first open`);
    });
  });
}
