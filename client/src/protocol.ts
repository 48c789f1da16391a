/**
 * What the client and the server agree on beyond plain LSP. Kept tiny on purpose: the client only
 * starts the server, tells it where the bundled data lives and whether the workspace is trusted.
 */

/** Sent as `initializationOptions` in `initialize` (re-read on every restart). */
export interface TrialLensInitializationOptions {
  /** False in a restricted-mode workspace: the server then uses bundled data only (no workspace datasets/bibliographies). */
  workspaceTrusted: boolean;
  /** Absolute path of the extension's bundled `seeds/` folder. */
  seedsDir?: string;
}

/** Client -> server notification when the user grants workspace trust. */
export const TRUST_CHANGED_NOTIFICATION = 'trialLens/trustChanged';

export interface TrustChangedParams {
  workspaceTrusted: boolean;
}

/** Files whose changes the server wants to hear about (datasets, bibliographies, CSL-JSON). */
export const WATCHED_FILE_GLOBS = ['**/*.trial-lens.{json,yaml,yml}', '**/*.{bib,json}'] as const;

/** Languages the extension checks; `tex` is what some LaTeX extensions call the language. */
export const CHECKED_LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext'] as const;
