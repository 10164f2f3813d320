/**
 * What `enqueue` takes: a folder (batch's discovery, so that names and reports match batch's) or a
 * manifest, a text file with one PDF path per line (blank lines and lines starting with # skipped),
 * relative to the manifest's folder.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { assignOutputNames, compareRel, discoverInputs, type BatchInput } from '../batch/discover.js';

export interface EnqueueInputs {
  inputs: BatchInput[];
  /** Files that are not PDFs, left alone (folders only). */
  ignored: number;
  /** Manifest lines or folders that could not be read, with a one-line reason. */
  missing: { rel: string; reason: string }[];
}

export class InputUsageError extends Error {
  override name = 'InputUsageError';
}

export async function collectInputs(source: string, opts: { recursive?: boolean } = {}): Promise<EnqueueInputs> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new InputUsageError(`${source}: no such folder or manifest`);
  if (info.isDirectory()) {
    const found = await discoverInputs(source, { recursive: opts.recursive });
    return { inputs: found.inputs, ignored: found.ignored, missing: found.unreadable };
  }
  return readManifest(source);
}

/**
 * The manifest's entries. An entry's name (its report's name and file.path) is its path relative to
 * the manifest's folder; an entry outside that folder is named by its absolute path without the
 * leading "/", so that no report is ever written outside the output folder.
 */
export async function readManifest(manifest: string): Promise<EnqueueInputs> {
  const base = path.dirname(path.resolve(manifest));
  const text = await readFile(manifest, 'utf8');
  const seen = new Set<string>();
  const found: Omit<BatchInput, 'outBase'>[] = [];
  const missing: EnqueueInputs['missing'] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const file = path.resolve(base, line);
    const rel = manifestName(base, file);
    if (seen.has(rel)) continue;
    seen.add(rel);
    const info = await stat(file).catch((e: NodeJS.ErrnoException) => e);
    if (info instanceof Error) missing.push({ rel: line, reason: info.code === 'ENOENT' ? 'no such file' : (info.code ?? 'cannot read') });
    else if (!info.isFile()) missing.push({ rel: line, reason: 'not a regular file' });
    else found.push({ file, rel, bytes: info.size });
  }
  found.sort((a, b) => compareRel(a.rel, b.rel));
  return { inputs: assignOutputNames(found), ignored: 0, missing };
}

export function manifestName(base: string, file: string): string {
  const rel = path.relative(base, file);
  const outside = rel.startsWith('..') || path.isAbsolute(rel);
  return (outside ? file.replace(/^[/\\]+/, '').replace(/^[A-Za-z]:[/\\]+/, '') : rel).split(path.sep).join('/');
}
