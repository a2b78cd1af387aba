// Demo mode for a harness run (the UI smoke, the installed .vsix, the README's pictures).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, SAMPLE_WORKSPACE } from './paths.mjs';

/**
 * Demo mode for a harness run: the stand-ins (named by WSL_NETWORK_WINDOWS_TOOLS_DIR, never found on
 * PATH) with the seeded demo state, and a copy of
 * the sample workspace whose .wslconfig is the simulated %UserProfile%\.wslconfig (as in `npm start`),
 * so nothing the UI does touches a tracked file.
 */
export function demoEnvironment() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsl-network-demo-'));
  const state = path.join(dir, 'state');
  const workspace = path.join(dir, 'workspace');
  fs.mkdirSync(state);
  fs.copyFileSync(path.join(REPO_ROOT, 'test/fakes/demoState.json'), path.join(state, 'state.json'));
  fs.cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
  const extEnv = {
    WSL_NETWORK_DEMO: '1',
    WSL_NETWORK_FAKE_STATE: state,
    USERPROFILE: workspace,
    WSL_NETWORK_WINDOWS_TOOLS_DIR: path.join(REPO_ROOT, 'test/fakes/windows-bin'),
  };
  return {
    env: { EXT_ENV: JSON.stringify(extEnv), WORKSPACE: workspace },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
