/**
 * The dataset as the rest of the core sees it, after loading and validation.
 * The on-disk format (JSON/YAML with `references`, `sources`, `facts`) is described by seeds/dataset.schema.json.
 */
import type { Span } from '../types';

export interface Reference {
  key: string;
  title: string;
  /** "Fry TJ", "Shah NN", ... first author first. */
  authors: string[];
  /** The authors listed are not all of them (the dataset wrote a last "et al."): cite as "Pan et al.". */
  moreAuthors?: boolean;
  journal: string;
  year: number;
  doi?: string;
  pmid?: string;
  pmcid?: string;
  /** Registry ids, e.g. NCT02315612. */
  trial?: string[];
  /** Other names a draft may use for this publication or its trial ("the NCI trial", "Beijing cohort"). */
  aliases?: string[];
  /** The dataset file this reference came from. */
  origin: string;
}

export interface SourceDocument {
  id: string;
  reference: string;
  /** Absolute path of the source text. */
  path: string;
  /** The file's text as stored (not repaired: quotes are located as written). */
  text: string;
  origin: string;
  /** A title for the document, shown in provenance hovers. */
  title?: string;
  /** 'abstract' | 'full-text' | 'news' | 'review' | 'popular-article' | 'editorial' | 'other'. */
  kind?: string;
}

export type FactStatus = 'abstract' | 'secondary' | 'mislabelled' | 'unverified';

export interface Fact {
  id: string;
  reference: string;
  /** An endpoint id from seeds/endpoints.json ('complete-remission', 'cr-cri', 'crs', 'severe-crs', ...). */
  endpoint: string;
  antigens: string[];
  disease: string;
  population: string;
  /** When the endpoint was measured ("day 30", "1 year"). */
  timepoint?: string;
  count?: number;
  total?: number;
  percent?: number;
  value?: number;
  unit?: string;
  statistic?: string;
  /** The source gives a bound, not a value: "less than 50%" is '<', "up to 90%" is '<='. */
  comparator?: '<' | '<=' | '>' | '>=';
  ci?: [number, number];
  ciLevel?: number;
  /** Range facts ("70-90%", "7 to 30 years"): low/high, in percent unless `unit` is given. */
  low?: number;
  high?: number;
  source: string;
  quote: string;
  status: FactStatus;
  note?: string;
  /** Where the quote sits in the source text (UTF-16 offsets) and its 0-based line, located at load. */
  quoteSpan: Span;
  quoteLine: number;
  origin: string;
}

export interface Endpoint {
  id: string;
  label: string;
  /** Words and phrases in prose that name this endpoint (lower case). */
  terms: string[];
  /** A broader endpoint this one refines (severe-crs -> crs). */
  parent?: string;
  /** The grades of its parent event it counts (severe-crs: 3-5), for prose that names the grade apart from the event. */
  grades?: { low: number; high: number };
  /** The endpoint a length of time said in this endpoint's words is ("remained in remission at 4.6 to 13.3 months"). */
  duration?: string;
  /** The endpoint names a group of patients, not an outcome (seeds/endpoints.schema.json). */
  cohort?: boolean;
  /** The narrower endpoint whose words writers use for this one (CR/CRi is written "CR"). */
  writtenAs?: string;
}

/** A problem in a dataset or bibliography file: shown as a diagnostic in that file, and by the CLI with exit 2. */
export interface DataProblem {
  /** Absolute path of the file. */
  file: string;
  /** Offset range in that file when known (JSON position), else undefined. */
  span?: Span;
  /** 0-based line/character when known. */
  line?: number;
  character?: number;
  message: string;
  /** 'error' (default) or 'warning' (e.g. a user fact whose numbers do not appear in its quote). */
  severity?: 'error' | 'warning';
  /** The fact, reference or source the problem is about, when there is one. */
  subject?: { kind: 'fact' | 'reference' | 'source' | 'entry'; id: string };
}

/** A bibliography entry (BibTeX / CSL-JSON), linked to a dataset reference by DOI, PMID or NCT when possible. */
export interface BibliographyEntry {
  /** The user's own key, e.g. shahCD4CD8Selection2020. */
  key: string;
  title?: string;
  authors: string[];
  year?: number;
  doi?: string;
  pmid?: string;
  pmcid?: string;
  nct?: string;
  /** The dataset reference key this entry resolves to, when one matches. */
  reference?: string;
  file: string;
}
