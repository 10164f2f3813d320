/**
 * Checks made on the command line before any work starts: settings in range (through
 * resolveSettings, the one place that knows the ranges), the password read from --password-file,
 * and output paths of the right kind. Each failure is a UsageError: exit code 2 and one line.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolveSettings, SettingsError, type SettingsInput } from '../settings.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Validate settings given on the command line; a value out of range is a UsageError. */
export function checkSettings(input: SettingsInput): SettingsInput {
  try {
    resolveSettings(input);
  } catch (e) {
    if (e instanceof SettingsError) throw new UsageError(e.message);
    throw e;
  }
  return input;
}

/** The password: --password, or the first line of --password-file (its line break dropped). */
export async function readPassword(opts: { password?: string; passwordFile?: string }): Promise<string | undefined> {
  if (opts.passwordFile === undefined) return opts.password;
  if (opts.password !== undefined) throw new UsageError('give --password or --password-file, not both');
  let text: string;
  try {
    text = await readFile(opts.passwordFile, 'utf8');
  } catch (e) {
    throw new UsageError(`--password-file ${opts.passwordFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return text.replace(/\r?\n[\s\S]*$/, '');
}

/** An output path that must be a folder (or not exist yet). */
export async function checkFolder(option: string, dir: string | undefined): Promise<void> {
  if (dir === undefined) return;
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`${option} ${dir}: is a file (it must be a folder, created when missing)`);
}

/** An output path that must be a file (or not exist yet). */
export async function checkFile(option: string, file: string | undefined): Promise<void> {
  if (file === undefined) return;
  if (file === '') throw new UsageError(`${option}: needs a file name`);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) throw new UsageError(`${option} ${file}: is a folder (it must be a file)`);
}

/** "1.6 MB", "12 kB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} bytes`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
