/**
 * A minimal LSP client for protocol tests: spawns the bundled server over stdio (or Node's IPC channel), speaks JSON-RPC, and waits on
 * notifications and responses (never on timers). One client can act as an editor that pulls diagnostics or as one that
 * only takes pushed `textDocument/publishDiagnostics`.
 *
 * Needs `npm run build` first (it runs dist/server.js; TRIAL_LENS_SERVER points elsewhere).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_PATH = process.env.TRIAL_LENS_SERVER ?? path.join(REPO_ROOT, 'dist', 'server.js');

export interface LspClientOptions {
  /** True: the client declares textDocument.diagnostic and pulls; false: it only takes pushed diagnostics. */
  pullDiagnostics: boolean;
  /** Workspace folder (absolute path). */
  root?: string;
  initializationOptions?: unknown;
  /** Extra client capabilities merged over the defaults. */
  capabilities?: ClientCapabilities;
  /** 'stdio' (the default; what the VS Code client uses) or 'ipc' (--node-ipc). */
  transport?: 'stdio' | 'ipc';
}

export function fileUri(file: string): string {
  return pathToFileURL(file).toString();
}

export class LspTestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  /** How many workspace/diagnostic/refresh requests the server sent. */
  refreshRequests = 0;
  /** What the server asked to register (client/registerCapability). */
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  private shuttingDown = false;
  private died: Promise<never> = new Promise(() => undefined);
  private waiters: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void }> = [];
  private versions = new Map<string, number>();
  private texts = new Map<string, string>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    readonly options: LspClientOptions,
    public initializeResult?: InitializeResult,
  ) {}

  /** Spawns the server and completes initialize/initialized. */
  static async start(options: LspClientOptions): Promise<LspTestClient> {
    if (!fs.existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing: run npm run build first`);
    const ipc = options.transport === 'ipc';
    const child = spawn(process.execPath, [SERVER_PATH, ipc ? '--node-ipc' : '--stdio'], { stdio: ipc ? ['pipe', 'pipe', 'pipe', 'ipc'] : 'pipe' });
    const connection = ipc
      ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options);
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => client.receive(params));
    connection.onNotification('window/logMessage', (params: { message: string }) => client.logs.push(params.message));
    // Registration, refresh and configuration requests are answered as a plain editor would.
    connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      client.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests++;
      return null;
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    // A server that dies fails the test at once, with its stderr, instead of leaving requests pending.
    const died = new Promise<never>((_, reject) => {
      child.once('exit', (code) => {
        if (!client.shuttingDown) reject(new Error(`the server exited (${code}): ${client.stderr.join('').slice(-2000)}`));
      });
    });
    died.catch(() => undefined);
    client.died = died;

    const root = options.root;
    const defaultTextDocument: ClientCapabilities['textDocument'] = {
      synchronization: { dynamicRegistration: false },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
      completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: false } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      definition: {},
      references: {},
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    };
    const capabilities: ClientCapabilities = {
      textDocument: defaultTextDocument,
      // As VS Code: a client that pulls diagnostics takes refresh requests too.
      workspace: { workspaceFolders: true, workspaceEdit: { documentChanges: false }, ...(options.pullDiagnostics ? { diagnostics: { refreshSupport: true } } : {}) },
      ...options.capabilities,
    };
    // Text document capabilities given by a test replace the defaults one by one, not as a whole.
    if (options.capabilities?.textDocument) capabilities.textDocument = { ...defaultTextDocument, ...options.capabilities.textDocument };
    client.initializeResult = await client.race(connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root ? fileUri(root) : null,
      workspaceFolders: root ? [{ uri: fileUri(root), name: path.basename(root) }] : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    }));
    await connection.sendNotification('initialized', {});
    return client;
  }

  private receive(params: PublishDiagnosticsParams): void {
    const list = this.published.get(params.uri) ?? [];
    list.push(params);
    this.published.set(params.uri, list);
    this.waiters = this.waiters.filter((w) => {
      if (w.uri !== params.uri || (w.version !== undefined && params.version !== w.version)) return true;
      w.resolve(params.diagnostics);
      return false;
    });
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    const text = this.texts.get(uri);
    if (text === undefined) throw new Error(`${uri} is not open`);
    return text;
  }

  /**
   * The diagnostics of a document version: pulled with textDocument/diagnostic by a pull client; for a push-only
   * client, the first publishDiagnostics for that version (already received or still to come).
   */
  async waitForDiagnostics(uri: string, version = this.versions.get(uri)): Promise<Diagnostic[]> {
    if (this.options.pullDiagnostics) {
      const report = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      return report.kind === 'full' ? report.items : [];
    }
    const seen = this.published.get(uri)?.find((p) => version === undefined || p.version === version);
    if (seen) return seen.diagnostics;
    return this.race(new Promise((resolve) => this.waiters.push({ uri, version, resolve })));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.race(this.connection.sendRequest(method, params) as Promise<R>);
  }

  private race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.died]);
  }

  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    await exited;
    this.connection.dispose();
  }
}

/** Applies LSP text edits to a text (edits are non-overlapping, positions in the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  const offset = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : starts[p.line] + p.character);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** The edits a WorkspaceEdit makes to one document. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits.filter((e): e is TextEdit => 'range' in e) : []));
  return [...fromChanges, ...fromDocumentChanges];
}
