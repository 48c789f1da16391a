// Starts dist/server.js with every way of reaching the network or running other code reported and refused:
// sockets, HTTP(S), DNS, fetch, child processes, workers, vm, native addons, and require() of files in the workspace.
// Each attempt is written to stderr as "TRIAL-LENS-GUARD <what>" (the test fails on any) and throws.
'use strict';
const path = require('node:path');
const Module = require('node:module');

const server = process.env.TRIAL_LENS_GUARDED_SERVER;
const workspace = process.env.TRIAL_LENS_GUARD_WORKSPACE ? path.resolve(process.env.TRIAL_LENS_GUARD_WORKSPACE) : undefined;

function refuse(what) {
  return function refused() {
    process.stderr.write(`TRIAL-LENS-GUARD ${what}\n`);
    throw new Error(`refused by the reliability guard: ${what}`);
  };
}

function guard(moduleName, names) {
  const mod = require(moduleName);
  for (const name of names) if (typeof mod[name] === 'function') mod[name] = refuse(`${moduleName}.${name}`);
}

guard('node:net', ['connect', 'createConnection', 'createServer']);
const net = require('node:net');
net.Socket.prototype.connect = refuse('net.Socket.connect');
guard('node:tls', ['connect', 'createServer']);
guard('node:http', ['request', 'get', 'createServer']);
guard('node:https', ['request', 'get', 'createServer']);
guard('node:http2', ['connect', 'createServer']);
guard('node:dgram', ['createSocket']);
guard('node:dns', ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']);
guard('node:child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
guard('node:vm', ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']);
const vm = require('node:vm');
vm.Script = refuse('vm.Script');
const workers = require('node:worker_threads');
workers.Worker = refuse('worker_threads.Worker');
if (typeof globalThis.fetch === 'function') globalThis.fetch = refuse('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = refuse('WebSocket');
process.dlopen = refuse('process.dlopen');

// Code in the workspace is never loaded.
const load = Module._load;
Module._load = function guardedLoad(request, parent, isMain) {
  if (workspace) {
    let resolved;
    try {
      resolved = Module._resolveFilename(request, parent, isMain);
    } catch {
      resolved = undefined;
    }
    if (resolved && path.isAbsolute(resolved) && (resolved + path.sep).startsWith(workspace + path.sep)) refuse(`require ${resolved}`)();
  }
  return load.apply(this, arguments);
};

require(server);
