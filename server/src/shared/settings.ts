/**
 * Settings and custom protocol shared by client and server: one definition, read by both, and checked against the
 * `contributes.configuration` schema in package.json by a test.
 */
import type { DiagnosticCode, Severity } from '../core/types';

export type SeveritySetting = Severity | 'off';

export interface TrialLensSettings {
  /** Extra dataset files (JSON or YAML), absolute or relative to the workspace folder. */
  datasets: string[];
  /** Bibliography files (BibTeX or CSL-JSON) used for every document, beside those a document names itself. */
  bibliographies: string[];
  /** Language ids checked. */
  languages: string[];
  /** Severity per diagnostic code ("off" turns a code off). */
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** Codes never reported. */
  disabledCodes: string[];
  /** Files larger than this many bytes are skipped with one information message. */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: TrialLensSettings = {
  datasets: [],
  bibliographies: [],
  languages: ['markdown', 'latex', 'tex', 'plaintext', 'quarto', 'rmd'],
  severity: {},
  disabledCodes: [],
  maxFileSize: 5 * 1024 * 1024,
};

export function mergeSettings(raw: unknown): TrialLensSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<TrialLensSettings>;
  const strings = (v: unknown, fallback: string[]) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback);
  return {
    datasets: strings(value.datasets, DEFAULT_SETTINGS.datasets),
    bibliographies: strings(value.bibliographies, DEFAULT_SETTINGS.bibliographies),
    languages: strings(value.languages, DEFAULT_SETTINGS.languages),
    severity: value.severity && typeof value.severity === 'object' ? { ...value.severity } : {},
    disabledCodes: strings(value.disabledCodes, DEFAULT_SETTINGS.disabledCodes),
    maxFileSize: typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? value.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
  };
}

/** Initialization options the client sends. */
export interface InitializationOptions {
  workspaceTrusted?: boolean;
  settings?: Partial<TrialLensSettings>;
  /** The client watches DATA_FILE_GLOBS itself (VS Code's does): the server registers no watchers of its own. */
  watchesDataFiles?: boolean;
}

/** Datasets and bibliographies (BibTeX, CSL-JSON): a change to one reloads the data. */
export const DATA_FILE_GLOBS = ['**/*.trial-lens.{json,yaml,yml}', '**/*.{bib,json}'] as const;

/** Sent by the client when the user trusts the workspace: user datasets are read from then on. */
export const TRUST_CHANGED_NOTIFICATION = 'trialLens/trustChanged';

export interface TrustChangedParams {
  trusted: boolean;
}

/** The README section that documents each diagnostic code (codeDescription links). */
export const CODE_DOCS_URL = 'https://github.com/trial-lens/trial-lens/blob/main/README.md';
