// Used by the sandbox test to prove the guard refuses what it should: each call must be reported.
'use strict';
for (const attempt of [() => require('node:https').get('https://example.invalid/'), () => require('node:child_process').execSync('true')]) {
  try {
    attempt();
  } catch {
    // refused, as expected
  }
}
