#!/usr/bin/env node
// dist/server.js and dist/cli.js: each runs its bundle (dist/server.bundle.js, dist/cli.bundle.js) with the V8 code
// cache that `npm run build` made for it. Compiling a 3 MB bundle, and then each function it calls, is some 100 ms of
// every start of the server and of every `trial-lens check`; with the cache V8 reads the compiled code instead.
// A cache made by another Node.js (VS Code runs the server in its own), another V8 or other flags is rejected by V8
// itself, and the bundle is compiled as usual. The bundle is our own file beside this one, never workspace code.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const entry = path.basename(__filename, '.js');
const bundle = path.join(__dirname, `${entry}.bundle.js`);

// `trial-lens check` is one short run over a file: V8 compiling its hottest functions for speed takes a core of its own
// there (over a second of compiler time on a 1 MB draft, on a 2-core machine beside the check itself). Waiting for a
// function to run longer before optimizing it leaves fewer, hotter ones to compile: a 1 MB check takes a quarter less
// CPU and a tenth less time. Set before the bundle is compiled, so that the code cache below is made with it too.
// The server runs for hours and keeps V8's defaults.
if (entry === 'cli') require('node:v8').setFlagsFromString('--interrupt-budget=250000');
const cacheFile = bundle.replace(/\.js$/, '.cache');

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No cache (not built by scripts/build.mjs): compile as usual.
}
const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });

// scripts/build.mjs runs each entry once with this set, and the cache is written as the process ends: it then holds
// the functions that run compiled too, not only the top level.
if (process.env.TRIAL_LENS_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}

script.runInThisContext({ displayErrors: true })(exports, require, module, bundle, __dirname);
