/**
 * The composition root: builds the server's services with explicit dependencies. Features receive these and nothing
 * else; there is no module-level mutable state, so tests can build the same graph.
 */
import * as path from 'node:path';
import { MessageType, ShowMessageNotification, type Connection, type InitializeParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { LinkContext } from './core/link/datasetView';
import { DatasetStore } from './workspace/datasetStore';
import { AnalysisStore } from './workspace/analyses';
import { bundledQuoteSearch } from './workspace/quoteSearch';
import { SERVER_VERSION } from './shared/version';
import { DEFAULT_SETTINGS, readSettings, type InitializationOptions, type TrialLensSettings } from './shared/settings';

export interface Services {
  readonly version: string;
  readonly analyses: AnalysisStore;
  readonly datasets: DatasetStore;
  /** True when the client pulls diagnostics (textDocument/diagnostic); else the server pushes. */
  readonly pullDiagnostics: boolean;
  /** True when the client can fill in a code action's edit later (codeAction/resolve), as VS Code does. */
  readonly resolvesCodeActionEdits: boolean;
  /** True when the client said it takes workspace/diagnostic/refresh: a server must not send what a client did not ask for. */
  readonly refreshesDiagnostics: boolean;
  settings(): TrialLensSettings;
  /** The dataset, resolver and bibliography every analysis reads; a new object whenever the data changes. */
  context(): LinkContext;
  /** Whether a document's language is one the user wants checked. */
  isChecked(doc: TextDocument): boolean;
  /** Workspace folders as file-system paths. */
  workspaceRoots(): string[];
  initialize(params: InitializeParams, options: InitializationOptions): void;
  initialized(): void;
  /** Reads the settings again: asked of the client, or those it sent with the change when it cannot be asked. */
  reloadSettings(pushed?: unknown): void;
  filesChanged(uris: string[]): void;
  setTrusted(trusted: boolean): void;
  onDataChanged(listener: () => void): void;
  log(message: string): void;
}

export { SERVER_VERSION };

const PROSE_LANGUAGES = ['markdown', 'latex', 'tex', 'plaintext'];

export function createServices(connection: Connection, documents: TextDocuments<TextDocument>): Services {
  let settings: TrialLensSettings = DEFAULT_SETTINGS;
  let roots: string[] = [];
  let pull = false;
  let refreshes = false;
  let resolvesEdits = false;
  let configurationCapable = false;
  const listeners: Array<() => void> = [];
  const log = (message: string) => connection.console.log(message);

  const datasets = new DatasetStore({
    seedsDir: bundledSeedsDir(),
    searchQuotes: bundledQuoteSearch(),
    log,
    publishProblems: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  });
  const analyses = new AnalysisStore(
    () => datasets.context(),
    () => settings.maxFileSize,
    // After this analysis is handed out: reloading swaps the context the analysis was asked for.
    () => setImmediate(() => reloadData()),
  );

  const dataChanged = () => {
    for (const listener of listeners) listener();
  };

  // What was ignored in the settings is said once each time they are read, in the log and to the user.
  let settingProblems = '';
  const applySettings = (raw: unknown) => {
    const read = readSettings(raw);
    settings = read.settings;
    const said = read.problems.join('\n');
    if (said && said !== settingProblems) {
      for (const problem of read.problems) log(`Settings: ${problem}`);
      // A notification, not a request: nothing waits for the user to dismiss it.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Trial Lens: ${read.problems[0]}${read.problems.length > 1 ? ` (and ${read.problems.length - 1} more in the Trial Lens output)` : ''}` });
    }
    settingProblems = said;
  };

  const reloadData = () => {
    const changed = datasets.reload({ roots, settings, openDocuments: documents.all() });
    if (changed) dataChanged();
  };

  const services: Services = {
    version: SERVER_VERSION,
    analyses,
    datasets,
    get pullDiagnostics() {
      return pull;
    },
    get resolvesCodeActionEdits() {
      return resolvesEdits;
    },
    get refreshesDiagnostics() {
      return refreshes;
    },
    settings: () => settings,
    context: () => datasets.context(),
    // An empty list means the four prose languages, not nothing.
    isChecked: (doc) => (settings.languages.length > 0 ? settings.languages : PROSE_LANGUAGES).includes(doc.languageId),
    workspaceRoots: () => roots,
    initialize(params, options) {
      pull = !!params.capabilities.textDocument?.diagnostic;
      refreshes = !!params.capabilities.workspace?.diagnostics?.refreshSupport;
      configurationCapable = !!params.capabilities.workspace?.configuration;
      resolvesEdits = !!params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
      roots = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
      if (roots.length === 0 && params.rootUri) roots = [URI.parse(params.rootUri).fsPath];
      if (options.settings) applySettings(options.settings);
      datasets.setTrusted(options.workspaceTrusted !== false);
      reloadData();
      log(`Trial Lens server ${SERVER_VERSION} ready: ${datasets.summary()}; diagnostics are ${pull ? 'pulled' : 'pushed'}.`);
    },
    initialized() {
      connection.workspace?.onDidChangeWorkspaceFolders?.((event) => {
        const removed = new Set(event.removed.map((f) => URI.parse(f.uri).fsPath));
        roots = [...roots.filter((r) => !removed.has(r)), ...event.added.map((f) => URI.parse(f.uri).fsPath)];
        reloadData();
      });
      services.reloadSettings();
    },
    reloadSettings(pushed) {
      // A client that cannot be asked for settings may send them with the change ({ trialLens: {...} }).
      if (!configurationCapable) {
        const sent = pushed && typeof pushed === 'object' ? (pushed as { trialLens?: unknown }).trialLens : undefined;
        if (sent === undefined) return;
        applySettings(sent);
        reloadData();
        dataChanged();
        return;
      }
      void connection.workspace.getConfiguration('trialLens').then(
        (value) => {
          applySettings(value);
          reloadData();
          dataChanged();
        },
        (error) => log(`Could not read the trialLens settings: ${String(error)}`),
      );
    },
    filesChanged(uris) {
      const paths = uris.map((u) => URI.parse(u).fsPath);
      if (datasets.isRelevant(paths)) reloadData();
    },
    setTrusted(trusted) {
      datasets.setTrusted(trusted);
      reloadData();
    },
    onDataChanged(listener) {
      listeners.push(listener);
    },
    log,
  };

  // Bibliographies named in a document's front matter are read when the document opens, is saved, or an edit changes
  // the ones it names (see the AnalysisStore above).
  documents.onDidOpen(() => reloadData());
  documents.onDidSave(() => reloadData());
  return services;
}

/** seeds/ next to dist/ in the packaged extension and in the repository. */
export function bundledSeedsDir(): string {
  return path.resolve(__dirname, '..', 'seeds');
}
