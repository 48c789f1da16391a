/**
 * Loading datasets: the bundled seeds/dataset.json plus users' *.trial-lens.json / *.trial-lens.yaml files.
 *
 * Two steps so that a server can keep the last good version of each file:
 *   loadDatasetFile(path)      parse + schema + per-file checks + read the source texts  -> DatasetFileResult
 *   mergeDatasets(files)       later files add to / replace earlier ones by id, cross-file checks, quotes located,
 *                              index built                                              -> LoadedDataset
 * loadDataset() does both for the CLI. The only I/O is reading the files themselves, through `readFile`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Span } from '../types';
import type { DataProblem, Endpoint, Fact, FactStatus, Reference, SourceDocument } from './model';
import { createFactIndex, type FactIndex } from './factIndex';
import { parseDatasetDocument, type FilePosition, type PropertyPath } from './parseDocument';
import { lineOf, lineStarts } from '../text/positions';
import { readTextFile } from '../text/readText';
import { locateQuotes, numbersMissingFromQuote, type QuoteSearch } from './quotes';
import { createSchemaValidator, type DatasetSchemaValidator } from './validateSchema';

export type ReadFile = (file: string) => string;

const defaultReadFile: ReadFile = readTextFile;

/** The path with symbolic links resolved; undefined when it does not exist on disk (in-memory files in tests). */
function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** Inside the folder by the path as written and, for a file on disk, by its real path (a link may point out). */
function staysInside(file: string, folder: string): boolean {
  if (!isInside(file, folder)) return false;
  const real = realPath(file);
  return real === undefined || isInside(real, realPath(folder) ?? folder);
}

export const BUNDLED_DATASET_FILE = 'dataset.json';

/** What every dataset file is checked against: the schema, the endpoint ids and (when present) the antigen ids. */
export interface DatasetVocabulary {
  validateSchema: DatasetSchemaValidator;
  endpoints: Map<string, Endpoint>;
  /** Canonical antigen ids from seeds/antigens.json; undefined when that file is missing (antigens not checked). */
  antigenIds?: ReadonlySet<string>;
}

/** A fact as read from its file, before its quote is located. */
export type FactDraft = Omit<Fact, 'quoteSpan' | 'quoteLine'>;

export interface DatasetFileData {
  references: Reference[];
  sources: SourceDocument[];
  facts: FactDraft[];
}

export interface DatasetFileResult {
  /** Absolute path. */
  file: string;
  /** False when the file could not be read or parsed, or has schema or per-file errors. */
  ok: boolean;
  /** Everything in the file that passed its checks (invalid entries are left out). */
  data: DatasetFileData;
  problems: DataProblem[];
  /** Position of a property path in the file, for problems found later (when merging). */
  locate(path: PropertyPath): FilePosition | undefined;
  /** Where each entry of `data.facts` is in the file's `facts` list (entries with problems are left out), for `locate`. */
  factIndexes: number[];
  /** Property path of each source by id, for `locate`. */
  sourcePaths: Map<string, PropertyPath>;
  /** Property path of each reference by key, for `locate`. */
  referencePaths?: Map<string, PropertyPath>;
  /** Source text files the data depends on (a change to one of them means reloading this file). */
  sourceFiles: string[];
  /** The quotes looked for as the file was read (LoadDatasetFileOptions.searchQuotes), for mergeDatasets. */
  quoteSearches?: FileQuoteSearches;
}

/**
 * The quotes of a file's facts, looked for in the file's own sources as soon as it was parsed: one search per source
 * id, and each fact's place in its source's search by its index in the file's `facts` (-1: not searched).
 */
export interface FileQuoteSearches {
  bySource: Map<string, { text: string; answer: () => (Span | undefined)[] }>;
  placeOf: Int32Array;
}

export interface LoadedDataset {
  references: Map<string, Reference>;
  sources: Map<string, SourceDocument>;
  facts: Fact[];
  factById: Map<string, Fact>;
  endpoints: Map<string, Endpoint>;
  index: FactIndex;
  problems: DataProblem[];
  /** The dataset files merged, bundled first. */
  files: string[];
}

export interface LoadDatasetFileOptions {
  vocabulary: DatasetVocabulary;
  readFile?: ReadFile;
  /** Workspace folders: a user dataset's source files must stay inside the root that holds the dataset file. */
  workspaceRoots?: string[];
  /** The file's text when the caller already has it (an open editor buffer). */
  text?: string;
  /**
   * How quotes are looked for in their sources. The search for a file's own sources starts as soon as the file is
   * parsed, before its schema and facts are checked, so that a search in another thread overlaps that work; without
   * this option quotes are located on this thread when merging.
   */
  searchQuotes?: QuoteSearch;
}

export interface LoadDatasetOptions {
  /** Folder holding dataset.json, dataset.schema.json, endpoints.json (and antigens.json). */
  seedsDir: string;
  /** Users' dataset files, in order: later ones replace earlier facts with the same id. */
  userFiles?: string[];
  workspaceRoots?: string[];
  readFile?: ReadFile;
}

/** The bundled dataset plus users' files, merged. Problems from every file are in `problems`. */
export function loadDataset(options: LoadDatasetOptions): LoadedDataset {
  const readFile = options.readFile ?? defaultReadFile;
  const { vocabulary, problems: vocabularyProblems } = loadVocabulary(options.seedsDir, readFile);
  const bundled = loadDatasetFile(path.join(options.seedsDir, BUNDLED_DATASET_FILE), { vocabulary, readFile });
  const users = (options.userFiles ?? []).map((file) =>
    loadDatasetFile(path.resolve(file), { vocabulary, readFile, workspaceRoots: options.workspaceRoots }),
  );
  const merged = mergeDatasets([bundled, ...users], vocabulary);
  const fileProblems = [bundled, ...users].flatMap((result) => result.problems);
  return { ...merged, problems: [...vocabularyProblems, ...fileProblems, ...merged.problems] };
}

/** Reads the schema, the endpoint vocabulary and the antigen ids from the seeds folder. */
export function loadVocabulary(seedsDir: string, readFile: ReadFile = defaultReadFile): { vocabulary: DatasetVocabulary; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const readJson = (name: string, required: boolean): unknown => {
    const file = path.join(seedsDir, name);
    let text: string;
    try {
      text = readFile(file);
    } catch {
      if (required) problems.push({ file, message: `cannot read ${name}` });
      return undefined;
    }
    const parsed = parseDatasetDocument(file, text);
    problems.push(...parsed.problems);
    return parsed.value;
  };
  const schema = readJson('dataset.schema.json', true);
  const validateSchema = schema && typeof schema === 'object' ? createSchemaValidator(schema) : () => [];
  const endpoints = new Map<string, Endpoint>();
  const endpointList = (readJson('endpoints.json', true) as { endpoints?: Endpoint[] } | undefined)?.endpoints ?? [];
  for (const endpoint of endpointList) {
    endpoints.set(endpoint.id, { id: endpoint.id, label: endpoint.label, terms: endpoint.terms, ...(endpoint.parent ? { parent: endpoint.parent } : {}), ...(endpoint.grades ? { grades: endpoint.grades } : {}), ...(endpoint.duration ? { duration: endpoint.duration } : {}), ...(endpoint.cohort ? { cohort: true } : {}), ...(endpoint.writtenAs ? { writtenAs: endpoint.writtenAs } : {}) });
  }
  const antigenIds = readAntigenIds(readJson('antigens.json', false));
  return { vocabulary: { validateSchema, endpoints, antigenIds }, problems };
}

/** Canonical ids from seeds/antigens.json, read loosely: entries with an `id` (or `canonical`) under any list. */
function readAntigenIds(value: unknown): Set<string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ids = new Set<string>();
  const lists = Array.isArray(value) ? [value] : Object.values(value).filter(Array.isArray);
  for (const list of lists) {
    for (const item of list as unknown[]) {
      if (item && typeof item === 'object') {
        const id = (item as { id?: unknown; canonical?: unknown }).id ?? (item as { canonical?: unknown }).canonical;
        if (typeof id === 'string') ids.add(id);
      }
    }
  }
  return ids.size > 0 ? ids : undefined;
}

/** Parses and checks one dataset file and reads its sources. Never throws. */
export function loadDatasetFile(file: string, options: LoadDatasetFileOptions): DatasetFileResult {
  const readText = options.readFile ?? defaultReadFile;
  // A source read early for the quote search is not read again.
  const texts = new Map<string, string | Error>();
  const readFile = (file: string): string => {
    let text = texts.get(file);
    if (text === undefined) {
      try {
        text = readText(file);
      } catch (error) {
        text = error instanceof Error ? error : new Error(String(error));
      }
      texts.set(file, text);
    }
    if (text instanceof Error) throw text;
    return text;
  };
  const absolute = path.resolve(file);
  const empty: DatasetFileData = { references: [], sources: [], facts: [] };
  let text = options.text;
  if (text === undefined) {
    try {
      text = readFile(absolute);
    } catch (error) {
      return failed(absolute, empty, [{ file: absolute, message: `cannot read dataset file: ${(error as Error).message}` }]);
    }
  }
  const parsed = parseDatasetDocument(absolute, text);
  const result: DatasetFileResult = { file: absolute, ok: true, data: empty, problems: [...parsed.problems], locate: parsed.locate, factIndexes: [], sourcePaths: new Map(), sourceFiles: [] };
  if (parsed.value === undefined) {
    result.ok = false;
    return result;
  }
  if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    result.ok = false;
    result.problems.push({ file: absolute, ...parsed.locate([]), message: 'a dataset file must hold an object with references, sources and facts' });
    return result;
  }
  const raw = normalizeYamlScalars(parsed.value as RawDataset);
  const folder = path.dirname(absolute);
  const root = containingRoot(absolute, options.workspaceRoots);
  if (options.searchQuotes) result.quoteSearches = startQuoteSearches(raw, (source) => readableSource(source, folder, root, readFile), options.searchQuotes);
  const report = (where: PropertyPath, message: string, subject?: DataProblem['subject'], severity?: DataProblem['severity']) => {
    result.problems.push({ file: absolute, ...parsed.locate(where), message, ...(subject ? { subject } : {}), ...(severity ? { severity } : {}) });
    if (severity !== 'warning') result.ok = false;
  };

  // Schema: remember which entries are broken so the rest can still be used.
  const broken = new Set<string>();
  for (const issue of options.vocabulary.validateSchema(raw)) {
    report(issue.path, issue.message, issue.subject);
    const [collection, index] = issue.path;
    broken.add(typeof index === 'number' ? `${collection}/${index}` : '*');
  }
  if (broken.has('*')) return result;

  const data: DatasetFileData = { references: [], sources: [], facts: [] };

  const referenceKeys = new Set<string>();
  (raw.references ?? []).forEach((ref, i) => {
    if (broken.has(`references/${i}`)) return;
    if (referenceKeys.has(ref.key)) return report(['references', i, 'key'], `reference ${ref.key} is defined twice in this file`, { kind: 'reference', id: ref.key });
    referenceKeys.add(ref.key);
    (result.referencePaths ??= new Map()).set(ref.key, ['references', i]);
    data.references.push(toReference(ref, absolute));
  });

  const sourceIds = new Set<string>();
  (raw.sources ?? []).forEach((source, i) => {
    if (broken.has(`sources/${i}`)) return;
    const subject = { kind: 'source' as const, id: source.id };
    if (sourceIds.has(source.id)) return report(['sources', i, 'id'], `source ${source.id} is defined twice in this file`, subject);
    sourceIds.add(source.id);
    const readable = readableSource(source, folder, root, readFile);
    if (readable === 'outside') {
      return report(['sources', i, 'file'], `source ${source.id}: file ${source.file} is outside the workspace folder ${root}; source files must stay inside it`, subject);
    }
    if (readable === 'unreadable') return report(['sources', i, 'file'], `source ${source.id}: cannot read file ${source.file}`, subject);
    const { path: sourcePath, text: sourceText } = readable;
    result.sourceFiles.push(sourcePath);
    result.sourcePaths.set(source.id, ['sources', i]);
    data.sources.push({
      id: source.id,
      reference: source.reference,
      path: sourcePath,
      text: sourceText,
      origin: absolute,
      ...(source.title !== undefined ? { title: source.title } : {}),
      ...(source.kind !== undefined ? { kind: source.kind } : {}),
    });
  });

  const factIds = new Set<string>();
  const rawFacts = raw.facts ?? [];
  for (let i = 0; i < rawFacts.length; i++) {
    if (broken.size > 0 && broken.has(`facts/${i}`)) continue;
    const fact = rawFacts[i];
    const problem = factProblem(fact, options.vocabulary, factIds);
    if (problem) {
      report(['facts', i, ...problem.where], `fact ${fact.id}${problem.message}`, { kind: 'fact', id: fact.id });
      continue;
    }
    const missing = numbersMissingFromQuote(fact);
    if (missing.length > 0) {
      report(
        ['facts', i, 'quote'],
        `fact ${fact.id}: the quote does not show ${missing.map((m) => `${m.field} ${m.value}`).join(', ')}`,
        { kind: 'fact', id: fact.id },
        'warning',
      );
    }
    factIds.add(fact.id);
    result.factIndexes.push(i);
    data.facts.push(toFactDraft(fact, absolute));
  }

  result.data = data;
  return result;
}

/** The first per-file problem of a fact that passed the schema: where (under the fact) and what, after its id. */
function factProblem(fact: RawFact, vocabulary: DatasetVocabulary, earlierIds: ReadonlySet<string>): { where: PropertyPath; message: string } | undefined {
  if (earlierIds.has(fact.id)) return { where: ['id'], message: ' is defined twice in this file' };
  if (fact.ci && fact.ci[0] > fact.ci[1]) return { where: ['ci'], message: ': field ci has its low end above its high end' };
  if (fact.low !== undefined && fact.high !== undefined && fact.low > fact.high) return { where: ['low'], message: ': field low is above field high' };
  if (fact.count !== undefined && fact.total !== undefined && fact.count > fact.total) {
    return { where: ['count'], message: `: field count (${fact.count}) is larger than total (${fact.total})` };
  }
  if (!vocabulary.endpoints.has(fact.endpoint)) {
    return { where: ['endpoint'], message: `: field endpoint "${fact.endpoint}" is not a known endpoint (see seeds/endpoints.json)` };
  }
  const antigenIds = vocabulary.antigenIds;
  if (antigenIds) {
    for (let a = 0; a < fact.antigens.length; a++) {
      if (!antigenIds.has(fact.antigens[a])) {
        return { where: ['antigens', a], message: `: field antigens: "${fact.antigens[a]}" is not a canonical antigen id (see seeds/antigens.json)` };
      }
    }
  }
  return undefined;
}

/** A source's file and text: 'outside' when the file is outside the dataset's workspace folder. */
function readableSource(source: RawSource, folder: string, root: string | undefined, readFile: ReadFile): { path: string; text: string } | 'outside' | 'unreadable' {
  const sourcePath = path.resolve(folder, source.file);
  if (root !== undefined && !staysInside(sourcePath, root)) return 'outside';
  try {
    return { path: sourcePath, text: readFile(sourcePath) };
  } catch {
    return 'unreadable';
  }
}

/**
 * Starts looking for each fact's quote in the source of the same file it names, before the file is checked: entries
 * the checks later reject are looked for too (their answers are not read), and a source that turns out not to be used
 * is not asked for its answer.
 */
function startQuoteSearches(raw: RawDataset, read: (source: RawSource) => ReturnType<typeof readableSource>, search: QuoteSearch): FileQuoteSearches | undefined {
  const facts = Array.isArray(raw.facts) ? raw.facts : [];
  const sources = Array.isArray(raw.sources) ? raw.sources : [];
  if (facts.length === 0 || sources.length === 0) return undefined;
  const quotesOf = new Map<string, { quotes: string[] }>();
  for (const source of sources) {
    if (source && typeof source === 'object' && typeof source.id === 'string' && typeof source.file === 'string' && !quotesOf.has(source.id)) {
      quotesOf.set(source.id, { quotes: [] });
    }
  }
  const placeOf = new Int32Array(facts.length).fill(-1);
  for (let i = 0; i < facts.length; i++) {
    const fact = facts[i];
    const list = fact && typeof fact === 'object' && typeof fact.quote === 'string' && typeof fact.source === 'string' ? quotesOf.get(fact.source) : undefined;
    if (!list) continue;
    placeOf[i] = list.quotes.length;
    list.quotes.push(fact.quote);
  }
  const bySource: FileQuoteSearches['bySource'] = new Map();
  for (const source of sources) {
    const list = source && typeof source === 'object' ? quotesOf.get(source.id) : undefined;
    if (!list || list.quotes.length === 0 || bySource.has(source.id)) continue;
    const readable = read(source);
    // The first source with an id is the one the file's checks keep (a second is reported as defined twice).
    if (typeof readable === 'object') bySource.set(source.id, { text: readable.text, answer: search(readable.text, list.quotes) });
    else bySource.set(source.id, { text: '', answer: () => [] });
  }
  return { bySource, placeOf };
}

function failed(file: string, data: DatasetFileData, problems: DataProblem[]): DatasetFileResult {
  return { file, ok: false, data, problems, locate: () => undefined, factIndexes: [], sourcePaths: new Map(), sourceFiles: [] };
}

/**
 * Merges file results in order (bundled first): references, sources and facts with the same id replace earlier ones.
 * Cross-file checks happen here: a fact's reference, source and quote. A fact that fails them is left out, and an
 * earlier fact with the same id (e.g. the bundled one) stays in force.
 */
export function mergeDatasets(files: readonly DatasetFileResult[], vocabulary: Pick<DatasetVocabulary, 'endpoints'>): LoadedDataset {
  const problems: DataProblem[] = [];
  const problemAt = (file: DatasetFileResult, where: PropertyPath, message: string, subject: DataProblem['subject']): DataProblem => ({
    file: file.file,
    ...file.locate(where),
    message,
    subject,
  });

  const references = new Map<string, Reference>();
  const sources = new Map<string, SourceDocument>();
  for (const file of files) {
    for (const reference of file.data.references) {
      const earlier = references.get(reference.key);
      if (!earlier) {
        references.set(reference.key, reference);
        continue;
      }
      // A reference declared again (to hang a source of one's own on a bundled work, say) adds to the earlier one:
      // what it leaves out (the DOI, the aliases) is kept, and an identifier it gives otherwise is said.
      references.set(reference.key, mergeReference(earlier, reference));
      const differs = (['doi', 'pmid'] as const).filter((id) => earlier[id] !== undefined && reference[id] !== undefined && earlier[id]!.toLowerCase() !== reference[id]!.toLowerCase());
      if (differs.length > 0) {
        const where = [...(file.referencePaths?.get(reference.key) ?? ['references']), differs[0]!];
        const was = differs.map((id) => `${id.toUpperCase()} ${earlier[id]}`).join(', ');
        problems.push({ ...problemAt(file, where, `reference ${reference.key} is already in ${path.basename(earlier.origin)} with ${was}; this file's replaces it. Use another key if this is another work.`, { kind: 'reference', id: reference.key }), severity: 'warning' });
      }
    }
    for (const source of file.data.sources) sources.set(source.id, source);
  }

  for (const source of sources.values()) {
    const file = files.find((f) => f.file === source.origin);
    if (file && !references.has(source.reference)) {
      const where = [...(file.sourcePaths.get(source.id) ?? []), 'reference'];
      const message = `source ${source.id}: field reference "${source.reference}" is not a known reference`;
      problems.push({ ...problemAt(file, where, message, { kind: 'source', id: source.id }), severity: 'warning' });
    }
  }

  // Candidates are numbered across the files in order (a file's first draft is its offset). Each id maps to its first
  // candidate's draft, in order of first appearance; the few ids defined in several files also list their later
  // candidates. No per-draft objects: a dataset may hold 100,000 facts. Each candidate with a known reference and
  // source has its quote looked for, per source in one go.
  const offsets: number[] = [];
  const firstDrafts = new Map<string, FactDraft>();
  const isLater = new Uint8Array(files.reduce((n, file) => n + file.data.facts.length, 0));
  const laterCandidates = new Map<FactDraft, number[]>();
  const quotesBySource = new Map<SourceDocument, number[]>();
  let candidate = 0;
  for (const file of files) {
    offsets.push(candidate);
    for (const draft of file.data.facts) {
      const first = firstDrafts.get(draft.id);
      if (first === undefined) firstDrafts.set(draft.id, draft);
      else {
        isLater[candidate] = 1;
        // A user's fact replaces a bundled one of the same id, as documented; two of the user's own files giving one id
        // is a slip to be told of, at the one that wins.
        if (first.origin !== files[0]!.file && first.origin !== file.file) {
          const where = ['facts', file.factIndexes[candidate - offsets[offsets.length - 1]!]!, 'id'];
          problems.push({ ...problemAt(file, where, `fact ${draft.id} is also defined in ${path.basename(first.origin)}; this file's is used. Give one of them another id.`, { kind: 'fact', id: draft.id }), severity: 'warning' });
        }
        const later = laterCandidates.get(first);
        if (later) later.push(candidate);
        else laterCandidates.set(first, [candidate]);
      }
      const source = sources.get(draft.source);
      if (source && references.has(draft.reference)) {
        const list = quotesBySource.get(source);
        if (list) list.push(candidate);
        else quotesBySource.set(source, [candidate]);
      }
      candidate++;
    }
  }
  const fileOf = (candidate: number): number => {
    let f = offsets.length - 1;
    while (offsets[f] > candidate) f--;
    return f;
  };
  const draftAt = (candidate: number): FactDraft => {
    const f = fileOf(candidate);
    return files[f].data.facts[candidate - offsets[f]];
  };
  const quoteSpans: (Span | undefined)[] = new Array(candidate);
  const lineStartsOf = new Map<SourceDocument, number[]>();
  for (const [source, candidates] of quotesBySource) {
    // Quotes looked for as their file was read (in that file's own source, as it still is) are not looked for again.
    const origin = files.find((f) => f.file === source.origin);
    const early = origin?.quoteSearches;
    const search = early?.bySource.get(source.id);
    const searched = search !== undefined && search.text === source.text ? search : undefined;
    let answer: (Span | undefined)[] | undefined;
    const rest: number[] = [];
    for (const c of candidates) {
      const f = fileOf(c);
      const place = searched && files[f] === origin ? early!.placeOf[origin.factIndexes[c - offsets[f]]] : -1;
      if (place >= 0) quoteSpans[c] = (answer ??= searched!.answer())[place];
      else rest.push(c);
    }
    if (rest.length > 0) {
      const spans = locateQuotes(source.text, rest.map((c) => draftAt(c).quote));
      for (let i = 0; i < rest.length; i++) quoteSpans[rest[i]] = spans[i];
    }
    lineStartsOf.set(source, lineStarts(source.text));
  }

  /** Whether a candidate checks out; when it does not, its problem is reported. */
  const checks = (candidate: number): boolean => {
    const f = fileOf(candidate);
    const file = files[f];
    const position = candidate - offsets[f];
    const draft = file.data.facts[position];
    let field: string;
    let message: string;
    const source = sources.get(draft.source);
    if (!references.has(draft.reference)) [field, message] = ['reference', `field reference "${draft.reference}" is not a known reference`];
    else if (!source) [field, message] = ['source', `field source "${draft.source}" is not a known source`];
    else if (!quoteSpans[candidate]) [field, message] = ['quote', `the quote is not in source ${source.id} (${path.basename(source.path)}): "${shorten(draft.quote)}"`];
    else return true;
    const where = ['facts', file.factIndexes[position], field];
    problems.push(problemAt(file, where, `fact ${draft.id}: ${message}`, { kind: 'fact', id: draft.id }));
    return false;
  };

  // firstDrafts turns into factById in place: an id whose first candidate is chosen (the usual case) needs no change,
  // another chosen candidate replaces it, and an id with none is deleted. That keeps the order of first appearance and
  // spares building a second map of every id.
  const facts: Fact[] = [];
  const factById = firstDrafts as Map<string, FactDraft | Fact>;
  let nextFirst = 0;
  for (const [id, firstDraft] of firstDrafts) {
    while (isLater[nextFirst]) nextFirst++;
    const first = nextFirst++;
    // The latest candidate that checks out wins; problems are reported for every one that does not.
    const later = laterCandidates.get(firstDraft);
    let chosen: number | undefined;
    if (later) {
      for (let i = later.length - 1; i >= 0; i--) if (checks(later[i]) && chosen === undefined) chosen = later[i];
    }
    if (checks(first) && chosen === undefined) chosen = first;
    if (chosen === undefined) {
      factById.delete(id);
      continue;
    }
    // The draft becomes the fact (a copy of 100,000 drafts would double the dataset's memory): a merge always sets
    // these two fields afresh on the candidate it chooses.
    const fact = (chosen === first ? firstDraft : draftAt(chosen)) as Fact;
    const span = quoteSpans[chosen]!;
    const source = sources.get(fact.source)!;
    fact.quoteSpan = span;
    fact.quoteLine = lineOf(lineStartsOf.get(source)!, Math.min(span.start, source.text.length));
    facts.push(fact);
    if (chosen !== first) factById.set(id, fact);
  }

  return {
    references,
    sources,
    facts,
    factById: factById as Map<string, Fact>,
    endpoints: vocabulary.endpoints,
    index: createFactIndex(facts),
    problems,
    files: files.map((f) => f.file),
  };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The workspace root holding `file` (the deepest one), or the file's own folder when roots are given but none holds it. */
function containingRoot(file: string, roots: string[] | undefined): string | undefined {
  if (!roots) return undefined;
  const holding = roots.map((r) => path.resolve(r)).filter((r) => isInside(file, r));
  if (holding.length === 0) return path.dirname(file);
  return holding.sort((a, b) => b.length - a.length)[0];
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

interface RawReference {
  key: string;
  title: string;
  authors: string[];
  journal: string;
  year: number;
  doi?: string;
  pmid?: string | number;
  pmcid?: string;
  trial?: string | string[];
  aliases?: string[];
}

interface RawSource {
  id: string;
  reference: string;
  file: string;
  title?: string;
  kind?: string;
}

type RawFact = Omit<FactDraft, 'origin'> & { status: FactStatus };

interface RawDataset {
  references?: RawReference[];
  sources?: RawSource[];
  facts?: RawFact[];
}

/** YAML reads `pmid: 29155426` and `key: 2018` as numbers; a dataset means them as text. */
function normalizeYamlScalars(raw: RawDataset): RawDataset {
  const text = (value: unknown) => (typeof value === 'number' ? String(value) : value);
  for (const ref of Array.isArray(raw.references) ? raw.references : []) {
    if (ref && typeof ref === 'object') {
      ref.pmid = text(ref.pmid) as string | undefined;
      ref.key = text(ref.key) as string;
    }
  }
  // Facts are many: only numbers are written back.
  for (const fact of Array.isArray(raw.facts) ? raw.facts : []) {
    if (fact && typeof fact === 'object') {
      if (typeof fact.id === 'number') fact.id = String(fact.id);
      if (typeof fact.quote === 'number') fact.quote = String(fact.quote);
    }
  }
  return raw;
}

/** A last author written "et al." (or "others", as BibTeX writes it) says the list is not complete. */
const MORE_AUTHORS = /^(?:et\.? al\.?|others)$/i;

/** A reference declared again: its own fields over the earlier ones, the earlier identifiers and aliases kept. */
function mergeReference(earlier: Reference, later: Reference): Reference {
  // toReference sets no field it was not given: the spread keeps every earlier field the later one leaves out.
  const merged: Reference = { ...earlier, ...later };
  const aliases = [...new Set([...(earlier.aliases ?? []), ...(later.aliases ?? [])])];
  if (aliases.length > 0) merged.aliases = aliases;
  return merged;
}

function toReference(ref: RawReference, origin: string): Reference {
  const trial = ref.trial === undefined ? undefined : Array.isArray(ref.trial) ? ref.trial : [ref.trial];
  const more = ref.authors.length > 1 && MORE_AUTHORS.test(ref.authors[ref.authors.length - 1]!.trim());
  return {
    key: ref.key,
    title: ref.title,
    authors: more ? ref.authors.slice(0, -1) : ref.authors,
    ...(more ? { moreAuthors: true } : {}),
    journal: ref.journal,
    year: ref.year,
    ...(ref.doi !== undefined ? { doi: ref.doi.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:)/i, '') } : {}),
    ...(ref.pmid !== undefined ? { pmid: String(ref.pmid) } : {}),
    ...(ref.pmcid !== undefined ? { pmcid: ref.pmcid } : {}),
    ...(trial ? { trial } : {}),
    ...(ref.aliases ? { aliases: ref.aliases } : {}),
    origin,
  };
}

/**
 * The parsed fact becomes the draft: a copy of 100,000 facts would cost time and, while both exist, memory. A valid
 * fact holds no undefined values (JSON has none; YAML gives null, which the schema rejects), and the schema allows
 * `ci` exactly two numbers, so nothing else needs normalising.
 */
function toFactDraft(fact: RawFact, origin: string): FactDraft {
  const draft = fact as FactDraft;
  draft.origin = origin;
  return draft;
}
