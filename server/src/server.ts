/**
 * Wiring only: the connection, the capabilities, and which feature module answers what.
 * Runs over stdio (--stdio: VS Code and other editors) or over Node's IPC channel (--node-ipc).
 */
import { createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { createServices } from './services';
import { stdioWriter } from './transport';
import { EditorDocuments } from './workspace/editorDocument';
import { registerCodeActions } from './features/codeActions';
import { registerCodeLens } from './features/codeLens';
import { registerCompletion } from './features/completion';
import { registerDefinition } from './features/definition';
import { registerDiagnostics } from './features/diagnostics';
import { registerDocumentSymbols } from './features/documentSymbols';
import { registerHover } from './features/hover';
import { registerReferences } from './features/references';
import { DATA_FILE_GLOBS, TRUST_CHANGED_NOTIFICATION, type InitializationOptions, type TrustChangedParams } from './shared/settings';

// The protocol owns stdout: anything logged goes to stderr / the client's output channel.
console.log = console.info = (...args: unknown[]) => console.error(...args);

// Over stdio, messages go out through a writer that reuses the bytes of unchanged diagnostics (transport.ts). stdin
// stays a stream so that the library still ends the server when the client closes it; the library takes a stream
// and a writer together (it wraps whichever is a stream), though its types list only matching pairs.
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, process.stdin, stdioWriter() as unknown as NodeJS.WritableStream)
  : createConnection(ProposedFeatures.all);
// Documents keep their text in pieces, so that a keystroke does not copy a long draft (workspace/editorDocument.ts).
const documents = new TextDocuments(EditorDocuments);
const services = createServices(connection, documents);

// A request the client answers with an error (or a bug of ours in a promise) is logged; the server keeps running.
process.on('unhandledRejection', (reason) => services.log(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

// A client that does not watch the data files itself is asked to (it must allow the registration).
let registerWatchers = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  services.initialize(params, options);
  registerWatchers = !options.watchesDataFiles && !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const pullDiagnostics = !!params.capabilities.textDocument?.diagnostic;
  return {
    capabilities: {
      // Saves reload the bibliographies and datasets a draft names.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.trialLens', 'source.fixAll'], resolveProvider: true },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
      completionProvider: { triggerCharacters: ['@', '{', ','] },
      ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'trial-lens', version: services.version },
  };
});

connection.onInitialized(() => {
  services.initialized();
  if (registerWatchers) {
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: DATA_FILE_GLOBS.map((globPattern) => ({ globPattern })) }).catch((error: unknown) => services.log(`Could not register file watchers: ${String(error)}`));
  }
});
connection.onDidChangeConfiguration((params) => services.reloadSettings(params.settings));
connection.onDidChangeWatchedFiles((params) => services.filesChanged(params.changes.map((c) => c.uri)));
connection.onNotification(TRUST_CHANGED_NOTIFICATION, (params: TrustChangedParams) => services.setTrusted(!!params?.trusted));

registerDiagnostics(connection, documents, services);
registerHover(connection, documents, services);
registerCodeActions(connection, documents, services);
registerDefinition(connection, documents, services);
registerReferences(connection, documents, services);
registerCompletion(connection, documents, services);
registerDocumentSymbols(connection, documents, services);
registerCodeLens(connection, documents, services);

documents.listen(connection);
connection.listen();
