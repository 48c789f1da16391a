/**
 * Runs inside the VS Code extension host (loaded through --extensionTestsPath). Checks what a person would
 * see, through VS Code's own commands: diagnostics, hover, the quick fix, and recovery from a server crash.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

const EXTENSION_ID = 'trial-lens.trial-lens';
const DRAFT = 'review.md';
const TIMEOUT_MS = 60_000;

interface TrialLensApi {
  client: { isRunning(): boolean; onDidChangeState(listener: (event: { newState: number }) => void): vscode.Disposable };
}

export async function run(): Promise<void> {
  const failures: string[] = [];
  const context = await openDraft();
  for (const [name, check] of CHECKS) {
    try {
      await check(context);
      console.log(`ok - ${name}`);
    } catch (error) {
      console.log(`not ok - ${name}\n${error instanceof Error ? error.stack : String(error)}`);
      failures.push(name);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} check(s) failed: ${failures.join('; ')}`);
}

interface Context {
  api: TrialLensApi;
  document: vscode.TextDocument;
  editor: vscode.TextEditor;
}

async function openDraft(): Promise<Context> {
  const extension = vscode.extensions.getExtension<TrialLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const [draft] = await vscode.workspace.findFiles(`**/${DRAFT}`);
  assert.ok(draft, `${DRAFT} is in the workspace`);
  const document = await vscode.workspace.openTextDocument(draft);
  const editor = await vscode.window.showTextDocument(document);
  const api = await extension.activate();
  return { api, document, editor };
}

function positionOf(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" is in the draft`);
  return document.positionAt(offset + 1);
}

/** Resolves with the diagnostics of `uri` once `accept` holds (event-driven: no polling, no sleeps). */
function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const current = vscode.languages.getDiagnostics(uri);
    if (accept(current)) return resolve(current);
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics not as expected within ${TIMEOUT_MS} ms: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`));
    }, TIMEOUT_MS);
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(diagnostics);
    });
  });
}

function diagnosticOn(document: vscode.TextDocument, text: string) {
  const position = positionOf(document, text);
  return (diagnostics: readonly vscode.Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.range.contains(position));
}

async function hoverText(document: vscode.TextDocument, text: string): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, text));
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

async function serverPids(): Promise<number[]> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (args.some((arg) => arg.startsWith(extension.extensionPath) && arg.endsWith('dist/server.js'))) pids.push(Number(entry));
  }
  return pids;
}

const CHECKS: Array<[string, (context: Context) => Promise<void>]> = [
  [
    'the extension activates and its language server is running',
    async ({ api }) => assert.ok(api.client.isRunning()),
  ],
  // Behaviour from the checker (lead's issue): 76.1% contradicts pan2019 (71.6%).
  [
    'a contradicted statistic gets an error or warning that names what the source reports',
    async ({ document }) => {
      const on = diagnosticOn(document, '76.1%');
      const diagnostics = on(await diagnosticsWhen(document.uri, (all) => on(all).length > 0));
      assert.ok(diagnostics.some((d) => d.severity <= vscode.DiagnosticSeverity.Warning && /71\.6/.test(d.message)));
    },
  ],
  // Behaviour from the provenance hover (lead's issue).
  [
    'hovering a supported statistic shows its source and the quote',
    async ({ document }) => {
      const hover = await hoverText(document, '73%');
      assert.match(hover, /fry2018/i);
      assert.match(hover, /complete remission (?:obtained|was observed) in (?:73% \(11\/15\)|11 of 15)/i);
    },
  ],
  // Behaviour from the citation quick fix (lead's issue).
  [
    'the quick fix cites the source of an uncited statistic in the draft\'s style',
    async ({ document }) => {
      const on = diagnosticOn(document, '68%');
      const [diagnostic] = on(await diagnosticsWhen(document.uri, (all) => on(all).length > 0));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range);
      const cite = actions.find((action) => /fergusson2023/i.test(action.title));
      assert.ok(cite?.edit, `a quick fix citing fergusson2023 among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(cite.edit));
      assert.match(document.getText(), /68%[^.\n]*\[@fergusson2023\]/);
    },
  ],
  [
    'when the server dies it is restarted and the draft is re-checked',
    async ({ api, document }) => {
      const [pid] = await serverPids();
      assert.ok(pid, 'the server process is found');
      const running = new Promise<void>((resolve) => {
        const listener = api.client.onDidChangeState(({ newState }) => {
          if (newState === 2 /* State.Running */) {
            listener.dispose();
            resolve();
          }
        });
      });
      process.kill(pid, 'SIGKILL');
      await running;
      const on = diagnosticOn(document, '76.1%');
      await diagnosticsWhen(document.uri, (all) => on(all).length > 0);
      const [newPid] = await serverPids();
      assert.ok(newPid && newPid !== pid, 'a new server process runs');
    },
  ],
];
