/**
 * Reaching Redis: `--redis redis://[user:password@]host[:port][/db]` (rediss:// for TLS), checked
 * with one PING before any work so that a wrong address is one clear line, not a hang.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { oneLine } from '../errors.js';

/** Time allowed to connect for the PING, ms. */
export const CONNECT_TIMEOUT_MS = 5000;

export class RedisUsageError extends Error {
  override name = 'RedisUsageError';
}
export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/** ioredis options of a redis:// URL (throws RedisUsageError when it is not one). */
export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisUsageError(`--redis ${url}: not a URL (redis://host:port)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new RedisUsageError(`--redis ${url}: must start with redis:// or rediss://`);
  const db = u.pathname.replace(/^\//, '');
  if (db && !/^\d+$/.test(db)) throw new RedisUsageError(`--redis ${url}: the database after the host must be a number`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** One PING with no retries: RedisUnreachableError names the address and the reason. */
export async function checkRedis(url: string): Promise<void> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: unknown;
  client.on('error', (e) => (cause ??= e)); // the socket's error (ECONNREFUSED, ...), reported below
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const why = (cause ?? e) as NodeJS.ErrnoException;
    throw new RedisUnreachableError(`cannot reach Redis at ${redactedUrl(url)} (${why.code ?? oneLine(why)})`);
  } finally {
    client.disconnect();
  }
}
