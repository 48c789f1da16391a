/**
 * The Trial Lens VS Code client. Thin on purpose: it starts the language server (dist/server.js over stdio),
 * wires two commands and an output channel, and passes trust changes on. Every analysis lives in the server.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DATA_FILE_GLOBS, TRUST_CHANGED_NOTIFICATION, type InitializationOptions, type TrustChangedParams } from '../../server/src/shared/settings';
import { SETTINGS_SECTION, checkedLanguages, documentSelectorFor } from './config';
import { CrashRestartPolicy } from './restartPolicy';

export const OUTPUT_CHANNEL_NAME = 'Trial Lens';
export const RESTART_COMMAND = 'trialLens.restartServer';
export const SHOW_OUTPUT_COMMAND = 'trialLens.showOutput';

/** What `activate` hands back (tests reach the running client through it). */
export interface TrialLensApi {
  client: LanguageClient;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<TrialLensApi> {
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  // Over stdio, not Node's IPC channel: the server's stdio writer sends each unchanged diagnostic as the bytes it had
  // (and in ASCII), where IPC encodes every diagnostic again on each keystroke. On a 1 MB draft a keystroke's
  // diagnostics arrive in half the time (npm run bench: the rows over stdio and over IPC).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const crashPolicy = new CrashRestartPolicy();
  const watchers = DATA_FILE_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelectorFor(checkedLanguages()),
    // The server reads `trialLens.*` with workspace/configuration; this tells it when to read again.
    synchronize: { fileEvents: watchers, configurationSection: SETTINGS_SECTION },
    // A function, so a restarted server learns the trust state of that moment.
    initializationOptions: (): InitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted, watchesDataFiles: true }),
    outputChannel: output,
    errorHandler: crashErrorHandler(crashPolicy, output),
  };

  const languageClient = new LanguageClient('trialLens', 'Trial Lens', serverOptions, clientOptions);
  client = languageClient;

  // Logged on every (re)start: the proof, for people and for the e2e test, that the server answered `initialize`.
  let starts = 0;
  context.subscriptions.push(
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Running) output.appendLine(describeRunningServer(languageClient, (starts += 1)));
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      crashPolicy.reset();
      output.appendLine('Restarting the Trial Lens server on request.');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (languageClient.isRunning()) void languageClient.sendNotification(TRUST_CHANGED_NOTIFICATION, { trusted: true } satisfies TrustChangedParams);
    }),
    // Which documents are synced is fixed when the server starts: a new language list needs a restart.
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration(`${SETTINGS_SECTION}.languages`)) return;
      languageClient.clientOptions.documentSelector = documentSelectorFor(checkedLanguages());
      if (languageClient.isRunning()) await languageClient.restart();
    }),
  );

  await languageClient.start();
  return { client: languageClient };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}

function describeRunningServer(languageClient: LanguageClient, start: number): string {
  const result = languageClient.initializeResult;
  const server = result?.serverInfo ? `${result.serverInfo.name} ${result.serverInfo.version ?? ''}`.trim() : 'server';
  const capabilities = result?.capabilities ?? {};
  const features = [
    capabilities.hoverProvider ? 'hover' : undefined,
    capabilities.diagnosticProvider ? 'pull diagnostics' : 'pushed diagnostics',
    capabilities.codeActionProvider ? 'code actions' : undefined,
    capabilities.definitionProvider ? 'definition' : undefined,
  ].filter((feature): feature is string => feature !== undefined);
  return `Trial Lens server ready (start #${start}): ${server} (${features.join(', ')}).`;
}

function crashErrorHandler(policy: CrashRestartPolicy, output: vscode.OutputChannel): ErrorHandler {
  return {
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const decision = policy.onServerClosed(Date.now());
      if (!decision.restart) {
        const message = 'The Trial Lens server keeps stopping and will not be restarted. Run "Restart Trial Lens server" to try again.';
        void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => choice && output.show(true));
        return { action: CloseAction.DoNotRestart, message, handled: true };
      }
      const message = 'The Trial Lens server stopped unexpectedly and was restarted; open documents are being re-checked.';
      if (decision.notifyUser) {
        void vscode.window.showWarningMessage(message, 'Show Output').then((choice) => choice && output.show(true));
      }
      return { action: CloseAction.Restart, message, handled: true };
    },
  };
}
