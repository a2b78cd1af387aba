// Extension activation in a real VS Code: each run starts a fresh code-server through the test harness,
// runs only test/vscode/suite/activation.test.ts, and reads the timings the extension recorded
// (the `activation-timings {json}` line). Cold runs: a new server, a new extension host, a new
// language server every time (started by opening the workspace's .wslconfig: none runs before).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, findVscodeHost } from '../vscode/paths.mjs';

const HARNESS = path.join(REPO_ROOT, 'test', 'vscode', 'harness.mjs');
const TIMINGS_LINE = /activation-timings (\{.*\})/;

/**
 * @returns {{ skipped: string } | { runs: { cockpitReadyMs: number, activateMs: number, serverProcessesBeforeOpen: number, languageServerStartMs: number, editorShownMs: number, firstDiagnosticsMs: number }[], failures: string[] }}
 */
export function measureActivation(runCount) {
  const host = findVscodeHost();
  if (host.missing.length > 0)
    return { skipped: `VS Code host not installed (${host.missing.join(', ')}); run scripts/setup-vscode-host.sh` };
  const runs = [];
  const failures = [];
  for (let i = 0; i < runCount; i++) {
    const result = spawnSync(process.execPath, [HARNESS, '--grep', 'activation'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, TEST_TIMEOUT_S: '150' },
    });
    const found = TIMINGS_LINE.exec(result.stdout ?? '');
    if (result.status === 0 && found) runs.push(JSON.parse(found[1]));
    else
      failures.push(
        `run ${i + 1}: exit ${result.status ?? result.signal}: ${(result.stdout ?? '').split('\n').filter(Boolean).slice(-3).join(' | ')}`,
      );
  }
  return { runs, failures };
}
