/**
 * How long the main thread's event loop is blocked while something runs: a 5 ms timer notes the
 * gaps between its ticks. A wall-clock gap also counts the time a loaded machine did not run the
 * process at all, so on Linux the main thread's own CPU time between ticks is measured too
 * (/proc/self/task/<pid>/stat, 10 ms resolution): a stall is CPU spent without yielding.
 */
import { readFileSync } from 'node:fs';

export interface LoopStalls {
  /** Longest wall-clock gap between ticks beyond the 5 ms period, ms. */
  maxGapMs: number;
  /** Most main-thread CPU time between two ticks, ms (NaN where /proc is not available). */
  maxCpuMs: number;
  /** Ticks after a gap of more than 100 ms (wall). */
  gapsOver100: number;
  /** Ticks after more than 100 ms of main-thread CPU. */
  cpuStallsOver100: number;
}

const TICK_MS = 1000 / 100; // USER_HZ on Linux

function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  } catch {
    return NaN;
  }
}

export function watchEventLoop(periodMs = 5): { stop(): LoopStalls } {
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const out: LoopStalls = { maxGapMs: 0, maxCpuMs: Number.isNaN(lastCpu) ? NaN : 0, gapsOver100: 0, cpuStallsOver100: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const gap = now - last - periodMs;
    last = now;
    out.maxGapMs = Math.max(out.maxGapMs, gap);
    if (gap > 100) out.gapsOver100++;
    const cpu = mainThreadCpuMs();
    if (!Number.isNaN(cpu)) {
      out.maxCpuMs = Math.max(out.maxCpuMs, cpu - lastCpu);
      if (cpu - lastCpu > 100) out.cpuStallsOver100++;
      lastCpu = cpu;
    }
  }, periodMs);
  return {
    stop() {
      clearInterval(timer);
      return { ...out, maxGapMs: Math.round(out.maxGapMs), maxCpuMs: Math.round(out.maxCpuMs) };
    },
  };
}
