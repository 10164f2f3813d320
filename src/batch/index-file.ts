/**
 * The batch's own outputs: index.json (one entry per input) and summary.csv (one row per input).
 * Both are derived from the same entries, sorted by relative path, and carry no clock or timing
 * data: the same inputs and options give byte-identical files.
 */
import { FAILURE_CODES } from '../errors.js';
import { SCHEMA_VERSION, VERSION } from '../report-constants.js';
import { compareRel } from './discover.js';
import type { BatchIndex, IndexEntry } from './index-schema.js';

export const INDEX_VERSION = 1 as const;

export { FAILURE_CODES };
// the zod schema of index.json is in index-schema.ts: writing an index does not load zod
export type { BatchIndex, IndexEntry } from './index-schema.js';

export function buildIndex(entries: IndexEntry[]): BatchIndex {
  const files = [...entries].sort((a, b) => compareRel(a.path, b.path));
  const ok = files.filter((e) => e.status === 'ok');
  const sum = (f: (e: IndexEntry) => number) => ok.reduce((a, e) => a + f(e), 0);
  return {
    indexVersion: INDEX_VERSION,
    generator: { name: 'redactmap', version: VERSION },
    reportSchemaVersion: SCHEMA_VERSION,
    totals: {
      files: files.length,
      ok: ok.length,
      error: files.length - ok.length,
      pages: sum((e) => e.summary?.pages ?? 0),
      redactions: sum((e) => e.summary?.redactions ?? 0),
      leaks: sum((e) => e.summary?.leaks ?? 0),
    },
    files,
  };
}

export const CSV_COLUMNS = [
  'path',
  'status',
  'error',
  'code',
  'text_source',
  'pages',
  'redactions',
  'redactions_vector',
  'redactions_annotation',
  'redactions_raster',
  'leaks',
  'sections',
  'sections_readable',
  'sections_partial',
  'sections_redacted',
  'leak_kinds',
  'report',
  // added last, so that a script reading the columns by position reads the older ones as before
  'pages_unread',
  'sections_unread',
] as const;

/** The kinds of leak a file has, ";"-separated, most frequent first ("text-under-box;metadata"). */
export function leakKinds(s: NonNullable<IndexEntry['summary']>): string {
  return Object.entries(s.leaksByKind)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k)
    .join(';');
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** summary.csv: a header, then one row per file in index order; counts empty for failed files. */
export function formatCsv(index: BatchIndex): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of index.files) {
    const s = e.summary;
    const cells: (string | number | null)[] = [
      e.path,
      e.status,
      e.error,
      e.code,
      e.textSource,
      s?.pages ?? null,
      s?.redactions ?? null,
      s?.redactionsBySource.vector ?? null,
      s?.redactionsBySource.annotation ?? null,
      s?.redactionsBySource.raster ?? null,
      s?.leaks ?? null,
      s?.sections.topLevel.total ?? null,
      s?.sections.topLevel.readable ?? null,
      s?.sections.topLevel.partial ?? null,
      s?.sections.topLevel.redacted ?? null,
      s ? leakKinds(s) : null,
      e.report,
      s?.pagesUnread ?? null,
      s?.sections.topLevel.unread ?? null,
    ];
    rows.push(cells.map(csvField).join(','));
  }
  return rows.join('\n') + '\n';
}

/** Parse summary.csv (RFC 4180) into rows of fields: for tests and scripts. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
