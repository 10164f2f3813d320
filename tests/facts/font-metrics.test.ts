/**
 * Character boxes must not depend on how the file was opened: a document only read is opened
 * without pdf.js's standard font data (src/load/open-pdf.ts), a drawn one with it. The fixture names
 * standard and non-standard fonts, with and without font descriptors, and every one must give the
 * same ascent and descent both ways.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FONT_METRICS, glyphMetrics, SUBSTITUTE_SANS_METRICS } from '../../src/facts/font-metrics.js';
import { fontInfoFrom } from '../../src/facts/operator-walk.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import { pdfjs } from '../../src/load/pdfjs.js';
import { stream, writePdf } from '../hostile/raw-pdf.js';

/** Fonts named without a descriptor (the standard 14 and common aliases). */
const BARE = ['Helvetica', 'Helvetica-BoldOblique', 'Arial,Bold', 'ArialMT', 'Times-Roman', 'Times-BoldItalic', 'TimesNewRoman', 'Courier', 'CourierNew,Italic', 'Symbol', 'ZapfDingbats'];
/** Fonts with a descriptor: [name, Ascent, Descent]. */
const DESCRIBED: [string, number, number][] = [
  ['Arial', 905, -212],
  ['TimesNewRomanPSMT', 891, -216],
  ['Courier', 833, -300],
  ['Calibri', 750, -250],
  ['Times-Roman', 683, -217],
];

/** One page showing a word in each font; font i is /F<i>. */
function fontsPdf(): Uint8Array {
  const fonts: string[] = BARE.map((name) => `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`);
  const descriptors = DESCRIBED.map(
    ([name, ascent, descent]) =>
      `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [-200 ${descent} 1000 ${ascent}] /ItalicAngle 0 /Ascent ${ascent} /Descent ${descent} /CapHeight 700 /StemV 80 >>`,
  );
  const firstDescriptor = 5 + BARE.length + DESCRIBED.length;
  DESCRIBED.forEach(([name], i) => {
    const widths = Array(95).fill(500).join(' ');
    fonts.push(`<< /Type /Font /Subtype /TrueType /BaseFont /${name} /FirstChar 32 /LastChar 126 /Widths [${widths}] /Encoding /WinAnsiEncoding /FontDescriptor ${firstDescriptor + i} 0 R >>`);
  });
  const content = fonts.map((_, i) => `BT /F${i} 12 Tf 72 ${760 - 20 * i} Td (Hello World) Tj ET`).join('\n');
  const resources = fonts.map((_, i) => `/F${i} ${5 + i} 0 R`).join(' ');
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << ${resources} >> >> >>`,
    stream('', content),
    ...fonts,
    ...descriptors,
  ]);
}

/** Each font's ascent and descent as the operator walk sees them, in the order the page uses them. */
async function metricsOf(bytes: Uint8Array, readOnly: boolean): Promise<{ name: string; ascent: number; descent: number; missingFile: unknown }[]> {
  const doc = await openPdf(await readPdfInput(bytes), undefined, { readOnly });
  try {
    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const ids = ops.fnArray.flatMap((fn, i) => (fn === pdfjs.OPS.setFont ? [String(ops.argsArray[i][0])] : []));
    return ids.map((id) => {
      const obj = page.commonObjs.get(id) as Record<string, unknown>;
      const { name, ascent, descent } = fontInfoFrom(obj, id);
      return { name, ascent, descent, missingFile: obj.missingFile };
    });
  } finally {
    await doc.destroy();
  }
}

describe('character box metrics (glyphMetrics)', () => {
  it('a bare standard font that pdf.js gave Adobe Helvetica metrics gets Liberation Sans line metrics', () => {
    expect(glyphMetrics({ missingFile: true, ascent: 0.718, descent: -0.207 })).toEqual(SUBSTITUTE_SANS_METRICS);
    expect(SUBSTITUTE_SANS_METRICS.ascent).toBeCloseTo(0.905, 3);
  });

  it('other bare standard fonts (Times, Courier, Symbol) get the defaults', () => {
    expect(glyphMetrics({ missingFile: true, ascent: 0.683, descent: -0.217 })).toEqual(DEFAULT_FONT_METRICS);
    expect(glyphMetrics({ missingFile: true, ascent: 0.629, descent: -0.157 })).toEqual(DEFAULT_FONT_METRICS);
    expect(glyphMetrics({ missingFile: true, ascent: NaN, descent: NaN })).toEqual(DEFAULT_FONT_METRICS);
  });

  it('a font with a descriptor (bbox), an embedded font or a Type3 font keeps its own metrics', () => {
    expect(glyphMetrics({ missingFile: true, bbox: [0, -207, 1000, 718], ascent: 0.718, descent: -0.207 })).toEqual({ ascent: 0.718, descent: -0.207 });
    expect(glyphMetrics({ missingFile: false, ascent: 0.718, descent: -0.207 })).toEqual({ ascent: 0.718, descent: -0.207 });
    expect(glyphMetrics({ missingFile: true, isType3Font: true, ascent: 0.718, descent: -0.207 })).toEqual({ ascent: 0.718, descent: -0.207 });
  });

  it('metrics out of range give way to the defaults', () => {
    expect(glyphMetrics({ ascent: 2, descent: 0.1 })).toEqual(DEFAULT_FONT_METRICS);
    expect(glyphMetrics(undefined)).toEqual(DEFAULT_FONT_METRICS);
  });

  it('every font of the fixture has the same box read-only (no standard font data) as when drawn', async () => {
    const bytes = fontsPdf();
    const [read, drawn] = [await metricsOf(bytes, true), await metricsOf(bytes, false)];
    expect(read).toHaveLength(BARE.length + DESCRIBED.length);
    // the read-only document really has no substitute fonts: every non-embedded font is missing its file
    expect(read.every((f) => f.missingFile === true)).toBe(true);
    expect(drawn.filter((f) => f.missingFile === false).length).toBeGreaterThan(0);
    for (let i = 0; i < read.length; i++) {
      const [r, d] = [read[i], drawn[i]];
      // pdf.js replaces a described Arial's Ascent (905) with Liberation Sans's (0.90527) when drawing
      const digits = r.name === 'Arial' ? 3 : 9;
      expect({ name: r.name, ascent: r.ascent }).toEqual({ name: d.name, ascent: expect.closeTo(d.ascent, digits) });
      expect(r.descent, r.name).toBeCloseTo(d.descent, digits);
    }
  });
});
