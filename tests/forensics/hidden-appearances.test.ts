/**
 * Hidden annotations whose appearance draws text (a hidden Stamp or Square, a print-only Ink...):
 * no viewer shows it, any text extraction reads it. On a redacted page that text is an
 * `annotation-text` leak when it names what the pages do not show; a visible annotation's text is
 * page text. End to end through analyze() and bin/redactmap, and the leak rule alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { annotationTextLeaks } from '../../src/detect/document-leaks.js';
import { Vocabulary } from '../../src/detect/vocabulary.js';
import { fetchPageContent } from '../../src/facts/page-facts.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import type { PageAnnotation } from '../../src/model.js';
import type { Report } from '../../src/report/schema.js';
import { stream, writePdf, type PdfObject } from '../hostile/raw-pdf.js';
import { addAnnotation, appearance, BOX, docWith, rect, redactedBody, save, SECRET, unredactedBody, type Built } from './fixtures.js';

/** Annotation flags: invisible, hidden, print, no-view. */
const F = { invisible: 1, hidden: 2, print: 4, noView: 32 };
/** Where the annotations stand (display points): in the page's margin, over nothing. */
const AT: [number, number, number, number] = [300, 712, 500, 732];

/** An annotation of `subtype` whose appearance draws `ops` (default: "Source: SECRET" in Helvetica). */
function annotate(b: Built, subtype: string, flags: number, ops = `BT 0 g /F1 10 Tf 2 6 Td (Source: ${SECRET}) Tj ET`): void {
  const ap = appearance(b, 200, 20, ops);
  addAnnotation(b, { Type: 'Annot', Subtype: subtype, Rect: rect(AT), F: flags, AP: { N: ap } });
}

async function build(tweak: (b: Built) => void, body = redactedBody()): Promise<Uint8Array> {
  const b = await docWith(body);
  tweak(b);
  return save(b);
}

const run = async (tweak: (b: Built) => void, body?: string): Promise<Report> => analyze(await build(tweak, body), { path: 'doc.pdf', ocr: 'never' });

describe('hidden appearance text, end to end', () => {
  it('a hidden Stamp drawing the name the page redacts: one annotation-text leak, its text, where the stamp is', async () => {
    const r = await run((b) => annotate(b, 'Stamp', F.hidden | F.print));
    expect(r.leaks).toEqual([
      {
        kind: 'annotation-text',
        page: 1,
        bbox: AT,
        text: `Source: ${SECRET}`,
        redactionId: null,
        detail: 'appearance of a hidden Stamp annotation; not readable on the pages: Source, Jonathan, Example',
      },
    ]);
    expect(r.pages[0].text).not.toContain('Jonathan');
    expect(r.warnings).toEqual([]);
  });

  it('a hidden black Square with text in its appearance: the text leaks; its shape is no redaction', async () => {
    const ops = `0 g 0 0 200 20 re f BT 1 g /F1 10 Tf 2 6 Td (${SECRET}) Tj ET`;
    const r = await run((b) => annotate(b, 'Square', F.noView | F.print, ops)); // print-only
    expect(r.leaks.map((l) => [l.kind, l.text, l.detail?.split(';')[0]])).toEqual([['annotation-text', SECRET, 'appearance of a hidden Square annotation']]);
    expect(r.summary.redactions).toBe(1); // the page's own box, nothing from the square
    expect(r.pages[0].redactions.map((x) => x.bbox[0])).toEqual([BOX[0]]);
  });

  it('a no-view Ink annotation, a hidden Caret and an invisible annotation of a type no viewer knows are read too', async () => {
    const r = await run((b) => {
      annotate(b, 'Ink', F.noView, `BT /F1 8 Tf 2 6 Td (Jonathan) Tj ET`);
      annotate(b, 'Caret', F.hidden, `BT /F1 8 Tf 2 6 Td (Example) Tj ET`);
      annotate(b, 'Custom', F.invisible, `BT /F1 8 Tf 2 6 Td (Jonathan Junior) Tj ET`);
    });
    expect(r.leaks.map((l) => [l.text, l.detail?.split(';')[0]])).toEqual([
      ['Jonathan', 'appearance of a hidden Ink annotation'],
      ['Example', 'appearance of a hidden Caret annotation'],
      ['Jonathan Junior', 'appearance of a hidden Custom annotation'],
    ]);
  });

  it('the invisible flag hides only a type no viewer knows (PDF 32000 12.5.3): an "invisible" Stamp is shown, its text is page text', async () => {
    const r = await run((b) => annotate(b, 'Stamp', F.invisible));
    expect(r.leaks).toEqual([]);
    expect(r.pages[0].text).toContain(SECRET);
  });

  it('the same stamp shown on the page: its text is page text, no annotation-text leak', async () => {
    const r = await run((b) => annotate(b, 'Stamp', F.print));
    expect(r.leaks.filter((l) => l.kind === 'annotation-text')).toEqual([]);
    expect(r.pages[0].text).toContain(SECRET);
  });

  it('hard negative: a hidden stamp whose words the page shows reveals nothing', async () => {
    const r = await run((b) => annotate(b, 'Stamp', F.hidden, 'BT /F1 10 Tf 2 6 Td (Declaration of Maria Lopez) Tj ET'));
    expect(r.leaks).toEqual([]);
  });

  it('without any redaction the hidden stamp is no leak (nothing was withheld)', async () => {
    const r = await run((b) => annotate(b, 'Stamp', F.hidden), unredactedBody().replace(SECRET, 'Someone Else'));
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
  });

  it('hostile: a hidden appearance drawing 200,000 characters is read up to the limit, with a warning', async () => {
    const long = `${SECRET} ${'x'.repeat(200_000)}`;
    const r = await run((b) => annotate(b, 'Stamp', F.hidden, `BT /F1 1 Tf 0 6 Td (${long}) Tj ET`));
    expect(r.leaks).toHaveLength(1);
    expect(r.leaks[0].text).toHaveLength(500); // MAX_LEAK_TEXT, as any leaked value
    expect(r.leaks[0].text.startsWith(SECRET)).toBe(true);
    expect(r.warnings).toEqual([{ page: 1, what: 'the appearance text of a hidden Stamp annotation beyond 10,000 characters', why: 'over the limit (MAX_HIDDEN_APPEARANCE_TEXT)' }]);
  });
});

describe('warnings of a page read twice', () => {
  /** A page whose content draws a damaged form XObject (pdf.js warns), with or without a hidden stamp. */
  function damaged(stamp: boolean): Uint8Array {
    const objects: PdfObject[] = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [5 0 R] /Count 1 >>', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
    objects.push(stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode', new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0x00, 0x13, 0x37, 0x42, 0x99, 0x01])));
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 4 0 R >> >> ${stamp ? '/Annots [7 0 R]' : ''} >>`);
    objects.push(stream('', 'BT /F1 12 Tf 72 700 Td (Page text) Tj ET\n/Fm1 Do'));
    objects.push('<< /Type /Annot /Subtype /Stamp /Rect [300 60 500 80] /F 2 /AP << /N 8 0 R >> >>');
    objects.push(stream('/Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 4 0 R >> >>', 'BT /F1 10 Tf 2 6 Td (Stamped) Tj ET /Fm1 Do /Fm1 Do'));
    return writePdf(objects);
  }

  it("what pdf.js says again when it reads the page's content a second time is said once; what the stamp adds is said", async () => {
    const lost = { page: 1, what: 'a form or image XObject', why: 'cannot be read (FormatError: Unknown block type in flate stream)' };
    expect((await analyze(damaged(false), { ocr: 'never' })).warnings).toEqual([lost]);
    // the page's own damaged form once, then the stamp's two uses of it
    expect((await analyze(damaged(true), { ocr: 'never' })).warnings).toEqual([lost, lost, lost]);
  });
});

describe('what reading hidden appearances costs', () => {
  async function content(bytes: Uint8Array) {
    const doc = await openPdf(await readPdfInput(bytes), undefined, { readOnly: true });
    try {
      return await fetchPageContent(await doc.getPage(1));
    } finally {
      await doc.destroy();
    }
  }

  it('a page without a hidden annotation asks pdf.js for nothing more; a page with one asks once', async () => {
    expect((await content(await build((b) => annotate(b, 'Stamp', F.print)))).hidden).toBeUndefined();
    expect((await content(await build(() => undefined))).hidden).toBeUndefined();
    const hidden = (await content(await build((b) => annotate(b, 'Stamp', F.hidden)))).hidden;
    expect(hidden && 'opList' in hidden && hidden.ids.size).toBe(1);
  });
});

describe('annotation-text rule, alone', () => {
  const annotation = (a: Partial<PageAnnotation>): PageAnnotation => ({ subtype: 'Stamp', bbox: AT, areas: [AT], opacity: 1, flags: F.hidden, ...a });
  const page = (annotations: PageAnnotation[]) => ({ page: 1, width: 612, height: 792, words: [{ text: 'Maria' }, { text: 'Lopez' }], annotations, redactions: [] });
  const vocabulary = new Vocabulary([[{ text: 'Maria' }, { text: 'Lopez' }]]);

  it("a hidden appearance's text that reveals a word is a leak, named for the annotation's type", () => {
    const leaks = annotationTextLeaks([page([annotation({ subtype: 'Polygon', hiddenAppearanceText: 'Jonathan Example' })])], vocabulary);
    expect(leaks.map((l) => l.detail)).toEqual(['appearance of a hidden Polygon annotation; not readable on the pages: Jonathan, Example']);
  });

  it('text the annotation already gives as its comment is one leak, not two; known words are none', () => {
    const same = annotation({ contents: 'Jonathan  Example', hiddenAppearanceText: 'Jonathan Example' });
    expect(annotationTextLeaks([page([same])], vocabulary).map((l) => l.detail?.split(';')[0])).toEqual(['Stamp annotation /Contents']);
    expect(annotationTextLeaks([page([annotation({ hiddenAppearanceText: 'Maria Lopez' })])], vocabulary)).toEqual([]);
  });
});

describe('bin/redactmap analyze --json', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-hidden-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reports the hidden stamp as a leak (exit 0: --fail-on-leak not set)', async () => {
    if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    const file = path.join(tmp, 'stamped.pdf');
    writeFileSync(file, await build((b) => annotate(b, 'Stamp', F.hidden)));
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'redactmap'), 'analyze', file, '--json', '--ocr', 'never'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.leaks.map((l) => [l.kind, l.text, l.detail?.split(';')[0]])).toEqual([['annotation-text', `Source: ${SECRET}`, 'appearance of a hidden Stamp annotation']]);
  }, 60_000);
});
