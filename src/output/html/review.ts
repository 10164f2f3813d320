/**
 * Output stage: the review page. One self-contained HTML file (styles, script and pictures inline,
 * a Content-Security-Policy that forbids every network request): header with the file facts and
 * the verdict, the section tree beside the pages, the leak list, and each page's picture with its
 * marks and readable text. Pure: report and pictures in, HTML out (see page-images.ts for the
 * pictures and writeReviewHtml in ../review.ts for the whole step).
 */
import { createHash } from 'node:crypto';
import type { Report } from '../../report/schema.js';
import type { ReviewImages } from '../page-images.js';
import { SOURCE_TEXT, STYLE_TEXT } from '../words.js';
import { esc } from './escape.js';
import { fileName, reviewHeader } from './header.js';
import { reviewLeaks } from './leaks.js';
import { reviewPage, strayAnchors } from './pages.js';
import { REVIEW_SCRIPT } from './script.js';
import { REVIEW_CSS } from './style.js';
import { reviewToc } from './toc.js';

/** Content-Security-Policy of a page whose only script is `script`: nothing is fetched, only that script runs. */
export function contentPolicy(script: string): string {
  const hash = createHash('sha256').update(script).digest('base64');
  return `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
}

/** The marks used in this report, each with its look: the legend lists these and no others. */
export function legendItems(report: Report): { cls: string; text: string }[] {
  const rs = report.pages.flatMap((p) => p.redactions);
  const items: { cls: string; text: string }[] = [];
  for (const src of ['vector', 'annotation', 'raster'] as const) {
    if (rs.some((r) => r.source === src)) items.push({ cls: `src-${src}`, text: `${SOURCE_TEXT[src]} (outline colour)` });
  }
  for (const sty of ['white', 'outline', 'marker'] as const) {
    if (rs.some((r) => r.style === sty)) items.push({ cls: `src-vector sty-${sty}`, text: STYLE_TEXT[sty] });
  }
  if (rs.some((r) => r.unapplied)) items.push({ cls: 'src-annotation unapplied', text: 'never applied (dashed)' });
  if (report.leaks.some((l) => l.bbox)) items.push({ cls: 'leak', text: 'leak (filled red)' });
  if (report.sections.length) items.push({ cls: 'section', text: '§ section start (beside the page)' });
  return items;
}

function legend(report: Report): string {
  const items = legendItems(report).map((i) =>
    i.cls === 'section'
      ? `<li><span class="swatch" style="--c:var(--section);outline-width:0;border-top:3px solid var(--section)"></span>${esc(i.text)}</li>`
      : `<li><span class="swatch mark ${i.cls}" style="position:static"></span>${esc(i.text)}</li>`,
  );
  if (!items.length) return '';
  return `<section class="block" aria-labelledby="legend-h"><h2 id="legend-h">Marks on the pages</h2><ul class="legend">${items.join('')}</ul><p class="muted" style="margin:.5rem 0 0;font-size:.85rem">Point at a mark or move to it with Tab: its label and the estimated number of hidden words appear beside it.</p></section>`;
}

export function formatReviewHtml(report: Report, images: ReviewImages): string {
  const byPage = new Map(images.pages.map((i) => [i.page, i]));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(contentPolicy(REVIEW_SCRIPT))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${esc(`${report.generator.name} ${report.generator.version}`)}">`,
    `<title>${esc(`${report.summary.leaks ? `${report.summary.leaks} LEAK${report.summary.leaks === 1 ? '' : 'S'} · ` : ''}${fileName(report)} · redaction review`)}</title>`,
    `<style>${REVIEW_CSS}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the pages</a>',
    reviewHeader(report),
    '<div class="layout">',
    reviewToc(report.sections),
    '<main id="main" tabindex="-1">',
    legend(report),
    reviewLeaks(report, images.crops),
    ...report.pages.map((p) => reviewPage(report, p, byPage.get(p.page))),
    strayAnchors(report),
    '</main>',
    '</div>',
    `<script>${REVIEW_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
