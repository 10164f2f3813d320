import { describe, expect, it } from 'vitest';
import type { BBox, FilledShape, Glyph } from '../../src/model.js';
import { isExemptionLabel } from '../../src/scan/exemptions.js';
import { findVectorRedactions, isOpaqueDarkBox } from '../../src/detect/vector-redactions.js';
import { mergeTouching } from '../../src/detect/regions.js';
import { glyphText, hiddenShare, type RegionPart } from '../../src/detect/coverage.js';
import { leakOf } from '../../src/detect/leaks.js';
import { findAnnotationRedactions } from '../../src/detect/annotation-redactions.js';
import { wordsFromGlyphs } from '../../src/detect/visible-words.js';
import { describePath } from '../../src/facts/operator-walk.js';
import { IDENTITY, type Matrix } from '../../src/facts/geometry.js';

const shape = (bbox: BBox, extra: Partial<FilledShape> = {}): FilledShape => ({
  bbox, order: 10, color: [0, 0, 0], alpha: 1, rectangular: true, fillRatio: 1, group: 0, ...extra,
});
/** Glyphs for `text` laid out from x at 6 pt per character, 12 pt font, baseline box y..y+12. */
const glyphs = (text: string, x: number, y: number, extra: Partial<Glyph> = {}): Glyph[] =>
  [...text].map((ch, i) => ({
    text: ch, bbox: [x + i * 6, y, x + i * 6 + 6, y + 12], order: 5, fontSize: 12, fontName: 'Times', bold: false,
    italic: false, color: [0, 0, 0], invisible: false, isSpace: ch === ' ', group: 0, ...extra,
  }));
const part = (bbox: BBox, order = 10): RegionPart => ({ bbox, order, color: [0, 0, 0], group: 0, stamp: false });

describe('exemption labels', () => {
  it.each(['(b)(6)', '(b)(7)(C)', 'b6', '(b)(6), (b)(7)(C)', 'REDACTED', 'Harm to Ongoing Matter', 'HOM', 'Ex. 5', '(b)(3):26 USC 6103', 'Privilege'])(
    '%s is a label', (t) => expect(isExemptionLabel(t)).toBe(true));
  it.each(['John Smith', 'Part 1:', 'Fill in this information to identify your case:', 'No', '555-0100', ''])(
    '%s is not a label', (t) => expect(isExemptionLabel(t)).toBe(false));
});

describe('dark opaque box rule', () => {
  it('accepts a black word-sized rectangle', () => expect(isOpaqueDarkBox(shape([100, 100, 160, 112]))).toBe(true));
  it('rejects thin rules', () => expect(isOpaqueDarkBox(shape([72, 100, 540, 101]))).toBe(false));
  it('rejects bullets', () => expect(isOpaqueDarkBox(shape([72, 100, 77, 105]))).toBe(false));
  it('rejects light fills', () => expect(isOpaqueDarkBox(shape([100, 100, 160, 112], { color: [200, 200, 200] }))).toBe(false));
  it('rejects translucent fills', () => expect(isOpaqueDarkBox(shape([100, 100, 160, 112], { alpha: 0.3 }))).toBe(false));
  it('rejects outlines drawn as filled frames', () => expect(isOpaqueDarkBox(shape([100, 100, 160, 160], { fillRatio: 0.1 }))).toBe(false));
});

describe('region merging', () => {
  it('merges touching line boxes of one multi-line redaction, keeps distant ones apart', () => {
    const groups = mergeTouching([part([90, 100, 540, 113]), part([90, 113, 300, 126]), part([90, 300, 200, 313])]);
    expect(groups.map((g) => g.length).sort()).toEqual([1, 2]);
  });
});

describe('text on a dark box', () => {
  it('white label on top: a labelled redaction', () => {
    const label = glyphs('(b)(6)', 110, 100, { color: [255, 255, 255], order: 20 });
    const { regions, rejected } = findVectorRedactions([shape([100, 98, 160, 114])], label);
    expect(rejected).toEqual([]);
    expect(regions[0].label).toBe('(b)(6)');
  });
  it('white ordinary text on top: a header bar, not a redaction', () => {
    const text = glyphs('Part 1: Identify', 20, 100, { color: [255, 255, 255], order: 20 });
    const { regions, rejected } = findVectorRedactions([shape([18, 98, 200, 114])], text);
    expect(regions).toEqual([]);
    expect(rejected[0].text).toBe('Part 1: Identify');
  });
});

describe('coverage and leaks', () => {
  it('a box painted after the text hides it: leak with the text', () => {
    const gs = glyphs('John Smith', 100, 100);
    const leak = leakOf({ bbox: [98, 98, 170, 114], parts: [part([98, 98, 170, 114])], source: 'vector' }, 'p1-r1', 1, gs);
    expect(leak?.text).toBe('John Smith');
    expect(leak?.kind).toBe('text-under-box');
  });
  it('counts a character only when most of it is hidden', () => {
    const [g] = glyphs('J', 100, 100);
    expect(hiddenShare(g, [part([100, 100, 102, 112])])).toBeLessThan(0.5);
    expect(hiddenShare(g, [part([100, 100, 105, 112])])).toBeGreaterThan(0.5);
  });
  it('text painted after a box in a contrasting colour is not hidden', () => {
    const [g] = glyphs('J', 100, 100, { order: 20, color: [255, 255, 255] });
    expect(hiddenShare(g, [part([90, 90, 120, 120])])).toBe(0);
  });
  it('black text painted after a black box is hidden, unless box and text are one stamp', () => {
    const [g] = glyphs('J', 100, 100, { order: 20, group: 3 });
    expect(hiddenShare(g, [part([90, 90, 120, 120])])).toBe(1);
    expect(hiddenShare(g, [{ ...part([90, 90, 120, 120]), group: 3, stamp: true }])).toBe(0);
  });
  it('whitespace-only and label-only cover is no leak', () => {
    const region = { bbox: [98, 98, 170, 114] as BBox, parts: [part([98, 98, 170, 114])], source: 'vector' as const };
    expect(leakOf(region, 'r', 1, glyphs('     ', 100, 100))).toBeNull();
    expect(leakOf(region, 'r', 1, glyphs('REDACTED', 100, 100))).toBeNull();
  });
  it('an unapplied Redact annotation over text leaks it', () => {
    const [region] = findAnnotationRedactions([{ subtype: 'Redact', bbox: [98, 98, 170, 114], areas: [[98, 98, 170, 114]], opacity: 1 }], []);
    expect(region.unapplied).toBe(true);
    const leak = leakOf(region, 'r', 1, glyphs('Jane Doe', 100, 100, { order: 99 }));
    expect(leak).toMatchObject({ kind: 'unapplied-annotation', text: 'Jane Doe' });
  });
  it('yellow highlights are not redactions; a black Square annotation is', () => {
    const yellow = findAnnotationRedactions([{ subtype: 'Highlight', bbox: [0, 0, 50, 12], areas: [[0, 0, 50, 12]], color: [255, 255, 0], opacity: 1 }], []);
    const black = findAnnotationRedactions([{ subtype: 'Square', bbox: [0, 0, 50, 12], areas: [[0, 0, 50, 12]], interiorColor: [0, 0, 0], opacity: 1 }], []);
    expect(yellow).toEqual([]);
    expect(black[0]).toMatchObject({ source: 'annotation', annotation: 'Square' });
  });
});

describe('glyph text and words', () => {
  it('joins glyphs into lines and words', () => {
    expect(glyphText([...glyphs('ab', 200, 100), ...glyphs('cd', 100, 100), ...glyphs('ef', 100, 120)])).toBe('cd ab ef');
    expect(wordsFromGlyphs(glyphs('two words', 100, 100)).map((w) => w.text)).toEqual(['two', 'words']);
  });
});

describe('path description', () => {
  const rect = (x: number, y: number, w: number, h: number) => [0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4];
  it('splits "re re f" into separate rectangles', () => {
    const d = describePath([...rect(0, 0, 10, 10), ...rect(50, 0, 10, 10)], IDENTITY as Matrix, [0, 0, 60, 10]);
    expect(d.parts).toEqual([[0, 0, 10, 10], [50, 0, 60, 10]]);
  });
  it('a frame (outer minus inner) fills little of its box', () => {
    const inner = [0, 2, 2, 1, 2, 8, 1, 8, 8, 1, 8, 2, 4]; // opposite winding
    const d = describePath([...rect(0, 0, 10, 10), ...inner], IDENTITY as Matrix, [0, 0, 10, 10]);
    expect(d.parts).toBeNull();
    expect(d.fillRatio).toBeCloseTo(0.64, 2);
  });
});
