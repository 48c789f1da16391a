/**
 * The editor features over the real protocol: the bundled server on stdio, drafts in Markdown, LaTeX and plain text
 * (test/fixtures/protocol/workspace), a client that pulls diagnostics and one that only takes pushed ones.
 * Run `npm run build` first.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  Position,
} from 'vscode-languageserver-protocol';
import { SymbolKind } from 'vscode-languageserver-protocol';
import { applyEdits, editsFor, fileUri, LspTestClient, REPO_ROOT } from './lspClient';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'protocol', 'workspace');
const BIB = path.join(WORKSPACE, 'refs.bib');

interface Draft {
  name: string;
  languageId: string;
  uri: string;
  text: string;
}

function draft(name: string, languageId: string): Draft {
  const file = path.join(WORKSPACE, name);
  return { name, languageId, uri: fileUri(file), text: fs.readFileSync(file, 'utf8') };
}

const MD = draft('trial-notes.md', 'markdown');
const TEX = draft('trial-notes.tex', 'latex');
const TXT = draft('trial-notes.txt', 'plaintext');
const NUMBERED = draft('numbered.txt', 'plaintext');
const DRAFTS = [MD, TEX, TXT];

/** The position of the `nth` occurrence of `needle` in `text`, `delta` characters in. */
function positionOf(text: string, needle: string, delta = 1, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not found`);
  }
  const before = text.slice(0, at + delta);
  const lines = before.split(/\r\n|\n|\r/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function offsetOf(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
  return offset + position.character;
}

function hoverText(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

function diagnosticAt(diagnostics: Diagnostic[], text: string, needle: string, code: string): Diagnostic {
  const start = text.indexOf(needle);
  const found = diagnostics.find((d) => d.code === code && offsetOf(text, d.range.start) <= start + needle.length && offsetOf(text, d.range.end) >= start);
  assert.ok(found, `no ${code} diagnostic at "${needle}"; got ${JSON.stringify(diagnostics.map((d) => [d.code, d.message]))}`);
  return found;
}

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

/** "2 supported, 1 contradicted, 3 unchecked" recounted from the statistic symbols under a section. */
function summaryOf(section: DocumentSymbol): string {
  const details = flatten(section.children ?? []).filter((c) => c.kind !== SymbolKind.Namespace).map((c) => c.detail ?? '');
  const count = (test: (d: string) => boolean) => details.filter(test).length;
  const inconsistent = count((x) => x === 'inconsistent');
  return [
    `${count((x) => x.startsWith('supported'))} supported`,
    `${count((x) => x === 'contradicted')} contradicted`,
    ...(inconsistent ? [`${inconsistent} inconsistent`] : []),
    `${count((x) => x.startsWith('unchecked'))} unchecked`,
  ].join(', ');
}

/** Asserts `after` is `before` with exactly `inserted` put at `at`: every other byte unchanged. */
function assertInsertedOnly(before: string, after: string, at: number, inserted: string): void {
  assert.equal(after, before.slice(0, at) + inserted + before.slice(at));
}

describe('protocol: a client that pulls diagnostics', () => {
  let client: LspTestClient;
  const diagnostics = new Map<string, Diagnostic[]>();

  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true, root: WORKSPACE });
    for (const d of [...DRAFTS, NUMBERED]) {
      await client.open(d.uri, d.languageId, d.text);
      diagnostics.set(d.uri, await client.waitForDiagnostics(d.uri));
    }
  });
  after(async () => client?.shutdown());

  test('a pulling client that takes no refresh requests gets none when the data changes, and the server stays up', async () => {
    const bare = await LspTestClient.start({ pullDiagnostics: true, root: WORKSPACE, capabilities: { workspace: { workspaceFolders: true } } });
    try {
      // A draft naming a bibliography makes the server read it: data changed.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-refresh-'));
      fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{maude2018, title={Tisagenlecleucel}, year={2018}}\n');
      const uri = fileUri(path.join(dir, 'draft.md'));
      await bare.open(uri, 'markdown', '---\nbibliography: refs.bib\n---\n\nCR in 11 of 15 patients (75%) [@maude2018].\n');
      const report = await bare.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.ok(report.kind === 'full' && report.items.some((d) => d.code === 'arithmetic-inconsistency'), JSON.stringify(report));
      assert.equal(bare.refreshRequests, 0);
      // Still answering.
      assert.ok(await bare.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 10 } }) !== undefined);
    } finally {
      await bare.shutdown();
    }
  });

  test('a client that does not watch the data files is asked to, and told to send saves', async () => {
    const watching = { workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } };
    const plain = await LspTestClient.start({ pullDiagnostics: false, root: WORKSPACE, capabilities: watching });
    const vscodeLike = await LspTestClient.start({ pullDiagnostics: false, root: WORKSPACE, capabilities: watching, initializationOptions: { watchesDataFiles: true } });
    try {
      const ping = (c: LspTestClient) => c.request('textDocument/hover', { textDocument: { uri: fileUri(path.join(WORKSPACE, 'none.md')) }, position: { line: 0, character: 0 } });
      await Promise.all([ping(plain), ping(vscodeLike)]);
      const watched = plain.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.deepEqual(watched?.registerOptions, { watchers: [{ globPattern: '**/*.trial-lens.{json,yaml,yml}' }, { globPattern: '**/*.{bib,json}' }] });
      assert.deepEqual(vscodeLike.registrations, [], 'a client that watches them itself is not asked again');
      assert.deepEqual((plain.initializeResult?.capabilities.textDocumentSync as { save?: unknown }).save, { includeText: false });
    } finally {
      await plain.shutdown();
      await vscodeLike.shutdown();
    }
  });

  test('an edit to the bibliography a draft names reads it again, without a save', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-named-'));
    fs.writeFileSync(path.join(dir, 'refs.bib'), '@article{ownPilot2024, title={Our pilot}, author={Doe, Jane}, year={2024}}\n');
    const uri = fileUri(path.join(dir, 'draft.md'));
    const body = 'Our pilot treated 12 patients [@ownPilot2024].\n';
    const unknown = async () => {
      const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      return report.kind === 'full' && report.items.some((d) => d.code === 'unknown-citation');
    };
    // The reload follows the analysis that saw the change: the next pulls see it.
    const eventually = async (expected: boolean) => {
      for (let i = 0; i < 50 && (await unknown()) !== expected; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return unknown();
    };
    await client.open(uri, 'markdown', `---\nbibliography: refs.bib\n---\n\n${body}`);
    assert.equal(await eventually(false), false, 'the key is in the named bibliography');
    await client.change(uri, `---\ntitle: Draft\n---\n\n${body}`);
    assert.equal(await eventually(true), true, 'the bibliography line was deleted');
    await client.change(uri, `---\nbibliography: refs.bib\n---\n\n${body}`);
    assert.equal(await eventually(false), false, 'the line was typed back');
    await client.close(uri);
  });

  test('a pull whose diagnostics did not change is answered "unchanged"; a corrected number gets the full report', async () => {
    const uri = fileUri(path.join(WORKSPACE, 'unsaved-copy-of-trial-notes.md'));
    const pull = (previousResultId?: string) =>
      client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
    await client.open(uri, 'markdown', MD.text);
    const first = await pull();
    assert.ok(first.kind === 'full' && first.resultId && first.items.some((d) => d.code === 'contradicts-dataset'), JSON.stringify(first));

    // A paragraph without numbers added at the end: nothing reported moves or changes.
    const added = `${MD.text}\nA closing remark about antigen escape.\n`;
    await client.change(uri, added);
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });

    // The contradicted number corrected: a new report without its diagnostic.
    const corrected = added.replace('76.1', '71.6');
    await client.change(uri, corrected);
    const fixed = await pull(first.resultId);
    assert.ok(fixed.kind === 'full' && fixed.resultId && fixed.resultId !== first.resultId, JSON.stringify(fixed));
    assert.equal(fixed.items.length, first.items.length - 1);
    assert.ok(!fixed.items.some((d) => d.code === 'contradicts-dataset' && corrected.slice(offsetOf(corrected, d.range.start), offsetOf(corrected, d.range.end)).includes('71.6')));

    // An id this server never gave (another session's) gets the full report.
    const unknown = await pull('not-an-id-of-this-server');
    assert.equal(unknown.kind, 'full');
    assert.deepEqual(unknown.kind === 'full' && unknown.items, fixed.items);
    await client.close(uri);
  });

  test('a result id from another server process (one that crashed and was restarted) is never taken for this one\'s', async () => {
    // Two fresh servers, as before and after a restart: each has given out exactly one report.
    const [before, after] = await Promise.all([1, 2].map(() => LspTestClient.start({ pullDiagnostics: true, root: WORKSPACE })));
    try {
      const uri = fileUri(path.join(WORKSPACE, 'unsaved-copy-for-two-servers.md'));
      const pull = (to: LspTestClient, previousResultId?: string) =>
        to.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
      for (const server of [before!, after!]) await server.open(uri, 'markdown', MD.text);
      const first = await pull(before!);
      const second = await pull(after!);
      assert.ok(first.resultId && second.resultId && first.resultId !== second.resultId, `${first.resultId} / ${second.resultId}`);
      assert.equal((await pull(after!, first.resultId)).kind, 'full');
    } finally {
      await Promise.all([before?.shutdown(), after?.shutdown()]);
    }
  });

  test('declares pull diagnostics and every feature', () => {
    const caps = client.initializeResult?.capabilities;
    assert.ok(caps?.diagnosticProvider);
    assert.ok(caps?.hoverProvider && caps.definitionProvider && caps.referencesProvider && caps.documentSymbolProvider && caps.completionProvider && caps.codeActionProvider);
  });

  for (const d of DRAFTS) {
    test(`${d.name}: a contradicted number is an error that links to the README and into the source`, () => {
      const contradiction = diagnosticAt(diagnostics.get(d.uri)!, d.text, '76.1', 'contradicts-dataset');
      assert.equal(contradiction.source, 'trial-lens');
      assert.match(String(contradiction.message), /71\.6/);
      assert.match(contradiction.codeDescription?.href ?? '', /^https:\/\/.*#(?:diagnostic-codes-)?contradicts-dataset$/);
      const related = contradiction.relatedInformation ?? [];
      assert.ok(related.some((r) => r.location.uri.endsWith('/seeds/003_9b16409f6539d11b.txt')), JSON.stringify(related));
      // A supported number is not reported.
      const supported = d.text.indexOf('73');
      assert.ok(!diagnostics.get(d.uri)!.some((x) => x.code === 'contradicts-dataset' && offsetOf(d.text, x.range.start) <= supported && offsetOf(d.text, x.range.end) > supported));
    });

    test(`${d.name}: hover on a supported statistic leads with the verdict, then publication, quote and why`, async () => {
      const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position: positionOf(d.text, '73') }));
      assert.match(text.split('\n')[0], /^\*\*Supported\*\* by Fry et al\. 2018: 73% \(11\/15\)/);
      assert.match(text, /\[doi:10\.1038\/nm\.4441\]\(https:\/\/doi\.org\/10\.1038\/nm\.4441\)/);
      assert.match(text, /\[PMID 29155426\]\(https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/29155426\/\)/);
      assert.match(text, /\[NCT02315612\]\(https:\/\/clinicaltrials\.gov\/study\/NCT02315612\)/);
      assert.match(text, /\*\*Endpoint:\*\* Complete remission/i);
      assert.match(text, /\*\*Population:\*\*/);
      assert.match(text, /^> .*(?:73% \(11\/15\)|11 of 15 patients \(73%\))/m);
      assert.match(text, /\(file:\/\/[^)]*\/seeds\/00[24]_[0-9a-f]+\.txt#L\d+\)/);
      assert.match(text, /\*\*Why linked\*\*\n- cited by [^\n]*fry[^\n]*\(sentence\) \(\+\d+(?:\.\d+)?\)\n/i);
      assert.match(text, /^- score [\d.]+ for `fry2018-(?:news-)?cr-high-dose`/m);
    });

    test(`${d.name}: hover on a contradicted statistic says so and shows what the source reports`, async () => {
      const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position: positionOf(d.text, '76.1') }));
      assert.match(text.split('\n')[0], /^\*\*Contradicts\*\* Pan et al\. 2019, which reports 71\.6%/);
      assert.match(text, /^> 1-year leukemia-free survival rate of 71\.6% \(95% CI, 44\.2-99\.0\)/m);
      assert.match(text, /seeds\/003_9b16409f6539d11b\.txt#L\d+/);
    });

    test(`${d.name}: the supporting citation is inserted in the file's style and nothing else changes`, async () => {
      const diagnostic = diagnosticAt(diagnostics.get(d.uri)!, d.text, '68', 'unsupported-statistic');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: d.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
      const cite = actions.find((a) => a.isPreferred && /^Cite /.test(a.title));
      assert.ok(cite, JSON.stringify(actions.map((a) => a.title)));
      const after = applyEdits(d.text, editsFor(cite.edit, d.uri));
      const expected = { 'trial-notes.md': ' [@fergusson2023]', 'trial-notes.tex': '~\\citep{fergusson2023}', 'trial-notes.txt': ' (Fergusson et al., 2023)' }[d.name]!;
      assertInsertedOnly(d.text, after, d.text.indexOf('in B-ALL.', d.text.indexOf('rate of 68')) + 'in B-ALL'.length, expected);
      if (d.languageId !== 'plaintext') {
        // The key is missing from refs.bib: the same action appends its entry there.
        const bibText = fs.readFileSync(BIB, 'utf8');
        const bib = applyEdits(bibText, editsFor(cite.edit, fileUri(BIB)));
        assert.ok(bib.startsWith(bibText), 'the .bib keeps its entries');
        assert.match(bib.slice(bibText.length), /^\n?@article\{fergusson2023,\n  author = \{Fergusson, N\. J\.[^\n]*\},\n  title = \{\{A systematic review and meta-analysis/);
        assert.match(bib, /doi = \{10\.3389\/fimmu\.2023\.1178403\}/);
      }
    });

    test(`${d.name}: the contradicted number is replaced by the dataset's value, only that number`, async () => {
      const diagnostic = diagnosticAt(diagnostics.get(d.uri)!, d.text, '76.1', 'contradicts-dataset');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: d.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      const fix = actions.find((a) => /71\.6/.test(a.title));
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(applyEdits(d.text, editsFor(fix.edit, d.uri)), d.text.replace('76.1', '71.6'));
    });

    test(`${d.name}: "disable for this line" adds the comment above and the finding goes away`, async () => {
      const diagnostic = diagnosticAt(diagnostics.get(d.uri)!, d.text, '76.1', 'contradicts-dataset');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: d.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      const disable = actions.find((a) => a.title === 'Disable trial-lens contradicts-dataset for this line');
      assert.ok(disable);
      const after = applyEdits(d.text, editsFor(disable.edit, d.uri));
      const comment = { markdown: '<!-- trial-lens-disable-next-line contradicts-dataset -->', latex: '% trial-lens-disable-next-line contradicts-dataset', plaintext: 'trial-lens-disable-next-line contradicts-dataset' }[d.languageId]!;
      const lineStart = d.text.lastIndexOf('\n', d.text.indexOf('76.1')) + 1;
      assertInsertedOnly(d.text, after, lineStart, `${comment}\n`);
      const scratch = d.uri.replace(/(\.\w+)$/, '-disabled$1');
      await client.open(scratch, d.languageId, after);
      const again = await client.waitForDiagnostics(scratch);
      assert.ok(!again.some((x) => x.code === 'contradicts-dataset'), JSON.stringify(again.map((x) => x.message)));
      await client.close(scratch);
    });

    test(`${d.name}: fix all applies every preferred fix at once`, async () => {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: d.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      const fixAll = actions.find((a) => a.kind === 'source.fixAll.trialLens');
      assert.equal(fixAll?.title, 'Fix all Trial Lens problems (2)');
      // The light bulb's request on a line without problems gets nothing.
      const idle = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: d.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      assert.deepEqual(idle, []);
      const after = applyEdits(d.text, editsFor(fixAll.edit, d.uri));
      assert.ok(after.includes('71.6'), 'the contradicted number is corrected');
      assert.ok(after.includes('fergusson') || after.includes('Fergusson'), 'the missing citation is inserted');
      assert.equal(after.replace('71.6', '76.1').replace(/(?:~\\citep\{fergusson2023\}| \[@fergusson2023\]| \(Fergusson et al\., 2023\))/, ''), d.text);
    });

    test(`${d.name}: go to definition on a statistic opens the source at its quote`, async () => {
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: d.uri }, position: positionOf(d.text, '76.1') });
      assert.equal(locations.length, 1);
      assert.ok(locations[0].uri.endsWith('/seeds/003_9b16409f6539d11b.txt'));
      const source = fs.readFileSync(fileURLToPath(locations[0].uri), 'utf8');
      const quote = source.slice(offsetOf(source, locations[0].range.start), offsetOf(source, locations[0].range.end));
      assert.equal(quote, '1-year leukemia-free survival rate of 71.6% (95% CI, 44.2-99.0)');
    });

    test(`${d.name}: sections are symbols that count their statistics' verdicts`, async () => {
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: d.uri } });
      const all = flatten(symbols);
      assert.equal(all.find((s) => s.name.startsWith('73'))?.detail, 'supported');
      assert.equal(all.find((s) => s.name.startsWith('76.1'))?.detail, 'contradicted');
      // Every section's summary counts the verdicts of the statistics under it.
      for (const section of all.filter((s) => s.kind === SymbolKind.Namespace)) assert.equal(section.detail, summaryOf(section), section.name);
      if (d.languageId === 'plaintext') return;
      assert.deepEqual(symbols.map((s) => s.name), ['Efficacy', 'Durability']);
      const [efficacy, durability] = symbols;
      assert.ok(efficacy.children?.some((c) => c.name === 'Pooled data' && c.kind === SymbolKind.Namespace), 'subsections nest');
      assert.equal(durability.detail, '0 supported, 1 contradicted, 0 unchecked');
    });
  }

  test('hover on an antigen alias gives the canonical name, aliases, description and dataset facts', async () => {
    const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: MD.uri }, position: positionOf(MD.text, 'Siglec-2') }));
    assert.match(text, /^\*\*CD22\*\*/);
    assert.match(text, /SIGLEC-2/i);
    assert.match(text, /\*\*\d+ dataset facts? mention CD22\*\*/);
  });

  for (const [d, citation] of [[MD, '[@pan2019]'], [TEX, '\\citep{pan2019}'], [TXT, '(Pan et al., 2019)']] as const) {
    test(`${d.name}: hover on an antigen and on a citation`, async () => {
      const antigen = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position: positionOf(d.text, 'CD22 CAR T-cells alone') }));
      assert.match(antigen, /^\*\*CD22-CAR\*\* · construct/);
      assert.match(antigen, /\*\*\d+ dataset facts mention CD22\*\*/);
      const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position: positionOf(d.text, citation, citation.length - 3) }));
      assert.match(text, /^Pan J.*\(2019\)\. \*CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia\*\. Leukemia\./);
      assert.match(text, /\[doi:10\.1038\/s41375-019-0488-7\]\(https:\/\/doi\.org\/10\.1038\/s41375-019-0488-7\)/);
      assert.match(text, /\*\*\d+ facts in the dataset\*\*/);
      assert.match(text, /^- \*\*34 patients\*\* Patients enrolled or treated — Pan et al\. 2019 — /m);
    });
  }

  test('go to definition on a citation opens a quote of that reference', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: TEX.uri }, position: positionOf(TEX.text, 'pan2019', 2) });
    assert.equal(locations.length, 1);
    assert.ok(locations[0].uri.endsWith('/seeds/003_9b16409f6539d11b.txt'));
  });

  test('find references lists every draft in the workspace citing the reference, open or not', async () => {
    const locations = await client.request<Location[]>('textDocument/references', { textDocument: { uri: MD.uri }, position: positionOf(MD.text, '@pan2019', 2), context: { includeDeclaration: false } });
    const uris = new Set(locations.map((l) => l.uri));
    assert.ok(uris.has(MD.uri) && uris.has(TEX.uri) && uris.has(TXT.uri), JSON.stringify([...uris]));
    const inMd = locations.filter((l) => l.uri === MD.uri);
    assert.equal(inMd.length, 2, 'both [@pan2019] in the Markdown draft');
  });

  test('find references on a statistic lists the statistics linked to the same fact', async () => {
    const locations = await client.request<Location[]>('textDocument/references', { textDocument: { uri: TXT.uri }, position: positionOf(TXT.text, '76.1'), context: { includeDeclaration: true } });
    assert.ok(locations[0].uri.endsWith('/seeds/003_9b16409f6539d11b.txt'), 'the quote comes first');
    for (const d of DRAFTS) assert.ok(locations.some((l) => l.uri === d.uri), d.name);
  });

  test('completion after [@ lists dataset keys with citation, title, year and DOI', async () => {
    const uri = fileUri(path.join(WORKSPACE, 'scratch-completion.md'));
    const text = 'Remission was common [@fr';
    await client.open(uri, 'markdown', text);
    const result = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length } });
    const fry = result.items.find((i: CompletionItem) => i.label === 'fry2018');
    assert.ok(fry, JSON.stringify(result.items.map((i) => i.label)));
    assert.equal(fry.detail, 'Fry et al. 2018');
    assert.match((fry.documentation as MarkupContent).value, /CD22-targeted CAR T cells[\s\S]*2018[\s\S]*10\.1038\/nm\.4441/);
    assert.ok(!result.items.some((i) => i.label === 'pan2019'), 'filtered by what was typed');
    assert.deepEqual((fry.textEdit as { range: unknown }).range, { start: { line: 0, character: text.length - 2 }, end: { line: 0, character: text.length } });
    await client.close(uri);
  });

  test('completion inside \\citep{...,} and after @ in plain text offers keys; inside Markdown code it offers nothing', async () => {
    const tex = fileUri(path.join(WORKSPACE, 'scratch-completion.tex'));
    const texText = 'Remission~\\citep{fry2018, ';
    await client.open(tex, 'latex', texText);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: tex }, position: { line: 0, character: texText.length } });
    assert.ok(list.items.some((i) => i.label === 'pan2019') && list.items.some((i) => i.label === 'fry2018'));
    await client.close(tex);

    const txt = fileUri(path.join(WORKSPACE, 'scratch-completion.txt'));
    const txtText = 'as reported by @fe';
    await client.open(txt, 'plaintext', txtText);
    const plain = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: txt }, position: { line: 0, character: txtText.length } });
    assert.deepEqual(plain.items.map((i) => i.label), ['fergusson2023']);
    await client.close(txt);

    const md = fileUri(path.join(WORKSPACE, 'scratch-code.md'));
    const mdText = '```\nuser [@';
    await client.open(md, 'markdown', mdText);
    const none = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: md }, position: { line: 1, character: 7 } });
    assert.equal(none, null);
    await client.close(md);
  });

  // The title says what is written, in the document's own form.
  for (const [name, languageId, wrong, right, title] of [
    ['wrong-citation.md', 'markdown', '[@pan2019]', '[@fry2018]', 'Cite fry2018 instead of pan2019'],
    ['wrong-citation.tex', 'latex', '\\citep{pan2019}', '\\citep{fry2018}', 'Cite fry2018 instead of pan2019'],
    ['wrong-citation.txt', 'plaintext', '(Pan et al., 2019)', '(Fry et al., 2018)', 'Cite Fry et al., 2018 instead of Pan et al., 2019'],
  ] as const) {
    test(`${name}: a citation of the wrong reference is replaced in its own form`, async () => {
      const d = draft(name, languageId);
      await client.open(d.uri, d.languageId, d.text);
      const diagnostic = diagnosticAt(await client.waitForDiagnostics(d.uri), d.text, '73', 'citation-mismatch');
      assert.match(String(diagnostic.message), /Fry et al\. 2018/);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: d.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
      const replace = actions.find((a) => a.title === title);
      assert.ok(replace?.isPreferred, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(applyEdits(d.text, editsFor(replace.edit, d.uri)), d.text.replace(wrong, right));
      await client.close(d.uri);
    });
  }

  test('CRLF Markdown: the citation and the disable comment land in the right place with CRLF line ends', async () => {
    const uri = fileUri(path.join(WORKSPACE, 'scratch-crlf.md'));
    const text = MD.text.replace(/\n/g, '\r\n');
    await client.open(uri, 'markdown', text);
    const diagnostics = await client.waitForDiagnostics(uri);
    const unsupported = diagnosticAt(diagnostics, text, '68', 'unsupported-statistic');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unsupported.range, context: { diagnostics: [unsupported] } });
    const cite = actions.find((a) => a.isPreferred && a.title.startsWith('Cite '));
    assert.equal(applyEdits(text, editsFor(cite?.edit, uri)), text.replace('68% in B-ALL.', '68% in B-ALL [@fergusson2023].'));
    const disable = actions.find((a) => a.title.startsWith('Disable trial-lens unsupported-statistic'));
    const lineStart = text.lastIndexOf('\n', text.indexOf('68%')) + 1;
    assertInsertedOnly(text, applyEdits(text, editsFor(disable?.edit, uri)), lineStart, '<!-- trial-lens-disable-next-line unsupported-statistic -->\r\n');
    await client.close(uri);
  });

  test('numbered plain text: the next number and a new reference-list entry', async () => {
    const diagnostic = diagnosticAt(diagnostics.get(NUMBERED.uri)!, NUMBERED.text, '68', 'unsupported-statistic');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: NUMBERED.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const cite = actions.find((a) => a.title.startsWith('Cite [2]'));
    assert.ok(cite, JSON.stringify(actions.map((a) => a.title)));
    const after = applyEdits(NUMBERED.text, editsFor(cite.edit, NUMBERED.uri));
    const expected = NUMBERED.text.replace('68% in B-ALL.', '68% in B-ALL [2].').replace(/(doi:10\.1038\/nm\.4441)\n$/, '$1\n2. Fergusson NJ, Adeel K, Kekre N, et al. A systematic review and meta-analysis of CD22 CAR T-cells alone or in combination with CD19 CAR T-cells. Front Immunol. 2023. doi:10.3389/fimmu.2023.1178403. PMID: 37180149.\n');
    assert.equal(after, expected);
  });

  test('numbered plain text: fix all numbers the new citations in order and appends their entries together', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: NUMBERED.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.trialLens'] },
    });
    assert.equal(actions.length, 1);
    const after = applyEdits(NUMBERED.text, editsFor(actions[0].edit, NUMBERED.uri));
    const expected = NUMBERED.text
      .replace('68% in B-ALL.', '68% in B-ALL [2].')
      .replace('(95% CI 44.2-99.0).', '(95% CI 44.2-99.0) [3].')
      .replace(
        /(doi:10\.1038\/nm\.4441)\n$/,
        '$1\n2. Fergusson NJ, Adeel K, Kekre N, et al. A systematic review and meta-analysis of CD22 CAR T-cells alone or in combination with CD19 CAR T-cells. Front Immunol. 2023. doi:10.3389/fimmu.2023.1178403. PMID: 37180149.' +
          '\n3. Pan J, et al. CD22 CAR T-cell therapy in refractory or relapsed B acute lymphoblastic leukemia. Leukemia. 2019. doi:10.1038/s41375-019-0488-7. PMID: 31110217.\n',
      );
    assert.equal(after, expected);
  });
});

describe('protocol: "fix all" next to a problem, for a client that resolves edits (as VS Code does)', () => {
  const resolving = { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true, resolveSupport: { properties: ['edit'] } };

  for (const resolves of [true, false]) {
    test(`${resolves ? 'offered without its edit, which resolving makes' : 'a client that cannot resolve gets the edit at once'}: the same edit as asking for source.fixAll`, async () => {
      const client = await LspTestClient.start({ pullDiagnostics: false, root: WORKSPACE, capabilities: resolves ? { textDocument: { codeAction: resolving } } : undefined });
      try {
        await client.open(MD.uri, MD.languageId, MD.text);
        const diagnostic = diagnosticAt(await client.waitForDiagnostics(MD.uri), MD.text, '76.1', 'contradicts-dataset');
        const lightBulb = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: MD.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        const offered = lightBulb.find((a) => a.kind === 'source.fixAll.trialLens');
        assert.ok(offered, JSON.stringify(lightBulb.map((a) => a.title)));
        const asked = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri: MD.uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll'] },
        });
        const expected = asked.find((a) => a.kind === 'source.fixAll.trialLens');
        assert.ok(expected?.edit);
        let edit = offered.edit;
        if (resolves) {
          assert.equal(offered.edit, undefined, 'no edit until it is picked');
          assert.equal(offered.title, 'Fix all Trial Lens problems');
          edit = (await client.request<CodeAction>('codeAction/resolve', offered)).edit;
        } else assert.equal(offered.title, expected.title);
        assert.ok(edit);
        assert.equal(applyEdits(MD.text, editsFor(edit, MD.uri)), applyEdits(MD.text, editsFor(expected.edit, MD.uri)));
        assert.notEqual(applyEdits(MD.text, editsFor(edit, MD.uri)), MD.text);
      } finally {
        await client.shutdown();
      }
    });
  }
});

// Over stdio (VS Code's client and most editors) and over Node's IPC channel (--node-ipc, which other Node clients use).
for (const transport of ['stdio', 'ipc'] as const) describe(`protocol: an editor that knows only the LSP spec and pushed diagnostics, over ${transport}`, () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: false, root: WORKSPACE, transport });
  });
  after(async () => client?.shutdown());

  test('does not declare pull diagnostics', () => {
    assert.equal(client.initializeResult?.capabilities.diagnosticProvider, undefined);
  });

  for (const d of DRAFTS) {
    test(`${d.name}: diagnostics are pushed for the opened version, and again after an edit`, async () => {
      await client.open(d.uri, d.languageId, d.text);
      const first = await client.waitForDiagnostics(d.uri, 1);
      diagnosticAt(first, d.text, '76.1', 'contradicts-dataset');
      const fixed = d.text.replace('76.1', '71.6');
      const version = await client.change(d.uri, fixed);
      const second = await client.waitForDiagnostics(d.uri, version);
      assert.ok(!second.some((x) => x.code === 'contradicts-dataset'), JSON.stringify(second.map((x) => x.message)));
      const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position: positionOf(fixed, '71.6') }));
      assert.match(text, /^\*\*Supported\*\* by Pan et al\. 2019/);
      await client.close(d.uri);
    });
  }
});

describe('protocol: settings and Restricted Mode', () => {
  const USER_DATA = path.join(REPO_ROOT, 'test', 'fixtures', 'protocol', 'user-data');
  const NOTES = draft('../user-data/notes.md', 'markdown');

  test('severity overrides, disabled codes and languages come from the settings', async () => {
    const client = await LspTestClient.start({
      pullDiagnostics: true,
      root: WORKSPACE,
      initializationOptions: { settings: { severity: { 'contradicts-dataset': 'hint' }, disabledCodes: ['unsupported-statistic'], languages: ['markdown'] } },
    });
    try {
      await client.open(MD.uri, MD.languageId, MD.text);
      const diagnostics = await client.waitForDiagnostics(MD.uri);
      assert.equal(diagnosticAt(diagnostics, MD.text, '76.1', 'contradicts-dataset').severity, 4);
      assert.ok(!diagnostics.some((x) => x.code === 'unsupported-statistic'));
      await client.open(TEX.uri, TEX.languageId, TEX.text);
      assert.deepEqual(await client.waitForDiagnostics(TEX.uri), [], 'LaTeX is not in trialLens.languages');
    } finally {
      await client.shutdown();
    }
  });

  test('a file over trialLens.maxFileSize gets one information message and nothing else', async () => {
    const client = await LspTestClient.start({ pullDiagnostics: false, root: WORKSPACE, initializationOptions: { settings: { maxFileSize: 100 } } });
    try {
      await client.open(MD.uri, MD.languageId, MD.text);
      const diagnostics = await client.waitForDiagnostics(MD.uri, 1);
      assert.deepEqual(diagnostics.map((x) => [x.code, x.severity]), [['file-skipped', 3]]);
    } finally {
      await client.shutdown();
    }
  });

  for (const trusted of [true, false]) {
    test(`a workspace dataset is ${trusted ? 'used in a trusted workspace' : 'ignored in Restricted Mode'}`, async () => {
      const client = await LspTestClient.start({ pullDiagnostics: true, root: USER_DATA, initializationOptions: { workspaceTrusted: trusted } });
      try {
        await client.open(NOTES.uri, NOTES.languageId, NOTES.text);
        await client.waitForDiagnostics(NOTES.uri);
        const text = hoverText(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: NOTES.uri }, position: positionOf(NOTES.text, '50 of 58') }));
        if (trusted) {
          assert.match(text, /^\*\*Supported\*\* by Shah et al\. 2020: 86\.2% \(50\/58\)/);
          assert.match(text, /user-data\/sources\/shah2020-summary\.txt#L2\)/);
        } else {
          assert.doesNotMatch(text, /Supported/);
          assert.doesNotMatch(text, /shah2020-summary/);
        }
      } finally {
        await client.shutdown();
      }
    });
  }
});
