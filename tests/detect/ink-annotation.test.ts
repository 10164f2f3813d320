/**
 * A thick dark Ink annotation (a marker scribble) over text hides it on screen while the text stays
 * extractable: a redaction of source annotation, and a leak. A thin pen line is neither.
 */
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';

async function pageWithInk(width: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  page.drawText('The witness, Jonathan Example, testified on Monday.', { x: 72, y: 700, size: 12, font });
  // a horizontal marker stroke through "Jonathan Example" (x 140..240 at the text's mid-height)
  const ink = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Ink',
    Rect: [130, 690, 250, 715],
    InkList: [[140, 704, 240, 704]],
    C: [0, 0, 0],
    BS: { W: width },
    F: 4,
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(ink)]));
  return doc.save();
}

describe('Ink annotations', () => {
  it('a thick black marker over text is an annotation redaction and leaks the text under it', async () => {
    const r = await analyze(await pageWithInk(14), { path: 'ink.pdf' });
    const red = r.pages[0].redactions;
    expect(red).toHaveLength(1);
    expect(red[0]).toMatchObject({ source: 'annotation', annotation: 'Ink' });
    expect(r.leaks).toHaveLength(1);
    expect(r.leaks[0].text).toContain('Example');
    expect(r.leaks[0].text).not.toContain('witness');
  });

  it('a thin pen line is not a redaction', async () => {
    const r = await analyze(await pageWithInk(1), { path: 'pen.pdf' });
    expect(r.pages[0].redactions).toEqual([]);
    expect(r.leaks).toEqual([]);
  });
});
