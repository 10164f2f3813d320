/** The review page's header: file facts, the verdict with counts by kind, notices and warnings. */
import type { Report } from '../../report/schema.js';
import { labelCounts, LEAK_KIND_TEXT, NOTICE_KIND_TEXT, plural, SOURCE_TEXT, STYLE_TEXT } from '../words.js';
import { esc } from './escape.js';

const num = (n: number) => n.toLocaleString('en-US');

function counts(entries: [string, number][], words: (k: string) => string): string {
  return entries
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${num(n)} ${words(k)}`)
    .join(', ');
}

export function fileName(report: Report): string {
  return report.file.path.split(/[\\/]/).pop() || report.file.path;
}

function verdict(report: Report): string {
  const s = report.summary;
  if (!s.leaks) return `<p><span class="verdict good">No leaks found</span> <span class="muted">no text or image content was found under any redaction</span></p>`;
  const kinds = counts(Object.entries(s.leaksByKind), (k) => LEAK_KIND_TEXT[k as keyof typeof LEAK_KIND_TEXT]);
  return `<p><span class="verdict bad">${esc(plural(s.leaks, 'leak'))} found</span> ${esc(kinds)} · <a href="#leaks">see the leaks</a></p>`;
}

function textSources(report: Report): string {
  const by = new Map<string, number>();
  for (const p of report.pages) by.set(p.textSource, (by.get(p.textSource) ?? 0) + 1);
  const word = (k: string) => (k === 'ocr' ? 'OCR' : k === 'none' ? 'no text' : 'text layer');
  const ocr = report.pages.filter((p) => p.ocrConfidence !== undefined);
  const conf = ocr.length ? ` (mean OCR confidence ${Math.round(ocr.reduce((a, p) => a + (p.ocrConfidence ?? 0), 0) / ocr.length)})` : '';
  return [...by].map(([k, n]) => `${plural(n, 'page')}: ${word(k)}`).join(', ') + conf;
}

function facts(report: Report): string {
  const s = report.summary;
  const secs = s.sections.all;
  const { labels: cats, unlabelled } = labelCounts(report);
  const rows: [string, string][] = [
    ['File', esc(report.file.path)],
    ['Size', `${esc(num(report.file.bytes))} bytes · ${esc(plural(report.file.pages, 'page'))}${s.pagesUnread ? ` (${esc(num(s.pagesUnread))} not read)` : ''}`],
    ['SHA-256', `<code>${esc(report.file.sha256)}</code>`],
    ['Text', esc(textSources(report))],
    [
      'Redactions',
      esc(
        [plural(s.redactions, 'redaction'), counts(Object.entries(s.redactionsBySource), (k) => SOURCE_TEXT[k as keyof typeof SOURCE_TEXT]), counts(Object.entries(s.redactionsByStyle), (k) => STYLE_TEXT[k as keyof typeof STYLE_TEXT])]
          .filter(Boolean)
          .join(' · '),
      ),
    ],
    ['Labels', cats.length ? esc(cats.map(([k, n]) => `${k} ×${num(n)}`).join(', ') + (unlabelled ? `; ${num(unlabelled)} unlabelled` : '')) : '<span class="muted">none read</span>'],
    ['Sections', esc(`${plural(secs.total, 'section')}: ${num(secs.readable)} readable, ${num(secs.partial)} partly redacted, ${num(secs.redacted)} redacted${secs.unread ? `, ${num(secs.unread)} not read` : ''}`)],
    ['Report', esc(`${report.generator.name} ${report.generator.version}, report schema ${report.schemaVersion}`)],
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function notes(report: Report): string {
  const out: string[] = [];
  if (report.notices.length) {
    out.push(`<h2 id="notices">${esc(plural(report.notices.length, 'notice'))}</h2><ul class="notes">`);
    for (const n of report.notices) out.push(`<li><strong>${esc(NOTICE_KIND_TEXT[n.kind])}</strong>${n.page ? ` (<a href="#page-${n.page}">page ${n.page}</a>)` : ''}: ${esc(n.detail)}</li>`);
    out.push('</ul>');
  }
  if (report.warnings.length) {
    out.push(`<h2 id="warnings">${esc(plural(report.warnings.length, 'warning'))}: not everything was read</h2><ul class="notes">`);
    for (const w of report.warnings) out.push(`<li>${w.page ? `<a href="#page-${w.page}">page ${w.page}</a>: ` : ''}${esc(w.what)}: ${esc(w.why)}</li>`);
    out.push('</ul>');
  }
  return out.join('');
}

export function reviewHeader(report: Report): string {
  return [
    '<header class="top">',
    `<h1>Redaction review: ${esc(fileName(report))}</h1>`,
    verdict(report),
    facts(report),
    notes(report),
    '<p class="keys" id="keys">Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous page · <kbd>l</kbd> next leak · <kbd>s</kbd> sections · <kbd>Tab</kbd> moves through the marks, which say what they are · <kbd>?</kbd> hides this line</p>',
    '</header>',
  ].join('\n');
}
