/**
 * What every suite that drives the cockpit against the stand-in Windows tools (test/fakes/windows-bin)
 * sets up, in this extension host process, and restores afterwards:
 *   WSL_NETWORK_FAKE_STATE=<a new temporary folder>  WSL_NETWORK_WINDOWS_TOOLS_DIR=<the stand-ins>
 *   WSL_NETWORK_DEMO=1
 * A runner may pass the same keys through the harness's EXT_ENV instead; a folder it names is used as
 * it is (and its state.json overwritten). The stand-ins are found through that folder only, in demo
 * mode only: PATH is never searched for Windows tools (client/src/host/windowsTools.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { WslNetworkApi } from '../../../client/src/extension';
import { fakeBinSourceDir, type FakeState, type FakeStateInput } from '../../fakes/fakeWindows';

export const EXTENSION_ID = 'wsl-network.wsl-network';

interface FakeStateLib {
  mergeDefaults(state: FakeStateInput): FakeState;
}

/** The stand-ins' state library: plain CommonJS next to the executables, found at run time. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = (): FakeStateLib => require(path.join(fakeBinSourceDir(), '..', 'lib', 'fakeState.js')) as FakeStateLib;

/** A complete stand-in state: what `state` says, the stand-ins' defaults for the rest. */
const fullState = (state: FakeStateInput = {}): FakeState => lib().mergeDefaults(state);

export class StandIns {
  /** The stand-ins' state folder (state.json, calls.jsonl, the demo user profile). */
  stateDir = '';
  private readonly saved: Record<string, string | undefined> = {};
  private createdStateDir = false;

  /** Sets a variable of this process's environment until restore(); undefined removes it. */
  setEnv(key: string, value: string | undefined): void {
    if (!(key in this.saved)) this.saved[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  /** Points the extension at the stand-ins; `prefix` names the temporary state folder. */
  prepare(prefix: string): void {
    const named = process.env['WSL_NETWORK_FAKE_STATE'];
    if (named) {
      this.stateDir = named;
      fs.mkdirSync(named, { recursive: true });
    } else {
      this.stateDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      this.createdStateDir = true;
      this.setEnv('WSL_NETWORK_FAKE_STATE', this.stateDir);
    }
    if (process.env['WSL_NETWORK_WINDOWS_TOOLS_DIR'] === undefined)
      this.setEnv('WSL_NETWORK_WINDOWS_TOOLS_DIR', fakeBinSourceDir());
    if (process.env['WSL_NETWORK_DEMO'] !== '1') this.setEnv('WSL_NETWORK_DEMO', '1');
  }

  /** The demo `.wslconfig`: `$WSL_NETWORK_FAKE_STATE/userprofile/.wslconfig`. */
  get wslconfig(): string {
    return path.join(this.stateDir, 'userprofile', '.wslconfig');
  }

  /**
   * Replaces the stand-ins' state atomically: a background refresh of the extension (window focus,
   * the status poll) may run a stand-in at any moment, and must never read a half-written file.
   * `state` is completed with the stand-ins' defaults; `clearCalls` also forgets the calls recorded so far.
   */
  writeState(state: FakeStateInput = {}, { clearCalls = true } = {}): void {
    this.writeFullState(fullState(state), { clearCalls });
  }

  /** The same, for a state that is already complete (one read back from state.json and changed). */
  writeFullState(state: FakeState, { clearCalls = true } = {}): void {
    const temp = path.join(this.stateDir, `state.${process.pid}.tmp`);
    fs.writeFileSync(temp, JSON.stringify(state, null, 2));
    fs.renameSync(temp, path.join(this.stateDir, 'state.json'));
    if (clearCalls) fs.rmSync(path.join(this.stateDir, 'calls.jsonl'), { force: true });
  }

  /** Activates the extension and has it look at the host again, which is now the stand-ins. */
  async activate(): Promise<WslNetworkApi> {
    const extension = vscode.extensions.getExtension<WslNetworkApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const api = await extension.activate();
    await api.refresh();
    assert.strictEqual(api.demo, true, 'the extension should be in demo mode');
    return api;
  }

  /**
   * Puts the environment back as it was, lets the extension look at the host again, and removes a
   * state folder prepare() created.
   */
  async restore(api: WslNetworkApi | undefined): Promise<void> {
    for (const [key, value] of Object.entries(this.saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await api?.refresh();
    if (this.createdStateDir) fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}
