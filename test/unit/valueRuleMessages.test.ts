/**
 * What the value rules (server/src/core/valueRules.ts) say and offer for a value WSL misreads or
 * rejects: the message, the span, and each quick fix with its exact replacement. Checked in process
 * (see docs/mutation-survivors-analysis.md for why that matters).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FileKind } from '../../server/src/core/catalogue';
import { replaceFix as replace, seen } from './findingView';

const only = (text: string, kind: FileKind) => seen(text, kind, { withRestartNote: false });

const INVALID_MEMORY = (value: string) =>
  `Invalid memory string '${value}' for .wslconfig entry 'wsl2.memory'. Write a whole number followed by B, K, KB, M, MB, G, GB, T or TB in uppercase, e.g. 4GB; WSL keeps the default.`;

describe('value rules: memory sizes', () => {
  it('reads a unitless size as bytes, and offers MB first, then GB', () => {
    assert.deepEqual(only('[wsl2]\nmemory=4096\n', 'wslconfig'), [
      {
        code: 'unitless-memory',
        severity: 'warning',
        message:
          "'4096' has no unit, so WSL reads it as 4096 bytes (WSL then raises it to its minimum, 256 MB). Add a unit: '4096MB' is 4 GB.",
        at: '4096',
        fixes: [replace(14, 18, '4096MB'), replace(14, 18, '4096GB')],
      },
    ]);
  });

  it('turns a fraction into a whole number of the next smaller unit', () => {
    assert.deepEqual(only('[wsl2]\nmemory=2.5GB\n', 'wslconfig'), [
      {
        code: 'invalid-memory',
        severity: 'error',
        message: INVALID_MEMORY('2.5GB'),
        at: '2.5GB',
        fixes: [replace(14, 19, '2560MB')],
      },
    ]);
  });

  it('uppercases a lowercase unit, and reads GiB as GB', () => {
    assert.deepEqual(only('[wsl2]\nmemory=4gb\n', 'wslconfig'), [
      {
        code: 'invalid-memory',
        severity: 'error',
        message: INVALID_MEMORY('4gb'),
        at: '4gb',
        fixes: [replace(14, 17, '4GB')],
      },
    ]);
    assert.deepEqual(only('[wsl2]\nmemory=8GiB\n', 'wslconfig'), [
      {
        code: 'invalid-memory',
        severity: 'error',
        message: INVALID_MEMORY('8GiB'),
        at: '8GiB',
        fixes: [replace(14, 18, '8GB')],
      },
    ]);
  });
});

describe('value rules: booleans and modes', () => {
  const message = (value: string) =>
    `Invalid boolean value '${value}' for key 'wsl2.guiApplications'. WSL accepts only true, false, 1 or 0, and keeps the default.`;

  it('offers true for yes-like words, false for no-like words, and both for anything else', () => {
    const fixesFor = (value: string) => only(`[wsl2]\nguiApplications=${value}\n`, 'wslconfig');
    assert.deepEqual(fixesFor('yes'), [
      { code: 'invalid-bool', severity: 'error', message: message('yes'), at: 'yes', fixes: [replace(23, 26, 'true')] },
    ]);
    assert.deepEqual(fixesFor('off'), [
      {
        code: 'invalid-bool',
        severity: 'error',
        message: message('off'),
        at: 'off',
        fixes: [replace(23, 26, 'false')],
      },
    ]);
    assert.deepEqual(fixesFor('maybe'), [
      {
        code: 'invalid-bool',
        severity: 'error',
        message: message('maybe'),
        at: 'maybe',
        fixes: [replace(23, 28, 'true'), replace(23, 28, 'false')],
      },
    ]);
  });

  it('lists the valid modes and offers the nearest spelling', () => {
    assert.deepEqual(only('[wsl2]\nnetworkingMode=mirorred\n', 'wslconfig'), [
      {
        code: 'invalid-enum',
        severity: 'error',
        message:
          "Invalid value 'mirorred' for config key 'wsl2.networkingMode' (Valid values: Bridged, Consomme, Mirrored, Nat, None, VirtioProxy). Did you mean 'Mirrored'? WSL keeps the default.",
        at: 'mirorred',
        fixes: [replace(22, 30, 'Mirrored')],
      },
    ]);
  });

  it("names a legacy mode's current name, and strikes a deprecated one through", () => {
    assert.deepEqual(only('[wsl2]\nnetworkingMode=VirtioProxy\n', 'wslconfig'), [
      {
        code: 'legacy-value',
        severity: 'information',
        message: "'VirtioProxy' is the legacy name of 'Consomme'; WSL still accepts it.",
        at: 'VirtioProxy',
        fixes: [replace(22, 33, 'Consomme')],
      },
    ]);
    assert.deepEqual(only('[wsl2]\nnetworkingMode=bridged\nvmSwitch=x\n', 'wslconfig'), [
      {
        code: 'deprecated-value',
        severity: 'information',
        message: "'Bridged' is deprecated (since WSL 2.4.5).",
        at: 'bridged',
        deprecated: true,
      },
    ]);
  });
});

describe('value rules: ports, paths and wsl.conf values', () => {
  it('lists a short port range one by one, and says the setting does nothing in NAT', () => {
    assert.deepEqual(only('[experimental]\nignoredPorts=8000-8003\n', 'wslconfig'), [
      {
        code: 'port-range',
        severity: 'warning',
        message:
          "WSL reads '8000-8003' as port 8000 only: ranges and trailing text are ignored. List every port, separated by commas.",
        at: '8000-8003',
        fixes: [replace(28, 37, '8000,8001,8002,8003', 'List ports 8000 to 8003 one by one')],
      },
      {
        code: 'mode-no-effect',
        severity: 'warning',
        message:
          "'experimental.ignoredPorts' has no effect: networkingMode is NAT (the default), and this setting only applies in mirrored mode.",
        at: 'ignoredPorts',
        fixes: [{ fix: 'delete-line', lineSpan: { start: 15, end: 37 } }],
        unnecessary: true,
      },
    ]);
    // Longer than 64 ports: no list is offered.
    const [long] = only('[experimental]\nignoredPorts=8000-8100\nhostAddressLoopback=true\n', 'wslconfig');
    assert.equal(long.code, 'port-range');
    assert.deepEqual(long.fixes, []);
  });

  it('warns that an empty path is not the default, and offers to delete the line', () => {
    assert.deepEqual(only('[wsl2]\nkernel=\n', 'wslconfig'), [
      {
        code: 'empty-value',
        severity: 'warning',
        message:
          "'wsl2.kernel' is empty: WSL sets it to an empty path instead of using the default. Remove the line to use the default.",
        at: '=',
        fixes: [{ fix: 'delete-line', lineSpan: { start: 7, end: 14 } }],
      },
    ]);
  });

  it('names an environment variable WSL will not expand', () => {
    assert.deepEqual(only('[wsl2]\nkernel=%USERPROFILE%\\\\k\n', 'wslconfig'), [
      {
        code: 'env-var-in-path',
        severity: 'warning',
        message:
          "WSL does not expand environment variables: '%USERPROFILE%' is used literally. Write the full path, e.g. C:\\\\Users\\\\<you>\\\\…",
        at: '%USERPROFILE%',
      },
    ]);
  });

  it("refuses '..' in a wsl-distribution.conf path only", () => {
    assert.deepEqual(only('[shortcut]\nicon=../x.ico\n', 'wsldistribution'), [
      {
        code: 'parent-path',
        severity: 'warning',
        message: "WSL refuses 'shortcut.icon' paths that contain '..'.",
        at: '../x.ico',
      },
    ]);
    assert.deepEqual(only('[wsl2]\nkernel=C:\\\\a\\\\..\\\\k\n', 'wslconfig'), []);
  });

  it('shows the hostname WSL will use instead, and offers it', () => {
    assert.deepEqual(only('[network]\nhostname=my_host\n', 'wslconf'), [
      {
        code: 'hostname-rewritten',
        severity: 'warning',
        message:
          "WSL silently changes this hostname to 'myhost' (letters, digits, '-' and one '.' only; at most 64 characters).",
        at: 'my_host',
        fixes: [replace(19, 26, 'myhost')],
      },
    ]);
    assert.deepEqual(only('[network]\nhostname=my-host\n', 'wslconf'), []);
  });

  it('says boot.command needs no sudo, in wsl.conf only', () => {
    assert.deepEqual(only('[boot]\ncommand=sudo service x start\n', 'wslconf'), [
      {
        code: 'redundant-sudo',
        severity: 'hint',
        message: "boot.command already runs as root: 'sudo' is not needed.",
        at: 'sudo service x start',
      },
    ]);
    assert.deepEqual(only('[boot]\ncommand=service sudo start\n', 'wslconf'), []);
  });
});
