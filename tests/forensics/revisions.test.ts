/**
 * earlier-revision: a file saved incrementally keeps its earlier versions; text an earlier
 * revision shows and the final one removed is recoverable. Hard negatives: an update that only
 * adds a signature, and an update that only draws a box (its leak is the final page's own).
 */
import { PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { findRevisionEnds } from '../../src/facts/revisions.js';
import { appendUpdate, replacePageContent } from '../helpers/incremental.js';
import { BOX, docWith, fill, nameLine, redactedBody, save, SECRET, unredactedBody } from './fixtures.js';

const original = async () => save(await docWith(unredactedBody()));

/** The original, then an update that applies the redaction (the name removed, a box drawn). */
async function redactedByUpdate(): Promise<Uint8Array> {
  return appendUpdate(await original(), (doc) => replacePageContent(doc, 0, redactedBody()));
}

/** The original, then an update that adds an (empty) signature field and nothing else. */
async function signedByUpdate(): Promise<Uint8Array> {
  return appendUpdate(await original(), (doc) => {
    const ctx = doc.context;
    const sig = ctx.register(ctx.obj({ Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: 'adbe.pkcs7.detached', Name: PDFHexString.fromText('Maria Lopez') }));
    const widget = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: PDFHexString.fromText('Signature1'), Rect: [0, 0, 0, 0], F: 132, V: sig, P: doc.getPage(0).ref }));
    const page = doc.getPage(0);
    page.node.set(PDFName.of('Annots'), ctx.obj([widget]));
    const form = ctx.register(ctx.obj({ Fields: [widget], SigFlags: 3 }));
    doc.catalog.set(PDFName.of('AcroForm'), form);
    return [sig, widget, page.ref, form, ctx.trailerInfo.Root as PDFRef];
  });
}

describe('revision boundaries', () => {
  it('a file saved once is one revision; each appended update adds one', async () => {
    const once = await original();
    expect(findRevisionEnds(once)).toHaveLength(1);
    const twice = await redactedByUpdate();
    const ends = findRevisionEnds(twice);
    expect(ends).toHaveLength(2);
    expect(ends[0]).toBeLessThanOrEqual(once.length);
    expect(Buffer.from(twice.subarray(ends[0] - 5, ends[0])).toString('latin1')).toBe('%%EOF');
  });

  it('"%%EOF" without a startxref that points to an xref section is not a revision', () => {
    const fake = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n(%%EOF inside a string)\nstartxref\n9999\n%%EOF\n', 'latin1');
    expect(findRevisionEnds(new Uint8Array(fake))).toEqual([fake.length]);
  });
});

describe('earlier-revision leaks', () => {
  it('the name an update removed is recovered from revision 1, with its place and the box over it', async () => {
    const r = await analyze(await redactedByUpdate(), { path: 'updated.pdf', ocr: 'never' });
    expect(r.leaks).toEqual([
      expect.objectContaining({ kind: 'earlier-revision', page: 1, text: `${SECRET},`, revision: 1, redactionId: 'p1-r1', detail: 'revision 1 of 2' }),
    ]);
    const [x0, , x1] = r.leaks[0].bbox!;
    expect(x0).toBeGreaterThan(BOX[0] - 3);
    expect(x1).toBeLessThan(BOX[2] + 3);
    expect(r.notices).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'revisions', count: 2 })]));
    expect(r.pages[0].text).not.toContain(SECRET);
  });

  it('with three revisions, a phrase two of them show is reported once, from the later', async () => {
    const twice = await appendUpdate(await original(), (doc) => replacePageContent(doc, 0, unredactedBody() + '% touched\n'));
    const thrice = await appendUpdate(twice, (doc) => replacePageContent(doc, 0, redactedBody()));
    const r = await analyze(thrice, { path: 'thrice.pdf', ocr: 'never' });
    expect(r.leaks.map((l) => [l.kind, l.text, l.revision])).toEqual([['earlier-revision', `${SECRET},`, 2]]);
    expect(r.notices.find((n) => n.kind === 'revisions')?.count).toBe(3);
  });

  it('hard negative: an update that only adds a signature reveals nothing', async () => {
    const r = await analyze(await signedByUpdate(), { path: 'signed.pdf', ocr: 'never' });
    expect(r.leaks).toEqual([]);
    expect(r.notices.find((n) => n.kind === 'revisions')?.count).toBe(2);
  });

  it('hard negative: an update that only draws a box over the name leaks once, as text-under-box', async () => {
    const bytes = await appendUpdate(await original(), (doc) => replacePageContent(doc, 0, unredactedBody() + fill(BOX)));
    const r = await analyze(bytes, { path: 'boxed.pdf', ocr: 'never' });
    expect(r.leaks.map((l) => l.kind)).toEqual(['text-under-box']);
    expect(nameLine()).toContain(SECRET);
  });
});
