/**
 * The server's data: the bundled dataset, users' datasets and bibliographies. Each user file keeps its last good
 * version, so a half-written dataset never takes the checks down; its problems are shown as diagnostics in it.
 * In an untrusted workspace only the bundled dataset is read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import {
  BUNDLED_DATASET_FILE,
  loadDatasetFile,
  loadVocabulary,
  mergeDatasets,
  type DatasetFileResult,
  type DatasetVocabulary,
  type LoadedDataset,
} from '../core/dataset/loadDataset';
import { listDatasetFilesInFolder } from '../core/dataset/discover';
import { bibliographyByKey, bibliographySlips, isAnotherWork, loadBibliography } from '../core/dataset/bibliography';
import { createReferenceResolver } from '../core/dataset/resolver';
import type { BibliographyEntry, DataProblem } from '../core/dataset/model';
import type { LinkContext } from '../core/link/datasetView';
import type { TrialLensSettings } from '../shared/settings';
import { readTextFile } from '../core/text/readText';
import type { QuoteSearch } from '../core/dataset/quotes';
import { declaredBibliographies, inheritedBibliographies } from './declaredBibliographies';

export interface DatasetStoreOptions {
  seedsDir: string;
  log(message: string): void;
  /** Shows a data file's problems as diagnostics in that file. */
  publishProblems(uri: string, diagnostics: Diagnostic[]): void;
  readFile?: (file: string) => string;
  /** How quotes are looked for (workspace/quoteSearch.ts); on this thread when not given. */
  searchQuotes?: QuoteSearch;
}

interface FileState {
  /**
   * Content the state was built from, to skip re-reading unchanged files: the file's text and its sources' stamp.
   * Kept apart: joined into one string, a comparison would first copy a large dataset's text (twice). None when the
   * file could not be read.
   */
  stamp?: { text: string; sources: string };
  lastGood?: DatasetFileResult;
  problems: DataProblem[];
  /** What is in use while the file has problems, as its diagnostics say (see refreshDataset). */
  inUse?: string;
}

interface BibliographyState {
  stamp: string;
  entries: BibliographyEntry[];
  problems: DataProblem[];
}

export interface ReloadInput {
  roots: string[];
  settings: TrialLensSettings;
  openDocuments: Array<{ uri: string; getText(): string }>;
}

export class DatasetStore {
  private trusted = true;
  private vocabulary: DatasetVocabulary;
  private bundled: DatasetFileResult;
  private files = new Map<string, FileState>();
  private bibliographies = new Map<string, BibliographyState>();
  private currentContext: LinkContext;
  private dataset: LoadedDataset;
  private publishedProblemFiles = new Set<string>();
  /** Identifiers in the bibliographies that are a typing slip of the dataset work their entry names. */
  private slips: DataProblem[] = [];
  /** The merge of the bundled dataset with the file refreshDataset last read, while reload() may reuse it. */
  private singleFileMerge: { file: DatasetFileResult; merged: LoadedDataset } | undefined;
  private readonly readFile: (file: string) => string;

  constructor(private readonly options: DatasetStoreOptions) {
    this.readFile = options.readFile ?? readTextFile;
    const { vocabulary, problems } = loadVocabulary(options.seedsDir, this.readFile);
    for (const problem of problems) options.log(`Bundled vocabulary: ${problem.file}: ${problem.message}`);
    this.vocabulary = vocabulary;
    this.bundled = loadDatasetFile(path.join(options.seedsDir, BUNDLED_DATASET_FILE), { vocabulary, readFile: this.readFile });
    for (const problem of this.bundled.problems) options.log(`Bundled dataset: ${problem.message}`);
    this.dataset = mergeDatasets([this.bundled], vocabulary);
    this.currentContext = this.buildContext([]);
  }

  /** False in Restricted Mode: no workspace data (datasets, bibliographies) is read. */
  isTrusted(): boolean {
    return this.trusted;
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
  }

  context(): LinkContext {
    return this.currentContext;
  }

  loaded(): LoadedDataset {
    return this.dataset;
  }

  summary(): string {
    return `${this.dataset.facts.length} facts from ${this.dataset.files.length} dataset file(s), ${this.bibliographyEntryCount()} bibliography entries${this.trusted ? '' : ' (restricted mode: bundled data only)'}`;
  }

  /** Whether any of these changed paths is data we read. */
  isRelevant(paths: string[]): boolean {
    return paths.some((p) => /\.trial-lens\.(?:json|ya?ml)$/i.test(p) || /\.(?:bib|json|ya?ml|txt)$/i.test(p) || this.files.has(p) || this.bibliographies.has(p));
  }

  /** Re-reads what changed; returns true when the data the checks use is different. */
  reload(input: ReloadInput): boolean {
    const datasetFiles = this.trusted ? this.userDatasetFiles(input) : [];
    const bibliographyFiles = this.trusted ? this.bibliographyFiles(input) : [];
    let changed = false;

    for (const file of datasetFiles) changed = this.refreshDataset(file, input.roots) || changed;
    for (const file of [...this.files.keys()]) {
      if (!datasetFiles.includes(file)) {
        this.files.delete(file);
        changed = true;
      }
    }
    for (const file of bibliographyFiles) changed = this.refreshBibliography(file) || changed;
    for (const file of [...this.bibliographies.keys()]) {
      if (!bibliographyFiles.includes(file)) {
        this.bibliographies.delete(file);
        changed = true;
      }
    }
    if (!changed) {
      this.singleFileMerge = undefined;
      return false;
    }

    const good = [...this.files.values()].flatMap((s) => (s.lastGood ? [s.lastGood] : []));
    // One user file (the usual case): the merge made for its problems is this very merge; a large dataset is not
    // merged twice.
    const single = this.singleFileMerge;
    this.singleFileMerge = undefined;
    this.dataset = good.length === 1 && single?.file === good[0] ? single.merged : mergeDatasets([this.bundled, ...good], this.vocabulary);
    this.currentContext = this.buildContext([...this.bibliographies.values()].flatMap((b) => b.entries));
    const texts = new Map([...this.bibliographies].map(([file, state]) => [file, state.stamp]));
    this.slips = bibliographySlips(this.currentContext.resolver.entries.values(), this.dataset.references, texts);
    this.publishProblems();
    this.options.log(`Data reloaded: ${this.summary()}.`);
    return true;
  }

  private userDatasetFiles(input: ReloadInput): string[] {
    const found = new Set<string>();
    for (const root of input.roots) for (const file of listDatasetFilesInFolder(root)) found.add(path.resolve(file));
    for (const setting of input.settings.datasets) found.add(resolveSetting(setting, input.roots));
    return [...found];
  }

  private bibliographyFiles(input: ReloadInput): string[] {
    const found = new Set<string>();
    for (const setting of input.settings.bibliographies) found.add(resolveSetting(setting, input.roots));
    for (const doc of input.openDocuments) {
      const uri = URI.parse(doc.uri);
      if (uri.scheme !== 'file') continue;
      const text = doc.getText();
      const declared = declaredBibliographies(text).map((b) => path.resolve(path.dirname(uri.fsPath), b));
      // A thesis chapter names no bibliography: its main file's, or the .bib files beside it.
      for (const file of declared.length > 0 || !/\.tex$/i.test(uri.fsPath) ? declared : inheritedBibliographies(uri.fsPath, text)) found.add(file);
    }
    return [...found];
  }

  private refreshDataset(file: string, roots: string[]): boolean {
    let text: string;
    try {
      text = this.readFile(file);
    } catch (error) {
      const state = this.files.get(file);
      const problems = [{ file, message: `cannot read this dataset: ${(error as Error).message}` }];
      this.files.set(file, { lastGood: state?.lastGood, problems, inUse: state?.lastGood ? LAST_GOOD : NOTHING_USED });
      return true;
    }
    const previous = this.files.get(file);
    const stamp = { text, sources: this.sourceStamp(previous?.lastGood) };
    if (previous?.stamp && previous.stamp.text === stamp.text && previous.stamp.sources === stamp.sources) return false;
    const result = loadDatasetFile(file, { vocabulary: this.vocabulary, readFile: this.readFile, workspaceRoots: roots, text, searchQuotes: this.options.searchQuotes });
    const merged = mergeDatasets([this.bundled, ...(result.ok ? [result] : [])], this.vocabulary);
    const mergeProblems = merged.problems.filter((p) => p.file === file);
    // A broken file keeps its last good version in force; so does one whose facts the merge leaves out (a quote no
    // longer in its source): otherwise a fact would drop out while the file's last good version had it. A file with
    // no good version yet is used for what checks out in it.
    const whole = result.ok && !mergeProblems.some((p) => p.severity !== 'warning');
    const lastGood = whole ? result : (previous?.lastGood ?? (result.ok ? result : undefined));
    const inUse = whole ? undefined : lastGood === result ? REST_USED : lastGood ? LAST_GOOD : NOTHING_USED;
    if (lastGood === result) this.singleFileMerge = { file: result, merged };
    this.files.set(file, { stamp, lastGood, problems: [...result.problems, ...mergeProblems], inUse });
    return true;
  }

  /** Source texts a dataset quotes: an edit to one must re-locate quotes. */
  private sourceStamp(result: DatasetFileResult | undefined): string {
    if (!result) return '';
    return result.sourceFiles.map((f) => {
      try {
        return String(fs.statSync(f).mtimeMs);
      } catch {
        return 'missing';
      }
    }).join(',');
  }

  private refreshBibliography(file: string): boolean {
    let text: string;
    try {
      text = this.readFile(file);
    } catch (error) {
      const previous = this.bibliographies.get(file);
      this.bibliographies.set(file, { stamp: '', entries: previous?.entries ?? [], problems: [{ file, message: `cannot read this bibliography: ${(error as Error).message}` }] });
      return !previous || previous.stamp !== '';
    }
    const previous = this.bibliographies.get(file);
    if (previous && previous.stamp === text) return false;
    const { entries, problems } = loadBibliography(file, text);
    // While the file has a broken entry (mid-edit), that entry is kept as it last read.
    const kept = problems.length > 0 && previous ? previous.entries.filter((old) => !entries.some((e) => e.key === old.key)) : [];
    this.bibliographies.set(file, { stamp: text, entries: [...entries, ...kept], problems });
    return true;
  }

  private buildContext(entries: BibliographyEntry[]): LinkContext {
    const resolver = createReferenceResolver(this.dataset, entries);
    const bibliography = new Map<string, BibliographyEntry>();
    // An entry of a dataset key is that work, unless its DOI or PMID says it is another.
    for (const [key, entry] of bibliographyByKey(entries)) {
      const work = this.dataset.references.get(key);
      bibliography.set(key, { ...entry, reference: entry.reference ?? (work && isAnotherWork(entry, work) ? undefined : resolver.byKey(key)[0]) });
    }
    return { dataset: this.dataset, resolver, bibliography };
  }

  private bibliographyEntryCount(): number {
    let n = 0;
    for (const b of this.bibliographies.values()) n += b.entries.length;
    return n;
  }

  /** Every file with problems gets them as diagnostics; files that were fixed get an empty list. */
  private publishProblems(): void {
    const byFile = new Map<string, DataProblem[]>();
    for (const [file, state] of this.files) if (state.problems.length) byFile.set(file, state.problems);
    for (const [file, state] of this.bibliographies) if (state.problems.length) byFile.set(file, state.problems);
    for (const slip of this.slips) byFile.set(slip.file, [...(byFile.get(slip.file) ?? []), slip]);
    for (const file of this.publishedProblemFiles) if (!byFile.has(file)) this.options.publishProblems(URI.file(file).toString(), []);
    for (const [file, problems] of byFile) {
      const inUse = this.files.get(file)?.inUse ?? (this.bibliographies.has(file) ? OTHER_ENTRIES : LAST_GOOD);
      this.options.publishProblems(URI.file(file).toString(), problems.map((p) => problemToDiagnostic(p, inUse)));
      for (const p of problems) this.options.log(`${file}${p.line !== undefined ? `:${p.line + 1}:${(p.character ?? 0) + 1}` : ''}: ${p.message}`);
    }
    this.publishedProblemFiles = new Set(byFile.keys());
  }

  /** Problems of every user file, for tests and the CLI. */
  problems(): DataProblem[] {
    return [...[...this.files.values(), ...this.bibliographies.values()].flatMap((s) => s.problems), ...this.slips];
  }
}

function resolveSetting(setting: string, roots: string[]): string {
  return path.isAbsolute(setting) ? setting : path.resolve(roots[0] ?? process.cwd(), setting);
}

/** What a file's error diagnostics say is in use until it is fixed. */
const LAST_GOOD = "Trial Lens keeps using this file's last good version until this is fixed.";
const REST_USED = "Trial Lens uses the rest of this file until this is fixed.";
const NOTHING_USED = 'Trial Lens uses nothing from this file until this is fixed.';
const OTHER_ENTRIES = "Trial Lens reads this file's other entries, and this one as it last read.";

function problemToDiagnostic(problem: DataProblem, inUse: string): Diagnostic {
  const line = problem.line ?? 0;
  const character = problem.character ?? 0;
  return {
    range: { start: { line, character }, end: { line, character: character + 1 } },
    severity: (problem as { severity?: string }).severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    source: 'trial-lens',
    code: 'dataset-error',
    // A warning (a slip in an identifier, a fact's numbers missing from its quote) leaves the file in use as it is.
    message: problem.severity === 'warning' ? problem.message : `${problem.message} (${inUse})`,
  };
}
