/**
 * The contract between the pure core's parts: recognize -> link -> check.
 * No LSP or VS Code imports here or anywhere under core/: the CLI and the server both call it.
 * All positions inside the core are UTF-16 offsets into the ORIGINAL document text
 * (what the editor holds); conversion to line/character happens only at the edges.
 */

export interface Span {
  start: number;
  end: number;
}

export type DocumentFormat = 'markdown' | 'latex' | 'plaintext';

/** A sentence of prose. `text` is the normalized reading (mojibake repaired, LaTeX macros read) used for context words. */
export interface Sentence {
  span: Span;
  text: string;
  /** Index of the block (paragraph, list item, heading, environment) the sentence sits in. */
  block: number;
}

/** A block: the unit of incremental analysis (paragraph, list item, heading, LaTeX environment, reference list entry). */
export interface Block {
  span: Span;
  kind: 'paragraph' | 'heading' | 'list-item' | 'quote' | 'table' | 'reference-entry' | 'other';
  /** Heading blocks: their level (1 = top), so features can summarize per section. */
  headingLevel?: number;
}

export type StatisticShape =
  | 'percent' // 73%
  | 'proportion' // 0.75 next to a CI
  | 'count' // 11/15, 11 of 15, 6 out of 6
  | 'count-percent' // 73% (11/15), 24 of 30 patients (80%), 17 (85%)
  | 'sample-size' // n = 21, 21 patients, nine patients
  | 'range' // 70-90%, range 18 to 44%
  | 'duration' // 28 days, median of 6 months
  | 'p-value'
  | 'ratio' // HR / OR
  | 'dose' // 1 x 10^6 cells/kg
  | 'grade'; // grade >= 3, grade 1-2

export interface ConfidenceInterval {
  low: number;
  high: number;
  /** 95 for a 95% CI. */
  level: number;
  /** Decimals the bounds are written to ("44-99": 0), in percent for a proportion's interval; undefined: to one. */
  decimals?: number;
  span: Span;
}

export interface StatisticEntity {
  kind: 'statistic';
  span: Span;
  /** The original text of `span`. */
  text: string;
  shape: StatisticShape;
  /** Percent as written (73 for "73%", 75 for "0.75" proportion). */
  percent?: number;
  /** Decimals written in the percent (0 for "73%", 1 for "70.5%"): the checker's rounding tolerance. */
  percentDecimals?: number;
  count?: number;
  total?: number;
  /** For sample sizes, durations, doses, p-values, ratios: the number. */
  value?: number;
  valueDecimals?: number;
  /** 'patients', 'days', 'months', 'cells/kg', ... (lower case, singular or plural as normalized by the recognizer: use plural). */
  unit?: string;
  /** 'median' | 'mean' when the text says so. */
  statistic?: string;
  /** Ranges: low and high as written (a backwards range keeps its order). */
  low?: number;
  high?: number;
  ci?: ConfidenceInterval;
  comparator?: '<' | '<=' | '=' | '>=' | '>';
  /** Hedged ("about 75%", "~20 patients"): not meant exactly. */
  approximate?: boolean;
  /** A rate in round terms ("9 in 10", "one in five"): the percent is of this many, and as exact as they allow. */
  ratePer?: number;
  /** 'p' | 'HR' | 'OR' for p-values and ratios; grade numbers for grades in low/high or value. */
  label?: string;
  /** Spans of the parts (e.g. the percent and the count in "73% (11/15)"), for precise quick fixes. */
  parts?: { percent?: Span; count?: Span; total?: Span; value?: Span };
  /** Sample sizes and counts: the population noun as written ('children', 'patients', 'n' for "n = 21"); `unit` is then 'patients'. */
  noun?: string;
  /** Index into RecognizedDocument.sentences. */
  sentence: number;
}

export interface AntigenEntity {
  kind: 'antigen';
  span: Span;
  text: string;
  /** Canonical vocabulary id: 'CD22', 'CD19', 'CD19/CD22', 'CD19-negative', 'CD22-CAR', ... */
  canonical: string;
  /** The plain antigens involved: ['CD19','CD22'] for a bispecific. */
  antigens: string[];
  /** 'negative' | 'dim' | 'positive' | undefined */
  expression?: string;
  /** 'CAR' | 'bispecific' | 'dual' | undefined */
  construct?: string;
  sentence: number;
}

export type CitationStyle = 'pandoc' | 'latex' | 'author-year' | 'numbered' | 'doi' | 'pmid' | 'pmcid' | 'nct' | 'footnote';

export interface CitationTarget {
  /** What was written: 'fry2018', '12', '10.1038/nm.4441', 'NCT02315612', 'Fry' (author-year: first author surname). */
  label: string;
  /** The kind of the label. */
  kind: 'key' | 'number' | 'doi' | 'pmid' | 'pmcid' | 'nct' | 'author' | 'footnote';
  /** Author-year: the year when written. */
  year?: number;
  span: Span;
}

export interface CitationEntity {
  kind: 'citation';
  span: Span;
  text: string;
  style: CitationStyle;
  targets: CitationTarget[];
  sentence: number;
  /**
   * A numbered marker that may as well be something else: "(1)", "(1, 3-5)" may be an enumeration ("two aims: (1)
   * ..."), and a superscript flattened by an export ("remission.5", "remission⁵") a footnote or a power. It is read
   * as a citation only where the document's reference list has every number it names.
   */
  listedOnly?: boolean;
}

/** One entry of the document's own numbered reference list ("1. Fry TJ, ... doi:10.1038/nm.4441"). */
export interface ReferenceListEntry {
  number: number;
  span: Span;
  text: string;
  doi?: string;
  pmid?: string;
  nct?: string;
  /** First author surname and year when they can be read. */
  author?: string;
  year?: number;
  /** LaTeX \bibitem{key}: the key that \cite commands use for this entry. */
  key?: string;
  /** A Markdown footnote's label ("[^3]: Fry et al. [@fry2018]"): the entry is the footnote, not a numbered reference. */
  footnote?: string;
  /** What a footnote cites: the targets of the citations in its text. */
  cites?: CitationTarget[];
}

/** `<!-- trial-lens-disable-next-line code ... -->` / `% trial-lens-disable-next-line ...`: applies to `line` (0-based). */
export interface Suppression {
  line: number;
  /** Empty = all codes. */
  codes: string[];
}

export interface RecognizedDocument {
  format: DocumentFormat;
  blocks: Block[];
  sentences: Sentence[];
  statistics: StatisticEntity[];
  antigens: AntigenEntity[];
  citations: CitationEntity[];
  referenceList: ReferenceListEntry[];
  /** Bibliography paths as written in front matter `bibliography:` or `\bibliography{}` / `\addbibresource{}`. */
  bibliographyPaths: string[];
  suppressions: Suppression[];
}

export type Entity = StatisticEntity | AntigenEntity | CitationEntity;

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const DIAGNOSTIC_CODES = [
  'contradicts-dataset',
  'citation-mismatch',
  'mislabelled-population',
  'arithmetic-inconsistency',
  'rounding',
  'unknown-citation',
  'unsupported-statistic',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number] | 'dataset-error' | 'file-skipped';
