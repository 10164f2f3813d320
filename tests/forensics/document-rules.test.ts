/**
 * Document-level leaks: bookmarks, named destinations, metadata, comments and form values that
 * reveal what the redacted pages withhold; and the notices (embedded files, JavaScript, form
 * fields). Each rule has its leak fixture and its hard negative, and the innocuous file (a proper
 * redaction with bookmarks, metadata and comments that repeat the pages) gains nothing.
 */
import { PDFHexString, PDFName, PDFString, type PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { revealingWords, Vocabulary } from '../../src/detect/vocabulary.js';
import type { Report } from '../../src/report/schema.js';
import {
  addAnnotation,
  addNamedDestinations,
  addOutline,
  addXmp,
  appearance,
  BOX,
  docWith,
  rect,
  redactedBody,
  save,
  SECRET,
  text,
  unredactedBody,
  type Built,
} from './fixtures.js';

async function run(tweak: (b: Built) => void | Promise<void>, body = redactedBody()): Promise<Report> {
  const b = await docWith(body);
  await tweak(b);
  return analyze(await save(b), { path: 'doc.pdf', ocr: 'never' });
}

const kinds = (r: Report) => r.leaks.map((l) => l.kind);

describe('outline', () => {
  it('a bookmark naming the withheld person leaks, with its page', async () => {
    const r = await run((b) => addOutline(b, [{ title: 'Declaration of Witness' }, { title: `Statement about ${SECRET}` }]));
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'outline', page: 1, bbox: null, text: `Statement about ${SECRET}` })]);
    expect(r.leaks[0].detail).toContain('Jonathan, Example');
  });

  it('a named destination holding the name leaks; tool names (section.2, _Toc…) do not', async () => {
    const r = await run((b) => addNamedDestinations(b, ['section.2', '_Toc482913', 'JonathanExample_statement']));
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'outline', text: 'JonathanExample_statement', detail: expect.stringContaining('named destination') })]);
  });

  it('hard negative: a bookmark repeating a visible heading (any case, plural) is not a leak', async () => {
    const r = await run((b) => addOutline(b, [{ title: 'Declaration' }, { title: 'Declarations of witnesses' }, { title: 'Page 1' }, { title: 'Exhibit A' }]));
    expect(r.leaks).toEqual([]);
  });

  it('without any redaction, bookmarks are not leaks (nothing was withheld)', async () => {
    const r = await run((b) => addOutline(b, [{ title: `Statement about ${SECRET}` }]), unredactedBody().replace(SECRET, 'Someone Else'));
    expect(r.summary.redactions).toBe(0);
    expect(r.leaks).toEqual([]);
  });
});

describe('metadata', () => {
  it('Info title, custom keys and XMP description naming the withheld person leak, one leak per distinct value', async () => {
    const r = await run((b) => {
      b.doc.setTitle(`Declaration re ${SECRET}`);
      b.doc.setAuthor('Maria Lopez');
      b.doc.setKeywords(['FOIA', 'declaration']);
      (b.doc as unknown as { getInfoDict(): PDFDict }).getInfoDict().set(PDFName.of('SourceFile'), PDFHexString.fromText('JExample_informant_draft.docx'));
      addXmp(b, { title: `Declaration re ${SECRET}`, description: 'Declaration of the witness about the meeting' });
    });
    expect(kinds(r)).toEqual(['metadata', 'metadata']);
    const title = r.leaks.find((l) => l.text.startsWith('Declaration re'))!;
    expect(title.detail).toMatch(/^Info \/Title, XMP dc:title; not readable on the pages: Jonathan, Example/);
    const file = r.leaks.find((l) => l.text.includes('docx'))!;
    expect(file.detail).toMatch(/not readable on the pages: JExample$/);
  });

  it('hard negative: a title repeating the heading, an author who signs the page, keywords and tool names', async () => {
    const r = await run((b) => {
      b.doc.setTitle('Declaration of Witness (redacted)');
      b.doc.setAuthor('Maria Lopez');
      b.doc.setSubject('Declaration');
      b.doc.setKeywords(['FOIA', 'release']);
      b.doc.setCreator('Microsoft Word');
      b.doc.setProducer('Adobe PDF Library 15.0');
    });
    expect(r.leaks).toEqual([]);
  });
});

describe('annotation-text', () => {
  it('a sticky-note comment naming the withheld person leaks, on its page, at its place', async () => {
    const r = await run((b) => {
      addAnnotation(b, { Type: 'Annot', Subtype: 'Text', Rect: rect(BOX), Contents: PDFHexString.fromText(`remove ${SECRET} here`), F: 4 });
    });
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'annotation-text', page: 1, text: `remove ${SECRET} here`, detail: expect.stringContaining('Text annotation /Contents') })]);
    expect(r.leaks[0].bbox).not.toBeNull();
  });

  it('a rich-text comment (/RC) is read too', async () => {
    const rc = `<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>informant is ${SECRET}</p></body>`;
    const r = await run((b) => {
      addAnnotation(b, { Type: 'Annot', Subtype: 'Text', Rect: [400, 700, 420, 720], RC: PDFString.of(rc), F: 4 });
    });
    expect(r.leaks.map((l) => [l.kind, l.detail?.split(';')[0]])).toEqual([['annotation-text', 'Text annotation /RC']]);
  });

  it('the text a hidden FreeText appearance draws leaks; the same annotation shown on the page does not', async () => {
    // pdf.js extracts appearance text from FreeText annotations and form widgets (not from stamps)
    const note = (b: Built, flags: number) => {
      const ap = appearance(b, 200, 20, `BT 0 g /F1 10 Tf 2 6 Td (Source: ${SECRET}) Tj ET`);
      addAnnotation(b, { Type: 'Annot', Subtype: 'FreeText', Rect: [300, 60, 500, 80], DA: '/F1 10 Tf 0 g', F: flags, AP: { N: ap } });
    };
    const hidden = await run((b) => note(b, 2));
    expect(hidden.leaks).toEqual([expect.objectContaining({ kind: 'annotation-text', page: 1, text: `Source: ${SECRET}`, detail: expect.stringContaining('FreeText annotation appearance') })]);
    const shown = await run((b) => note(b, 4));
    expect(shown.leaks).toEqual([]);
    expect(shown.pages[0].text).toContain(SECRET);
  });

  it('hard negative: review comments and comments that repeat the page are not leaks', async () => {
    const r = await run((b) => {
      addAnnotation(b, { Type: 'Annot', Subtype: 'Text', Rect: [400, 700, 420, 720], Contents: PDFHexString.fromText('Approved. Please review.'), F: 4 });
      addAnnotation(b, { Type: 'Annot', Subtype: 'Text', Rect: [400, 650, 420, 670], Contents: PDFHexString.fromText('see the meeting on March 3'), F: 4 });
      addAnnotation(b, { Type: 'Annot', Subtype: 'Highlight', Rect: rect(BOX), QuadPoints: [171, 596, 276, 596, 171, 580, 276, 580], C: [1, 1, 0], Contents: PDFHexString.fromText('REDACTION CANDIDATE'), F: 4 });
    });
    expect(r.leaks).toEqual([]);
  });
});

describe('form-field', () => {
  it('the value of a hidden text field leaks; a visible field, a readable value and a checkbox do not', async () => {
    const r = await run((b) => {
      const form = b.doc.getForm();
      const secret = form.createTextField('informant');
      secret.setText(SECRET);
      secret.addToPage(b.page, { x: 300, y: 100, width: 150, height: 20, hidden: true });
      const shown = form.createTextField('declarant');
      shown.setText('Maria Lopez');
      shown.addToPage(b.page, { x: 300, y: 150, width: 150, height: 20 });
      const repeated = form.createTextField('date');
      repeated.setText('March 3');
      repeated.addToPage(b.page, { x: 300, y: 50, width: 150, height: 20, hidden: true });
      form.createCheckBox('sworn').addToPage(b.page, { x: 300, y: 20, width: 12, height: 12, hidden: true });
    });
    expect(r.leaks).toEqual([expect.objectContaining({ kind: 'form-field', page: 1, text: SECRET, detail: expect.stringContaining('form field "informant" (hidden)') })]);
    expect(r.notices).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'form-fields', count: 4 })]));
  });

  it('a field placed off the page, or covered by a redaction annotation, leaks', async () => {
    const r = await run((b) => {
      const form = b.doc.getForm();
      const off = form.createTextField('note');
      off.setText('Informant code ORCHID');
      off.addToPage(b.page, { x: 700, y: 100, width: 150, height: 20 });
      const covered = form.createTextField('name');
      covered.setText(SECRET);
      covered.addToPage(b.page, { x: 300, y: 100, width: 150, height: 20 });
      addAnnotation(b, { Type: 'Annot', Subtype: 'Square', Rect: [295, 95, 455, 125], C: [0, 0, 0], IC: [0, 0, 0], F: 4 });
    });
    expect(r.leaks.filter((l) => l.kind === 'form-field').map((l) => [l.text, l.detail?.match(/\(([^)]*)\)/)?.[1]])).toEqual(
      expect.arrayContaining([
        ['Informant code ORCHID', 'off the page'],
        [SECRET, expect.stringMatching(/^covered by p1-r\d$/)],
      ]),
    );
  });
});

describe('notices', () => {
  it('embedded files and JavaScript are notices, not leaks', async () => {
    const r = await run(async (b) => {
      await b.doc.attach(new TextEncoder().encode('draft notes'), 'notes.txt', { mimeType: 'text/plain' });
      b.doc.addJavaScript('greet', 'app.alert("hello")');
    });
    expect(r.leaks).toEqual([]);
    expect(r.notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'attachment', name: 'notes.txt', bytes: 11 }),
        expect.objectContaining({ kind: 'javascript', detail: expect.stringContaining('greet') }),
      ]),
    );
    expect(r.summary.notices).toBe(r.notices.length);
  });

  it('a page that runs JavaScript when opened, and a form button that runs it when hovered, are notices on their page', async () => {
    const js = (code: string) => ({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) });
    const r = await run((b) => {
      b.page.node.set(PDFName.of('AA'), b.doc.context.obj({ O: js('app.alert("opened")') }));
      addAnnotation(b, { Type: 'Annot', Subtype: 'Widget', FT: 'Btn', Ff: 65536, T: PDFString.of('go'), Rect: [72, 560, 200, 580], AA: { E: js('app.alert("hovered")') } });
    });
    expect(r.leaks).toEqual([]);
    expect(r.notices.filter((n) => n.kind === 'javascript')).toEqual([
      expect.objectContaining({ page: 1, detail: 'JavaScript action (page: PageOpen)' }),
      expect.objectContaining({ page: 1, count: 1, detail: '1 annotation with JavaScript actions' }),
    ]);
  });
});

describe('the innocuous redacted file', () => {
  it('a proper redaction with innocuous bookmarks, metadata and comments gains no leak', async () => {
    const r = await run((b) => {
      addOutline(b, [{ title: 'Declaration of Witness' }, { title: 'Meeting on March 3' }, { title: 'Signature' }]);
      b.doc.setTitle('Declaration of Witness');
      b.doc.setAuthor('Maria Lopez');
      b.doc.setSubject('Declaration under penalty of perjury');
      addXmp(b, { title: 'Declaration of Witness', description: 'Declaration of Maria Lopez (redacted)' });
      addAnnotation(b, { Type: 'Annot', Subtype: 'Text', Rect: [400, 700, 420, 720], Contents: PDFHexString.fromText('Checked: the foregoing is true'), F: 4 });
    }, redactedBody() + text(72, 350, 'Signature'));
    expect(r.leaks).toEqual([]);
    expect(r.summary.redactions).toBe(1);
  });
});

describe('vocabulary', () => {
  const v = new Vocabulary([[{ text: 'DECLARATION' }, { text: 'confi-' }, { text: 'dential' }, { text: 'Tra' }, { text: 'cking' }, { text: 'Ex-Riders' }]]);
  it('meets case, plurals, hyphenation, lost ligatures and compounds', () => {
    expect(revealingWords('Declarations', v)).toEqual([]);
    expect(revealingWords('Confidential', v)).toEqual([]);
    expect(revealingWords('Trafficking', v)).toEqual([]);
    expect(revealingWords('riders', v)).toEqual([]);
  });
  it('keeps new names and long numbers, drops stop words, generic words, numbering and short numbers', () => {
    expect(revealingWords(`The ${SECRET} file, page 12 of III, account 4471993`, v)).toEqual(['Jonathan', 'Example', 'account', '4471993']);
  });
});
