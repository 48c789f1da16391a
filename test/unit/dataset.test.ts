import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BUNDLED_DATASET_FILE,
  loadDataset,
  loadDatasetFile,
  loadVocabulary,
  mergeDatasets,
} from '../../server/src/core/dataset/loadDataset';
import { numbersMissingFromQuote, numbersInText, repairMojibake, locateQuote, locateQuotes } from '../../server/src/core/dataset/quotes';
import { findDatasetFiles, listDatasetFilesInFolder, resolveBibliographyPaths } from '../../server/src/core/dataset/discover';

const repo = path.resolve(__dirname, '../..');
const seedsDir = path.join(repo, 'seeds');
const fixtures = path.join(repo, 'test/fixtures/dataset');
const fixture = (...parts: string[]) => path.join(fixtures, ...parts);

test('the bundled dataset loads with no problems, and every quote is found in its source', () => {
  const dataset = loadDataset({ seedsDir });
  assert.deepEqual(dataset.problems, []);
  assert.ok(dataset.facts.length >= 40, `only ${dataset.facts.length} facts`);
  for (const fact of dataset.facts) {
    const source = dataset.sources.get(fact.source);
    assert.ok(source, `fact ${fact.id}: source ${fact.source} missing`);
    assert.equal(source.text.slice(fact.quoteSpan.start, fact.quoteSpan.end), fact.quote, `fact ${fact.id}: span does not hold the quote`);
    assert.equal(source.text.slice(0, fact.quoteSpan.start).split('\n').length - 1, fact.quoteLine, `fact ${fact.id}: wrong line`);
  }
});

test("every bundled fact's numbers appear in its quote (mojibake and flattened powers read)", () => {
  const dataset = loadDataset({ seedsDir });
  for (const fact of dataset.facts) {
    assert.deepEqual(numbersMissingFromQuote(fact), [], `fact ${fact.id}: "${fact.quote}"`);
  }
});

test('bundled facts cover the claims the sources make, attributed per FACTS.md', () => {
  const { factById, references } = loadDataset({ seedsDir });
  const fact = (id: string) => {
    const found = factById.get(id);
    assert.ok(found, `missing fact ${id}`);
    return found;
  };
  // 004 is mis-encoded: the quote is found as written, on the line that holds it.
  const highDose = fact('fry2018-cr-high-dose');
  assert.match(highDose.quote, /â‰¥1 Ã— 106/);
  assert.deepEqual([highDose.count, highDose.total, highDose.percent, highDose.reference], [11, 15, 73, 'fry2018']);
  // The same Fry number in two sources: one fact each, so provenance can show both.
  assert.equal(fact('fry2018-news-cr-high-dose').source, 'seed-002-news-fry2018');
  assert.equal(highDose.source, 'seed-004-fry2018-abstract');
  // Secondary quotes keep the primary publication as their reference.
  assert.deepEqual([fact('fry2018-essay-crs-grade-1').count, fact('fry2018-essay-crs-grade-1').reference], [9, 'fry2018']);
  assert.equal(fact('fry2018-essay-crs-grade-1').status, 'secondary');
  // Different denominators are different facts.
  assert.deepEqual([fact('pan2019-cr-cri-evaluable').percent, fact('pan2019-cr-cri-evaluable').total], [80, 30]);
  assert.deepEqual([fact('pan2019-cr-cri-enrolled').percent, fact('pan2019-cr-cri-enrolled').total], [70.5, 34]);
  assert.match(fact('pan2019-cr-cri-enrolled').note ?? '', /truncat/);
  const lfs = fact('pan2019-leukemia-free-survival');
  assert.deepEqual([lfs.percent, lfs.ci, lfs.ciLevel], [71.6, [44.2, 99], 95]);
  // The popular article's "LBCL" is kept as mislabelled beside the meta-analysis's NHL.
  assert.equal(fact('fergusson2023-cr-cd19-cd22-lbcl-mislabelled').status, 'mislabelled');
  assert.equal(fact('fergusson2023-cr-cd19-cd22-nhl').disease, 'NHL');
  assert.equal(fact('shah2020-article-cr-cd19-resistant').status, 'unverified');
  for (const key of ['fry2018', 'pan2019', 'shah2020', 'fergusson2023', 'spiegel2021']) assert.ok(references.has(key), key);
  assert.equal(references.get('fry2018')?.doi, '10.1038/nm.4441');
  assert.deepEqual(references.get('shah2020')?.trial, ['NCT02315612']);
});

test('the index finds candidates by reference, endpoint, antigen, denominator and percent', () => {
  const { index } = loadDataset({ seedsDir });
  const ids = (facts: readonly { id: string }[]) => facts.map((f) => f.id).sort();
  assert.ok(ids(index.byTotal(30)).includes('pan2019-cr-cri-evaluable'));
  assert.ok(ids(index.byTotal(34)).includes('pan2019-patients-treated'), 'a sample size counts as a denominator');
  assert.ok(ids(index.byPercent(70.5)).includes('pan2019-cr-cri-enrolled'));
  assert.ok(ids(index.byPercent(71)).includes('pan2019-cr-cri-enrolled'), 'one point off is still a candidate');
  assert.ok(ids(index.byPercent(81)).includes('fry2018-prior-cd19-therapy'), '17/21 makes 81%');
  assert.ok(!ids(index.byPercent(73)).includes('pan2019-cr-cri-evaluable'));
  assert.ok(ids(index.byEndpoint('crs-grade-1')).includes('fry2018-essay-crs-grade-1'));
  assert.ok(ids(index.byAntigen('CD19/CD22')).includes('fergusson2023-cr-cd19-cd22-ball'));
  assert.ok(index.byReference('pan2019').every((f) => f.reference === 'pan2019'));
  assert.deepEqual(index.byReference('nobody2000'), []);
});

test('a user dataset in JSON adds facts located in its own source', () => {
  const dataset = loadDataset({ seedsDir, userFiles: [fixture('user-json/shah.trial-lens.json')] });
  assert.deepEqual(dataset.problems, []);
  const crs = dataset.factById.get('shah2020-crs');
  assert.ok(crs);
  assert.equal(crs.origin, fixture('user-json/shah.trial-lens.json'));
  assert.equal(crs.quoteLine, 1);
  assert.ok(numbersInText('Fifty-eight participants').includes(58));
  assert.ok(dataset.factById.has('fry2018-cr-high-dose'), 'bundled facts stay');
  assert.ok(dataset.index.byTotal(58).some((f) => f.id === 'shah2020-hlh'));
});

test('a user dataset in YAML replaces a bundled fact with the same id', () => {
  const dataset = loadDataset({ seedsDir, userFiles: [fixture('user-yaml/lab.trial-lens.yaml')] });
  assert.deepEqual(dataset.problems, []);
  const lfs = dataset.factById.get('pan2019-leukemia-free-survival');
  assert.equal(lfs?.source, 'lab-notes');
  assert.equal(lfs?.population, 'transplanted patients (lab reading)');
  assert.equal(dataset.facts.filter((f) => f.id === 'pan2019-leukemia-free-survival').length, 1);
  assert.ok(dataset.index.byPercent(71.6).includes(lfs!), 'the index holds the replacement');
  assert.equal(dataset.factById.get('lab-crs-grade-1')?.count, 9);
});

test('a quote that is not in its source is a problem naming the fact; the bundled data keeps working', () => {
  const file = fixture('bad-quote/wrong.trial-lens.json');
  const dataset = loadDataset({ seedsDir, userFiles: [file] });
  assert.equal(dataset.problems.length, 1);
  const [problem] = dataset.problems;
  assert.equal(problem.file, file);
  assert.match(problem.message, /fact bad-quote-cr: the quote is not in source bad-quote-source/);
  assert.equal(problem.line, 13, 'points at the quote line in the dataset file');
  assert.equal(dataset.factById.has('bad-quote-cr'), false);
  assert.ok(dataset.factById.has('fry2018-cr-high-dose'));
});

test('a replacement whose quote is wrong leaves the bundled fact in force', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  const bundled = loadDatasetFile(path.join(seedsDir, BUNDLED_DATASET_FILE), { vocabulary });
  const text = fs.readFileSync(fixture('user-yaml/lab.trial-lens.yaml'), 'utf8').replace('71.6% (95% CI', '76.1% (95% CI');
  const user = loadDatasetFile(fixture('user-yaml/lab.trial-lens.yaml'), { vocabulary, text });
  const merged = mergeDatasets([bundled, user], vocabulary);
  assert.equal(merged.factById.get('pan2019-leukemia-free-survival')?.source, 'seed-003-pan2019-abstract');
  assert.match(merged.problems[0].message, /fact pan2019-leukemia-free-survival: the quote is not in source lab-notes/);
});

test('invalid JSON is a problem with its line and character, and nothing from the file is used', () => {
  const file = fixture('bad-json/broken.trial-lens.json');
  const { vocabulary } = loadVocabulary(seedsDir);
  const result = loadDatasetFile(file, { vocabulary });
  assert.equal(result.ok, false);
  assert.equal(result.data.facts.length, 0);
  assert.ok(result.problems.length >= 1);
  const [problem] = result.problems;
  assert.equal(problem.file, file);
  assert.equal(problem.line, 5);
  assert.equal(problem.character, 6);
  assert.match(problem.message, /invalid JSON at line 6, character 7: comma expected/);
});

test('invalid YAML is a problem with its line', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  const result = loadDatasetFile('/virtual/x.trial-lens.yaml', { vocabulary, text: 'facts:\n  - id: a\n    quote: "open\n' });
  assert.equal(result.ok, false);
  assert.match(result.problems[0].message, /^invalid YAML at line \d+/);
  assert.equal(typeof result.problems[0].line, 'number');
});

test('a schema violation names the fact and the field, at the field, and the valid facts are kept', () => {
  const file = fixture('bad-schema/schema.trial-lens.json');
  const { vocabulary } = loadVocabulary(seedsDir);
  const result = loadDatasetFile(file, { vocabulary });
  assert.equal(result.ok, false);
  const messages = result.problems.map((p) => p.message).sort();
  assert.deepEqual(messages, [
    'fact schema-bad: field percent must be a number',
    'fact schema-bad: field status must be one of "abstract", "secondary", "mislabelled", "unverified"',
  ]);
  const percentProblem = result.problems.find((p) => p.message.includes('percent'));
  assert.equal(percentProblem?.line, 23, 'the line of "percent": "73"');
  assert.deepEqual(result.data.facts.map((f) => f.id), ['schema-good']);
});

test('a missing field and an unknown endpoint are named', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  const text = JSON.stringify({
    facts: [
      { id: 'no-quote', reference: 'fry2018', endpoint: 'crs', antigens: [], disease: 'B-ALL', population: 'p', count: 1, source: 's', status: 'abstract' },
      { id: 'odd-endpoint', reference: 'fry2018', endpoint: 'happiness', antigens: [], disease: 'B-ALL', population: 'p', count: 1, source: 's', quote: '1', status: 'abstract' },
      { id: 'no-number', reference: 'fry2018', endpoint: 'crs', antigens: [], disease: 'B-ALL', population: 'p', source: 's', quote: 'q', status: 'abstract' },
    ],
  }, null, 2);
  const messages = loadDatasetFile('/virtual/a.trial-lens.json', { vocabulary, text }).problems.map((p) => p.message);
  assert.ok(messages.includes('fact no-quote: field quote is missing'), messages.join('\n'));
  assert.ok(messages.some((m) => m.startsWith('fact odd-endpoint: field endpoint "happiness" is not a known endpoint')), messages.join('\n'));
  assert.ok(messages.includes('fact no-number needs a number: count (with total), percent, value, or low and high'), messages.join('\n'));
});

test('a user fact whose numbers are not in its quote gets a warning, not an error', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  const text = JSON.stringify({
    sources: [{ id: 'shah2020-abstract', reference: 'shah2020', file: 'sources/shah2020-abstract.txt' }],
    facts: [{ id: 'typo', reference: 'shah2020', endpoint: 'crs', antigens: ['CD22'], disease: 'B-ALL', population: 'p', count: 51, total: 58, source: 'shah2020-abstract', quote: 'CRS occurred in 50 participants (86.2%)', status: 'abstract' }],
  });
  const result = loadDatasetFile(fixture('user-json/typo.trial-lens.json'), { vocabulary, text });
  assert.equal(result.ok, true);
  assert.deepEqual(result.problems.map((p) => [p.severity, p.message]), [['warning', 'fact typo: the quote does not show count 51, total 58']]);
});

test('a source file outside the workspace folder is refused', () => {
  const file = fixture('outside-root/workspace/escape.trial-lens.json');
  const dataset = loadDataset({ seedsDir, userFiles: [file], workspaceRoots: [fixture('outside-root/workspace')] });
  assert.equal(dataset.problems.length, 1);
  assert.match(dataset.problems[0].message, /source escape-source: file \.\.\/outside\.txt is outside the workspace folder/);
  assert.equal(dataset.sources.has('escape-source'), false);
  // Without workspace roots (the CLI given --dataset explicitly) the file is the user's own choice.
  assert.ok(loadDataset({ seedsDir, userFiles: [file] }).sources.has('escape-source'));
});

test('readFile is injectable: a dataset can be loaded from memory', () => {
  const files = new Map<string, string>([
    ['/mem/a.trial-lens.json', JSON.stringify({ sources: [{ id: 'm', reference: 'fry2018', file: 'm.txt' }], facts: [{ id: 'mem-1', reference: 'fry2018', endpoint: 'crs', antigens: ['CD22'], disease: 'B-ALL', population: 'p', count: 16, total: 21, source: 'm', quote: 'CRS in 16 of 21', status: 'secondary' }] })],
    ['/mem/m.txt', 'We saw CRS in 16 of 21 patients.'],
  ]);
  const readFile = (file: string) => {
    const text = files.get(file);
    if (text !== undefined) return text;
    return fs.readFileSync(file, 'utf8');
  };
  const dataset = loadDataset({ seedsDir, userFiles: ['/mem/a.trial-lens.json'], readFile });
  assert.deepEqual(dataset.problems, []);
  assert.deepEqual(dataset.factById.get('mem-1')?.quoteSpan, { start: 7, end: 22 });
});

test('CLI discovery finds dataset files in the folder and its parents; workspace discovery walks down', () => {
  assert.deepEqual(findDatasetFiles(fixture('user-json/sources'), fixtures), [fixture('user-json/shah.trial-lens.json')]);
  assert.deepEqual(findDatasetFiles(fixture('user-yaml'), fixture('user-yaml')), [fixture('user-yaml/lab.trial-lens.yaml')]);
  const all = listDatasetFilesInFolder(fixtures);
  assert.ok(all.includes(fixture('user-json/shah.trial-lens.json')));
  assert.ok(all.includes(fixture('outside-root/workspace/escape.trial-lens.json')));
  assert.ok(all.every((f) => /\.trial-lens\.(json|ya?ml)$/.test(f)));
});

test('bibliography paths from front matter and LaTeX resolve beside the document', () => {
  assert.deepEqual(resolveBibliographyPaths('/w/paper/draft.tex', ['refs,more', 'extra.bib']), ['/w/paper/refs.bib', '/w/paper/more.bib', '/w/paper/extra.bib']);
  assert.deepEqual(resolveBibliographyPaths('/w/draft.md', ['../lib/refs.json']), ['/lib/refs.json']);
});

test('quotes are located as written, tolerating line wrapping', () => {
  const text = 'Complete remission was\n  achieved in 24 of 30 patients.';
  assert.deepEqual(locateQuote(text, 'Complete remission was achieved in 24 of 30'), { start: 0, end: 45 });
  assert.equal(locateQuote(text, 'achieved in 25 of 30'), undefined);
});

test('many quotes in a long text are located exactly as one at a time', () => {
  // A small alphabet makes repeats, near misses and overlapping matches common; the text is long enough for the
  // one-pass search, and the quotes are of every window width, taken from the text or made up.
  let seed = 7;
  const random = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const alphabet = 'ab \n';
  let text = '';
  while (text.length < 70_000) text += alphabet[random(alphabet.length)];
  // Quotes at either end, and where the search changes method (every 4,096 positions it may switch to a rolling hash).
  const quotes: string[] = ['', 'a', text.slice(0, 40), text.slice(-33), 'zzz', 'a\nb  a', text.slice(4096, 4140), text.slice(4095, 4140), text.slice(4097, 4140)];
  for (let i = 0; i < 400; i++) {
    const length = 1 + random(70);
    const start = random(text.length - length);
    const quote = text.slice(start, start + length);
    quotes.push(i % 3 === 0 ? quote : i % 3 === 1 ? quote.replace(/\s+/g, ' ') : `${quote}b`);
  }
  assert.deepEqual(locateQuotes(text, quotes), quotes.map((q) => locateQuote(text, q)));
  // Prose with a larger alphabet, where windows are hashed only where some quote's first three characters are.
  const words = ['Complete', 'remission', 'was', 'achieved', 'in', '24', 'of', '30', 'patients', '(80%).', 'The', 'rate', 'CRS', '\n'];
  let prose = '';
  while (prose.length < 80_000) prose += `${words[random(words.length)]} `;
  const proseQuotes = ['The rate', 'Complete remission was achieved in 24 of 30 patients (80%).', 'was  achieved\nin'];
  for (let i = 0; i < 300; i++) {
    const length = 3 + random(90);
    const start = random(prose.length - length);
    proseQuotes.push(i % 2 === 0 ? prose.slice(start, start + length) : `${prose.slice(start, start + length)}!`);
  }
  assert.deepEqual(locateQuotes(prose, proseQuotes), proseQuotes.map((q) => locateQuote(prose, q)));
  // Sentences from one template: quotes that begin alike are keyed by windows further in (and found in time).
  const template = (i: number) => `The overall response rate in the intention-to-treat population was ${i % 100}% (${i} of ${2000 + i} patients).`;
  const templated = Array.from({ length: 2000 }, (_, i) => template(i)).join('\n');
  const templateQuotes = [template(5), template(5), template(1999), template(7).slice(0, 60), template(3).slice(0, -1), `${template(8)} More.`];
  for (let i = 0; i < 2000; i += 3) templateQuotes.push(template(i).slice(0, -1));
  const started = performance.now();
  const spans = locateQuotes(templated, templateQuotes);
  assert.ok(performance.now() - started < 2000, 'templated quotes are found in well under two seconds');
  assert.deepEqual(spans, templateQuotes.map((q) => locateQuote(templated, q)));
});

test("a fact's missing numbers are those the full reading of its quote does not show", () => {
  // numbersMissingFromQuote skips the full reading when every number stands as plain digits; it must agree with it.
  let seed = 11;
  const random = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pieces = ['1', '23', '456', '7890', ',', ',345', ',12', '.', '.5', ' ', '\u00a0', 'x', '×', '*', 'e', 'E', '10', ' x 10', '×10^', '10⁶', 'million', 'Billion', 'billion', 'nine', 'fifty-eight', '%', 'of', 'Ã—', '¹', '⁰', '⁶'];
  const fields = ['count', 'total', 'percent', 'value', 'low', 'high', 'ciLevel'] as const;
  let shortcuts = 0;
  for (let i = 0; i < 40000; i++) {
    let quote = '';
    for (let n = random(6); n >= 0; n--) quote += pieces[random(pieces.length)];
    const read = numbersInText(quote);
    // Stated numbers: mostly ones the quote shows, or any run of its digits (a near miss: "34" in "1,234").
    const runs = (quote.match(/\d+(?:\.\d+)?/g) ?? []).flatMap((run) => [run, run.slice(1), run.slice(0, -1)]).filter(Boolean).map(Number);
    const fact: Record<string, unknown> = { quote };
    for (let n = random(2); n >= 0; n--) {
      const field = fields[random(fields.length)];
      const roll = random(5);
      if (roll <= 1 && read.length > 0) fact[field] = read[random(read.length)];
      else if (roll <= 3 && runs.length > 0) fact[field] = runs[random(runs.length)];
      else fact[field] = random(100);
    }
    const expected = fields
      .filter((field) => fact[field] !== undefined)
      .map((field) => ({ field, value: fact[field] as number }))
      .filter(({ value }) => !read.some((n) => Math.abs(n - value) <= 1e-9 * Math.max(1, Math.abs(value))));
    const missing = numbersMissingFromQuote(fact as Parameters<typeof numbersMissingFromQuote>[0]);
    assert.deepEqual(missing, expected, JSON.stringify(fact));
    if (expected.length === 0 && Object.keys(fact).length > 1) shortcuts++;
  }
  assert.ok(shortcuts > 1000);
});

test('numbers are read from mojibake, superscripts, flattened powers and words', () => {
  assert.equal(repairMojibake('â‰¥1 Ã— 106 and CD19âˆ’'), '≥1 × 106 and CD19−');
  assert.ok(numbersInText('â‰¥1 Ã— 106 cells').includes(1e6));
  assert.ok(numbersInText('1 × 10⁶ cells').includes(1e6));
  assert.ok(numbersInText('up to 1×10^6 CAR+ T-cells/kg').includes(1e6));
  assert.ok(numbersInText('at least 1 million cells').includes(1e6));
  assert.ok(numbersInText('grade 1 CRS occurred in nine patients').includes(9));
  assert.deepEqual(numbersInText('71.6% (95% CI, 44.2-99.0) p=0.02'), [71.6, 95, 44.2, 99, 0.02]);
});

test('antigens must be canonical ids from the antigen vocabulary', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  assert.ok(vocabulary.antigenIds?.has('CD19/CD22'));
  const text = JSON.stringify({ facts: [{ id: 'alias-antigen', reference: 'fry2018', endpoint: 'crs', antigens: ['CD22', 'Siglec-2'], disease: 'B-ALL', population: 'p', count: 1, source: 's', quote: '1', status: 'abstract' }] });
  const { problems } = loadDatasetFile('/virtual/a.trial-lens.json', { vocabulary, text });
  assert.deepEqual(problems.map((p) => p.message), ['fact alias-antigen: field antigens: "Siglec-2" is not a canonical antigen id (see seeds/antigens.json)']);
});

test('a schema violation in YAML points at its line', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  const text = fs.readFileSync(fixture('user-yaml/lab.trial-lens.yaml'), 'utf8').replace('    count: 9\n', '    count: nine\n');
  const result = loadDatasetFile(fixture('user-yaml/lab.trial-lens.yaml'), { vocabulary, text });
  assert.equal(result.ok, false);
  const [problem] = result.problems;
  assert.equal(problem.message, 'fact lab-crs-grade-1: field count must be a whole number');
  assert.equal(text.split('\n')[problem.line ?? -1], '    count: nine');
  assert.equal(result.data.facts.length, 1, 'the other fact is kept');
});

test('no text, however broken, makes loading throw (JSON and YAML, truncated or garbled)', async () => {
  const fc = await import('fast-check');
  const { vocabulary } = loadVocabulary(seedsDir);
  const json = fs.readFileSync(fixture('user-json/shah.trial-lens.json'), 'utf8');
  const yaml = fs.readFileSync(fixture('user-yaml/lab.trial-lens.yaml'), 'utf8');
  fc.assert(
    fc.property(fc.boolean(), fc.nat(), fc.nat(), fc.string(), (isYaml, cutAt, insertAt, garbage) => {
      const original = isYaml ? yaml : json;
      const cut = original.slice(0, cutAt % (original.length + 1));
      const at = insertAt % (cut.length + 1);
      const text = cut.slice(0, at) + garbage + cut.slice(at);
      const file = fixture(isYaml ? 'user-yaml/lab.trial-lens.yaml' : 'user-json/shah.trial-lens.json');
      const result = loadDatasetFile(file, { vocabulary, text });
      for (const problem of result.problems) {
        assert.equal(problem.file, file);
        assert.ok(problem.message.length > 0);
      }
      mergeDatasets([result], vocabulary);
    }),
    { numRuns: 300, seed: 3 },
  );
});

test('a reference declared again adds to the earlier one: its identifiers and aliases are kept, a different DOI is said', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  const bundled = loadDatasetFile(path.join(seedsDir, BUNDLED_DATASET_FILE), { vocabulary });
  const file = path.join(fixtures, 'again.trial-lens.json');
  const user = (reference: object) => loadDatasetFile(file, { vocabulary, text: JSON.stringify({ references: [{ key: 'fry2018', title: 'Erratum', authors: ['Fry TJ'], journal: 'Nat Med', year: 2018, ...reference }], sources: [], facts: [] }, null, 1) });
  const merged = mergeDatasets([bundled, user({ aliases: ['our NCI update'] })], vocabulary);
  const fry = merged.references.get('fry2018')!;
  assert.equal(fry.title, 'Erratum');
  assert.equal(fry.doi, '10.1038/nm.4441');
  assert.equal(fry.pmid, '29155426');
  assert.ok(fry.aliases!.includes('NCI trial') && fry.aliases!.includes('our NCI update'));
  assert.deepEqual(merged.problems, []);
  const other = mergeDatasets([bundled, user({ doi: '10.1000/other' })], vocabulary);
  assert.equal(other.problems.length, 1);
  assert.equal(other.problems[0]!.severity, 'warning');
  assert.match(other.problems[0]!.message, /reference fry2018 is already in dataset\.json with DOI 10\.1038\/nm\.4441/);
});

test('two user files giving one fact id: the later is used, and it says so', () => {
  const { vocabulary } = loadVocabulary(seedsDir);
  const bundled = loadDatasetFile(path.join(seedsDir, BUNDLED_DATASET_FILE), { vocabulary });
  const raw = JSON.parse(fs.readFileSync(path.join(seedsDir, BUNDLED_DATASET_FILE), 'utf8')).facts[0];
  const fact = (file: string) => loadDatasetFile(path.join(fixtures, file), { vocabulary, text: JSON.stringify({ facts: [{ ...raw, id: 'mine-1' }] }, null, 1) });
  const merged = mergeDatasets([bundled, fact('a.trial-lens.json'), fact('b.trial-lens.json')], vocabulary);
  assert.equal(merged.problems.length, 1);
  assert.equal(merged.problems[0]!.file, path.join(fixtures, 'b.trial-lens.json'));
  assert.match(merged.problems[0]!.message, /fact mine-1 is also defined in a\.trial-lens\.json; this file's is used/);
});
