// Bundles client, server and CLI into CommonJS (unified/remark are ESM-only: esbuild folds them in). The server and
// the CLI are each a bundle (dist/*.bundle.js) started by scripts/bundle-loader.cjs with a V8 code cache made here.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { startServer } from './bench/lsp.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD 'main' hides its requires from esbuild: prefer ESM entry points.
  mainFields: ['module', 'main'],
};

// A cache left from an earlier build would only be rejected by V8, but should not ship.
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) if (name.endsWith('.cache')) rmSync(path.join(dist, name));
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.bundle.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.bundle.js' }),
  // The thread that looks for a large dataset's quotes (server/src/workspace/quoteSearch.ts).
  build({ ...common, entryPoints: ['server/src/quoteSearchWorker.ts'], outfile: 'dist/quoteSearchWorker.js' }),
]);
for (const entry of ['server', 'cli']) copyFileSync(path.join(root, 'scripts', 'bundle-loader.cjs'), path.join(dist, `${entry}.js`));
chmodSync(path.join(dist, 'cli.js'), 0o755);

// The code caches: each entry runs once on the fixture drafts (Markdown, LaTeX, plain text) and writes its cache as it
// ends. A failure here is a broken server or CLI, not a missing optimisation: the build stops.
const env = { ...process.env, TRIAL_LENS_WRITE_CODE_CACHE: '1' };
const corpus = path.join(root, 'test', 'fixtures', 'corpus');
const drafts = readdirSync(corpus).filter((name) => /\.(md|tex|txt)$/.test(name)).map((name) => path.join(corpus, name));
const cli = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'check', '--no-discover', ...drafts], { env, encoding: 'utf8' });
if (cli.status !== 0 && cli.status !== 1) throw new Error(`build: the CLI failed on the fixture drafts (exit ${cli.status}):\n${cli.stderr}`);

const server = await startServer({ serverPath: path.join(dist, 'server.js'), workspace: corpus, settings: {}, env });
try {
  for (const [version, file] of drafts.entries()) {
    const uri = pathToFileURL(file).href;
    const languageId = file.endsWith('.tex') ? 'latex' : file.endsWith('.md') ? 'markdown' : 'plaintext';
    await server.open(uri, readFileSync(file, 'utf8'), version + 1, languageId);
    await server.hover(uri, { line: 2, character: 10 });
  }
} finally {
  await server.stop();
}
for (const entry of ['server', 'cli']) {
  if (!existsSync(path.join(dist, `${entry}.bundle.cache`))) throw new Error(`build: dist/${entry}.bundle.cache was not written`);
}
