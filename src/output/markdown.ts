/**
 * Output stage: a report as Markdown for people (pure: report in, text out).
 *
 * Title, file facts, summary, the section tree (indented by depth), the leaks (one table per
 * kind), the notices, and one redaction table per page that has redactions. Every value taken from the document is escaped where
 * Markdown would read it as markup (and only there: a file_name stays file_name), so a section
 * title or leaked text cannot break a table, add a link or inject HTML. No HTML entities.
 */
import type { Report, ReportPage } from '../report/schema.js';
import { LEAK_KIND_INFO, LEAK_KINDS } from '../report-constants.js';
import { sectionDepths, unreadLines } from './section-tree.js';
import { labelCounts } from './words.js';

/** Files written beside the Markdown report that it links to (paths relative to it). */
export interface MarkdownLinks {
  /** The review page. */
  html?: string;
  /** The overlay folder (page-001.png, ...). */
  overlays?: string;
}

export interface MarkdownOptions {
  links?: MarkdownLinks;
}

/**
 * Escape text for a Markdown table cell or paragraph: one line, backslash escapes only where
 * CommonMark/GFM would see markup: emphasis and code (*, `, _ at a word edge, ~~), links ([),
 * raw HTML and autolinks (< before a tag), entities (&name;), table cells (|), and a backslash
 * before punctuation.
 */
export function mdEscape(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
    .replace(/[`*|]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/~~/g, '\\~\\~')
    .replace(/\[(?=[^\]]*\])/g, '\\[')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/** A link destination: percent-encoded, so spaces and parentheses cannot end it. */
export function mdUrl(path: string): string {
  return encodeURI(path).replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/**
 * Indentation of a nested section title in a table cell: "↳ " under its parent, em spaces (literal
 * characters, not an entity) for each level below that. A renderer that trims the em spaces still
 * shows the arrow. `level` counts from 1 at the top of the tree: the report passes a section's
 * depth in the tree + 1 (a subsection's outline level may skip numbers; its depth does not).
 */
export function sectionIndent(level: number): string {
  return level < 2 ? '' : '\u2003'.repeat(level - 2) + '↳ ';
}

/** The overlay image of a page (the name overlays.ts writes). */
const overlayName = (page: number) => `page-${String(page).padStart(3, '0')}.png`;

const pct = (r: number) => `${Math.round(r * 100)}%`;
const num = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string, many = `${word}s`) => `${num(n)} ${n === 1 ? word : many}`;
const bbox = (b: readonly number[]) => b.map((v) => (Math.round(v * 10) / 10).toString()).join(', ');
const pages = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

/** "1, 3–5, 9" from sorted page numbers. */
export function pageRanges(list: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    out.push(pages(list[i], list[j]));
    i = j + 1;
  }
  return out.join(', ');
}

function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function sourceCell(r: ReportPage['redactions'][number]): string {
  const extra = [r.annotation ? mdEscape(r.annotation) : '', r.unapplied ? '**unapplied**' : ''].filter(Boolean).join(', ');
  return extra ? `${r.source} (${extra})` : r.source;
}

export function formatMarkdown(report: Report, opts: MarkdownOptions = {}): string {
  const s = report.summary;
  const links = opts.links ?? {};
  const out: string[] = [];
  const name = report.file.path.split(/[\\/]/).pop() || report.file.path;
  out.push(`# Redaction report: ${mdEscape(name)}`, '');
  out.push(
    ...table(
      ['Field', 'Value'],
      ['l', 'l'],
      [
        ['File', mdEscape(report.file.path)],
        ['SHA-256', `\`${report.file.sha256}\``],
        ['Size', `${num(report.file.bytes)} bytes`],
        ['Pages', num(report.file.pages)],
        ['Generator', `${report.generator.name} ${mdEscape(report.generator.version)} (report schema ${report.schemaVersion})`],
        ...(links.html ? [['Review page', `[${mdEscape(links.html)}](${mdUrl(links.html)})`]] : []),
        ...(links.overlays ? [['Overlays', `[${mdEscape(links.overlays)}/](${mdUrl(`${links.overlays}/`)}) (one PNG per page)`]] : []),
      ],
    ),
    '',
  );

  out.push('## Summary', '');
  const bySource = Object.entries(s.redactionsBySource)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${num(n)} ${k}`)
    .join(', ');
  out.push(`- ${plural(s.pages, 'page')}, ${plural(s.redactions, 'redaction')}${bySource ? ` (${bySource})` : ''}`);
  // by category, else by the label as read (as the terminal summary counts them)
  const { labels, unlabelled } = labelCounts(report);
  if (labels.length) out.push(`- Labels: ${labels.map(([k, n]) => `${mdEscape(k)} ×${num(n)}`).join(', ')}${unlabelled ? `; ${num(unlabelled)} unlabelled` : ''}`);
  const byKind = Object.entries(s.leaksByKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${num(n)} ${k}`)
    .join(', ');
  out.push(s.leaks ? `- **${plural(s.leaks, 'leak')}** (${byKind}): withheld text anyone can recover` : '- No leaks');
  if (s.notices) out.push(`- ${plural(s.notices, 'notice')} (not leaks)`);
  const counts = (k: typeof s.sections.all) =>
    `${num(k.readable)} readable, ${num(k.partial)} partial, ${num(k.redacted)} redacted` + (k.unread ? `, ${num(k.unread)} unread` : '');
  out.push(`- ${plural(s.sections.topLevel.total, 'top-level section')}: ${counts(s.sections.topLevel)}`);
  if (s.sections.all.total !== s.sections.topLevel.total) {
    out.push(`- ${plural(s.sections.all.total, 'section')} in all, subsections included: ${counts(s.sections.all)}`);
  }
  for (const line of unreadLines(report)) out.push(`- **${mdEscape(line)}**`);
  const sources = new Map<string, number>();
  for (const p of report.pages) sources.set(p.textSource, (sources.get(p.textSource) ?? 0) + 1);
  const textBits = [...sources].map(([k, n]) => `${plural(n, 'page')} ${k === 'none' ? 'without text' : `from ${k === 'ocr' ? 'OCR' : 'the text layer'}`}`);
  const ocr = report.pages.filter((p) => p.ocrConfidence !== undefined);
  const conf = ocr.length ? ` (mean OCR confidence ${Math.round(ocr.reduce((a, p) => a + (p.ocrConfidence ?? 0), 0) / ocr.length)})` : '';
  if (textBits.length) out.push(`- Text: ${textBits.join(', ')}${conf}`);
  out.push('');

  out.push('## Sections', '');
  if (report.sections.length === 0) out.push('No sections found.', '');
  else {
    const depth = sectionDepths(report.sections);
    out.push('Subsections are indented under their section, whose figures count its whole extent, subsections included.', '');
    out.push(
      ...table(
        ['Section', 'Pages', 'Status', 'Readable', 'Visible words', 'Hidden words (est.)'],
        ['l', 'l', 'l', 'r', 'r', 'r'],
        report.sections.map((sec) => [
          sectionIndent((depth.get(sec.id) ?? 0) + 1) + (mdEscape(sec.title) || '(untitled)'),
          pages(sec.pageStart, sec.pageEnd),
          sec.status === 'readable' ? 'readable' : `**${sec.status}**`,
          sec.status === 'unread' ? '–' : pct(sec.readableRatio),
          num(sec.visibleWords),
          num(sec.hiddenWordsEstimate),
        ]),
      ),
      '',
    );
  }

  out.push(...leakSection(report), ...noticeSection(report));

  out.push('## Redactions by page', '');
  const withBoxes = report.pages.filter((p) => p.redactions.length > 0);
  if (withBoxes.length === 0) out.push('No redactions found.', '');
  else {
    out.push('Boxes are PDF points, origin at the top-left of the displayed page.', '');
    for (const p of withBoxes) {
      const overlay = links.overlays ? ` · [overlay](${mdUrl(`${links.overlays}/${overlayName(p.page)}`)})` : '';
      out.push(`### Page ${p.page} (${plural(p.redactions.length, 'redaction')})${overlay}`, '');
      out.push(
        ...table(
          ['Id', 'Box (x0, y0, x1, y1)', 'Source', 'Label'],
          ['l', 'l', 'l', 'l'],
          p.redactions.map((r) => [mdEscape(r.id), bbox(r.bbox), sourceCell(r), labelCell(r)]),
        ),
        '',
      );
    }
    const without = report.pages.filter((p) => p.redactions.length === 0).map((p) => p.page);
    if (without.length) out.push(`Pages without redactions: ${pageRanges(without)}.`, '');
  }
  return out.join('\n');
}

/** A label as read, with its category when that differs ("(BX7XC)" is "(b)(7)(C)"). */
function labelCell(r: ReportPage['redactions'][number]): string {
  if (!r.label) return '';
  return mdEscape(r.category && r.category !== r.label ? `${r.label} (${r.category})` : r.label);
}

/** A leak's text for the table; text read by OCR (from an image under a box) says how sure it is. */
function leakText(l: Report['leaks'][number]): string {
  return mdEscape(l.text) + (l.confidence !== undefined ? ` (OCR, confidence ${Math.round(l.confidence)})` : '');
}

/** "## Leaks": one table per kind (its meaning above it), one row per leak. */
export function leakSection(report: Report): string[] {
  const out = ['## Leaks', ''];
  if (report.leaks.length === 0) return [...out, 'No leaks: no withheld text was found under a redaction or anywhere else in the file.', ''];
  for (const kind of LEAK_KINDS) {
    const leaks = report.leaks.filter((l) => l.kind === kind);
    if (!leaks.length) continue;
    out.push(`### ${kind} (${num(leaks.length)})`, '', `${mdEscape(LEAK_KIND_INFO[kind])}.`, '');
    out.push(
      ...table(
        ['Page', 'Redaction', 'Box (x0, y0, x1, y1)', 'Text', 'Found in'],
        ['r', 'l', 'l', 'l', 'l'],
        leaks.map((l) => [l.page === null ? '' : `${l.page}`, mdEscape(l.redactionId ?? ''), l.bbox ? bbox(l.bbox) : '', leakText(l), mdEscape(l.detail ?? '')]),
      ),
      '',
    );
  }
  return out;
}

/** "## Notices": what is worth knowing but leaks nothing. */
export function noticeSection(report: Report): string[] {
  if (!report.notices.length) return [];
  return [
    '## Notices',
    '',
    ...table(
      ['Kind', 'Page', 'Detail'],
      ['l', 'r', 'l'],
      report.notices.map((n) => [n.kind, n.page === null ? '' : `${n.page}`, mdEscape(n.detail)]),
    ),
    '',
  ];
}
