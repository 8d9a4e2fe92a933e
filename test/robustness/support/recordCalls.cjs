// Preload (`node --require`) for the network-and-trust tests: records every attempt to reach the network or to
// start a program, as JSON lines in the file named by HARDEN_RECORD_CALLS, then lets the call proceed (a test
// that expects a lookup can see it fail against a closed port). Test support only; production code never sees it.
'use strict';
const fs = require('node:fs');

const file = process.env.HARDEN_RECORD_CALLS;
if (!file) throw new Error('recordCalls.cjs: set HARDEN_RECORD_CALLS to the file to record into');

function record(what, detail) {
  const stack = new Error().stack
    .split('\n')
    .slice(3, 9)
    .map((l) => l.trim());
  fs.appendFileSync(file, `${JSON.stringify({ what, detail, stack })}\n`);
}

function wrap(mod, name, describe) {
  const original = mod[name];
  if (typeof original !== 'function') return;
  mod[name] = function (...args) {
    record(name, describe(...args));
    return original.apply(this, args);
  };
}

const target = (a) => {
  if (typeof a === 'string') return a;
  if (a instanceof URL) return a.href;
  if (a && typeof a === 'object')
    return `${a.protocol ?? ''}//${a.hostname ?? a.host ?? ''}:${a.port ?? ''}${a.path ?? ''}`;
  return String(a);
};

const net = require('node:net');
wrap(net, 'connect', (a, b) => (typeof a === 'object' ? target(a) : `${b ?? 'localhost'}:${a}`));
wrap(net, 'createConnection', (a, b) => (typeof a === 'object' ? target(a) : `${b ?? 'localhost'}:${a}`));
wrap(net.Socket.prototype, 'connect', (a, b) =>
  Array.isArray(a) ? target(a[0]) : typeof a === 'object' ? target(a) : `${b ?? ''}:${a}`,
);
wrap(require('node:tls'), 'connect', target);
for (const m of ['node:http', 'node:https']) for (const f of ['request', 'get']) wrap(require(m), f, target);
wrap(require('node:http2'), 'connect', target);
const dns = require('node:dns');
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) wrap(dns, f, (host) => host);
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6']) wrap(dns.promises, f, (host) => host);
wrap(require('node:dgram'), 'createSocket', (t) => target(t));
const cp = require('node:child_process');
for (const f of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  wrap(cp, f, (cmd, args) => `${cmd} ${Array.isArray(args) ? args.join(' ') : ''}`.trim());
const wt = require('node:worker_threads');
if (wt.Worker) {
  const Worker = wt.Worker;
  wt.Worker = class extends Worker {
    constructor(f, o) {
      record('Worker', target(f));
      super(f, o);
    }
  };
}
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', target);

record('loaded', process.argv.slice(1).join(' '));
