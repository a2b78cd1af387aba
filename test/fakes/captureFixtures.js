#!/usr/bin/env node
'use strict';
// Regenerates the fake-produced fixtures listed in test/fixtures/windows-output/generated.json
// by running the stand-in executables exactly as the drift test does.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const fixturesDir = path.join(__dirname, '..', 'fixtures', 'windows-output');
const binDir = path.join(__dirname, 'windows-bin');
const { mergeDefaults } = require('./lib/fakeState.js');

function runFixture(spec) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-capture-'));
  try {
    fs.writeFileSync(path.join(stateDir, 'state.json'), JSON.stringify(mergeDefaults(spec.state || {})));
    const env = {
      ...process.env,
      WSL_NETWORK_FAKE_STATE: stateDir,
      PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    };
    delete env.WSL_UTF8;
    delete env.WSLENV;
    if (spec.utf8) env.WSL_UTF8 = '1';
    const child = spawnSync(path.join(binDir, spec.tool), spec.args, { env, cwd: stateDir });
    return { stdout: child.stdout, status: child.status };
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

module.exports = { runFixture, fixturesDir };

if (require.main === module) {
  const { fixtures } = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'generated.json'), 'utf8'));
  for (const spec of fixtures) {
    const { stdout, status } = runFixture(spec);
    if (status !== (spec.exitCode ?? 0))
      throw new Error(`${spec.file}: exit ${status}, expected ${spec.exitCode ?? 0}`);
    fs.writeFileSync(path.join(fixturesDir, spec.file), stdout);
    console.log(`${spec.file}: ${stdout.length} bytes`);
  }
}
