import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { loadBibliography, linkBibliographyEntries } from '../../server/src/core/dataset/bibliography';
import { loadDataset } from '../../server/src/core/dataset/loadDataset';
import { createReferenceResolver } from '../../server/src/core/dataset/resolver';
import { inheritedBibliographies } from '../../server/src/workspace/declaredBibliographies';

const repo = path.resolve(__dirname, '../..');
const seedsDir = path.join(repo, 'seeds');
const fixture = (name: string) => path.join(repo, 'test/fixtures/dataset/bib', name);
const read = (name: string) => fs.readFileSync(fixture(name), 'utf8');

test("BibTeX entries keep the user's keys and carry their identifiers", () => {
  const { entries, problems } = loadBibliography(fixture('refs.bib'), read('refs.bib'));
  assert.deepEqual(problems, []);
  assert.deepEqual(entries.map((e) => e.key), ['shahCD4CD8Selection2020', 'panLeukemia2019', 'nciTrialRegistration', 'unrelated2021']);
  const shah = entries[0];
  assert.equal(shah.doi, '10.1200/JCO.19.03279');
  assert.equal(shah.year, 2020);
  assert.deepEqual(shah.authors, ['Shah NN', 'Highfill SL', 'Shalabi H']);
  assert.equal(entries[1].pmid, '31110217', 'pmid read from a BibTeX field citation-js does not map');
  assert.equal(entries[2].nct, 'NCT02315612', 'NCT read from the note');
});

test('BibTeX keys resolve to dataset references by DOI, PMID, or NCT', () => {
  const dataset = loadDataset({ seedsDir });
  const { entries } = loadBibliography(fixture('refs.bib'), read('refs.bib'));
  const resolver = createReferenceResolver(dataset, entries);
  assert.deepEqual(resolver.byKey('shahCD4CD8Selection2020'), ['shah2020']);
  assert.deepEqual(resolver.byKey('panLeukemia2019'), ['pan2019']);
  // An NCT shared by two publications of one trial names both.
  assert.deepEqual(resolver.byKey('nciTrialRegistration').sort(), ['fry2018', 'shah2020']);
  assert.deepEqual(resolver.byKey('unrelated2021'), [], 'a real entry that is not in the dataset');
  assert.equal(resolver.entries.get('unrelated2021')?.title, 'Something else entirely');
  assert.deepEqual(resolver.byKey('noSuchKey'), []);
  assert.equal(resolver.entries.get('shahCD4CD8Selection2020')?.reference, 'shah2020');
});

test('CSL-JSON entries resolve too, with DOIs compared case-insensitively and without the resolver prefix', () => {
  const dataset = loadDataset({ seedsDir });
  const { entries, problems } = loadBibliography(fixture('refs.json'), read('refs.json'));
  assert.deepEqual(problems, []);
  assert.equal(entries[0].doi, '10.1038/NM.4441');
  const linked = linkBibliographyEntries(entries, dataset.references.values());
  assert.deepEqual(linked.map((e) => [e.key, e.reference]), [['fryNatMed2018', 'fry2018'], ['spiegelDual2021', 'spiegel2021']]);
  const resolver = createReferenceResolver(dataset, entries);
  assert.deepEqual(resolver.byKey('fryNatMed2018'), ['fry2018']);
});

test('a broken BibTeX entry is a problem at its line that says what is wrong; the other entries are still read', () => {
  const { entries, problems } = loadBibliography(fixture('broken.bib'), read('broken.bib'));
  assert.deepEqual(entries.map((e) => e.key), ['ok2020']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].file, fixture('broken.bib'));
  assert.equal(problems[0].line, 5);
  assert.match(problems[0].message, /^BibTeX at line 6: the entry broken2021 is not closed \(a "}" or a quote is missing/);
});

test('a key two BibTeX entries share cites the first, as BibTeX and biber do, and the second is a warning at its line', () => {
  const bib = [
    '@article{fry2018,', '  author = {Fry, Terry J.},', '  title = {CD22-targeted CAR T cells induce remission in B-ALL},', '  year = {2018},', '  doi = {10.1038/nm.4441}', '}',
    '', '@article{other,', '  title = {Something else}, year = {2020}', '}',
    '', '@article{fry2018,', '  author = {Someone, Else},', '  title = {Not the NCI trial}, year = {2019}', '}', '',
  ].join('\n');
  const { entries, problems } = loadBibliography('/virtual/refs.bib', bib);
  assert.deepEqual(entries.map((e) => [e.key, e.year]), [['fry2018', 2018], ['other', 2020]]);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, 'warning');
  assert.equal(problems[0].line, 11);
  assert.match(problems[0].message, /^BibTeX at line 12: the key fry2018 is already the key of the entry at line 1;.*Give this entry a key of its own/);

  // The same with a broken entry elsewhere in the file: the entries are then read one by one.
  const broken = loadBibliography('/virtual/refs.bib', bib + '@article{open,\n  title = {never closed\n');
  assert.deepEqual(broken.entries.map((e) => [e.key, e.year]), [['fry2018', 2018], ['other', 2020]]);
  assert.deepEqual(broken.problems.map((p) => p.line), [11, 15]);
});

test('an id two CSL items share is read from the first, and the second is a warning at its item', () => {
  const { entries, problems } = loadBibliography('/virtual/refs.json', JSON.stringify([{ id: 'a', title: 'First', issued: { 'date-parts': [[2018]] } }, { id: 'a', title: 'Second' }], null, 2));
  assert.deepEqual(entries.map((e) => e.title), ['First']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].severity, 'warning');
  assert.equal(problems[0].line, 12);
  assert.match(problems[0].message, /^CSL item 2: the id a is already the id of item 1; only that first one is read/);
});

test('invalid CSL-JSON is a problem with its position', () => {
  const { entries, problems } = loadBibliography('/virtual/refs.json', '[{"id": "a", "title": "x",}]');
  assert.equal(entries.length, 0);
  assert.equal(problems[0].line, 0);
  assert.match(problems[0].message, /^invalid CSL JSON at line 1/);
});

test('loading a bibliography never reaches for the network', () => {
  // The modules' own export objects (not ESM namespaces), so the traps are what citation-js would call.
  const http = require('node:http') as typeof import('node:http');
  const https = require('node:https') as typeof import('node:https');
  const childProcess = require('node:child_process') as typeof import('node:child_process');
  const calls: string[] = [];
  const originals = {
    httpRequest: http.request,
    httpsRequest: https.request,
    httpGet: http.get,
    httpsGet: https.get,
    fetch: globalThis.fetch,
    execFileSync: childProcess.execFileSync,
    spawnSync: childProcess.spawnSync,
  };
  const trap = (name: string) => (() => {
    calls.push(name);
    throw new Error(`network call: ${name}`);
  }) as never;
  Object.assign(http, { request: trap('http.request'), get: trap('http.get') });
  Object.assign(https, { request: trap('https.request'), get: trap('https.get') });
  Object.assign(childProcess, { execFileSync: trap('execFileSync'), spawnSync: trap('spawnSync') });
  globalThis.fetch = trap('fetch');
  try {
    // Content that citation-js would fetch if handed it as input rather than as file text.
    loadBibliography('/virtual/a.bib', '@misc{a, url = {https://doi.org/10.1038/nm.4441}, doi = {10.1038/nm.4441}}');
    loadBibliography('/virtual/b.bib', 'https://doi.org/10.1038/nm.4441');
    loadBibliography('/virtual/c.json', '["10.1038/nm.4441", {"id": "x", "DOI": "10.1038/nm.4441", "URL": "https://example.invalid/x"}]');
    // The traps are live: a request made now is caught.
    assert.throws(() => https.get('https://example.invalid/'), /network call/);
    calls.pop();
  } finally {
    Object.assign(http, { request: originals.httpRequest, get: originals.httpGet });
    Object.assign(https, { request: originals.httpsRequest, get: originals.httpsGet });
    Object.assign(childProcess, { execFileSync: originals.execFileSync, spawnSync: originals.spawnSync });
    globalThis.fetch = originals.fetch;
  }
  assert.deepEqual(calls, []);
});

test('the resolver finds references by identifier, author and year, and alias', () => {
  const dataset = loadDataset({ seedsDir });
  const resolver = createReferenceResolver(dataset);
  assert.deepEqual(resolver.byDoi('https://doi.org/10.1038/NM.4441'), ['fry2018']);
  assert.deepEqual(resolver.byDoi('doi:10.1200/jco.19.03279'), ['shah2020']);
  assert.deepEqual(resolver.byPmid('31110217'), ['pan2019']);
  assert.deepEqual(resolver.byPmcid('pmc7280047'), ['shah2020']);
  assert.deepEqual(resolver.byNct('nct02315612').sort(), ['fry2018', 'shah2020']);
  assert.deepEqual(resolver.byNct('NCT03233854'), ['spiegel2021']);
  assert.deepEqual(resolver.byAuthorYear('Fry', 2018), ['fry2018']);
  assert.deepEqual(resolver.byAuthorYear('fry', 2020), []);
  assert.deepEqual(resolver.byAuthorYear('SHAH'), ['shah2020']);
  assert.deepEqual(resolver.byAuthorYear('Fergússon', 2023), ['fergusson2023'], 'diacritics folded');
  assert.deepEqual(resolver.byKey('fry2018'), ['fry2018']);
  assert.deepEqual(resolver.byKey('Pan2019'), ['pan2019'], 'keys match case-insensitively');
  assert.deepEqual(resolver.byAlias('the Beijing cohort'), ['pan2019']);
  assert.deepEqual(resolver.byAlias('Stanford CD19/CD22 trial'), ['spiegel2021']);
  // Fry 2018 was a Stanford-NCI collaboration: the bare name is both works'.
  assert.deepEqual(resolver.byAlias('Stanford'), ['fry2018', 'spiegel2021']);
  assert.deepEqual(resolver.byAlias('the NCI trial').sort(), ['fry2018', 'shah2020']);
  assert.deepEqual(resolver.byAlias('patients at Beijing Boren Hospital'), ['pan2019'], 'an alias inside a longer phrase');
  assert.deepEqual(resolver.byAlias('Oxford'), []);
});

test('the loaders bundle into CommonJS with esbuild and run from the bundle', async () => {
  const outdir = fs.mkdtempSync(path.join(repo, 'node_modules', '.tmp-bundle-'));
  try {
    const entry = path.join(outdir, 'entry.ts');
    fs.writeFileSync(
      entry,
      [
        `import { loadDataset } from ${JSON.stringify(path.join(repo, 'server/src/core/dataset/loadDataset'))};`,
        `import { loadBibliography } from ${JSON.stringify(path.join(repo, 'server/src/core/dataset/bibliography'))};`,
        `const d = loadDataset({ seedsDir: ${JSON.stringify(seedsDir)} });`,
        `const b = loadBibliography('x.bib', '@article{k, title={T}, doi={10.1038/nm.4441}}');`,
        'process.stdout.write(JSON.stringify([d.facts.length, d.problems.length, b.entries[0].doi]));',
      ].join('\n'),
    );
    const outfile = path.join(outdir, 'out.js');
    // The options of scripts/build.mjs: jsonc-parser's UMD entry cannot be bundled, its ESM build can.
    const alias = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent', alias });
    const output = (require('node:child_process') as typeof import('node:child_process')).execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
    const [facts, problems, doi] = JSON.parse(output) as [number, number, string];
    assert.ok(facts > 40);
    assert.equal(problems, 0);
    assert.equal(doi, '10.1038/nm.4441');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test('CSL YAML (pandoc references:) is read too', () => {
  const text = ['references:', '  - id: fergussonMeta2023', '    type: article-journal', '    title: A systematic review', '    DOI: 10.3389/fimmu.2023.1178403', '    issued:', '      date-parts: [[2023]]', ''].join('\n');
  const { entries, problems } = loadBibliography('/virtual/refs.yaml', text);
  assert.deepEqual(problems, []);
  const resolver = createReferenceResolver(loadDataset({ seedsDir }), entries);
  assert.deepEqual(resolver.byKey('fergussonMeta2023'), ['fergusson2023']);
  assert.equal(entries[0].year, 2023);
});

test('an entry with a slip in its identifier is the work its title names, and the slip is a warning at the entry', async () => {
  const { bibliographySlips } = await import('../../server/src/core/dataset/bibliography');
  const dataset = loadDataset({ seedsDir });
  const file = '/tmp/refs.bib';
  const text = [
    '@article{ShahJCO,',
    '  author = {Shah, Nirali N. and Highfill, Steven L.},',
    '  title = {CD4/CD8 T-cell selection affects CAR T-cell potency and toxicity},',
    '  year = {2020}, doi = {10.1200/JCO.19.03279}, pmid = {32286950}',
    '}',
    '@article{FryNM,',
    '  author = {Fry, Terry J.}, title = {CD22-targeted CAR T cells}, journal = {Nat Med}, year = {2018},',
    '  doi = {10.1038/nm.4414}',
    '}',
    '@article{FryOther,',
    '  author = {Fry, Terry J.}, title = {A different paper on something else entirely}, year = {2018}, doi = {10.1000/other}',
    '}',
    '',
  ].join('\n');
  const { entries } = loadBibliography(file, text);
  const resolver = createReferenceResolver(dataset, entries);
  // The shortened title and its first author and year name Fry 2018, whose DOI is nm.4441.
  assert.deepEqual(resolver.byKey('FryNM'), ['fry2018']);
  assert.deepEqual(resolver.byKey('FryOther'), []);
  const slips = bibliographySlips(resolver.entries.values(), dataset.references, new Map([[file, text]]));
  assert.deepEqual(
    slips.map((p) => `${p.line}:${p.severity}: ${p.message}`),
    [
      "0:warning: the entry ShahJCO is Shah et al. 2020 (shah2020), but its PMID 32286950 is not that work's 32286905: a typing slip?",
      "5:warning: the entry FryNM is Fry et al. 2018 (fry2018), but its DOI 10.1038/nm.4414 is not that work's 10.1038/nm.4441: a typing slip?",
    ],
  );
});

describe('the bibliography of a LaTeX chapter that names none', () => {
  // A folder tree in memory: what the chapter's bibliography is read from.
  const tree = (files: Record<string, string>) => ({
    readFile: (file: string) => {
      const text = files[file];
      if (text === undefined) throw new Error(`ENOENT: ${file}`);
      return text;
    },
    list: (folder: string) => Object.keys(files).filter((f) => path.dirname(f) === folder).map((f) => path.basename(f)),
  });

  it('is the main file\'s that includes it, in its folder or the one above', () => {
    const files = tree({
      '/thesis/main.tex': '\\documentclass{book}\\begin{document}\\include{chapters/ch2}\\bibliography{refs,extra}\\end{document}',
      '/thesis/chapters/ch2.tex': 'CR in 73\\% \\cite{fry}.',
      '/thesis/chapters/ch3.tex': 'Nothing here.',
    });
    assert.deepEqual(inheritedBibliographies('/thesis/chapters/ch2.tex', 'CR in 73\\% \\cite{fry}.', files), ['/thesis/refs.bib', '/thesis/extra.bib']);
  });

  it('is the one a "% !TEX root" comment names, else the .bib files beside it', () => {
    const files = tree({
      '/t/book.tex': '\\addbibresource{lib/all.bib}',
      '/t/ch/one.tex': '% !TEX root = ../book.tex\nText.',
      '/t/ch/two.tex': 'Text.',
      '/t/ch/local.bib': '@article{x, title={X}}',
    });
    assert.deepEqual(inheritedBibliographies('/t/ch/one.tex', '% !TEX root = ../book.tex\nText.', files), ['/t/lib/all.bib']);
    assert.deepEqual(inheritedBibliographies('/t/ch/two.tex', 'Text.', files), ['/t/ch/local.bib']);
  });
});
