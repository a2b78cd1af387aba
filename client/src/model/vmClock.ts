/**
 * When did the WSL VM (re)start, as far as this window knows? WSL reads `.wslconfig` only when
 * the VM starts, so "the file changed after the VM started" means "restart needed".
 *
 * Sources, best first:
 * - `uptime`: /proc/uptime of a running distro (the VM kernel's uptime) gives the start time;
 * - `our-restart`: we ran `wsl --shutdown`, so the VM started after that and before we saw it running;
 * - `observed-start`: we saw WSL stopped, later running: it started between the two observations;
 * - `first-seen`: it was running when we first looked, so it started at some unknown earlier time.
 * The answer is a window [notBefore, notAfter], and the comparison says "unknown" when the
 * file's modification time falls inside it.
 */

export type VmStartSource = 'uptime' | 'our-restart' | 'observed-start' | 'first-seen';

export interface VmStartWindow {
  readonly notBefore: number;
  readonly notAfter: number;
  readonly source: VmStartSource;
}

export type ConfigChange = 'yes' | 'no' | 'unknown';

/** Slack for clock granularity between file times and our own clock. */
const UPTIME_SLACK_MS = 2000;

export class VmStartTracker {
  private lastStoppedAt: number | undefined;
  private ourRestartAt: number | undefined;
  private window: VmStartWindow | undefined;
  private restartCount = 0;

  /**
   * How many times this window saw the VM start again after it had seen it before (stopped then
   * running, or a later start time from /proc/uptime). The first sighting is not a restart.
   */
  get restarts(): number {
    return this.restartCount;
  }

  /** One observation: is the VM running at `at`, and (if known) its uptime in seconds. */
  observe(at: number, running: boolean, uptimeSeconds?: number): void {
    if (!running) {
      this.lastStoppedAt = at;
      this.window = undefined;
      return;
    }
    const previous = this.window;
    if (previous === undefined && this.lastStoppedAt !== undefined) this.restartCount++;
    if (uptimeSeconds !== undefined && Number.isFinite(uptimeSeconds) && uptimeSeconds >= 0) {
      const start = at - uptimeSeconds * 1000;
      this.window = { notBefore: start - UPTIME_SLACK_MS, notAfter: start + UPTIME_SLACK_MS, source: 'uptime' };
      // Rebooted between two looks (e.g. `wsl --shutdown` in a terminal, then used again).
      if (previous?.source === 'uptime' && this.window.notBefore > previous.notAfter) this.restartCount++;
      return;
    }
    if (this.window !== undefined) return; // still the same run, as far as we can tell
    if (this.lastStoppedAt !== undefined) {
      const ours = this.ourRestartAt !== undefined && this.ourRestartAt >= this.lastStoppedAt;
      this.window = { notBefore: this.lastStoppedAt, notAfter: at, source: ours ? 'our-restart' : 'observed-start' };
      return;
    }
    this.window = { notBefore: Number.NEGATIVE_INFINITY, notAfter: at, source: 'first-seen' };
  }

  /** We ran `wsl --shutdown` at `at`: whatever runs later started after it. */
  noteOurRestart(at: number): void {
    this.ourRestartAt = at;
    this.lastStoppedAt = at;
    this.window = undefined;
  }

  get current(): VmStartWindow | undefined {
    return this.window;
  }
}

/** Did the file (modified at `mtimeMs`) change after the VM started? */
export function configChangedSinceStart(mtimeMs: number | undefined, window: VmStartWindow | undefined): ConfigChange {
  if (mtimeMs === undefined || window === undefined) return 'unknown';
  if (mtimeMs > window.notAfter) return 'yes';
  if (mtimeMs <= window.notBefore) return 'no';
  return 'unknown';
}

/** `/proc/uptime` → seconds since boot, or undefined. */
export function parseUptime(text: string): number | undefined {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s/.exec(text);
  return match ? Number(match[1]) : undefined;
}
