/** The checker's output: one uniform shape for every check, read by the CLI, diagnostics, hovers and code actions. */
import type { DiagnosticCode, Severity, Span } from '../types';

export interface RelatedQuote {
  factId: string;
  /** Absolute path of the source document. */
  sourcePath: string;
  span: Span;
  line: number;
  message: string;
}

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface FindingFix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are offered first and applied by "fix all". */
  preferred?: boolean;
}

export interface Finding {
  code: DiagnosticCode;
  severity: Severity;
  span: Span;
  message: string;
  related?: RelatedQuote[];
  fixes?: FindingFix[];
  /** The fact the finding is about, for hovers and go-to-source. */
  factId?: string;
  /** For unsupported-statistic: the reference whose citation a quick fix inserts. */
  reference?: string;
  /** Index of the statistic in RecognizedDocument.statistics, when the finding is about one. */
  statistic?: number;
}

/** What the hover leads with. */
export type Verdict = 'supported' | 'contradicts' | 'inconsistent' | 'rounding' | 'not-in-dataset' | 'unverified';

export interface StatisticVerdict {
  statistic: number;
  verdict: Verdict;
  /** The fact that supports or is contradicted. */
  factId?: string;
  /** Every fact that was a serious candidate (sources disagreeing are all shown). */
  otherFactIds: string[];
}
