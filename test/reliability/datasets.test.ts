/**
 * Users' data over the protocol: a dataset broken while the user types keeps its last good version in force and shows
 * its problems as diagnostics in the file; a dataset whose source `file` leaves the workspace folder (by `..`, an
 * absolute path or a symbolic link) is refused and the file is never read; in an untrusted workspace only the bundled
 * dataset is used until the client says the workspace is trusted. Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient, REPO_ROOT } from '../protocol/lspClient';
import { makeWorkspace, messageOf, nextPublished, publishedCount, writeFile } from './helpers';

/** A lost notification fails the test instead of hanging CI (waits are on notifications, never on timers). */
const TIMEOUT = Number(process.env.TRIAL_LENS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'dataset', 'user-json');
const DATASET_TEXT = fs.readFileSync(path.join(FIXTURE, 'shah.trial-lens.json'), 'utf8');
const SOURCE_TEXT = fs.readFileSync(path.join(FIXTURE, 'sources', 'shah2020-abstract.txt'), 'utf8');
/** Only the user's dataset (19 of 58) knows this number: with it the draft's 25 of 58 is contradicted. */
const DRAFT = fs.readFileSync(path.join(FIXTURE, 'draft.md'), 'utf8');

const contradicted = (d: Diagnostic[]) => d.some((x) => x.code === 'contradicts-dataset');
const datasetErrors = (d: Diagnostic[]) => d.filter((x) => x.code === 'dataset-error');

function userWorkspace(prefix: string, extra: Record<string, string> = {}): string {
  return makeWorkspace(prefix, { 'shah.trial-lens.json': DATASET_TEXT, 'sources/shah2020-abstract.txt': SOURCE_TEXT, 'draft.md': DRAFT, ...extra });
}

async function changedOnDisk(client: LspTestClient, file: string): Promise<void> {
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 2 }] });
}

describe('a dataset broken while it is edited', () => {
  let client: LspTestClient;
  let root: string;
  before(async () => {
    root = userWorkspace('broken');
    client = await LspTestClient.start({ pullDiagnostics: false, root });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('keeps the last good data, shows the problem in the dataset, and recovers when it is fixed', { timeout: TIMEOUT }, async () => {
    const draft = fileUri(path.join(root, 'draft.md'));
    const datasetFile = path.join(root, 'shah.trial-lens.json');
    const dataset = fileUri(datasetFile);
    await client.open(draft, 'markdown', DRAFT);
    assert.ok(contradicted(await client.waitForDiagnostics(draft)), 'the user dataset is in force');

    // Half-written: invalid JSON. The draft is re-checked and still contradicted (last good data kept).
    const draftBefore = publishedCount(client, draft);
    fs.writeFileSync(datasetFile, DATASET_TEXT.slice(0, DATASET_TEXT.indexOf('"facts"') + 12));
    await changedOnDisk(client, datasetFile);
    const problems = await nextPublished(client, dataset, (d) => datasetErrors(d).length > 0);
    assert.match(messageOf(problems.diagnostics[0]!), /last good version/);
    const recheck = await nextPublished(client, draft, () => true, draftBefore);
    assert.ok(contradicted(recheck.diagnostics), 'still checked against the last good dataset');

    // A schema error (a fact without its number's total), then an unknown endpoint: each is shown, data kept.
    // A quote no longer in its source, too: the fact is not left out while the file's last good version has it.
    for (const broken of [
      DATASET_TEXT.replace('"total": 58,', '"total": "fifty-eight",'),
      DATASET_TEXT.replace('"endpoint": "hlh"', '"endpoint": "no-such-endpoint"'),
      DATASET_TEXT.replace('"quote": "HLH-like manifestations developed in 19 of 58 (32.8%)"', '"quote": "HLH-like manifestations developed in 19 of the 58 (32.8%)"'),
    ]) {
      const before = publishedCount(client, dataset);
      const draftCount = publishedCount(client, draft);
      fs.writeFileSync(datasetFile, broken);
      await changedOnDisk(client, datasetFile);
      const shown = await nextPublished(client, dataset, (d) => datasetErrors(d).length > 0, before);
      assert.ok(shown.diagnostics[0]!.range.start.line > 0, 'the problem is placed at its line in the dataset');
      assert.ok(contradicted((await nextPublished(client, draft, () => true, draftCount)).diagnostics));
    }

    // Fixed, with the number corrected to what the draft says: problems cleared, the draft is no longer contradicted.
    const cleared = publishedCount(client, dataset);
    fs.writeFileSync(datasetFile, DATASET_TEXT.replace('"count": 19', '"count": 25').replace('"percent": 32.8', '"percent": 43.1').replace('developed in 19 of 58 (32.8%)', 'developed in 25 of 58 (43.1%)'));
    writeFile(root, 'sources/shah2020-abstract.txt', SOURCE_TEXT.replace('19 of 58 (32.8%)', '25 of 58 (43.1%)'));
    await changedOnDisk(client, datasetFile);
    await nextPublished(client, dataset, (d) => d.length === 0, cleared);
    const draftNow = await nextPublished(client, draft, (d) => !contradicted(d), 0);
    assert.ok(!contradicted(draftNow.diagnostics));
  });

  test('an open dataset keeps showing its problems in an editor that takes pushed diagnostics', { timeout: TIMEOUT }, async () => {
    const datasetFile = path.join(root, 'shah.trial-lens.json');
    const dataset = fileUri(datasetFile);
    fs.writeFileSync(datasetFile, DATASET_TEXT);
    await changedOnDisk(client, datasetFile);
    await client.open(dataset, 'json', DATASET_TEXT);
    const broken = DATASET_TEXT.replace('"total": 58,', '"total": "fifty-eight",');
    const before = publishedCount(client, dataset);
    await client.change(dataset, broken);
    fs.writeFileSync(datasetFile, broken);
    await changedOnDisk(client, datasetFile);
    await nextPublished(client, dataset, (d) => datasetErrors(d).length > 0, before);
    // A round trip on the draft: whatever the server meant to publish for the dataset has been published by then.
    const draft = fileUri(path.join(root, 'draft.md'));
    const version = await client.change(draft, DRAFT + '\n');
    await client.waitForDiagnostics(draft, version);
    const last = client.published.get(dataset)!.at(-1)!;
    assert.ok(datasetErrors(last.diagnostics).length > 0, `the last report for the open dataset still shows its problem: ${JSON.stringify(last.diagnostics)}`);
    fs.writeFileSync(datasetFile, DATASET_TEXT);
    await changedOnDisk(client, datasetFile);
  });

  test('a broken bibliography keeps its last good entries', { timeout: TIMEOUT }, async () => {
    const bib = writeFile(root, 'refs.bib', '@article{labkey2021,\n  author = {Fry, Terry J.},\n  title = {CD22-targeted CAR T cells},\n  journal = {Nat Med},\n  year = {2018},\n  doi = {10.1038/nm.4441}\n}\n');
    const doc = fileUri(path.join(root, 'bib.md'));
    const text = '---\nbibliography: refs.bib\n---\n\nComplete remission in 73% (11/15) of patients [@labkey2021].\n';
    await client.open(doc, 'markdown', text);
    const first = await client.waitForDiagnostics(doc);
    assert.ok(!first.some((d) => d.code === 'unknown-citation'), `the key resolves: ${JSON.stringify(first.map(messageOf))}`);
    const before = publishedCount(client, fileUri(bib));
    fs.writeFileSync(bib, '@article{labkey2021,\n  author = {Fry, Terry J.,\n  title = {');
    await changedOnDisk(client, bib);
    await nextPublished(client, fileUri(bib), (d) => d.length > 0, before);
    const version = await client.change(doc, text + '\n');
    const after = await client.waitForDiagnostics(doc, version);
    assert.ok(!after.some((d) => d.code === 'unknown-citation'), 'the last good entries still resolve the key');
  });
});

describe('dataset sources outside the workspace folder', () => {
  let client: LspTestClient;
  let outer: string;
  let root: string;
  const SECRET = 'HLH-like manifestations developed in 25 of 58 (43.1%) SECRET-MARKER-7d1f';

  before(async () => {
    outer = makeWorkspace('outside', { 'private/secret.txt': SECRET });
    root = path.join(outer, 'ws');
    const escape = (id: string, file: string) =>
      JSON.stringify({
        sources: [{ id, reference: 'shah2020', file }],
        facts: [{ ...JSON.parse(DATASET_TEXT).facts[1], id: `${id}-fact`, source: id, quote: 'HLH-like manifestations developed in 25 of 58 (43.1%)', count: 25, percent: 43.1 }],
      });
    writeFile(root, 'draft.md', DRAFT.replace('25 of 58 participants (43.1%)', '19 of 58 participants (32.8%)'));
    writeFile(root, 'dotdot.trial-lens.json', escape('dotdot', '../private/secret.txt'));
    writeFile(root, 'absolute.trial-lens.json', escape('absolute', path.join(outer, 'private', 'secret.txt')));
    fs.symlinkSync(path.join(outer, 'private'), path.join(root, 'linked'));
    writeFile(root, 'symlink.trial-lens.json', escape('symlink', 'linked/secret.txt'));
    client = await LspTestClient.start({ pullDiagnostics: false, root });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(outer, { recursive: true, force: true });
  });

  for (const name of ['dotdot', 'absolute', 'symlink']) {
    test(`a source reached by ${name === 'dotdot' ? '..' : name === 'absolute' ? 'an absolute path' : 'a symbolic link'} is refused with a diagnostic in the dataset`, { timeout: TIMEOUT }, async () => {
      const uri = fileUri(path.join(root, `${name}.trial-lens.json`));
      const published = await nextPublished(client, uri, (d) => datasetErrors(d).length > 0);
      assert.ok(published.diagnostics.some((d) => /outside the workspace/.test(messageOf(d))), JSON.stringify(published.diagnostics.map(messageOf)));
    });
  }

  test('no fact from an outside file is used and its text never reaches the client', { timeout: TIMEOUT }, async () => {
    const draft = fileUri(path.join(root, 'draft.md'));
    const text = fs.readFileSync(path.join(root, 'draft.md'), 'utf8');
    await client.open(draft, 'markdown', text);
    const diagnostics = await client.waitForDiagnostics(draft);
    const at = text.indexOf('19 of 58');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: draft }, position: { line: 2, character: at - text.lastIndexOf('\n', at) } });
    const everything = JSON.stringify([diagnostics, hover, [...client.published.values()], client.logs]);
    assert.doesNotMatch(everything, /SECRET-MARKER/);
    assert.doesNotMatch(everything, /(dotdot|absolute|symlink)-fact/);
  });
});

describe('an untrusted workspace', () => {
  let client: LspTestClient;
  let root: string;
  let elsewhere: string;
  before(async () => {
    root = userWorkspace('untrusted', { 'broken.trial-lens.json': '{ "facts": [', 'refs.bib': '@article{broken,' });
    elsewhere = userWorkspace('settings');
    client = await LspTestClient.start({
      pullDiagnostics: false,
      root,
      initializationOptions: { workspaceTrusted: false, settings: { datasets: [path.join(elsewhere, 'shah.trial-lens.json')], bibliographies: ['refs.bib'] } },
    });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });

  test('checks against the bundled dataset only: workspace datasets, dataset settings and bibliographies are not read', { timeout: TIMEOUT }, async () => {
    const draft = fileUri(path.join(root, 'draft.md'));
    await client.open(draft, 'markdown', DRAFT);
    const diagnostics = await client.waitForDiagnostics(draft);
    assert.ok(!contradicted(diagnostics), 'the workspace dataset is not used');
    // Nothing of the workspace's data was read: no problems shown for the broken files.
    for (const uri of client.published.keys()) assert.equal(uri, draft, `only the draft gets diagnostics (got ${uri})`);
    assert.ok(client.logs.some((l) => /restricted mode: bundled data only/.test(l)), client.logs.join('\n'));
  });

  test('quick fixes neither read nor edit the bibliography a draft names', { timeout: TIMEOUT }, async () => {
    const uri = fileUri(path.join(root, 'cite.md'));
    const text = '---\nbibliography: refs.bib\n---\n\nCD22-CAR T cells produced complete remission in 73% (11/15) of patients.\n';
    await client.open(uri, 'markdown', text);
    const diagnostics = await client.waitForDiagnostics(uri);
    const unsupported = diagnostics.filter((d) => d.code === 'unsupported-statistic');
    assert.ok(unsupported.length > 0, JSON.stringify(diagnostics.map((d) => d.code)));
    const actions = await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: unsupported[0]!.range, context: { diagnostics: unsupported } });
    assert.ok((actions ?? []).some((a) => /Cite/.test(a.title)), 'the citation is still offered');
    const bib = fileUri(path.join(root, 'refs.bib'));
    for (const action of actions ?? []) assert.equal(action.edit?.changes?.[bib], undefined, `"${action.title}" edits refs.bib in Restricted Mode`);
  });

  test('once the client says the workspace is trusted, its data is used', { timeout: TIMEOUT }, async () => {
    const draft = fileUri(path.join(root, 'draft.md'));
    const before = publishedCount(client, draft);
    await client.connection.sendNotification('trialLens/trustChanged', { trusted: true });
    const now = await nextPublished(client, draft, contradicted, before);
    assert.ok(contradicted(now.diagnostics));
    await nextPublished(client, fileUri(path.join(root, 'broken.trial-lens.json')), (d) => datasetErrors(d).length > 0);
  });
});
