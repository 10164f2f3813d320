/**
 * Output stage: the compact terminal summary of a report (pure: report in, text out).
 */
import type { Report } from '../report/schema.js';
import { LEAK_KINDS } from '../report-constants.js';
import { sectionDepths, unreadLines } from './section-tree.js';
import { labelCounts, LEAK_KIND_TEXT, NOTICE_KIND_TEXT } from './words.js';

export interface TerminalStyle {
  color: boolean;
  /** The review page just written (the next step is to open it). */
  wrote?: string;
  /** The input as named on the command line, for the suggested next command (default: the report's path). */
  input?: string;
}

/** A word safe to paste into a POSIX shell. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The summary's last line: what to do next. */
export function nextStep(report: Report, style: Pick<TerminalStyle, 'wrote' | 'input'>): string {
  if (style.wrote) return `Next: open ${style.wrote} in a browser to look at every page${report.leaks.length ? ' and the leaks' : ''}.`;
  const input = style.input ?? report.file.path;
  const cmd = input === '<stdin>' ? 'redactmap analyze - --format html --out review.html < FILE' : `redactmap analyze ${shellQuote(input)} --format html --out review.html`;
  return `Next: ${cmd} to look at every page${report.leaks.length ? ' and the leaks' : ''}.`;
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
  out.push(...unreadLines(report).map((l) => c('yellow', l)));
  out.push('');
  out.push(...sectionLines(report, c));
  out.push(...leakLines(report, c));
  const perPage = report.pages.filter((p) => p.redactions.length).map((p) => `p${p.page}:${p.redactions.length}`);
  if (perPage.length) {
    out.push('');
    out.push(c('dim', `redactions per page: ${perPage.join(' ')}`));
  }
  const { labels, unlabelled } = labelCounts(report);
  if (labels.length) out.push(c('dim', `labels: ${labels.map(([k, n]) => `${k} ×${n}`).join(', ')}${unlabelled > 0 ? `; ${unlabelled} unlabelled` : ''}`));
  out.push(...noticeLines(report, c));
  if (report.warnings.length) {
    const first = report.warnings[0];
    const more = report.warnings.length > 1 ? ` (and ${report.warnings.length - 1} more: see the report)` : '';
    out.push(c('yellow', `warning: ${first.page ? `p${first.page}: ` : ''}${first.what}: ${truncate(first.why, 80)}${more}`));
  }
  out.push('');
  out.push(nextStep(report, style));
  return out.join('\n') + '\n';
}

type Paint = (name: keyof typeof codes, s: string) => string;

/**
 * The leaks grouped by kind ("text under a box (text-under-box, 2)"), one line each: where, the
 * box, the redaction, where it was found, and the recovered text.
 */
export function leakLines(report: Report, c: Paint = (_n, s) => s): string[] {
  if (!report.leaks.length) return [];
  const out = ['', c('red', `LEAKS (${report.leaks.length}): what a reader can still recover, and where`)];
  for (const kind of LEAK_KINDS) {
    const leaks = report.leaks.filter((l) => l.kind === kind);
    if (!leaks.length) continue;
    out.push(`  ${c('bold', LEAK_KIND_TEXT[kind])} (${kind}, ${leaks.length})`);
    for (const leak of leaks) {
      const where = leak.page === null ? 'document' : `p${leak.page}`;
      const box = leak.bbox ? ` [${leak.bbox.map((v) => Math.round(v)).join(',')}]` : '';
      const under = leak.redactionId ? ` under ${leak.redactionId}` : '';
      const detail = leak.detail ? ` (${truncate(leak.detail, 60)})` : '';
      out.push(`    ${where}${box}${under}${detail}: ${c('red', `"${truncate(leak.text, 80)}"`)}`);
    }
  }
  return out;
}

/** The notices, after the leaks, one line each; measurable widths (often many) on one line. */
export function noticeLines(report: Report, c: Paint = (_n, s) => s): string[] {
  const out: string[] = [];
  const widths = report.notices.filter((n) => n.kind === 'width-measurable');
  for (const n of report.notices) {
    if (n.kind !== 'width-measurable') out.push(c('yellow', `notice: ${NOTICE_KIND_TEXT[n.kind]}${n.page ? ` (p${n.page})` : ''}: ${truncate(n.detail, 100)}`));
  }
  if (widths.length) {
    const pages = [...new Set(widths.map((n) => `p${n.page}`))].join(' ');
    const some = widths.slice(0, 3).map((n) => `${n.redactionId} ${n.widthPt} pt ≈ ${n.charsEstimate} characters`).join('; ');
    out.push(c('yellow', `notice: ${NOTICE_KIND_TEXT['width-measurable']} for ${widths.length} redaction${widths.length === 1 ? '' : 's'} (${pages}): ${some}${widths.length > 3 ? '; …' : ''}`));
  }
  return out;
}

function counts(k: Report['summary']['sections']['all']): string {
  const unread = k.unread ? ` · ${k.unread} unread` : '';
  return `${k.readable} readable · ${k.partial} partial · ${k.redacted} redacted${unread}`;
}

/** The section tree, indented by depth, with the counts of the top level and of all sections. */
function sectionLines(report: Report, c: Paint): string[] {
  const { topLevel, all } = report.summary.sections;
  const out = [`Top-level sections (${topLevel.total}): ${counts(topLevel)}`];
  if (all.total !== topLevel.total) out.push(c('dim', `All sections, subsections included (${all.total}): ${counts(all)}`));
  const depth = sectionDepths(report.sections);
  const statusWidth = 8;
  for (const section of report.sections) {
    const colour = section.status === 'readable' ? 'green' : section.status === 'partial' ? 'yellow' : section.status === 'unread' ? 'dim' : 'red';
    const pct = section.status === 'unread' ? '   -' : `${Math.round(section.readableRatio * 100)}%`.padStart(4);
    const pages = section.pageStart === section.pageEnd ? `p${section.pageStart}` : `p${section.pageStart}-${section.pageEnd}`;
    const indent = '  '.repeat(depth.get(section.id) ?? 0);
    const title = truncate(section.title, 60 - indent.length);
    out.push(`  ${c(colour, section.status.padEnd(statusWidth))} ${pct}  ${indent}${title}  ${c('dim', pages)}`);
  }
  return out;
}

/** One warning in one line: "page 3: an image skipped: cannot be decoded (...)". */
export function describeWarning(w: Report['warnings'][number]): string {
  return `${w.page === null ? '' : `page ${w.page}: `}${w.what} skipped: ${w.why}`;
}

/** Warnings shown on the terminal: at most this many lines, then a count of the rest. */
export const MAX_WARNING_LINES = 10;

/**
 * The report's warnings (what was skipped and why) as stderr lines naming the file, or '' when
 * there are none: nothing is skipped silently, whatever the output format.
 */
export function formatWarnings(report: Report, file: string = report.file.path): string {
  const lines = report.warnings.slice(0, MAX_WARNING_LINES).map((w) => `redactmap: warning: ${file}: ${describeWarning(w)}\n`);
  const more = report.warnings.length - MAX_WARNING_LINES;
  if (more > 0) lines.push(`redactmap: warning: ${file}: ${more} more warning${more === 1 ? '' : 's'} in the report\n`);
  return lines.join('');
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
