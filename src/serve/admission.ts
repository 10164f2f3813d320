/**
 * Admission to the analysis slots: at most `slots` analyses run at once, at most `queue` more
 * requests wait in arrival order, and the rest are turned away at once (503) with an estimate of
 * when to come back. A request reserves its place when it arrives, before its body is read, so the
 * bodies held in memory never number more than `slots + queue`. Plain counters: no timers, so
 * tests need no clock.
 */

/** Retry-After before any analysis has finished (nothing to estimate from), seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 10;
/** Bounds of the Retry-After estimate, seconds. */
export const RETRY_AFTER_RANGE = { min: 1, max: 600 } as const;
/** Weight of the newest duration in the moving average of analysis times. */
export const DURATION_SMOOTHING = 0.2;

export class Admission {
  private running = 0;
  private reserved = 0;
  private readonly waiters: (() => void)[] = [];
  private meanSeconds: number | undefined;

  constructor(
    readonly slots: number,
    readonly queue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * A place for one request, from its arrival to its answer (a slot or a place in the queue):
   * its release function (calls after the first are ignored), or `undefined` when all are taken.
   */
  reserve(): (() => void) | undefined {
    if (this.reserved >= this.slots + this.queue) return undefined;
    this.reserved++;
    let released = false;
    return () => {
      if (!released) this.reserved--;
      released = true;
    };
  }

  /**
   * A slot for one analysis: resolves (at once, or when a slot frees up) to its release function,
   * which must be called exactly once. `undefined` when slots and queue are full.
   */
  enter(): Promise<() => void> | undefined {
    if (this.running < this.slots) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiters.length >= this.queue) return undefined;
    return new Promise((resolve) => this.waiters.push(() => resolve(this.releaser())));
  }

  /** Record how long an analysis took (for Retry-After). */
  observe(seconds: number): void {
    this.meanSeconds = this.meanSeconds === undefined ? seconds : this.meanSeconds + DURATION_SMOOTHING * (seconds - this.meanSeconds);
  }

  /** Seconds until a place is likely free: the queue ahead, served `slots` at a time. */
  retryAfterSeconds(): number {
    if (this.meanSeconds === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
    const rounds = (this.waiters.length + 1) / this.slots;
    return Math.min(RETRY_AFTER_RANGE.max, Math.max(RETRY_AFTER_RANGE.min, Math.ceil(this.meanSeconds * rounds)));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.running--;
    };
  }
}
