import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assignOutputNames, discoverInputs } from '../../src/batch/discover.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-discover-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PDF = '%PDF-1.7\n%...\n';

function tree(root: string, files: Record<string, string>) {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
}

describe('discoverInputs', () => {
  const root = path.join(tmp, 'in');
  tree(root, {
    'b.pdf': PDF,
    'a.PDF': PDF,
    'scan0001': PDF, // a PDF by content, no extension
    'junk-with-header.bin': 'garbage\n%PDF-1.4 after some junk', // readers allow leading junk
    'notes.txt': 'not a pdf',
    'fake.pdf': 'a text file named .pdf',
    '.hidden.pdf': PDF,
    'sub/c.pdf': PDF,
    'sub/deeper/d.pdf': PDF,
    '.git/e.pdf': PDF,
    'out/old.pdf': PDF,
  });

  it('finds PDFs by extension or by content, sorted, skipping hidden files and the rest', async () => {
    const found = await discoverInputs(root);
    expect(found.inputs.map((i) => i.rel)).toEqual(['a.PDF', 'b.pdf', 'fake.pdf', 'junk-with-header.bin', 'scan0001']);
    expect(found.ignored).toBe(1); // notes.txt
    const a = found.inputs[0];
    expect(a.file).toBe(path.join(root, 'a.PDF'));
    expect(a.bytes).toBe(PDF.length);
    expect(a.outBase).toBe('a');
  });

  it('descends with recursive, with "/"-separated relative paths, leaving out the output folder', async () => {
    const found = await discoverInputs(root, { recursive: true, exclude: [path.join(root, 'out')] });
    expect(found.inputs.map((i) => i.rel)).toEqual([
      'a.PDF',
      'b.pdf',
      'fake.pdf',
      'junk-with-header.bin',
      'scan0001',
      'sub/c.pdf',
      'sub/deeper/d.pdf',
    ]);
    expect(found.inputs.map((i) => i.outBase)).toEqual(['a', 'b', 'fake', 'junk-with-header.bin', 'scan0001', 'sub/c', 'sub/deeper/d']);
  });

  it('follows symbolic links, visiting each real folder once', async () => {
    const r = path.join(tmp, 'links');
    tree(r, { 'x/one.pdf': PDF });
    symlinkSync(path.join(r, 'x'), path.join(r, 'y'));
    symlinkSync(r, path.join(r, 'x', 'loop'));
    symlinkSync(path.join(r, 'missing.pdf'), path.join(r, 'dangling.pdf'));
    symlinkSync(path.join(r, 'missing.txt'), path.join(r, 'dangling.txt'));
    const found = await discoverInputs(r, { recursive: true });
    // a broken link named .pdf is an input that cannot be opened: listed with its reason
    expect(found.inputs.map((i) => [i.rel, i.error?.message ?? null])).toEqual([
      ['dangling.pdf', 'broken symbolic link (ENOENT)'],
      ['x/one.pdf', null],
    ]);
  });

  it('lists a symbolic link loop as an input that fails, whatever its name', async () => {
    const r = path.join(tmp, 'loops');
    tree(r, { 'a.pdf': PDF });
    symlinkSync(path.join(r, 'self.pdf'), path.join(r, 'self.pdf'));
    symlinkSync(path.join(r, 'ping'), path.join(r, 'pong'));
    symlinkSync(path.join(r, 'pong'), path.join(r, 'ping'));
    const found = await discoverInputs(r, { recursive: true });
    expect(found.inputs.map((i) => [i.rel, i.error ?? null])).toEqual([
      ['a.pdf', null],
      ['ping', { code: 'not-found', message: 'symbolic link loop (ELOOP)' }],
      ['pong', { code: 'not-found', message: 'symbolic link loop (ELOOP)' }],
      ['self.pdf', { code: 'not-found', message: 'symbolic link loop (ELOOP)' }],
    ]);
  });
});

describe('assignOutputNames', () => {
  const names = (rels: string[]) => assignOutputNames(rels.map((rel) => ({ rel }))).map((i) => i.outBase);

  it('drops the .pdf extension', () => {
    expect(names(['a.pdf', 'sub/b.PDF', 'c'])).toEqual(['a', 'sub/b', 'c']);
  });

  it('keeps the whole name when two inputs would share an output name (ignoring case)', () => {
    expect(names(['a', 'a.pdf', 'x.pdf'])).toEqual(['a', 'a.pdf', 'x']);
    // B.pdf.json and b.pdf.json are one file on a case-insensitive file system
    expect(names(['B.pdf', 'b.pdf'])).toEqual(['B.pdf', 'b.pdf~2']);
  });

  it('never lets a report take index.json', () => {
    expect(names(['index.pdf', 'sub/index.pdf'])).toEqual(['index.pdf', 'sub/index']);
    expect(names(['index'])).toEqual(['index~2']);
  });

  it('falls back to a counter when even the whole name is taken', () => {
    // "a.pdf.pdf" wants "a.pdf"; "a.pdf" and "a" clash and "a.pdf" falls back to its whole name
    const out = names(['a', 'a.pdf', 'a.pdf.pdf']);
    expect(out).toEqual(['a', 'a.pdf~2', 'a.pdf']);
    expect(new Set(out.map((s) => s.toLowerCase())).size).toBe(3);
  });
});
