/**
 * Batch inputs: find the PDFs in a folder and give each one a unique output name.
 *
 * A file is an input when its name ends in .pdf (any case; it gets an error entry if it is not a
 * PDF after all) or when its content starts like a PDF ("%PDF-" in the first 1024 bytes), whatever
 * its name. Hidden files and folders (leading ".") are skipped, as is the output folder when it
 * lies inside the input folder. Symbolic links are followed, each real folder visited once. A link
 * that loops (ELOOP) is an input whatever its name, and a broken link named .pdf is one too: each
 * gets an error entry in the index rather than vanishing from it.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FailureCode } from '../errors.js';
import { hasPdfHeader } from '../load/open-pdf.js';

export interface BatchInput {
  /** Absolute path. */
  file: string;
  /** Path relative to the input folder, "/"-separated: the key of the entry in index.json. */
  rel: string;
  bytes: number;
  /** Output name without extension, relative to the output folder, "/"-separated. */
  outBase: string;
  /** Set when the input cannot even be opened (a symbolic link loop, a broken link): it gets an error entry. */
  error?: { code: FailureCode; message: string };
}

export interface Discovery {
  inputs: BatchInput[];
  /** Files seen that are neither named .pdf nor start like a PDF. */
  ignored: number;
  /** Folders that could not be read (relative paths, one-line reasons). */
  unreadable: { rel: string; reason: string }[];
}

/** Names at the top of the output folder that no report may take. */
export const RESERVED_OUTPUT_NAMES = ['index'];

const SNIFF_BYTES = 1024;

/** Code-unit order: the same on every machine and locale. */
export function compareRel(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function discoverInputs(
  folder: string,
  opts: { recursive?: boolean; exclude?: string[] } = {},
): Promise<Discovery> {
  const root = await realpath(folder);
  const exclude = new Set<string>();
  for (const e of opts.exclude ?? []) exclude.add(await realpath(e).catch(() => path.resolve(e)));
  const visited = new Set<string>([root]);
  const found: Omit<BatchInput, 'outBase'>[] = [];
  const unreadable: Discovery['unreadable'] = [];
  let ignored = 0;

  const walk = async (dir: string, relDir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ rel: relDir || '.', reason: (e as NodeJS.ErrnoException).code ?? 'cannot read folder' });
      return;
    }
    entries.sort((a, b) => compareRel(a.name, b.name));
    for (const ent of entries) {
      if (ent.name.startsWith('.')) continue;
      const full = path.join(dir, ent.name);
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      let size = -1;
      if (ent.isSymbolicLink()) {
        let info;
        try {
          info = await stat(full);
        } catch (e) {
          const broken = brokenLink(e, ent.name);
          if (broken) found.push({ file: full, rel, bytes: 0, error: broken });
          continue;
        }
        isDir = info.isDirectory();
        isFile = info.isFile();
        size = info.size;
      }
      if (isDir) {
        if (!opts.recursive) continue;
        const real = await realpath(full).catch(() => undefined);
        if (!real || visited.has(real) || exclude.has(real)) continue;
        visited.add(real);
        await walk(full, rel);
      } else if (isFile) {
        if (size < 0) size = (await stat(full).catch(() => undefined))?.size ?? 0;
        if (/\.pdf$/i.test(ent.name) || (await looksLikePdf(full))) found.push({ file: full, rel, bytes: size });
        else ignored++;
      }
    }
  };
  await walk(root, '');
  // keep the paths as the user gave them (not the resolved real path)
  const base = path.resolve(folder);
  for (const f of found) f.file = path.join(base, ...f.rel.split('/'));
  found.sort((a, b) => compareRel(a.rel, b.rel));
  return { inputs: assignOutputNames(found), ignored, unreadable };
}

/** The error entry of a link that cannot be followed, or undefined when it is not an input. */
function brokenLink(e: unknown, name: string): BatchInput['error'] | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return { code: 'not-found', message: 'symbolic link loop (ELOOP)' };
  if (/\.pdf$/i.test(name)) return { code: 'not-found', message: `broken symbolic link (${code ?? 'cannot follow'})` };
  return undefined;
}

async function looksLikePdf(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buf = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return bytesRead > 0 && hasPdfHeader(buf.subarray(0, bytesRead));
  } catch {
    return false;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Output names: the relative path with a ".pdf" extension dropped ("sub/a.pdf" → "sub/a", then
 * sub/a.json, sub/a.md, sub/a.overlays/). When two inputs would share a name (compared without
 * case, for case-insensitive file systems), or a top-level input would take index.json, those
 * inputs keep their whole file name ("a.pdf" → "a.pdf.json"), with a counter as the last resort.
 * Deterministic: depends only on the sorted list of relative paths.
 */
export function assignOutputNames<T extends { rel: string }>(inputs: T[]): (T & { outBase: string })[] {
  const preferred = inputs.map((i) => i.rel.replace(/\.pdf$/i, ''));
  const count = new Map<string, number>();
  for (const name of RESERVED_OUTPUT_NAMES) count.set(name, 2);
  for (const p of preferred) count.set(p.toLowerCase(), (count.get(p.toLowerCase()) ?? 0) + 1);
  const clash = (p: string) => (count.get(p.toLowerCase()) ?? 0) > 1;
  const used = new Set<string>(RESERVED_OUTPUT_NAMES);
  // first the names nobody else wants, then the rest in sorted order
  for (const p of preferred) if (!clash(p)) used.add(p.toLowerCase());
  return inputs.map((input, k) => {
    const p = preferred[k];
    if (!clash(p)) return { ...input, outBase: p };
    let name = input.rel;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${input.rel}~${n}`;
    used.add(name.toLowerCase());
    return { ...input, outBase: name };
  });
}
