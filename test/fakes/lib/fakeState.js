'use strict';
// State, call log and byte-level output helpers shared by the stand-in Windows executables
// in ../windows-bin. Plain CommonJS JavaScript on purpose: the fakes must run as separate
// processes without a TypeScript build, and must NOT reuse the parsers under test.
//
// State lives in <dir>/state.json where <dir> is $WSL_NETWORK_FAKE_STATE; every invocation
// is appended to <dir>/calls.jsonl. The state shape (all keys optional, defaults below):
//
// {
//   "wslInstalled": true,                 // false: wsl.exe prints the not-installed text, exit 255
//   "locale": "en-US",                    // "en-US" | "de-DE" | "fr-FR" (wsl.exe texts, netsh titles)
//   "defaultWslVersion": 2,
//   "distros": [{ "name": "Ubuntu-24.04", "state": "Running", "version": 2 }],
//   "defaultDistro": "Ubuntu-24.04",      // null: no default
//   "versions": { "wsl", "kernel", "wslg", "msrdc", "direct3d", "dxcore", "windows" },
//   "replay": {},                         // "<argv joined by one space>": { "capture": "<file in
//                                         //   test/fixtures/field>", "exitCode": 255 }: print
//                                         //   that real capture instead (wsl.exe re-encodes
//                                         //   it as UTF-16LE + CRLF)
//   "debugBuild": false,                  // --version adds MSBuild/Commit/Build time lines
//   "statusNotes": [],                    // message keys (e.g. "MessageWsl1NotSupported") or literal text
//   "networkingMode": "nat",              // what wslinfo --networking-mode prints
//   "linux": {
//     "exec": "emulate",                  // "emulate": commands see a /proc tree built from
//                                         //   "sockets"; "host": run for real on this machine
//     "addresses": ["172.23.21.232"],     // hostname -I
//     "eth0Prefix": 20,
//     "addressesAfterShutdown": null,     // becomes "addresses" on wsl --shutdown (IP change)
//     "sockets": [{ "protocol": "tcp", "address": "0.0.0.0", "port": 8080, "pid": 4242,
//                   "comm": "node", "inode": 50001, "uid": 1000, "state": "LISTEN",
//                   "remoteAddress": "0.0.0.0", "remotePort": 0 }]
//   },
//   "portProxy": [{ "kind": "v4tov4", "listenAddress": "0.0.0.0", "listenPort": 2222,
//                   "connectAddress": "172.23.21.232", "connectPort": 22 }],
//   "docker": { "hang": false },          // ../linux-bin/docker: true never answers; its output
//                                         //   is replay["ps --format {{json .}}"], else "cannot
//                                         //   connect to the Docker daemon" (exit 1)
//   "windows": {
//     "userProfile": "C:\\Users\\dev",
//     "uac": "accept",                    // "decline": Start-Process -Verb RunAs fails
//     "enumsAsStrings": false,            // PowerShell JSON enums as names instead of numbers
//     "hyperVFirewallSupported": true,    // false: Hyper-V cmdlets are "not recognized"
//     "firewallRules": [{ "name", "displayName", "enabled": true, "direction": "Inbound",
//                         "action": "Allow", "profile": "Private" | "Any" | ["Private","Public"],
//                         "protocol": "TCP", "localPort": "8080" | ["80","443"], "program": "Any",
//                         "remoteAddress": "Any" | "LocalSubnet" | ["100.64.0.0/10"] }],
//     "hyperVRules": [{ "name", "displayName", "enabled", "direction", "action", "vmCreatorId",
//                       "protocol", "localPorts", "profiles", "remoteAddresses" }],
//     "hyperVVmSetting": { "name", "enabled": "True", "defaultInboundAction": "Block",
//                          "defaultOutboundAction": "Allow", "loopbackEnabled": "True" },
//     "connectionProfiles": [{ "name", "interfaceAlias", "interfaceIndex", "networkCategory",
//                              "ipv4Connectivity" }],
//     "tcpListeners": [{ "localAddress", "localPort", "owningProcess" }],
//     "programData": "C:\\ProgramData",       // [Environment]::GetFolderPath('CommonApplicationData')
//     "directories": ["C:\\ProgramData"],     // folders and files the Keep LAN Exposures task writes
//     "files": { "<path>": "<text>" },
//     "scheduledTasks": [{ "name", "execute", "argument", "runLevel", "triggers" }]
//   }
// }
const fs = require('node:fs');
const path = require('node:path');

const WSL_VM_CREATOR_ID = '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}';

function defaultState() {
  return {
    wslInstalled: true,
    locale: 'en-US',
    defaultWslVersion: 2,
    distros: [
      { name: 'Ubuntu-24.04', state: 'Running', version: 2 },
      { name: 'docker-desktop', state: 'Stopped', version: 2 },
    ],
    defaultDistro: 'Ubuntu-24.04',
    // The sample of truth §6.3 (a real output quoted in microsoft/wslg #1173).
    versions: {
      wsl: '2.0.9.0',
      kernel: '5.15.133.1-1',
      wslg: '1.0.59',
      msrdc: '1.2.4677',
      direct3d: '1.611.1-81528511',
      dxcore: '10.0.25131.1002-220531-1700.rs-onecore-base2-hyp',
      windows: '10.0.22621.2861',
    },
    debugBuild: false,
    statusNotes: [],
    networkingMode: 'nat',
    linux: {
      exec: 'emulate',
      addresses: ['172.23.21.232'],
      eth0Prefix: 20,
      addressesAfterShutdown: null,
      sockets: [],
    },
    portProxy: [],
    windows: {
      userProfile: 'C:\\Users\\dev',
      uac: 'accept',
      enumsAsStrings: false,
      hyperVFirewallSupported: true,
      firewallRules: [],
      hyperVRules: [],
      hyperVVmSetting: {
        name: WSL_VM_CREATOR_ID,
        enabled: 'True',
        defaultInboundAction: 'Block',
        defaultOutboundAction: 'Allow',
        loopbackEnabled: 'True',
      },
      connectionProfiles: [
        {
          name: 'HomeNet',
          interfaceAlias: 'Wi-Fi',
          interfaceIndex: 12,
          networkCategory: 'Private',
          ipv4Connectivity: 'Internet',
        },
      ],
      tcpListeners: [{ localAddress: '0.0.0.0', localPort: 135, owningProcess: 1044 }],
      programData: 'C:\\ProgramData',
      directories: ['C:\\ProgramData'],
      files: {},
      scheduledTasks: [],
    },
  };
}

function stateDir() {
  const dir = process.env.WSL_NETWORK_FAKE_STATE;
  if (!dir) {
    process.stderr.write('fake: WSL_NETWORK_FAKE_STATE is not set\n');
    process.exit(99);
  }
  return dir;
}

function mergeDefaults(state) {
  const defaults = defaultState();
  return {
    ...defaults,
    ...state,
    versions: { ...defaults.versions, ...(state.versions || {}) },
    linux: { ...defaults.linux, ...(state.linux || {}) },
    windows: { ...defaults.windows, ...(state.windows || {}) },
  };
}

function readState() {
  const file = path.join(stateDir(), 'state.json');
  if (!fs.existsSync(file)) return defaultState();
  return mergeDefaults(JSON.parse(fs.readFileSync(file, 'utf8')));
}

function writeState(state) {
  fs.writeFileSync(path.join(stateDir(), 'state.json'), JSON.stringify(state, null, 2));
}

function isElevated() {
  return process.env.WSL_NETWORK_FAKE_ELEVATED === '1';
}

/** One JSON line per invocation: which tool, argv, elevation, WSL_UTF8 as received, cwd. */
function logCall(tool, argv, extra) {
  const line = {
    tool,
    argv,
    elevated: isElevated(),
    wslUtf8: process.env.WSL_UTF8 === undefined ? null : process.env.WSL_UTF8,
    wslenv: process.env.WSLENV === undefined ? null : process.env.WSLENV,
    cwd: process.cwd(),
    ...(extra || {}),
  };
  fs.appendFileSync(path.join(stateDir(), 'calls.jsonl'), JSON.stringify(line) + '\n');
}

/**
 * WSL_UTF8 as a Windows process would see it. Under interop (WSL_NETWORK_FAKE_INTEROP=1,
 * set by the test helper for the inside-WSL situation) Linux variables reach Windows only
 * when WSLENV names them.
 */
function effectiveWslUtf8() {
  if (process.env.WSL_NETWORK_FAKE_INTEROP === '1') {
    const shared = (process.env.WSLENV || '').split(':').map((entry) => entry.split('/')[0]);
    if (!shared.includes('WSL_UTF8')) return undefined;
  }
  return process.env.WSL_UTF8;
}

/**
 * wsl.exe's own text: the CRT text mode turns every "\n" into "\r\n" (so an embedded "\r\n"
 * becomes "\r\r\n"), and the stream is UTF-16LE without BOM unless WSL_UTF8 is exactly "1".
 */
function wslTextBytes(text) {
  const crlf = text.replace(/\n/g, '\r\n');
  return effectiveWslUtf8() === '1' ? Buffer.from(crlf, 'utf8') : Buffer.from(crlf, 'utf16le');
}

/** A real capture (test/fixtures/field) this invocation replays, or undefined. */
function replayFor(state, argv) {
  const entry = (state.replay || {})[argv.join(' ')];
  if (!entry) return undefined;
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'field', entry.capture), 'utf8');
  return { text, exitCode: entry.exitCode === undefined ? 0 : entry.exitCode };
}

function writeOut(bytes) {
  if (bytes.length > 0) fs.writeSync(1, bytes);
}

function writeErr(bytes) {
  if (bytes.length > 0) fs.writeSync(2, bytes);
}

module.exports = {
  WSL_VM_CREATOR_ID,
  defaultState,
  mergeDefaults,
  readState,
  writeState,
  stateDir,
  isElevated,
  logCall,
  effectiveWslUtf8,
  wslTextBytes,
  replayFor,
  writeOut,
  writeErr,
};
