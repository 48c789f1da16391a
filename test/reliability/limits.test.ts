/**
 * Files over trialLens.maxFileSize (bytes; default 5 MB) and binary files are skipped with exactly one information
 * diagnostic and never analysed: the skip is fast, requests on them answer, and the file is checked again once it is
 * back under the limit. Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from '../protocol/lspClient';
import { messageOf } from './helpers';

/** A lost notification fails the test instead of hanging CI (waits are on notifications, never on timers). */
const TIMEOUT = Number(process.env.TRIAL_LENS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

/** 11/15 is 73%, not 75%: a checked copy of this line always gets an arithmetic diagnostic. */
const NORMAL = 'CD22-CAR T cells produced complete remission in 75% (11/15) of patients [@fry2018].\n';
const checked = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'arithmetic-inconsistency');

function assertSkipped(diagnostics: Diagnostic[], reason: RegExp): void {
  assert.equal(diagnostics.length, 1, `exactly one message: ${JSON.stringify(diagnostics.map(messageOf))}`);
  const [d] = diagnostics;
  assert.equal(d!.code, 'file-skipped');
  assert.equal(d!.severity, DiagnosticSeverity.Information);
  assert.match(messageOf(d!), reason);
}

for (const pullDiagnostics of [false, true]) {
  describe(`size limit and binary files, ${pullDiagnostics ? 'pull' : 'push'} client`, () => {
    let client: LspTestClient;
    let root: string;
    const uri = (name: string) => fileUri(path.join(root, name));
    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-limits-'));
      client = await LspTestClient.start({ pullDiagnostics, root, initializationOptions: { settings: { maxFileSize: 4000 } } });
    });
    after(async () => {
      await client.shutdown();
      fs.rmSync(root, { recursive: true, force: true });
    });

    test('a file under the limit is checked; one over it gets one information message, and is checked again when it shrinks', { timeout: TIMEOUT }, async () => {
      await client.open(uri('small.md'), 'markdown', NORMAL);
      const small = await client.waitForDiagnostics(uri('small.md'));
      assert.ok(checked(small), JSON.stringify(small.map((d) => d.code)));

      const big = NORMAL.repeat(60);
      await client.open(uri('big.md'), 'markdown', big);
      assertSkipped(await client.waitForDiagnostics(uri('big.md')), /maxFileSize/);
      const hover = await client.request('textDocument/hover', { textDocument: { uri: uri('big.md') }, position: { line: 0, character: 50 } });
      assert.equal(hover, null, 'a skipped file has no analysis to hover');
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri: uri('big.md') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
      assert.ok(actions === null || (Array.isArray(actions) && actions.length === 0));

      const version = await client.change(uri('big.md'), NORMAL);
      const shrunk = await client.waitForDiagnostics(uri('big.md'), version);
      assert.ok(!shrunk.some((d) => d.code === 'file-skipped'));
      assert.ok(checked(shrunk));
    });

    test('the limit counts bytes as the setting says: 1,500 three-byte characters are over 4,000 bytes', { timeout: TIMEOUT }, async () => {
      const text = `${'≥'.repeat(1500)}\n${NORMAL}`;
      assert.ok(text.length < 4000 && Buffer.byteLength(text) > 4000);
      await client.open(uri('wide.md'), 'markdown', text);
      assertSkipped(await client.waitForDiagnostics(uri('wide.md')), /maxFileSize/);
    });

    test('a binary file (NUL bytes) gets one information message and is not analysed', { timeout: TIMEOUT }, async () => {
      const binary = '\u0089PNG\r\n\u001a\n' + '\u0000\u0000\u0000\rIHDR'.repeat(40) + NORMAL;
      await client.open(uri('image.txt'), 'plaintext', binary.slice(0, 3900));
      assertSkipped(await client.waitForDiagnostics(uri('image.txt')), /binary/);
    });

    test('one stray NUL pasted into prose does not make a draft binary', { timeout: TIMEOUT }, async () => {
      await client.open(uri('pasted.md'), 'markdown', `${NORMAL}\u0000\n`);
      const diagnostics = await client.waitForDiagnostics(uri('pasted.md'));
      assert.ok(!diagnostics.some((d) => d.code === 'file-skipped'));
    });
  });
}

describe('the default limit', () => {
  let client: LspTestClient;
  let root: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-default-limit-'));
    client = await LspTestClient.start({ pullDiagnostics: false, root });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('a file just over 5 MB is skipped at once, and the server keeps answering', { timeout: TIMEOUT }, async () => {
    const uri = fileUri(path.join(root, 'huge.md'));
    const text = NORMAL.repeat(Math.ceil((5 * 1024 * 1024 + 1) / NORMAL.length));
    const t0 = performance.now();
    await client.open(uri, 'markdown', text);
    assertSkipped(await client.waitForDiagnostics(uri), /5120 KB/);
    const ms = performance.now() - t0;
    console.log(`# limits: a ${(text.length / 1048576).toFixed(1)} MB file skipped in ${ms.toFixed(0)} ms (transfer included)`);
    const small = fileUri(path.join(root, 'small.md'));
    await client.open(small, 'markdown', NORMAL);
    assert.ok(checked(await client.waitForDiagnostics(small)));
  });
});
