/**
 * Imported before the LSP test client: makes it start dist/server.js through server-guard.cjs, which reports and
 * refuses any network access, child process, worker, vm or require() of workspace code.
 */
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..', '..');
process.env.TRIAL_LENS_GUARDED_SERVER = process.env.TRIAL_LENS_SERVER ?? path.join(repo, 'dist', 'server.js');
process.env.TRIAL_LENS_SERVER = path.join(__dirname, 'server-guard.cjs');
