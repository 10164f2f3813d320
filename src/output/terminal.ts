/**
 * Output stage: the compact terminal summary of a report (pure: report in, text out).
 */
import type { Report } from '../report/schema.js';

export interface TerminalStyle {
  color: boolean;
}

const codes = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function formatSummary(report: Report, style: TerminalStyle = { color: false }): string {
  const c = (name: keyof typeof codes, s: string) => (style.color ? `\x1b[${codes[name]}m${s}\x1b[0m` : s);
  const s = report.summary;
  const out: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const bySource = Object.entries(s.redactionsBySource)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  out.push(c('bold', report.file.path));
  out.push(
    `${plural(s.pages, 'page')} · ${plural(s.redactions, 'redaction')}${bySource ? ` (${bySource})` : ''} · ` +
      (s.leaks ? c('red', plural(s.leaks, 'leak')) : c('green', 'no leaks')),
  );
  const sources = new Map<string, number>();
  for (const p of report.pages) sources.set(p.textSource, (sources.get(p.textSource) ?? 0) + 1);
  const ocrPages = report.pages.filter((p) => p.ocrConfidence !== undefined);
  const conf = ocrPages.length ? ` (mean OCR confidence ${Math.round(ocrPages.reduce((a, p) => a + (p.ocrConfidence ?? 0), 0) / ocrPages.length)})` : '';
  out.push(c('dim', `text: ${[...sources].map(([k, n]) => `${n} ${k}`).join(', ')}${conf}`));
  out.push('');
  const sec = s.sections.topLevel;
  const unread = sec.unread ? ` · ${sec.unread} unread` : '';
  out.push(`Top-level sections (${sec.total}): ${sec.readable} readable · ${sec.partial} partial · ${sec.redacted} redacted${unread}`);
  const statusWidth = 8;
  for (const section of report.sections) {
    const colour = section.status === 'readable' ? 'green' : section.status === 'partial' ? 'yellow' : 'red';
    const pct = `${Math.round(section.readableRatio * 100)}%`.padStart(4);
    const pages = section.pageStart === section.pageEnd ? `p${section.pageStart}` : `p${section.pageStart}-${section.pageEnd}`;
    const indent = '  '.repeat(Math.max(0, section.level - 1));
    const title = truncate(section.title, 60 - indent.length);
    out.push(`  ${c(colour, section.status.padEnd(statusWidth))} ${pct}  ${indent}${title}  ${c('dim', pages)}`);
  }
  if (report.leaks.length) {
    out.push('');
    out.push(c('red', `LEAKS (${report.leaks.length}): text still extractable under a redaction`));
    for (const leak of report.leaks) {
      const where = leak.page === null ? 'document' : `p${leak.page}`;
      const box = leak.bbox ? ` [${leak.bbox.map((v) => Math.round(v)).join(',')}]` : '';
      out.push(`  ${where}  ${leak.kind.padEnd(21)}${box}  "${truncate(leak.text, 70)}"`);
    }
  }
  const perPage = report.pages.filter((p) => p.redactions.length).map((p) => `p${p.page}:${p.redactions.length}`);
  if (perPage.length) {
    out.push('');
    out.push(c('dim', `redactions per page: ${perPage.join(' ')}`));
  }
  return out.join('\n') + '\n';
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
