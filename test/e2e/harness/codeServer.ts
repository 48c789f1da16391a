/**
 * Runs the packaged extension inside a real VS Code: code-server (VS Code 1.100 for the browser).
 * Installs the .vsix into a throw-away extensions dir, starts code-server on a free port with a throw-away
 * user-data dir, and resolves once code-server says it is listening (an event, not a sleep).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
export const VSIX_PATH = join(PROJECT_ROOT, 'trial-lens.vsix');
export const CHROMIUM_PATH = process.env.TRIAL_LENS_CHROMIUM ?? '/usr/bin/chromium';

/** Where scripts/e2e-setup.sh installs code-server, unless TRIAL_LENS_CODE_SERVER points elsewhere. */
export function codeServerPath(): string {
  return process.env.TRIAL_LENS_CODE_SERVER ?? join(PROJECT_ROOT, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
}

/**
 * Why the e2e suite cannot run here, or undefined when it can. Under CI a missing prerequisite is a
 * failure, not a skip: `.ci/run` installs everything first.
 */
export function missingPrerequisite(): string | undefined {
  const missing: string[] = [];
  if (!existsSync(codeServerPath())) missing.push(`code-server (${codeServerPath()})`);
  if (!existsSync(CHROMIUM_PATH)) missing.push(`Chromium (${CHROMIUM_PATH})`);
  if (!existsSync(VSIX_PATH)) missing.push(`the packaged extension (${VSIX_PATH}; run \`npm run package\`)`);
  if (missing.length === 0) return undefined;
  return `end-to-end tests need ${missing.join(', ')}; install them with \`sudo scripts/e2e-setup.sh\``;
}

/** User settings for a quiet, predictable workbench (no trust prompt, telemetry, welcome page or update checks). */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  // No fade-ins: screenshots and DOM checks see the final state.
  'workbench.reduceMotion': 'on',
  'editor.hover.delay': 150,
  'editor.lightbulb.enabled': 'on',
  'editor.wordWrap': 'on',
  'files.autoSave': 'off',
  'window.commandCenter': false,
};

export interface CodeServerOptions {
  /** A folder whose files are copied into a fresh temp workspace (the tests may edit them). */
  workspaceTemplate: string;
  /** Extra user settings merged over the defaults above. */
  settings?: Record<string, unknown>;
  /** False starts code-server without --disable-workspace-trust (restricted-mode tests). */
  disableWorkspaceTrust?: boolean;
}

export interface RunningCodeServer {
  url: string;
  workspace: string;
  extensionsDir: string;
  /** Everything code-server wrote, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const root = await mkdtemp(join(tmpdir(), 'trial-lens-e2e-'));
  const extensionsDir = join(root, 'extensions');
  const userDataDir = join(root, 'user-data');
  const workspace = join(root, 'workspace');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await writeFile(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2),
  );
  await cp(options.workspaceTemplate, workspace, { recursive: true });

  const codeServer = codeServerPath();
  const common = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  await execFileAsync(codeServer, ['--install-extension', VSIX_PATH, ...common], { timeout: 120_000 });

  const port = await freePort();
  const args = [
    ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.disableWorkspaceTrust === false ? [] : ['--disable-workspace-trust']),
    workspace,
  ];
  const child = spawn(codeServer, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/HTTP server listening on/.test(output)) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening:\n${output}`));
    });
  });

  return {
    url,
    workspace,
    extensionsDir,
    log: () => output,
    stop: async () => {
      await stopProcessGroup(child);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** code-server forks extension hosts and our language server: end the whole group it leads. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const killTimer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(killTimer);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Process ids of the Trial Lens language servers started from `extensionsDir` (read from /proc). */
export async function languageServerPids(extensionsDir: string): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = commandLine.split('\0');
    if (args.some((arg) => arg.startsWith(extensionsDir) && arg.endsWith('dist/server.js'))) pids.push(Number(entry));
  }
  return pids;
}
