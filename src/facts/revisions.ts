/**
 * Revisions: a PDF saved incrementally keeps every earlier version of itself, each ending with its
 * own `startxref … %%EOF`. Cutting the file after one of those markers gives back that revision
 * exactly as it was saved. Here: where the revisions end (from the raw bytes), and the extractable
 * text of a revision's pages (pdfjs text content, the same extractor for every revision so that
 * unchanged pages compare equal).
 */
import type { AnalysisWarning, BBox, RevisionText, TextRun } from '../model.js';
import { openPdf } from '../load/open-pdf.js';
import type { PDFDocumentProxy, PDFPageProxy } from '../load/pdfjs.js';
import { applyPoint, multiply } from './geometry.js';

const EOF_MARK = Buffer.from('%%EOF', 'latin1');
/** How far before `%%EOF` its `startxref N` may stand (bytes). */
const STARTXREF_WINDOW = 64;

/**
 * Byte offsets where each saved revision ends, in file order; the last one is the final revision.
 * A `%%EOF` counts when a `startxref` just before it points to a cross-reference section (`xref` or
 * an `N G obj` xref stream) earlier in the file. The first-page trailer of a linearized file (its
 * startxref is 0, and it lies inside the length `/L` the linearization dictionary gives) is not a
 * revision. A file with no valid marker is one revision.
 */
export function findRevisionEnds(bytes: Uint8Array): number[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const linearizedLength = linearizedFileLength(buf);
  const ends: number[] = [];
  for (let at = buf.indexOf(EOF_MARK); at >= 0; at = buf.indexOf(EOF_MARK, at + EOF_MARK.length)) {
    const before = buf.toString('latin1', Math.max(0, at - STARTXREF_WINDOW), at);
    const m = /startxref\s+(\d+)\s*$/.exec(before);
    if (!m) continue;
    const offset = Number(m[1]);
    if (!(offset > 0 && offset < at) || !startsXref(buf, offset)) continue;
    const end = at + EOF_MARK.length;
    if (linearizedLength !== undefined && end < linearizedLength - 16) continue;
    ends.push(end);
  }
  return ends.length ? ends : [bytes.length];
}

function startsXref(buf: Buffer, offset: number): boolean {
  const head = buf.toString('latin1', offset, Math.min(buf.length, offset + 32)).replace(/^\s+/, '');
  return head.startsWith('xref') || /^\d+\s+\d+\s+obj\b/.test(head);
}

/** `/L` of a linearization dictionary at the start of the file, if there is one. */
function linearizedFileLength(buf: Buffer): number | undefined {
  const head = buf.toString('latin1', 0, Math.min(buf.length, 1024));
  if (!/\/Linearized\b/.test(head)) return undefined;
  const m = /\/L\s+(\d+)/.exec(head);
  return m ? Number(m[1]) : undefined;
}

/** The extractable text of one page, as runs with their display-space boxes. */
export async function pageTextRuns(page: PDFPageProxy): Promise<TextRun[]> {
  const vt = page.getViewport({ scale: 1 }).transform;
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    runs.push({ text: item.str, bbox: runBox(item.transform, item.width, item.height, vt) });
  }
  return runs;
}

/** Box of a text-content item: its baseline origin and direction from `transform`, its width and height. */
function runBox(t: number[], width: number, height: number, vt: number[]): BBox {
  const m = multiply(t, vt);
  // the item's transform includes the font size; width and height are in user space
  const along = Math.hypot(t[0], t[1]) || 1;
  const up = Math.hypot(t[2], t[3]) || along;
  const w = width / along;
  const h = (height || up) / up;
  const pts = [applyPoint(m, 0, -0.2 * h), applyPoint(m, w, -0.2 * h), applyPoint(m, 0, h), applyPoint(m, w, h)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The text runs of every page of an open document. */
export async function documentTextRuns(doc: PDFDocumentProxy): Promise<TextRun[][]> {
  const pages: TextRun[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    pages.push(await pageTextRuns(page));
    page.cleanup();
  }
  return pages;
}

/** Earlier revisions read (the most recent ones); older ones are skipped with a warning. */
export const MAX_EARLIER_REVISIONS = 10;

export interface RevisionsRead {
  /** The final revision's text (read only when there are earlier revisions). */
  final: TextRun[][];
  earlier: RevisionText[];
  warnings: AnalysisWarning[];
}

/**
 * The text of the final revision and of each earlier one (the file cut after its `%%EOF`). A
 * revision that cannot be opened is skipped with a warning, never an error.
 */
export async function readRevisionTexts(doc: PDFDocumentProxy, bytes: Uint8Array, ends: readonly number[], password?: string): Promise<RevisionsRead> {
  const out: RevisionsRead = { final: [], earlier: [], warnings: [] };
  if (ends.length < 2) return out;
  out.final = await documentTextRuns(doc);
  const earlier = ends.slice(0, -1).map((end, i) => ({ end, revision: i + 1 }));
  const read = earlier.slice(-MAX_EARLIER_REVISIONS);
  if (read.length < earlier.length) {
    out.warnings.push({ page: null, what: `revisions 1 to ${earlier.length - read.length}`, why: `only the last ${MAX_EARLIER_REVISIONS} earlier revisions are compared` });
  }
  for (const { end, revision } of read) {
    let old: PDFDocumentProxy | undefined;
    try {
      old = await openPdf({ bytes: bytes.subarray(0, end), path: `revision ${revision}`, sha256: '' }, password, { readOnly: true });
      out.earlier.push({ revision, pages: await documentTextRuns(old) });
    } catch (e) {
      out.warnings.push({ page: null, what: `revision ${revision} of ${ends.length}`, why: `cannot be read (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})` });
    } finally {
      await old?.destroy().catch(() => undefined);
    }
  }
  return out;
}
