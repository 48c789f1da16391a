/**
 * Imported before the LSP test client: makes it start the server bundle through server-guard.cjs, which reports and
 * refuses any network access, child process, worker, vm or require() of workspace code. The guard loads
 * dist/server.bundle.js itself, not dist/server.js: that loader compiles the bundle with vm (to use its code cache),
 * which the guard would refuse.
 */
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');
process.env.TRIAL_LENS_GUARDED_SERVER = process.env.TRIAL_LENS_SERVER ?? path.join(repo, 'dist', 'server.bundle.js');
process.env.TRIAL_LENS_SERVER = path.join(__dirname, 'server-guard.cjs');
