/**
 * Every output renders everything schema 2 can carry, on a hand-made report (the producers of
 * section trees, unread pages, new leak kinds, notices and warnings land separately): the review
 * page's HTML, Markdown and the terminal summary. Document text is escaped everywhere, and the
 * review page is self-contained (no URL but data: and its own anchors).
 */
import { describe, expect, it } from 'vitest';
import { formatReviewHtml, legendItems } from '../../src/output/html/review.js';
import { sectionTree } from '../../src/output/html/toc.js';
import { sectionMarkTops, pageTextHtml } from '../../src/output/html/pages.js';
import { formatMarkdown } from '../../src/output/markdown.js';
import { formatSummary } from '../../src/output/terminal.js';
import { formatSidecar } from '../../src/output/sidecar.js';
import { reportSchema, type Report } from '../../src/report/schema.js';
import { LEAK_KINDS } from '../../src/report-types.js';

const counts = { total: 4, readable: 1, partial: 1, redacted: 1, unread: 1 };
const HOSTILE = '<img src=x onerror=alert(1)> & "quotes" *stars* _under_';

export const handMade: Report = reportSchema.parse({
  schemaVersion: 2,
  generator: { name: 'redactmap', version: '0.2.0' },
  file: { path: 'docket/exhibit_12 final.pdf', sha256: 'a'.repeat(64), pages: 2, bytes: 12345 },
  pages: [
    {
      page: 1, width: 612, height: 792, textSource: 'text-layer',
      redactions: [
        { id: 'p1-r1', bbox: [100, 100, 200, 114], source: 'vector', style: 'solid', label: '(b)(6)', category: '(b)(6)', hiddenWordsEstimate: 2.4, hiddenCharsEstimate: 14 },
        { id: 'p1-r2', bbox: [100, 200, 300, 230], source: 'annotation', style: 'white', annotation: 'Redact', unapplied: true, parts: [[200, 200, 300, 214], [100, 216, 180, 230]], hiddenWordsEstimate: 0.2, hiddenCharsEstimate: 1 },
        { id: 'p1-r3', bbox: [100, 300, 200, 320], source: 'vector', style: 'outline', hiddenWordsEstimate: 3, hiddenCharsEstimate: 18 },
      ],
      text: `I. INTRODUCTION ${HOSTILE}\n[REDACTED (b)(6)] said so.`,
    },
    {
      page: 2, width: 612, height: 792, textSource: 'none', unread: 'ocr-off',
      redactions: [{ id: 'p2-r1', bbox: [50, 700, 500, 780], source: 'raster', style: 'marker', quad: [[50, 700], [500, 705], [500, 780], [50, 775]], hiddenWordsEstimate: 40, hiddenCharsEstimate: 200 }],
      text: '',
    },
  ],
  sections: [
    { id: 's1', title: `I. INTRODUCTION ${HOSTILE}`, level: 1, parentId: null, pageStart: 1, pageEnd: 2, status: 'partial', readableRatio: 0.5, visibleWords: 10, hiddenWordsEstimate: 10, redactionIds: ['p1-r1'], own: { visibleWords: 5, hiddenWordsEstimate: 2, readableRatio: 0.71 }, headingBBox: [72, 60, 300, 72] },
    { id: 's2', title: 'A. Background', level: 2, parentId: 's1', pageStart: 1, pageEnd: 1, status: 'readable', readableRatio: 1, visibleWords: 5, hiddenWordsEstimate: 0, redactionIds: [], own: { visibleWords: 5, hiddenWordsEstimate: 0, readableRatio: 1 }, headingBBox: [72, 62, 300, 74] },
    { id: 's3', title: '1. Sealed part', level: 3, parentId: 's2', pageStart: 1, pageEnd: 1, status: 'redacted', readableRatio: 0, visibleWords: 0, hiddenWordsEstimate: 8, redactionIds: ['p1-r3'], own: { visibleWords: 0, hiddenWordsEstimate: 8, readableRatio: 0 } },
    { id: 's4', title: 'II. UNREAD PART', titleAsRead: 'Il. UNREAD PART', level: 1, parentId: null, pageStart: 2, pageEnd: 2, status: 'unread', readableRatio: 0, visibleWords: 0, hiddenWordsEstimate: 0, redactionIds: [], own: { visibleWords: 0, hiddenWordsEstimate: 0, readableRatio: 0 } },
  ],
  leaks: [
    { kind: 'unapplied-annotation', page: 1, bbox: [200, 200, 300, 214], text: `Jane ${HOSTILE}`, redactionId: 'p1-r2' },
    { kind: 'metadata', page: null, bbox: null, text: 'Jane Roe (author)', redactionId: null, detail: 'Info /Author' },
    { kind: 'earlier-revision', page: 1, bbox: null, text: 'older text', redactionId: null, revision: 1 },
    { kind: 'image-under-box', page: 2, bbox: [60, 710, 490, 770], text: '', redactionId: 'p2-r1', confidence: 71.5 },
  ],
  notices: [
    { kind: 'attachment', page: null, detail: 'an attached file: notes.docx', name: 'notes.docx', bytes: 4000 },
    { kind: 'width-measurable', page: 1, detail: 'the width of p1-r1 gives about 14 characters', redactionId: 'p1-r1', widthPt: 100, charsEstimate: 14 },
  ],
  warnings: [{ page: 2, what: 'page 2 not read', why: 'OCR is off (--ocr never)' }],
  summary: {
    pages: 2, pagesUnread: 1, redactions: 4,
    redactionsBySource: { vector: 2, annotation: 1, raster: 1 },
    redactionsByStyle: { solid: 1, white: 1, outline: 1, marker: 1 },
    redactionsByCategory: { '(b)(6)': 1 },
    leaks: 4,
    leaksByKind: Object.fromEntries(LEAK_KINDS.map((k) => [k, ['unapplied-annotation', 'metadata', 'earlier-revision', 'image-under-box'].includes(k) ? 1 : 0])),
    notices: 2, warnings: 1,
    sections: { topLevel: { total: 2, readable: 0, partial: 1, redacted: 0, unread: 1 }, all: counts },
  },
});

const pixel = { mime: 'image/webp', data: new Uint8Array([1, 2, 3]), width: 918, height: 1188 };
const html = formatReviewHtml(handMade, { pages: [{ page: 1, ...pixel }, { page: 2, ...pixel }], crops: [{ leak: 3, from: 'image', ...pixel, width: 10, height: 5 }] });

describe('review page HTML from a hand-made schema 2 report', () => {
  it('escapes document text: the hostile title and leak are text, never markup', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toMatch(/NaN|undefined|\[object /);
  });

  it('is self-contained: no URL but data: and its own anchors; a CSP forbids any request', () => {
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u).toMatch(/^(data:image\/webp;base64,|#)/);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:;/);
    expect(html).not.toMatch(/<link |@import|url\(/);
  });

  it('shows the section tree with statuses, the unread one included', () => {
    const tree = sectionTree(handMade.sections);
    expect(tree.get('')!.map((s) => s.id)).toEqual(['s1', 's4']);
    expect(tree.get('s1')!.map((s) => s.id)).toEqual(['s2']);
    expect(html).toMatch(/<li><a href="#sec-s1"[^>]*>.*?<ul><li><a href="#sec-s2"[^>]*>.*?<ul><li><a href="#sec-s3"/s);
    expect(html).toContain('style="--c:var(--unread)"');
    for (const s of handMade.sections) expect(html).toContain(`id="sec-${s.id}"`);
  });

  it('lists every leak, placed or not, with its detail, and the image evidence crop', () => {
    expect(html).toContain('<strong>2. text in the metadata</strong> · the document as a whole · Info /Author');
    expect(html).toContain('revision 1');
    expect(html).toContain('read with OCR confidence 72');
    expect(html).toContain('The embedded image under the box, as anyone who extracts it sees it');
    expect(html.match(/class="mark leak"/g)).toHaveLength(2); // only the leaks with a box
  });

  it('shows notices and warnings, styles and unapplied marks, with a legend of exactly the marks used', () => {
    expect(html).toContain('attached file');
    expect(html).toContain('page 2 not read: OCR is off (--ocr never)');
    for (const c of ['sty-white', 'sty-outline', 'sty-marker', 'unapplied', 'src-raster']) expect(html).toContain(c);
    expect(legendItems(handMade).map((i) => i.text)).toEqual([
      'drawn box (outline colour)',
      'annotation (outline colour)',
      'burned into the scan (outline colour)',
      'white box',
      'outlined box',
      'marker strokes',
      'never applied (dashed)',
      'leak (filled red)',
      '§ section start (beside the page)',
    ]);
    expect(html).toContain('about 2 words hidden');
    expect(html).toContain('less than a word hidden');
    expect(html).toContain('no text (ocr-off)');
  });

  it('keeps section marks apart in the gutter and highlights placeholders in the text', () => {
    const tops = sectionMarkTops(handMade.sections.slice(0, 3), 792);
    expect(tops[1] - tops[0]).toBeGreaterThanOrEqual(0.022 - 1e-9);
    expect(tops[2] - tops[1]).toBeGreaterThanOrEqual(0.022 - 1e-9);
    expect(pageTextHtml('a [REDACTED (b)(6)] b <c>')).toBe('a <mark class="ph">[REDACTED (b)(6)]</mark> b &lt;c&gt;');
  });
});

describe('Markdown, terminal and sidecar from the same report', () => {
  it('Markdown: no entities, plain underscores kept, the tree indented, every leak and notice-free fields', () => {
    const md = formatMarkdown(handMade);
    expect(md).toContain('# Redaction report: exhibit_12 final.pdf');
    expect(md).not.toMatch(/&[a-z]+;|&#\d+;/);
    expect(md).toContain('| \u2003↳ 1. Sealed part |');
    expect(md).toContain('| ↳ A. Background |');
    expect(md).toContain('\\<img src=x onerror=alert(1)> & "quotes" \\*stars\\* \\_under\\_');
    expect(md).toContain('### metadata (1)');
  });

  it('terminal: each leak with where and what, labels, notices, a warning and the next step', () => {
    const t = formatSummary(handMade, { color: false });
    expect(t).toContain('  redaction marked but never applied (unapplied-annotation, 1)\n    p1 [200,200,300,214] under p1-r2: "Jane');
    expect(t).toContain('  text in the metadata (metadata, 1)\n    document (Info /Author): "Jane Roe (author)"');
    expect(t).toContain('labels: (b)(6) ×1; 3 unlabelled');
    expect(t).toContain('notice: attached file: an attached file: notes.docx');
    expect(t).toContain('warning: p2: page 2 not read: OCR is off (--ocr never)');
    expect(t.trim().split('\n').pop()).toMatch(/^Next: redactmap analyze 'docket\/exhibit_12 final\.pdf' --format html --out review\.html/);
  });

  it('sidecar: one block per page, an empty page stays a page', () => {
    expect(formatSidecar(handMade).split('\f')).toEqual([`I. INTRODUCTION ${HOSTILE}\n[REDACTED (b)(6)] said so.\n`, '\n']);
  });
});
