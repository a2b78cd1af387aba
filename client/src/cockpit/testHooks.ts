/**
 * The one capability that lets a caller run a command without its dialogs: only our own test
 * suite has it. `executeCommand(id, { confirm: false })` is open to anyone who can run a command:
 * another extension, or a `command:` link in Markdown that VS Code trusts. Such a caller's
 * `confirm: false` is ignored and the dialogs are shown. The test harness (test/vscode/harness.mjs)
 * starts the extension host with WSL_NETWORK_TEST_HOOKS=1; activation reads it once and then makes
 * a random token, handed out only through the API that `activate()` returns in that mode. A call
 * skips the dialogs only when it carries that token.
 */
import * as crypto from 'node:crypto';
import type { UserIdentity } from '../host/writeAccess';
import type { Prompter } from './prompts';

export const TEST_HOOKS_VARIABLE = 'WSL_NETWORK_TEST_HOOKS';

export interface TestHooks {
  /** Pass as `testToken` next to `confirm: false`. */
  readonly token: string;
  /**
   * Stands in for VS Code's dialogs on calls without the token, so a test can see that such a
   * call asks (and answer it) instead of leaving a modal dialog open in the test workbench.
   */
  interactivePrompter?: Prompter;
  /**
   * Stands in for an extension host inside a distro (the test machine is not one), for "Save as
   * Root" of a configuration file opened from disk: the distro this window would run in (with
   * interop on, so root writes go through the stand-in `wsl.exe -d <distro> -u root`), the folder
   * that stands for its "/" (the stand-in's fake distro root), and the user VS Code would run as.
   */
  insideDistro?: { readonly distro: string; readonly root: string; readonly identity: UserIdentity };
}

/** The hooks when the test harness asked for them (read once, at activation), otherwise undefined. */
export function readTestHooks(env: NodeJS.ProcessEnv): TestHooks | undefined {
  if (env[TEST_HOOKS_VARIABLE] !== '1') return undefined;
  return { token: crypto.randomBytes(24).toString('hex') };
}

/** True when the call may skip its dialogs: it asks for that and proves it is our test suite. */
export function mayRunWithoutDialogs(
  hooks: TestHooks | undefined,
  options: { readonly confirm?: unknown; readonly testToken?: unknown },
): boolean {
  if (options.confirm !== false) return false;
  if (!hooks) return false;
  const given = typeof options.testToken === 'string' ? Buffer.from(options.testToken) : Buffer.alloc(0);
  const expected = Buffer.from(hooks.token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
