// A stand-in for the `vscode` module outside the extension host (client unit tests, the activation benchmark):
// property reads, calls and `new` all give stubs, named by how they were reached; never thenable.
'use strict';

function stub(name) {
  const cache = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(t, prop) {
      if (prop === 'then') return undefined;
      if (prop === 'prototype') return t.prototype;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive || prop === 'toString' || prop === 'toJSON') return () => name;
      if (!cache.has(prop)) cache.set(prop, stub(`${name}.${String(prop)}`));
      return cache.get(prop);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

module.exports = { stub };
