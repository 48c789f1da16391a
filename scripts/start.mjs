// npm start: build, package the .vsix, then check the example drafts and print the findings.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });

for (const [cmd, args] of [['npm', ['run', 'build']], ['npm', ['run', 'package']]]) {
  const result = run(cmd, args);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const drafts = [];
const shared = path.resolve(root, '..', 'shared', 'examples');
if (existsSync(shared)) {
  for (const name of readdirSync(shared)) if (name.endsWith('.md') && !name.includes('.expected.')) drafts.push(path.join(shared, name));
}
const ours = path.join(root, 'test', 'fixtures', 'drafts');
if (existsSync(ours)) for (const name of readdirSync(ours)) if (/\.(md|tex|txt)$/.test(name)) drafts.push(path.join(ours, name));

console.log(`\nTrial Lens findings on ${drafts.length} example draft(s):\n`);
// Exit code 1 only means "findings were reported": that is what this command is for.
const check = run('node', ['dist/cli.js', 'check', ...drafts]);
if (check.status === 2) process.exit(2);
console.log(`\nThe extension is packaged as ${path.join(root, 'trial-lens.vsix')}.`);
console.log('Install it with: code --install-extension trial-lens.vsix   (or code-server --install-extension trial-lens.vsix)');
