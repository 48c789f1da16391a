/**
 * A minimal LSP client for the benchmark: spawns `node dist/server.js --stdio` (or `--node-ipc`) and lets the caller
 * await the diagnostics of one document version: pushed to it (no textDocument.diagnostic capability), or, with
 * `pullDiagnostics`, pulled after each change with the last report's result id, as VS Code's client does.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

/** Resident memory of a process in MB, from /proc (undefined off Linux). */
export function residentMB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used, in ms, from /proc (undefined off Linux). Clock ticks are 10 ms. */
export function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the command name's closing parenthesis.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** transport: 'stdio' (any editor) or 'ipc' (Node's IPC channel, what VS Code uses). */
export async function startServer({ serverPath, workspace, settings, nodeArgs = [], env = process.env, textDocumentCapabilities = {}, transport = 'stdio', pullDiagnostics = false }) {
  const started = performance.now();
  const ipc = transport === 'ipc';
  const child = spawn(process.execPath, [...nodeArgs, serverPath, ipc ? '--node-ipc' : '--stdio'], { stdio: ['pipe', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])], env });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 100_000) stderr = stderr.slice(-50_000);
  });
  const connection = ipc
    ? createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
    : createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Map(); // `${uri}#${version}` -> resolve
  const latest = new Map(); // uri -> last diagnostics params
  const pulled = new Map(); // uri -> { resultId, diagnostics } of the last full pulled report
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    latest.set(params.uri, params);
    const key = `${params.uri}#${params.version}`;
    const resolve = waiters.get(key);
    if (resolve) {
      waiters.delete(key);
      resolve(params);
    }
  });
  connection.onNotification('window/logMessage', () => {});
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();

  const rootUri = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: {
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        ...(pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        ...textDocumentCapabilities,
      },
      workspace: { workspaceFolders: true },
    },
    initializationOptions: { workspaceTrusted: true, settings },
  });
  const readyMs = performance.now() - started;
  const readyRssMB = residentMB(child.pid);
  const readyCpuMs = cpuMs(child.pid);
  await connection.sendNotification('initialized', {});

  const server = {
    pid: child.pid,
    readyMs,
    readyRssMB,
    readyCpuMs,
    stderr: () => stderr,
    /** Resolves with the diagnostics the server publishes for this version of the document. */
    diagnosticsFor(uri, version, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(`${uri}#${version}`);
          reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms\n${stderr.slice(-2000)}`));
        }, timeoutMs);
        waiters.set(`${uri}#${version}`, (params) => {
          clearTimeout(timer);
          resolve(params);
        });
      });
    },
    open(uri, text, version = 1, languageId = 'markdown') {
      // A pushed report is waited for before the notification goes out, so it cannot arrive first; a pull is asked after.
      const pushed = pullDiagnostics ? undefined : server.diagnosticsFor(uri, version);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return pushed ?? server.pull(uri, version);
    },
    change(uri, version, range, text) {
      const pushed = pullDiagnostics ? undefined : server.diagnosticsFor(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
      return pushed ?? server.pull(uri, version);
    },
    /**
     * Pulls a document's diagnostics with the result id of the last report: resolves with them and whether the server
     * answered that the last report still holds.
     */
    async pull(uri, version) {
      const previous = pulled.get(uri);
      const report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previous ? { previousResultId: previous.resultId } : {}) });
      if (report.kind === 'unchanged') return { uri, version, diagnostics: previous.diagnostics, unchanged: true };
      pulled.set(uri, { resultId: report.resultId, diagnostics: report.items });
      return { uri, version, diagnostics: report.items, unchanged: false };
    },
    close(uri) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    /** Any other request, answered as the server answers it. */
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    hover(uri, position) {
      return connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
        void connection.sendNotification('exit');
      } catch {
        // the server may already be gone
      }
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
    },
  };
  return server;
}
