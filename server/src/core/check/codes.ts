/** The stable diagnostic codes, what each means, and its default severity (README "Diagnostic codes" mirrors this). */
import type { DiagnosticCode, Severity } from '../types';

export interface CodeDoc {
  code: DiagnosticCode;
  severity: Severity;
  summary: string;
}

export const DIAGNOSTIC_CODE_DOCS: CodeDoc[] = [
  { code: 'contradicts-dataset', severity: 'error', summary: 'The number is confidently linked to a dataset fact and differs from it beyond rounding.' },
  { code: 'citation-mismatch', severity: 'error', summary: 'The number is attributed to a reference that reports a different value for that endpoint (including one-point drift), or it is another reference\'s number.' },
  { code: 'mislabelled-population', severity: 'warning', summary: 'The number is right, but the draft gives it the population a secondary source mislabelled it with (a lymphoma figure filed under LBCL).' },
  { code: 'arithmetic-inconsistency', severity: 'warning', summary: 'The statistic disagrees with itself: a percent no rounding of count/total gives, an estimate outside its CI, a part larger than its whole, subgroups over the total, a backwards range.' },
  { code: 'rounding', severity: 'information', summary: 'Consistent only after truncation or another rounding rule.' },
  { code: 'unknown-citation', severity: 'warning', summary: 'A citation key, numbered marker or identifier that resolves to nothing.' },
  { code: 'unsupported-statistic', severity: 'hint', summary: 'The number matches a dataset fact but cites nothing: a quick fix inserts the citation.' },
  { code: 'dataset-error', severity: 'error', summary: 'A dataset or bibliography file has a problem; its last good version stays in use.' },
  { code: 'file-skipped', severity: 'information', summary: 'The file is over the size limit or binary and was not analyzed.' },
];
