/**
 * Run commands as real processes and measure them: wall time (process start included), CPU time
 * (user + system, the process and every child it waited for, via GNU time) and peak memory (the
 * largest resident set of one process, via GNU time; and the peak of the whole process tree,
 * summed over its processes at each 50 ms sample of /proc).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Measured {
  wallMs: number;
  /** User + system CPU of the process and its waited-for children; NaN without GNU time. */
  cpuMs: number;
  /** Largest resident set of one process (GNU time), MiB; NaN without it. */
  peakRssMiB: number;
  /** Peak of the summed resident sets of the process tree (sampled), MiB; NaN without /proc. */
  treePeakMiB: number;
  /** What made up the tree at its peak: each process's program, threads and resident set ('' without /proc). */
  treePeakParts?: string;
  exitCode: number;
  stdout: string;
  stderrTail: string;
}

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME) && spawnOk(GNU_TIME, ['-f', '%e', 'true']);
const hasProc = existsSync('/proc/self/status');

function spawnOk(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

function cmdlineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return undefined;
  }
}

/**
 * Resident memory (bytes) of pid and all its descendants, now. A child that is still the copy of
 * its parent a fork made (its command line is the parent's: spawn() forks, then the child runs the
 * new program) is not counted: its pages are the parent's, shared copy-on-write, yet its resident
 * set shows all of them. Counting it added the analysis process's whole size (~200-360 MiB) to the
 * scan's peak whenever a sample fell between a tesseract spawn's fork and exec.
 */
export function treeRss(pid: number): number {
  return treeProcesses(pid).reduce((t, p) => t + p.rss, 0);
}

/** A process of a tree: its program's name, threads, resident set (bytes). */
export interface TreeProcess {
  pid: number;
  name: string;
  threads: number;
  rss: number;
}

function statusOf(pid: number): { rss: number; threads: number; name: string } {
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    const num = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(st)?.[1] ?? 0);
    return { rss: num('VmRSS') * 1024, threads: num('Threads'), name: /Name:\s+(\S+)/.exec(st)?.[1] ?? '?' };
  } catch {
    return { rss: 0, threads: 0, name: '?' };
  }
}

/** pid and its descendants now, leaving out a child that is still its parent's fork (see treeRss). */
export function treeProcesses(pid: number): TreeProcess[] {
  const out: TreeProcess[] = [];
  const stack: [number, string | undefined][] = [[pid, undefined]];
  while (stack.length) {
    const [p, parentCmd] = stack.pop()!;
    const cmd = cmdlineOf(p);
    if (parentCmd !== undefined && cmd === parentCmd) continue;
    const st = statusOf(p);
    if (st.rss > 0) out.push({ pid: p, ...st });
    for (const c of childrenOf(p)) stack.push([c, cmd]);
  }
  return out;
}

/** A tree's processes in one line: "node 4t 310 + tesseract 45, 41 ..." (MiB), largest first. */
export function describeTree(procs: TreeProcess[]): string {
  return [...procs]
    .sort((a, b) => b.rss - a.rss)
    .map((p) => `${p.name}${p.threads > 1 ? `(${p.threads}t)` : ''} ${Math.round(p.rss / 1048576)}`)
    .join(' + ');
}

/** Run one command to its end; stdout is kept when `keepStdout`, else discarded. */
export async function measure(cmd: string, args: string[], opts: { env?: Record<string, string>; keepStdout?: boolean } = {}): Promise<Measured> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redactmap-bench-'));
  const timeFile = path.join(dir, 'time');
  const [file, argv] = hasGnuTime ? [GNU_TIME, ['-o', timeFile, '-f', '%e %U %S %M', cmd, ...args]] : [cmd, args];
  const start = process.hrtime.bigint();
  const child = spawn(file, argv, { env: { ...process.env, ...opts.env }, stdio: ['ignore', opts.keepStdout ? 'pipe' : 'ignore', 'pipe'] });
  let stdout = '';
  let stderrTail = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d));
  child.stderr?.on('data', (d: Buffer) => (stderrTail = (stderrTail + d).slice(-2000)));
  let treePeak = 0;
  let treePeakParts = '';
  const sample = () => {
    if (!child.pid) return;
    const procs = treeProcesses(child.pid);
    const total = procs.reduce((t, p) => t + p.rss, 0);
    if (total > treePeak) [treePeak, treePeakParts] = [total, describeTree(procs)];
  };
  const timer = hasProc ? setInterval(sample, 50) : undefined;
  const exitCode: number = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  clearInterval(timer);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let cpuMs = NaN;
  let peakRssMiB = NaN;
  if (hasGnuTime) {
    try {
      const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
      const [, user, sys, maxKb] = last.split(' ').map(Number);
      cpuMs = (user + sys) * 1000;
      peakRssMiB = maxKb / 1024;
    } catch {
      /* no figures */
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, cpuMs, peakRssMiB, treePeakMiB: hasProc ? treePeak / 1024 / 1024 : NaN, treePeakParts, exitCode, stdout, stderrTail };
}

/** Run several commands at once; wall time until the last ends, CPU summed, peaks summed. */
export async function measureTogether(cmds: [string, string[]][], opts: { env?: Record<string, string> } = {}): Promise<Measured> {
  const start = process.hrtime.bigint();
  const runs = await Promise.all(cmds.map(([c, a]) => measure(c, a, opts)));
  return {
    wallMs: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: runs.reduce((s, r) => s + r.cpuMs, 0),
    peakRssMiB: runs.reduce((s, r) => s + r.peakRssMiB, 0),
    treePeakMiB: runs.reduce((s, r) => s + r.treePeakMiB, 0),
    exitCode: runs.find((r) => r.exitCode !== 0)?.exitCode ?? 0,
    stdout: runs.map((r) => r.stdout).join(''),
    stderrTail: runs.map((r) => r.stderrTail).join(''),
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
