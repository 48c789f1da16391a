/**
 * trial-lens check [--format text|json|sarif] [--dataset FILE]... [--bibliography FILE]... FILE...
 * trial-lens scan --format json FILE...
 * Exit codes: 0 clean, 1 findings of error or warning severity, 2 bad input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisCache, analyzeDocument } from './core/analyze';
import { applyPolicy, isBlocking } from './core/check/policy';
import { DIAGNOSTIC_CODE_DOCS } from './core/check/codes';
import { findDatasetFiles } from './core/dataset/discover';
import { bibliographyByKey, bibliographySlips, loadBibliography, type LoadedBibliography } from './core/dataset/bibliography';
import { loadDataset, loadDatasetFile, loadVocabulary, mergeDatasets, BUNDLED_DATASET_FILE, type LoadedDataset } from './core/dataset/loadDataset';
import type { BibliographyEntry, DataProblem } from './core/dataset/model';
import { createReferenceResolver } from './core/dataset/resolver';
import type { LinkContext } from './core/link/datasetView';
import { detectFormat, entitiesAsJson, recognize } from './core/recognize';
import { resolveCitations } from './core/link/resolveCitations';
import { lineStarts, positionToOffset } from './core/text/positions';
import { readTextFile } from './core/text/readText';
import { formatJson, formatSarif, formatText, type FileFindings } from './cli/report';
import { SERVER_VERSION } from './shared/version';
import { declaredBibliographies, inheritedBibliographies } from './workspace/declaredBibliographies';
import { skipFinding } from './workspace/analyses';
import { bundledQuoteSearch } from './workspace/quoteSearch';
import { DEFAULT_SETTINGS } from './shared/settings';

class UsageError extends Error {}

interface CliOptions {
  command: 'check' | 'scan';
  format: 'text' | 'json' | 'sarif';
  datasets: string[];
  bibliographies: string[];
  disabled: string[];
  files: string[];
  discover: boolean;
}

const USAGE = `Usage:
  trial-lens check [--format text|json|sarif] [--dataset FILE]... [--bibliography FILE]... [--disable CODE]... [--no-discover] FILE...
  trial-lens scan --format json FILE...

Exit codes: 0 clean, 1 findings of error or warning severity, 2 bad input.`;

function parseArgs(argv: string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  if (command === '--version') {
    process.stdout.write(SERVER_VERSION + '\n');
    process.exit(0);
  }
  if (command !== 'check' && command !== 'scan') throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  const options: CliOptions = { command, format: command === 'scan' ? 'json' : 'text', datasets: [], bibliographies: [], disabled: [], files: [], discover: true };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--format' || arg.startsWith('--format=')) {
      const format = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : value();
      if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
      if (command === 'scan' && format !== 'json') throw new UsageError('scan prints JSON only: --format json');
      options.format = format;
    } else if (arg === '--dataset') options.datasets.push(value());
    else if (arg === '--bibliography') options.bibliographies.push(value());
    else if (arg === '--disable') options.disabled.push(value());
    else if (arg === '--no-discover') options.discover = false;

    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else options.files.push(arg);
  }
  if (options.files.length === 0) throw new UsageError('no files given');
  return options;
}

/** Problems in the user's data stop the run: exit 2 naming the file, the place and what is wrong. */
function reportProblems(problems: DataProblem[], level = 'error'): void {
  for (const p of problems) {
    const where = p.line !== undefined ? `:${p.line + 1}:${(p.character ?? 0) + 1}` : '';
    process.stderr.write(`${displayPath(p.file)}${where}: ${level}: ${p.message}\n`);
  }
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function seedsDir(): string {
  return path.resolve(__dirname, '..', 'seeds');
}

function readInput(file: string): string {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new UsageError(`${file} is a folder; give the draft files to check`);
    return readTextFile(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function bundledContext(): LinkContext {
  const dataset = loadDataset({ seedsDir: seedsDir() });
  return { dataset, resolver: createReferenceResolver(dataset, []) };
}

/** Datasets: the bundled one, those found beside each draft and in its parents, and --dataset. */
function loadDatasets(options: CliOptions, texts: Array<{ file: string }>): { dataset: LoadedDataset; problems: DataProblem[] } {
  const { vocabulary, problems: vocabularyProblems } = loadVocabulary(seedsDir());
  const bundled = loadDatasetFile(path.join(seedsDir(), BUNDLED_DATASET_FILE), { vocabulary });
  const userFiles = new Set<string>();
  if (options.discover) for (const { file } of texts) for (const found of findDatasetFiles(path.dirname(file))) userFiles.add(path.resolve(found));
  for (const file of options.datasets) {
    if (!fs.existsSync(file)) throw new UsageError(`dataset ${file} does not exist`);
    userFiles.add(path.resolve(file));
  }
  // The current folder is the workspace: a dataset's sources must stay inside it (or, for a dataset outside it, inside
  // the dataset's own folder), so a dataset found in a parent folder cannot make the CLI read arbitrary files.
  const searchQuotes = bundledQuoteSearch();
  const users = [...userFiles].map((file) => loadDatasetFile(file, { vocabulary, workspaceRoots: [process.cwd()], searchQuotes }));
  const dataset = mergeDatasets([bundled, ...users], vocabulary);
  // Warnings (a number missing from its quote) are shown but do not stop the run; errors do.
  // A file's problem can come from its own checks and again from the merge: report each once.
  const seen = new Set<string>();
  const problems = [...vocabularyProblems, ...bundled.problems, ...users.flatMap((u) => u.problems), ...dataset.problems].filter((p) => {
    const key = `${p.file}:${p.line ?? ''}:${p.character ?? ''}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { dataset, problems };
}

/**
 * The bibliographies a draft is checked with: --bibliography and those it names itself. A bibliography that cannot be
 * read, or only in part, is reported as a warning and the draft is checked with what could be read: one missing
 * .bib (a path that only resolves inside a Quarto project, a file not yet exported) must not hide every finding.
 */
function loadBibliographies(options: CliOptions, file: string, text: string, cache: Map<string, LoadedBibliography & { text?: string }>): BibliographyEntry[] {
  const given = options.bibliographies.map((b) => path.resolve(b));
  let declared = declaredBibliographies(text).map((b) => path.resolve(path.dirname(file), b));
  // A thesis chapter names no bibliography: its main file's, or the .bib files beside it.
  if (declared.length === 0 && /\.tex$/i.test(file)) declared = inheritedBibliographies(file, text);
  const entries: BibliographyEntry[] = [];
  for (const bibFile of new Set([...given, ...declared])) {
    let loaded = cache.get(bibFile);
    if (!loaded) {
      let bibText: string | undefined;
      try {
        bibText = readTextFile(bibFile);
      } catch (error) {
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
        const namedBy = given.includes(bibFile) ? '--bibliography' : displayPath(file);
        loaded = { entries: [], problems: [{ file: bibFile, message: `this bibliography (named by ${namedBy}) ${why}; its keys are checked against the dataset only. Fix the path${given.includes(bibFile) ? '' : ', or pass the file with --bibliography'}.` }] };
      }
      if (bibText !== undefined) loaded = { ...loadBibliography(bibFile, bibText), text: bibText };
      reportProblems(loaded!.problems, 'warning');
      cache.set(bibFile, loaded!);
    }
    entries.push(...loaded!.entries);
  }
  return entries;
}

function fileContext(dataset: LoadedDataset, entries: BibliographyEntry[]): LinkContext {
  return { dataset, resolver: createReferenceResolver(dataset, entries), bibliography: bibliographyByKey(entries) };
}

function run(argv: string[]): number {
  const options = parseArgs(argv);
  const texts = options.files.map((file) => ({ file: path.resolve(file), text: readInput(file) }));

  if (options.command === 'scan') {
    // Citations are resolved against the bundled dataset so each one says which reference it names.
    const ctx = bundledContext();
    const files = texts.map(({ file, text }) => {
      const doc = recognize(text, detectFormat(file));
      const referencesAt = new Map(resolveCitations(doc, ctx).map((rc) => [rc.citation.span.start, rc.references]));
      const starts = lineStarts(text);
      const entities = entitiesAsJson(text, doc).map((entity) =>
        entity.kind === 'citation' ? { ...entity, references: referencesAt.get(positionToOffset(starts, entity.range.start)) ?? [] } : entity,
      );
      return { path: displayPath(file), entities };
    });
    process.stdout.write(JSON.stringify({ version: 1, files }, null, 2) + '\n');
    return 0;
  }

  // A bibliography given on the command line is the user's to have right: missing, it is bad input, as --dataset is.
  for (const file of options.bibliographies) if (!fs.existsSync(file)) throw new UsageError(`bibliography ${file} (given with --bibliography) does not exist; fix the path`);
  const { dataset, problems: allProblems } = loadDatasets(options, texts);
  const problems = allProblems.filter((p) => p.severity !== 'warning');
  for (const warning of allProblems.filter((p) => p.severity === 'warning')) reportProblems([warning], 'warning');
  if (problems.length) {
    reportProblems(problems);
    process.stderr.write(`trial-lens: fix the dataset problems above (or leave the file out) and run again.\n`);
    return 2;
  }

  const results: FileFindings[] = [];
  const bibliographyCache = new Map<string, LoadedBibliography & { text?: string }>();
  const reportedSlips = new Set<string>();
  for (const { file, text } of texts) {
    // Oversized and binary files get one information finding, as in the editor, and are not analysed.
    const skipped = skipFinding(text, DEFAULT_SETTINGS.maxFileSize);
    if (skipped) {
      results.push({ path: file, displayPath: displayPath(file), lineStarts: [0], findings: applyPolicy([skipped], { severity: {}, disabledCodes: options.disabled }) });
      continue;
    }
    const ctx = fileContext(dataset, loadBibliographies(options, file, text, bibliographyCache));
    // A slip in a bibliography's identifier is said once, however many drafts name the bibliography.
    const texts = new Map([...bibliographyCache].map(([bib, loaded]) => [bib, loaded.text ?? '']));
    const slips = bibliographySlips(ctx.resolver.entries.values(), dataset.references, texts).filter((p) => !reportedSlips.has(`${p.file}\u0000${p.message}`));
    for (const slip of slips) reportedSlips.add(`${slip.file}\u0000${slip.message}`);
    reportProblems(slips, 'warning');
    // Only the findings are read here: what only hovers show is not worked out (see LinkReaders).
    const analysis = analyzeDocument(text, detectFormat(file), ctx, new AnalysisCache('findings'));
    results.push({ path: file, displayPath: displayPath(file), lineStarts: analysis.lineStarts, findings: applyPolicy(analysis.findings, { severity: {}, disabledCodes: options.disabled }) });
  }

  if (options.format === 'json') process.stdout.write(formatJson(results));
  else if (options.format === 'sarif') process.stdout.write(formatSarif(results, DIAGNOSTIC_CODE_DOCS.map((d) => ({ id: d.code, description: d.summary })), SERVER_VERSION));
  else process.stdout.write(formatText(results));
  return results.some((r) => r.findings.some(isBlocking)) ? 1 : 0;
}

// `trial-lens check ... | head`: a reader that stops early is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`trial-lens: ${error.message}\n\n${USAGE}\n`);
  } else {
    process.stderr.write(`trial-lens: internal error: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exitCode = 2;
}
