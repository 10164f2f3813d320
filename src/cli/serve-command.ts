/** `redactmap serve`: run the HTTP service until SIGTERM or Ctrl-C (see src/serve/app.ts). */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { oneLine } from '../errors.js';
import type { PoolOptions } from '../batch/pool.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, resolveSettings, SettingsError } from '../settings.js';
import { buildServer } from '../serve/app.js';
import { QUEUE_PER_SLOT } from '../serve/defaults.js';
import type { Io } from './analyze-command.js';
import { EXIT } from './exit-codes.js';

export interface ServeCommandOptions {
  host: string;
  port: number;
  jobs?: number;
  queue?: number;
  maxBytes: number;
  timeout?: number;
  /** Memory ceiling of each analysis, MiB (--max-memory). */
  maxMemory?: number;
  token?: string;
}

/** Seams for tests: the worker module of the analysis pool. */
export interface CommandHooks {
  pool?: Partial<PoolOptions>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Runs until SIGTERM/SIGINT; resolves to the exit code (0 after a graceful stop). */
export async function runServeCommand(opts: ServeCommandOptions, io: Io, hooks: CommandHooks = {}): Promise<number> {
  const jobs = opts.jobs ?? os.availableParallelism();
  const queue = opts.queue ?? jobs * QUEUE_PER_SLOT;
  const token = opts.token ?? (process.env.REDACTMAP_TOKEN || undefined);
  const limits = { timeoutSeconds: opts.timeout ?? DEFAULT_TIMEOUT_SECONDS, maxMemoryMb: opts.maxMemory ?? DEFAULT_MAX_MEMORY_MB };
  try {
    resolveSettings(limits);
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    io.stderr(`redactmap: ${e.message}\n`);
    return EXIT.usage;
  }
  const server = buildServer({ jobs, queue, maxBytes: opts.maxBytes, limits, token, pool: hooks.pool });
  try {
    await server.app.listen({ host: opts.host, port: opts.port });
  } catch (e) {
    io.stderr(`redactmap: cannot listen on ${opts.host}:${opts.port} (${(e as NodeJS.ErrnoException).code ?? oneLine(e)})\n`);
    await server.close().catch(() => undefined);
    return EXIT.failed;
  }
  const addr = server.app.server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  io.stderr(`redactmap: listening on http://${host}:${addr.port} (${jobs} analyses at once, ${queue} waiting, token ${token ? 'required' : 'not set'})\n`);
  if (!LOOPBACK.has(opts.host) && !token) io.stderr('redactmap: warning: listening beyond this machine without --token: anyone who can reach it may use it\n');

  const force = () => void server.abort();
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      io.stderr(`redactmap: ${signal}: shutting down (${server.admission.active} running, ${server.admission.waiting} waiting; new requests refused)\n`);
      process.removeListener('SIGTERM', stop);
      process.removeListener('SIGINT', stop);
      // a second signal stops the running analyses too
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  await server.close();
  process.removeListener('SIGTERM', force);
  process.removeListener('SIGINT', force);
  io.stderr('redactmap: stopped\n');
  return EXIT.ok;
}
