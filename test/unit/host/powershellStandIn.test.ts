// The PowerShell stand-in must treat errors the way Windows PowerShell 5.1 does: a cmdlet's own
// error (object not found, access denied) is non-terminating unless -ErrorAction Stop or
// $ErrorActionPreference = 'Stop', and `try/catch` only sees terminating errors.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { buildQueryScript, splitQueryOutput } from '../../../client/src/host/powershellQueries';
import { createFakeWindows, type FakeWindows } from '../../fakes/fakeWindows';

let fake: FakeWindows | undefined;
afterEach(() => {
  fake?.dispose();
  fake = undefined;
});

function powershell(script: string): { stdout: string; stderr: string; status: number | null } {
  const f = fake as FakeWindows;
  const exe = path.join(f.binDir, 'powershell.exe');
  const child = spawnSync(exe, ['-NoProfile', '-NonInteractive', '-Command', script], { env: f.env, encoding: 'utf8' });
  return { stdout: child.stdout.replace(/\r/g, ''), stderr: child.stderr.replace(/\r/g, ''), status: child.status };
}

const MISSING = "Get-NetFirewallHyperVVMSetting -PolicyStore ActiveStore -Name 'nope'";
const JSON_TAIL = ' | Select-Object Name | ConvertTo-Json -Depth 3 -Compress';

describe('PowerShell stand-in error handling', () => {
  it('a cmdlet error without -ErrorAction Stop goes to stderr and the script carries on (exit 0: the last statement succeeded)', () => {
    fake = createFakeWindows();
    const run = powershell(`${MISSING}${JSON_TAIL}; Write-Output 'after'`);
    assert.equal(run.stdout, 'after\n');
    assert.match(run.stderr, /^Get-NetFirewallHyperVVMSetting : No MSFT_NetFirewallHyperVVMSetting objects found/);
    assert.equal(run.status, 0);
  });

  it('the failing statement last gives exit code 1 and prints no JSON', () => {
    fake = createFakeWindows();
    const run = powershell(`Write-Output 'before'; ${MISSING}${JSON_TAIL}`);
    assert.equal(run.stdout, 'before\n');
    assert.equal(run.status, 1);
  });

  it('try/catch does not see a non-terminating error', () => {
    fake = createFakeWindows();
    const run = powershell(
      `Write-Output '@@part x'; try { ${MISSING}${JSON_TAIL} } catch { Write-Output ('@@error ' + $_.Exception.Message) }`,
    );
    assert.equal(run.stdout, '@@part x\n');
  });

  it('-ErrorAction Stop makes it terminating: caught by try/catch, or ending the script', () => {
    fake = createFakeWindows();
    const caught = powershell(
      `Write-Output '@@part x'; try { ${MISSING} -ErrorAction Stop${JSON_TAIL} } catch { Write-Output ('@@error ' + $_.Exception.Message) }; Write-Output 'after'`,
    );
    assert.match(caught.stdout, /^@@part x\n@@error No MSFT_NetFirewallHyperVVMSetting objects found.*\nafter\n$/);
    const stopped = powershell(`${MISSING} -ErrorAction Stop${JSON_TAIL}; Write-Output 'after'`);
    assert.equal(stopped.stdout, '');
    assert.equal(stopped.status, 1);
  });

  it("$ErrorActionPreference = 'Stop' makes every cmdlet error terminating", () => {
    fake = createFakeWindows();
    const run = powershell(`$ErrorActionPreference = 'Stop'; ${MISSING}${JSON_TAIL}; Write-Output 'after'`);
    assert.equal(run.stdout, '');
    assert.equal(run.status, 1);
  });

  it('our query script: each part that fails reports its error, the others still print', () => {
    fake = createFakeWindows({ state: { windows: { hyperVFirewallSupported: false } } });
    const run = powershell(buildQueryScript(['hyperVRules', 'connectionProfiles']));
    const parts = splitQueryOutput(run.stdout);
    assert.equal(parts.get('hyperVRules')?.ok, false);
    assert.equal(parts.get('connectionProfiles')?.ok, true);
    assert.equal(run.status, 0);
  });
});
