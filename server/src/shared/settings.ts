/**
 * Settings and custom protocol shared by client and server: one definition, read by both, and checked against the
 * `contributes.configuration` schema in package.json by a test.
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../core/types';

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
  return readSettings(raw).settings;
}

const SEVERITY_VALUES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const SETTING_CODES: readonly string[] = [...DIAGNOSTIC_CODES, 'dataset-error', 'file-skipped'];

/**
 * The settings, with what was ignored in them and why: a value of the wrong kind keeps its default, an unknown code or
 * severity is left out ("Error" is read as "error"). Each problem names the setting, the value and what it may be.
 */
export function readSettings(raw: unknown): { settings: TrialLensSettings; problems: string[] } {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<keyof TrialLensSettings, unknown>;
  const problems: string[] = [];
  const strings = (name: keyof TrialLensSettings, v: unknown, fallback: string[]) => {
    if (v === undefined || v === null) return fallback;
    if (!Array.isArray(v)) {
      problems.push(`trialLens.${name} must be a list of strings (${JSON.stringify(v)} was given); its default is used.`);
      return fallback;
    }
    return v.filter((x): x is string => typeof x === 'string');
  };
  const severity: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  if (value.severity && typeof value.severity === 'object') {
    for (const [code, level] of Object.entries(value.severity as Record<string, unknown>)) {
      const wanted = typeof level === 'string' ? (level.toLowerCase() as SeveritySetting) : undefined;
      if (!SETTING_CODES.includes(code)) problems.push(`trialLens.severity: "${code}" is no Trial Lens code (codes: ${SETTING_CODES.join(', ')}); it is ignored.`);
      else if (!wanted || !SEVERITY_VALUES.includes(wanted)) problems.push(`trialLens.severity.${code}: ${JSON.stringify(level)} is not one of ${SEVERITY_VALUES.join(', ')}; the code keeps its default severity.`);
      else severity[code as DiagnosticCode] = wanted;
    }
  }
  const disabledCodes = strings('disabledCodes', value.disabledCodes, DEFAULT_SETTINGS.disabledCodes);
  for (const code of disabledCodes) if (!SETTING_CODES.includes(code)) problems.push(`trialLens.disabledCodes: "${code}" is no Trial Lens code (codes: ${SETTING_CODES.join(', ')}); it turns nothing off.`);
  const size = value.maxFileSize;
  if (size !== undefined && size !== null && !(typeof size === 'number' && size > 0)) problems.push(`trialLens.maxFileSize must be a positive number of bytes (${JSON.stringify(size)} was given); the default of ${DEFAULT_SETTINGS.maxFileSize} is used.`);
  return {
    settings: {
      datasets: strings('datasets', value.datasets, DEFAULT_SETTINGS.datasets),
      bibliographies: strings('bibliographies', value.bibliographies, DEFAULT_SETTINGS.bibliographies),
      languages: strings('languages', value.languages, DEFAULT_SETTINGS.languages),
      severity,
      disabledCodes,
      maxFileSize: typeof size === 'number' && size > 0 ? size : DEFAULT_SETTINGS.maxFileSize,
    },
    problems,
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
