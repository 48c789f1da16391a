/**
 * `trial-lens check` with users' datasets: found beside the draft, given with --dataset, and refused when broken.
 * Runs the CLI bundled the way scripts/build.mjs bundles it, from a folder beside seeds/ (the CLI finds its
 * bundled data at ../seeds).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

const repo = path.resolve(__dirname, '../..');
const fixtures = path.join(repo, 'test/fixtures/dataset');
let outdir = '';
let cli = '';

before(async () => {
  outdir = fs.mkdtempSync(path.join(repo, '.tmp-dataset-cli-'));
  cli = path.join(outdir, 'cli.js');
  await build({
    entryPoints: [path.join(repo, 'server/src/cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  });
});

after(() => {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
});

function check(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd: repo, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  files: { path: string; diagnostics: { code: string; message: string; relatedInformation?: { path: string; message: string }[] }[] }[];
}

function evidence(stdout: string): string[] {
  const report = JSON.parse(stdout) as JsonReport;
  return report.files.flatMap((f) => f.diagnostics.flatMap((d) => (d.relatedInformation ?? []).map((r) => `${d.code} ${r.path}`)));
}

test('a dataset beside the draft is found without --dataset and its facts are used', () => {
  // The draft says 25 of 58 had HLH-like manifestations; only the user's dataset (19 of 58) knows that number.
  const draft = path.join(fixtures, 'user-json/draft.md');
  const found = check(draft);
  assert.equal(found.status, 1, found.stderr);
  assert.deepEqual(evidence(found.stdout), [`contradicts-dataset ${path.join(fixtures, 'user-json/sources/shah2020-abstract.txt')}`]);
  assert.match(found.stdout, /19\/58/);
  const off = check('--no-discover', draft);
  assert.equal(off.status, 0, 'without discovery nothing contradicts the draft');
  assert.deepEqual(evidence(off.stdout), []);
});

test('a dataset given with --dataset is used, and its fact replaces the bundled one with the same id', () => {
  const draft = path.join(fixtures, 'user-yaml/draft.md');
  const given = check('--no-discover', '--dataset', path.join(fixtures, 'user-yaml/lab.trial-lens.yaml'), draft);
  assert.equal(given.status, 1, given.stderr);
  assert.deepEqual(evidence(given.stdout), [`contradicts-dataset ${path.join(fixtures, 'user-yaml/sources.txt')}`]);
  const bundledOnly = check('--no-discover', draft);
  assert.deepEqual(evidence(bundledOnly.stdout), [`contradicts-dataset ${path.join(repo, 'seeds/003_9b16409f6539d11b.txt')}`]);
});

test('a fact whose quote is not in its source is refused with exit 2, naming the file and the fact', () => {
  const dataset = path.join(fixtures, 'bad-quote/wrong.trial-lens.json');
  const result = check('--dataset', dataset, path.join(fixtures, 'user-json/draft.md'));
  assert.equal(result.status, 2);
  assert.match(result.stderr, /bad-quote\/wrong\.trial-lens\.json:14:\d+: error: fact bad-quote-cr: the quote is not in source/);
});

test('a dataset that is not valid JSON is refused with exit 2, naming the file and the position', () => {
  const dataset = path.join(fixtures, 'bad-json/broken.trial-lens.json');
  const result = check('--dataset', dataset, path.join(fixtures, 'user-json/draft.md'));
  assert.equal(result.status, 2);
  assert.match(result.stderr, /bad-json\/broken\.trial-lens\.json:6:7: error: invalid JSON at line 6, character 7/);
});

test('a bibliography the draft names that is missing or partly broken is a warning: the draft is still checked with what could be read', () => {
  const dir = fs.mkdtempSync(path.join(outdir, 'bib-'));
  fs.copyFileSync(path.join(fixtures, 'bib/broken.bib'), path.join(dir, 'broken.bib'));
  const draft = path.join(dir, 'draft.md');
  fs.writeFileSync(draft, '---\nbibliography: [broken.bib, missing.bib]\n---\n\nCR in 11/15 (75%) [@ok2020], as @broken2021 found.\n');
  const result = check(draft);
  assert.equal(result.status, 1, result.stderr);
  const codes = (JSON.parse(result.stdout) as JsonReport).files[0]!.diagnostics.map((d) => `${d.code} ${d.message.slice(0, 20)}`);
  // ok2020 is read from the broken file; broken2021 is not, and says so.
  assert.deepEqual(codes, ['arithmetic-inconsistency 11/15 is 73.3%, whic', 'unknown-citation @broken2021 is in ne']);
  assert.match(result.stderr, /broken\.bib:6:1: warning: BibTeX at line 6: the entry broken2021 is not closed/);
  assert.match(result.stderr, /missing\.bib: warning: this bibliography \(named by .*draft\.md\) does not exist/);
});
