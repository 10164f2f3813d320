/**
 * AtomicWriter: a batch's reports are written atomically (temporary name, then rename) as files
 * finish, and flushed to disk together at the end of the run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicWriter, TEMP_FILE_PATTERN } from '../../src/output/write-file.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-write-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('AtomicWriter', () => {
  it('writes whole files, creating their folders, and leaves no temporary file', () => {
    const w = new AtomicWriter();
    const a = path.join(tmp, 'one', 'a.json');
    const b = path.join(tmp, 'one', 'two', 'b.md');
    w.write(a, '{"a":1}\n');
    w.write(b, new TextEncoder().encode('# b\n'));
    w.write(a, '{"a":2}\n'); // replaced whole
    expect(readFileSync(a, 'utf8')).toBe('{"a":2}\n');
    expect(readFileSync(b, 'utf8')).toBe('# b\n');
    const names = [...readdirSync(path.join(tmp, 'one')), ...readdirSync(path.join(tmp, 'one', 'two'))];
    expect(names.filter((n) => TEMP_FILE_PATTERN.test(n))).toEqual([]);
    expect(w.unflushed().sort()).toEqual([a, b].sort());
  });

  it('flush() takes every file written since the last one, and skips a file removed meanwhile', async () => {
    const w = new AtomicWriter();
    const files = Array.from({ length: 9 }, (_, i) => path.join(tmp, 'many', `r${i}.json`));
    for (const f of files) w.write(f, `${f}\n`);
    rmSync(files[3]);
    await w.flush();
    expect(w.unflushed()).toEqual([]);
    w.write(files[0], 'again\n');
    expect(w.unflushed()).toEqual([files[0]]);
    await w.flush();
    expect(readFileSync(files[0], 'utf8')).toBe('again\n');
  });

  it('a write that fails throws and leaves neither the target nor a temporary file', () => {
    const w = new AtomicWriter();
    const blocker = path.join(tmp, 'blocker');
    writeFileSync(blocker, 'a file where a folder is expected');
    expect(() => w.write(path.join(blocker, 'x.json'), '{}')).toThrow(/ENOTDIR|EEXIST/);
    const dir = path.join(tmp, 'is-a-dir');
    w.write(path.join(dir, 'inner', 'y.json'), '{}');
    expect(() => w.write(path.join(dir, 'inner'), '{}')).toThrow(/EISDIR/);
    expect(readdirSync(dir)).toEqual(['inner']);
    expect(w.unflushed()).toEqual([path.join(dir, 'inner', 'y.json')]);
  });
});
