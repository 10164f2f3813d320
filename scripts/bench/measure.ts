/** Run a command as a real process and measure wall time and peak RSS (its own, via a preload). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const preload = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

export interface Run {
  wallMs: number;
  peakRssMiB: number;
  exitCode: number;
  stdoutBytes: number;
}

/** Run `node <script> ...args`; wall time includes process start. */
export async function runNode(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redactmap-bench-'));
  const rssFile = path.join(dir, 'rss');
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', preload, script, ...args], {
    env: { ...process.env, ...env, REDACTMAP_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdoutBytes = 0;
  child.stdout.on('data', (d: Buffer) => (stdoutBytes += d.length));
  const exitCode: number = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let peakRssMiB = NaN;
  try {
    peakRssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  } catch {
    /* the process died before its exit hook */
  }
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, peakRssMiB, exitCode, stdoutBytes };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
