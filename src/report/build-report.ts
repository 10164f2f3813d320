/**
 * Report stage: the pipeline's plain data into the versioned, validated JSON report.
 */
import { createRequire } from 'node:module';
import type { AnalysisWarning, Leak, Notice, Redaction, RedactionEstimate, Section, UnreadReason } from '../model.js';
import { LEAK_KINDS, REDACTION_SOURCES, REDACTION_STYLES } from '../report-types.js';
import { reportSchema, SCHEMA_VERSION, type Report, type ReportPage, type SectionCounts } from './schema.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const VERSION: string = pkg.version;

export interface PageResult {
  page: number;
  width: number;
  height: number;
  textSource: ReportPage['textSource'];
  unread?: UnreadReason;
  ocrEngine?: ReportPage['ocrEngine'];
  ocrConfidence?: number;
  redactions: Redaction[];
  text: string;
}

export interface ReportInput {
  path: string;
  sha256: string;
  bytes: number;
  pages: PageResult[];
  sections: Section[];
  leaks: Leak[];
  /** What the text stage estimates each redaction hides, by redaction id. */
  estimates: ReadonlyMap<string, RedactionEstimate>;
  notices?: Notice[];
  warnings?: AnalysisWarning[];
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** How many items fall in each of `keys`. */
function tally<K extends string>(keys: readonly K[], items: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const k of items) out[k]++;
  return out;
}

function sectionCounts(sections: readonly Section[]): SectionCounts {
  const n = (status: Section['status']) => sections.filter((s) => s.status === status).length;
  return { total: sections.length, readable: n('readable'), partial: n('partial'), redacted: n('redacted'), unread: n('unread') };
}

function byCategory(redactions: readonly Redaction[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of redactions) if (r.category) out[r.category] = (out[r.category] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function buildReport(input: ReportInput): Report {
  const redactions = input.pages.flatMap((p) => p.redactions);
  const notices = input.notices ?? [];
  const warnings = input.warnings ?? [];
  const estimate = (id: string): RedactionEstimate => input.estimates.get(id) ?? { hiddenWordsEstimate: 0, hiddenCharsEstimate: 0 };
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'redactmap', version: VERSION },
    file: { path: input.path, sha256: input.sha256, pages: input.pages.length, bytes: input.bytes },
    pages: input.pages.map((p) => ({
      page: p.page,
      width: r2(p.width),
      height: r2(p.height),
      textSource: p.textSource,
      ...(p.unread ? { unread: p.unread } : {}),
      ...(p.ocrEngine ? { ocrEngine: p.ocrEngine } : {}),
      ...(p.ocrConfidence !== undefined ? { ocrConfidence: r2(p.ocrConfidence) } : {}),
      redactions: p.redactions.map(({ page: _page, ...r }) => ({ ...r, ...estimate(r.id) })),
      text: p.text,
    })),
    sections: input.sections.map((s) => ({ ...s })),
    leaks: input.leaks.map((l) => ({ ...l })),
    notices: notices.map((n) => ({ ...n })),
    warnings: warnings.map((w) => ({ ...w })),
    summary: {
      pages: input.pages.length,
      pagesUnread: input.pages.filter((p) => p.unread).length,
      redactions: redactions.length,
      redactionsBySource: tally(REDACTION_SOURCES, redactions.map((r) => r.source)),
      redactionsByStyle: tally(REDACTION_STYLES, redactions.map((r) => r.style)),
      redactionsByCategory: byCategory(redactions),
      leaks: input.leaks.length,
      leaksByKind: tally(LEAK_KINDS, input.leaks.map((l) => l.kind)),
      notices: notices.length,
      warnings: warnings.length,
      sections: { topLevel: sectionCounts(input.sections.filter((s) => s.parentId === null)), all: sectionCounts(input.sections) },
    },
  };
  // the report is a contract: never hand out one that breaks it
  return reportSchema.parse(report);
}
