import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { formatMarkdown, mdEscape, pageRanges, sectionIndent } from '../../src/output/markdown.js';
import type { Report } from '../../src/report/schema.js';
import { LAYOUT, makeFiling } from '../batch/make-pdfs.js';

let report: Report;

beforeAll(async () => {
  report = await analyze(await makeFiling({ pages: 3, leak: true, seed: 4 }), { path: 'docket/filing.pdf' });
});

/** The rows of the table under a "## heading" (or "### heading"), split into cells. */
function tableUnder(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  const at = lines.indexOf(heading);
  expect(at, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  let i = at + 1;
  while (lines[i] !== undefined && !lines[i].startsWith('|')) i++;
  const rows: string[][] = [];
  for (; lines[i]?.startsWith('|'); i++) {
    rows.push(
      lines[i]
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows.slice(2); // header and alignment rows
}

describe('markdown report', () => {
  it('has the title, file facts and summary', () => {
    const md = formatMarkdown(report);
    expect(md.startsWith('# Redaction report: filing.pdf\n')).toBe(true);
    expect(md).toContain(`| SHA-256 | \`${report.file.sha256}\` |`);
    expect(md).toContain('- 3 pages, 6 redactions (6 vector)');
    expect(md).toContain('- **3 leaks** (3 text-under-box): withheld text anyone can recover');
    expect(report.notices).toEqual([]);
    expect(md).not.toContain('(not leaks)');
  });

  it('has one section row per section with pages, status, readable share and word counts', () => {
    const rows = tableUnder(formatMarkdown(report), '## Sections');
    expect(rows).toHaveLength(report.sections.length);
    report.sections.forEach((s, i) => {
      const [title, pages, status, pct, visible, hidden] = rows[i];
      expect(title).toBe(sectionIndent(s.level).trim() + mdEscape(s.title));
      expect(pages).toBe(s.pageStart === s.pageEnd ? `${s.pageStart}` : `${s.pageStart}–${s.pageEnd}`);
      expect(status.replace(/\*/g, '')).toBe(s.status);
      expect(pct).toBe(`${Math.round(s.readableRatio * 100)}%`);
      expect(visible).toBe(s.visibleWords.toLocaleString('en-US'));
      expect(hidden).toBe(s.hiddenWordsEstimate.toLocaleString('en-US'));
    });
  });

  it('lists every leak under its kind with its page, box and the text under it', () => {
    const md = formatMarkdown(report);
    const rows = tableUnder(md, '### text-under-box (3)');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(['1', 'p1-r2', LAYOUT.leakBox.join(', '), 'Jane Roe', '']);
    expect(md.indexOf('### text-under-box (3)')).toBeGreaterThan(md.indexOf('## Leaks'));
  });

  it('groups leaks of several kinds, document-level ones without a page, and lists notices after them', () => {
    const r: Report = structuredClone(report);
    r.leaks.push({ kind: 'metadata', page: null, bbox: null, text: 'Declaration of J. Roe', redactionId: null, detail: 'Info /Title; not readable on the pages: Roe' });
    r.notices.push({ kind: 'revisions', page: null, detail: 'saved 2 times', count: 2 });
    r.summary.notices = r.notices.length;
    const md = formatMarkdown(r);
    expect(tableUnder(md, '### metadata (1)')).toEqual([['', '', '', 'Declaration of J. Roe', 'Info /Title; not readable on the pages: Roe']]);
    expect(md.indexOf('### metadata (1)')).toBeGreaterThan(md.indexOf('### text-under-box (3)'));
    const notices = tableUnder(md, '## Notices');
    expect(notices).toHaveLength(r.notices.length);
    expect(notices.at(-1)).toEqual(['revisions', '', 'saved 2 times']);
    expect(md).toContain('- 1 notice (not leaks)');
    expect(md.indexOf('## Notices')).toBeGreaterThan(md.indexOf('## Leaks'));
  });

  it('has a redaction table per page with id, box, source and label', () => {
    const md = formatMarkdown(report);
    for (const p of report.pages) {
      const rows = tableUnder(md, `### Page ${p.page} (${p.redactions.length} redactions)`);
      expect(rows.map((r) => r[0])).toEqual(p.redactions.map((r) => r.id));
      expect(rows[0]).toEqual([`p${p.page}-r1`, LAYOUT.appliedBox.join(', '), 'vector', '(b)(6)']);
    }
  });

  it('indents sections by their depth in the tree and escapes text that would break a table or add markup', () => {
    const r: Report = structuredClone(report);
    // a grandchild of the first section: two steps deep, whatever its outline level
    r.sections[0] = { ...r.sections[0], id: 'a', parentId: null };
    r.sections[1] = { ...r.sections[1], id: 'c', parentId: 'b', title: 'A | B *bold* <script>x</script> [link](http://x)', level: 5 };
    r.sections.splice(1, 0, { ...r.sections[1], id: 'b', parentId: 'a', title: 'Middle', level: 2 });
    r.leaks[0] = { ...r.leaks[0], text: 'pipe | and `tick`\nnew line' };
    const md = formatMarkdown(r);
    const sections = tableUnder(md, '## Sections');
    expect(sections[2]).toHaveLength(6);
    expect(sections[1][0]).toBe('↳ Middle');
    // depth 2: one em space, then the arrow (whatever its outline level)
    expect(md).toContain('| \u2003↳ A \\| B');
    expect(sections[2][0]).toBe('↳ A \\| B \\*bold\\* \\<script>x\\</script> \\[link](http://x)');
    const leaks = tableUnder(md, '## Leaks');
    expect(leaks[0]).toHaveLength(5);
    expect(leaks[0][3]).toBe('pipe \\| and \\`tick\\` new line');
    expect(md).not.toMatch(/(?<!\\)<script>/);
    expect(md).not.toMatch(/&[a-z]+;/);
  });

  it('escapes only where Markdown needs it: plain text keeps its underscores, ampersands and brackets', () => {
    expect(mdEscape('exhibit_12_final.pdf')).toBe('exhibit_12_final.pdf');
    expect(mdEscape('Smith & Jones, 5 < 7 [sic')).toBe('Smith & Jones, 5 < 7 [sic');
    expect(mdEscape('_emphasis_ and __strong__')).toBe('\\_emphasis\\_ and \\_\\_strong\\_\\_');
    expect(mdEscape('&amp; is an entity, &nbsp; too')).toBe('\\&amp; is an entity, \\&nbsp; too');
    expect(mdEscape('C:\\path\\file and a\\*b')).toBe('C:\\path\\file and a\\\\\\*b');
    expect(mdEscape('~~struck~~ <http://x> <b>')).toBe('\\~\\~struck\\~\\~ \\<http://x> \\<b>');
  });

  it('links to the review page and overlays written beside it (batch)', () => {
    const md = formatMarkdown(report, { links: { html: 'my filing.html', overlays: 'my filing.overlays' } });
    expect(md).toContain('| Review page | [my filing.html](my%20filing.html) |');
    expect(md).toContain('| Overlays | [my filing.overlays/](my%20filing.overlays/) (one PNG per page) |');
    expect(md).toContain('### Page 2 (2 redactions) · [overlay](my%20filing.overlays/page-002.png)');
    expect(formatMarkdown(report)).not.toContain('Review page');
  });

  it('says so when there are no leaks, sections or redactions', () => {
    const r: Report = structuredClone(report);
    r.leaks = [];
    r.sections = [];
    for (const p of r.pages) p.redactions = [];
    const md = formatMarkdown(r);
    expect(md).toContain('No leaks: no withheld text was found under a redaction or anywhere else in the file.');
    expect(md).toContain('No sections found.');
    expect(md).toContain('No redactions found.');
  });

  it('names the pages without redactions as ranges', () => {
    expect(pageRanges([1, 2, 3, 5, 7, 8])).toBe('1–3, 5, 7–8');
    const r: Report = structuredClone(report);
    r.pages[1].redactions = [];
    expect(formatMarkdown(r)).toContain('Pages without redactions: 2.');
  });
});
