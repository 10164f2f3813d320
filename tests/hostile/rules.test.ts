/**
 * The small rules that keep hostile input bounded and honest, each alone: box merging without
 * recursion, numbers checked where they enter, pdf.js warnings turned into report warnings, the
 * failure classes, text direction and reading frames, blank pages, settings and sizes, and a dead
 * lock owner that is only a zombie.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BBox, Glyph, PageFacts, TextDirection } from '../../src/model.js';
import { AnalysisError, classifyFailure, isPdfjsError, oneLine } from '../../src/errors.js';
import { isSaneBox, type Matrix } from '../../src/facts/geometry.js';
import { textDirection, walkOperators, fontInfoFrom } from '../../src/facts/operator-walk.js';
import { paintsNothing } from '../../src/facts/page-facts.js';
import { planPage } from '../../src/facts/text-plan.js';
import { pdfjs } from '../../src/load/pdfjs.js';
import { lossWarning } from '../../src/load/pdfjs-warnings.js';
import { mergeTouching } from '../../src/detect/regions.js';
import { findVectorRedactions } from '../../src/detect/vector-redactions.js';
import { wordsFromGlyphs } from '../../src/detect/visible-words.js';
import { glyphText } from '../../src/detect/coverage.js';
import { displayBox, dominantDirection, lineBoxOnPage, toFrameBox, turnLayout } from '../../src/text/direction.js';
import { buildPageLines } from '../../src/text/lines.js';
import { ocrJobs, resolveSettings, SettingsError, LIMITS } from '../../src/settings.js';
import { isProcessAlive } from '../../src/batch/processes.js';
import { parseMemory } from '../../src/cli/main.js';
import { words } from '../text/helpers.js';

const OPS = pdfjs.OPS;

describe('box merging: iterative, duplicates joined at once', () => {
  const part = (bbox: BBox, order = 1) => ({ bbox, order, color: [0, 0, 0] as [number, number, number], group: 0, stamp: false });

  it('12,000 identical boxes are one region (no stack overflow)', () => {
    const parts = Array.from({ length: 12_000 }, (_, i) => part([100, 100, 300, 120], i));
    const groups = mergeTouching(parts);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(12_000);
  });

  it('a chain of 20,000 touching boxes is one region', () => {
    const parts = Array.from({ length: 20_000 }, (_, i) => part([100, i * 10, 120, i * 10 + 10.5]));
    expect(mergeTouching(parts)).toHaveLength(1);
  });

  it('groups keep the parts in input order, as before', () => {
    const parts = [part([0, 50, 10, 60]), part([0, 0, 10, 10]), part([0, 50, 10, 60]), part([0, 9, 10, 20])];
    expect(mergeTouching(parts).map((g) => g.map((p) => parts.indexOf(p)))).toEqual([[0, 2], [1, 3]]);
  });

  it('more distinct dark boxes than maxBoxes on a page: none judged, the count said', () => {
    const shapes = Array.from({ length: 150 }, (_, i) => ({ bbox: [i * 3, 100, i * 3 + 20, 120] as BBox, order: i, color: [0, 0, 0] as [number, number, number], alpha: 1, rectangular: true, fillRatio: 1, group: 0 }));
    expect(findVectorRedactions(shapes, [], [], 100)).toEqual({ regions: [], rejected: [], overLimit: 150 });
    expect(findVectorRedactions(shapes.map((s) => ({ ...s, bbox: [10, 10, 40, 30] as BBox })), [], [], 100).regions).toHaveLength(1);
  });
});

describe('numbers are checked where they enter', () => {
  it('a box is sane when finite and within 1e10 points', () => {
    expect(isSaneBox([0, 0, 612, 792])).toBe(true);
    expect(isSaneBox([0, 0, 1e9, 1e9])).toBe(true);
    expect(isSaneBox([0, 0, 1e11, 10])).toBe(false);
    expect(isSaneBox([0, NaN, 10, 10])).toBe(false);
    expect(isSaneBox([-Infinity, 0, 10, 10])).toBe(false);
  });

  const font = () => fontInfoFrom({ name: 'Helvetica' }, 'F1');
  const walk = (fn: number[], args: unknown[][], options = {}) => walkOperators(fn, args, [1, 0, 0, -1, 0, 792], font, options);
  const rect = (x: number, y: number) => [OPS.fill, [new Float32Array([0, x, y, 1, x + 10, y, 1, x + 10, y + 10, 1, x, y + 10, 4])], new Float32Array([x, y, x + 10, y + 10])];

  it('shapes under a huge or degenerate transform are left out and counted, the rest kept', () => {
    const r = walk(
      [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.constructPath],
      [[], [1e300, 0, 0, 1e300, 0, 0], rect(0, 0), [], rect(100, 100)],
    );
    expect(r.shapes.map((s) => s.bbox)).toEqual([[100, 682, 110, 692]]);
    expect(r.skipped.badNumbers).toBe(1);
  });

  it('forms nested deeper than maxFormDepth are skipped with all they draw, and counted', () => {
    const fn: number[] = [];
    const args: unknown[][] = [];
    for (let i = 0; i < 5; i++) {
      fn.push(OPS.paintFormXObjectBegin, OPS.constructPath);
      args.push([null, null], rect(i * 20, 0));
    }
    for (let i = 0; i < 5; i++) {
      fn.push(OPS.paintFormXObjectEnd);
      args.push([]);
    }
    fn.push(OPS.constructPath);
    args.push(rect(300, 300));
    const r = walk(fn, args, { maxFormDepth: 3 });
    // depths 1..3 drawn, 4 and 5 skipped (the outermost skipped form counted once), the page after them read
    expect(r.shapes.map((s) => s.bbox[0])).toEqual([0, 20, 40, 300]);
    expect(r.skipped.deepForms).toBe(1);
  });
});

describe('what pdf.js skipped becomes a report warning', () => {
  it.each([
    ['Warning: Image exceeded maximum allowed size and was removed.', 3, { page: 3, what: 'an image', why: 'larger than the image size limit (maxImagePixels)' }],
    ['Warning: Unable to decode image "img_p4_1": "JpegError: marker was not found".', 1, { page: 5, what: 'an image', why: 'cannot be decoded (JpegError: marker was not found)' }],
    ['Warning: getOperatorList - ignoring XObject: "RangeError: Maximum call stack size exceeded".', 2, { page: 2, what: 'a form or image XObject', why: 'cannot be read (RangeError: Maximum call stack size exceeded)' }],
    ['Warning: getOperatorList - ignoring errors during "GetOperatorList: page 0" task: "FormatError: bad".', 1, { page: 1, what: 'the rest of the page content', why: 'content stream cannot be parsed (FormatError: bad)' }],
    ['Warning: getOperatorList - ignoring annotation data during "GetOperatorList: page 2" task: "FormatError: Bad FCHECK in flate stream".', 3, { page: 3, what: "an annotation's appearance", why: 'cannot be read (FormatError: Bad FCHECK in flate stream)' }],
  ] as const)('%s', (message, page, warning) => {
    expect(lossWarning(message, page)).toEqual(warning);
  });

  it('warnings that lose nothing are not reported', () => {
    expect(lossWarning('Warning: TT: undefined function: 32', 1)).toBeUndefined();
    expect(lossWarning('Warning: Indexing all PDF objects', 1)).toBeUndefined();
  });
});

describe('failure classes', () => {
  const fromPdfjs = () => {
    const e = new TypeError('Cannot convert a Symbol value to a string');
    e.stack = `TypeError: Cannot convert a Symbol value to a string\n    at Parser.getObj (file:///x/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs:1:2)`;
    return e;
  };
  it('pdf.js errors are damage to the file, named by class or by where they were thrown', () => {
    const named = Object.assign(new Error('Bad XRef entry'), { name: 'FormatError' });
    expect(isPdfjsError(named)).toBe(true);
    expect(isPdfjsError(fromPdfjs())).toBe(true);
    expect(isPdfjsError(new TypeError('x is undefined'))).toBe(false);
    expect(classifyFailure(fromPdfjs(), 'a.pdf', 3)).toMatchObject({ code: 'damaged', message: 'damaged PDF: page 3: Cannot convert a Symbol value to a string', file: 'a.pdf' });
  });

  it('our own errors stay internal; AnalysisErrors keep their code and get the file', () => {
    expect(classifyFailure(new RangeError('oops'), 'a.pdf')).toMatchObject({ code: 'internal', message: 'internal error: oops' });
    expect(classifyFailure(new AnalysisError('too-large', 'big'), 'a.pdf')).toMatchObject({ code: 'too-large', file: 'a.pdf' });
  });

  it('one line for anything thrown: a zod error says its first issue, a Symbol does not throw', () => {
    const zodLike = Object.assign(new Error('[\n  {\n    "code": "invalid_type"'), { issues: [{ path: ['pages', 0, 'width'], message: 'Invalid input: expected number, received NaN' }] });
    expect(oneLine(zodLike)).toBe('pages.0.width: Invalid input: expected number, received NaN');
    expect(oneLine(Symbol('s'))).toBe('Symbol(s)');
  });
});

describe('text direction', () => {
  const m = (deg: number): Matrix => {
    const r = (deg * Math.PI) / 180;
    return [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0];
  };
  it('the quarter turn a text matrix runs in on the display (y down)', () => {
    expect([0, 90, 180, 270, 88, -92].map((d) => textDirection(m(d)))).toEqual([0, 1, 2, 3, 1, 3]);
  });

  it('reading frames turn boxes and back', () => {
    const b: BBox = [100, 200, 150, 220];
    for (const d of [0, 1, 2, 3] as TextDirection[]) {
      const framed = toFrameBox(b, d, 612, 792);
      expect(displayBox(framed, d, 612, 792)).toEqual(b);
      const [fw, fh] = d % 2 ? [792, 612] : [612, 792];
      expect(lineBoxOnPage({ bbox: framed, turn: d, pageWidth: fw, pageHeight: fh })).toEqual(b);
    }
  });

  const glyph = (text: string, bbox: BBox, dir?: TextDirection): Glyph => ({ text, bbox, order: 0, fontSize: 10, fontName: 'F', bold: false, italic: false, color: [0, 0, 0], invisible: false, isSpace: text === ' ', group: 0, ...(dir ? { dir } : {}) });
  /** "ALICE BROWN" drawn in direction d, from (x, y), 6 pt per letter. */
  const drawn = (d: TextDirection, x: number, y: number): Glyph[] =>
    [...'ALICE BROWN'].map((c, i) => {
      const step = i * 6;
      const box: BBox =
        d === 0 ? [x + step, y, x + step + 6, y + 10] : d === 1 ? [x, y + step, x + 10, y + step + 6] : d === 2 ? [x - step - 6, y, x - step, y + 10] : [x, y - step - 6, x + 10, y - step];
      return glyph(c, box, d);
    });

  it('words are built along the way the text runs, and leaks read in it', () => {
    for (const d of [0, 1, 2, 3] as TextDirection[]) {
      const glyphs = drawn(d, 300, 400);
      expect(wordsFromGlyphs(glyphs).map((w) => w.text)).toEqual(['ALICE', 'BROWN']);
      expect(glyphText(glyphs)).toBe('ALICE BROWN');
    }
  });

  it('a page whose text runs sideways is read in its frame; a margin stamp reads in its own direction', () => {
    const down = (text: string, x: number) => words(text, 100, 0).map((w) => ({ ...w, bbox: [x, w.bbox[0], x + 11, w.bbox[2]] as BBox, dir: 1 as const }));
    const layout = { page: 1, width: 612, height: 792, words: [...down('first line here', 500), ...down('second line', 480)], redactions: [] };
    expect(dominantDirection(layout.words)).toBe(1);
    expect(turnLayout(layout, 1).width).toBe(792);
    const lines = buildPageLines(layout);
    expect(lines.map((l) => l.text)).toEqual(['first line here', 'second line']);
    expect(lines[0].turn).toBe(1);

    const up = words('Case 1:20-cv-1 Filed', 300, 0).map((w) => ({ ...w, bbox: [20, 600 - w.bbox[2], 31, 600 - w.bbox[0]] as BBox, dir: 3 as const }));
    const mixed = { page: 1, width: 612, height: 792, words: [...words('Body text of the whole page here', 72, 100), ...up], redactions: [] };
    expect(buildPageLines(mixed).map((l) => l.text)).toEqual(['Body text of the whole page here', 'Case 1:20-cv-1 Filed']);
  });
});

describe('blank pages are not rendered or OCRed', () => {
  it('an operator list that paints nothing', () => {
    expect(paintsNothing([OPS.save, OPS.transform, OPS.restore], [[], [], []])).toBe(true);
    expect(paintsNothing([OPS.constructPath], [[OPS.endPath, null, null]])).toBe(true);
    expect(paintsNothing([OPS.constructPath], [[OPS.stroke, null, null]])).toBe(false);
    expect(paintsNothing([OPS.showText], [[[]]])).toBe(false);
  });

  it('a blank page has no text source and no render, whatever the OCR mode', () => {
    const facts: PageFacts = { page: 1, width: 10, height: 10, rotation: 0, glyphs: [], shapes: [], images: [], annotations: [], groupBoxes: [], blank: true };
    for (const mode of ['auto', 'always', 'never'] as const) expect(planPage(facts, mode)).toMatchObject({ source: 'none', render: false });
  });
});

describe('settings and sizes', () => {
  it('limits have defaults and are checked where they enter', () => {
    const s = resolveSettings();
    expect(s).toMatchObject({ maxMemoryMb: 1536, timeoutSeconds: 300, maxOperatorsPerPage: LIMITS.maxOperatorsPerPage, maxFormDepth: 64 });
    expect(() => resolveSettings({ maxMemoryMb: 100 })).toThrow(SettingsError);
    expect(() => resolveSettings({ timeoutSeconds: -1 })).toThrow(/--timeout/);
  });

  it('OCR workers fit in the memory ceiling', () => {
    expect(ocrJobs(resolveSettings({ jobs: 16 }))).toBe(8);
    expect(ocrJobs(resolveSettings({ jobs: 16, maxMemoryMb: 256 }))).toBe(1);
    expect(ocrJobs(resolveSettings({ jobs: 2 }))).toBe(2);
  });

  it('--max-memory takes MiB or a unit', () => {
    const p = parseMemory('--max-memory');
    expect([p('1536'), p('1536M'), p('1.5G'), p('2GiB'), p('1t')]).toEqual([1536, 1536, 1536, 2048, 1048576]);
    expect(() => p('lots')).toThrow(/--max-memory/);
  });
});

describe('a lock owner that is a zombie is dead', () => {
  it('a killed process not yet reaped answers signal 0 but is not alive', async () => {
    if (process.platform !== 'linux') return;
    // sh starts `sleep 0` then becomes `sleep 5`, which never reaps it: a zombie
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    try {
      for (let i = 0; i < 100 && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 20));
      expect(() => process.kill(pid, 0)).not.toThrow();
      expect(isProcessAlive(pid)).toBe(false);
      expect(isProcessAlive(process.pid)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
