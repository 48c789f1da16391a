/** Helpers for the reliability tests: server memory, temporary workspaces, waiting on published diagnostics. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { LspTestClient } from '../protocol/lspClient';

/** Peak resident memory (VmHWM) of a process in MB, where /proc exists. */
export function peakMemoryMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** A temporary folder with the given files (paths relative to it); returns its real path. */
export function makeWorkspace(prefix: string, files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `trial-lens-${prefix}-`)));
  for (const [name, text] of Object.entries(files)) writeFile(root, name, text);
  return root;
}

export function writeFile(root: string, name: string, text: string): string {
  const file = path.join(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

type Listener = (params: PublishDiagnosticsParams) => void;
const listeners = new WeakMap<LspTestClient, Set<Listener>>();

/** Listeners on every publishDiagnostics the test client receives (it keeps one handler; this wraps it). */
function listenersOf(client: LspTestClient): Set<Listener> {
  let set = listeners.get(client);
  if (!set) {
    const hooks = new Set<Listener>();
    set = hooks;
    listeners.set(client, hooks);
    const target = client as unknown as { receive(params: PublishDiagnosticsParams): void };
    const receive = target.receive.bind(client);
    target.receive = (params) => {
      receive(params);
      for (const listener of [...hooks]) listener(params);
    };
  }
  return set;
}

/**
 * The first publishDiagnostics for `uri` from index `from` on (already received or still to come) whose diagnostics
 * satisfy `accept`. Resolves on the notification itself: no timers.
 */
export function nextPublished(client: LspTestClient, uri: string, accept: (d: Diagnostic[]) => boolean, from = 0): Promise<PublishDiagnosticsParams> {
  const hooks = listenersOf(client);
  const seen = (client.published.get(uri) ?? []).slice(from).find((p) => accept(p.diagnostics));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const listener: Listener = (params) => {
      if (params.uri === uri && accept(params.diagnostics)) {
        hooks.delete(listener);
        resolve(params);
      }
    };
    hooks.add(listener);
  });
}

export function publishedCount(client: LspTestClient, uri: string): number {
  return client.published.get(uri)?.length ?? 0;
}

/** A diagnostic's message as text (LSP 3.18 allows markup). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
