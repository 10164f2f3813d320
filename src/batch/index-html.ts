/**
 * index.html of a batch run with --html: one sortable table of every file (status, pages,
 * redactions, leaks, sections by status), each row linking to the file's review page. One
 * self-contained file like the review pages; derived from index.json's entries, so it carries no
 * clock either.
 */
import { contentPolicy } from '../output/html/review.js';
import { esc } from '../output/html/escape.js';
import { INDEX_SCRIPT } from '../output/html/script.js';
import { BASE_CSS } from '../output/html/style.js';
import { mdUrl } from '../output/markdown.js';
import { leakKinds, type BatchIndex, type IndexEntry } from './index-file.js';

const CSS = `${BASE_CSS}
body{padding:1rem 1.5rem}
main{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;overflow-x:auto}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
tr.has-leak td.leaks{color:var(--leak);font-weight:700}
tr.error td.status{color:var(--leak)}
@media print{body{padding:0}main{border:0}th button::after{content:""!important}}
`;

interface Column {
  head: string;
  num?: boolean;
  /** Sort value and cell HTML. */
  cell: (e: IndexEntry) => [string | number, string];
}

const count = (f: (s: NonNullable<IndexEntry['summary']>) => number): Column['cell'] => (e) => (e.summary ? [f(e.summary), String(f(e.summary))] : ['', '']);

const COLUMNS: Column[] = [
  {
    head: 'File',
    cell: (e) => [e.path, e.html ? `<a href="${esc(mdUrl(e.html))}">${esc(e.path)}</a>` : e.report ? `${esc(e.path)} (<a href="${esc(mdUrl(e.report))}">report</a>)` : esc(e.path)],
  },
  { head: 'Status', cell: (e) => [e.status, e.status === 'ok' ? 'ok' : `error: ${esc(e.error ?? '')}`] },
  { head: 'Pages', num: true, cell: count((s) => s.pages) },
  { head: 'Redactions', num: true, cell: count((s) => s.redactions) },
  { head: 'Leaks', num: true, cell: (e) => (e.summary ? [e.summary.leaks, `${e.summary.leaks}${e.summary.leaks ? ` <span class="muted" style="font-weight:400">${esc(leakKinds(e.summary).replace(/;/g, ', '))}</span>` : ''}`] : ['', '']) },
  { head: 'Readable', num: true, cell: count((s) => s.sections.all.readable) },
  { head: 'Partial', num: true, cell: count((s) => s.sections.all.partial) },
  { head: 'Redacted', num: true, cell: count((s) => s.sections.all.redacted) },
  { head: 'Unread', num: true, cell: count((s) => s.sections.all.unread) },
];

function row(e: IndexEntry): string {
  const cls = [e.status === 'error' ? 'error' : '', (e.summary?.leaks ?? 0) > 0 ? 'has-leak' : ''].filter(Boolean).join(' ');
  const cells = COLUMNS.map((c, i) => {
    const [v, html] = c.cell(e);
    const name = ['', 'status', '', '', 'leaks'][i] ?? '';
    return `<td class="${[c.num ? 'num' : '', name].filter(Boolean).join(' ')}" data-v="${esc(v)}">${html}</td>`;
  });
  return `<tr${cls ? ` class="${cls}"` : ''}>${cells.join('')}</tr>`;
}

export function formatIndexHtml(index: BatchIndex): string {
  const t = index.totals;
  const leaky = index.files.filter((f) => (f.summary?.leaks ?? 0) > 0).length;
  const head = COLUMNS.map((c) => `<th scope="col"${c.num ? ' class="num"' : ''}><button type="button">${c.head}</button></th>`).join('');
  const verdict = leaky
    ? `<span class="verdict bad">${leaky} of ${t.files} file${t.files === 1 ? '' : 's'} leak</span>`
    : `<span class="verdict good">No leaks in ${t.files} file${t.files === 1 ? '' : 's'}</span>`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(contentPolicy(INDEX_SCRIPT))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>redactmap batch: index</title>',
    `<style>${CSS}</style></head>`,
    '<body>',
    `<header><h1>Redaction review: ${t.files} file${t.files === 1 ? '' : 's'}</h1><p>${verdict} ${t.ok} analysed, ${t.error} failed · ${t.pages} pages · ${t.redactions} redactions · ${t.leaks} leaks</p></header>`,
    '<main>',
    '<table id="files"><caption class="muted" style="text-align:left">Click a column header to sort. Sections count every level.</caption>',
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${index.files.map(row).join('')}</tbody></table>`,
    '</main>',
    `<script>${INDEX_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
