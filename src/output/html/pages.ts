/**
 * The review page's pages: each page image with its marks (redactions outlined by source and
 * style, leaks filled, a label and hidden-word estimate on hover or focus), section starts in a
 * gutter beside the image, and the page's readable text with its placeholders.
 */
import type { Report, ReportLeak, ReportPage, ReportSection } from '../../report/schema.js';
import type { ReportRedaction } from '../../report-types.js';
import type { PageImage } from '../page-images.js';
import { hiddenWordsText, LEAK_KIND_TEXT, plural, redactionText, SOURCE_TEXT, STYLE_TEXT } from '../words.js';
import { dataUri, esc, pct } from './escape.js';
import { sectionAnchor, sectionTitle } from './toc.js';

/** A tooltip opens above its box when the box ends below this share of the page height. */
export const TIP_FLIP = 0.85;
/** Section marks in the gutter stay at least this share of the page height apart. */
export const SECTION_MARK_GAP = 0.022;

type BBoxLike = readonly number[];

function place(b: BBoxLike, p: ReportPage): string {
  return `left:${pct(b[0], p.width)};top:${pct(b[1], p.height)};width:${pct(b[2] - b[0], p.width)};height:${pct(b[3] - b[1], p.height)}`;
}

function tip(text: string, b: BBoxLike, p: ReportPage): string {
  return `<span class="tip${b[3] / p.height > TIP_FLIP ? ' up' : ''}" aria-hidden="true">${esc(text)}</span>`;
}

export const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function redactionMarks(r: ReportRedaction, p: ReportPage): string {
  const cls = `mark src-${r.source} sty-${r.style}${r.unapplied ? ' unapplied' : ''}`;
  const text = `${r.id}: ${redactionText(r)}`;
  return (r.parts?.length ? r.parts : [r.bbox])
    .map((b, i) =>
      i === 0
        ? `<span class="${cls}" tabindex="0" role="img" aria-label="${esc(`Redaction ${text}`)}" style="${place(b, p)}">${tip(text, b, p)}</span>`
        : `<span class="${cls}" aria-hidden="true" style="${place(b, p)}">${tip(text, b, p)}</span>`,
    )
    .join('');
}

/**
 * Where a leak is filled: inside the box that leaks (the text's own box may reach into the line
 * below), or the leak's box when it has no redaction on the page.
 */
export function leakBox(l: ReportLeak, p: ReportPage): BBoxLike | null {
  const r = l.redactionId ? p.redactions.find((x) => x.id === l.redactionId) : undefined;
  if (!l.bbox || !r) return l.bbox;
  const b = [Math.max(l.bbox[0], r.bbox[0]), Math.max(l.bbox[1], r.bbox[1]), Math.min(l.bbox[2], r.bbox[2]), Math.min(l.bbox[3], r.bbox[3])];
  return b[2] > b[0] && b[3] > b[1] ? b : r.bbox;
}

function leakMark(l: ReportLeak, index: number, p: ReportPage): string {
  const box = leakBox(l, p);
  if (!box) return '';
  const text = `LEAK (${LEAK_KIND_TEXT[l.kind]}): “${clip(l.text, 80)}”`;
  return `<a class="mark leak" href="#leak-${index + 1}" aria-label="${esc(`Leak ${index + 1}: ${LEAK_KIND_TEXT[l.kind]}: ${clip(l.text, 200)}`)}" style="${place(box, p)}">${tip(text, box, p)}</a>`;
}

/** Tops of the section marks as shares of the page height: at the heading, else stacked at the top; kept apart. */
export function sectionMarkTops(sections: ReportSection[], pageHeight: number): number[] {
  let stacked = 0;
  let last = -Infinity;
  return sections.map((s) => {
    const top = s.headingBBox?.[1];
    let y = typeof top === 'number' && Number.isFinite(top) && pageHeight > 0 ? top / pageHeight : stacked++ * SECTION_MARK_GAP;
    y = Math.max(y, last + SECTION_MARK_GAP);
    last = y;
    return y;
  });
}

function gutter(sections: ReportSection[], p: ReportPage): string {
  const tops = sectionMarkTops(sections, p.height);
  const marks = sections.map(
    (s, i) => `<a class="secmark" id="${sectionAnchor(s)}" href="#${sectionAnchor(s)}" tabindex="-1" title="${esc(sectionTitle(s))}" style="top:${(tops[i] * 100).toFixed(3)}%;padding-left:${Math.min(4, Math.max(0, s.level - 1)) * 0.4}rem">§ ${esc(sectionTitle(s))}</a>`,
  );
  return `<div class="gutter" role="group" aria-label="${esc(`Sections starting on page ${p.page}`)}">${marks.join('')}</div>`;
}

/** The page text as HTML: redaction placeholders ([REDACTED ...]) highlighted. */
export function pageTextHtml(text: string): string {
  const parts = text.split(/(\[REDACTED(?: [^\]\n]*)?\])/);
  return parts.map((t, i) => (i % 2 ? `<mark class="ph">${esc(t)}</mark>` : esc(t))).join('');
}

function redactionTable(p: ReportPage, leaks: ReportLeak[]): string {
  if (!p.redactions.length) return '<p class="muted">No redactions on this page.</p>';
  const leaked = new Set(leaks.map((l) => l.redactionId));
  const rows = p.redactions.map(
    (r) =>
      `<tr${leaked.has(r.id) ? ' class="is-leak"' : ''}><td class="mono">${esc(r.id)}</td><td>${esc(SOURCE_TEXT[r.source])}, ${esc(STYLE_TEXT[r.style])}${r.unapplied ? ', never applied' : ''}${leaked.has(r.id) ? ' · LEAKS' : ''}</td><td>${esc(r.category ?? r.label ?? '')}</td><td>${esc(hiddenWordsText(r.hiddenWordsEstimate).replace(/ hidden$/, ''))}</td></tr>`,
  );
  return `<table class="redactions"><caption class="muted" style="text-align:left">Redactions on page ${p.page}</caption><thead><tr><th scope="col">Id</th><th scope="col">What</th><th scope="col">Label</th><th scope="col">Hides</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function altText(p: ReportPage, leaks: number, total: number): string {
  const bits = [plural(p.redactions.length, 'redaction') + ' outlined'];
  if (leaks) bits.push(`${plural(leaks, 'leak')} filled in red`);
  return `Page ${p.page} of ${total} as rendered, ${bits.join(', ')}. Its readable text follows the image.`;
}

export function reviewPage(report: Report, p: ReportPage, image: PageImage | undefined): string {
  const leaks = report.leaks.map((l, i) => ({ l, i })).filter(({ l }) => l.page === p.page);
  const starts = report.sections.filter((s) => s.pageStart === p.page);
  const source = p.textSource === 'ocr' ? `OCR${p.ocrConfidence !== undefined ? ` (confidence ${Math.round(p.ocrConfidence)})` : ''}` : p.textSource === 'none' ? `no text${p.unread ? ` (${p.unread})` : ''}` : 'text layer';
  const meta = [plural(p.redactions.length, 'redaction'), leaks.length ? plural(leaks.length, 'leak') : '', source].filter(Boolean).join(' · ');
  const picture = image
    ? `<img src="${dataUri(image.mime, image.data)}" width="${image.width}" height="${image.height}" alt="${esc(altText(p, leaks.length, report.pages.length))}" loading="lazy" decoding="async">`
    : `<div style="aspect-ratio:${p.width}/${p.height}" role="img" aria-label="Page ${p.page}: no picture"></div>`;
  return [
    `<section class="block page" id="page-${p.page}" aria-labelledby="page-${p.page}-h" data-page="${p.page}">`,
    `<h2 id="page-${p.page}-h" tabindex="-1">Page ${p.page} <span class="muted" style="font-weight:400;font-size:.9rem">${esc(meta)}</span></h2>`,
    `<div class="page-body">`,
    gutter(starts, p),
    `<figure class="sheet" style="aspect-ratio:${p.width}/${p.height}">${picture}`,
    p.redactions.map((r) => redactionMarks(r, p)).join(''),
    leaks.map(({ l, i }) => leakMark(l, i, p)).join(''),
    '</figure>',
    `<div class="page-text"><h3 id="page-${p.page}-text">Readable text</h3><pre class="pagetext" tabindex="0" aria-labelledby="page-${p.page}-text">${pageTextHtml(p.text) || '<span class="muted">(no text)</span>'}</pre>${redactionTable(p, leaks.map(({ l }) => l))}</div>`,
    '</div></section>',
  ].join('\n');
}

/** Anchors for sections whose first page has no page in the report (so every sidebar link lands). */
export function strayAnchors(report: Report): string {
  const pages = new Set(report.pages.map((p) => p.page));
  const stray = report.sections.filter((s) => !pages.has(s.pageStart));
  if (!stray.length) return '';
  return `<section class="block" aria-label="Sections without a page"><h2>Sections without a page</h2><ul>${stray.map((s) => `<li id="${sectionAnchor(s)}">${esc(sectionTitle(s))} (page ${s.pageStart})</li>`).join('')}</ul></section>`;
}

