/**
 * Report stage: the pipeline's plain data into the versioned, validated JSON report.
 */
import { createRequire } from 'node:module';
import type { Leak, Redaction, Section } from '../model.js';
import { reportSchema, SCHEMA_VERSION, type Report, type ReportPage } from './schema.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const VERSION: string = pkg.version;

export interface PageResult {
  page: number;
  width: number;
  height: number;
  textSource: ReportPage['textSource'];
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
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function buildReport(input: ReportInput): Report {
  const redactions = input.pages.flatMap((p) => p.redactions);
  const count = (status: Section['status']) => input.sections.filter((s) => s.status === status).length;
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'redactmap', version: VERSION },
    file: { path: input.path, sha256: input.sha256, pages: input.pages.length, bytes: input.bytes },
    pages: input.pages.map((p) => ({
      page: p.page,
      width: r2(p.width),
      height: r2(p.height),
      textSource: p.textSource,
      ...(p.ocrConfidence !== undefined ? { ocrConfidence: r2(p.ocrConfidence) } : {}),
      redactions: p.redactions.map(({ page: _page, ...r }) => r),
      text: p.text,
    })),
    sections: input.sections.map((s) => ({ ...s })),
    leaks: input.leaks.map((l) => ({ ...l })),
    summary: {
      pages: input.pages.length,
      redactions: redactions.length,
      redactionsBySource: {
        vector: redactions.filter((r) => r.source === 'vector').length,
        annotation: redactions.filter((r) => r.source === 'annotation').length,
        raster: redactions.filter((r) => r.source === 'raster').length,
      },
      leaks: input.leaks.length,
      sections: { total: input.sections.length, readable: count('readable'), partial: count('partial'), redacted: count('redacted') },
    },
  };
  // the report is a contract: never hand out one that breaks it
  return reportSchema.parse(report);
}
