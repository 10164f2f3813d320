import { describe, expect, it } from 'vitest';
import { buildPageLines } from '../../src/text/lines.js';
import { meanGlyphAdvance } from '../../src/text/estimates.js';
import { linePitch, measureTypography, textMeasures } from '../../src/text/stats.js';
import { pageOf, paragraph, words } from './helpers.js';

describe('measureTypography', () => {
  it('takes the modal size as body size and measures bold and capitals shares', () => {
    const lines = buildPageLines(
      pageOf(1, [{ text: 'I. PURPOSE', bold: true, size: 14 }, ...paragraph(1, 6), { text: 'SHORT CAPS LINE' }]),
    );
    const typo = measureTypography(lines);
    expect(typo.bodyFontSize).toBe(11);
    expect(typo.boldShare).toBeGreaterThan(0);
    expect(typo.boldShare).toBeLessThan(0.1);
    expect(typo.capsLineShare).toBeCloseTo(2 / 8, 6);
    expect(typo.ocr).toBe(false);
    expect(typo.frames.full.left).toBe(72);
  });

  it('recognises OCR words and sizes their lines by median box height', () => {
    const lines = buildPageLines(pageOf(1, paragraph(1, 6, { ocr: true })));
    const typo = measureTypography(lines);
    expect(typo.ocr).toBe(true);
    expect(typo.bodyFontSize).toBeGreaterThan(5);
    expect(typo.bodyFontSize).toBeLessThan(16);
  });

  it('falls back to 11 pt and page-based frames without words', () => {
    const typo = measureTypography([]);
    expect(typo.bodyFontSize).toBe(11);
    expect(typo.boldShare).toBe(0);
    expect(typo.frames.full.left).toBeCloseTo(61.2, 6);
    expect(typo.frames.full.right).toBeCloseTo(550.8, 6);
  });

  it('measures an all-bold document as bold share 1', () => {
    const typo = measureTypography(buildPageLines(pageOf(1, paragraph(1, 4, { bold: true }))));
    expect(typo.boldShare).toBe(1);
  });
});

describe('line pitch and glyph advance (what redaction estimates measure)', () => {
  const rows = [words('alpha beta gamma', 72, 100), words('delta epsilon zeta', 72, 114), words('eta theta iota', 72, 128)];

  it('linePitch is textMeasures\' line height, null without words', () => {
    expect(linePitch(rows)).toBe(textMeasures(rows)!.lineHeight);
    expect(linePitch(rows)).toBeCloseTo(14, 6);
    expect(linePitch([[], []])).toBeNull();
  });

  it('meanGlyphAdvance counts characters as code points: a surrogate pair is one', () => {
    const plain = [[{ ...words('abcd', 72, 100)[0], text: 'abcd' }]];
    const astral = [[{ ...plain[0][0], text: '\u{1D400}bcd' }]]; // MATHEMATICAL BOLD CAPITAL A: two UTF-16 units
    expect(meanGlyphAdvance(astral)).toBe(meanGlyphAdvance(plain));
    expect(meanGlyphAdvance(plain)).toBeCloseTo(22 / 4, 6);
    // a lone surrogate still counts as one character
    expect(meanGlyphAdvance([[{ ...plain[0][0], text: '\uD835bcd' }]])).toBe(meanGlyphAdvance(plain));
  });
});
