/**
 * Report stage: the pipeline's plain data into the versioned JSON report.
 *
 * The report is a contract: its shape is the zod schema's (report/schema.ts), through the types,
 * and it is built in the schema's field order. Every report the tests and the fuzz harness build
 * is checked against the schema (REDACTMAP_VALIDATE_REPORTS=1: the schema must accept it and
 * give it back unchanged, same fields in the same order). An ordinary run checks only what the
 * types cannot: that every number is finite. It does not load zod, whose import costs ~150 ms of
 * CPU in every process (measured), more than the rest of a one-page analysis.
 */
import type { AnalysisWarning, Leak, Notice, Redaction, RedactionEstimate, Section, UnreadReason } from '../model.js';
import { LEAK_FIELDS, LEAK_KINDS, NOTICE_FIELDS, REDACTION_SOURCES, REDACTION_STYLES, SCHEMA_VERSION, VERSION } from '../report-constants.js';
import type { Report, ReportPage, SectionCounts } from './schema.js';

/** Set to 1: check every report against the zod schema as it is built (see the module comment). */
export const VALIDATE_REPORTS_ENV = 'REDACTMAP_VALIDATE_REPORTS';
const schema = process.env[VALIDATE_REPORTS_ENV] === '1' ? await import('./schema.js') : undefined;

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
    leaks: input.leaks.map((l) => inOrder(l, LEAK_FIELDS)),
    notices: notices.map((n) => inOrder(n, NOTICE_FIELDS)),
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
  // JSON cannot carry a number that is not finite: one is a bug upstream, never a report
  const bad = nonFinite(report);
  if (bad !== undefined) throw new Error(`report: a number that is not finite at report${bad}`);
  if (schema) checkAgainstSchema(report, schema.reportSchema);
  return report;
}

/** The object's fields in the given order (the schema's); fields not listed are left out. */
function inOrder<T extends object>(o: T, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of fields) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  return out as T;
}

/** Where the first NaN or infinite number in a value is (".pages[2].width = NaN"), if any. */
export function nonFinite(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : ` = ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const where = nonFinite(value[i]);
      if (where !== undefined) return `[${i}]${where}`;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const k in value) {
      const where = nonFinite((value as Record<string, unknown>)[k]);
      if (where !== undefined) return `.${k}${where}`;
    }
  }
  return undefined;
}

/** The schema must accept the report and give it back unchanged: same fields, same order. */
function checkAgainstSchema(report: Report, reportSchema: { parse(v: unknown): unknown }): void {
  const given = JSON.stringify(report);
  const parsed = JSON.stringify(reportSchema.parse(report));
  if (given === parsed) return;
  let i = 0;
  while (given[i] === parsed[i]) i++;
  throw new Error(`report: not in the schema's shape at …${given.slice(Math.max(0, i - 80), i + 40)}… (schema: …${parsed.slice(Math.max(0, i - 80), i + 40)}…)`);
}
