/**
 * Everyday use of the command line and the library: nonsense rejected before any analysis (exit 2
 * and a reason), --out the same for every format, stdin, --password-file, --sidecar, the summary's
 * leak lines and next step; the library's inputs (Buffer, Uint8Array, ArrayBuffer) and abort.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { analyze, AnalysisError, formatSidecar, type AnalyzeOptions, type OcrPool, type Report, type IndexEntry, type Settings } from '../../src/index.js';
import { formatSummary } from '../../src/output/terminal.js';
import { makeFiling } from '../batch/make-pdfs.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-everyday-'));
const pdf = path.join(tmp, 'filing.pdf');
let bytes: Uint8Array;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(async () => {
  bytes = await makeFiling({ pages: 2, leak: true, seed: 8 });
  writeFileSync(pdf, bytes);
});

async function cli(args: string[], stdin?: Uint8Array) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, stdin: stdin ? async () => stdin : undefined });
  return { code, stdout, stderr };
}

describe('nonsense is refused before the analysis, exit 2 with a reason', () => {
  // README.md is not a PDF: a check made before the analysis answers first
  it.each([
    [['--dpi', '50'], '--dpi must be between 72 and 600'],
    [['--dpi', '601'], '--dpi must be between 72 and 600'],
    [['--dpi', 'lots'], '--dpi must be a whole number'],
    [['--jobs', '0'], '--jobs must be a whole number of at least 1'],
    [['--format', 'pdf'], 'Allowed choices are text, markdown, json, html'],
    [['--overlays', 'README.md'], '--overlays README.md: is a file'],
    [['--out', 'src'], '--out src: is a folder'],
    [['--sidecar', 'src'], '--sidecar src: is a folder'],
    [['--password-file', 'no-such-file'], '--password-file no-such-file: cannot read it (ENOENT)'],
    [['--password', 'a', '--password-file', 'README.md'], 'give --password or --password-file, not both'],
  ])('analyze %j', async (args, reason) => {
    const r = await cli(['analyze', 'README.md', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(reason);
    expect(r.stderr).not.toContain('not a PDF');
  });

  it('batch checks --dpi and --jobs the same way', async () => {
    expect((await cli(['batch', tmp, '--out', path.join(tmp, 'o'), '--dpi', '9000'])).stderr).toContain('--dpi must be between 72 and 600');
    expect((await cli(['batch', tmp, '--out', path.join(tmp, 'o'), '--jobs', '0'])).code).toBe(2);
  });
});

describe('analyze: outputs', () => {
  it('--out writes every format the same way and says what it wrote', async () => {
    for (const [name, what] of [['r.json', 'JSON report'], ['r.md', 'Markdown report'], ['r.txt', 'summary']] as const) {
      const file = path.join(tmp, name);
      const r = await cli(['analyze', pdf, '--out', file]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^redactmap: ${what} written to ${file.replace(/[.]/g, '\\.')} \\(\\d+ (bytes|kB)\\)\\n$`));
      expect(r.stdout).toContain('2 pages · 4 redactions');
      expect(readFileSync(file, 'utf8').length).toBeGreaterThan(100);
    }
  });

  it('reads the PDF from standard input with "-", and the password from a file', async () => {
    const r = await cli(['analyze', '-', '--json'], bytes);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).file.path).toBe('<stdin>');
    const pw = path.join(tmp, 'pw.txt');
    writeFileSync(pw, 'secret\n');
    const enc = await cli(['analyze', 'tests/fixtures/encrypted-user-password.pdf', '--password-file', pw]);
    // the fixture's password is "secret" (tests/fixtures/README.md); the file's line break is not part of it
    expect(enc.code, enc.stderr).toBe(0);
    writeFileSync(pw, 'wrong\n');
    expect((await cli(['analyze', 'tests/fixtures/encrypted-user-password.pdf', '--password-file', pw])).stderr).toContain('the password is wrong');
  });

  it('--sidecar writes the readable text with placeholders, a form feed between pages', async () => {
    const file = path.join(tmp, 'side.txt');
    const r = await cli(['analyze', pdf, '--sidecar', file]);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const pages = text.split('\f');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('[REDACTED (b)(6)]');
    expect(pages[1]).toMatch(/^II\. ARGUMENT PART 2/m);
    expect(r.stderr).toContain(`sidecar text written to ${file}`);
  });

  it('the summary says where each leak is and what leaked, counts labels, and ends with the next step', async () => {
    const report = await analyze(pdf);
    const text = formatSummary(report, { color: false, input: 'my filing.pdf' });
    expect(text).toMatch(/^ {2}text under a box \(text-under-box, \d+\)\n {4}p1 \[150,284,260,300\] under p1-r2: "Jane Roe"$/m);
    expect(text).toMatch(/labels: \(b\)\(6\) ×2/);
    expect(text.trim().split('\n').pop()).toBe("Next: redactmap analyze 'my filing.pdf' --format html --out review.html to look at every page and the leaks.");
    expect(formatSummary(report, { color: false, wrote: 'review.html' }).trim().split('\n').pop()).toBe('Next: open review.html in a browser to look at every page and the leaks.');
  });
});

describe('library', () => {
  it('accepts a path, a Buffer, a Uint8Array and an ArrayBuffer, and leaves the caller’s bytes intact', async () => {
    const buf = Buffer.from(bytes);
    const copy = Buffer.from(buf);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const reports = await Promise.all([analyze(pdf), analyze(buf), analyze(new Uint8Array(bytes)), analyze(ab)]);
    for (const r of reports) expect(r.summary).toEqual(reports[0].summary);
    expect(reports.map((r) => r.file.sha256)).toEqual(Array(4).fill(reports[0].file.sha256));
    expect(buf.equals(copy)).toBe(true);
    expect(ab.byteLength).toBe(bytes.byteLength);
    expect(formatSidecar(reports[0]).split('\f')).toHaveLength(2);
  });

  it('an abort rejects with code "aborted" and the signal’s reason as the cause', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    controller.abort(reason);
    const e = await analyze(pdf, { signal: controller.signal }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AnalysisError);
    expect((e as AnalysisError).code).toBe('aborted');
    expect((e as AnalysisError).cause).toBe(reason);
    // aborting while it runs rejects at once, with the same code
    const c2 = new AbortController();
    const running = analyze(pdf, { signal: c2.signal });
    c2.abort();
    const e2 = await running.catch((x: unknown) => x);
    expect((e2 as AnalysisError).code).toBe('aborted');
    expect((e2 as AnalysisError).cause).toBe(c2.signal.reason);
  });

  it('exports the types of its public API', () => {
    const opts: AnalyzeOptions = { ocrPool: undefined as OcrPool | undefined, onProgress: () => undefined };
    const s: Partial<Settings> = { dpi: 300 };
    const e: Partial<IndexEntry> = { status: 'ok' };
    const r: Partial<Report> = {};
    expect([opts, s, e, r].length).toBe(4);
  });
});
