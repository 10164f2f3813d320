/**
 * `redactmap batch` over a mixed folder: good filings, an empty file, a text file named .pdf, a
 * truncated PDF, a user-password and an owner-password PDF, a PDF without extension, a nested
 * folder. Right statuses, exit codes, CSV and JSON agreeing, deterministic output, --resume.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runBatch, LOCK_FILE } from '../../src/batch/run-batch.js';
import { CSV_COLUMNS, parseCsv } from '../../src/batch/index-file.js';
import { batchIndexSchema, indexJsonSchema, type BatchIndex } from '../../src/batch/index-schema.js';
import { reportJsonSchema, reportSchema } from '../../src/report/schema.js';
import { validate } from '../output/json-schema.js';
import { makeFiling, makeScannedFiling, truncate } from './make-pdfs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const IN = path.join(tmp, 'docket');

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, stderrTty: false });
  return { code, stdout, stderr };
}

const readIndex = (out: string): BatchIndex => batchIndexSchema.parse(JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')));

const EXPECTED: Record<string, { status: 'ok' | 'error'; code?: string; error?: RegExp }> = {
  'empty.pdf': { status: 'error', code: 'empty', error: /^empty file/ },
  'filing-1.pdf': { status: 'ok' },
  'filing-2.pdf': { status: 'ok' },
  'letter.pdf': { status: 'error', code: 'not-pdf', error: /^not a PDF/ },
  'owner-password.pdf': { status: 'ok' },
  'scan0001': { status: 'ok' },
  'sub/deeper/nested.pdf': { status: 'ok' },
  'sub/truncated.pdf': { status: 'error', code: 'damaged', error: /^damaged PDF/ },
  'user-password.pdf': { status: 'error', code: 'needs-password', error: /needs a password/ },
};

beforeAll(async () => {
  mkdirSync(path.join(IN, 'sub', 'deeper'), { recursive: true });
  const leaky = await makeFiling({ pages: 3, leak: true, seed: 1 });
  writeFileSync(path.join(IN, 'filing-1.pdf'), leaky);
  writeFileSync(path.join(IN, 'filing-2.pdf'), await makeFiling({ pages: 2, seed: 2 }));
  writeFileSync(path.join(IN, 'scan0001'), await makeFiling({ pages: 1, seed: 3 })); // a PDF by content only
  writeFileSync(path.join(IN, 'sub', 'deeper', 'nested.pdf'), await makeFiling({ pages: 1, leak: true, seed: 4 }));
  writeFileSync(path.join(IN, 'sub', 'truncated.pdf'), truncate(leaky, 0.4));
  writeFileSync(path.join(IN, 'empty.pdf'), '');
  writeFileSync(path.join(IN, 'letter.pdf'), 'Dear clerk,\nplease find attached...\n');
  writeFileSync(path.join(IN, 'README.txt'), 'not an input');
  copyFileSync(path.join(fixtures, 'encrypted-user-password.pdf'), path.join(IN, 'user-password.pdf'));
  copyFileSync(path.join(fixtures, 'encrypted-owner-password.pdf'), path.join(IN, 'owner-password.pdf'));
});

describe('batch over a mixed folder', () => {
  const out = path.join(tmp, 'out');
  let result: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    result = await cli(['batch', IN, '--out', out, '--recursive', '--markdown', '--jobs', '2']);
  });

  it('exits 1 because some files failed, and says which on stderr', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('redactmap batch: 9 PDFs found, 1 other file ignored');
    expect(result.stderr).toMatch(/\[\d\/9\] error {2}letter\.pdf: not a PDF \(no %PDF- header\)/);
    expect(result.stderr).toMatch(/redactmap batch: 9 files in \d+:\d\d \(5 ok, 4 failed\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack traces
  });

  it('gives every input an entry with the right status and a one-line reason', () => {
    const index = readIndex(out);
    expect(index.files.map((e) => e.path)).toEqual(Object.keys(EXPECTED));
    for (const e of index.files) {
      const want = EXPECTED[e.path];
      expect(e.status, e.path).toBe(want.status);
      if (want.status === 'error') {
        expect(e.code, e.path).toBe(want.code);
        expect(e.error, e.path).toMatch(want.error!);
        expect(e.error).not.toContain('\n');
        expect(e.summary).toBeNull();
        expect(e.report).toBeNull();
      } else {
        expect(e.error).toBeNull();
        expect(e.summary).not.toBeNull();
      }
    }
    expect(index.totals).toMatchObject({ files: 9, ok: 5, error: 4 });
    expect(validate(indexJsonSchema(), JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')))).toEqual([]);
  });

  it('writes a valid JSON report (and Markdown) per analysed input, mirroring sub-folders', () => {
    const index = readIndex(out);
    for (const e of index.files.filter((f) => f.status === 'ok')) {
      const json = JSON.parse(readFileSync(path.join(out, e.report!), 'utf8'));
      expect(validate(reportJsonSchema(), json), e.path).toEqual([]);
      const report = reportSchema.parse(json);
      expect(report.file.path).toBe(e.path);
      expect(report.file.sha256).toBe(e.sha256);
      expect(report.summary).toEqual(e.summary);
      expect(readFileSync(path.join(out, e.markdown!), 'utf8')).toMatch(/^# Redaction report: /);
    }
    expect(existsSync(path.join(out, 'sub', 'deeper', 'nested.json'))).toBe(true);
    expect(existsSync(path.join(out, 'sub', 'deeper', 'nested.md'))).toBe(true);
    expect(existsSync(path.join(out, 'scan0001.json'))).toBe(true);
    expect(existsSync(path.join(out, 'letter.json'))).toBe(false);
    expect(readIndex(out).files.find((e) => e.path === 'filing-1.pdf')!.summary).toMatchObject({ pages: 3, leaks: 3, redactions: 6 });
  });

  it('summary.csv has one row per input and agrees with index.json', () => {
    const rows = parseCsv(readFileSync(path.join(out, 'summary.csv'), 'utf8'));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const index = readIndex(out);
    expect(rows.slice(1).map((r) => r[0])).toEqual(index.files.map((e) => e.path));
    for (const [i, e] of index.files.entries()) {
      const row = Object.fromEntries(CSV_COLUMNS.map((c, k) => [c, rows[i + 1][k]]));
      const s = e.summary;
      const n = (v: number | undefined) => (v === undefined ? '' : String(v));
      expect(row, e.path).toEqual({
        path: e.path,
        status: e.status,
        error: e.error ?? '',
        code: e.code ?? '',
        text_source: e.textSource ?? '',
        pages: n(s?.pages),
        redactions: n(s?.redactions),
        redactions_vector: n(s?.redactionsBySource.vector),
        redactions_annotation: n(s?.redactionsBySource.annotation),
        redactions_raster: n(s?.redactionsBySource.raster),
        leaks: n(s?.leaks),
        sections: n(s?.sections.topLevel.total),
        sections_readable: n(s?.sections.topLevel.readable),
        sections_partial: n(s?.sections.topLevel.partial),
        sections_redacted: n(s?.sections.topLevel.redacted),
        leak_kinds: s ? Object.entries(s.leaksByKind).filter(([, v]) => v > 0).map(([k]) => k).join(';') : '',
        report: e.report ?? '',
        pages_unread: n(s?.pagesUnread),
        sections_unread: n(s?.sections.topLevel.unread),
      });
      if (e.status === 'ok') expect(e.textSource).toBe('text-layer');
      else expect(e.code).not.toBeNull();
    }
  });

  it('leaves no temporary files or lock behind', () => {
    const all: string[] = [];
    const walk = (d: string) => {
      for (const ent of readdirSync(d, { withFileTypes: true })) {
        if (ent.isDirectory()) walk(path.join(d, ent.name));
        else all.push(ent.name);
      }
    };
    walk(out);
    expect(all.filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('is deterministic: a second run writes byte-identical index, CSV and reports', async () => {
    const again = path.join(tmp, 'out-again');
    expect((await cli(['batch', IN, '--out', again, '-r', '--markdown', '--jobs', '1', '--quiet'])).code).toBe(1);
    for (const f of ['index.json', 'summary.csv', 'filing-1.json', 'filing-1.md', 'sub/deeper/nested.json']) {
      expect(readFileSync(path.join(again, f), 'utf8'), f).toBe(readFileSync(path.join(out, f), 'utf8'));
    }
  });
});

describe('batch options and exit codes', () => {
  it('exits 0 when every file is analysed; without --recursive sub-folders are left out', async () => {
    const dir = path.join(tmp, 'good');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'a.pdf'), await makeFiling({ seed: 7 }));
    writeFileSync(path.join(dir, 'sub', 'b.pdf'), await makeFiling({ seed: 8 }));
    const out = path.join(tmp, 'good-out');
    const r = await cli(['batch', dir, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readIndex(out).files.map((e) => e.path)).toEqual(['a.pdf']);
  });

  it('exits 2 on usage errors', async () => {
    const file = path.join(IN, 'filing-1.pdf');
    expect((await cli(['batch', IN])).code).toBe(2); // --out missing
    expect((await cli(['batch', path.join(tmp, 'nope'), '--out', path.join(tmp, 'o1')])).code).toBe(2);
    const notFolder = await cli(['batch', file, '--out', path.join(tmp, 'o2')]);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toContain('not a folder');
    expect((await cli(['batch', IN, '--out', file])).code).toBe(2);
    expect((await cli(['batch', IN, '--out', IN])).code).toBe(2);
    expect((await cli(['batch', IN, '--out', path.join(tmp, 'o3'), '--jobs', '0'])).code).toBe(2);
    expect((await cli(['batch', IN, '--out', path.join(tmp, 'o3'), '--timeout', 'soon'])).code).toBe(2);
  });

  it('an empty folder gives an empty index and exit 0, with a warning', async () => {
    const dir = path.join(tmp, 'nothing');
    mkdirSync(dir);
    const out = path.join(tmp, 'nothing-out');
    const r = await cli(['batch', dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no PDFs found');
    expect(readIndex(out).files).toEqual([]);
    expect(readFileSync(path.join(out, 'summary.csv'), 'utf8')).toBe(CSV_COLUMNS.join(',') + '\n');
  });

  it('an output folder inside the input folder is not read as input', async () => {
    const dir = path.join(tmp, 'inside');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.pdf'), await makeFiling({ seed: 9 }));
    const out = path.join(dir, 'reports');
    for (let i = 0; i < 2; i++) expect((await cli(['batch', dir, '--out', out, '-r', '-q'])).code).toBe(0);
    expect(readIndex(out).files.map((e) => e.path)).toEqual(['a.pdf']);
  });

  it('refuses an output folder another live batch holds, and takes over a dead one’s lock', async () => {
    const dir = path.join(tmp, 'locked');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.pdf'), await makeFiling({ seed: 10 }));
    const out = path.join(tmp, 'locked-out');
    mkdirSync(out);
    writeFileSync(path.join(out, LOCK_FILE), `${process.ppid}\n`); // a live process
    const held = await cli(['batch', dir, '--out', out]);
    expect(held.code).toBe(2);
    expect(held.stderr).toContain(`another redactmap batch (pid ${process.ppid})`);
    writeFileSync(path.join(out, LOCK_FILE), '999999999\n'); // no such process
    writeFileSync(path.join(out, '.a.json.4242.7.tmp'), '{"trunc'); // left by a killed run
    expect((await cli(['batch', dir, '--out', out, '-q'])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['a.json', 'index.json', 'summary.csv']);
  });
});

describe('summary.csv: pages and sections not read', () => {
  it('a scanned filing with --ocr never has its page and its section counted as unread', async () => {
    const dir = path.join(tmp, 'unread-in');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'scan.pdf'), await makeScannedFiling({ pages: 1, seed: 8 }));
    writeFileSync(path.join(dir, 'text.pdf'), await makeFiling({ pages: 1, seed: 8 }));
    const out = path.join(tmp, 'unread-out');
    await runBatch(dir, { out, settings: { ocr: 'never' } });
    const rows = parseCsv(readFileSync(path.join(out, 'summary.csv'), 'utf8'));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const byPath = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect([byPath['scan.pdf'][col('pages_unread')], byPath['scan.pdf'][col('sections_unread')]]).toEqual(['1', '1']);
    expect([byPath['text.pdf'][col('pages_unread')], byPath['text.pdf'][col('sections_unread')]]).toEqual(['0', '0']);
  }, 120_000);
});

describe('--resume', () => {
  it('skips inputs whose report matches their sha256, redoes changed ones, retries failures', async () => {
    const dir = path.join(tmp, 'resume');
    mkdirSync(dir);
    for (let i = 1; i <= 4; i++) writeFileSync(path.join(dir, `f${i}.pdf`), await makeFiling({ seed: 20 + i }));
    writeFileSync(path.join(dir, 'bad.pdf'), 'nope');
    const out = path.join(tmp, 'resume-out');
    expect((await cli(['batch', dir, '--out', out, '-q'])).code).toBe(1);
    const before = Object.fromEntries([1, 2, 3, 4].map((i) => [i, statSync(path.join(out, `f${i}.json`))]));

    // f2 changes; f3's report is removed (as if the run had been killed before it)
    writeFileSync(path.join(dir, 'f2.pdf'), await makeFiling({ seed: 99, pages: 2 }));
    rmSync(path.join(out, 'f3.json'));
    const events: string[] = [];
    const result = await runBatch(dir, {
      out,
      resume: true,
      events: {
        start: (i) => events.push(`start ${i.total} resumed ${i.resumed}`),
        fileStarted: (i) => events.push(`started ${i.rel}`),
        filePages: () => undefined,
        fileFinished: (i, e) => events.push(`finished ${i.rel} ${e.status}`),
        finish: () => events.push('finish'),
      },
    });
    expect(events[0]).toBe('start 5 resumed 2');
    expect(events.filter((e) => e.startsWith('started')).sort()).toEqual(['started bad.pdf', 'started f2.pdf', 'started f3.pdf']);
    expect(result.resumed).toBe(2);
    expect(result.analysed).toBe(3);
    for (const i of [1, 4]) {
      const now = statSync(path.join(out, `f${i}.json`));
      expect(now.mtimeMs, `f${i} not rewritten`).toBe(before[i].mtimeMs);
      expect(now.ino).toBe(before[i].ino);
    }
    const index = readIndex(out);
    expect(index.files.map((e) => [e.path, e.status])).toEqual([
      ['bad.pdf', 'error'],
      ['f1.pdf', 'ok'],
      ['f2.pdf', 'ok'],
      ['f3.pdf', 'ok'],
      ['f4.pdf', 'ok'],
    ]);
    expect(index.files.find((e) => e.path === 'f2.pdf')!.summary!.pages).toBe(2);
    const f2 = reportSchema.parse(JSON.parse(readFileSync(path.join(out, 'f2.json'), 'utf8')));
    expect(f2.file.pages).toBe(2);
  });

  it('writes missing Markdown and overlays from existing reports without analysing again', async () => {
    const dir = path.join(tmp, 'resume2');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.pdf'), await makeFiling({ seed: 31, pages: 2 }));
    const out = path.join(tmp, 'resume2-out');
    expect((await cli(['batch', dir, '--out', out, '-q'])).code).toBe(0);
    const json = statSync(path.join(out, 'a.json'));
    expect((await cli(['batch', dir, '--out', out, '-q', '--resume', '--markdown', '--overlays'])).code).toBe(0);
    expect(statSync(path.join(out, 'a.json')).mtimeMs).toBe(json.mtimeMs);
    expect(readFileSync(path.join(out, 'a.md'), 'utf8')).toMatch(/^# Redaction report: a\.pdf/);
    expect(readdirSync(path.join(out, 'a.overlays')).sort()).toEqual(['page-001.png', 'page-002.png']);
    const e = readIndex(out).files[0];
    expect(e).toMatchObject({ markdown: 'a.md', overlays: 'a.overlays', warnings: [] });
  });

  it('redoes what a power loss before the end-of-run flush can leave: an empty or cut report, an empty Markdown file', async () => {
    // reports are flushed to disk together at the end of a run (AtomicWriter): before that, a
    // power loss can leave files under their final names with nothing or part of their data
    const dir = path.join(tmp, 'power-loss');
    mkdirSync(dir);
    for (const i of [1, 2, 3]) writeFileSync(path.join(dir, `f${i}.pdf`), await makeFiling({ seed: 50 + i }));
    const out = path.join(tmp, 'power-loss-out');
    expect((await cli(['batch', dir, '--out', out, '-q', '--markdown'])).code).toBe(0);
    const whole = Object.fromEntries([1, 2, 3].map((i) => [i, readFileSync(path.join(out, `f${i}.json`), 'utf8')]));
    const md3 = readFileSync(path.join(out, 'f3.md'), 'utf8');
    writeFileSync(path.join(out, 'f1.json'), '');
    writeFileSync(path.join(out, 'f2.json'), whole[2].slice(0, whole[2].length >> 1));
    writeFileSync(path.join(out, 'f3.md'), '');
    const f3 = statSync(path.join(out, 'f3.json'));

    const result = await runBatch(dir, { out, resume: true, markdown: true });
    expect([result.analysed, result.resumed]).toEqual([2, 1]);
    for (const i of [1, 2, 3]) expect(readFileSync(path.join(out, `f${i}.json`), 'utf8')).toBe(whole[i]);
    expect(statSync(path.join(out, 'f3.json')).mtimeMs, 'f3 not analysed again').toBe(f3.mtimeMs);
    expect(readFileSync(path.join(out, 'f3.md'), 'utf8')).toBe(md3);
    expect(readIndex(out).files.map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a file that now fails loses the outputs of its earlier run', async () => {
    const dir = path.join(tmp, 'turned-bad');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.pdf'), await makeFiling({ seed: 40 }));
    const out = path.join(tmp, 'turned-bad-out');
    expect((await cli(['batch', dir, '--out', out, '-q', '--markdown', '--overlays'])).code).toBe(0);
    expect(existsSync(path.join(out, 'a.overlays', 'page-001.png'))).toBe(true);
    writeFileSync(path.join(dir, 'a.pdf'), 'garbage');
    expect((await cli(['batch', dir, '--out', out, '-q', '--resume', '--markdown', '--overlays'])).code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['index.json', 'summary.csv']);
  });
});
