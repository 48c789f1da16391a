/**
 * The CLI on hostile files: `trial-lens check` exits 0 (clean) or 1 (findings), never 2 with a stack trace, and its
 * JSON output is valid JSON whose positions are inside the file. Run `npm run build` first (it runs dist/cli.js).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { REPO_ROOT } from '../protocol/lspClient';
import { HOSTILE_UNITS, anyText, bigText, draftText } from './arbitraries';

/** A lost notification fails the test instead of hanging CI (waits are on notifications, never on timers). */
const TIMEOUT = Number(process.env.TRIAL_LENS_TEST_TIMEOUT_MS ?? 10 * 60 * 1000);

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const RUNS = Number(process.env.TRIAL_LENS_CLI_RUNS ?? 12);
const FILES_PER_RUN = 8;
const EXTENSIONS = ['md', 'tex', 'txt'];

let folder: string;
const counts = { files: 0, runs: 0, longestMs: 0 };

before(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-cli-'));
});
after(() => {
  fs.rmSync(folder, { recursive: true, force: true });
  console.log(`# cli properties: ${counts.files} hostile files in ${counts.runs} runs, longest run ${counts.longestMs.toFixed(0)} ms`);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<Run> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: folder });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      counts.runs++;
      counts.longestMs = Math.max(counts.longestMs, performance.now() - t0);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Writes the texts as files (UTF-8, as an editor would save them) and checks them in one run. */
async function checkFiles(texts: string[], tag: string): Promise<void> {
  const files = texts.map((text, i) => {
    const file = path.join(folder, `${tag}-${i}.${EXTENSIONS[i % EXTENSIONS.length]}`);
    fs.writeFileSync(file, text);
    return file;
  });
  const result = await runCli(['check', '--format', 'json', '--no-discover', ...files]);
  counts.files += files.length;
  assert.ok(result.code === 0 || result.code === 1, `exit ${result.code} for ${tag}: ${result.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /, 'no stack trace');
  let report: unknown;
  assert.doesNotThrow(() => (report = JSON.parse(result.stdout)), `exit ${result.code}, ${result.stdout.length} characters of JSON for ${tag}: ${result.stdout.slice(-200)} ${result.stderr.slice(0, 500)}`);
  assert.ok(report && typeof report === 'object', 'JSON report');
  for (const file of files) fs.rmSync(file);
}

test('check on random and adversarial files exits 0 or 1 with valid JSON', { timeout: TIMEOUT }, async () => {
  const batches = fc.sample(fc.array(fc.oneof(anyText, draftText), { minLength: FILES_PER_RUN, maxLength: FILES_PER_RUN }), { numRuns: RUNS, seed: 11 });
  let n = 0;
  for (const texts of batches) await checkFiles(texts, `random-${n++}`);
});

test('check on 300 KB hostile files and a 1 MB single line exits 0 or 1', { timeout: TIMEOUT }, async () => {
  const texts = Object.values(HOSTILE_UNITS).map((unit) => bigText(unit, 300 * 1024));
  texts.push(bigText('CD22 73% (11/15) [@fry2018] \\cite{x} $ // ((( ', 1024 * 1024));
  for (let i = 0; i < texts.length; i += 6) await checkFiles(texts.slice(i, i + 6), `big-${i}`);
});

test('text output and SARIF on hostile files are well formed too', { timeout: TIMEOUT }, async () => {
  const file = path.join(folder, 'hostile.md');
  fs.writeFileSync(file, '\uFEFF# x\r\n\uD800 73% (11/15) [@fry2018\u0000 CD22\r\n> > - 75% (11/15) [@fry2018]\r\n');
  const text = await runCli(['check', '--no-discover', file]);
  assert.ok(text.code === 0 || text.code === 1, text.stderr);
  assert.match(text.stdout, /hostile\.md/);
  const sarif = await runCli(['check', '--format', 'sarif', '--no-discover', file]);
  assert.ok(sarif.code === 0 || sarif.code === 1, sarif.stderr);
  assert.equal((JSON.parse(sarif.stdout) as { version: string }).version, '2.1.0');
});

test('a binary file and one over 5 MB are skipped with one information finding each, not analysed', { timeout: TIMEOUT }, async () => {
  const binary = path.join(folder, 'figure.txt');
  fs.writeFileSync(binary, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64), Buffer.from('73% (11/15) [@fry2018]')]));
  const huge = path.join(folder, 'huge.md');
  fs.writeFileSync(huge, 'Complete remission in 75% (11/15) of patients [@fry2018].\n'.repeat(100_000));
  const t0 = performance.now();
  const result = await runCli(['check', '--format', 'json', '--no-discover', binary, huge]);
  const ms = performance.now() - t0;
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { code: string; severity: string; message: string }[] }[] };
  for (const file of report.files) {
    assert.deepEqual(file.diagnostics.map((d) => d.code), ['file-skipped'], `${file.path}: ${JSON.stringify(file.diagnostics)}`);
  }
  assert.match(report.files.map((f) => f.diagnostics[0]!.message).join('\n'), /binary[\s\S]*maxFileSize|maxFileSize[\s\S]*binary/);
  console.log(`# cli: a binary file and a ${(fs.statSync(huge).size / 1048576).toFixed(1)} MB file skipped in ${ms.toFixed(0)} ms`);
});

test('a dataset whose source file leaves the folder is refused: exit 2 naming it, and the file is not used', { timeout: TIMEOUT }, async () => {
  const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'trial-lens-cli-outside-'));
  try {
    const ws = path.join(outer, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(outer, 'secret.txt'), 'HLH-like manifestations developed in 25 of 58 (43.1%) SECRET-MARKER');
    // A dataset planted in a parent folder, found by discovery, pointing at a file beside it but outside the workspace.
    fs.writeFileSync(path.join(outer, 'planted.trial-lens.json'), JSON.stringify({ sources: [{ id: 'planted', reference: 'shah2020', file: '../../etc/hostname' }], facts: [] }));
    fs.writeFileSync(path.join(ws, 'escape.trial-lens.json'), JSON.stringify({ sources: [{ id: 'escape', reference: 'shah2020', file: '../secret.txt' }], facts: [] }));
    fs.writeFileSync(path.join(ws, 'draft.md'), 'HLH-like manifestations developed in 25 of 58 participants (43.1%) [@shah2020].\n');
    const result = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'check', 'draft.md'], { cwd: ws });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /escape\.trial-lens\.json[^\n]*outside the workspace folder/);
    assert.match(result.stderr, /planted\.trial-lens\.json[^\n]*outside the workspace folder/);
    assert.doesNotMatch(result.stdout + result.stderr, /SECRET-MARKER/);
  } finally {
    fs.rmSync(outer, { recursive: true, force: true });
  }
});

test('output piped into a reader that stops early (| head) ends quietly, without a stack trace', { timeout: TIMEOUT }, async () => {
  const file = path.join(folder, 'many.md');
  fs.writeFileSync(file, 'Complete remission in 75% (11/15) of patients [@fry2018].\n'.repeat(3000));
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'check', '--no-discover', file], { cwd: folder });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', () => resolve(err));
  });
  assert.doesNotMatch(stderr, /EPIPE|\n\s+at /, stderr.slice(0, 1000));
});
