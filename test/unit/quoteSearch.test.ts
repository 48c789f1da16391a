/**
 * Quotes looked for while a dataset file is read (LoadDatasetFileOptions.searchQuotes), and in a worker thread
 * (workspace/quoteSearch.ts, dist/quoteSearchWorker.js): the data is exactly what looking at merge time gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLED_DATASET_FILE, loadDatasetFile, loadVocabulary, mergeDatasets, type LoadedDataset } from '../../server/src/core/dataset/loadDataset';
import { locateQuotes, searchQuotesHere, type QuoteSearch } from '../../server/src/core/dataset/quotes';
import { workerQuoteSearch } from '../../server/src/workspace/quoteSearch';

const repo = path.resolve(__dirname, '../..');
const seedsDir = path.join(repo, 'seeds');
const workerFile = path.join(repo, 'dist', 'quoteSearchWorker.js');

const fact = (id: string, source: string, quote: string, extra: object = {}) => ({
  id, reference: 'fry2018', endpoint: 'crs', antigens: ['CD22'], disease: 'B-ALL', population: 'p', count: 16, total: 21, source, quote, status: 'secondary', ...extra,
});

/** A user file with what goes wrong in real ones: a fact quoting a bundled source, broken and duplicate entries. */
const files = new Map<string, string>([
  ['/mem/user.trial-lens.json', JSON.stringify({
    sources: [
      { id: 'notes', reference: 'fry2018', file: 'notes.txt' },
      { id: 'notes', reference: 'fry2018', file: 'other.txt' },
      { id: 'gone', reference: 'fry2018', file: 'missing.txt' },
    ],
    facts: [
      fact('exact', 'notes', 'CRS in 16 of 21'),
      fact('wrapped', 'notes', 'sixteen of\ntwenty-one had CRS 16 21'),
      fact('absent', 'notes', 'CRS in 17 of 21'),
      fact('broken', 'notes', 'CRS in 16 of 21', { count: 'sixteen' }),
      fact('exact', 'notes', 'CRS in 16 of 21 patients'),
      fact('bundled-source', 'seed-004-fry2018-abstract', 'in 21 children and adults, including 17', { count: 17 }),
      fact('from-missing', 'gone', 'CRS in 16 of 21'),
      fact('later', 'notes', 'We saw CRS in 16 of 21'),
    ],
  })],
  ['/mem/notes.txt', 'We saw CRS in 16 of 21 patients; sixteen of  twenty-one had CRS 16 21.'],
  ['/mem/other.txt', 'CRS in 17 of 21'],
]);
const readFile = (file: string) => {
  const text = files.get(file);
  if (text !== undefined) return text;
  if (file.startsWith('/mem/')) throw new Error(`ENOENT: ${file}`);
  return fs.readFileSync(file, 'utf8');
};

function load(searchQuotes?: QuoteSearch): LoadedDataset {
  const { vocabulary } = loadVocabulary(seedsDir);
  const bundled = loadDatasetFile(path.join(seedsDir, BUNDLED_DATASET_FILE), { vocabulary, searchQuotes });
  const user = loadDatasetFile('/mem/user.trial-lens.json', { vocabulary, readFile, searchQuotes });
  return mergeDatasets([bundled, user], vocabulary);
}

const summary = (dataset: LoadedDataset) => ({
  facts: dataset.facts.map((f) => [f.id, f.source, f.quoteSpan, f.quoteLine]),
  problems: dataset.problems.map((p) => `${p.line}:${p.message}`),
});

test('quotes looked for as a file is read give the dataset that looking when merging gives', () => {
  const searched: string[][] = [];
  const recording: QuoteSearch = (text, quotes) => {
    searched.push([...quotes]);
    return searchQuotesHere(text, quotes);
  };
  const early = load(recording);
  assert.deepEqual(summary(early), summary(load()));
  // The user file's own source was searched early, once, with every quote naming it (the broken one too).
  const userSearch = searched.find((quotes) => quotes.includes('We saw CRS in 16 of 21'));
  assert.deepEqual(userSearch, ['CRS in 16 of 21', 'sixteen of\ntwenty-one had CRS 16 21', 'CRS in 17 of 21', 'CRS in 16 of 21', 'CRS in 16 of 21 patients', 'We saw CRS in 16 of 21']);
  assert.deepEqual(early.factById.get('later')?.quoteSpan, { start: 0, end: 22 });
  assert.equal(early.factById.has('absent'), false);
  assert.ok(early.problems.some((p) => /fact absent: the quote is not in source notes/.test(p.message)));
});

test('an early answer is not used for a source the merge reads differently', () => {
  // The search answers nonsense: only quotes it was asked for may take its answer, and the quote of a fact naming a
  // bundled source is not among them.
  const wrong: QuoteSearch = (_text, quotes) => () => quotes.map(() => ({ start: 1, end: 2 }));
  const dataset = load(wrong);
  assert.deepEqual(dataset.factById.get('later')?.quoteSpan, { start: 1, end: 2 });
  const bundledSource = dataset.sources.get('seed-004-fry2018-abstract')!;
  const bundledFact = dataset.factById.get('bundled-source');
  assert.deepEqual(bundledFact?.quoteSpan, locateQuotes(bundledSource.text, ['in 21 children and adults, including 17'])[0]);
  assert.notDeepEqual(bundledFact?.quoteSpan, { start: 1, end: 2 });
});

test('a worker thread finds every quote where this thread would', { skip: !fs.existsSync(workerFile) && 'dist/quoteSearchWorker.js is built by npm run build' }, () => {
  const text = `${'Filler sentence with 12 of 40 words. '.repeat(3000)}We saw CRS in 16 of 21 patients; sixteen of  twenty-one had CRS.`;
  const quotes = ['CRS in 16 of 21', 'sixteen of twenty-one', 'not there at all', 'Filler sentence with 12 of 40 words.', ''];
  const answer = workerQuoteSearch(workerFile, 1)(text, quotes)();
  assert.deepEqual(answer, locateQuotes(text, quotes));
  assert.ok(answer[0] && !answer[2]);
});

test('a worker that fails or never starts leaves the search to this thread', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-worker-'));
  const text = 'We saw CRS in 16 of 21 patients.';
  const quotes = ['CRS in 16 of 21', 'absent'];
  const expected = locateQuotes(text, quotes);
  // Says it started and then failed, as a worker whose search throws does.
  const failing = path.join(dir, 'failing.js');
  fs.writeFileSync(failing, "const { parentPort } = require('node:worker_threads'); parentPort.once('message', ({ shared }) => { const c = new Int32Array(shared); Atomics.store(c, 0, 3); Atomics.notify(c, 0); parentPort.close(); });");
  assert.deepEqual(workerQuoteSearch(failing, 1)(text, quotes)(), expected);
  // Throws before it can say anything.
  const crashing = path.join(dir, 'crashing.js');
  fs.writeFileSync(crashing, "throw new Error('broken worker');");
  const started = performance.now();
  assert.deepEqual(workerQuoteSearch(crashing, 1, 200)(text, quotes)(), expected);
  assert.ok(performance.now() - started < 5_000);
  // No worker file at all (running from sources).
  assert.deepEqual(workerQuoteSearch(path.join(dir, 'absent.js'), 1)(text, quotes)(), expected);
  fs.rmSync(dir, { recursive: true, force: true });
});
