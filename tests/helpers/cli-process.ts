/**
 * The command line as real processes (tests/cli/cli-entry.ts, or the gated entry whose analyses wait
 * at a gate), with their output collected; `killAll` ends those still running (by their own pid).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const ENTRY = path.join(here, '..', 'cli', 'cli-entry.ts');
const GATED_ENTRY = path.join(here, 'gated-cli-entry.ts');

export interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function cliProcesses() {
  const running: ChildProcess[] = [];
  function run(args: string[], opts: { gate?: string } = {}): Run {
    const child = spawn(process.execPath, ['--import', 'tsx', opts.gate ? GATED_ENTRY : ENTRY, ...args], {
      cwd: root,
      env: { ...process.env, ...(opts.gate ? { REDACTMAP_TEST_GATE: opts.gate } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    return { child, stdout: () => stdout, stderr: () => stderr, done };
  }
  function killAll() {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  return { run, killAll };
}

/** Poll `cond` every 20 ms (no fixed wait: it returns as soon as the condition holds). */
export async function until(cond: () => boolean, what: string) {
  for (let i = 0; !cond(); i++) {
    if (i > 30000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
