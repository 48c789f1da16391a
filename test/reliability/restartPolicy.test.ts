/**
 * When the server process dies the client restarts it and tells the user once (client/src/restartPolicy.ts decides;
 * the e2e suite kills a real server). A crash loop stops being restarted instead of spinning, and a restart the user
 * asks for starts a fresh history.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CrashRestartPolicy } from '../../client/src/restartPolicy';

const MINUTE = 60 * 1000;

test('every crash is restarted; only the first tells the user', () => {
  const policy = new CrashRestartPolicy(5, 3 * MINUTE);
  const decisions = [0, 2 * MINUTE, 4 * MINUTE, 6 * MINUTE].map((t) => policy.onServerClosed(t));
  assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, true]);
  assert.deepEqual(decisions.map((d) => d.notifyUser), [true, false, false, false]);
});

test('more than five crashes in three minutes stop the restarts, and the user is told why', () => {
  const policy = new CrashRestartPolicy(5, 3 * MINUTE);
  const decisions = [0, 1, 2, 3, 4, 5].map((s) => policy.onServerClosed(s * 1000));
  assert.deepEqual(decisions.map((d) => d.restart), [true, true, true, true, true, false]);
  assert.equal(decisions[5]!.notifyUser, true);
});

test('crashes spread over time keep being restarted', () => {
  const policy = new CrashRestartPolicy(5, 3 * MINUTE);
  for (let i = 0; i < 20; i++) assert.equal(policy.onServerClosed(i * MINUTE).restart, true, `crash ${i + 1}`);
});

test('after a restart the user asks for, the crash history starts again', () => {
  const policy = new CrashRestartPolicy(5, 3 * MINUTE);
  for (let i = 0; i < 6; i++) policy.onServerClosed(i);
  assert.equal(policy.onServerClosed(10).restart, false);
  policy.reset();
  assert.equal(policy.onServerClosed(20).restart, true);
});
