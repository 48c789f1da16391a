// npm test: build, type-check, package the .vsix, then run every test suite with the Node test runner.
// Fast suites (unit, grammar, protocol, property) run in one pass; the editor suites (code-server e2e,
// @vscode/test-electron) run one file at a time because each drives a whole editor.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) console.error(result.error);
  return result.status === 0;
}

function testFiles(...dirs) {
  return dirs.flatMap((dir) => {
    const full = path.join(root, dir);
    if (!existsSync(full)) return [];
    return readdirSync(full)
      .filter((name) => name.endsWith('.test.ts'))
      .sort()
      .map((name) => path.posix.join(dir, name));
  });
}

for (const [title, command, args] of [
  ['build', npm, ['run', 'build']],
  ['type-check', npx, ['tsc', '-b']],
  ['package', npm, ['run', 'package']],
]) {
  if (!run(title, command, args)) {
    console.error(`\nnpm test: ${title} failed`);
    process.exit(1);
  }
}

const results = [];
const fast = testFiles('test/unit', 'test/grammar', 'test/protocol', 'test/property', 'test/reliability');
if (fast.length > 0) results.push(['unit, grammar, protocol and property tests', run('tests', process.execPath, ['--import', 'tsx', '--test', ...fast])]);
const editors = testFiles('test/e2e', 'test/electron');
if (editors.length > 0) {
  results.push([
    'end-to-end tests in VS Code',
    run('end-to-end tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...editors]),
  ]);
}

console.log('');
for (const [title, passed] of results) console.log(`npm test: ${title} ${passed ? 'passed' : 'FAILED'}`);
process.exit(results.every(([, passed]) => passed) ? 0 : 1);
