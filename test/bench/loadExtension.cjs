// Child process of the benchmark: times require() of the extension bundle with a stand-in `vscode`
// module (every namespace, class and enum named in @types/vscode, each a do-nothing proxy). This is
// the bundle's load and top-level evaluation only, not activation (which needs a VS Code host).
// Usage: node loadExtension.cjs <bundle.js> <@types/vscode/index.d.ts>; prints {"ms":…,"activate":…}.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');

const names = [
  ...new Set(
    [
      ...fs
        .readFileSync(process.argv[3], 'utf8')
        .matchAll(/^\s*export (?:namespace|class|enum|const|function|let) ([A-Za-z0-9_]+)/gm),
    ].map((m) => m[1]),
  ),
];
const stub = new Proxy(function () {}, {
  get: (target, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub,
  construct: () => stub,
});
const vscode = new Proxy(
  {},
  {
    get: (target, key) => (key === 'then' || key === '__esModule' ? undefined : stub),
    ownKeys: () => names,
    getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, writable: true, value: stub }),
  },
);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const started = performance.now();
const loaded = require(process.argv[2]);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, activate: typeof loaded.activate }));
