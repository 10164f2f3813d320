/** The review page's leak list: each leak's kind, place, recovered text and a crop as evidence. */
import type { Report } from '../../report/schema.js';
import type { LeakCrop } from '../page-images.js';
import { LEAK_KIND_TEXT, plural } from '../words.js';
import { dataUri, esc } from './escape.js';

function where(l: Report['leaks'][number]): string {
  const bits: string[] = [];
  if (l.page !== null) bits.push(`<a href="#page-${l.page}">page ${l.page}</a>`);
  else bits.push('the document as a whole');
  if (l.redactionId) bits.push(`redaction <span class="mono">${esc(l.redactionId)}</span>`);
  if (l.detail) bits.push(esc(l.detail));
  if (l.revision !== undefined) bits.push(`revision ${l.revision}`);
  if (l.confidence !== undefined) bits.push(`read with OCR confidence ${Math.round(l.confidence)}`);
  return bits.join(' · ');
}

function crop(c: LeakCrop | undefined, page: number | null): string {
  if (!c) return '';
  const caption =
    c.from === 'image'
      ? 'The embedded image under the box, as anyone who extracts it sees it'
      : `Page ${page} around the box, as it is displayed`;
  return `<figure style="margin:0"><img src="${dataUri(c.mime, c.data)}" width="${c.width}" height="${c.height}" alt="${esc(caption)}" loading="lazy" decoding="async"><figcaption class="muted" style="font-size:.8rem">${esc(caption)}</figcaption></figure>`;
}

export function reviewLeaks(report: Report, crops: LeakCrop[]): string {
  const head = `<section class="block" id="leaks" aria-labelledby="leaks-h"><h2 id="leaks-h">${report.leaks.length ? esc(plural(report.leaks.length, 'leak')) : 'Leaks'}</h2>`;
  if (!report.leaks.length) return `${head}<p>No leaks: nothing was found under any redaction.</p></section>`;
  const byLeak = new Map(crops.map((c) => [c.leak, c]));
  const items = report.leaks.map(
    (l, i) =>
      `<li class="leak" id="leak-${i + 1}" tabindex="-1"><div><strong>${i + 1}. ${esc(LEAK_KIND_TEXT[l.kind])}</strong> · ${where(l)}</div>` +
      `<p class="leaked">${l.text.trim() ? esc(l.text) : '<span class="muted">(no text: see the picture)</span>'}</p>${crop(byLeak.get(i), l.page)}</li>`,
  );
  return `${head}<ol class="leaks">${items.join('')}</ol></section>`;
}
