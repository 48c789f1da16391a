/**
 * When the server process dies: restart it, tell the user once per session, and stop restarting if it
 * keeps crashing (a crash loop would otherwise spin forever and flood the output channel).
 * Pure: no `vscode` import, the clock is passed in.
 */

export interface CrashDecision {
  restart: boolean;
  /** True only for the first crash of the session that is restarted. */
  notifyUser: boolean;
}

export class CrashRestartPolicy {
  private readonly crashTimes: number[] = [];
  private userNotified = false;

  constructor(
    /** More crashes than this inside `windowMs` and we give up. */
    private readonly maxCrashes = 5,
    private readonly windowMs = 3 * 60 * 1000,
  ) {}

  onServerClosed(now: number): CrashDecision {
    this.crashTimes.push(now);
    while (this.crashTimes.length > 0 && now - this.crashTimes[0]! > this.windowMs) {
      this.crashTimes.shift();
    }
    if (this.crashTimes.length > this.maxCrashes) {
      return { restart: false, notifyUser: true };
    }
    const notifyUser = !this.userNotified;
    this.userNotified = true;
    return { restart: true, notifyUser };
  }

  /** After a deliberate restart by the user the crash history no longer says anything. */
  reset(): void {
    this.crashTimes.length = 0;
  }
}
