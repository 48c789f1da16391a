#!/usr/bin/env node
/**
 * npm run bench [-- --quick] [-- --no-10mb] [-- --editor-only]
 *
 * --editor-only measures only editing the 1 MB draft over LSP, pushed and pulled (a quick check while working on the
 * keystroke path).
 *
 * Builds a 1 MB and a 10 MB review draft from the seed texts and example drafts and a synthetic dataset of 100,000
 * facts (all under .bench/), then measures:
 *   - `trial-lens check` on the 1 MB draft beside cspell, markdownlint-cli2 and a one-regex floor (fresh processes, in
 *     turn, medians), and on the 10 MB draft;
 *   - over LSP (stdio, push diagnostics): open to first diagnostics, single-character edits in the middle to their
 *     diagnostics (p50/p95), hovers over statistics (p50/p99), on both drafts, on the 1 MB draft as LaTeX and as plain
 *     text with a paragraph per line, and on the 1 MB draft over Node's IPC channel; Enter pressed in a sentence of
 *     the 1 MB draft and undone; "fix all" (as asked for on save) after a keystroke, on both drafts; document symbols
 *     and code lenses (as asked for when typing pauses) after a keystroke, on both drafts;
 *   - the same edits with diagnostics pulled as VS Code's client pulls them (with the last report's result id), on
 *     both drafts, and on the 1 MB draft typing in a paragraph without findings;
 *   - server start to ready and resident memory with the bundled dataset and with the 100,000-fact dataset.
 * Prints a table and writes .bench/results.json and .bench/results.md (the README's table).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDataset, buildDraft, latexDraft, plainTextDraft } from './bench/generate.mjs';
import { cpuMs, residentMB, startServer } from './bench/lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, '.bench');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const WITH_10MB = !args.has('--no-10mb') && !args.has('--editor-only');
const EDITOR_ONLY = args.has('--editor-only');
const MB = 1024 * 1024;

const TARGETS = {
  keystrokeP95Ms: 25,
  hoverP99Ms: 5,
  checkVsCspell: 1 / 3,
  readyMs100k: 1500,
  rssMB100k: 300,
};

function log(message) {
  process.stderr.write(`${message}\n`);
}

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

const median = (values) => percentile(values, 50);
const round = (n, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

// ---------------------------------------------------------------------------------------------------------------
// Inputs

function prepareInputs() {
  fs.mkdirSync(OUT, { recursive: true });
  const drafts = { '1mb': path.join(OUT, 'draft-1mb.md'), '1mb-tex': path.join(OUT, 'draft-1mb.tex'), '1mb-txt': path.join(OUT, 'draft-1mb.txt'), '10mb': path.join(OUT, 'draft-10mb.md') };
  const oneMB = buildDraft(ROOT, 1 * MB, 1);
  fs.writeFileSync(drafts['1mb'], oneMB);
  fs.writeFileSync(drafts['1mb-tex'], latexDraft(oneMB));
  fs.writeFileSync(drafts['1mb-txt'], plainTextDraft(ROOT, oneMB));
  if (WITH_10MB) fs.writeFileSync(drafts['10mb'], buildDraft(ROOT, 10 * MB, 2));
  const datasetDir = path.join(OUT, 'dataset-100k');
  const datasetFile = path.join(datasetDir, 'bench.trial-lens.json');
  if (!fs.existsSync(datasetFile) || !fs.existsSync(path.join(datasetDir, 'bench-source.txt'))) buildDataset(datasetDir, 100_000);
  // An empty workspace folder: no dataset is discovered beside the drafts unless a setting names it.
  const workspace = path.join(OUT, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  return { drafts, datasetFile, workspace };
}

// ---------------------------------------------------------------------------------------------------------------
// Command-line tools, each in a fresh process

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall time (ms) of one run, and CPU time (user + sys, ms) and peak RSS (MB) when /usr/bin/time is there. */
function runOnce(argv, cwd) {
  const command = TIME ? [TIME, '-f', '@@%U %S %M', ...argv] : argv;
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * MB });
  const wallMs = performance.now() - started;
  if (result.error) throw result.error;
  const stderr = result.stderr.toString();
  const match = /@@([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${argv.join(' ')} exited with ${result.status}: ${stderr.slice(-1500)}`);
  }
  return { wallMs, cpuMs: match ? (Number(match[1]) + Number(match[2])) * 1000 : undefined, peakMB: match ? Number(match[3]) / 1024 : undefined };
}

function summarize(runs) {
  return {
    runs: runs.length,
    wallMs: round(median(runs.map((r) => r.wallMs)), 0),
    cpuMs: runs[0].cpuMs === undefined ? undefined : round(median(runs.map((r) => r.cpuMs)), 0),
    peakMB: runs[0].peakMB === undefined ? undefined : round(median(runs.map((r) => r.peakMB)), 0),
  };
}

const FLOOR_SCRIPT =
  "const t=require('fs').readFileSync(process.argv[1],'utf8');let n=0;for(const m of t.matchAll(/\\d+(?:\\.\\d+)?\\s*%|\\d+\\s*(?:of|\\/)\\s*\\d+/g))n++;console.log(n)";

function tools(file) {
  const node = process.execPath;
  const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
  return {
    'trial-lens check': [node, path.join(ROOT, 'dist', 'cli.js'), 'check', '--no-discover', '--format', 'json', file],
    cspell: [node, bin('cspell'), 'lint', '--no-progress', '--no-summary', '--no-cache', file],
    'markdownlint-cli2': [node, bin('markdownlint-cli2'), file],
    'floor (one regex pass)': [node, '-e', FLOOR_SCRIPT, file],
  };
}

async function benchCommandLine(drafts) {
  const reps = QUICK ? 2 : 5;
  const byTool = {};
  const list = tools(path.basename(drafts['1mb']));
  // In turn, so that a busy moment on the machine falls on every tool alike.
  for (let rep = 0; rep < reps; rep++) {
    for (const [name, argv] of Object.entries(list)) {
      log(`  ${name} on 1 MB (${rep + 1}/${reps})`);
      (byTool[name] ??= []).push(runOnce(argv, OUT));
    }
  }
  const results = Object.fromEntries(Object.entries(byTool).map(([name, runs]) => [name, summarize(runs)]));
  // The CLI skips files over 5 MB (as the editor does by default): the growth to 10 MB is measured on the same
  // pipeline without that guard (scripts/bench/analyze-file.ts), 1 MB and 10 MB alike.
  const growth = {};
  const harness = await buildAnalyzeHarness();
  for (const size of WITH_10MB ? ['1mb', '10mb'] : ['1mb']) {
    const runs = [];
    for (let rep = 0; rep < (QUICK || size === '10mb' ? 1 : 3); rep++) {
      log(`  full analysis of ${size} (${rep + 1})`);
      runs.push(runOnce([process.execPath, harness, path.join(ROOT, 'seeds'), path.basename(drafts[size])], OUT));
    }
    growth[size] = summarize(runs);
  }
  return { oneMB: results, analysis: growth };
}

async function buildAnalyzeHarness() {
  const outfile = path.join(OUT, 'analyze-file.cjs');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(ROOT, 'scripts', 'bench', 'analyze-file.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    outfile,
  });
  return outfile;
}

// ---------------------------------------------------------------------------------------------------------------
// LSP

function positionAt(lineStarts, offset) {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo] };
}

function lineStartsOf(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A place in the middle of the draft, inside a sentence with a statistic: where the edits type. */
function editPlace(text) {
  const re = /\b(?:in|was|of) \d+(?:\.\d+)?\\?%/g;
  re.lastIndex = Math.floor(text.length / 2);
  const match = re.exec(text);
  if (!match) throw new Error('no statistic in the middle of the draft');
  return match.index; // before "in 73%": typing here changes the statistic's sentence
}

/**
 * A place in the middle of the draft inside a prose paragraph the checker reports nothing in (most paragraphs of a
 * draft): after its first word. Typing there changes no diagnostic.
 */
function quietPlace(text, diagnostics) {
  const reported = new Set(diagnostics.flatMap((d) => Array.from({ length: d.range.end.line - d.range.start.line + 1 }, (_, k) => d.range.start.line + k)));
  const paragraph = /\n\n([A-Za-z][^\n]{200,}(?:\n[^\n]+)*)/g;
  paragraph.lastIndex = Math.floor(text.length / 2);
  for (let m = paragraph.exec(text); m; m = paragraph.exec(text)) {
    const start = m.index + 2;
    const firstLine = text.slice(0, start).split('\n').length - 1;
    const lines = m[1].split('\n').length;
    let quiet = true;
    for (let line = firstLine - 1; line <= firstLine + lines; line++) if (reported.has(line)) quiet = false;
    if (quiet) return start + m[1].indexOf(' ');
  }
  throw new Error('no paragraph without findings in the second half of the draft');
}

/** Offsets in the middle of statistics, spread over the whole draft. */
function hoverOffsets(text, count) {
  const all = [];
  for (const m of text.matchAll(/\d+(?:\.\d+)?\\?%/g)) all.push(m.index + 1);
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

/**
 * pullDiagnostics: the client pulls each version's diagnostics with the last report's id (VS Code), rather than
 * waiting for them to be pushed. editIn: 'statistic' types beside a statistic; 'quiet paragraph' in a paragraph
 * without findings.
 */
async function benchEditing({ file, label, workspace, settings, edits, hovers, fixAlls = 0, outlines = 0, languageId = 'markdown', transport = 'stdio', pullDiagnostics = false, editIn = 'statistic', lineBreaks = false }) {
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const server = await startServer({ serverPath: path.join(ROOT, 'dist', 'server.js'), workspace, settings, transport, pullDiagnostics });
  try {
    log(`  LSP ${label}: open`);
    let started = performance.now();
    const first = await server.open(uri, text, 1, languageId);
    const openMs = performance.now() - started;
    const diagnostics = first.diagnostics.length;
    const rssAfterOpenMB = residentMB(server.pid);

    // Type `edits / 2` characters in the middle of a sentence, then delete them again: one character per change.
    const lineStarts = lineStartsOf(text);
    const at = positionAt(lineStarts, editIn === 'quiet paragraph' ? quietPlace(text, first.diagnostics) : editPlace(text));
    const typed = 'resp onders '.repeat(Math.ceil(edits / 24)).slice(0, Math.ceil(edits / 2));
    const latencies = [];
    let unchangedReports = 0;
    let version = 1;
    const cpuBefore = cpuMs(server.pid);
    const timed = async (range, newText) => {
      started = performance.now();
      const report = await server.change(uri, ++version, range, newText);
      latencies.push(performance.now() - started);
      if (report.unchanged) unchangedReports++;
    };
    if (lineBreaks) {
      // Enter pressed in the middle of the sentence and the new line joined again (Backspace), `edits / 2` times.
      log(`  LSP ${label}: ${edits} line breaks typed and deleted`);
      for (let i = 0; i < edits / 2; i++) {
        await timed({ start: at, end: at }, '\n');
        await timed({ start: at, end: { line: at.line + 1, character: 0 } }, '');
      }
    } else {
      log(`  LSP ${label}: ${edits} single-character edits`);
      for (let i = 0; i < typed.length; i++) {
        const position = { line: at.line, character: at.character + i };
        await timed({ start: position, end: position }, typed[i]);
      }
      for (let i = typed.length - 1; i >= 0; i--) {
        await timed({ start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i + 1 } }, '');
      }
    }

    const cpuAfter = cpuMs(server.pid);
    const serverCpuPerEditMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / latencies.length;

    // The text is back to the original: hovers over statistics across the draft.
    if (hovers > 0) log(`  LSP ${label}: ${hovers} hovers`);
    const hoverMs = [];
    let answered = 0;
    for (const offset of hovers > 0 ? hoverOffsets(text, hovers) : []) {
      started = performance.now();
      const result = await server.hover(uri, positionAt(lineStarts, offset));
      hoverMs.push(performance.now() - started);
      if (result) answered++;
    }

    // "Fix all" as an editor asks for it on save (only: source.fixAll.trialLens), each time after a keystroke: every
    // uncited statistic gets its citation planned, so this shows how planning grows with the draft.
    const fixAllMs = [];
    let fixAllEdits = 0;
    if (fixAlls > 0) log(`  LSP ${label}: ${fixAlls} fix-all requests`);
    for (let i = 0; i < fixAlls; i++) {
      const range = i % 2 === 0 ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
      await server.change(uri, ++version, range, i % 2 === 0 ? 'x' : '');
      started = performance.now();
      const actions = await server.request('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['source.fixAll.trialLens'] } });
      fixAllMs.push(performance.now() - started);
      fixAllEdits = Object.values(actions?.[0]?.edit?.changes ?? {}).reduce((n, list) => n + list.length, 0);
    }
    // The outline (document symbols, for the Outline view, breadcrumbs and sticky scroll) and the section lenses, as an
    // editor asks for them when typing pauses, each time after a keystroke.
    const symbolsMs = [];
    const lensMs = [];
    let symbolCount = 0;
    if (outlines > 0) log(`  LSP ${label}: ${outlines} document symbol and code lens requests`);
    for (let i = 0; i < outlines; i++) {
      const range = i % 2 === 0 ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
      await server.change(uri, ++version, range, i % 2 === 0 ? 'x' : '');
      started = performance.now();
      const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri } });
      symbolsMs.push(performance.now() - started);
      started = performance.now();
      await server.request('textDocument/codeLens', { textDocument: { uri } });
      lensMs.push(performance.now() - started);
      symbolCount = countSymbols(symbols ?? []);
    }
    return {
      bytes: Buffer.byteLength(text),
      diagnostics,
      openMs: round(openMs, 0),
      edits: latencies.length,
      editP50Ms: round(percentile(latencies, 50)),
      editP95Ms: round(percentile(latencies, 95)),
      editMaxMs: round(Math.max(...latencies)),
      serverCpuPerEditMs: round(serverCpuPerEditMs),
      ...(pullDiagnostics ? { pulled: true, unchangedReports } : {}),
      hovers: hoverMs.length,
      ...(hoverMs.length > 0 ? { hoversAnswered: answered, hoverP50Ms: round(percentile(hoverMs, 50), 2), hoverP99Ms: round(percentile(hoverMs, 99), 2) } : {}),
      rssAfterOpenMB: round(rssAfterOpenMB, 0),
      ...(fixAllMs.length > 0 ? { fixAlls: fixAllMs.length, fixAllEdits, fixAllP50Ms: round(percentile(fixAllMs, 50), 0), fixAllMaxMs: round(Math.max(...fixAllMs), 0) } : {}),
      ...(symbolsMs.length > 0
        ? { outlines: symbolsMs.length, symbols: symbolCount, symbolsP50Ms: round(percentile(symbolsMs, 50)), symbolsMaxMs: round(Math.max(...symbolsMs)), lensP50Ms: round(percentile(lensMs, 50)), lensMaxMs: round(Math.max(...lensMs)) }
        : {}),
    };
  } finally {
    await server.stop();
  }
}

function countSymbols(symbols) {
  return symbols.reduce((n, s) => n + 1 + countSymbols(s.children ?? []), 0);
}

async function benchStartup({ workspace, datasetFile }) {
  const reps = QUICK ? 2 : 3;
  const out = {};
  for (const [label, settings] of [
    ['bundled dataset', {}],
    ['100,000 facts', { datasets: [datasetFile] }],
  ]) {
    const ready = [];
    const rss = [];
    const cpu = [];
    for (let rep = 0; rep < reps; rep++) {
      log(`  server start, ${label} (${rep + 1}/${reps})`);
      const server = await startServer({ serverPath: path.join(ROOT, 'dist', 'server.js'), workspace, settings });
      ready.push(server.readyMs);
      rss.push(server.readyRssMB);
      cpu.push(server.readyCpuMs);
      await server.stop();
    }
    out[label] = { readyMs: round(median(ready), 0), cpuMs: cpu.includes(undefined) ? undefined : round(median(cpu), 0), rssMB: round(median(rss), 0) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
  };
}

function markdown(results) {
  const { cli, lsp, startup, targets } = results;
  const t = cli.oneMB;
  const check = t['trial-lens check'];
  const cs = t.cspell;
  const rows = [];
  rows.push(`Measured by \`npm run bench\` on ${results.machine.cpus} cores (${results.machine.cpuModel}), Node ${results.machine.node}, ${results.date.slice(0, 10)}; load average ${results.machine.loadAverageAtStart.join(' / ')} at the start.`);
  rows.push('');
  rows.push('**Command line, 1 MB draft** (fresh process each run, median of ' + check.runs + ' runs, run in turn):');
  rows.push('');
  rows.push('| Tool | Wall | CPU (user+sys) | Peak RSS | vs cspell (wall) |');
  rows.push('|---|---:|---:|---:|---:|');
  for (const [name, r] of Object.entries(t)) {
    rows.push(`| ${name} | ${r.wallMs} ms | ${r.cpuMs ?? '–'} ms | ${r.peakMB ?? '–'} MB | ${round(r.wallMs / cs.wallMs, 2)} |`);
  }
  for (const [size, r] of Object.entries(cli.analysis ?? {})) {
    rows.push(`| full analysis, ${size === '1mb' ? '1 MB' : '10 MB'} (same pipeline, no 5 MB guard) | ${r.wallMs} ms | ${r.cpuMs ?? '–'} ms | ${r.peakMB ?? '–'} MB | |`);
  }
  rows.push('');
  rows.push('**Editor (LSP over stdio unless the row says IPC; diagnostics pushed unless the row says pulled)**:');
  rows.push('');
  rows.push('| Draft | Open → diagnostics | Keystroke → diagnostics p50 / p95 (max) | Server CPU per keystroke | Hover p50 / p99 | Fix all after a keystroke p50 (max) | RSS after open |');
  rows.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [label, r] of Object.entries(lsp)) {
    const fixAll = r.fixAlls ? `${r.fixAllP50Ms} ms (${r.fixAllMaxMs}), ${r.fixAllEdits} edits` : '–';
    const unchanged = r.pulled ? `, ${r.unchangedReports} answered "unchanged"` : '';
    const hover = r.hovers > 0 ? `${r.hoverP50Ms} / ${r.hoverP99Ms} ms over ${r.hovers}` : '–';
    rows.push(`| ${label} (${round(r.bytes / MB, 1)} MB, ${r.diagnostics} diagnostics) | ${r.openMs} ms | ${r.editP50Ms} / ${r.editP95Ms} ms (${r.editMaxMs}) over ${r.edits} edits${unchanged} | ${r.serverCpuPerEditMs ?? '–'} ms | ${hover} | ${fixAll} | ${r.rssAfterOpenMB} MB |`);
  }
  const outlined = Object.entries(lsp).filter(([, r]) => r.outlines);
  if (outlined.length > 0) {
    rows.push('');
    rows.push('**The outline after a keystroke** (document symbols and section lenses, as an editor asks for them when typing pauses; each request after a keystroke):');
    rows.push('');
    rows.push('| Draft | Document symbols p50 (max) | Code lens p50 (max) | Symbols |');
    rows.push('|---|---:|---:|---:|');
    for (const [label, r] of outlined) rows.push(`| ${label} | ${r.symbolsP50Ms} ms (${r.symbolsMaxMs}) over ${r.outlines} | ${r.lensP50Ms} ms (${r.lensMaxMs}) | ${r.symbols} |`);
  }
  rows.push('');
  rows.push('**Server start to ready** (initialize answered, data loaded):');
  rows.push('');
  rows.push('| Dataset | Ready (wall) | Server CPU until ready | Resident memory at ready |');
  rows.push('|---|---:|---:|---:|');
  for (const [label, r] of Object.entries(startup)) rows.push(`| ${label} | ${r.readyMs} ms | ${r.cpuMs ?? '–'} ms | ${r.rssMB} MB |`);
  rows.push('');
  rows.push('**Targets**:');
  rows.push('');
  rows.push('| Target | Measured | Met |');
  rows.push('|---|---:|:---:|');
  for (const target of targets) rows.push(`| ${target.what} | ${target.measured} | ${target.met ? 'yes' : '**no**'} |`);
  rows.push('');
  if (results.growth.length > 0) {
    rows.push('**Growth**:');
    rows.push('');
    for (const line of results.growth) rows.push(`- ${line}`);
    rows.push('');
  }
  return rows.join('\n');
}

async function main() {
  log('Building dist/ ...');
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  for (const name of ['cspell', 'markdownlint-cli2']) {
    if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', name))) throw new Error(`${name} is not installed: run npm ci`);
  }

  log('Writing inputs to .bench/ ...');
  const { drafts, datasetFile, workspace } = prepareInputs();
  const results = { date: new Date().toISOString(), machine: machine(), inputs: {}, cli: {}, lsp: {}, startup: {}, targets: [], growth: [] };
  results.inputs = {
    draft1MB: { file: path.relative(ROOT, drafts['1mb']), bytes: fs.statSync(drafts['1mb']).size },
    ...(WITH_10MB ? { draft10MB: { file: path.relative(ROOT, drafts['10mb']), bytes: fs.statSync(drafts['10mb']).size } } : {}),
    dataset100k: { file: path.relative(ROOT, datasetFile), bytes: fs.statSync(datasetFile).size, facts: 100_000 },
  };

  const big = { maxFileSize: 64 * MB };
  // The 1 MB editing runs --editor-only repeats: pushed, and pulled as VS Code's client asks (each version's
  // diagnostics pulled with the last report's id, which the server answers "unchanged" when nothing changed).
  const pushed1MB = { file: drafts['1mb'], label: '1 MB', workspace, settings: big, edits: QUICK ? 40 : 120, hovers: QUICK ? 100 : 300, fixAlls: QUICK ? 2 : 6, outlines: QUICK ? 6 : 20 };
  const pulled1MB = {
    '1 MB draft, diagnostics pulled, typing beside a statistic': { file: drafts['1mb'], label: '1 MB pulled', workspace, settings: big, edits: QUICK ? 20 : 60, hovers: 0, pullDiagnostics: true },
    '1 MB draft, diagnostics pulled, typing in a paragraph without findings': { file: drafts['1mb'], label: '1 MB pulled, quiet paragraph', workspace, settings: big, edits: QUICK ? 20 : 60, hovers: 0, pullDiagnostics: true, editIn: 'quiet paragraph' },
  };
  if (EDITOR_ONLY) {
    const lsp = { '1 MB draft, bundled dataset': await benchEditing(pushed1MB) };
    for (const [name, options] of Object.entries(pulled1MB)) lsp[name] = await benchEditing(options);
    process.stdout.write(`${JSON.stringify(lsp, null, 2)}\n`);
    return;
  }

  log('Command line ...');
  results.cli = await benchCommandLine(drafts);

  log('Server start ...');
  results.startup = await benchStartup({ workspace, datasetFile });

  log('Editing over LSP ...');
  results.lsp['1 MB draft, bundled dataset'] = await benchEditing(pushed1MB);
  results.lsp['1 MB draft, 100,000 facts'] = await benchEditing({ file: drafts['1mb'], label: '1 MB + 100k facts', workspace, settings: { ...big, datasets: [datasetFile] }, edits: QUICK ? 20 : 60, hovers: QUICK ? 50 : 200 });
  // What a client that runs the server over Node's IPC channel gets (VS Code's client uses stdio: extension.ts).
  results.lsp['1 MB draft over IPC, bundled dataset'] = await benchEditing({ file: drafts['1mb'], label: '1 MB over IPC', workspace, settings: big, edits: QUICK ? 20 : 60, hovers: QUICK ? 50 : 200, transport: 'ipc' });
  results.lsp['1 MB LaTeX draft, bundled dataset'] = await benchEditing({ file: drafts['1mb-tex'], label: '1 MB LaTeX', workspace, settings: big, edits: QUICK ? 20 : 60, hovers: QUICK ? 50 : 200, languageId: 'latex' });
  results.lsp['1 MB draft, Enter pressed and undone in a sentence'] = await benchEditing({ file: drafts['1mb'], label: '1 MB line breaks', workspace, settings: big, edits: QUICK ? 20 : 60, hovers: 0, lineBreaks: true });
  // Plain text pasted from a word processor: a paragraph per line, no blank lines between them.
  results.lsp['1 MB plain text, a paragraph per line, bundled dataset'] = await benchEditing({ file: drafts['1mb-txt'], label: '1 MB plain text', workspace, settings: big, edits: QUICK ? 20 : 60, hovers: QUICK ? 50 : 200, languageId: 'plaintext' });
  for (const [name, options] of Object.entries(pulled1MB)) results.lsp[name] = await benchEditing(options);
  if (WITH_10MB) {
    results.lsp['10 MB draft, bundled dataset'] = await benchEditing({ file: drafts['10mb'], label: '10 MB', workspace, settings: big, edits: QUICK ? 10 : 40, hovers: QUICK ? 50 : 200, fixAlls: QUICK ? 2 : 6, outlines: QUICK ? 4 : 10 });
    results.lsp['10 MB draft, diagnostics pulled, typing beside a statistic'] = await benchEditing({ file: drafts['10mb'], label: '10 MB pulled', workspace, settings: big, edits: QUICK ? 10 : 40, hovers: 0, pullDiagnostics: true });
  }

  const check = results.cli.oneMB['trial-lens check'];
  const cspell = results.cli.oneMB.cspell;
  const floor = results.cli.oneMB['floor (one regex pass)'];
  const lsp1 = results.lsp['1 MB draft, bundled dataset'];
  const start100k = results.startup['100,000 facts'];
  results.targets = [
    { what: `keystroke → diagnostics p95, 1 MB ≤ ${TARGETS.keystrokeP95Ms} ms`, measured: `${lsp1.editP95Ms} ms${lsp1.serverCpuPerEditMs !== undefined ? ` (server CPU ${lsp1.serverCpuPerEditMs} ms per keystroke)` : ''}`, met: lsp1.editP95Ms <= TARGETS.keystrokeP95Ms },
    { what: `hover p99 ≤ ${TARGETS.hoverP99Ms} ms`, measured: `${lsp1.hoverP99Ms} ms`, met: lsp1.hoverP99Ms <= TARGETS.hoverP99Ms },
    {
      what: 'check of 1 MB ≤ 1/3 of cspell (wall)',
      measured: `${round(check.wallMs / cspell.wallMs, 2)}${check.cpuMs && cspell.cpuMs ? ` (CPU ${round(check.cpuMs / cspell.cpuMs, 2)})` : ''}; floor ${round(floor.wallMs / cspell.wallMs, 2)}`,
      met: check.wallMs <= cspell.wallMs * TARGETS.checkVsCspell,
    },
    { what: `100,000 facts: ready ≤ ${TARGETS.readyMs100k} ms`, measured: `${start100k.readyMs} ms${start100k.cpuMs !== undefined ? ` (server CPU ${start100k.cpuMs} ms)` : ''}`, met: start100k.readyMs <= TARGETS.readyMs100k },
    { what: `100,000 facts: resident memory ≤ ${TARGETS.rssMB100k} MB`, measured: `${start100k.rssMB} MB`, met: start100k.rssMB <= TARGETS.rssMB100k },
  ];

  const growth = [];
  const a1 = results.cli.analysis?.['1mb'];
  const a10 = results.cli.analysis?.['10mb'];
  if (a1 && a10) growth.push(`full analysis in a fresh process, 1 MB → 10 MB: ${a1.wallMs} → ${a10.wallMs} ms wall (×${round(a10.wallMs / a1.wallMs, 1)})${a1.cpuMs ? `, ${a1.cpuMs} → ${a10.cpuMs} ms CPU (×${round(a10.cpuMs / a1.cpuMs, 1)}), peak ${a1.peakMB} → ${a10.peakMB} MB` : ''}`);
  const lsp10 = results.lsp['10 MB draft, bundled dataset'];
  if (lsp10) {
    growth.push(`open → diagnostics, 1 MB → 10 MB: ${lsp1.openMs} → ${lsp10.openMs} ms (×${round(lsp10.openMs / lsp1.openMs, 1)})`);
    growth.push(`keystroke → diagnostics p50 / p95, 1 MB → 10 MB: ${lsp1.editP50Ms} / ${lsp1.editP95Ms} → ${lsp10.editP50Ms} / ${lsp10.editP95Ms} ms`);
    growth.push(`hover p99, 1 MB → 10 MB: ${lsp1.hoverP99Ms} → ${lsp10.hoverP99Ms} ms`);
    const pulled1 = results.lsp['1 MB draft, diagnostics pulled, typing beside a statistic'];
    const pulled10 = results.lsp['10 MB draft, diagnostics pulled, typing beside a statistic'];
    if (pulled1 && pulled10) growth.push(`keystroke → diagnostics pulled as VS Code does, p50 / p95, 1 MB → 10 MB: ${pulled1.editP50Ms} / ${pulled1.editP95Ms} → ${pulled10.editP50Ms} / ${pulled10.editP95Ms} ms`);
    if (lsp1.outlines && lsp10.outlines) growth.push(`document symbols / code lens after a keystroke p50, 1 MB → 10 MB: ${lsp1.symbolsP50Ms} / ${lsp1.lensP50Ms} → ${lsp10.symbolsP50Ms} / ${lsp10.lensP50Ms} ms (${lsp1.symbols} → ${lsp10.symbols} symbols)`);
    if (lsp1.fixAlls && lsp10.fixAlls) growth.push(`fix all after a keystroke p50, 1 MB → 10 MB: ${lsp1.fixAllP50Ms} → ${lsp10.fixAllP50Ms} ms (${lsp1.fixAllEdits} → ${lsp10.fixAllEdits} edits)`);
  }
  const startBundled = results.startup['bundled dataset'];
  growth.push(`server ready, bundled → 100,000 facts: ${startBundled.readyMs} → ${start100k.readyMs} ms wall, ${startBundled.cpuMs} → ${start100k.cpuMs} ms CPU; resident memory ${startBundled.rssMB} → ${start100k.rssMB} MB`);
  const lsp100k = results.lsp['1 MB draft, 100,000 facts'];
  growth.push(`1 MB draft, bundled → 100,000 facts: open ${lsp1.openMs} → ${lsp100k.openMs} ms, keystroke p95 ${lsp1.editP95Ms} → ${lsp100k.editP95Ms} ms, hover p99 ${lsp1.hoverP99Ms} → ${lsp100k.hoverP99Ms} ms`);
  results.growth = growth;
  results.machine.loadAverageAtEnd = os.loadavg().map((n) => round(n, 2));

  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const table = markdown(results);
  fs.writeFileSync(path.join(OUT, 'results.md'), table + '\n');
  process.stdout.write(table + '\n');
  process.stdout.write(`\nWritten: ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}, ${path.relative(process.cwd(), path.join(OUT, 'results.md'))}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
